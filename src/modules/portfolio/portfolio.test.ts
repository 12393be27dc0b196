// The portfolio registry end to end over HTTP: registering and editing systems with their rules and
// permissions, reuse advice, overlap clusters and the reviewers' decisions, the yearly confirmation,
// and what the public sees.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { apiToken, createTestApp, makeUser, signIn, type TestApp } from '../../../test/helpers.ts';
import { runJobsNow } from '../../platform/jobs/index.ts';
import { loadPortfolioDemo } from './demo.ts';

let t: TestApp;
let nida: string;
let brela: string;
let reviewer: string;
before(async () => {
  t = await createTestApp();
  await loadPortfolioDemo(t.db, t.config);
  nida = await apiToken(t.db, await makeUser(t.db, 'institution_officer', 'NIDA'), 'write');
  brela = await apiToken(t.db, await makeUser(t.db, 'institution_officer', 'BRELA'), 'write');
  reviewer = await apiToken(t.db, await makeUser(t.db, 'authority_reviewer'), 'write');
});
after(() => t.close());

const call = (method: 'GET' | 'POST' | 'PUT', url: string, token?: string, payload?: unknown) =>
  t.app.inject({ method, url, headers: token ? { authorization: `Bearer ${token}`, 'accept-language': 'en' } : { 'accept-language': 'en' }, ...(payload !== undefined ? { payload: payload as object } : {}) });

const records = { institution: 'NIDA', code: 'RMS-1', name: 'Records Management System', purpose: 'Keeps incoming and outgoing letters, memos and electronic files of the authority.', capabilities: [], lifecycle: 'planned', hosting: 'govdc' };

test('an officer registers a system; bad input names the fields; a duplicate code is refused; another institution cannot see its details or edit it', async () => {
  const bad = await call('POST', '/api/v1/portfolio/systems', nida, { ...records, code: '', lifecycle: 'alive', goLive: '2026-02-30' });
  assert.equal(bad.statusCode, 400, 'malformed values are refused at the edge');
  const fields = new Set((bad.json() as { errors: { field: string }[] }).errors.map((e) => e.field.split('.')[0]));
  for (const f of ['code', 'lifecycle', 'goLive']) assert.ok(fields.has(f), `${f} is named: ${[...fields]}`);
  const unknown = await call('POST', '/api/v1/portfolio/systems', nida, { ...records, capabilities: ['XX.NOPE'] });
  assert.equal(unknown.statusCode, 422);
  assert.deepEqual((unknown.json() as { errors: { field: string; message: string }[] }).errors.map((e) => e.field), ['capabilities']);
  assert.match((unknown.json() as { errors: { message: string }[] }).errors[0].message, /capability codes of the reference model/);

  const created = await call('POST', '/api/v1/portfolio/systems', nida, records);
  assert.equal(created.statusCode, 201, created.body);
  const sys = created.json() as { id: string; revision: number; details: unknown };
  assert.ok(sys.details, 'its own institution sees the details');
  assert.equal((await call('POST', '/api/v1/portfolio/systems', nida, records)).statusCode, 422, 'the code is taken within NIDA');
  assert.equal((await call('POST', '/api/v1/portfolio/systems', nida, { ...records, institution: 'BRELA' })).statusCode, 404, 'BRELA\'s portfolio is invisible to NIDA');

  const seen = await call('GET', `/api/v1/portfolio/systems/${sys.id}`, brela);
  assert.equal(seen.statusCode, 200);
  assert.equal((seen.json() as { details: unknown }).details, null, 'another institution sees no costs, contacts or data');
  assert.equal((await call('PUT', `/api/v1/portfolio/systems/${sys.id}`, brela, { ...records, revision: sys.revision })).statusCode, 404);
  assert.equal((await call('GET', `/api/v1/portfolio/systems/${sys.id}`)).statusCode, 401);

  // Two people edit at once: the second save is refused with 409, nothing of the first is lost.
  const first = await call('PUT', `/api/v1/portfolio/systems/${sys.id}`, nida, { ...records, purpose: 'First edit', revision: sys.revision });
  assert.equal(first.statusCode, 200, first.body);
  const second = await call('PUT', `/api/v1/portfolio/systems/${sys.id}`, nida, { ...records, purpose: 'Second edit', revision: sys.revision });
  assert.equal(second.statusCode, 409);
  assert.equal(((await call('GET', `/api/v1/portfolio/systems/${sys.id}`, nida)).json() as { purpose: string }).purpose, 'First edit');
});

test('reuse advice names the shared e-Office and other institutions\' records systems before anything is saved', async () => {
  const r = await call('POST', '/api/v1/portfolio/reuse-advice', nida, { institution: 'NIDA', name: 'Mfumo wa kumbukumbu', purpose: 'Electronic records: letters, files and memos.' });
  assert.equal(r.statusCode, 200, r.body);
  const matches = (r.json() as { matches: { institution: string; code: string; shared: boolean }[] }).matches;
  assert.ok(matches.some((m) => m.shared && m.code === 'e-Office'), JSON.stringify(matches));
  assert.ok(matches.some((m) => !m.shared && m.institution !== 'NIDA'), 'another institution\'s own records system is named too');
  assert.ok(matches.every((m) => m.institution !== 'NIDA' || m.shared), 'NIDA\'s own systems are not advice for NIDA');
});

test('overlap clusters: computed in the background, the JSON contract, and a reviewer\'s "not an overlap" is kept by every later run', async () => {
  await runJobsNow(t.db, { until: 'idle' });
  const res = await call('GET', '/api/v1/portfolio/overlaps', reviewer);
  assert.equal(res.statusCode, 200);
  const body = res.json() as { clusters: { id: string; score: number; capability: string | null; systems: { institution: string; code: string; name: string }[]; reasons: { kind: string }[] }[] };
  assert.ok(body.clusters.length > 0);
  for (const c of body.clusters) {
    assert.deepEqual(Object.keys(c).sort(), ['capability', 'id', 'reasons', 'score', 'systems']);
    assert.ok(new Set(c.systems.map((s) => s.institution)).size >= 2, 'only systems of different institutions overlap');
    assert.ok(c.reasons.length > 0);
  }
  const hr = body.clusters.find((c) => c.systems.some((s) => s.institution === 'TEMESA' && s.code === 'HRMIS'));
  assert.ok(hr, 'TEMESA\'s own HRMIS overlaps');
  assert.ok(body.clusters.every((c) => !c.systems.some((s) => s.institution === 'NIDA' && s.code === 'EOFFICE')), 'a use of a shared system is reuse, never a duplicate');

  // The reviewer says one cluster is not an overlap (through the page, as a person would).
  const person = await makeUser(t.db, 'authority_reviewer');
  const b = await signIn(t.app, person);
  const page = await b.get('/portfolio/overlaps');
  assert.equal(page.statusCode, 200);
  const ids = [...page.body.matchAll(new RegExp(`id="${hr!.id}"[\\s\\S]*?</section>`, 'g'))][0][0].match(/name="systems" value="([0-9a-f-]+)"/g)!.map((m) => m.slice(-37, -1));
  const decided = await b.post('/portfolio/overlaps/decide', { systems: ids, verdict: 'not_overlap', note: 'Different payroll scope' }, { csrfFrom: '/portfolio/overlaps' });
  assert.equal(decided.statusCode, 303);
  await runJobsNow(t.db, { until: 'idle' });
  const after = (await call('GET', '/api/v1/portfolio/overlaps', reviewer)).json() as typeof body;
  assert.ok(!after.clusters.some((c) => c.systems.length === hr!.systems.length && c.systems.every((s) => hr!.systems.some((h) => h.code === s.code && h.institution === s.institution))), 'the rejected cluster does not come back');
  // An officer may not decide.
  assert.equal((await call('GET', '/api/v1/portfolio/overlaps', nida)).statusCode, 200);
});

test('the head of institution confirms the portfolio once a year; the public sees e-services and shared systems without signing in', async () => {
  const head = await makeUser(t.db, 'institution_head', 'NIDA');
  const b = await signIn(t.app, head);
  const page = await b.get('/portfolio/institutions/NIDA');
  assert.equal(page.statusCode, 200);
  const ok = await b.post('/portfolio/institutions/NIDA/confirm', {}, { csrfFrom: '/portfolio/institutions/NIDA' });
  assert.equal(ok.statusCode, 303);
  assert.match((await b.get('/portfolio/institutions/NIDA?lang=en')).body, /Confirmed for \d{4} by/);
  assert.equal((await b.post('/portfolio/institutions/NIDA/confirm', {}, { csrfFrom: '/portfolio/institutions/NIDA' })).statusCode, 409);
  assert.equal((await b.get('/portfolio/institutions/BRELA')).statusCode, 404, 'another institution\'s portfolio is invisible');

  const visitor = await t.app.inject({ method: 'GET', url: '/portfolio/eservices?lang=en' });
  assert.equal(visitor.statusCode, 200);
  assert.match(visitor.body, /Register a company/);
  assert.match((await t.app.inject({ method: 'GET', url: '/portfolio/shared?lang=sw' })).body, /e-Office/);
  assert.equal((await t.app.inject({ method: 'GET', url: '/portfolio' })).statusCode, 302, 'the registry itself needs signing in');
});

test('national views render for the authority: catalogue with filters, matrix, map with its table, dashboard charts with tables', async () => {
  const b = await signIn(t.app, await makeUser(t.db, 'authority_reviewer'));
  const cat = await b.get('/portfolio?lang=en&capability=HR&hosting=commercial_cloud');
  assert.equal(cat.statusCode, 200);
  assert.match(cat.body, /HRMIS/);
  assert.doesNotMatch(cat.body, /Claims Management System/);
  const matrix = await b.get('/portfolio/matrix?lang=en');
  assert.match(matrix.body, /id="matrix"/);
  // Each cell counts an institution's live systems with a capability in the domain, a system once however many it has there.
  const expected = new Map((await t.db.query<{ k: string; n: number }>(`SELECT i.acronym || '|' || split_part(c, '.', 1) AS k, count(DISTINCT s.id)::int AS n
    FROM portfolio_systems s JOIN institutions i ON i.id = s.institution_id, unnest(s.capabilities) c WHERE s.lifecycle <> 'retired' GROUP BY 1`)).map((r) => [r.k, r.n]));
  const cells = [...matrix.body.matchAll(/href="\/portfolio\?institution=([^&"]+)&(?:amp;)?capability=([A-Z]+)">(\d+)</g)].map((m) => [`${decodeURIComponent(m[1])}|${m[2]}`, Number(m[3])] as const);
  assert.equal(cells.length, expected.size, 'one linked cell per institution and domain with systems');
  for (const [k, n] of cells) assert.equal(n, expected.get(k), k);
  const map = await b.get('/portfolio/map?lang=en');
  assert.match(map.body, /<svg[^>]*class="vw-map"/);
  assert.match(map.body, /id="integrations"/);
  const dash = await b.get('/portfolio/dashboard?lang=sw');
  assert.match(dash.body, /Mifumo kwa mahali inapohifadhiwa/);
  assert.equal((dash.body.match(/<svg role="img"/g) ?? []).length >= 5, true);
});

test('the overlaps page shows 20 clusters at a time, with pages; an officer sees only the clusters of their institution\'s systems, however far down they are', async () => {
  // 30 low-scoring clusters after the computed ones: pairs of other institutions' systems, and the last one with a NIDA system.
  const ids = await t.db.query<{ id: string; acronym: string }>(`SELECT s.id, i.acronym FROM portfolio_systems s JOIN institutions i ON i.id = s.institution_id ORDER BY (i.acronym = 'NIDA'), s.id`);
  const others = ids.filter((s) => s.acronym !== 'NIDA' && s.acronym !== 'e-GA');
  const nidaSystem = ids.find((s) => s.acronym === 'NIDA')!;
  const made = Array.from({ length: 30 }, (_, i) => ({ id: `zz-paging-${String(i).padStart(2, '0')}`, members: i === 29 ? [others[0].id, nidaSystem.id] : [others[i % others.length].id, others[(i + 1) % others.length].id] }));
  for (const c of made) {
    await t.db.query(`INSERT INTO portfolio_overlap_clusters (id, score, capability, members, pairs, reasons) VALUES ($1, 0.001, NULL, $2::uuid[], $3::jsonb, '[]')`,
      [c.id, c.members, JSON.stringify([{ a: c.members[0], b: c.members[1], score: 0.001, reasons: [] }])]);
  }
  try {
    const [{ n }] = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM portfolio_overlap_clusters`);
    const reviewer = await signIn(t.app, await makeUser(t.db, 'authority_reviewer'));
    const sections = (html: string) => [...html.matchAll(/<section class="vw-box"[^>]* id="([^"]+)"/g)].map((m) => m[1]);
    const first = await reviewer.get('/portfolio/overlaps?lang=en');
    assert.equal(sections(first.body).length, 20);
    assert.match(first.body, /href="[^"]*page=2"/, 'a link to the next page');
    const last = await reviewer.get(`/portfolio/overlaps?lang=en&page=${Math.ceil(n / 20)}`);
    assert.ok(sections(last.body).includes('zz-paging-29'), 'the lowest-scoring cluster is on the last page');

    const officer = await signIn(t.app, await makeUser(t.db, 'institution_officer', 'NIDA'));
    const seen = sections((await officer.get('/portfolio/overlaps?lang=en')).body);
    assert.ok(seen.includes('zz-paging-29'), 'NIDA\'s cluster is listed although 29 clusters of others score above it');
    assert.ok(!seen.some((id) => id.startsWith('zz-paging-') && id !== 'zz-paging-29'), 'clusters without NIDA\'s systems are not listed');
  } finally {
    await t.db.query(`DELETE FROM portfolio_overlap_clusters WHERE id LIKE 'zz-paging-%'`);
  }
});
