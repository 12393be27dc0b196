// Server-side sessions. The cookie carries a random secret; only its SHA-256 is stored, so a
// database leak does not hand out live sessions. Idle and absolute timeouts are enforced here.
import crypto from 'node:crypto';
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Orm } from '../../platform/db/database.ts';
import { command } from '../../platform/context.ts';
import { sessions, users } from './schema.ts';
import { audit } from './audit-events.ts';

export const SESSION_COOKIE = 'vw_session';
export const IDLE_TIMEOUT_MS = 30 * 60 * 1000;
export const ABSOLUTE_TIMEOUT_MS = 12 * 60 * 60 * 1000;
/** A pending (half signed-in) session must finish its second factor quickly. */
export const PENDING_TIMEOUT_MS = 10 * 60 * 1000;

export type Session = typeof sessions.$inferSelect;

export function hashSecret(secret: string): string {
  return crypto.createHash('sha256').update(secret).digest('hex');
}

export function newSecret(): string {
  return crypto.randomBytes(32).toString('base64url');
}

/** Opens a session (or a pending one, waiting for the second factor); audited as ctx.source. */
export const startSession = command(
  async (ctx, input: { userId: string; state: Session['state']; userAgent?: string }): Promise<{ secret: string; session: Session }> => {
    const secret = newSecret();
    const ttl = input.state === 'active' ? ABSOLUTE_TIMEOUT_MS : PENDING_TIMEOUT_MS;
    const [session] = await ctx.tx
      .insert(sessions)
      .values({
        tokenHash: hashSecret(secret),
        userId: input.userId,
        state: input.state,
        ip: ctx.source.ip ?? null,
        userAgent: input.userAgent?.slice(0, 300) ?? null,
        expiresAt: new Date(Date.now() + ttl),
      })
      .returning();
    if (input.state === 'active') {
      await ctx.tx.update(users).set({ lastLoginAt: new Date(), failedLogins: 0, lockedUntil: null }).where(eq(users.id, input.userId));
    }
    await audit(ctx, input.state === 'active' ? 'session.start' : 'session.password_ok', { entityId: session.id, details: { userId: input.userId } });
    return { secret, session };
  },
);

/** Finds the live session for a cookie secret, refreshing its idle timer at most once a minute. */
export async function resumeSession(orm: Orm, secret: string | undefined): Promise<{ session: Session; user: typeof users.$inferSelect } | null> {
  if (!secret || secret.length > 100) return null;
  const now = new Date();
  const [row] = await orm
    .select({ session: sessions, user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.tokenHash, hashSecret(secret)), isNull(sessions.revokedAt), gt(sessions.expiresAt, now)));
  if (!row || !row.user.active) return null;
  if (row.session.state === 'active' && now.getTime() - row.session.lastSeenAt.getTime() > IDLE_TIMEOUT_MS) return null;
  if (now.getTime() - row.session.lastSeenAt.getTime() > 60_000) {
    await orm.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, row.session.id));
  }
  return row;
}

/** Turns a pending session into a full one after the second factor; a fresh secret defeats fixation. */
export const promoteSession = command(async (ctx, input: { sessionId: string }): Promise<string> => {
  const secret = newSecret();
  const [s] = await ctx.tx
    .update(sessions)
    .set({ state: 'active', tokenHash: hashSecret(secret), lastSeenAt: new Date(), expiresAt: new Date(Date.now() + ABSOLUTE_TIMEOUT_MS) })
    .where(and(eq(sessions.id, input.sessionId), eq(sessions.state, 'pending_2fa'), isNull(sessions.revokedAt)))
    .returning();
  if (!s) throw new Error('session is not pending');
  await ctx.tx.update(users).set({ lastLoginAt: new Date(), failedLogins: 0, secondFactorFailures: 0, lockedUntil: null }).where(eq(users.id, s.userId));
  await audit(ctx, 'session.start', { entityId: s.id, details: { userId: s.userId, secondFactor: true } });
  return secret;
});

/** Ends one of the person's own sessions (sign-out, or "sign out that device" on the account page). */
export const revokeSession = command(async (ctx, input: { userId: string; sessionId: string }): Promise<boolean> => {
  const rows = await ctx.tx
    .update(sessions)
    .set({ revokedAt: new Date() })
    .where(and(eq(sessions.id, input.sessionId), eq(sessions.userId, input.userId), isNull(sessions.revokedAt)))
    .returning({ id: sessions.id });
  if (rows.length) await audit(ctx, 'session.revoke', { entityId: input.sessionId, details: { userId: input.userId } });
  return rows.length > 0;
});

/** Ends every other session of the person (after a password change), keeping the one in use. */
export const revokeOtherSessions = command(async (ctx, input: { userId: string; keepSessionId?: string }): Promise<void> => {
  const { userId, keepSessionId } = input;
  await ctx.tx.execute(
    keepSessionId
      ? sql`UPDATE sessions SET revoked_at = now() WHERE user_id = ${userId} AND revoked_at IS NULL AND id <> ${keepSessionId}`
      : sql`UPDATE sessions SET revoked_at = now() WHERE user_id = ${userId} AND revoked_at IS NULL`,
  );
  await audit(ctx, 'session.revoke_others', { entityId: userId });
});

export async function activeSessions(orm: Orm, userId: string): Promise<Session[]> {
  return orm
    .select()
    .from(sessions)
    .where(and(eq(sessions.userId, userId), eq(sessions.state, 'active'), isNull(sessions.revokedAt), gt(sessions.expiresAt, new Date()), gt(sessions.lastSeenAt, new Date(Date.now() - IDLE_TIMEOUT_MS))))
    .orderBy(sql`${sessions.lastSeenAt} DESC`);
}
