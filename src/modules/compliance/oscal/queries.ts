// Reads for the OSCAL pages and API: the reference frameworks loaded, their controls (searched by id
// or title), and a requirement's mappings. Frameworks and mappings are public, like the requirements.
import { sql } from 'drizzle-orm';
import type { Ctx } from '../../../platform/context.ts';
import { containsPattern } from '../../../platform/db/sql-params.ts';
import { isUuid } from '../../../platform/input.ts';

export interface FrameworkRow {
  id: string;
  code: string;
  title: string;
  version: string;
  oscalUuid: string | null;
  groupCount: number;
  controlCount: number;
  loadedAt: Date;
}

export interface ControlRow {
  id: string;
  frameworkCode: string;
  controlId: string;
  groupId: string;
  groupTitle: string;
  parentControlId: string | null;
  title: string;
}

export interface MappingRow extends ControlRow {
  relation: string;
  createdAt: Date;
}

const rows = async <T>(ctx: Ctx, q: ReturnType<typeof sql>) => (await ctx.q.execute(q)).rows as unknown as T[];

export function frameworkList(ctx: Ctx): Promise<FrameworkRow[]> {
  return rows(ctx, sql`SELECT id, code, title, version, oscal_uuid AS "oscalUuid", group_count AS "groupCount", control_count AS "controlCount", loaded_at AS "loadedAt"
    FROM compliance_frameworks ORDER BY code`);
}

const CONTROL = sql`c.id, f.code AS "frameworkCode", c.control_id AS "controlId", c.group_id AS "groupId", c.group_title AS "groupTitle", c.parent_control_id AS "parentControlId", c.title`;

/** Controls of one framework (or all) whose id or title contains q; at most `limit`, in catalog order. */
export function searchControls(ctx: Ctx, opts: { frameworkId?: string; q?: string; limit?: number }): Promise<ControlRow[]> {
  const q = (opts.q ?? '').trim();
  const fw = opts.frameworkId && isUuid(opts.frameworkId) ? sql`c.framework_id = ${opts.frameworkId}` : sql`TRUE`;
  const text = q ? sql`(c.control_id ILIKE ${containsPattern(q)} OR c.title ILIKE ${containsPattern(q)})` : sql`TRUE`;
  return rows(ctx, sql`SELECT ${CONTROL} FROM compliance_controls c JOIN compliance_frameworks f ON f.id = c.framework_id
    WHERE ${fw} AND ${text} ORDER BY f.code, (lower(c.control_id) = lower(${q})) DESC, c.position LIMIT ${Math.min(opts.limit ?? 50, 200)}`);
}

export function mappingsOf(ctx: Ctx, requirementId: string): Promise<MappingRow[]> {
  return rows(ctx, sql`SELECT ${CONTROL}, m.relation, m.created_at AS "createdAt" FROM compliance_control_mappings m
    JOIN compliance_controls c ON c.id = m.control_id JOIN compliance_frameworks f ON f.id = c.framework_id
    WHERE m.requirement_id = ${requirementId} ORDER BY f.code, c.position`);
}

/** Active requirements of the standards issued by these institutions, with how many controls each maps to. */
export function requirementsIssuedBy(ctx: Ctx, issuerIds: string[]): Promise<{ id: string; ref: string; textEn: string; textSw: string; mappings: number }[]> {
  if (!issuerIds.length) return Promise.resolve([]);
  return rows(ctx, sql`SELECT r.id, r.ref, r.text_en AS "textEn", r.text_sw AS "textSw", (SELECT count(*)::int FROM compliance_control_mappings m WHERE m.requirement_id = r.id) AS mappings
    FROM compliance_requirements r JOIN library_documents d ON d.id = r.document_id
    WHERE r.status = 'active' AND d.issuer_id = ANY(${`{${issuerIds.join(',')}}`}::uuid[]) ORDER BY r.ref LIMIT 1000`);
}

/** The closed cycles, newest first (the assessment-results downloads). */
export function closedCycles(ctx: Ctx): Promise<{ id: string; code: string; nameEn: string; nameSw: string; closedAt: Date }[]> {
  return rows(ctx, sql`SELECT id, code, name_en AS "nameEn", name_sw AS "nameSw", closed_at AS "closedAt" FROM compliance_cycles WHERE status = 'closed' ORDER BY closed_at DESC LIMIT 50`);
}
