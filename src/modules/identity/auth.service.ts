// Signing in: password check with uniform answers and timing, back-off per account and per address,
// the second factor, and the password flows (change, forgotten, invitation).
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Config } from '../../config.ts';
import type { Orm } from '../../platform/db/database.ts';
import { SYSTEM } from '../../platform/audit.ts';
import { TWO_FACTOR_ROLES } from '../../platform/auth/actor.ts';
import { AppError } from '../../platform/http/errors.ts';
import { queueMail } from '../../platform/mail.ts';
import { translator } from '../../messages.ts';
import { loginAttempts, oneTimeLinks, users } from './schema.ts';
import { dummyHash, hashPassword, passwordProblem, verifyPassword } from './password.ts';
import { passwordWait } from './lockout.ts';
import { findUserByEmail, grantsOf, mayManagePeople, normaliseEmail, type User } from './users.service.ts';
import { command, withActor, withSource, type Ctx } from '../../platform/context.ts';
import { hashSecret, newSecret, revokeOtherSessions, startSession } from './sessions.service.ts';
import { audit } from './audit-events.ts';
import { emailDomain } from '../../platform/audit-events.ts';

export const INVITE_TTL_MS = 7 * 24 * 3600 * 1000;
export const RESET_TTL_MS = 60 * 60 * 1000;

export type LoginResult =
  | { kind: 'signed_in'; secret: string; user: User }
  | { kind: 'second_factor'; secret: string; user: User }
  | { kind: 'enrol'; secret: string; user: User }
  | { kind: 'failed' }
  | { kind: 'throttled'; retryAfterSeconds: number };

export async function needsSecondFactor(orm: Orm, user: User): Promise<boolean> {
  if (user.totpEnabledAt) return true;
  return (await grantsOf(orm, user.id)).some((g) => TWO_FACTOR_ROLES.has(g.role));
}

/** Whether this user may skip enrolling a second factor (demo sample accounts only, never in production). */
export function mayRelaxSecondFactor(config: Config, user: User): boolean {
  return config.demoRelaxTwoFactor && user.isDemo;
}

/**
 * Checks a password for the address typed (ctx: the anonymous visitor, with their address) and opens
 * a session, a pending one when a second factor is due. Not one transaction: the slow password check
 * runs outside any, and each outcome is written and audited in its own.
 */
export async function login(ctx: Ctx, input: { email: string; password: string; userAgent?: string }): Promise<LoginResult> {
  const email = normaliseEmail(input.email).slice(0, 320);
  const ip = ctx.source.ip ?? '';
  // Counted by the address typed, whether or not an account has it, so the answer tells nothing.
  const wait = await passwordWait(ctx.q, email, ip);
  if (wait > 0) {
    await dummyVerify(input.password);
    return { kind: 'throttled', retryAfterSeconds: Math.ceil(wait / 1000) };
  }
  const user = await findUserByEmail(ctx.q, email);
  const ok = user && user.active && user.passwordHash ? await verifyPassword(user.passwordHash, input.password) : await dummyVerify(input.password);
  // An address no account has is kept only as its domain: it may be a stranger's, or a password typed in the wrong box.
  const as = withSource(ctx, { actorId: user?.id ?? null, actorLabel: user ? user.email : emailDomain(email), via: 'web', ip });
  if (!ok || !user) {
    await recordFailedLogin(as, { email, userId: user?.id ?? null });
    return { kind: 'failed' };
  }
  // The right password from this address clears its own failures (others' stay counted).
  await ctx.db.orm.delete(loginAttempts).where(and(eq(loginAttempts.email, email), eq(loginAttempts.ip, ip)));
  const session = { userId: user.id, userAgent: input.userAgent };
  if (user.totpEnabledAt) return { kind: 'second_factor', secret: (await startSession(as, { ...session, state: 'pending_2fa' })).secret, user };
  if ((await needsSecondFactor(ctx.q, user)) && !mayRelaxSecondFactor(ctx.config, user)) {
    return { kind: 'enrol', secret: (await startSession(as, { ...session, state: 'pending_2fa' })).secret, user };
  }
  return { kind: 'signed_in', secret: (await startSession(as, { ...session, state: 'active' })).secret, user };
}

/** A wrong password: counted for the address and the account, and audited. */
const recordFailedLogin = command(async (ctx, input: { email: string; userId: string | null }) => {
  await ctx.tx.insert(loginAttempts).values({ ip: ctx.source.ip ?? '', email: input.email });
  if (input.userId) await ctx.tx.update(users).set({ failedLogins: sql`${users.failedLogins} + 1` }).where(eq(users.id, input.userId));
  await audit(ctx, 'login.failed', { entityId: input.userId, details: { email: input.email } });
});

async function dummyVerify(password: string): Promise<false> {
  await verifyPassword(await dummyHash(), password);
  return false;
}

/** The signed-in person changes their password: checked, written and other sessions ended in one transaction. */
export const changePassword = command(async (ctx, input: { user: User; current: string; next: string; keepSessionId?: string }) => {
  if (!(await verifyPassword(input.user.passwordHash, input.current))) throw new AppError(422, 'error.summary', undefined, { current: 'auth.error.currentPassword' });
  await setPassword(ctx, { user: input.user, password: input.next });
  await revokeOtherSessions(ctx, { userId: input.user.id, keepSessionId: input.keepSessionId });
});

export const setPassword = command(async (ctx, input: { user: User; password: string }) => {
  const { user, password } = input;
  const problem = passwordProblem(password, [user.email.split('@')[0], user.name]);
  if (problem) throw new AppError(422, 'error.summary', undefined, { password: problem });
  const hash = await hashPassword(password);
  await ctx.tx.update(users).set({ passwordHash: hash, passwordChangedAt: new Date(), failedLogins: 0, lockedUntil: null, updatedAt: new Date() }).where(eq(users.id, user.id));
  await audit(ctx, 'user.password', { entityId: user.id });
});

/**
 * Creates a one-time link (invitation or password reset) and queues its e-mail in the same
 * transaction; the outbox delivers it after commit. An administrator (users:manage) or the system sends it.
 */
export const issueLink = command(async (ctx, input: { user: User; purpose: 'invite' | 'reset' }): Promise<string> => {
  mayManagePeople(ctx);
  const { user, purpose } = input;
  const secret = newSecret();
  const url = `${ctx.config.publicUrl}/${purpose === 'invite' ? 'invite' : 'password/reset'}/${secret}`;
  const t = translator(user.lang);
  // A new link makes older unused links of the same purpose useless.
  await ctx.tx.update(oneTimeLinks).set({ usedAt: new Date() }).where(and(eq(oneTimeLinks.userId, user.id), eq(oneTimeLinks.purpose, purpose), isNull(oneTimeLinks.usedAt)));
  await ctx.tx.insert(oneTimeLinks).values({
    purpose,
    tokenHash: hashSecret(secret),
    userId: user.id,
    expiresAt: new Date(Date.now() + (purpose === 'invite' ? INVITE_TTL_MS : RESET_TTL_MS)),
  });
  await queueMail(ctx.tx, {
    to: user.email,
    subject: t(purpose === 'invite' ? 'mail.invite.subject' : 'mail.reset.subject'),
    body: t(purpose === 'invite' ? 'mail.invite.body' : 'mail.reset.body', { name: user.name, url }),
  });
  await audit(ctx, purpose === 'invite' ? 'user.invite_sent' : 'user.reset_sent', { entityId: user.id });
  return secret;
});

export type LinkState = { ok: true; user: User; linkId: string } | { ok: false; reason: 'expired' | 'used' | 'unknown' };

export async function checkLink(orm: Orm, purpose: 'invite' | 'reset', secret: string): Promise<LinkState> {
  if (!secret || secret.length > 100) return { ok: false, reason: 'unknown' };
  const [row] = await orm
    .select({ link: oneTimeLinks, user: users })
    .from(oneTimeLinks)
    .innerJoin(users, eq(users.id, oneTimeLinks.userId))
    .where(and(eq(oneTimeLinks.tokenHash, hashSecret(secret)), eq(oneTimeLinks.purpose, purpose)));
  if (!row) return { ok: false, reason: 'unknown' };
  if (row.link.usedAt) return { ok: false, reason: 'used' };
  if (row.link.expiresAt.getTime() <= Date.now() || !row.user.active) return { ok: false, reason: 'expired' };
  return { ok: true, user: row.user, linkId: row.link.id };
}

/**
 * Uses a one-time link to set a password, audited as the person the link is for. The slow hashing
 * runs first; the link is then spent and the password written in one transaction.
 */
export async function redeemLink(ctx: Ctx, input: { purpose: 'invite' | 'reset'; secret: string; password: string }): Promise<User> {
  const { purpose } = input;
  const state = await checkLink(ctx.q, purpose, input.secret);
  if (!state.ok) throw new AppError(410, purpose === 'invite' ? 'auth.link.inviteGone' : 'auth.link.resetGone');
  const problem = passwordProblem(input.password, [state.user.email.split('@')[0], state.user.name]);
  if (problem) throw new AppError(422, 'error.summary', undefined, { password: problem });
  const hash = await hashPassword(input.password);
  await spendLink(withSource(ctx, { actorId: state.user.id, actorLabel: state.user.email, via: 'web', ip: ctx.source.ip }), { purpose, linkId: state.linkId, userId: state.user.id, hash });
  return state.user;
}

const spendLink = command(async (ctx, input: { purpose: 'invite' | 'reset'; linkId: string; userId: string; hash: string }) => {
  const spent = await ctx.tx
    .update(oneTimeLinks)
    .set({ usedAt: new Date() })
    .where(and(eq(oneTimeLinks.id, input.linkId), isNull(oneTimeLinks.usedAt), gt(oneTimeLinks.expiresAt, new Date())))
    .returning({ id: oneTimeLinks.id });
  if (!spent.length) throw new AppError(410, input.purpose === 'invite' ? 'auth.link.inviteGone' : 'auth.link.resetGone');
  await ctx.tx.update(users).set({ passwordHash: input.hash, passwordChangedAt: new Date(), failedLogins: 0, updatedAt: new Date() }).where(eq(users.id, input.userId));
  // A reset signs the person out everywhere else.
  if (input.purpose === 'reset') await ctx.tx.execute(sql`UPDATE sessions SET revoked_at = now() WHERE user_id = ${input.userId} AND revoked_at IS NULL`);
  await audit(ctx, input.purpose === 'invite' ? 'user.invite_accepted' : 'user.password_reset', { entityId: input.userId });
});

/** Forgotten password: queues a reset e-mail when the account exists; the caller always shows the same answer. */
export async function requestReset(ctx: Ctx, input: { email: string }): Promise<void> {
  const user = await findUserByEmail(ctx.db.orm, input.email);
  if (!user || !user.active) return;
  // Sent by the system on the visitor's behalf, labelled with the address asked for.
  await issueLink(withSource(withActor(ctx, null), { ...SYSTEM, actorLabel: user.email, ip: ctx.source.ip }), { user, purpose: 'reset' });
}
