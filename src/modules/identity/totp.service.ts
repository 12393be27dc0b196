// Two-factor sign-in with time-based one-time codes (RFC 6238) and single-use recovery codes.
import crypto from 'node:crypto';
import { and, eq, isNull, lt, or, sql } from 'drizzle-orm';
import * as OTPAuth from 'otpauth';
import QRCode from 'qrcode';
import type { Tx } from '../../platform/db/database.ts';
import type { SecretBox } from '../../platform/secrets.ts';
import { totpSecretContext } from '../../platform/stored-secrets.ts';
import { AppError } from '../../platform/http/errors.ts';
import { sessions, users } from './schema.ts';
import type { Session } from './sessions.service.ts';
import { mayManagePeople, type User } from './users.service.ts';
import { command } from '../../platform/context.ts';
import { audit } from './audit-events.ts';

const ISSUER = 'Viwango';
const PERIOD = 30;

function totpFor(user: Pick<User, 'email'>, secret: string) {
  return new OTPAuth.TOTP({ issuer: ISSUER, label: user.email, algorithm: 'SHA1', digits: 6, period: PERIOD, secret: OTPAuth.Secret.fromBase32(secret) });
}

const hashCode = (c: string) => crypto.createHash('sha256').update(c.replace(/[\s-]/g, '').toLowerCase()).digest('hex');

export const PENDING_ATTEMPT_LIMIT = 5;
export const ACCOUNT_FAILURE_STEP = 10;
const FIRST_LOCK_MS = 15 * 60 * 1000;
const LONGEST_LOCK_MS = 24 * 3600 * 1000;

/** How long the second factor is locked after `failures` wrong codes: every tenth locks, each lock twice as long. */
export function lockAfter(failures: number): number {
  if (failures === 0 || failures % ACCOUNT_FAILURE_STEP !== 0) return 0;
  return Math.min(LONGEST_LOCK_MS, FIRST_LOCK_MS * 2 ** (failures / ACCOUNT_FAILURE_STEP - 1));
}

/** Starts (or restarts) enrolment: a new secret, not yet active, stored sealed. */
export const beginEnrolment = command(async (ctx, input: { box: SecretBox; user: User }): Promise<{ secret: string; uri: string; qrDataUrl: string }> => {
  const { box, user } = input;
  const secret = new OTPAuth.Secret({ size: 20 }).base32;
  await ctx.tx.update(users).set({ totpSecret: box.seal(secret, totpSecretContext(user.id)), totpEnabledAt: null, totpLastStep: null }).where(eq(users.id, user.id));
  await audit(ctx, 'user.2fa_enrol_start', { entityId: user.id });
  const uri = totpFor(user, secret).toString();
  return { secret, uri, qrDataUrl: await QRCode.toDataURL(uri, { margin: 1, width: 220 }) };
});

export async function enrolmentQr(box: SecretBox, user: User): Promise<{ secret: string; qrDataUrl: string } | null> {
  if (!user.totpSecret || user.totpEnabledAt) return null;
  const secret = box.open(user.totpSecret, totpSecretContext(user.id));
  const uri = totpFor(user, secret).toString();
  return { secret, qrDataUrl: await QRCode.toDataURL(uri, { margin: 1, width: 220 }) };
}

/** The time step a code belongs to (one step of clock drift either way), or null when it is not valid now. */
function totpStep(email: string, secret: string, code: string): number | null {
  const token = code.replace(/\s/g, '');
  if (!/^\d{6}$/.test(token)) return null;
  const now = Date.now();
  const delta = totpFor({ email }, secret).validate({ token, timestamp: now, window: 1 });
  return delta === null ? null : Math.floor(now / 1000 / PERIOD) + delta;
}

/**
 * Accepts a TOTP code only for a step later than the last one used, and records its step, in the
 * caller's transaction: a code cannot be used twice, not even by two requests at once.
 */
async function spendTotp(tx: Tx, userId: string, email: string, secret: string, code: string): Promise<boolean> {
  const step = totpStep(email, secret, code);
  if (step === null) return false;
  const rows = await tx
    .update(users)
    .set({ totpLastStep: step })
    .where(and(eq(users.id, userId), or(isNull(users.totpLastStep), lt(users.totpLastStep, step))))
    .returning({ id: users.id });
  return rows.length > 0;
}

/** Confirms enrolment with a first code; returns recovery codes, shown once. */
export const confirmEnrolment = command(async (ctx, input: { box: SecretBox; user: User; code: string }): Promise<string[]> => {
  const { box, user } = input;
  const codes = Array.from({ length: 10 }, () => crypto.randomBytes(5).toString('hex').replace(/(.{5})/, '$1-'));
  const secret = user.totpSecret ? box.open(user.totpSecret, totpSecretContext(user.id)) : null;
  if (!secret || !(await spendTotp(ctx.tx, user.id, user.email, secret, input.code))) throw new AppError(422, 'error.summary', undefined, { code: 'auth.2fa.badCode' });
  await ctx.tx.update(users).set({ totpEnabledAt: new Date(), recoveryCodes: codes.map(hashCode), secondFactorFailures: 0, updatedAt: new Date() }).where(eq(users.id, user.id));
  await audit(ctx, 'user.2fa_enrol', { entityId: user.id });
  return codes;
});

export type SecondFactorResult =
  | { kind: 'ok' }
  | { kind: 'wrong' }
  /** The half-finished sign-in is void: start again with the password. */
  | { kind: 'void' }
  /** The account's second factor is locked until then. */
  | { kind: 'locked'; until: Date };

/**
 * Checks a code at sign-in: a TOTP code of a step not used before, or an unused recovery code
 * (spent here). Counts attempts on the pending sign-in and wrong codes on the account, all in one
 * transaction that holds the account's row, so parallel guesses are counted one by one.
 */
export const verifySecondFactor = command(async (ctx, input: { box: SecretBox; pending: { session: Session; user: User }; code: string }): Promise<SecondFactorResult> => {
  const { box, pending, code } = input;
  const { tx } = ctx;
  const userId = pending.user.id;
  {
    const voidPending = async (reason: string) => {
      await tx.update(sessions).set({ revokedAt: new Date() }).where(eq(sessions.id, pending.session.id));
      await audit(ctx, 'session.2fa_void', { entityId: pending.session.id, details: { userId, reason } });
    };
    const [attempt] = await tx
      .update(sessions)
      .set({ secondFactorAttempts: sql`${sessions.secondFactorAttempts} + 1` })
      .where(and(eq(sessions.id, pending.session.id), eq(sessions.state, 'pending_2fa'), isNull(sessions.revokedAt), lt(sessions.secondFactorAttempts, PENDING_ATTEMPT_LIMIT)))
      .returning({ n: sessions.secondFactorAttempts });
    if (!attempt) return { kind: 'void' };
    const [u] = await tx.select().from(users).where(eq(users.id, userId)).for('update');
    if (!u?.totpSecret || !u.totpEnabledAt) return { kind: 'void' };
    if (u.lockedUntil && u.lockedUntil.getTime() > Date.now()) {
      await voidPending('locked');
      return { kind: 'locked', until: u.lockedUntil };
    }

    if (await spendTotp(tx, userId, u.email, box.open(u.totpSecret, totpSecretContext(userId)), code)) return { kind: 'ok' };
    const h = hashCode(code);
    if (u.recoveryCodes.includes(h)) {
      await tx.update(users).set({ recoveryCodes: u.recoveryCodes.filter((c) => c !== h) }).where(eq(users.id, userId));
      await audit(ctx, 'user.2fa_recovery_used', { entityId: userId, details: { remaining: u.recoveryCodes.length - 1 } });
      return { kind: 'ok' };
    }

    const failures = u.secondFactorFailures + 1;
    const lockMs = lockAfter(failures);
    const until = lockMs ? new Date(Date.now() + lockMs) : null;
    await tx.update(users).set({ secondFactorFailures: failures, ...(until ? { lockedUntil: until } : {}) }).where(eq(users.id, userId));
    await audit(ctx, 'login.2fa_failed', { entityId: userId, details: { attempt: attempt.n, failures } });
    if (until) {
      await audit(ctx, 'user.2fa_locked', { entityId: userId, details: { failures, until: until.toISOString() } });
      await voidPending('locked');
      return { kind: 'locked', until };
    }
    if (attempt.n >= PENDING_ATTEMPT_LIMIT) {
      await voidPending('attempts');
      return { kind: 'void' };
    }
    return { kind: 'wrong' };
  }
});

/** An administrator clears a person's second factor (lost phone): they enrol again at next sign-in. */
export const resetTwoFactor = command(async (ctx, input: { userId: string }): Promise<void> => {
  mayManagePeople(ctx);
  const rows = await ctx.tx
    .update(users)
    .set({ totpSecret: null, totpEnabledAt: null, totpLastStep: null, recoveryCodes: [], secondFactorFailures: 0, lockedUntil: null, updatedAt: new Date() })
    .where(eq(users.id, input.userId))
    .returning({ id: users.id });
  if (!rows.length) throw new AppError(404, 'error.notFound.title');
  await audit(ctx, 'user.2fa_reset', { entityId: input.userId });
});

/** For tests and the CLI: the code an app shows now, or at another moment (milliseconds). */
export function currentCode(email: string, secret: string, at = Date.now()): string {
  return totpFor({ email }, secret).generate({ timestamp: at });
}

/** For tests: the first code that has not been used yet (now, or the next step when this one is spent). */
export function unusedCode(email: string, secret: string, lastStep: number | null): string {
  const now = Math.floor(Date.now() / 1000 / PERIOD);
  return currentCode(email, secret, Math.max(now, (lastStep ?? 0) + 1) * PERIOD * 1000);
}
