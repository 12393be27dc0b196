// People and their role grants: create, change roles, deactivate, and load an Actor.
import { eq, sql } from 'drizzle-orm';
import type { Orm, Tx } from '../../platform/db/database.ts';
import { command, type Ctx } from '../../platform/context.ts';
import { authorizeFor } from '../../platform/auth/access.ts';
import { isEmail, isUuid, normaliseEmail } from '../../platform/input.ts';

export { normaliseEmail };
import { ROLES, SCOPED_ROLES, type Actor, type Role, type RoleGrant } from '../../platform/auth/actor.ts';
import { AppError } from '../../platform/http/errors.ts';
import type { MessageKey } from '../../messages.ts';
import { institutions } from '../reference/index.ts';
import { roleGrants, users } from './schema.ts';
import { hashPassword, passwordProblem } from './password.ts';
import { audit } from './audit-events.ts';

export type User = typeof users.$inferSelect;

export interface GrantInput {
  role: Role;
  /** Institution id or acronym; required for institution and issuer roles. */
  institution?: string | null;
}

export interface CreateUserInput {
  email: string;
  name: string;
  lang?: 'sw' | 'en';
  roles: GrantInput[];
  password?: string;
  isDemo?: boolean;
}

/** How a grant reads in the audit trail: role@institution-id. */
const grantLabel = (g: { role: string; institutionId: string | null }) => `${g.role}${g.institutionId ? '@' + g.institutionId : ''}`;

async function resolveInstitution(q: Orm | Tx, ref: string): Promise<{ id: string; acronym: string } | undefined> {
  const [row] = await q
    .select({ id: institutions.id, acronym: institutions.acronym })
    .from(institutions)
    .where(isUuid(ref) ? eq(institutions.id, ref) : sql`lower(${institutions.acronym}) = lower(${ref})`);
  return row;
}

/** Checks every grant and resolves its institution; throws a field error naming what is wrong. */
export async function resolveGrants(q: Orm | Tx, grants: GrantInput[]): Promise<{ role: Role; institutionId: string | null }[]> {
  if (grants.length === 0) throw new AppError(422, 'error.summary', undefined, { roles: 'users.error.noRole' });
  const out: { role: Role; institutionId: string | null }[] = [];
  for (const g of grants) {
    if (!ROLES.includes(g.role)) throw new AppError(422, 'error.summary', undefined, { roles: 'users.error.unknownRole' });
    if (SCOPED_ROLES.has(g.role)) {
      if (!g.institution) throw new AppError(422, 'error.summary', undefined, { institution: 'users.error.institutionRequired' });
      const inst = await resolveInstitution(q, g.institution);
      if (!inst) throw new AppError(422, 'error.summary', undefined, { institution: 'users.error.unknownInstitution' });
      out.push({ role: g.role, institutionId: inst.id });
    } else {
      out.push({ role: g.role, institutionId: null });
    }
  }
  const seen = new Set<string>();
  return out.filter((g) => {
    const k = `${g.role}:${g.institutionId}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

export function validateUserFields(input: { email: string; name: string }): Record<string, MessageKey> {
  const errors: Record<string, MessageKey> = {};
  if (!isEmail(input.email)) errors.email = 'users.error.email';
  if (!input.name.trim() || input.name.length > 200) errors.name = 'users.error.name';
  return errors;
}

/**
 * People are created and their grants and accounts changed by an administrator (users:manage), or by
 * the system itself (the CLI, seeds: a context without an actor).
 */
export function mayManagePeople(ctx: Ctx): void {
  if (ctx.actor) authorizeFor(ctx.actor, 'users:manage', null);
}

export const createUser = command(async (ctx, input: CreateUserInput): Promise<User> => {
  mayManagePeople(ctx);
  const fieldErrors = validateUserFields(input);
  if (Object.keys(fieldErrors).length) throw new AppError(422, 'error.summary', undefined, fieldErrors);
  const email = normaliseEmail(input.email);
  let passwordHash: string | null = null;
  if (input.password !== undefined) {
    const problem = passwordProblem(input.password, [email.split('@')[0], input.name]);
    if (problem) throw new AppError(422, 'error.summary', undefined, { password: problem });
    passwordHash = await hashPassword(input.password);
  }
  const tx = ctx.tx;
  const grants = await resolveGrants(tx, input.roles);
  const [existing] = await tx.select({ id: users.id }).from(users).where(sql`lower(${users.email}) = ${email}`);
  if (existing) throw new AppError(409, 'error.summary', undefined, { email: 'users.error.emailTaken' });
  const [user] = await tx
    .insert(users)
    .values({
      email,
      name: input.name.trim(),
      lang: input.lang ?? 'sw',
      passwordHash,
      passwordChangedAt: passwordHash ? new Date() : null,
      isDemo: input.isDemo ?? false,
    })
    .returning();
  await tx.insert(roleGrants).values(grants.map((g) => ({ userId: user.id, role: g.role, institutionId: g.institutionId })));
  await audit(ctx, 'user.create', {
    entityId: user.id,
    institutionId: grants.find((g) => g.institutionId)?.institutionId ?? null,
    details: { email, name: user.name, roles: grants.map(grantLabel) },
  });
  return user;
});

export async function findUserByEmail(orm: Orm, email: string): Promise<User | undefined> {
  const [u] = await orm.select().from(users).where(sql`lower(${users.email}) = ${normaliseEmail(email)}`);
  return u;
}

export async function getUser(orm: Orm, id: string): Promise<User | undefined> {
  const [u] = await orm.select().from(users).where(eq(users.id, id));
  return u;
}

export async function grantsOf(orm: Orm, userId: string): Promise<RoleGrant[]> {
  const rows = await orm
    .select({ role: roleGrants.role, institutionId: roleGrants.institutionId, institutionAcronym: institutions.acronym })
    .from(roleGrants)
    .leftJoin(institutions, eq(institutions.id, roleGrants.institutionId))
    .where(eq(roleGrants.userId, userId));
  return rows.map((r) => ({ role: r.role, institutionId: r.institutionId, institutionAcronym: r.institutionAcronym ?? null }));
}

export async function actorFor(orm: Orm, user: User, via: Actor['via'], extra: Partial<Actor> = {}): Promise<Actor> {
  return { userId: user.id, name: user.name, email: user.email, lang: user.lang, roles: await grantsOf(orm, user.id), via, ...extra };
}

export const setGrants = command(async (ctx, input: { userId: string; grants: GrantInput[] }): Promise<void> => {
  mayManagePeople(ctx);
  const { userId, grants } = input;
  const tx = ctx.tx;
  const resolved = await resolveGrants(tx, grants);
  const before = await tx.select({ role: roleGrants.role, institutionId: roleGrants.institutionId }).from(roleGrants).where(eq(roleGrants.userId, userId));
  await tx.delete(roleGrants).where(eq(roleGrants.userId, userId));
  await tx.insert(roleGrants).values(resolved.map((g) => ({ userId, role: g.role, institutionId: g.institutionId })));
  await audit(ctx, 'user.roles', {
    entityId: userId,
    institutionId: resolved.find((g) => g.institutionId)?.institutionId ?? null,
    details: { before: before.map(grantLabel), after: resolved.map(grantLabel) },
  });
});

export const setActive = command(async (ctx, input: { userId: string; active: boolean }): Promise<void> => {
  mayManagePeople(ctx);
  const { userId, active } = input;
  const tx = ctx.tx;
  const [u] = await tx.update(users).set({ active, updatedAt: new Date() }).where(eq(users.id, userId)).returning({ id: users.id });
  if (!u) throw new AppError(404, 'error.notFound.title');
  if (!active) await tx.execute(sql`UPDATE sessions SET revoked_at = now() WHERE user_id = ${userId} AND revoked_at IS NULL`);
  await audit(ctx, active ? 'user.activate' : 'user.deactivate', { entityId: userId, details: { active } });
});

export async function hasAnyUser(orm: Orm): Promise<boolean> {
  const rows = await orm.select({ id: users.id }).from(users).limit(1);
  return rows.length > 0;
}

