// The portfolio's page forms over HTTP, as a browser sends them: registering a system (reuse advice
// on demand, field errors with the values kept, saving), editing it (a stale save is a conflict that
// keeps the form), and addresses that name nothing (404).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, makeUser, signIn, type Browser, type TestApp } from '../../../test/helpers.ts';

let t: TestApp;
let officer: Browser;
let other: Browser;
before(async () => {
  t = await createTestApp();
  officer = await signIn(t.app, await makeUser(t.db, 'institution_officer', 'NIDA'));
  other = await signIn(t.app, await makeUser(t.db, 'institution_officer', 'BRELA'));
});
after(() => t.close());

const form = { code: 'HR-1', name: 'Human resources system', purpose: 'Staff records, leave and payroll inputs.', capabilities: '', lifecycle: 'production', hosting: 'govdc', personalData: 'yes', govesb: 'no', securityClass: 'internal' };

test('registering through the form: advice on demand, field errors keep the values, then the saved system', async () => {
  const page = await officer.get('/portfolio/systems/new?institution=NIDA&lang=en');
  assert.equal(page.statusCode, 200);
  const url = '/portfolio/systems/new?institution=NIDA&lang=en';
  const advice = await officer.post(url, { ...form, check: '1' });
  assert.equal(advice.statusCode, 200);
  assert.match(advice.body, /Systems that already do this job/);
  assert.equal((await t.db.query("SELECT 1 FROM portfolio_systems WHERE code = 'HR-1'")).length, 0, 'checking saves nothing');

  const bad = await officer.post(url, { ...form, name: '', lifecycle: 'alive' });
  assert.equal(bad.statusCode, 422);
  assert.match(bad.body, /Enter a name/);
  assert.match(bad.body, /Choose planned, development, production, retiring or retired/);
  assert.match(bad.body, /Staff records, leave and payroll inputs\./, 'what was typed stays in the form');

  const saved = await officer.post(url, form);
  assert.equal(saved.statusCode, 303);
  const location = String(saved.headers.location);
  assert.match(location, /^\/portfolio\/systems\/[0-9a-f-]{36}\?saved=1$/);
  const shown = await officer.get(`${location}&lang=en`);
  assert.match(shown.body, /Saved\./);
  assert.match(shown.body, /Human resources system/);
});

test('editing through the form: a stale revision is a conflict that keeps what was typed; another institution gets 404', async () => {
  const [{ id }] = await t.db.query<{ id: string }>("SELECT id FROM portfolio_systems WHERE code = 'HR-1'");
  const edit = `/portfolio/systems/${id}/edit?lang=en`;
  const page = await officer.get(edit);
  assert.equal(page.statusCode, 200);
  const revision = page.body.match(/name="revision" value="(\d+)"/)![1];
  const first = await officer.post(edit, { ...form, purpose: 'First edit.', revision });
  assert.equal(first.statusCode, 303);
  const second = await officer.post(edit, { ...form, purpose: 'Second edit.', revision });
  assert.equal(second.statusCode, 409);
  assert.match(second.body, /Someone else saved this system while you were editing it/);
  assert.match(second.body, /Second edit\./);
  assert.equal((await t.db.query<{ purpose: string }>('SELECT purpose FROM portfolio_systems WHERE id = $1', [id]))[0].purpose, 'First edit.');

  assert.equal((await other.get(edit)).statusCode, 404);
  assert.equal((await other.post(edit, { ...form, revision }, { csrfFrom: '/portfolio' })).statusCode, 404);
});

test('addresses that name nothing answer 404', async () => {
  for (const url of ['/portfolio/systems/not-a-uuid', '/portfolio/systems/3f2b8c1e-4d5a-4b6c-8d7e-9f0a1b2c3d4e', '/portfolio/institutions/NOPE', '/portfolio/institutions/%25%25', '/portfolio/integrations/42']) {
    assert.equal((await officer.get(url)).statusCode, 404, url);
  }
  assert.equal((await officer.get('/portfolio?page=abc&q=x&q=y')).statusCode, 200, 'odd query values are ignored, as before');
});
