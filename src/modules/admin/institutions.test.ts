import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, makeUser, signIn, institutionId, Browser, type TestApp } from '../../../test/helpers.ts';

let t: TestApp;
let b: Browser;
before(async () => {
  t = await createTestApp();
  b = await signIn(t.app, await makeUser(t.db, 'admin'));
});
after(() => t.close());

const valid = { acronym: 'TEST-AG', nameSw: 'Wakala wa Majaribio', nameEn: 'Test Agency', type: 'executive_agency', sector: 'testing', parentId: '', region: 'Dodoma', active: 'true' };

test('adding an institution checks every field and names each problem in the reader’s language', async () => {
  const empty = await b.post('/admin/institutions/new?lang=en', { ...valid, acronym: 'x', nameSw: '', nameEn: '', type: 'planet' });
  assert.equal(empty.statusCode, 422);
  for (const f of ['acronym', 'nameSw', 'nameEn', 'type']) assert.match(empty.body, new RegExp(`href="#${f}"`));
  assert.match(empty.body, /Enter an acronym of 2 to 20 letters, digits or hyphens/);
  const taken = await b.post('/admin/institutions/new?lang=sw', { ...valid, acronym: 'nida' });
  assert.equal(taken.statusCode, 422);
  assert.match(taken.body, /Taasisi nyingine tayari inatumia kifupisho hiki/);
  const notMinistry = await b.post('/admin/institutions/new?lang=en', { ...valid, parentId: await institutionId(t.db, 'TRA') });
  assert.equal(notMinistry.statusCode, 422);
  assert.match(notMinistry.body, /href="#parentId">Choose a ministry from the list/);
  assert.equal((await t.db.query('SELECT 1 FROM institutions WHERE acronym = $1', ['TEST-AG'])).length, 0);
});

test('an administrator adds and edits an institution; each change is audited with before and after', async () => {
  const mof = await institutionId(t.db, 'MoF');
  const res = await b.post('/admin/institutions/new', { ...valid, parentId: mof });
  assert.equal(res.statusCode, 303);
  const [row] = await t.db.query<{ id: string; parent_id: string; region: string }>('SELECT id, parent_id, region FROM institutions WHERE acronym = $1', ['TEST-AG']);
  assert.equal(row.parent_id, mof);
  const [created] = await t.db.query<{ institution_id: string; summary: { after: Record<string, unknown> } }>(`SELECT institution_id, summary FROM audit_log WHERE action = 'institution.create' AND entity_id = $1`, [row.id]);
  assert.equal(created.institution_id, row.id);
  assert.equal(created.summary.after.nameEn, 'Test Agency');

  const edit = `/admin/institutions/${row.id}/edit`;
  const form = await b.get(`${edit}?lang=en`);
  assert.match(form.body, /Edit TEST-AG/);
  assert.match(form.body, /value="Wakala wa Majaribio"/);
  // Its own acronym in another case is not "taken".
  const saved = await b.post(edit, { ...valid, acronym: 'test-ag', nameEn: 'Testing Agency', parentId: mof, active: 'false' });
  assert.equal(saved.statusCode, 303);
  const [updated] = await t.db.query<{ summary: { before: Record<string, unknown>; after: Record<string, unknown> } }>(
    `SELECT summary FROM audit_log WHERE action = 'institution.update' AND entity_id = $1`,
    [row.id],
  );
  assert.deepEqual(updated.summary.before, { acronym: 'TEST-AG', nameEn: 'Test Agency', active: true });
  assert.deepEqual(updated.summary.after, { acronym: 'test-ag', nameEn: 'Testing Agency', active: false });
  const dup = await b.post(`${edit}?lang=en`, { ...valid, acronym: 'TRA' });
  assert.equal(dup.statusCode, 422);
  assert.match(dup.body, /Another institution already uses this acronym/);

  // The list finds it by name, type and status; inactive institutions leave the public API.
  const list = await b.get('/admin/institutions?q=testing&type=executive_agency&status=inactive&lang=en');
  assert.match(list.body, /Testing Agency/);
  assert.match(list.body, /Showing 1 to 1 of 1/);
  const api = await t.app.inject('/api/v1/institutions');
  assert.equal(api.statusCode, 200);
  const items = api.json().items as { acronym: string; parentAcronym: string | null; type: string }[];
  assert.ok(items.some((i) => i.acronym === 'NIDA'));
  assert.ok(!items.some((i) => i.acronym === 'test-ag'));
});

test('the list pages and filters by sector; paging links keep the filters', async () => {
  const all = await b.get('/admin/institutions?lang=en');
  assert.match(all.body, /Showing 1 to 25 of \d+/);
  assert.match(all.body, /href="\/admin\/institutions\?lang=en&amp;page=2"/);
  const health = await b.get('/admin/institutions?sector=health&lang=en');
  assert.match(health.body, />MoH</);
  assert.doesNotMatch(health.body, />TRA</);
  const sw = await b.get('/admin/institutions?q=TRA&lang=sw');
  assert.match(sw.body, /Mamlaka ya umma/);
});

test('auditors and authority reviewers read the register; only administrators change it', async () => {
  for (const role of ['auditor', 'authority_reviewer'] as const) {
    const r = await signIn(t.app, await makeUser(t.db, role));
    const list = await r.get('/admin/institutions?lang=en');
    assert.equal(list.statusCode, 200);
    assert.doesNotMatch(list.body, /href="\/admin\/institutions\/new"/);
    assert.doesNotMatch(list.body, /\/edit"/);
    assert.equal((await r.get('/admin/institutions/new')).statusCode, 403);
    const nida = await institutionId(t.db, 'NIDA');
    assert.equal((await r.get(`/admin/institutions/${nida}/edit`)).statusCode, 403);
    assert.equal((await r.post(`/admin/institutions/${nida}/edit`, valid, { csrfFrom: '/admin/institutions' })).statusCode, 403);
  }
  const officer = await signIn(t.app, await makeUser(t.db, 'institution_officer', 'NIDA'));
  assert.equal((await officer.get('/admin/institutions')).statusCode, 403);
  assert.equal((await b.get('/admin/institutions/00000000-0000-0000-0000-000000000000/edit')).statusCode, 404);
});
