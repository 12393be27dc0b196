// The second factor under attack: replayed codes, reused recovery codes, and guessing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as OTPAuth from 'otpauth';
import { createTestApp, makeUser, Browser, csrfToken, TEST_PASSWORD, type TestApp } from '../../../test/helpers.ts';
import type { User } from './users.service.ts';

let t: TestApp;
before(async () => {
  t = await createTestApp();
});
after(() => t.close());

/** The code an authenticator app shows at a given moment. */
function codeAt(email: string, secret: string, at = Date.now()) {
  return new OTPAuth.TOTP({ issuer: 'Viwango', label: email, digits: 6, period: 30, secret: OTPAuth.Secret.fromBase32(secret) }).generate({ timestamp: at });
}

/** Enrols an administrator through the pages; returns the key shown on the setup page and the recovery codes. */
async function enrolledAdmin(): Promise<{ user: User; secret: string; codes: string[] }> {
  const user = await makeUser(t.db, 'admin');
  const b = new Browser(t.app);
  const first = await b.post('/login', { email: user.email, password: TEST_PASSWORD }, { csrfFrom: '/login' });
  const setup = await b.get(String(first.headers.location));
  const secret = setup.body.match(/id="totp-secret">([A-Z2-7]+)</)![1];
  // Enrol with the previous step's code, so the current one is still unused for the tests below.
  const done = await b.post(String(first.headers.location), { code: codeAt(user.email, secret, Date.now() - 30_000) }, { csrf: csrfToken(setup.body) });
  assert.equal(done.statusCode, 200);
  const codes = [...done.body.matchAll(/<li>([0-9a-f]{5}-[0-9a-f]{5})<\/li>/g)].map((m) => m[1]);
  return { user, secret, codes };
}

/** Password step of a sign-in; the browser is then half signed in. */
async function passwordStep(user: User, ip = '127.0.0.1') {
  const b = new Browser(t.app, ip);
  const res = await b.post('/login', { email: user.email, password: TEST_PASSWORD }, { csrfFrom: '/login' });
  assert.match(String(res.headers.location), /^\/login\/two-factor\?/);
  return b;
}

const code = (b: Browser, c: string) => b.post('/login/two-factor?lang=en', { code: c }, { csrfFrom: '/login/two-factor' });

test('a TOTP code signs in once: the same code, or one of an earlier step, is refused afterwards', async () => {
  const { user, secret } = await enrolledAdmin();
  const now = codeAt(user.email, secret);
  const a = await passwordStep(user);
  assert.equal((await code(a, now)).statusCode, 303);
  assert.equal((await a.get('/account')).statusCode, 200);

  const replay = await passwordStep(user);
  const again = await code(replay, now);
  assert.equal(again.statusCode, 422, 'the same code a second time is refused');
  assert.match(again.body, /The code is not right or has expired/);
  assert.equal((await code(replay, codeAt(user.email, secret, Date.now() - 30_000))).statusCode, 422, 'a code of an earlier step is refused');
  assert.equal((await replay.get('/account')).statusCode, 302);
  // The next step's code (allowed for clock drift) is still good.
  assert.equal((await code(replay, codeAt(user.email, secret, Date.now() + 30_000))).statusCode, 303);
});

test('the enrolment code cannot be replayed to sign in', async () => {
  const user = await makeUser(t.db, 'admin');
  const b = new Browser(t.app);
  const first = await b.post('/login', { email: user.email, password: TEST_PASSWORD }, { csrfFrom: '/login' });
  const setup = await b.get(String(first.headers.location));
  const secret = setup.body.match(/id="totp-secret">([A-Z2-7]+)</)![1];
  const now = codeAt(user.email, secret);
  assert.equal((await b.post(String(first.headers.location), { code: now }, { csrf: csrfToken(setup.body) })).statusCode, 200);
  assert.equal((await code(await passwordStep(user), now)).statusCode, 422);
});

test('two sign-ins racing with one recovery code: exactly one gets in', async () => {
  const { user, codes } = await enrolledAdmin();
  const browsers = await Promise.all(Array.from({ length: 4 }, () => passwordStep(user)));
  const results = await Promise.all(browsers.map((b) => code(b, codes[0])));
  assert.deepEqual(results.map((r) => r.statusCode).sort(), [303, 422, 422, 422]);
  const [{ n }] = await t.db.query<{ n: number }>('SELECT jsonb_array_length(recovery_codes) AS n FROM users WHERE id = $1', [user.id]);
  assert.equal(Number(n), 9);
});

test('five wrong codes void the half-finished sign-in: the right code then does not sign in', async () => {
  const { user, secret } = await enrolledAdmin();
  const b = await passwordStep(user);
  for (let i = 0; i < 4; i++) assert.equal((await code(b, '000000')).statusCode, 422);
  const fifth = await code(b, '000000');
  assert.equal(fifth.statusCode, 429);
  assert.match(fifth.body, /Too many wrong codes\. Sign in again with your password/);
  // The form from before, posted again with the right code, leads back to the password.
  const right = await b.post('/login/two-factor', { code: codeAt(user.email, secret) }, { csrf: csrfToken(fifth.body) });
  assert.equal(right.headers.location, '/login');
  assert.equal((await b.get('/account')).statusCode, 302, 'still not signed in');
  // Starting again with the password works.
  const again = await passwordStep(user);
  assert.equal((await code(again, codeAt(user.email, secret))).statusCode, 303);
  const audit = await t.db.query<{ action: string }>("SELECT action FROM audit_log WHERE entity_id = $1 OR summary->>'userId' = $1", [user.id]);
  assert.equal(audit.filter((r) => r.action === 'login.2fa_failed').length, 5);
});

test('ten wrong codes lock the second factor of the account, for every sign-in, for a growing time', async () => {
  const { user, secret } = await enrolledAdmin();
  // 40 wrong codes, five per sign-in, from several places: the account stops them after ten.
  let refusedAfterLock = 0;
  for (let s = 0; s < 8; s++) {
    const b = await passwordStep(user, `10.0.0.${s + 1}`);
    for (let i = 0; i < 5; i++) {
      const r = await code(b, String(100000 + s * 5 + i));
      if (s * 5 + i >= 10) {
        assert.equal(r.statusCode, 429);
        refusedAfterLock++;
      }
      if (r.statusCode === 429) break;
    }
  }
  assert.ok(refusedAfterLock >= 1);
  const b = await passwordStep(user, '10.0.1.1');
  const right = await code(b, codeAt(user.email, secret));
  assert.equal(right.statusCode, 429, 'the right code after the limit does not sign in');
  assert.match(right.body, /Too many wrong codes for this account/);
  assert.ok(Number(right.headers['retry-after']) > 14 * 60);
  assert.equal((await b.get('/account')).statusCode, 302);
  const [locked] = await t.db.query<{ n: number }>("SELECT count(*)::int AS n FROM audit_log WHERE action = 'user.2fa_locked' AND entity_id = $1", [user.id]);
  assert.equal(Number(locked.n), 1);

  // When the lock ends, ten more wrong codes lock it again for longer.
  await t.db.query("UPDATE users SET locked_until = now() - interval '1 second' WHERE id = $1", [user.id]);
  for (let s = 0; s < 2; s++) {
    const c = await passwordStep(user, `10.0.2.${s + 1}`);
    for (let i = 0; i < 5; i++) await code(c, '999999');
  }
  const [{ mins }] = await t.db.query<{ mins: number }>('SELECT extract(epoch FROM locked_until - now()) / 60 AS mins FROM users WHERE id = $1', [user.id]);
  assert.ok(Number(mins) > 29, `second lock lasts longer (${mins} min)`);

  // After the lock, the right code works and clears the count.
  await t.db.query("UPDATE users SET locked_until = now() - interval '1 second' WHERE id = $1", [user.id]);
  const ok = await passwordStep(user, '10.0.3.1');
  assert.equal((await code(ok, codeAt(user.email, secret, Date.now() + 30_000))).statusCode, 303);
});
