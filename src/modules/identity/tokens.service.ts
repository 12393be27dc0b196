// API tokens: personal (act as the person) and institution service tokens (act only for one
// institution). Shown once, stored as SHA-256, with scope, expiry, last use and revocation.
import crypto from 'node:crypto';
import { and, asc, desc, eq, isNull } from 'drizzle-orm';
import type { Database, Orm } from '../../platform/db/database.ts';
import { command, type Ctx } from '../../platform/context.ts';
import { scopeFilter } from '../../platform/auth/scope.ts';
import { institutions } from '../reference/index.ts';
import { can, scopeOf, type Action } from '../../platform/auth/policy.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { AppError } from '../../platform/http/errors.ts';
import { apiTokens, users } from './schema.ts';
import { actorFor } from './users.service.ts';
import { hashSecret } from './sessions.service.ts';
import { audit } from './audit-events.ts';

export type ApiToken = typeof apiTokens.$inferSelect;

export interface CreateTokenInput {
  name: string;
  scope: 'read' | 'write';
  expiresInDays?: number | null;
  /** Set for a service token acting for this institution. */
  institutionId?: string | null;
}

/** The signed-in person (ctx.actor) makes a token for themselves, or a service token for an institution they head. */
export const createToken = command(async (ctx, input: CreateTokenInput): Promise<{ token: string; record: ApiToken }> => {
  const actor = ctx.actor;
  if (!actor) throw new AppError(403, 'error.forbidden.title');
  const name = input.name.trim();
  if (!name || name.length > 100) throw new AppError(422, 'error.summary', undefined, { name: 'tokens.error.name' });
  if (input.scope !== 'read' && input.scope !== 'write') throw new AppError(422, 'error.summary', undefined, { scope: 'tokens.error.scope' });
  if (input.expiresInDays != null && (!Number.isInteger(input.expiresInDays) || input.expiresInDays < 1 || input.expiresInDays > 366)) {
    throw new AppError(422, 'error.summary', undefined, { expiresInDays: 'tokens.error.expiry' });
  }
  const action: Action = input.institutionId ? 'tokens:service' : 'tokens:personal';
  if (!can(actor, action, input.institutionId ? { institutionId: input.institutionId } : undefined)) throw new AppError(403, 'error.forbidden.title');
  // A token never grants more than the person creating it holds: a read token cannot mint a write token.
  if (actor.tokenScope === 'read') throw new AppError(403, 'error.forbidden.title');
  const prefix = crypto.randomBytes(4).toString('hex');
  const token = `vw_${prefix}_${crypto.randomBytes(24).toString('base64url')}`;
  const [record] = await ctx.tx
    .insert(apiTokens)
    .values({
      name,
      tokenHash: hashSecret(token),
      prefix,
      userId: actor.userId,
      institutionId: input.institutionId ?? null,
      scope: input.scope,
      expiresAt: input.expiresInDays ? new Date(Date.now() + input.expiresInDays * 86400_000) : null,
    })
    .returning();
  await audit(ctx, 'token.create', {
    entityId: record.id,
    institutionId: record.institutionId,
    details: { name, scope: record.scope, prefix, service: !!record.institutionId, expiresAt: record.expiresAt?.toISOString() ?? null },
  });
  return { token, record };
});

/** The institutions the caller may make service tokens for (the token form's choices). */
export async function serviceTokenInstitutions(ctx: Ctx) {
  return ctx.q.select({ id: institutions.id, acronym: institutions.acronym }).from(institutions).where(scopeFilter(scopeOf(ctx.actor, 'tokens:service'), institutions.id)).orderBy(asc(institutions.acronym));
}

export async function listTokens(orm: Orm, userId: string): Promise<ApiToken[]> {
  return orm.select().from(apiTokens).where(and(eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt))).orderBy(desc(apiTokens.createdAt));
}

/** A person revokes one of their own tokens; anyone else's answers 404. */
export const revokeToken = command(async (ctx, input: { tokenId: string }): Promise<void> => {
  const rows = ctx.actor
    ? await ctx.tx
        .update(apiTokens)
        .set({ revokedAt: new Date() })
        .where(and(eq(apiTokens.id, input.tokenId), eq(apiTokens.userId, ctx.actor.userId), isNull(apiTokens.revokedAt)))
        .returning()
    : [];
  if (!rows.length) throw new AppError(404, 'error.notFound.title');
  await audit(ctx, 'token.revoke', { entityId: input.tokenId, institutionId: rows[0].institutionId, details: { prefix: rows[0].prefix } });
});

export type TokenCheck = { ok: true; actor: Actor } | { ok: false };

/** Resolves a bearer token to an Actor; revoked, expired, malformed or unknown tokens fail alike. */
export async function authenticateToken(orm: Orm, token: string): Promise<TokenCheck> {
  if (!/^vw_[0-9a-f]{8}_[A-Za-z0-9_-]{20,64}$/.test(token)) return { ok: false };
  const [row] = await orm
    .select({ token: apiTokens, user: users })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(eq(apiTokens.tokenHash, hashSecret(token)));
  if (!row || row.token.revokedAt || !row.user.active) return { ok: false };
  if (row.token.expiresAt && row.token.expiresAt.getTime() <= Date.now()) return { ok: false };
  const now = new Date();
  if (!row.token.lastUsedAt || now.getTime() - row.token.lastUsedAt.getTime() > 60_000) {
    await orm.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, row.token.id));
  }
  const actor = await actorFor(orm, row.user, 'api', {
    tokenId: row.token.id,
    tokenScope: row.token.scope,
    serviceInstitutionId: row.token.institutionId ?? undefined,
  });
  return { ok: true, actor };
}
