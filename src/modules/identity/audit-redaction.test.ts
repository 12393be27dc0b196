// What identity writes to the audit trail: the events happen, and no secret they handle is stored
// (token values, one-time link secrets, TOTP secrets and codes, recovery codes, password hashes, or
// text typed into the address box that matches no account).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, makeUser, Browser, csrfToken, systemCtxOf, TEST_PASSWORD, type TestApp } from '../../../test/helpers.ts';
import { createCtx } from '../../platform/context.ts';
import { verifyAudit } from '../../platform/audit.ts';
import { REDACTED } from '../../platform/audit-events.ts';
import { auditEventOf } from '../../audit-events.ts';
import { actorFor } from './users.service.ts';
import { createToken } from './tokens.service.ts';
import { issueLink, redeemLink } from './auth.service.ts';
import { currentCode, resetTwoFactor } from './totp.service.ts';

let t: TestApp;
before(async () => {
  t = await createTestApp();
});
after(() => t.close());

type Entry = { action: string; actor_label: string; summary: Record<string, unknown> };
const entries = () => t.db.query<Entry>('SELECT action, actor_label, summary FROM audit_log ORDER BY seq');

test('creating a token, inviting, resetting a password and the second factor leave entries without their secrets', async () => {
  const admin = await makeUser(t.db, 'admin');
  const ctx = createCtx({ db: t.db, config: t.config, actor: await actorFor(t.db.orm, admin, 'web') });
  const secrets: string[] = [];

  const { token } = await createToken(ctx, { name: 'audit probe', scope: 'read', institutionId: null });
  secrets.push(token);

  const invitee = await makeUser(t.db, 'institution_officer', 'NIDA');
  const invite = await issueLink(ctx, { user: invitee, purpose: 'invite' });
  await redeemLink(systemCtxOf(t.db), { purpose: 'invite', secret: invite, password: 'a-new-long-password-for-the-invitee' });
  secrets.push(invite, await issueLink(ctx, { user: invitee, purpose: 'reset' }));

  // Second factor: enrolment through the pages (the key and recovery codes are shown once), a
  // sign-in with a recovery code, and an administrator's reset.
  const person = await makeUser(t.db, 'admin');
  const b = new Browser(t.app);
  const first = await b.post('/login', { email: person.email, password: TEST_PASSWORD }, { csrfFrom: '/login' });
  const setup = await b.get(String(first.headers.location));
  const totpSecret = setup.body.match(/id="totp-secret">([A-Z2-7]+)</)![1];
  const enrolCode = currentCode(person.email, totpSecret, Date.now() - 30_000);
  const done = await b.post(String(first.headers.location), { code: enrolCode }, { csrf: csrfToken(setup.body) });
  const codes = [...done.body.matchAll(/<li>([0-9a-f]{5}-[0-9a-f]{5})<\/li>/g)].map((m) => m[1]);
  assert.ok(codes.length > 0, 'recovery codes were shown');
  const again = new Browser(t.app);
  await again.post('/login', { email: person.email, password: TEST_PASSWORD }, { csrfFrom: '/login' });
  assert.equal((await again.post('/login/two-factor', { code: codes[0] }, { csrfFrom: '/login/two-factor' })).statusCode, 303);
  await resetTwoFactor(ctx, { userId: person.id });
  secrets.push(totpSecret, enrolCode, ...codes);

  // A password typed into the address box, and an address no account has.
  const typo = 'Tr0ub4dor&3-typed-in-the-wrong-box';
  await new Browser(t.app).post('/login', { email: typo, password: 'whatever-it-is' }, { csrfFrom: '/login' });
  await new Browser(t.app).post('/login', { email: 'Stranger@Nowhere.go.tz', password: 'whatever-it-is' }, { csrfFrom: '/login' });
  secrets.push(typo, 'stranger@nowhere.go.tz');

  const hashes = await t.db.query<{ password_hash: string | null; totp_secret: string | null }>('SELECT password_hash, totp_secret FROM users WHERE id = ANY($1::uuid[])', [[invitee.id, person.id, admin.id]]);
  for (const h of hashes) for (const v of [h.password_hash, h.totp_secret]) if (v) secrets.push(v);

  const all = await entries();
  const actions = new Set(all.map((e) => e.action));
  for (const a of ['token.create', 'user.invite_sent', 'user.invite_accepted', 'user.reset_sent', 'user.2fa_enrol', 'user.2fa_recovery_used', 'user.2fa_reset', 'login.failed']) assert.ok(actions.has(a), `${a} was recorded`);
  const stored = all.map((e) => `${e.actor_label} ${JSON.stringify(e.summary)}`).join('\n');
  for (const s of secrets) assert.ok(!stored.toLowerCase().includes(s.toLowerCase()), `the audit trail does not contain ${s.slice(0, 6)}…`);

  const failed = all.filter((e) => e.action === 'login.failed');
  assert.deepEqual(
    failed.map((e) => [e.actor_label, e.summary.email]),
    [
      [REDACTED, REDACTED],
      ['…@nowhere.go.tz', '…@nowhere.go.tz'],
    ],
    'a failed sign-in keeps only the domain of an address, and nothing of text that is not one',
  );
  assert.deepEqual((await verifyAudit(t.db)).ok, true, 'the chain covers the redacted entries');
});

test('every action the identity commands wrote is declared in the audit-event catalog', async () => {
  const undeclared = [...new Set((await entries()).map((e) => e.action))].filter((a) => !auditEventOf(a));
  assert.deepEqual(undeclared, []);
});
