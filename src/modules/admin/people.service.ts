// People administration: the list with search and filters, invitations, and role and account
// changes. The identity services do the actual writes; this file adds the administrator's rules
// (never lock yourself out) and makes an invitation all-or-nothing.
import { eq, inArray } from 'drizzle-orm';
import type { Config } from '../../config.ts';
import type { Database, Orm, Tx } from '../../platform/db/database.ts';
import { command, type Ctx, type TxCtx } from '../../platform/context.ts';
import { authorizeFor } from '../../platform/auth/access.ts';
import { ROLES, SCOPED_ROLES, type Actor, type Role, type RoleGrant } from '../../platform/auth/actor.ts';
import { AppError, invalid, notFound } from '../../platform/http/errors.ts';
import type { MessageKey } from '../../messages.ts';
import { institutions } from '../reference/index.ts';
import { roleGrants } from '../identity/index.ts';
import { createUser, getUser, grantsOf, setActive, setGrants, validateUserFields, type GrantInput, type User } from '../identity/index.ts';
import { issueLink } from '../identity/index.ts';
import { resetTwoFactor } from '../identity/index.ts';
import { sqlParams, containsAny, whereOf } from '../../platform/db/sql-params.ts';
import { queryPage, type Paged } from '../../platform/db/paged.ts';
import { isUuid } from '../../platform/input.ts';

export const PEOPLE_PAGE_SIZE = 25;

export interface PeopleFilter {
  q?: string;
  role?: string;
  institutionId?: string;
  status?: string;
  page?: number;
}

export interface PersonRow {
  id: string;
  name: string;
  email: string;
  active: boolean;
  hasPassword: boolean;
  lastLoginAt: Date | null;
  grants: RoleGrant[];
}

export type { Paged } from '../../platform/db/paged.ts';

export async function listPeople(ctx: Ctx, f: PeopleFilter): Promise<Paged<PersonRow>> {
  const { db } = ctx;
  const { params, p } = sqlParams();
  const where = [containsAny(p, f.q, ['u.name', 'u.email'])];
  if (f.status === 'active') where.push('u.active');
  if (f.status === 'inactive') where.push('NOT u.active');
  const role = ROLES.includes(f.role as Role) ? f.role : undefined;
  const inst = isUuid(f.institutionId) ? f.institutionId : undefined;
  if (role || inst) {
    const cond = [role ? `g.role = ${p(role)}` : '', inst ? `g.institution_id = ${p(inst)}` : ''].filter(Boolean).join(' AND ');
    where.push(`EXISTS (SELECT 1 FROM role_grants g WHERE g.user_id = u.id AND ${cond})`);
  }
  // One query for the page (with the total alongside), one for the grants of the people on it.
  const result = await queryPage<{ id: string; name: string; email: string; active: boolean; hasPassword: boolean; lastLoginAt: string | Date | null }>(db, {
    columns: 'u.id, u.name, u.email, u.active, (u.password_hash IS NOT NULL) AS "hasPassword", u.last_login_at AS "lastLoginAt"',
    from: `users u ${whereOf(where)}`,
    orderBy: 'lower(u.name), u.id',
    params,
    page: f.page,
    pageSize: PEOPLE_PAGE_SIZE,
  });
  const grants = await grantsFor(db.orm, result.items.map((r) => r.id));
  return { ...result, items: result.items.map((r) => ({ ...r, lastLoginAt: r.lastLoginAt ? new Date(r.lastLoginAt) : null, grants: grants.get(r.id) ?? [] })) };
}

async function grantsFor(orm: Orm, userIds: string[]): Promise<Map<string, RoleGrant[]>> {
  const out = new Map<string, RoleGrant[]>();
  if (!userIds.length) return out;
  const rows = await orm
    .select({ userId: roleGrants.userId, role: roleGrants.role, institutionId: roleGrants.institutionId, institutionAcronym: institutions.acronym })
    .from(roleGrants)
    .leftJoin(institutions, eq(institutions.id, roleGrants.institutionId))
    .where(inArray(roleGrants.userId, userIds))
    .orderBy(roleGrants.createdAt);
  for (const r of rows) {
    const list = out.get(r.userId) ?? [];
    list.push({ role: r.role, institutionId: r.institutionId, institutionAcronym: r.institutionAcronym ?? null });
    out.set(r.userId, list);
  }
  return out;
}

export interface InviteInput {
  name: string;
  email: string;
  lang: string;
  role: string;
  institution: string;
}

/** The account, its grant, the one-time link and its e-mail: one transaction, all or nothing. */
export const invitePerson = command(async (ctx, input: InviteInput): Promise<User> => {
  authorizeFor(ctx.actor, 'users:manage', null);
  const errors: Record<string, MessageKey> = validateUserFields(input);
  const role = input.role as Role;
  if (!ROLES.includes(role)) errors.role = 'users.error.unknownRole';
  else if (SCOPED_ROLES.has(role) && !input.institution) errors.institution = 'users.error.institutionRequired';
  if (Object.keys(errors).length) throw invalid(errors);
  const user = await createUser(ctx, {
    name: input.name,
    email: input.email,
    lang: input.lang === 'en' ? 'en' : 'sw',
    roles: [{ role, institution: SCOPED_ROLES.has(role) ? input.institution : null }],
  });
  await issueLink(ctx, { user, purpose: 'invite' });
  return user;
});

export async function getPerson(ctx: Ctx, id: string): Promise<{ user: User; grants: RoleGrant[] }> {
  if (!isUuid(id)) throw notFound();
  const user = await getUser(ctx.q, id);
  if (!user) throw notFound();
  return { user, grants: await grantsOf(ctx.q, id) };
}

const key = (g: { role: string; institutionId: string | null }) => `${g.role}:${g.institutionId ?? ''}`;

/** Writes a new set of grants, refusing changes that would take away the actor's own admin role. */
async function replaceGrants(ctx: TxCtx, userId: string, next: { role: Role; institutionId: string | null }[]) {
  if (userId === ctx.actor?.userId && !next.some((g) => g.role === 'admin')) throw invalid({ roles: 'admin.people.error.selfAdmin' });
  if (next.length === 0) throw invalid({ roles: 'admin.people.error.lastRole' });
  const grants: GrantInput[] = next.map((g) => ({ role: g.role, institution: g.institutionId }));
  try {
    await setGrants(ctx, { userId, grants });
  } catch (err) {
    // resolveGrants names the field `roles`; on the person page the role field is `role`.
    if (err instanceof AppError && err.fields?.roles) throw invalid({ role: err.fields.roles });
    throw err;
  }
}

export const addGrant = command(async (ctx, input: { userId: string; role: string; institution: string }) => {
  authorizeFor(ctx.actor, 'users:manage', null);
  const { grants } = await getPerson(ctx, input.userId);
  const role = input.role as Role;
  if (!ROLES.includes(role)) throw invalid({ role: 'users.error.unknownRole' });
  if (SCOPED_ROLES.has(role) && !input.institution) throw invalid({ institution: 'users.error.institutionRequired' });
  const institutionId = SCOPED_ROLES.has(role) ? input.institution : null;
  if (institutionId && !isUuid(institutionId)) throw invalid({ institution: 'users.error.unknownInstitution' });
  const current = grants.map((g) => ({ role: g.role, institutionId: g.institutionId }));
  if (current.some((g) => key(g) === key({ role, institutionId }))) return;
  await replaceGrants(ctx, input.userId, [...current, { role, institutionId }]);
});

export const removeGrant = command(async (ctx, input: { userId: string; role: string; institutionId: string | null }) => {
  authorizeFor(ctx.actor, 'users:manage', null);
  const { grants } = await getPerson(ctx, input.userId);
  const gone = key({ role: input.role, institutionId: input.institutionId || null });
  const next = grants.filter((g) => key(g) !== gone).map((g) => ({ role: g.role, institutionId: g.institutionId }));
  if (next.length === grants.length) return;
  await replaceGrants(ctx, input.userId, next);
});

export const setPersonActive = command(async (ctx, input: { userId: string; active: boolean }) => {
  authorizeFor(ctx.actor, 'users:manage', null);
  await getPerson(ctx, input.userId);
  if (!input.active && input.userId === ctx.actor?.userId) throw invalid({ account: 'admin.people.error.self' });
  await setActive(ctx, input);
});

export const resetPersonTwoFactor = command(async (ctx, input: { userId: string }) => {
  authorizeFor(ctx.actor, 'users:manage', null);
  await getPerson(ctx, input.userId);
  await resetTwoFactor(ctx, input);
});

export const resendInvite = command(async (ctx, input: { userId: string }) => {
  authorizeFor(ctx.actor, 'users:manage', null);
  const { user } = await getPerson(ctx, input.userId);
  if (user.passwordHash) throw invalid({ account: 'admin.people.error.hasPassword' });
  await issueLink(ctx, { user, purpose: 'invite' });
});

/** Institutions for select lists: id, acronym and both names, active ones first by acronym. */
export function institutionOptions(orm: Orm) {
  return orm
    .select({ id: institutions.id, acronym: institutions.acronym, nameSw: institutions.nameSw, nameEn: institutions.nameEn, active: institutions.active })
    .from(institutions)
    .orderBy(institutions.acronym);
}
