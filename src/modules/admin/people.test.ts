import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, makeUser, signIn, apiToken, institutionId, Browser, csrfToken, type TestApp } from '../../../test/helpers.ts';
import type { User } from '../identity/users.service.ts';

let t: TestApp;
let admin: User;
let b: Browser;
before(async () => {
  t = await createTestApp();
  admin = await makeUser(t.db, 'admin', undefined, { name: 'Asha Msimamizi' });
  b = await signIn(t.app, admin);
});
after(() => t.close());

const count = async (sql: string, params: unknown[] = []) => Number((await t.db.query<{ n: number }>(sql, params))[0].n);

test('an invitation e-mails a one-time link that lets the invitee choose a password and sign in', async () => {
  const nida = await institutionId(t.db, 'NIDA');
  const res = await b.post('/admin/people/new?lang=en', { name: 'Baraka Mwaliko', email: 'Baraka.Mwaliko@nida.go.tz', lang: 'en', role: 'institution_officer', institution: nida });
  assert.equal(res.statusCode, 303);
  const location = String(res.headers.location);
  assert.match(location, /^\/admin\/people\/[0-9a-f-]{36}\?done=invited$/);
  const page = await b.get(location + '&lang=en');
  assert.match(page.body, /Invitation sent to baraka\.mwaliko@nida\.go\.tz/);
  assert.match(page.body, /Not chosen yet/);

  const [mail] = await t.db.query<{ subject: string; body_text: string }>('SELECT subject, body_text FROM mail_outbox WHERE to_address = $1', ['baraka.mwaliko@nida.go.tz']);
  assert.equal(mail.subject, 'You have been invited to Viwango');
  const token = mail.body_text.match(/\/invite\/([A-Za-z0-9_-]+)/)![1];
  const invitee = new Browser(t.app);
  const form = await invitee.get(`/invite/${token}`);
  assert.equal(form.statusCode, 200);
  const set = await invitee.post(`/invite/${token}`, { password: 'a-long-new-password-2026', confirm: 'a-long-new-password-2026' }, { csrf: csrfToken(form.body) });
  assert.equal(set.statusCode, 303);
  await signIn(t.app, { email: 'baraka.mwaliko@nida.go.tz' }, 'a-long-new-password-2026');
  // The link works once.
  assert.equal((await new Browser(t.app).get(`/invite/${token}`)).statusCode, 410);
  assert.equal(await count(`SELECT count(*)::int AS n FROM audit_log WHERE action IN ('user.create', 'user.invite_sent') AND actor_label = $1`, [admin.email]), 2);
});

test('a scoped role without an institution is refused with the field error in the chosen language, and nothing is created', async () => {
  const before = await count('SELECT count(*)::int AS n FROM mail_outbox');
  const en = await b.post('/admin/people/new?lang=en', { name: 'Hakuna Taasisi', email: 'no.inst@test.go.tz', lang: 'sw', role: 'institution_head', institution: '' });
  assert.equal(en.statusCode, 422);
  assert.match(en.body, /<a href="#institution">Choose the institution this role acts for<\/a>/);
  assert.match(en.body, /value="no.inst@test.go.tz"/);
  const sw = await b.post('/admin/people/new?lang=sw', { name: 'Hakuna Taasisi', email: 'no.inst@test.go.tz', lang: 'sw', role: 'issuer_author', institution: '' });
  assert.equal(sw.statusCode, 422);
  assert.match(sw.body, /Chagua taasisi ambayo jukumu hili linaifanyia kazi/);
  const bad = await b.post('/admin/people/new?lang=en', { name: '', email: 'not-an-email', lang: 'en', role: '', institution: '' });
  assert.equal(bad.statusCode, 422);
  assert.match(bad.body, /href="#name"/);
  assert.match(bad.body, /href="#email"/);
  assert.match(bad.body, /href="#role"/);
  assert.equal(await count('SELECT count(*)::int AS n FROM users WHERE email = $1', ['no.inst@test.go.tz']), 0);
  assert.equal(await count('SELECT count(*)::int AS n FROM mail_outbox'), before);
});

test('a duplicate e-mail address is refused', async () => {
  const existing = await makeUser(t.db, 'auditor');
  const res = await b.post('/admin/people/new?lang=en', { name: 'Twin', email: existing.email.toUpperCase(), lang: 'en', role: 'auditor', institution: '' });
  assert.equal(res.statusCode, 409);
  assert.match(res.body, /An account with this email address already exists/);
  assert.equal(await count('SELECT count(*)::int AS n FROM users WHERE lower(email) = lower($1)', [existing.email]), 1);
});

test('an invitation is all or nothing: when the e-mail cannot be queued, no account is left behind', async () => {
  await t.db.query('ALTER TABLE mail_outbox RENAME TO mail_outbox_away');
  try {
    const res = await b.post('/admin/people/new?lang=en', { name: 'Nusu Tu', email: 'half.done@test.go.tz', lang: 'en', role: 'auditor', institution: '' });
    assert.equal(res.statusCode, 500);
  } finally {
    await t.db.query('ALTER TABLE mail_outbox_away RENAME TO mail_outbox');
  }
  assert.equal(await count('SELECT count(*)::int AS n FROM users WHERE email = $1', ['half.done@test.go.tz']), 0);
  assert.equal(await count(`SELECT count(*)::int AS n FROM audit_log WHERE summary->>'email' = $1`, ['half.done@test.go.tz']), 0);
});

test('search, filters and paging return the right people, and page links keep the filters', async () => {
  for (let i = 0; i < 27; i++) await makeUser(t.db, 'institution_officer', 'TRA', { name: `Zawadi Kurasa ${String(i).padStart(2, '0')}` });
  const auditor = await makeUser(t.db, 'auditor', undefined, { name: 'Zawadi Mkaguzi' });
  const p1 = await b.get('/admin/people?q=ZAWADI%20kurasa&lang=en');
  assert.equal(p1.statusCode, 200);
  assert.equal([...p1.body.matchAll(/href="\/admin\/people\/[0-9a-f-]{36}"/g)].length, 25);
  assert.match(p1.body, /Showing 1 to 25 of 27/);
  assert.match(p1.body, /class="govuk-pagination"/);
  assert.match(p1.body, /href="\/admin\/people\?q=ZAWADI\+kurasa&amp;lang=en&amp;page=2"/);
  const p2 = await b.get('/admin/people?q=ZAWADI%20kurasa&page=2');
  assert.equal([...p2.body.matchAll(/href="\/admin\/people\/[0-9a-f-]{36}"/g)].length, 2);
  assert.match(p2.body, /Zawadi Kurasa 26/);

  const byRole = await b.get('/admin/people?q=zawadi&role=auditor');
  assert.match(byRole.body, new RegExp(auditor.id));
  assert.doesNotMatch(byRole.body, /Zawadi Kurasa/);
  const tra = await institutionId(t.db, 'TRA');
  const byInst = await b.get(`/admin/people?q=zawadi&institution=${tra}`);
  assert.match(byInst.body, /Zawadi Kurasa 00/);
  assert.doesNotMatch(byInst.body, /Zawadi Mkaguzi/);
  await t.db.query('UPDATE users SET active = false WHERE id = $1', [auditor.id]);
  const inactive = await b.get('/admin/people?q=zawadi&status=inactive');
  assert.match(inactive.body, /Zawadi Mkaguzi/);
  assert.doesNotMatch(inactive.body, /Zawadi Kurasa/);
  // A % in the search is taken literally.
  assert.match((await b.get('/admin/people?q=%25&lang=en')).body, /Nothing to show/);

  const api = await t.app.inject({ url: '/api/v1/users?q=zawadi%20kurasa&page=2', headers: { authorization: `Bearer ${await apiToken(t.db, admin, 'read')}` } });
  assert.equal(api.statusCode, 200);
  assert.equal(api.json().total, 27);
  assert.equal(api.json().items.length, 2);
  assert.equal(api.json().items[0].roles[0].institutionAcronym, 'TRA');
});

test('roles are added and removed; an admin cannot remove their own admin role or deactivate themselves', async () => {
  const person = await makeUser(t.db, 'institution_officer', 'BRELA');
  const url = `/admin/people/${person.id}`;
  const added = await b.post(`${url}/grants`, { role: 'auditor', institution: '' });
  assert.equal(added.statusCode, 303);
  const roles = async () => (await t.db.query<{ role: string }>('SELECT role FROM role_grants WHERE user_id = $1 ORDER BY role', [person.id])).map((r) => r.role);
  assert.deepEqual(await roles(), ['auditor', 'institution_officer']);
  const missing = await b.post(`${url}/grants?lang=en`, { role: 'institution_head', institution: '' });
  assert.equal(missing.statusCode, 422);
  assert.match(missing.body, /Choose the institution this role acts for/);
  const brela = await institutionId(t.db, 'BRELA');
  assert.equal((await b.post(`${url}/grants/remove`, { role: 'institution_officer', institution: brela })).statusCode, 303);
  assert.deepEqual(await roles(), ['auditor']);
  const last = await b.post(`${url}/grants/remove?lang=en`, { role: 'auditor', institution: '' });
  assert.equal(last.statusCode, 422);
  assert.match(last.body, /needs at least one role/);

  const self = `/admin/people/${admin.id}`;
  const selfAdmin = await b.post(`${self}/grants/remove?lang=en`, { role: 'admin', institution: '' });
  assert.equal(selfAdmin.statusCode, 422);
  assert.match(selfAdmin.body, /cannot remove your own administrator role/);
  const selfOff = await b.post(`${self}/deactivate?lang=en`, {}, { csrfFrom: self });
  assert.equal(selfOff.statusCode, 422);
  assert.match(selfOff.body, /cannot deactivate your own account/);
  assert.equal((await t.db.query<{ active: boolean }>('SELECT active FROM users WHERE id = $1', [admin.id]))[0].active, true);
});

test('deactivating signs the person out everywhere; reactivating, two-factor reset and resending an invitation work', async () => {
  const person = await makeUser(t.db, 'institution_officer', 'NIDA');
  const theirs = await signIn(t.app, person);
  assert.equal((await theirs.get('/account')).statusCode, 200);
  const url = `/admin/people/${person.id}`;
  assert.equal((await b.post(`${url}/deactivate`, {}, { csrfFrom: url })).statusCode, 303);
  assert.equal((await theirs.get('/account')).statusCode, 302);
  assert.match((await b.get(`${url}?lang=en`)).body, /Reactivate account/);
  assert.equal((await b.post(`${url}/activate`, {}, { csrfFrom: url })).statusCode, 303);
  await t.db.query(`UPDATE users SET totp_secret = 'JBSWY3DPEHPK3PXP', totp_enabled_at = now() WHERE id = $1`, [person.id]);
  assert.equal((await b.post(`${url}/reset-2fa`, {}, { csrfFrom: url })).statusCode, 303);
  assert.equal((await t.db.query<{ totp_secret: string | null }>('SELECT totp_secret FROM users WHERE id = $1', [person.id]))[0].totp_secret, null);
  // They already chose a password: nothing to resend.
  assert.equal((await b.post(`${url}/resend?lang=en`, {}, { csrfFrom: url })).statusCode, 422);

  const invited = await b.post('/admin/people/new', { name: 'Rudia Mwaliko', email: 'resend@test.go.tz', lang: 'sw', role: 'auditor', institution: '' });
  const purl = String(invited.headers.location).split('?')[0];
  assert.equal((await b.post(`${purl}/resend`, {}, { csrfFrom: purl })).statusCode, 303);
  const mails = await t.db.query<{ subject: string }>('SELECT subject FROM mail_outbox WHERE to_address = $1', ['resend@test.go.tz']);
  assert.equal(mails.length, 2);
  assert.equal(mails[0].subject, 'Umealikwa kwenye Viwango');
  assert.equal((await b.get('/admin/people/00000000-0000-0000-0000-000000000000')).statusCode, 404);
  assert.equal((await b.get('/admin/people/not-a-uuid')).statusCode, 404);
});

test('only administrators reach the people pages and API; the nav shows Administration to the right roles', async () => {
  const officer = await makeUser(t.db, 'institution_officer', 'NIDA');
  const ob = await signIn(t.app, officer);
  assert.equal((await ob.get('/admin/people')).statusCode, 403);
  assert.equal((await ob.get('/admin')).statusCode, 403);
  assert.doesNotMatch((await ob.get('/?lang=en')).body, /href="\/admin"/);
  const auditor = await makeUser(t.db, 'auditor');
  const ab = await signIn(t.app, auditor);
  assert.equal((await ab.get('/admin/people')).statusCode, 403);
  assert.equal((await ab.post('/admin/people/new', { name: 'x', email: 'x@test.go.tz', role: 'admin' }, { csrfFrom: '/account' })).statusCode, 403);
  assert.match((await ab.get('/?lang=en')).body, /href="\/admin"[^>]*>Administration</);
  const home = await ab.get('/admin?lang=en');
  assert.equal(home.statusCode, 200);
  assert.doesNotMatch(home.body, /href="\/admin\/people"/);
  assert.match(home.body, /href="\/admin\/audit"/);
  const head = await signIn(t.app, await makeUser(t.db, 'institution_head', 'NIDA'));
  assert.match((await head.get('/?lang=sw')).body, /href="\/admin"[^>]*>Utawala</);
  assert.match((await b.get('/?lang=en')).body, /href="\/admin"[^>]*>Administration</);
  const anon = await t.app.inject('/admin/people');
  assert.equal(anon.statusCode, 302);
  assert.doesNotMatch((await t.app.inject('/?lang=en')).body, /href="\/admin"/);
  const api = await t.app.inject({ url: '/api/v1/users', headers: { authorization: `Bearer ${await apiToken(t.db, officer, 'read')}` } });
  assert.equal(api.statusCode, 403);
});
