import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, makeUser, signIn, Browser, csrfToken, TEST_PASSWORD, type TestApp } from '../../../test/helpers.ts';
import { currentCode } from './totp.service.ts';

let t: TestApp;
before(async () => {
  t = await createTestApp();
});
after(() => t.close());

test('an ICT officer signs in with a password, sees their account, and signs out', async () => {
  const user = await makeUser(t.db, 'institution_officer', 'NIDA', { name: 'Neema Afisa' });
  const b = await signIn(t.app, user);
  const account = await b.get('/account?lang=en');
  assert.equal(account.statusCode, 200);
  assert.match(account.body, /Neema Afisa/);
  assert.match(account.body, /ICT officer — NIDA/);
  const out = await b.post('/logout', {}, { csrfFrom: '/account' });
  assert.equal(out.statusCode, 303);
  const after = await b.get('/account');
  assert.equal(after.statusCode, 302);
  assert.match(String(after.headers.location), /^\/login\?next=/);
});

test('wrong password and unknown account get the same message and status', async () => {
  const user = await makeUser(t.db, 'institution_officer', 'BRELA');
  const b = new Browser(t.app);
  const wrong = await b.post('/login?lang=en', { email: user.email, password: 'not-the-password-at-all' }, { csrfFrom: '/login' });
  const unknown = await b.post('/login?lang=en', { email: 'nobody-here@test.go.tz', password: 'not-the-password-at-all' }, { csrfFrom: '/login' });
  assert.equal(wrong.statusCode, 401);
  assert.equal(unknown.statusCode, 401);
  const msg = (html: string) => html.match(/<ul class="govuk-list govuk-error-summary__list">([\s\S]*?)<\/ul>/)![1];
  assert.equal(msg(wrong.body), msg(unknown.body));
  assert.match(wrong.body, /The email address or password is not right/);
});

test('after five failures an account is held back even with the right password', async () => {
  const user = await makeUser(t.db, 'institution_officer', 'TRA');
  const b = new Browser(t.app);
  for (let i = 0; i < 5; i++) {
    const r = await b.post('/login', { email: user.email, password: `wrong-password-${i}-xxxx` }, { csrfFrom: '/login' });
    assert.equal(r.statusCode, 401);
  }
  const held = await b.post('/login?lang=en', { email: user.email, password: TEST_PASSWORD }, { csrfFrom: '/login' });
  assert.equal(held.statusCode, 429);
  assert.match(held.body, /Too many sign-in attempts/);
});

test('a form posted without its CSRF token is refused and changes nothing', async () => {
  const user = await makeUser(t.db, 'institution_officer', 'NIDA');
  const b = await signIn(t.app, user);
  const res = await b.post('/account/tokens', { name: 'sneaky', scope: 'write' }, { csrf: 'forged-token' });
  assert.equal(res.statusCode, 403);
  const rows = await t.db.query('SELECT 1 FROM api_tokens WHERE name = $1', ['sneaky']);
  assert.equal(rows.length, 0);
});

test('an administrator must enrol two-factor; later sign-ins need a code, and a recovery code works once', async () => {
  const admin = await makeUser(t.db, 'admin');
  const b = new Browser(t.app);
  const first = await b.post('/login', { email: admin.email, password: TEST_PASSWORD }, { csrfFrom: '/login' });
  assert.match(String(first.headers.location), /^\/login\/two-factor\/setup/);
  // Half signed in: the account page is still closed.
  assert.equal((await b.get('/account')).statusCode, 302);
  const setup = await b.get(String(first.headers.location));
  assert.match(setup.body, /<img src="data:image\/png;base64,/);
  const secret = setup.body.match(/id="totp-secret">([A-Z2-7]+)</)![1];
  const bad = await b.post(String(first.headers.location), { code: '000000' }, { csrf: csrfToken(setup.body) });
  assert.equal(bad.statusCode, 422);
  const ok = await b.post(String(first.headers.location), { code: currentCode(admin.email, secret) }, { csrf: csrfToken(bad.body) });
  assert.equal(ok.statusCode, 200);
  const codes = [...ok.body.matchAll(/<li>([0-9a-f]{5}-[0-9a-f]{5})<\/li>/g)].map((m) => m[1]);
  assert.equal(codes.length, 10);
  assert.equal((await b.get('/account')).statusCode, 200);

  // A second sign-in asks for the code.
  const b2 = new Browser(t.app);
  const again = await b2.post('/login', { email: admin.email, password: TEST_PASSWORD }, { csrfFrom: '/login' });
  assert.match(String(again.headers.location), /^\/login\/two-factor\?/);
  const wrong = await b2.post('/login/two-factor', { code: '123456' }, { csrfFrom: '/login/two-factor' });
  assert.equal(wrong.statusCode, 422);
  const viaRecovery = await b2.post('/login/two-factor', { code: codes[0] }, { csrfFrom: '/login/two-factor' });
  assert.equal(viaRecovery.statusCode, 303);
  assert.equal((await b2.get('/account')).statusCode, 200);

  const b3 = new Browser(t.app);
  await b3.post('/login', { email: admin.email, password: TEST_PASSWORD }, { csrfFrom: '/login' });
  const reused = await b3.post('/login/two-factor', { code: codes[0] }, { csrfFrom: '/login/two-factor' });
  assert.equal(reused.statusCode, 422, 'a recovery code works only once');
});

test('sessions end after 30 idle minutes, and can be revoked from another device', async () => {
  const user = await makeUser(t.db, 'institution_head', 'NIDA');
  const a = await signIn(t.app, user);
  const b = await signIn(t.app, user);
  const page = await a.get('/account');
  const otherId = page.body.match(/action="\/account\/sessions\/([0-9a-f-]{36})\/revoke"/)![1];
  const revoke = await a.post(`/account/sessions/${otherId}/revoke`, {}, { csrf: csrfToken(page.body) });
  assert.equal(revoke.statusCode, 303);
  assert.equal((await b.get('/account')).statusCode, 302, 'the revoked session is signed out');

  await t.db.query("UPDATE sessions SET last_seen_at = now() - interval '31 minutes' WHERE user_id = $1", [user.id]);
  assert.equal((await a.get('/account')).statusCode, 302, 'idle session expired');
});

test('the session cookie is HttpOnly and SameSite=Lax', async () => {
  const user = await makeUser(t.db, 'institution_officer', 'NIDA');
  const b = new Browser(t.app);
  const res = await b.post('/login', { email: user.email, password: TEST_PASSWORD }, { csrfFrom: '/login' });
  const cookie = [res.headers['set-cookie']].flat().find((c) => String(c).startsWith('vw_session='))!;
  assert.match(String(cookie), /HttpOnly/);
  assert.match(String(cookie), /SameSite=Lax/);
  const stored = await t.db.query<{ token_hash: string }>('SELECT token_hash FROM sessions WHERE user_id = $1', [user.id]);
  const secret = String(cookie).split(';')[0].split('=')[1];
  assert.ok(stored.every((s) => s.token_hash !== secret), 'only a hash of the session secret is stored');
});
