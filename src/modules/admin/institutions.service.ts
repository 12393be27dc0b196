// The register of public institutions: list, add and edit. Every change is audited with a
// before→after summary of the fields that changed.
import { and, eq, ne, sql } from 'drizzle-orm';
import type { Database, Orm, Tx } from '../../platform/db/database.ts';
import { command, type Ctx } from '../../platform/context.ts';
import { authorizeFor } from '../../platform/auth/access.ts';
import { invalid, notFound } from '../../platform/http/errors.ts';
import type { MessageKey } from '../../messages.ts';
import { INSTITUTION_TYPES, institutions, type InstitutionType } from '../reference/index.ts';
import type { Institution } from '../reference/index.ts';
import { queryPage, type Paged } from '../../platform/db/paged.ts';
import { isUuid } from '../../platform/input.ts';
import { sqlParams, containsAny, whereOf } from '../../platform/db/sql-params.ts';
import { audit } from './audit-events.ts';

export const INSTITUTIONS_PAGE_SIZE = 25;

export interface InstitutionFilter {
  q?: string;
  type?: string;
  sector?: string;
  status?: string;
  page?: number;
}

export type InstitutionRow = Institution & { parentAcronym: string | null };

export async function listInstitutions(ctx: Ctx, f: InstitutionFilter): Promise<Paged<InstitutionRow>> {
  const { params, p } = sqlParams();
  const where = [containsAny(p, f.q, ['i.acronym', 'i.name_sw', 'i.name_en'])];
  if (INSTITUTION_TYPES.includes(f.type as InstitutionType)) where.push(`i.type = ${p(f.type)}`);
  if (f.sector) where.push(`i.sector = ${p(f.sector)}`);
  if (f.status === 'active') where.push('i.active');
  if (f.status === 'inactive') where.push('NOT i.active');
  const result = await queryPage<Omit<InstitutionRow, 'createdAt' | 'updatedAt'> & { createdAt: string | Date; updatedAt: string | Date }>(ctx.db, {
    columns: `i.id, i.acronym, i.name_sw AS "nameSw", i.name_en AS "nameEn", i.type, i.sector, i.parent_id AS "parentId", i.region, i.active,
       i.created_at AS "createdAt", i.updated_at AS "updatedAt", p.acronym AS "parentAcronym"`,
    from: `institutions i LEFT JOIN institutions p ON p.id = i.parent_id ${whereOf(where)}`,
    orderBy: 'lower(i.acronym), i.id',
    params,
    page: f.page,
    pageSize: INSTITUTIONS_PAGE_SIZE,
  });
  return { ...result, items: result.items.map((r) => ({ ...r, createdAt: new Date(r.createdAt), updatedAt: new Date(r.updatedAt) })) };
}

export async function getInstitutionById(orm: Orm, id: string): Promise<Institution> {
  if (!isUuid(id)) throw notFound();
  const [row] = await orm.select().from(institutions).where(eq(institutions.id, id));
  if (!row) throw notFound();
  return row;
}

export function listMinistries(orm: Orm) {
  return orm.select({ id: institutions.id, acronym: institutions.acronym }).from(institutions).where(eq(institutions.type, 'ministry')).orderBy(institutions.acronym);
}

export async function listSectors(ctx: Ctx): Promise<string[]> {
  const rows = await ctx.db.query<{ sector: string }>(`SELECT DISTINCT sector FROM institutions WHERE sector <> '' ORDER BY sector`);
  return rows.map((r) => r.sector);
}

/** What the form sends, as text. */
export interface InstitutionInput {
  acronym: string;
  nameSw: string;
  nameEn: string;
  type: string;
  sector: string;
  parentId: string;
  region: string;
  active: string;
}

const ACRONYM = /^[A-Za-z0-9][A-Za-z0-9-]{1,19}$/;

interface Clean {
  acronym: string;
  nameSw: string;
  nameEn: string;
  type: InstitutionType;
  sector: string;
  parentId: string | null;
  region: string | null;
  active: boolean;
}

/** Checks the fields and, in the same transaction as the write, uniqueness and the parent ministry. */
async function validate(tx: Tx, input: InstitutionInput, selfId: string | null): Promise<Clean> {
  const errors: Record<string, MessageKey> = {};
  const c: Clean = {
    acronym: input.acronym.trim(),
    nameSw: input.nameSw.trim(),
    nameEn: input.nameEn.trim(),
    type: input.type as InstitutionType,
    sector: input.sector.trim(),
    parentId: input.parentId.trim() || null,
    region: input.region.trim() || null,
    active: input.active !== 'false',
  };
  if (!ACRONYM.test(c.acronym)) errors.acronym = 'admin.inst.error.acronym';
  if (!c.nameSw || c.nameSw.length > 200) errors.nameSw = 'admin.inst.error.nameSw';
  if (!c.nameEn || c.nameEn.length > 200) errors.nameEn = 'admin.inst.error.nameEn';
  if (!INSTITUTION_TYPES.includes(c.type)) errors.type = 'admin.inst.error.type';
  if (c.sector.length > 100) errors.sector = 'admin.inst.error.sector';
  if (c.region && c.region.length > 100) errors.region = 'admin.inst.error.region';
  if (!errors.acronym) {
    const same = sql`lower(${institutions.acronym}) = lower(${c.acronym})`;
    const [taken] = await tx.select({ id: institutions.id }).from(institutions).where(selfId ? and(same, ne(institutions.id, selfId)) : same);
    if (taken) errors.acronym = 'admin.inst.error.acronymTaken';
  }
  if (c.parentId) {
    const ok = isUuid(c.parentId) && c.parentId !== selfId;
    const [parent] = ok ? await tx.select({ type: institutions.type }).from(institutions).where(eq(institutions.id, c.parentId)) : [];
    if (!parent || parent.type !== 'ministry') errors.parentId = 'admin.inst.error.parent';
  }
  if (Object.keys(errors).length) throw invalid(errors);
  return c;
}

/** Institutions are added and edited by administrators (institutions:manage), or by the system (seeds). */
function mayManage(ctx: Ctx) {
  if (ctx.actor) authorizeFor(ctx.actor, 'institutions:manage', null);
}

export const createInstitution = command(async (ctx, input: InstitutionInput): Promise<Institution> => {
  mayManage(ctx);
  const c = await validate(ctx.tx, input, null);
  const [row] = await ctx.tx.insert(institutions).values(c).returning();
  await audit(ctx, 'institution.create', { entityId: row.id, institutionId: row.id, details: { after: c } });
  return row;
});

export const updateInstitution = command(async (ctx, input: InstitutionInput & { id: string }): Promise<Institution> => {
  mayManage(ctx);
  const { id } = input;
  if (!isUuid(id)) throw notFound();
  const [old] = await ctx.tx.select().from(institutions).where(eq(institutions.id, id)).for('update');
  if (!old) throw notFound();
  const c = await validate(ctx.tx, input, id);
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  for (const k of Object.keys(c) as (keyof Clean)[]) {
    if ((old[k] ?? null) !== (c[k] ?? null)) {
      before[k] = old[k] ?? null;
      after[k] = c[k] ?? null;
    }
  }
  if (!Object.keys(after).length) return old;
  const [row] = await ctx.tx.update(institutions).set({ ...c, updatedAt: new Date() }).where(eq(institutions.id, id)).returning();
  await audit(ctx, 'institution.update', { entityId: id, institutionId: id, details: { before, after } });
  return row;
});

/** The public reference list (API): active institutions only. */
export async function publicInstitutions(db: Database) {
  return db.query<{ id: string; acronym: string; name_sw: string; name_en: string; type: InstitutionType; sector: string; parent_acronym: string | null }>(
    `SELECT i.id, i.acronym, i.name_sw, i.name_en, i.type, i.sector, p.acronym AS parent_acronym
       FROM institutions i LEFT JOIN institutions p ON p.id = i.parent_id WHERE i.active ORDER BY lower(i.acronym)`,
  );
}
