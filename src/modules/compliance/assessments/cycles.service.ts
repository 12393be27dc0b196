// Assessment cycles: the authority creates one (which standards or requirements, which institutions,
// its dates), then opens it; opening runs as a background job (open.job.ts) whose progress the cycle
// page shows. Reads for the cycle list and the cycle page.
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { command, type Ctx } from '../../../platform/context.ts';
import { authorize, authorizeFor, requireVisible } from '../../../platform/auth/access.ts';
import { AppError, invalid, notFound } from '../../../platform/http/errors.ts';
import { isUuid } from '../../../platform/input.ts';
import { enqueue, getJob, type Job } from '../../../platform/jobs/index.ts';
import { scopeFilter } from '../../../platform/auth/scope.ts';
import { institutions } from '../../reference/index.ts';
import { readScope } from '../access.ts';
import { assessments, cycles, requirements, type Cycle, type CycleScope } from '../schema.ts';
import { cyclePolicy } from './access.ts';
import { cycleProblems, todayInTanzania, type CycleInput } from './rules.ts';
import { OPEN_JOB, openCycleJob, pgArray } from './open.job.ts';
import { audit } from '../audit-events.ts';

export interface CreateCycleInput extends CycleInput {
  /** Standards (library document ids) whose active requirements the cycle covers. */
  documentIds?: string[];
  /** Single requirements, in addition to whole standards. */
  requirementIds?: string[];
  institutionTypes?: string[];
  sectors?: string[];
  /** Institutions by acronym (a list), in addition to or instead of types and sectors. */
  institutions?: string[];
}

const clean = (list: string[] | undefined, max = 1000) => [...new Set((list ?? []).map((s) => s.trim()).filter(Boolean))].slice(0, max);

/** Creates a cycle in draft; it is opened separately (openCycle). */
export const createCycle = command(async (ctx, input: CreateCycleInput): Promise<Cycle> => {
  authorizeFor(ctx.actor, 'compliance:manage', null);
  const documentIds = clean(input.documentIds).filter(isUuid);
  const requirementIds = clean(input.requirementIds).filter(isUuid);
  const acronyms = clean(input.institutions);
  const found = acronyms.length ? await ctx.tx.select({ id: institutions.id, acronym: institutions.acronym }).from(institutions).where(sql`lower(${institutions.acronym}) = ANY(${pgArray(acronyms.map((a) => a.toLowerCase()))}::text[])`) : [];
  const scope: CycleScope = {
    ...(documentIds.length ? { documentIds } : {}),
    ...(requirementIds.length ? { requirementIds } : {}),
    ...(clean(input.institutionTypes).length ? { institutionTypes: clean(input.institutionTypes) } : {}),
    ...(clean(input.sectors).length ? { sectors: clean(input.sectors) } : {}),
    ...(found.length ? { institutionIds: found.map((f) => f.id) } : {}),
  };
  const [{ n }] = await ctx.tx
    .select({ n: sql<number>`count(*)::int` })
    .from(requirements)
    .where(and(eq(requirements.status, 'active'), documentIds.length || requirementIds.length ? sql`(${requirements.documentId} = ANY(${pgArray(documentIds)}::uuid[]) OR ${requirements.id} = ANY(${pgArray(requirementIds)}::uuid[]))` : sql`TRUE`));
  const problems = cycleProblems(input, todayInTanzania(), { requirements: n });
  if (found.length !== acronyms.length) problems.institutions = 'assessments.cycle.field.institutions';
  if (!problems.code) {
    const [taken] = await ctx.tx.select({ id: cycles.id }).from(cycles).where(sql`lower(${cycles.code}) = lower(${input.code.trim()})`);
    if (taken) problems.code = 'assessments.cycle.field.codeTaken';
  }
  if (Object.keys(problems).length) throw invalid(problems);
  const [row] = await ctx.tx
    .insert(cycles)
    .values({ code: input.code.trim(), nameSw: input.nameSw.trim(), nameEn: input.nameEn.trim(), scope, submissionDue: input.submissionDue, reviewDue: input.reviewDue, challengeUntil: input.challengeUntil, createdBy: ctx.actor?.userId ?? null })
    .returning();
  await audit(ctx, 'compliance.cycle.create', { entityId: row.id, details: { code: row.code, scope, requirements: n } });
  return row;
});

export async function loadCycle(ctx: Pick<Ctx, 'q' | 'actor'>, id: string): Promise<Cycle> {
  if (!isUuid(id)) throw notFound();
  const [c] = await ctx.q.select().from(cycles).where(eq(cycles.id, id));
  return requireVisible(ctx.actor, cyclePolicy, c);
}

/** Starts opening the cycle: status 'opening' and the background job, in one transaction. Returns the job id. */
export const openCycle = command(async (ctx, input: { id: string; revision?: number }): Promise<number> => {
  const c = await loadCycle(ctx, input.id);
  authorize(ctx.actor, cyclePolicy, 'open', c);
  const [moved] = await ctx.tx
    .update(cycles)
    .set({ status: 'opening', revision: sql`${cycles.revision} + 1` })
    .where(and(eq(cycles.id, c.id), eq(cycles.status, 'draft'), input.revision ? eq(cycles.revision, input.revision) : sql`TRUE`))
    .returning();
  if (!moved) throw new AppError(409, 'assessments.cycle.notDraft');
  const jobId = await enqueue(ctx.tx, openCycleJob, { cycleId: c.id }, { createdBy: ctx.actor?.userId ?? null, dedupeKey: c.id });
  await audit(ctx, 'compliance.cycle.open', { entityId: c.id, details: { code: c.code, job: jobId } });
  return jobId;
});

/** The latest opening job of a cycle, found by its payload (the job is queued with the cycle id as its dedupe key). */
export async function openJobOf(ctx: Pick<Ctx, 'db'>, cycleId: string): Promise<Job | null> {
  const [row] = await ctx.db.query<{ id: string }>(`SELECT id FROM jobs WHERE type = $1 AND payload->>'cycleId' = $2 ORDER BY id DESC LIMIT 1`, [OPEN_JOB, cycleId]);
  return row ? getJob(ctx.db, Number(row.id)) : null;
}

export interface CycleListRow extends Cycle {
  assessments: number;
  signedOff: number;
}

/** Every cycle, newest first, with how many assessments it has and how many are signed off (within the caller's scope). */
export async function cycleList(ctx: Pick<Ctx, 'q' | 'actor'>): Promise<CycleListRow[]> {
  const scope = scopeFilter(readScope(ctx.actor), assessments.institutionId);
  const rows = await ctx.q
    .select({
      cycle: cycles,
      assessments: sql<number>`(SELECT count(*)::int FROM ${assessments} WHERE ${assessments.cycleId} = ${cycles.id} AND ${scope})`,
      signedOff: sql<number>`(SELECT count(*)::int FROM ${assessments} WHERE ${assessments.cycleId} = ${cycles.id} AND ${assessments.status} <> 'open' AND ${scope})`,
    })
    .from(cycles)
    .orderBy(desc(cycles.createdAt));
  return rows.map((r) => ({ ...r.cycle, assessments: r.assessments, signedOff: r.signedOff }));
}

export interface CycleAssessmentRow {
  id: string;
  acronym: string;
  nameSw: string;
  nameEn: string;
  status: string;
  questionCount: number;
  answeredCount: number;
  signedOffAt: Date | null;
}

export const CYCLE_PAGE = 50;

/** The assessments of a cycle the caller may read, by institution acronym, paged. */
export async function cycleAssessments(ctx: Pick<Ctx, 'q' | 'actor'>, cycleId: string, page = 1): Promise<{ items: CycleAssessmentRow[]; total: number; page: number; pageSize: number }> {
  const where = and(eq(assessments.cycleId, cycleId), scopeFilter(readScope(ctx.actor), assessments.institutionId));
  const [{ n }] = await ctx.q.select({ n: sql<number>`count(*)::int` }).from(assessments).where(where);
  const p = Math.max(1, Math.min(page, Math.max(1, Math.ceil(n / CYCLE_PAGE))));
  const items = await ctx.q
    .select({ id: assessments.id, acronym: institutions.acronym, nameSw: institutions.nameSw, nameEn: institutions.nameEn, status: assessments.status, questionCount: assessments.questionCount, answeredCount: assessments.answeredCount, signedOffAt: assessments.signedOffAt })
    .from(assessments)
    .innerJoin(institutions, eq(institutions.id, assessments.institutionId))
    .where(where)
    .orderBy(asc(institutions.acronym))
    .limit(CYCLE_PAGE)
    .offset((p - 1) * CYCLE_PAGE);
  return { items, total: n, page: p, pageSize: CYCLE_PAGE };
}

/** Names of the standards a cycle covers (for its page). */
export async function cycleStandards(ctx: Pick<Ctx, 'q'>, scope: CycleScope): Promise<{ id: string; code: string; titleSw: string; titleEn: string }[]> {
  if (!scope.documentIds?.length) return [];
  const rows = await ctx.q.execute(sql`SELECT id, code, title_sw, title_en FROM library_documents WHERE id = ANY(${pgArray(scope.documentIds)}::uuid[]) ORDER BY code`);
  return (rows.rows as { id: string; code: string; title_sw: string; title_en: string }[]).map((r) => ({ id: r.id, code: r.code, titleSw: r.title_sw, titleEn: r.title_en }));
}

/** Standards that have active requirements: the choices of the new-cycle form. */
export async function standardChoices(ctx: Pick<Ctx, 'q'>): Promise<{ id: string; code: string; titleSw: string; titleEn: string; requirements: number }[]> {
  const rows = await ctx.q.execute(sql`SELECT d.id, d.code, d.title_sw, d.title_en, count(r.id)::int AS n FROM library_documents d JOIN compliance_requirements r ON r.document_id = d.id AND r.status = 'active' GROUP BY d.id ORDER BY d.code`);
  return (rows.rows as { id: string; code: string; title_sw: string; title_en: string; n: number }[]).map((r) => ({ id: r.id, code: r.code, titleSw: r.title_sw, titleEn: r.title_en, requirements: r.n }));
}
