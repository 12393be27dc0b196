// Password guessing: limits protect each account without letting one address lock out others.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp } from '../../app.ts';
import { createTestApp, makeUser, testConfig, Browser, TEST_PASSWORD, type TestApp } from '../../../test/helpers.ts';
import type { User } from './users.service.ts';

let t: TestApp;
before(async () => {
  t = await createTestApp();
});
after(() => t.close());

const attempt = (user: Pick<User, 'email'>, password: string, ip = '127.0.0.1', app = t.app) =>
  new Browser(app, ip).post('/login?lang=en', { email: user.email, password }, { csrfFrom: '/login' });

/** Moves every recorded failure of an account into the past, as if time had passed. */
const age = (user: User, seconds: number) => t.db.query(`UPDATE login_attempts SET at = at - make_interval(secs => $2) WHERE email = $1`, [user.email, seconds]);

test('thirty failures from one address do not lock out other people behind it', async () => {
  const nat = '41.59.1.1';
  for (let i = 0; i < 30; i++) {
    const victim = { email: `someone.${i}@ministry.go.tz` };
    assert.equal((await attempt(victim, 'guess-guess-guess-1', nat)).statusCode, 401);
  }
  const colleague = await makeUser(t.db, 'institution_officer', 'NIDA');
  assert.equal((await attempt(colleague, TEST_PASSWORD, nat)).statusCode, 303, 'a colleague behind the same address signs in');
});

test('failures from one address hold back that address for that account, with growing delays', async () => {
  const user = await makeUser(t.db, 'institution_officer', 'TRA');
  for (let i = 0; i < 5; i++) assert.equal((await attempt(user, `wrong-password-${i}-xxxx`, '41.59.2.2')).statusCode, 401);
  const held = await attempt(user, TEST_PASSWORD, '41.59.2.2');
  assert.equal(held.statusCode, 429);
  assert.match(held.body, /Too many sign-in attempts/);
  const firstWait = Number(held.headers['retry-after']);
  assert.ok(firstWait > 0 && firstWait <= 60, `first wait ${firstWait}s`);

  // The person at another address is not held back by those failures.
  assert.equal((await attempt(user, TEST_PASSWORD, '41.59.3.3')).statusCode, 303);

  // After the wait, one more failure from the first address makes the next wait longer.
  await age(user, 61);
  assert.equal((await attempt(user, 'wrong-password-again-xx', '41.59.2.2')).statusCode, 401);
  const longer = await attempt(user, TEST_PASSWORD, '41.59.2.2');
  assert.equal(longer.statusCode, 429);
  assert.ok(Number(longer.headers['retry-after']) > 60, `second wait ${longer.headers['retry-after']}s`);
  await age(user, 121);
  assert.equal((await attempt(user, TEST_PASSWORD, '41.59.2.2')).statusCode, 303, 'after the wait the right password works');
});

test('a guess spread over many addresses is slowed for the account; the owner waits at most a short delay', async () => {
  const user = await makeUser(t.db, 'institution_officer', 'BRELA');
  for (let i = 0; i < 20; i++) assert.equal((await attempt(user, `spread-guess-${i}-xxxx`, `102.0.0.${i + 1}`)).statusCode, 401);
  const botnet = await attempt(user, 'spread-guess-next-xxxx', '102.0.1.1');
  assert.equal(botnet.statusCode, 429, 'another guess right away, even from a fresh address, is refused');
  assert.ok(Number(botnet.headers['retry-after']) <= 30);
  const again = await attempt(user, 'spread-guess-more-xxxx', '102.0.0.7');
  assert.equal(again.statusCode, 429, 'an address that already failed for the account is held back');
  await age(user, 31);
  assert.equal((await attempt(user, TEST_PASSWORD, '196.0.0.1')).statusCode, 303, 'the owner, from an address that never failed, gets in after a short delay');
});

test('an unknown account and a known one are held back alike', async () => {
  const user = await makeUser(t.db, 'institution_officer', 'NIDA');
  const ghost = { email: 'nobody-at-all@test.go.tz' };
  for (let i = 0; i < 5; i++) {
    await attempt(user, `wrong-password-${i}-xxxx`, '41.59.4.4');
    await attempt(ghost, `wrong-password-${i}-xxxx`, '41.59.4.4');
  }
  const a = await attempt(user, 'wrong-password-x-xxxx', '41.59.4.4');
  const b = await attempt(ghost, 'wrong-password-x-xxxx', '41.59.4.4');
  assert.equal(a.statusCode, 429);
  assert.equal(b.statusCode, 429);
  assert.ok(Math.abs(Number(a.headers['retry-after']) - Number(b.headers['retry-after'])) <= 1);
  const msg = (html: string) => html.match(/<ul class="govuk-list govuk-error-summary__list">([\s\S]*?)<\/ul>/)![1];
  assert.equal(msg(a.body), msg(b.body));
});

test('the per-address rate of sign-in posts answers 429 with Retry-After, shared by two instances on one database', async () => {
  const config = testConfig({ loginRateLimitPerMinute: 4 });
  const one = await buildApp({ config, db: t.db });
  const two = await buildApp({ config, db: t.db });
  try {
    const user = { email: 'rate.limited@test.go.tz' };
    const codes: number[] = [];
    for (let i = 0; i < 5; i++) codes.push((await attempt(user, `rate-guess-${i}-xxxx`, '41.59.5.5', i % 2 ? two : one)).statusCode);
    assert.deepEqual(codes, [401, 401, 401, 401, 429]);
    const limited = await attempt(user, 'rate-guess-x-xxxx', '41.59.5.5', one);
    assert.equal(limited.statusCode, 429);
    const retry = Number(limited.headers['retry-after']);
    assert.ok(retry > 0 && retry <= 60, `Retry-After ${retry}`);
    // Another address is not affected.
    assert.equal((await attempt(user, 'rate-guess-y-xxxx', '41.59.5.6', two)).statusCode, 401);
  } finally {
    await one.close();
    await two.close();
  }
});
