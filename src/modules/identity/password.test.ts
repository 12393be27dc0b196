import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, makeUser, signIn, Browser, csrfToken, systemCtxOf, type TestApp } from '../../../test/helpers.ts';
import { passwordProblem } from './password.ts';
import { issueLink } from './auth.service.ts';
import { createUser } from './users.service.ts';

let t: TestApp;
before(async () => {
  t = await createTestApp();
});
after(() => t.close());

test('the password policy refuses short and common passwords and accepts long unusual ones', () => {
  assert.equal(passwordProblem('short-one'), 'auth.password.tooShort');
  assert.equal(passwordProblem('password1234'), 'auth.password.common');
  assert.equal(passwordProblem('qwertyuiop123'), 'auth.password.common');
  assert.equal(passwordProblem('abcabcabcabc'), 'auth.password.common');
  assert.equal(passwordProblem('neema.msuya2026', ['neema.msuya']), 'auth.password.common');
  assert.equal(passwordProblem('mvua-ya-masika-dodoma-7'), null);
});

async function lastMailTo(email: string): Promise<{ subject: string; body_text: string }> {
  const rows = await t.db.query<{ subject: string; body_text: string }>('SELECT subject, body_text FROM mail_outbox WHERE to_address = $1 ORDER BY id DESC LIMIT 1', [email]);
  assert.ok(rows[0], `a message to ${email}`);
  return rows[0];
}

test('forgotten password: same answer for any address, a one-hour one-time link, old sessions end', async () => {
  const user = await makeUser(t.db, 'institution_officer', 'NIDA');
  const old = await signIn(t.app, user);
  const b = new Browser(t.app);
  const known = await b.post('/password/forgot?lang=en', { email: user.email }, { csrfFrom: '/password/forgot' });
  const unknown = await b.post('/password/forgot?lang=en', { email: 'no-one@test.go.tz' }, { csrfFrom: '/password/forgot' });
  assert.equal(known.statusCode, 200);
  assert.equal(unknown.statusCode, 200);
  assert.match(known.body, /If an account exists for that address/);
  assert.match(unknown.body, /If an account exists for that address/);
  const unknownMail = await t.db.query('SELECT 1 FROM mail_outbox WHERE to_address = $1', ['no-one@test.go.tz']);
  assert.equal(unknownMail.length, 0);

  const mail = await lastMailTo(user.email);
  const link = mail.body_text.match(/http:\/\/localhost:\d+(\/password\/reset\/\S+)/)![1];
  const weak = await b.post(link, { password: 'password12345', confirm: 'password12345' });
  assert.equal(weak.statusCode, 422);
  const ok = await b.post(link, { password: 'new-long-passphrase-for-nida', confirm: 'new-long-passphrase-for-nida' });
  assert.equal(ok.statusCode, 303);
  assert.equal((await old.get('/account')).statusCode, 302, 'sessions from before the reset are signed out');
  await signIn(t.app, user, 'new-long-passphrase-for-nida');
  const reused = await b.get(link + '?lang=en');
  assert.equal(reused.statusCode, 410);
  assert.match(reused.body, /expired or has already been used/);
  assert.match(reused.body, /href="\/password\/forgot"/);
});

test('an invitation link sets the first password and then stops working; an expired one says what to do', async () => {
  const sys = systemCtxOf(t.db);
  const user = await createUser(sys, { email: 'invitee@test.go.tz', name: 'Zawadi Mgeni', roles: [{ role: 'institution_officer', institution: 'RITA' }] });
  const secret = await issueLink(sys, { user, purpose: 'invite' });
  const mail = await lastMailTo('invitee@test.go.tz');
  assert.match(mail.subject, /Umealikwa/);
  assert.ok(mail.body_text.includes(`/invite/${secret}`));
  const b = new Browser(t.app);
  const page = await b.get(`/invite/${secret}?lang=en`);
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /Welcome, Zawadi Mgeni/);
  // Only the origin may leave in a Referer, and the browser still sends a real Origin with the form.
  assert.equal(page.headers['referrer-policy'], 'strict-origin');
  const mismatch = await b.post(`/invite/${secret}`, { password: 'kahawa-na-chai-asubuhi', confirm: 'something-else-entirely' }, { csrf: csrfToken(page.body), headers: { origin: 'http://localhost' } });
  assert.equal(mismatch.statusCode, 422);
  const set = await b.post(`/invite/${secret}`, { password: 'kahawa-na-chai-asubuhi', confirm: 'kahawa-na-chai-asubuhi' }, { csrf: csrfToken(mismatch.body) });
  assert.equal(set.statusCode, 303);
  await signIn(t.app, user, 'kahawa-na-chai-asubuhi');
  assert.equal((await b.get(`/invite/${secret}`)).statusCode, 410);

  const late = await createUser(sys, { email: 'late@test.go.tz', name: 'Late Comer', roles: [{ role: 'auditor' }] });
  const lateSecret = await issueLink(sys, { user: late, purpose: 'invite' });
  await t.db.query("UPDATE one_time_links SET expires_at = now() - interval '1 second' WHERE user_id = $1", [late.id]);
  const expired = await b.get(`/invite/${lateSecret}?lang=sw`);
  assert.equal(expired.statusCode, 410);
  assert.match(expired.body, /Muombe msimamizi/);
});

test('changing the password needs the current one and signs out other sessions', async () => {
  const user = await makeUser(t.db, 'institution_officer', 'TRA');
  const a = await signIn(t.app, user);
  const other = await signIn(t.app, user);
  const wrong = await a.post('/account/password?lang=en', { current: 'not-my-password-at-all', password: 'a-brand-new-passphrase' }, { csrfFrom: '/account' });
  assert.equal(wrong.statusCode, 422);
  assert.match(wrong.body, /Your current password is not right/);
  const ok = await a.post('/account/password', { current: 'correct-horse-battery-staple-42', password: 'a-brand-new-passphrase' }, { csrfFrom: '/account' });
  assert.equal(ok.statusCode, 303);
  assert.equal((await a.get('/account')).statusCode, 200, 'this session stays');
  assert.equal((await other.get('/account')).statusCode, 302, 'the other session ends');
});
