// Reads of the dashboards, reports, exports and API. They read only the pre-computed tables
// (compliance_scores, compliance_requirement_scores) and small tables (cycles, findings, directive
// targets), never answers. Rows that name an institution are filtered by the caller's compliance:read
// scope (readScope), so an institution's staff see their own and the authority sees all.
import { sql, type SQL } from 'drizzle-orm';
import type { Ctx } from '../../../platform/context.ts';
import type { Orm } from '../../../platform/db/database.ts';
import { scopeFilter } from '../../../platform/auth/scope.ts';
import { requireVisible } from '../../../platform/auth/access.ts';
import { notFound } from '../../../platform/http/errors.ts';
import { isUuid } from '../../../platform/input.ts';
import { findInstitution } from '../../reference/index.ts';
import { readScope } from '../access.ts';
import { institutionScoresPolicy } from './access.ts';

const rows = async <T>(ctx: Ctx, q: SQL) => (await ctx.q.execute(q)).rows as unknown as T[];
const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

export const PAGE_SIZE = 50;

export interface CycleRow {
  id: string;
  code: string;
  nameSw: string;
  nameEn: string;
  status: 'open' | 'closed';
  submissionDue: string;
  openedAt: Date | null;
  closedAt: Date | null;
  revision: number;
}

/** Cycles that have scores to show: open and closed ones, newest first. */
export async function scoredCycles(ctx: Ctx): Promise<CycleRow[]> {
  return rows<CycleRow>(ctx, sql`SELECT id, code, name_sw AS "nameSw", name_en AS "nameEn", status, submission_due::text AS "submissionDue",
      opened_at AS "openedAt", closed_at AS "closedAt", revision
    FROM compliance_cycles WHERE status IN ('open', 'closed')
    ORDER BY coalesce(closed_at, opened_at, created_at) DESC, code DESC LIMIT 200`);
}

/** The cycle asked for, else the latest closed one, else the latest open one. */
export function chooseCycle(cycles: CycleRow[], requested: unknown): CycleRow | null {
  if (typeof requested === 'string' && requested) {
    const c = cycles.find((x) => x.id === requested || x.code.toLowerCase() === requested.toLowerCase());
    if (c) return c;
  }
  return cycles.find((c) => c.status === 'closed') ?? cycles[0] ?? null;
}

export interface LeagueRow {
  rank: number;
  acronym: string;
  nameSw: string;
  nameEn: string;
  sector: string;
  score: number | null;
  earned: number;
  possible: number;
  answered: number;
  questions: number;
  status: string;
}

/**
 * The league table of a cycle: institutions by score, best first, ranked nationally (an institution's
 * staff see their own row with its national rank). `pageSize: 0` gives every row (exports).
 */
export async function league(ctx: Ctx, f: { cycleId: string; page?: number; pageSize?: number; sector?: string }): Promise<{ total: number; page: number; pageSize: number; items: LeagueRow[] }> {
  const pageSize = f.pageSize === 0 ? 100_000 : Math.min(Math.max(f.pageSize ?? PAGE_SIZE, 1), 200);
  const page = Math.max(f.page ?? 1, 1);
  const sector = f.sector?.trim() || null;
  const r = await rows<LeagueRow & { total: number; institution_id: string }>(ctx, sql`SELECT l.*, count(*) OVER ()::int AS total FROM (
      SELECT rank() OVER (ORDER BY s.score DESC NULLS LAST)::int AS rank, i.acronym, i.name_sw AS "nameSw", i.name_en AS "nameEn", i.sector,
             s.score, s.earned, s.possible, a.answered_count AS answered, a.question_count AS questions, a.status, s.institution_id
      FROM compliance_scores s
      JOIN institutions i ON i.id = s.institution_id
      JOIN compliance_assessments a ON a.cycle_id = s.cycle_id AND a.institution_id = s.institution_id
      WHERE s.cycle_id = ${f.cycleId} AND s.scope_kind = 'institution' AND s.scope_key = ''
    ) l
    WHERE ${scopeFilter(readScope(ctx.actor), sql`l.institution_id`)} AND (${sector}::text IS NULL OR lower(l.sector) = lower(${sector}))
    ORDER BY l.rank, l.acronym
    LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`);
  return {
    total: r[0]?.total ?? 0,
    page,
    pageSize,
    items: r.map(({ total: _t, institution_id: _i, ...x }) => ({ ...x, score: num(x.score), earned: Number(x.earned), possible: Number(x.possible) })),
  };
}

export interface GroupRow {
  code: string;
  nameSw: string;
  nameEn: string;
}

export async function architectureGroups(ctx: Ctx): Promise<GroupRow[]> {
  return rows<GroupRow>(ctx, sql`SELECT code, name_sw AS "nameSw", name_en AS "nameEn" FROM architecture_groups ORDER BY position`);
}

export interface HeatmapRow {
  acronym: string;
  nameSw: string;
  nameEn: string;
  score: number | null;
  /** Score per architecture group code (absent: no requirement of that group applies). */
  groups: Record<string, number | null>;
}

/** Institutions × architecture groups for a cycle, a page of institutions in acronym order. */
export async function heatmap(ctx: Ctx, f: { cycleId: string; page?: number; pageSize?: number }): Promise<{ total: number; page: number; pageSize: number; items: HeatmapRow[] }> {
  const pageSize = f.pageSize === 0 ? 100_000 : Math.min(Math.max(f.pageSize ?? PAGE_SIZE, 1), 200);
  const page = Math.max(f.page ?? 1, 1);
  const r = await rows<Omit<HeatmapRow, 'groups'> & { groups: Record<string, string | number | null> | null; total: number }>(ctx, sql`
    SELECT i.acronym, i.name_sw AS "nameSw", i.name_en AS "nameEn", s.score, count(*) OVER ()::int AS total,
           (SELECT jsonb_object_agg(g.scope_key, g.score) FROM compliance_scores g
             WHERE g.cycle_id = s.cycle_id AND g.institution_id = s.institution_id AND g.scope_kind = 'group') AS groups
    FROM compliance_scores s JOIN institutions i ON i.id = s.institution_id
    WHERE s.cycle_id = ${f.cycleId} AND s.scope_kind = 'institution' AND s.scope_key = '' AND ${scopeFilter(readScope(ctx.actor), sql`s.institution_id`)}
    ORDER BY lower(i.acronym)
    LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`);
  return {
    total: r[0]?.total ?? 0,
    page,
    pageSize,
    items: r.map((x) => ({ acronym: x.acronym, nameSw: x.nameSw, nameEn: x.nameEn, score: num(x.score), groups: Object.fromEntries(Object.entries(x.groups ?? {}).map(([k, v]) => [k, num(v)])) })),
  };
}

export interface SectorRow {
  sector: string;
  institutions: number;
  score: number | null;
}

/** Scores summed per sector (earned over possible of the sector's institutions), over the visible institutions. */
export async function sectorRollup(ctx: Ctx, cycleId: string): Promise<SectorRow[]> {
  const r = await rows<SectorRow>(ctx, sql`SELECT coalesce(nullif(i.sector, ''), '—') AS sector, count(*)::int AS institutions,
      CASE WHEN sum(s.possible) > 0 THEN round(100 * sum(s.earned) / sum(s.possible), 2) END AS score
    FROM compliance_scores s JOIN institutions i ON i.id = s.institution_id
    WHERE s.cycle_id = ${cycleId} AND s.scope_kind = 'institution' AND s.scope_key = '' AND ${scopeFilter(readScope(ctx.actor), sql`s.institution_id`)}
    GROUP BY 1 ORDER BY 3 DESC NULLS LAST, 1`);
  return r.map((x) => ({ ...x, score: num(x.score) }));
}

export interface GroupScoreRow extends GroupRow {
  score: number | null;
  institutions: number;
}

/** Per architecture group over the visible institutions (or one institution). */
export async function groupScores(ctx: Ctx, cycleId: string, institutionId?: string): Promise<GroupScoreRow[]> {
  const r = await rows<GroupScoreRow>(ctx, sql`SELECT g.code, g.name_sw AS "nameSw", g.name_en AS "nameEn", count(s.institution_id)::int AS institutions,
      CASE WHEN sum(s.possible) > 0 THEN round(100 * sum(s.earned) / sum(s.possible), 2) END AS score
    FROM architecture_groups g
    JOIN compliance_scores s ON s.scope_kind = 'group' AND s.scope_key = g.code AND s.cycle_id = ${cycleId}
    WHERE ${scopeFilter(readScope(ctx.actor), sql`s.institution_id`)} AND (${institutionId ?? null}::uuid IS NULL OR s.institution_id = ${institutionId ?? null}::uuid)
    GROUP BY g.code, g.name_sw, g.name_en, g.position ORDER BY g.position`);
  return r.map((x) => ({ ...x, score: num(x.score) }));
}

export interface TrendRow {
  cycleId: string;
  code: string;
  nameSw: string;
  nameEn: string;
  closedAt: Date | null;
  score: number | null;
  institutions: number;
}

/** The score of every closed cycle, oldest first: nationally (visible institutions) or for one institution. */
export async function trend(ctx: Ctx, institutionId?: string): Promise<TrendRow[]> {
  const r = await rows<TrendRow>(ctx, sql`SELECT c.id AS "cycleId", c.code, c.name_sw AS "nameSw", c.name_en AS "nameEn", c.closed_at AS "closedAt",
      count(s.institution_id)::int AS institutions,
      CASE WHEN sum(s.possible) > 0 THEN round(100 * sum(s.earned) / sum(s.possible), 2) END AS score
    FROM compliance_cycles c
    JOIN compliance_scores s ON s.cycle_id = c.id AND s.scope_kind = 'institution' AND s.scope_key = ''
    WHERE c.status = 'closed' AND ${scopeFilter(readScope(ctx.actor), sql`s.institution_id`)} AND (${institutionId ?? null}::uuid IS NULL OR s.institution_id = ${institutionId ?? null}::uuid)
    GROUP BY c.id ORDER BY c.closed_at, c.code LIMIT 40`);
  return r.map((x) => ({ ...x, score: num(x.score) }));
}

/** Findings past their due date that are still open or challenged, and directive targets past their deadline not done. */
export async function overdue(ctx: Ctx, institutionId?: string): Promise<{ findings: number; directives: number }> {
  const inst = institutionId ?? null;
  const [f] = await rows<{ findings: number; directives: number }>(ctx, sql`SELECT
      (SELECT count(*)::int FROM compliance_findings f WHERE f.status IN ('open', 'challenged') AND f.due_on < current_date
         AND ${scopeFilter(readScope(ctx.actor), sql`f.institution_id`)} AND (${inst}::uuid IS NULL OR f.institution_id = ${inst}::uuid)) AS findings,
      (SELECT count(*)::int FROM compliance_directive_targets t JOIN compliance_directives d ON d.id = t.directive_id
        WHERE d.status = 'issued' AND t.status <> 'done' AND d.deadline < current_date
          AND ${scopeFilter(readScope(ctx.actor), sql`t.institution_id`)} AND (${inst}::uuid IS NULL OR t.institution_id = ${inst}::uuid)) AS directives`);
  return f ?? { findings: 0, directives: 0 };
}

/** The institution named in a URL, 404 unless the caller may read its compliance. */
export async function visibleInstitution(ctx: Ctx, acronym: string) {
  const inst = await findInstitution(ctx.q as Orm, acronym);
  requireVisible(ctx.actor, institutionScoresPolicy, inst ? { institutionId: inst.id, cycleStatus: '' } : undefined);
  return inst!;
}

export interface ScopeScoreRow {
  key: string;
  code: string;
  nameSw: string;
  nameEn: string;
  score: number | null;
  earned: number;
  possible: number;
  answered: number;
  applicable: number;
}

export interface InstitutionScores {
  overall: ScopeScoreRow | null;
  frozen: boolean;
  computedAt: Date | null;
  groups: ScopeScoreRow[];
  documents: ScopeScoreRow[];
  systems: ScopeScoreRow[];
  assessment: { status: string; questions: number; answered: number } | null;
}

/** Where one institution stands in one cycle: overall, per group, per standard, per system. */
export async function institutionScores(ctx: Ctx, institutionId: string, cycleId: string): Promise<InstitutionScores> {
  const r = await rows<ScopeScoreRow & { kind: string; frozen: boolean; computedAt: Date }>(ctx, sql`SELECT s.scope_kind AS kind, s.scope_key AS key, s.score, s.earned, s.possible, s.answered, s.applicable, s.frozen, s.computed_at AS "computedAt",
      coalesce(g.code, d.code, ps.code, '') AS code,
      coalesce(g.name_sw, d.title_sw, ps.name, '') AS "nameSw", coalesce(g.name_en, d.title_en, ps.name, '') AS "nameEn"
    FROM compliance_scores s
    LEFT JOIN architecture_groups g ON s.scope_kind = 'group' AND g.code = s.scope_key
    LEFT JOIN library_documents d ON s.scope_kind = 'document' AND d.id::text = s.scope_key
    LEFT JOIN portfolio_systems ps ON s.scope_kind = 'system' AND ps.id::text = s.scope_key
    WHERE s.cycle_id = ${cycleId} AND s.institution_id = ${institutionId}
    ORDER BY s.scope_kind, g.position, d.code, ps.code`);
  const [a] = await rows<{ status: string; questions: number; answered: number }>(ctx, sql`SELECT status, question_count AS questions, answered_count AS answered
    FROM compliance_assessments WHERE cycle_id = ${cycleId} AND institution_id = ${institutionId}`);
  const clean = (x: (typeof r)[number]): ScopeScoreRow => ({ key: x.key, code: x.code, nameSw: x.nameSw, nameEn: x.nameEn, score: num(x.score), earned: Number(x.earned), possible: Number(x.possible), answered: x.answered, applicable: x.applicable });
  const overall = r.find((x) => x.kind === 'institution');
  return {
    overall: overall ? clean(overall) : null,
    frozen: overall?.frozen ?? false,
    computedAt: overall?.computedAt ?? null,
    groups: r.filter((x) => x.kind === 'group').map(clean),
    documents: r.filter((x) => x.kind === 'document').map(clean),
    systems: r.filter((x) => x.kind === 'system').map(clean),
    assessment: a ?? null,
  };
}

export interface DueRow {
  kind: 'finding' | 'directive';
  ref: string;
  text: string;
  severity: string | null;
  dueOn: string;
  status: string;
  overdue: boolean;
}

/** What is due for an institution: open findings and directive targets not done, soonest first. */
export async function dueItems(ctx: Ctx, institutionId: string, lang: 'sw' | 'en'): Promise<DueRow[]> {
  return rows<DueRow>(ctx, sql`SELECT * FROM (
      SELECT 'finding' AS kind, r.ref, f.description AS text, f.severity, f.due_on::text AS "dueOn", f.status, f.due_on < current_date AS overdue
      FROM compliance_findings f JOIN compliance_requirements r ON r.id = f.requirement_id
      WHERE f.institution_id = ${institutionId} AND f.status IN ('open', 'challenged')
      UNION ALL
      SELECT 'directive', d.code, CASE WHEN ${lang} = 'sw' THEN d.title_sw ELSE d.title_en END, NULL, d.deadline::text, t.status, d.deadline < current_date
      FROM compliance_directive_targets t JOIN compliance_directives d ON d.id = t.directive_id
      WHERE t.institution_id = ${institutionId} AND d.status = 'issued' AND t.status <> 'done'
    ) x ORDER BY "dueOn", ref LIMIT 50`);
}

/** Counts of findings by status and severity for an institution in a cycle (the report's summary). */
export async function findingSummary(ctx: Ctx, institutionId: string, cycleId: string) {
  return rows<{ severity: string; status: string; n: number }>(ctx, sql`SELECT severity, status, count(*)::int AS n FROM compliance_findings
    WHERE institution_id = ${institutionId} AND cycle_id = ${cycleId} GROUP BY 1, 2 ORDER BY 1, 2`);
}

export interface RequirementScoreRow {
  requirementId: string;
  ref: string;
  textSw: string;
  textEn: string;
  obligation: string;
  groupCode: string | null;
  status: string;
  score: number | null;
  compliant: number;
  partial: number;
  nonCompliant: number;
  notApplicable: number;
  unanswered: number;
}

/** A standard and how widely each of its requirements is met in a cycle (national counts, no institution named). */
export async function standardScores(ctx: Ctx, documentId: string, cycleId: string | null) {
  if (!isUuid(documentId)) throw notFound();
  const [doc] = await rows<{ id: string; code: string; titleSw: string; titleEn: string }>(ctx, sql`SELECT id, code, title_sw AS "titleSw", title_en AS "titleEn" FROM library_documents
    WHERE id = ${documentId} AND EXISTS (SELECT 1 FROM compliance_requirements r WHERE r.document_id = library_documents.id)`);
  if (!doc) throw notFound();
  const reqs = cycleId
    ? await rows<RequirementScoreRow>(ctx, sql`SELECT r.id AS "requirementId", r.ref, r.text_sw AS "textSw", r.text_en AS "textEn", r.obligation, r.group_code AS "groupCode", r.status,
          rs.score, rs.compliant, rs.partial, rs.non_compliant AS "nonCompliant", rs.not_applicable AS "notApplicable", rs.unanswered
        FROM compliance_requirement_scores rs JOIN compliance_requirements r ON r.id = rs.requirement_id
        WHERE rs.cycle_id = ${cycleId} AND r.document_id = ${documentId}
        ORDER BY string_to_array(regexp_replace(r.clause_number, '[^0-9.]', '', 'g'), '.')::int[] NULLS LAST, r.ref`)
    : [];
  const [overall] = cycleId
    ? await rows<{ score: number | null; institutions: number; high: number; medium: number; low: number }>(ctx, sql`SELECT
          CASE WHEN sum(possible) > 0 THEN round(100 * sum(earned) / sum(possible), 2) END AS score, count(*)::int AS institutions,
          count(*) FILTER (WHERE score >= 80)::int AS high, count(*) FILTER (WHERE score >= 50 AND score < 80)::int AS medium, count(*) FILTER (WHERE score < 50)::int AS low
        FROM compliance_scores WHERE cycle_id = ${cycleId} AND scope_kind = 'document' AND scope_key = ${documentId}`)
    : [];
  return {
    document: doc,
    requirements: reqs.map((x) => ({ ...x, score: num(x.score) })),
    overall: overall ? { ...overall, score: num(overall.score) } : null,
  };
}

/** The standards that have requirements, for links and choices. */
export async function scoredStandards(ctx: Ctx) {
  return rows<{ id: string; code: string; titleSw: string; titleEn: string }>(ctx, sql`SELECT d.id, d.code, d.title_sw AS "titleSw", d.title_en AS "titleEn"
    FROM library_documents d WHERE EXISTS (SELECT 1 FROM compliance_requirements r WHERE r.document_id = d.id) ORDER BY d.code LIMIT 500`);
}

/** The cycles whose summary of this institution the authority published, newest first. */
export async function publishedCycles(ctx: Ctx, institutionId: string) {
  return rows<{ id: string; code: string; nameSw: string; nameEn: string; closedAt: Date | null; publishedAt: Date }>(ctx, sql`SELECT c.id, c.code, c.name_sw AS "nameSw", c.name_en AS "nameEn", c.closed_at AS "closedAt", p.published_at AS "publishedAt"
    FROM compliance_publications p JOIN compliance_cycles c ON c.id = p.cycle_id
    WHERE p.institution_id = ${institutionId} AND c.status = 'closed' ORDER BY c.closed_at DESC`);
}

/** The published scores (overall and per group) of an institution for a cycle: read without the caller's scope. */
export async function publishedScores(ctx: Ctx, institutionId: string, cycleId: string) {
  const r = await rows<{ kind: string; key: string; code: string; nameSw: string; nameEn: string; score: number | null }>(ctx, sql`SELECT s.scope_kind AS kind, s.scope_key AS key, coalesce(g.code, '') AS code,
      coalesce(g.name_sw, '') AS "nameSw", coalesce(g.name_en, '') AS "nameEn", s.score
    FROM compliance_scores s JOIN compliance_publications p ON p.cycle_id = s.cycle_id AND p.institution_id = s.institution_id
    LEFT JOIN architecture_groups g ON s.scope_kind = 'group' AND g.code = s.scope_key
    WHERE s.cycle_id = ${cycleId} AND s.institution_id = ${institutionId} AND s.frozen AND s.scope_kind IN ('institution', 'group')
    ORDER BY s.scope_kind DESC, g.position`);
  return {
    overall: num(r.find((x) => x.kind === 'institution')?.score),
    groups: r.filter((x) => x.kind === 'group').map((x) => ({ code: x.code, nameSw: x.nameSw, nameEn: x.nameEn, score: num(x.score) })),
  };
}

/** An institution's national rank in a cycle (ties share a rank), and how many institutions were ranked. */
export async function rankOf(ctx: Ctx, cycleId: string, institutionId: string): Promise<{ rank: number; total: number } | null> {
  const [r] = await rows<{ rank: number; total: number }>(ctx, sql`SELECT rank, total FROM (
      SELECT institution_id, rank() OVER (ORDER BY score DESC NULLS LAST)::int AS rank, count(*) OVER ()::int AS total
      FROM compliance_scores WHERE cycle_id = ${cycleId} AND scope_kind = 'institution' AND scope_key = '' AND score IS NOT NULL
    ) x WHERE institution_id = ${institutionId}`);
  return r ?? null;
}

/** The sectors of institutions with scores in a cycle (the league table's filter). */
export async function scoredSectors(ctx: Ctx, cycleId: string): Promise<string[]> {
  const r = await rows<{ sector: string }>(ctx, sql`SELECT DISTINCT i.sector FROM compliance_scores s JOIN institutions i ON i.id = s.institution_id
    WHERE s.cycle_id = ${cycleId} AND s.scope_kind = 'institution' AND s.scope_key = '' AND i.sector <> '' AND ${scopeFilter(readScope(ctx.actor), sql`s.institution_id`)} ORDER BY 1`);
  return r.map((x) => x.sector);
}

/** When the summary was published, or null. */
export async function publicationOf(ctx: Ctx, institutionId: string, cycleId: string): Promise<Date | null> {
  const [r] = await rows<{ at: Date }>(ctx, sql`SELECT published_at AS at FROM compliance_publications WHERE cycle_id = ${cycleId} AND institution_id = ${institutionId}`);
  return r?.at ?? null;
}

// What each page (and its API twin) shows, gathered in one place so both read the same figures.

/** The national dashboard: the chosen cycle and everything shown about it. */
export async function nationalView(ctx: Ctx, f: { cycle?: unknown; page?: number }) {
  const cycles = await scoredCycles(ctx);
  const cycle = chooseCycle(cycles, f.cycle);
  const [groups, overdueCounts, trendRows, standards] = [await architectureGroups(ctx), await overdue(ctx), await trend(ctx), await scoredStandards(ctx)];
  if (!cycle) return { cycles, cycle, groups, overdue: overdueCounts, trend: trendRows, standards, groupScores: [], sectors: [], heat: { total: 0, page: 1, pageSize: PAGE_SIZE, items: [] }, top: [] };
  return {
    cycles,
    cycle,
    groups,
    overdue: overdueCounts,
    trend: trendRows,
    standards,
    groupScores: await groupScores(ctx, cycle.id),
    sectors: await sectorRollup(ctx, cycle.id),
    heat: await heatmap(ctx, { cycleId: cycle.id, page: f.page }),
    top: (await league(ctx, { cycleId: cycle.id, pageSize: 10 })).items,
  };
}

/** One institution's page: 404 unless the caller may read its compliance. */
export async function institutionView(ctx: Ctx, acronym: string, cycleParam: unknown) {
  const inst = await visibleInstitution(ctx, acronym);
  const cycles = await scoredCycles(ctx);
  const cycle = chooseCycle(cycles, cycleParam);
  const scores = cycle ? await institutionScores(ctx, inst.id, cycle.id) : null;
  return {
    inst,
    cycles,
    cycle,
    scores,
    rank: cycle ? await rankOf(ctx, cycle.id, inst.id) : null,
    due: await dueItems(ctx, inst.id, ctx.lang),
    trend: await trend(ctx, inst.id),
    publishedAt: cycle ? await publicationOf(ctx, inst.id, cycle.id) : null,
  };
}

/** A standard's page: its national figures for the chosen cycle. */
export async function standardView(ctx: Ctx, documentId: string, cycleParam: unknown) {
  const cycles = await scoredCycles(ctx);
  const cycle = chooseCycle(cycles, cycleParam);
  return { cycles, cycle, ...(await standardScores(ctx, documentId, cycle?.id ?? null)) };
}
