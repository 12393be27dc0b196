// The self-assessment over HTTP, as people use it: the questionnaire page of an assessment with 300
// requirements renders with at most 20 SQL queries; an officer answers with plain form posts (a stale
// form gets 409 with both versions); evidence of the wrong type is refused on the page; the
// spreadsheet goes down and comes back (good and bad files); only the head signs off; the API and
// another institution's view.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readSheet } from 'read-excel-file/node';
import writeXlsxFile from 'write-excel-file/node';
import { apiToken, countQueries, createTestApp, csrfToken, makeUser, signIn, type Browser, type TestApp } from '../../../../test/helpers.ts';
import { complianceWorld, type ClauseSpec, type ComplianceWorld } from '../../../../test/compliance-fixture.ts';

let t: TestApp;
let world: ComplianceWorld;
let big: ComplianceWorld;
let officer: Browser;
let head: Browser;
let brela: Browser;
let officerToken: string;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vw-asm-http-'));

const clauses: ClauseSpec[] = Array.from({ length: 300 }, (_, i) => ({
  textEn: `Requirement number ${i + 1} shall be met.`,
  textSw: `Takwa namba ${i + 1} lazima litimizwe.`,
  obligation: i % 3 === 0 ? 'recommended' : 'mandatory',
  appliesTo: 'institution',
  group: ['SA', 'BA', 'INA'][i % 3],
}));

before(async () => {
  t = await createTestApp({ dataDir });
  world = await complianceWorld(t.db, { institutions: ['NIDA', 'BRELA'], documentCode: 'eGA/EXT/HTT/001', cycleCode: 'HTTP-1' });
  big = await complianceWorld(t.db, { institutions: ['RITA'], clauses, documentCode: 'eGA/EXT/BIG/001', cycleCode: 'BIG-1' });
  const o = await makeUser(t.db, 'institution_officer', 'NIDA');
  officer = await signIn(t.app, o);
  officerToken = await apiToken(t.db, o, 'write');
  head = await signIn(t.app, await makeUser(t.db, 'institution_head', 'NIDA'));
  brela = await signIn(t.app, await makeUser(t.db, 'institution_officer', 'BRELA'));
});
after(async () => {
  await t.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

test('the questionnaire of an assessment with 300 requirements renders, paged by 50, with at most 20 SQL queries', async () => {
  const rita = await signIn(t.app, await makeUser(t.db, 'institution_officer', 'RITA'));
  const url = `/compliance/assessments/${big.assessments.RITA}?lang=en`;
  await rita.get(url);
  let res;
  const n = await countQueries(async () => {
    res = await rita.get(url);
  });
  assert.equal(res!.statusCode, 200);
  assert.ok(n <= 20, `${n} queries`);
  const body = res!.body as string;
  assert.equal((body.match(/<section class="vw-question"/g) ?? []).length, 50);
  assert.match(body, /0 of 300 answered/);
  const page6 = await rita.get(`/compliance/assessments/${big.assessments.RITA}?lang=en&page=6&group=SA`);
  assert.equal(page6.statusCode, 200);
});

test('an officer answers with a plain form; a stale form gets 409 with both versions; N/A without justification names the field', async () => {
  const url = `/compliance/assessments/${world.assessments.NIDA}?lang=en`;
  const page = await officer.get(url);
  assert.equal(page.statusCode, 200);
  const [first] = await t.db.query<{ id: string; revision: number }>(`SELECT id, revision FROM compliance_answers WHERE assessment_id = $1 ORDER BY position LIMIT 1`, [world.assessments.NIDA]);
  const post = (form: Record<string, string>) => officer.post(`/compliance/assessments/${world.assessments.NIDA}/answers/${first.id}?lang=en`, { back: `/compliance/assessments/${world.assessments.NIDA}?lang=en`, ...form }, { csrf: csrfToken(page.body) });
  const ok = await post({ revision: String(first.revision), result: 'compliant', justification: '', comment: 'Inventory in GAMIS.' });
  assert.equal(ok.statusCode, 303);
  assert.match(String(ok.headers.location), new RegExp(`saved=1#q-${first.id}$`));
  const stale = await post({ revision: String(first.revision), result: 'partial', justification: '', comment: 'Mine' });
  assert.equal(stale.statusCode, 409);
  assert.match(stale.body, /Someone saved this answer/);
  assert.match(stale.body, /Inventory in GAMIS\./, 'their version is shown');
  assert.match(stale.body, />Mine</, 'and the caller’s');
  const na = await post({ revision: String(first.revision + 1), result: 'not_applicable', justification: '', comment: '' });
  assert.equal(na.statusCode, 422);
  assert.match(na.body, /why does this requirement not apply/);
  const other = await brela.get(`/compliance/assessments/${world.assessments.NIDA}`);
  assert.equal(other.statusCode, 404);
});

function multipart(csrf: string, fields: Record<string, string>, file?: { name: string; type: string; bytes: Buffer | Uint8Array }) {
  const boundary = `----vw${crypto.randomBytes(8).toString('hex')}`;
  const parts = [Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${csrf}\r\n`)];
  for (const [k, v] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  if (file) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`), Buffer.from(file.bytes), Buffer.from('\r\n'));
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), type: `multipart/form-data; boundary=${boundary}` };
}

async function postMultipart(b: Browser, url: string, fields: Record<string, string>, file?: { name: string; type: string; bytes: Buffer | Uint8Array }) {
  const page = await b.get(url.replace(/\/new$/, '').replace(/\/import$/, '/import'));
  const m = multipart(csrfToken(page.body), fields, file);
  return t.app.inject({ method: 'POST', url, payload: m.payload, headers: { cookie: [...b.cookies].map(([k, v]) => `${k}=${v}`).join('; '), 'content-type': m.type } });
}

test('evidence: a PDF is uploaded and attached to an answer and downloads; a script named .pdf is refused with the message, nothing stored', async () => {
  const [a] = await t.db.query<{ id: string }>(`SELECT id FROM compliance_answers WHERE assessment_id = $1 ORDER BY position OFFSET 1 LIMIT 1`, [world.assessments.NIDA]);
  const base = `/compliance/assessments/${world.assessments.NIDA}/answers/${a.id}`;
  const pdf = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
  const good = await postMultipart(officer, `${base}/evidence/new?lang=en`, { title: 'Security officer appointment letter', expiresOn: '' }, { name: 'letter.pdf', type: 'application/pdf', bytes: pdf });
  assert.equal(good.statusCode, 303, good.body.slice(0, 500));
  const page = await officer.get(`${base}?lang=en`);
  const link = page.body.match(/href="(\/compliance\/evidence\/[0-9a-f-]+\/download)"/)![1];
  const dl = await officer.get(link);
  assert.equal(dl.statusCode, 200);
  assert.equal(dl.headers['content-type'], 'application/pdf');
  assert.equal((await brela.get(link)).statusCode, 404);
  const [{ n: before }] = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM compliance_evidence');
  const bad = await postMultipart(officer, `${base}/evidence/new?lang=en`, { title: 'Not a PDF' }, { name: 'policy.pdf', type: 'application/pdf', bytes: Buffer.from('#!/bin/sh\nrm -rf /\n') });
  assert.equal(bad.statusCode, 422);
  assert.match(bad.body, /Evidence must be a PDF, Word \(DOCX\), Excel \(XLSX\), PNG or JPEG file/);
  const [{ n: after }] = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM compliance_evidence');
  assert.equal(after, before);
});

test('evidence from the library: added on the institution\'s page, then two pieces attached to an answer at once (a repeated checkbox field)', async () => {
  const pdf = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
  const library = '/compliance/institutions/NIDA/evidence';
  for (const title of ['ICT policy 2026', 'Asset register']) {
    const added = await postMultipart(officer, `${library}?lang=en`, { title, expiresOn: '' }, { name: 'doc.pdf', type: 'application/pdf', bytes: pdf });
    assert.equal(added.statusCode, 303, added.body.slice(0, 500));
    assert.equal(added.headers.location, `${library}?added=1`);
  }
  const noTitle = await postMultipart(officer, `${library}?lang=sw`, { title: '', expiresOn: '' }, { name: 'doc.pdf', type: 'application/pdf', bytes: pdf });
  assert.equal(noTitle.statusCode, 422, 'a missing title is shown on the page, not refused as a bad request');
  assert.match(noTitle.body, /Ipe ushahidi kichwa \(herufi 200 kwa zaidi\)/);
  const ids = (await t.db.query<{ id: string }>(`SELECT id FROM compliance_evidence WHERE title IN ('ICT policy 2026', 'Asset register') ORDER BY title`)).map((r) => r.id);
  assert.equal(ids.length, 2);
  const [a] = await t.db.query<{ id: string }>(`SELECT id FROM compliance_answers WHERE assessment_id = $1 ORDER BY position OFFSET 2 LIMIT 1`, [world.assessments.NIDA]);
  const url = `/compliance/assessments/${world.assessments.NIDA}/answers/${a.id}`;
  const attached = await officer.post(`${url}/evidence`, { evidence: ids }, { csrfFrom: url });
  assert.equal(attached.statusCode, 303, attached.body.slice(0, 500));
  const linked = await t.db.query<{ evidence_id: string }>(`SELECT evidence_id FROM compliance_answer_evidence WHERE answer_id = $1 ORDER BY evidence_id`, [a.id]);
  assert.deepEqual(linked.map((r) => r.evidence_id), [...ids].sort());
  const page = await officer.get(`${url}?lang=en`);
  assert.match(page.body, /ICT policy 2026/);
  assert.match(page.body, /Asset register/);
});

test('the questionnaire goes down as XLSX and comes back: bad rows refuse the whole file (listed by row), a good file saves all in one go', async () => {
  const dl = await officer.get(`/compliance/assessments/${world.assessments.NIDA}/questionnaire.xlsx?lang=en`);
  assert.equal(dl.statusCode, 200);
  const rows = (await readSheet(dl.rawPayload)) as unknown as (string | null)[][];
  assert.equal(rows[0][0], 'question_key');
  assert.equal(rows.length - 1, (await t.db.query(`SELECT 1 FROM compliance_answers WHERE assessment_id = $1`, [world.assessments.NIDA])).length);
  const upload = async (data: (string | null)[][]) => {
    const bytes = await writeXlsxFile(data.map((r) => r.map((v) => ({ value: v ?? '' }))), {}).toBuffer();
    return postMultipart(officer, `/compliance/assessments/${world.assessments.NIDA}/import?lang=en`, {}, { name: 'q.xlsx', type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', bytes });
  };
  const filled = rows.map((r, i) => (i === 0 ? r : [r[0], r[1], r[2], r[3], r[4], 'compliant', '', 'Checked offline', '']));
  const badRows = filled.map((r, i) => (i === 2 ? [r[0], r[1], r[2], r[3], r[4], 'maybe', '', '', ''] : i === 3 ? [r[0], r[1], r[2], r[3], r[4], 'Not applicable', '', '', ''] : r));
  badRows.push(['00000000-0000-4000-8000-000000000000', 'x', '', '', '', 'compliant', '', '', '']);
  const refused = await upload(badRows);
  assert.equal(refused.statusCode, 422);
  assert.match(refused.body, /Row 3: the answer must be compliant/);
  assert.match(refused.body, /Row 4: not applicable needs a justification/);
  assert.match(refused.body, new RegExp(`Row ${badRows.length}: the question key is not one of`));
  const [{ n: none }] = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM compliance_answers WHERE assessment_id = $1 AND comment = 'Checked offline'`, [world.assessments.NIDA]);
  assert.equal(none, 0, 'nothing half-done');

  const other = await officer.get(`/compliance/assessments/${world.assessments.BRELA}/questionnaire.xlsx`);
  assert.equal(other.statusCode, 404);
  const brelaRows = (await t.db.query<{ id: string }>(`SELECT id FROM compliance_answers WHERE assessment_id = $1`, [world.assessments.BRELA])).map((r) => [r.id, '', '', '', '', 'compliant', '', '', '']);
  const foreign = await upload([rows[0], ...brelaRows]);
  assert.equal(foreign.statusCode, 422);
  assert.match(foreign.body, /belongs to another assessment or cycle/);
  const corrupt = await postMultipart(officer, `/compliance/assessments/${world.assessments.NIDA}/import?lang=en`, {}, { name: 'q.xlsx', type: 'application/octet-stream', bytes: Buffer.from('PK\u0003\u0004 not really a zip') });
  assert.equal(corrupt.statusCode, 422);
  assert.match(corrupt.body, /not a readable Excel/);

  const ok = await upload(filled);
  assert.equal(ok.statusCode, 303, ok.body.slice(0, 300));
  const [{ n, answered }] = await t.db.query<{ n: number; answered: number }>(`SELECT count(*)::int AS n, (SELECT answered_count FROM compliance_assessments WHERE id = $1) AS answered FROM compliance_answers WHERE assessment_id = $1 AND result = 'compliant' AND comment = 'Checked offline'`, [world.assessments.NIDA]);
  assert.equal(n, rows.length - 1);
  assert.equal(answered, n);
  const [audit] = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'compliance.answer.import'`);
  assert.equal(audit.n, 1);
});

test('only the head signs off; the assessment locks; the attestation page and API verify it; the API reads answers paged', async () => {
  const submit = await officer.get(`/compliance/assessments/${world.assessments.NIDA}/submit?lang=en`);
  assert.equal(submit.statusCode, 200);
  assert.match(submit.body, /Only the head of the institution signs off/);
  const [{ revision }] = await t.db.query<{ revision: number }>(`SELECT revision FROM compliance_assessments WHERE id = $1`, [world.assessments.NIDA]);
  const refused = await officer.post(`/compliance/assessments/${world.assessments.NIDA}/sign-off`, { revision: String(revision) }, { csrf: csrfToken(submit.body) });
  assert.equal(refused.statusCode, 403);
  const headPage = await head.get(`/compliance/assessments/${world.assessments.NIDA}/submit?lang=en`);
  assert.match(headPage.body, /Sign off the assessment/);
  const signed = await head.post(`/compliance/assessments/${world.assessments.NIDA}/sign-off`, { revision: String(revision) }, { csrf: csrfToken(headPage.body) });
  assert.equal(signed.statusCode, 303);
  const att = await head.get(`/compliance/assessments/${world.assessments.NIDA}/attestations?lang=en`);
  assert.match(att.body, /Stored content matches its hash<\/dt>\s*<dd class="govuk-summary-list__value">Yes/);
  const api = await t.app.inject({ method: 'GET', url: `/api/v1/compliance/assessments/${world.assessments.NIDA}?pageSize=2`, headers: { authorization: `Bearer ${officerToken}` } });
  assert.equal(api.statusCode, 200);
  const body = api.json() as { assessment: { status: string }; answers: { id: string; revision: number }[]; total: number };
  assert.equal(body.assessment.status, 'signed_off');
  assert.equal(body.answers.length, 2);
  const put = await t.app.inject({ method: 'PUT', url: `/api/v1/compliance/assessments/${world.assessments.NIDA}/answers/${body.answers[0].id}`, headers: { authorization: `Bearer ${officerToken}` }, payload: { revision: body.answers[0].revision, result: 'partial', comment: 'late change' } });
  assert.equal(put.statusCode, 409, 'signed off: locked');
  const [a] = await t.db.query<{ id: string }>(`SELECT id FROM compliance_attestations WHERE assessment_id = $1`, [world.assessments.NIDA]);
  const verify = await t.app.inject({ method: 'GET', url: `/api/v1/compliance/attestations/${a.id}/verify`, headers: { authorization: `Bearer ${officerToken}` } });
  assert.deepEqual([(verify.json() as { contentIntact: boolean }).contentIntact, (verify.json() as { matchesCurrent: boolean }).matchesCurrent], [true, true]);
});

test('a new cycle from the page: a group of checkboxes sends several values, one or none; a bad date comes back in the person\'s language with the choices kept', async () => {
  const reviewer = await signIn(t.app, await makeUser(t.db, 'authority_reviewer'));
  const day = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
  const form = '/compliance/cycles/new';
  const standards = [world.documentId, big.documentId];
  const fields = { code: 'PAGE-1', nameSw: 'Tathmini ya ukurasa', nameEn: 'Page cycle', submissionDue: day(40), reviewDue: day(50), challengeUntil: day(60), sectors: '', institutions: 'NIDA' };
  const bad = await reviewer.post(`${form}?lang=sw`, { ...fields, submissionDue: '2026-02-30', standards, institutionTypes: ['ministry', 'executive_agency'] }, { csrfFrom: form });
  assert.equal(bad.statusCode, 422);
  assert.match(bad.body, /Toa tarehe iliyopo, kwa mfumo YYYY-MM-DD/);
  for (const id of standards) assert.match(bad.body, new RegExp(`value="${id}" checked`), 'each ticked standard is still ticked');
  assert.match(bad.body, /value="ministry" checked/);
  assert.match(bad.body, /value="executive_agency" checked/);
  const one = await reviewer.post(form, { ...fields, standards: world.documentId, institutionTypes: 'ministry' }, { csrfFrom: form });
  assert.equal(one.statusCode, 303, one.body.slice(0, 500));
  assert.match(String(one.headers.location), /^\/compliance\/cycles\/[0-9a-f-]{36}$/);
  const none = await reviewer.post(form, { ...fields, code: 'PAGE-2' }, { csrfFrom: form });
  assert.equal(none.statusCode, 303, 'no box ticked sends no field at all, and the form is still taken');
});
