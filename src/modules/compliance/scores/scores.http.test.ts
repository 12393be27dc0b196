// Score pages, downloads and API over HTTP: who sees what (an institution's staff their own, the
// authority all), CSV/XLSX content, the bilingual PDF report, closing a cycle from the dashboard, and
// the public summary only once published.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readSheet } from 'read-excel-file/node';
import { apiToken, createTestApp, makeUser, signIn, type TestApp } from '../../../../test/helpers.ts';
import { complianceWorld, type ComplianceWorld } from '../../../../test/compliance-fixture.ts';
import { loadPortfolioDemo } from '../../portfolio/index.ts';
import { recomputeStale } from './scores.service.ts';

let t: TestApp;
let w: ComplianceWorld;
let open: ComplianceWorld;
let nidaToken: string;
let reviewerToken: string;
before(async () => {
  t = await createTestApp();
  await loadPortfolioDemo(t.db, t.config);
  w = await complianceWorld(t.db, { institutions: ['NIDA', 'BRELA', 'TANESCO'], answers: 'mixed', cycleCode: 'CLOSED-1', documentCode: 'eGA/EXT/HTP/001' });
  await t.db.query(`UPDATE compliance_answers SET result = 'compliant' WHERE assessment_id = $1`, [w.assessments.TANESCO]);
  await recomputeStale(t.db);
  nidaToken = await apiToken(t.db, await makeUser(t.db, 'institution_officer', 'NIDA'), 'read');
  reviewerToken = await apiToken(t.db, await makeUser(t.db, 'authority_reviewer'), 'write');
});
after(() => t.close());

const api = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, token?: string, lang = 'en') =>
  t.app.inject({ method, url, headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), 'accept-language': lang } });

test('the reviewer closes the cycle from the dashboard; the scores are frozen and the dashboard shows them', async () => {
  const b = await signIn(t.app, await makeUser(t.db, 'authority_reviewer'));
  const page = await b.get(`/compliance?lang=en&cycle=${w.cycleId}`);
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /Close the cycle and freeze its scores/);
  const closed = await b.post(`/compliance/cycles/${w.cycleId}/close`, { revision: '1' }, { csrfFrom: `/compliance?cycle=${w.cycleId}` });
  assert.equal(closed.statusCode, 303, closed.body);
  const after = await b.get(String(closed.headers.location) + '&lang=en');
  assert.match(after.body, /The cycle CLOSED-1 is closed and its scores are frozen/);
  assert.doesNotMatch(after.body, /Close the cycle and freeze/);
  assert.match(after.body, /id="heatmap"/);
  for (const a of ['NIDA', 'BRELA', 'TANESCO']) assert.match(after.body, new RegExp(`>${a}</a>`));
  assert.match(after.body, /id="league"/);
  assert.match(after.body, /<svg role="img"/);
  const sw = await b.get(`/compliance?lang=sw&cycle=${w.cycleId}`);
  assert.match(sw.body, /Taasisi kwa kundi la usanifu/);
  assert.equal((await b.post(`/compliance/cycles/${w.cycleId}/close`, {}, { csrfFrom: `/compliance?cycle=${w.cycleId}` })).statusCode, 409, 'a closed cycle does not close again');
  // Another, open cycle for the rest of the tests.
  open = await complianceWorld(t.db, { institutions: ['NIDA'], answers: 'all', cycleCode: 'OPEN-2', documentCode: 'eGA/EXT/HTP/002' });
  await recomputeStale(t.db);
});

test('NIDA\'s officer sees NIDA only: the league and heatmap, its own scores, and 404 for another institution', async () => {
  const league = await api('GET', `/api/v1/compliance/league?cycle=${w.cycleId}`, nidaToken);
  assert.equal(league.statusCode, 200, league.body);
  const rows = (league.json() as { items: { institution: string; rank: number; score: number }[] }).items;
  assert.deepEqual(rows.map((r) => r.institution), ['NIDA']);
  const all = (await api('GET', `/api/v1/compliance/league?cycle=${w.cycleId}`, reviewerToken)).json() as { items: { institution: string; rank: number; score: number }[] };
  assert.deepEqual(all.items.map((r) => r.institution).sort(), ['BRELA', 'NIDA', 'TANESCO']);
  assert.equal(all.items[0].institution, 'TANESCO', 'all compliant comes first');
  assert.equal(rows[0].rank, all.items.find((r) => r.institution === 'NIDA')!.rank, 'an institution sees its national rank');

  const own = await api('GET', `/api/v1/compliance/institutions/NIDA/scores?cycle=${w.cycleId}`, nidaToken);
  assert.equal(own.statusCode, 200, own.body);
  const body = own.json() as { frozen: boolean; overall: { score: number }; groups: { code: string }[]; standards: unknown[] };
  assert.equal(body.frozen, true);
  assert.ok(body.groups.some((g) => g.code === 'SA'));
  assert.equal((await api('GET', `/api/v1/compliance/institutions/BRELA/scores?cycle=${w.cycleId}`, nidaToken)).statusCode, 404);
  assert.equal((await api('GET', `/api/v1/compliance/institutions/BRELA/scores?cycle=${w.cycleId}`, reviewerToken)).statusCode, 200);

  const dash = (await api('GET', `/api/v1/compliance/dashboard?cycle=${w.cycleId}`, nidaToken)).json() as { heatmap: { items: { institution: string }[] }; sectors: unknown[] };
  assert.deepEqual(dash.heatmap.items.map((r) => r.institution), ['NIDA']);

  const b = await signIn(t.app, await makeUser(t.db, 'institution_officer', 'NIDA'));
  const page = await b.get(`/compliance/institutions/NIDA/scores?lang=en&cycle=${w.cycleId}`);
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /What applies to us/);
  assert.match(page.body, /id="by-group"/);
  assert.doesNotMatch(page.body, /Publish the summary/, 'an officer does not publish');
  assert.equal((await b.get(`/compliance/institutions/BRELA/scores?cycle=${w.cycleId}`)).statusCode, 404);
  const national = await b.get(`/compliance?lang=en&cycle=${w.cycleId}`);
  assert.match(national.body, /You see the institutions you work for/);
  assert.doesNotMatch(national.body, />BRELA</);
  assert.equal((await t.app.inject({ method: 'GET', url: '/compliance' })).statusCode, 302, 'signing in is needed');
});

test('the standard page and its API count each requirement\'s answers across institutions', async () => {
  const r = await api('GET', `/api/v1/compliance/standards/${w.documentId}/scores?cycle=${w.cycleId}`, reviewerToken);
  assert.equal(r.statusCode, 200, r.body);
  const body = r.json() as { requirements: { ref: string; compliant: number; partial: number; nonCompliant: number; notApplicable: number; unanswered: number }[]; overall: { institutions: number } };
  assert.equal(body.requirements.length, 5);
  assert.equal(body.overall.institutions, 3);
  const first = body.requirements[0];
  assert.equal(first.compliant + first.partial + first.nonCompliant + first.notApplicable + first.unanswered, 3);
  const b = await signIn(t.app, await makeUser(t.db, 'auditor'));
  const page = await b.get(`/compliance/standards/${w.documentId}?lang=sw&cycle=${w.cycleId}`);
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /id="requirements"/);
  assert.match(page.body, /Taasisi itahakikisha inatunza orodha/);
});

test('downloads: the league and heatmap as CSV and XLSX with the same figures as the API; the officer\'s file holds NIDA only', async () => {
  const league = (await api('GET', `/api/v1/compliance/league?cycle=${w.cycleId}`, reviewerToken)).json() as { items: { institution: string; score: number }[] };
  const b = await signIn(t.app, await makeUser(t.db, 'authority_reviewer'));
  const csv = await b.get(`/compliance/league.csv?cycle=${w.cycleId}`);
  assert.equal(csv.statusCode, 200);
  assert.match(String(csv.headers['content-type']), /text\/csv/);
  const lines = csv.body.replace(/^\uFEFF/, '').trim().split('\r\n');
  assert.equal(lines[0], 'rank,institution,name,sector,score,earned,possible,answered,questions,assessmentStatus');
  assert.equal(lines.length, 4);
  const tanesco = lines.find((l) => l.includes(',TANESCO,'))!;
  assert.equal(tanesco.split(',')[4], String(league.items.find((x) => x.institution === 'TANESCO')!.score));

  const xlsx = await b.get(`/compliance/heatmap.xlsx?cycle=${w.cycleId}`);
  assert.equal(xlsx.statusCode, 200);
  const sheet = await readSheet(xlsx.rawPayload);
  assert.deepEqual(sheet[0].slice(0, 3), ['institution', 'name', 'score']);
  assert.ok(sheet[0].includes('SA'));
  assert.equal(sheet.length, 4);
  for (const f of ['csv', 'xlsx']) {
    assert.equal((await b.get(`/compliance/sectors.${f}?cycle=${w.cycleId}`)).statusCode, 200);
    assert.equal((await b.get(`/compliance/standards/${w.documentId}/requirements.${f}?cycle=${w.cycleId}`)).statusCode, 200);
  }
  const req = (await b.get(`/compliance/standards/${w.documentId}/requirements.csv?cycle=${w.cycleId}`)).body;
  assert.match(req, /eGA\/EXT\/HTP\/001 §1\.1/);

  const officer = await signIn(t.app, await makeUser(t.db, 'institution_officer', 'NIDA'));
  const mine = (await officer.get(`/compliance/league.csv?cycle=${w.cycleId}`)).body.trim().split('\r\n');
  assert.equal(mine.length, 2);
  assert.match(mine[1], /,NIDA,/);
});

test('the public summary appears only once the authority publishes it, and goes when withdrawn', async () => {
  assert.equal((await t.app.inject({ method: 'GET', url: '/compliance/public/NIDA' })).statusCode, 404);
  assert.equal((await api('GET', '/api/v1/compliance/public/NIDA')).statusCode, 404);
  const officer = await apiToken(t.db, await makeUser(t.db, 'institution_officer', 'NIDA'), 'write');
  assert.equal((await api('PUT', `/api/v1/compliance/cycles/${w.cycleId}/publications/NIDA`, officer)).statusCode, 403);
  assert.equal((await api('PUT', `/api/v1/compliance/cycles/${open.cycleId}/publications/NIDA`, reviewerToken)).statusCode, 409, 'an open cycle is not published');

  const b = await signIn(t.app, await makeUser(t.db, 'authority_reviewer'));
  const pub = await b.post(`/compliance/institutions/NIDA/cycles/${w.cycleId}/publish`, {}, { csrfFrom: `/compliance/institutions/NIDA/scores?cycle=${w.cycleId}` });
  assert.equal(pub.statusCode, 303, pub.body);
  const visitor = await t.app.inject({ method: 'GET', url: '/compliance/public/NIDA?lang=en' });
  assert.equal(visitor.statusCode, 200);
  assert.match(visitor.body, /Compliance summary: National Identification Authority/);
  assert.match(visitor.body, /id="public-by-group"/);
  const json = (await api('GET', '/api/v1/compliance/public/NIDA')).json() as { overall: number; cycle: { code: string } };
  assert.equal(json.cycle.code, 'CLOSED-1');
  assert.equal((await t.app.inject({ method: 'GET', url: '/compliance/public/BRELA' })).statusCode, 404, 'BRELA was not published');
  const [audit] = await t.db.query<{ action: string }>(`SELECT action FROM audit_log ORDER BY seq DESC LIMIT 1`);
  assert.equal(audit.action, 'compliance.summary.publish');

  assert.equal((await api('DELETE', `/api/v1/compliance/cycles/${w.cycleId}/publications/NIDA`, reviewerToken)).statusCode, 200);
  assert.equal((await t.app.inject({ method: 'GET', url: '/compliance/public/NIDA' })).statusCode, 404);
});

test('the PDF report of an institution for a cycle, in Kiswahili and in English, with its frozen scores', async () => {
  const { extractText } = await import('unpdf');
  const b = await signIn(t.app, await makeUser(t.db, 'institution_head', 'NIDA'));
  const score = ((await api('GET', `/api/v1/compliance/institutions/NIDA/scores?cycle=${w.cycleId}`, reviewerToken)).json() as { overall: { score: number } }).overall.score;
  const text = async (lang: string) => {
    const res = await b.get(`/compliance/institutions/NIDA/cycles/${w.cycleId}/report.pdf?lang=${lang}`);
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['content-type'], 'application/pdf');
    assert.equal(res.rawPayload.subarray(0, 5).toString(), '%PDF-');
    const { text: pages } = await extractText(new Uint8Array(res.rawPayload), { mergePages: true });
    return String(pages).replace(/\s+/g, ' ');
  };
  const sw = await text('sw');
  assert.match(sw, /Ripoti ya uzingatiaji/);
  assert.match(sw, /Mamlaka ya Vitambulisho vya Taifa/);
  assert.match(sw, /Alama zimegandishwa/);
  const en = await text('en');
  assert.match(en, /Compliance report/);
  assert.match(en, /National Identification Authority/);
  assert.ok(en.includes(`${new Intl.NumberFormat('en-GB').format(score)} %`), `the overall score ${score} is in the report`);
  assert.equal((await b.get(`/compliance/institutions/BRELA/cycles/${w.cycleId}/report.pdf?lang=en`)).statusCode, 404, 'another institution\'s report is invisible');
});
