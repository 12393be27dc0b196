// The review pages over HTTP, as a browser without JavaScript uses them: an officer writes a
// proposal and attaches files (multipart), the completeness check lists what is missing, the head
// submits, the reviewer (who never acts for NIDA) rates, raises deficiencies, asks a question and
// decides; each page in both languages; other institutions get 404; the demo data loads.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { createTestApp, csrfToken, makeUser, signIn, type Browser, type TestApp } from '../../../test/helpers.ts';
import { loadPortfolioDemo } from '../portfolio/index.ts';
import { PdfWriter } from '../../platform/pdf/index.ts';
import { loadReviewsDemo } from './demo.ts';

let t: TestApp;
before(async () => {
  t = await createTestApp({ dataDir: `/tmp/viwango-reviews-http-${process.pid}` });
  await loadPortfolioDemo(t.db, t.config);
});
after(() => t.close());

async function upload(b: Browser, caseId: string, kind: string) {
  const page = await b.get(`/reviews/cases/${caseId}?lang=en`);
  const w = await PdfWriter.create({ title: kind, lang: 'en' });
  const bytes = Buffer.from(await w.heading(kind).bytes());
  const boundary = `----viwango${crypto.randomBytes(8).toString('hex')}`;
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${csrfToken(page.body)}\r\n`),
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="kind"\r\n\r\n${kind}\r\n`),
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${kind}.pdf"\r\nContent-Type: application/pdf\r\n\r\n`),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return t.app.inject({ method: 'POST', url: `/reviews/cases/${caseId}/attachments?lang=en`, payload, headers: { cookie: [...b.cookies].map(([k, v]) => `${k}=${v}`).join('; '), 'content-type': `multipart/form-data; boundary=${boundary}` } });
}

const form = {
  title: 'Electronic records management system', systemName: 'Electronic Records and Document Management System', problem: 'Keep letters, memos, files and documents electronically instead of on paper.',
  objectives: 'No lost files.', capabilities: 'ADM.REC', options: 'e-Office considered.', scope: 'All offices.', integrations: 'GovESB', govesb: 'yes', hosting: 'govdc', dataDescription: 'Letters and files.', personalData: 'yes',
  standards: 'Records management guideline.', usersCount: '400', capex1: '400000000', capex2: '50000000', capex3: '0', capex4: '0', capex5: '0', opex1: '20000000', opex2: '30000000', opex3: '30000000', opex4: '30000000', opex5: '30000000',
  capexTotal: '450000000', opexTotal: '140000000', fundingSource: 'Development budget', timeline: '12 months', benefits: 'Faster service', risks: 'Adoption',
};

test('officer, head and reviewer go through a proposal on the pages; the screening and the letters show', async () => {
  const officer = await signIn(t.app, await makeUser(t.db, 'institution_officer', 'NIDA'));
  // Costs that do not add up: the form comes back with the field named.
  const bad = await officer.post('/reviews/proposals/new?lang=en', { ...form, capexTotal: '1' }, { csrfFrom: '/reviews/proposals/new?lang=en' });
  assert.equal(bad.statusCode, 422);
  assert.match(bad.body, /total capital cost does not equal the sum/);
  const created = await officer.post('/reviews/proposals/new?lang=en', form, { csrfFrom: '/reviews/proposals/new?lang=en' });
  assert.equal(created.statusCode, 303, created.body.slice(0, 500));
  const caseId = String(created.headers.location).split('/')[3].split('?')[0];

  for (const kind of ['concept_note', 'requirements']) assert.equal((await upload(officer, caseId, kind)).statusCode, 303);
  // The upload form without a file: the case again, the message in the reader's language, the kind chosen kept.
  const noFile = await officer.postMultipart(`/reviews/cases/${caseId}/attachments?lang=sw`, { kind: 'business_case' }, undefined, { csrfFrom: `/reviews/cases/${caseId}` });
  assert.equal(noFile.statusCode, 422);
  assert.match(noFile.body, /href="#file">Ambatisha faili la PDF, Word au Excel\./);
  assert.match(noFile.body, /<option value="business_case" selected/);
  const page = await officer.get(`/reviews/cases/${caseId}?lang=en`);
  assert.match(page.body, /Attachment: the business case/);
  assert.doesNotMatch(page.body, /Submit to the authority/, 'only the head submits');

  const head = await signIn(t.app, await makeUser(t.db, 'institution_head', 'NIDA'));
  const refused = await head.post(`/reviews/cases/${caseId}/submit?lang=sw`, {}, { csrfFrom: `/reviews/cases/${caseId}?lang=sw` });
  assert.equal(refused.statusCode, 422);
  assert.match(refused.body, /Kiambatisho: uchambuzi wa kibiashara/);
  assert.equal((await upload(officer, caseId, 'business_case')).statusCode, 303);
  assert.equal((await head.post(`/reviews/cases/${caseId}/submit`, {}, { csrfFrom: `/reviews/cases/${caseId}` })).statusCode, 303);

  const reviewer = await signIn(t.app, await makeUser(t.db, 'authority_reviewer'));
  const review = await reviewer.get(`/reviews/cases/${caseId}?lang=en`);
  assert.match(review.body, /Automatic screening/);
  assert.match(review.body, /Mfumo wa Ofisi Mtandao/);
  assert.match(review.body, /Document Management System/);
  assert.match(review.body, /Mfumo wa Kumbukumbu na Nyaraka/);
  assert.match(review.body, /Value-for-money score/);

  const url = `/reviews/cases/${caseId}`;
  assert.equal((await reviewer.post(`${url}/ratings`, { rating_reuse: 'red', comment_reuse: 'e-Office does this.', rating_strategic_alignment: 'green' }, { csrfFrom: url })).statusCode, 303);
  for (const text of ['Why not e-Office?', 'Show the migration plan.']) assert.equal((await reviewer.post(`${url}/deficiencies`, { text }, { csrfFrom: url })).statusCode, 303);
  // A refused step (an amber rating without its reason) shows the checklist again: the message in the
  // reader's language at the criterion's own comment box, the other criterion's comment as typed.
  const amber = await reviewer.post(`${url}/ratings?lang=sw`, { rating_reuse: 'amber', comment_reuse: '', rating_security: 'green', comment_security: 'Gharama zinaeleweka.' }, { csrfFrom: url });
  assert.equal(amber.statusCode, 422);
  assert.match(amber.body, /href="#comment_reuse">Eleza sababu: alama ya njano au nyekundu inahitaji maoni\./);
  assert.match(amber.body, /Gharama zinaeleweka\./);
  const noReasons = await reviewer.post(`${url}/decision?lang=en`, { outcome: 'approved', reasons: '' }, { csrfFrom: url });
  assert.equal(noReasons.statusCode, 422);
  assert.match(noReasons.body, /decision without reasons/);

  const ids = await t.db.query<{ id: string; number: number }>('SELECT id, number FROM review_deficiencies WHERE case_id = $1 ORDER BY number', [caseId]);
  // An empty answer: the message points at that deficiency's own answer box.
  const empty = await officer.post(`/reviews/deficiencies/${ids[1].id}/answer?lang=en`, { [`answer_${ids[1].number}`]: ' ' }, { csrfFrom: url });
  assert.equal(empty.statusCode, 422);
  assert.match(empty.body, new RegExp(`href="#answer_${ids[1].number}">Write your answer\\.`));
  assert.equal((await officer.post(`/reviews/deficiencies/${crypto.randomUUID()}/answer`, { answer_1: 'x' }, { csrfFrom: url })).statusCode, 404);
  for (const d of ids) assert.equal((await officer.post(`/reviews/deficiencies/${d.id}/answer`, { [`answer_${d.number}`]: 'Answered.' }, { csrfFrom: url })).statusCode, 303);
  assert.equal((await reviewer.post(`${url}/decision`, { outcome: 'approved_with_conditions', reasons: 'Use e-Office.', conditions: 'Use the shared e-Office for correspondence and files.' }, { csrfFrom: url })).statusCode, 303);
  const decided = await officer.get(`${url}?lang=sw`);
  assert.match(decided.body, /Imeidhinishwa kwa masharti/);
  assert.match(decided.body, /decision\.pdf\?lang=en/);
  const pdf = await officer.get(`${url}/decision.pdf?lang=en`);
  assert.equal(pdf.headers['content-type'], 'application/pdf');

  // Another institution's officer: 404 on the page and nothing in the list.
  const brela = await signIn(t.app, await makeUser(t.db, 'institution_officer', 'BRELA'));
  assert.equal((await brela.get(url)).statusCode, 404);
  assert.doesNotMatch((await brela.get('/reviews')).body, /Electronic records management system/);
});

test('the list, pipeline, holidays and checklist pages render in both languages; the authority keeps holidays', async () => {
  const reviewer = await signIn(t.app, await makeUser(t.db, 'authority_reviewer'));
  for (const lang of ['sw', 'en']) {
    for (const path of ['/reviews', '/reviews/pipeline', '/reviews/holidays', '/reviews/criteria']) {
      const r = await reviewer.get(`${path}?lang=${lang}`);
      assert.equal(r.statusCode, 200, `${path} ${lang}`);
    }
  }
  assert.match((await reviewer.get('/reviews/holidays?lang=en')).body, /Nyerere Day/);
  const bad = await reviewer.post('/reviews/holidays?lang=en', { day: '2027-02-30', nameSw: 'x', nameEn: 'x' }, { csrfFrom: '/reviews/holidays' });
  assert.equal(bad.statusCode, 422);
  assert.equal((await reviewer.post('/reviews/holidays', { day: '2027-03-11', nameSw: 'Idd el Fitr (siku ya pili)', nameEn: 'Eid al-Fitr (second day)' }, { csrfFrom: '/reviews/holidays' })).statusCode, 303);
  assert.match((await reviewer.get('/reviews/holidays?lang=en')).body, /second day/);
  const officer = await signIn(t.app, await makeUser(t.db, 'institution_officer', 'NIDA'));
  assert.equal((await officer.post('/reviews/holidays', { day: '2027-03-12', nameSw: 'x', nameEn: 'x' }, { csrfFrom: '/reviews/holidays' })).statusCode, 403);
});

test('the demo loads proposals at each stage with a decided records system and its letter', async () => {
  for (const [email, role, inst] of [['head.nida@demo.viwango.go.tz', 'institution_head', 'NIDA'], ['officer.brela@demo.viwango.go.tz', 'institution_officer', 'BRELA'], ['reviewer@demo.viwango.go.tz', 'authority_reviewer', undefined]] as const) {
    await makeUser(t.db, role, inst, { email });
  }
  await loadReviewsDemo(t.db, t.config);
  const stages = await t.db.query<{ stage: string; outcome: string | null; title: string }>('SELECT stage, outcome, title FROM review_cases c WHERE EXISTS (SELECT 1 FROM audit_log a WHERE a.entity_id = c.id::text AND a.actor_label = $1)', ['demo data']);
  const seen = new Set(stages.map((s) => s.stage));
  for (const s of ['draft', 'submitted', 'in_review', 'clarification', 'returned', 'decided']) assert.ok(seen.has(s), `${s} in ${[...seen]}`);
  const rms = stages.find((s) => s.title === 'Electronic records management system' && s.stage === 'decided');
  assert.equal(rms?.outcome, 'approved_with_conditions');
  const auditor = await signIn(t.app, await makeUser(t.db, 'auditor'));
  const pipeline = await auditor.get('/reviews/pipeline?lang=en');
  assert.match(pipeline.body, /Duplicates stopped or redirected/);
});
