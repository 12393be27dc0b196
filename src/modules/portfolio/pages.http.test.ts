// The portfolio's page forms over HTTP, as a browser sends them: registering a system (reuse advice
// on demand, field errors with the values kept, saving), editing it (a stale save is a conflict that
// keeps the form), e-services and integrations added and removed from the system's page, and
// addresses that name nothing (404).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, makeUser, signIn, type Browser, type TestApp } from '../../../test/helpers.ts';

let t: TestApp;
let officer: Browser;
let other: Browser;
let auditor: Browser;
before(async () => {
  t = await createTestApp();
  officer = await signIn(t.app, await makeUser(t.db, 'institution_officer', 'NIDA'));
  other = await signIn(t.app, await makeUser(t.db, 'institution_officer', 'BRELA'));
  auditor = await signIn(t.app, await makeUser(t.db, 'auditor'));
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

/** A system registered through the form by `who`, for `institution`; its id. */
async function registered(who: Browser, institution: string, code: string): Promise<string> {
  const res = await who.post(`/portfolio/systems/new?institution=${institution}`, { ...form, code, name: `System ${code}` });
  assert.equal(res.statusCode, 303, res.body.slice(0, 400));
  return String(res.headers.location).match(/systems\/([0-9a-f-]{36})/)![1];
}

const eservice = { nameSw: 'Usajili wa vitambulisho', nameEn: 'Identity registration', audience: 'citizens', channels: ['web', 'ussd'], feeTzs: '5,000', url: 'https://example.go.tz/id' };

test('an officer adds and removes an e-service from the system page, in Kiswahili and English; a bad field is a 422 that keeps the form', async () => {
  const id = await registered(officer, 'NIDA', 'ES-1');
  const page = `/portfolio/systems/${id}`;
  for (const lang of ['en', 'sw'] as const) {
    const bad = await officer.post(`${page}/eservices?lang=${lang}`, { ...eservice, channels: [], url: 'ftp://nope' }, { csrfFrom: page });
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, lang === 'en' ? /Choose at least one channel/ : /Chagua angalau njia moja/);
    assert.match(bad.body, lang === 'en' ? /Enter a web address starting with https:\/\// : /Andika anwani ya tovuti inayoanza na https:\/\//);
    assert.match(bad.body, /value="Usajili wa vitambulisho"/, 'what was typed stays in the form');
    assert.match(bad.body, /<details class="govuk-details" open/, 'the refused form is open');
  }
  assert.equal((await t.db.query('SELECT 1 FROM portfolio_eservices WHERE system_id = $1', [id])).length, 0, 'nothing half-saved');

  const added = await officer.post(`${page}/eservices?lang=sw`, eservice, { csrfFrom: page });
  assert.equal(added.statusCode, 303);
  assert.equal(added.headers.location, `${page}?saved=1#eservices-h`);
  const [row] = await t.db.query<{ id: string; channels: string[]; fee_tzs: string }>('SELECT id, channels, fee_tzs FROM portfolio_eservices WHERE system_id = $1', [id]);
  assert.deepEqual(row.channels, ['web', 'ussd']);
  assert.equal(Number(row.fee_tzs), 5000);
  const sw = await officer.get(`${page}?saved=1&lang=sw`);
  assert.match(sw.body, /Usajili wa vitambulisho/);
  assert.match(sw.body, /Imehifadhiwa\./);
  const en = await officer.get(`${page}?lang=en`);
  assert.match(en.body, /Identity registration/);
  assert.match(en.body, new RegExp(`action="${page}/eservices/${row.id}/remove"`));

  const removed = await officer.post(`${page}/eservices/${row.id}/remove?lang=en`, {}, { csrfFrom: page });
  assert.equal(removed.statusCode, 303);
  assert.equal(removed.headers.location, `${page}?removed=1#eservices-h`);
  assert.equal((await t.db.query('SELECT 1 FROM portfolio_eservices WHERE system_id = $1', [id])).length, 0);
  assert.match((await officer.get(`${page}?removed=1&lang=en`)).body, /Removed\./);
  const audited = await t.db.query<{ action: string }>("SELECT action FROM audit_log WHERE action LIKE 'portfolio.eservice.%' AND entity_id = $1 ORDER BY seq", [row.id]);
  assert.deepEqual(audited.map((a) => a.action), ['portfolio.eservice.create', 'portfolio.eservice.remove']);
});

test('an officer records an integration with another institution\'s system from the system page, and removes it', async () => {
  const id = await registered(officer, 'NIDA', 'IG-1');
  await registered(other, 'BRELA', 'REG-9');
  const page = `/portfolio/systems/${id}`;
  const integration = { role: 'provider', other: 'brela/reg-9', dataExchanged: 'Identity check of company directors', channel: 'govesb', legalBasis: 'Registration Act', status: 'active' };

  const unknown = await officer.post(`${page}/integrations?lang=en`, { ...integration, other: 'BRELA/NOPE' }, { csrfFrom: page });
  assert.equal(unknown.statusCode, 422);
  assert.match(unknown.body, /There is no such system: give the institution and the system code/);
  assert.match(unknown.body, /href="#ig-other"/, 'the error summary links to the field');
  const itself = await officer.post(`${page}/integrations?lang=sw`, { ...integration, other: 'NIDA/IG-1', channel: 'pigeon' }, { csrfFrom: page });
  assert.equal(itself.statusCode, 422);
  assert.match(itself.body, /Mfumo hauwezi kuunganishwa na wenyewe/);
  assert.equal((await t.db.query('SELECT 1 FROM portfolio_integrations WHERE provider_id = $1 OR consumer_id = $1', [id])).length, 0);

  const added = await officer.post(`${page}/integrations?lang=en`, integration, { csrfFrom: page });
  assert.equal(added.statusCode, 303);
  assert.equal(added.headers.location, `${page}?saved=1#integrations-h`);
  const [g] = await t.db.query<{ id: string; consumer: string }>('SELECT g.id, c.code AS consumer FROM portfolio_integrations g JOIN portfolio_systems c ON c.id = g.consumer_id WHERE g.provider_id = $1', [id]);
  assert.equal(g.consumer, 'REG-9');
  const en = await officer.get(`${page}?lang=en`);
  assert.match(en.body, /Identity check of company directors/);
  assert.match(en.body, new RegExp(`action="${page}/integrations/${g.id}/remove"`));

  const consumer = await officer.post(`${page}/integrations?lang=sw`, { ...integration, role: 'consumer', dataExchanged: 'Company register extract' }, { csrfFrom: page });
  assert.equal(consumer.statusCode, 303);
  assert.equal((await t.db.query('SELECT 1 FROM portfolio_integrations WHERE consumer_id = $1', [id])).length, 1, 'this system as the consumer');

  const removed = await officer.post(`${page}/integrations/${g.id}/remove?lang=sw`, {}, { csrfFrom: page });
  assert.equal(removed.statusCode, 303);
  assert.equal(removed.headers.location, `${page}?removed=1#integrations-h`);
  assert.equal((await t.db.query('SELECT 1 FROM portfolio_integrations WHERE id = $1', [g.id])).length, 0);
  assert.match((await officer.get(`${page}?removed=1&lang=sw`)).body, /Imeondolewa\./);
});

test('another institution\'s officer gets 404 posting to a system not theirs; an auditor sees no forms and gets 403', async () => {
  const id = await registered(officer, 'NIDA', 'GD-1');
  const page = `/portfolio/systems/${id}`;
  assert.equal((await officer.post(`${page}/eservices`, eservice, { csrfFrom: page })).statusCode, 303);
  const [e] = await t.db.query<{ id: string }>('SELECT id FROM portfolio_eservices WHERE system_id = $1', [id]);

  const seen = await other.get(page);
  assert.equal(seen.statusCode, 200);
  assert.doesNotMatch(seen.body, /\/eservices"|\/integrations"|\/remove"/, 'no forms for a system they may not edit');
  for (const [url, body] of [[`${page}/eservices`, eservice], [`${page}/eservices/${e.id}/remove`, {}], [`${page}/integrations`, { role: 'consumer', other: 'BRELA/REG-9', dataExchanged: 'x', channel: 'govesb', status: 'active' }]] as const) {
    assert.equal((await other.post(url, body, { csrfFrom: page })).statusCode, 404, url);
  }

  const read = await auditor.get(`${page}?lang=en`);
  assert.equal(read.statusCode, 200);
  assert.match(read.body, /Identity registration/);
  assert.doesNotMatch(read.body, /\/eservices"|\/integrations"|\/remove"|Add an e-service|Add an integration/);
  assert.equal((await auditor.post(`${page}/eservices/${e.id}/remove`, {}, { csrfFrom: page })).statusCode, 403);
  assert.equal((await auditor.post(`${page}/eservices`, eservice, { csrfFrom: page })).statusCode, 403);
  assert.equal((await t.db.query('SELECT 1 FROM portfolio_eservices WHERE id = $1', [e.id])).length, 1, 'still there');

  const elsewhere = await officer.post(`${page}/eservices/3f2b8c1e-4d5a-4b6c-8d7e-9f0a1b2c3d4e/remove`, {}, { csrfFrom: page });
  assert.equal(elsewhere.statusCode, 404, 'an e-service that is not this system\'s');
});
