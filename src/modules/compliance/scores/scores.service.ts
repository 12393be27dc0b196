// Pre-computed scores: what dashboards, reports and the API read, so no page ever scans answers.
// One set-based statement per table computes the scores of many assessments at once (never a query
// per assessment): per institution (scope key ''), architecture group, standard and system into
// compliance_scores, and per requirement across a cycle into compliance_requirement_scores.
//
// When to recompute: the other parts bump an assessment's updated_at on every answer, review or
// verification change; the recompute job (every minute, and on demand) takes the assessments whose
// updated_at is newer than their scores' computed_at. Closing a cycle recomputes and freezes its
// scores in the same transaction: frozen rows are never touched again.
import { sql } from 'drizzle-orm';
import type { Database, Orm, Tx } from '../../../platform/db/database.ts';
import { command, type Ctx } from '../../../platform/context.ts';
import { authorize } from '../../../platform/auth/access.ts';
import { AppError, notFound } from '../../../platform/http/errors.ts';
import { isUuid } from '../../../platform/input.ts';
import { defineJob, enqueue, schedule } from '../../../platform/jobs/index.ts';
import { findInstitution } from '../../reference/index.ts';
import { OBLIGATION_WEIGHT, RESULT_POINTS } from './rules.ts';
import { cycleScoresPolicy, institutionScoresPolicy } from './access.ts';
import { audit } from '../audit-events.ts';

type Q = Orm | Tx;
const rows = async <T>(q: Q, query: ReturnType<typeof sql>) => (await q.execute(query)).rows as unknown as T[];

// The SQL forms of the rules in rules.ts, built from the same constants (code, never input).
const WEIGHT = sql.raw(`CASE r.obligation ${Object.entries(OBLIGATION_WEIGHT).map(([k, w]) => `WHEN '${k}' THEN ${w}`).join(' ')} END`);
const pointsOf = (col: string) => sql.raw(`CASE ${col} ${Object.entries(RESULT_POINTS).map(([k, p]) => `WHEN '${k}' THEN ${p}`).join(' ')} ELSE 0 END`);
/** The result that counts: the on-site verification's when there is one. */
const EFFECTIVE = sql.raw(`coalesce(ans.verified_result, ans.result)`);

const idArray = (ids: string[]) => `{${ids.join(',')}}`;

/**
 * Computes the scores of these assessments in one statement (rows of frozen cycles are left as they
 * are). `freeze` marks the new rows frozen (closing a cycle). Returns the number of assessments done.
 */
export async function computeAssessmentScores(q: Q, assessmentIds: string[], opts: { freeze?: boolean } = {}): Promise<number> {
  if (assessmentIds.length === 0) return 0;
  const ids = idArray(assessmentIds);
  const target = sql`SELECT a.id, a.cycle_id, a.institution_id, a.updated_at FROM compliance_assessments a
    WHERE a.id = ANY(${ids}::uuid[])
      AND NOT EXISTS (SELECT 1 FROM compliance_scores f WHERE f.cycle_id = a.cycle_id AND f.institution_id = a.institution_id AND f.frozen)`;
  await q.execute(sql`DELETE FROM compliance_scores s USING (${target}) a WHERE s.cycle_id = a.cycle_id AND s.institution_id = a.institution_id`);
  const done = await rows<{ n: number }>(
    q,
    sql`WITH a AS (${target}),
    x AS (
      SELECT a.cycle_id, a.institution_id, a.updated_at, r.id AS requirement_id, r.group_code, r.document_id, ans.system_id,
             ${EFFECTIVE} AS res, ${WEIGHT} AS w
      FROM a LEFT JOIN (compliance_answers ans JOIN compliance_requirements r ON r.id = ans.requirement_id AND r.status = 'active')
        ON ans.assessment_id = a.id
    ),
    p AS (
      SELECT x.*, CASE WHEN x.requirement_id IS NULL OR x.res = 'not_applicable' THEN 0 ELSE x.w END AS possible,
             coalesce(x.w, 0) * ${pointsOf('x.res')} AS earned
      FROM x
    ),
    ins AS (
      INSERT INTO compliance_scores (cycle_id, institution_id, scope_kind, scope_key, score, earned, possible, answered, applicable, frozen, computed_at)
      SELECT cycle_id, institution_id,
             CASE WHEN grouping(group_code) = 0 THEN 'group' WHEN grouping(document_id) = 0 THEN 'document' WHEN grouping(system_id) = 0 THEN 'system' ELSE 'institution' END,
             CASE WHEN grouping(group_code) = 0 THEN group_code WHEN grouping(document_id) = 0 THEN document_id::text WHEN grouping(system_id) = 0 THEN system_id::text ELSE '' END,
             CASE WHEN sum(possible) > 0 THEN round(100 * sum(earned) / sum(possible), 2) END,
             sum(earned), sum(possible),
             count(res)::int,
             (count(requirement_id) FILTER (WHERE res IS DISTINCT FROM 'not_applicable'))::int,
             ${opts.freeze === true},
             max(updated_at)
      FROM p
      GROUP BY GROUPING SETS ((cycle_id, institution_id), (cycle_id, institution_id, group_code), (cycle_id, institution_id, document_id), (cycle_id, institution_id, system_id))
      HAVING (grouping(group_code) = 1 OR group_code IS NOT NULL)
         AND (grouping(document_id) = 1 OR document_id IS NOT NULL)
         AND (grouping(system_id) = 1 OR system_id IS NOT NULL)
      RETURNING scope_kind
    )
    SELECT count(*) FILTER (WHERE scope_kind = 'institution')::int AS n FROM ins`,
  );
  return done[0]?.n ?? 0;
}

/** Per requirement across every assessment of these cycles (how widely each requirement is met). */
export async function computeRequirementScores(q: Q, cycleIds: string[], opts: { freeze?: boolean } = {}): Promise<void> {
  if (cycleIds.length === 0) return;
  const ids = idArray(cycleIds);
  const open = sql`c.id = ANY(${ids}::uuid[]) AND NOT EXISTS (SELECT 1 FROM compliance_requirement_scores f WHERE f.cycle_id = c.id AND f.frozen)`;
  await q.execute(sql`DELETE FROM compliance_requirement_scores s USING compliance_cycles c WHERE s.cycle_id = c.id AND ${open}`);
  await q.execute(sql`INSERT INTO compliance_requirement_scores (cycle_id, requirement_id, score, compliant, partial, non_compliant, not_applicable, unanswered, frozen)
    SELECT a.cycle_id, r.id,
           CASE WHEN count(*) FILTER (WHERE e.res IS DISTINCT FROM 'not_applicable') > 0
                THEN round(100 * sum(${pointsOf('e.res')}) FILTER (WHERE e.res IS DISTINCT FROM 'not_applicable') / count(*) FILTER (WHERE e.res IS DISTINCT FROM 'not_applicable'), 2) END,
           count(*) FILTER (WHERE e.res = 'compliant'), count(*) FILTER (WHERE e.res = 'partial'), count(*) FILTER (WHERE e.res = 'non_compliant'),
           count(*) FILTER (WHERE e.res = 'not_applicable'), count(*) FILTER (WHERE e.res IS NULL),
           ${opts.freeze === true}
    FROM compliance_cycles c
    JOIN compliance_assessments a ON a.cycle_id = c.id
    JOIN compliance_answers ans ON ans.assessment_id = a.id
    JOIN compliance_requirements r ON r.id = ans.requirement_id AND r.status = 'active'
    CROSS JOIN LATERAL (SELECT ${EFFECTIVE} AS res) e
    WHERE ${open}
    GROUP BY a.cycle_id, r.id`);
}

/** Assessments whose scores are missing or older than their last change (frozen ones never are). */
async function staleAssessments(q: Q, limit: number) {
  return rows<{ id: string; cycle_id: string; closed: boolean }>(
    q,
    sql`SELECT a.id, a.cycle_id, c.status = 'closed' AS closed
      FROM compliance_assessments a
      JOIN compliance_cycles c ON c.id = a.cycle_id
      LEFT JOIN compliance_scores s ON s.cycle_id = a.cycle_id AND s.institution_id = a.institution_id AND s.scope_kind = 'institution' AND s.scope_key = ''
      WHERE c.status IN ('open', 'closed')
        AND (s.cycle_id IS NULL OR (NOT s.frozen AND (s.computed_at < a.updated_at OR c.status = 'closed')))
      ORDER BY a.cycle_id, a.id
      LIMIT ${limit}`,
  );
}

const BATCH = 100;

/**
 * Brings every stale assessment's scores up to date, in short transactions of BATCH assessments,
 * then the per-requirement scores of the cycles touched. A closed cycle whose scores were never
 * frozen (closed by another route) gets them computed and frozen once.
 */
export async function recomputeStale(db: Database, progress?: (done: number, total: number) => Promise<void>): Promise<{ assessments: number; cycles: number; ms: number }> {
  const started = performance.now();
  const stale = await staleAssessments(db.orm, 100_000);
  const byCycle = new Map<string, { closed: boolean; ids: string[] }>();
  for (const s of stale) {
    const c = byCycle.get(s.cycle_id) ?? { closed: s.closed, ids: [] };
    c.ids.push(s.id);
    byCycle.set(s.cycle_id, c);
  }
  let done = 0;
  for (const [cycleId, c] of byCycle) {
    for (let i = 0; i < c.ids.length; i += BATCH) {
      await db.orm.transaction((tx) => computeAssessmentScores(tx, c.ids.slice(i, i + BATCH), { freeze: c.closed }));
      done += Math.min(BATCH, c.ids.length - i);
      await progress?.(done, stale.length);
    }
    await db.orm.transaction((tx) => computeRequirementScores(tx, [cycleId], { freeze: c.closed }));
  }
  return { assessments: stale.length, cycles: byCycle.size, ms: Math.round(performance.now() - started) };
}

export const RECOMPUTE_JOB = defineJob<Record<string, never>>('compliance.scores.recompute', {
  maxAttempts: 3,
  handler: async (job) => recomputeStale(job.db, (d, t) => job.progress(d, t)),
});
schedule(RECOMPUTE_JOB, 60);

/** Queues a recompute now (one at a time): the "recompute" button and API. */
export const requestRecompute = command(async (ctx, _input: Record<string, never>) => {
  authorize(ctx.actor, cycleScoresPolicy, 'recompute', { status: 'open' });
  const jobId = await enqueue(ctx.tx, RECOMPUTE_JOB, {}, { dedupeKey: 'all', createdBy: ctx.actor?.userId ?? null });
  await audit(ctx, 'compliance.scores.recompute', { entityId: String(jobId) });
  return { jobId };
});

async function loadCycle(ctx: Ctx, cycleId: string, lock = false) {
  if (!isUuid(cycleId)) throw notFound();
  const [c] = await rows<{ id: string; code: string; status: string; revision: number }>(
    ctx.q,
    sql`SELECT id, code, status, revision FROM compliance_cycles WHERE id = ${cycleId} ${lock ? sql`FOR UPDATE` : sql``}`,
  );
  if (!c) throw notFound();
  return c;
}

/**
 * Closes an open cycle: recomputes every assessment's scores and the per-requirement scores, freezes
 * them (later edits to answers or requirements never change them) and sets the cycle closed — one
 * transaction with its audit entry.
 */
export const closeCycle = command(async (ctx, input: { cycleId: string; revision?: number }) => {
  const cycle = await loadCycle(ctx, input.cycleId, true);
  authorize(ctx.actor, cycleScoresPolicy, 'close', cycle);
  if (input.revision !== undefined && input.revision !== cycle.revision) {
    throw new AppError(409, 'compliance.scores.conflict', undefined, undefined, { current: { revision: cycle.revision } });
  }
  const ids = (await rows<{ id: string }>(ctx.q, sql`SELECT id FROM compliance_assessments WHERE cycle_id = ${cycle.id}`)).map((r) => r.id);
  const scored = await computeAssessmentScores(ctx.q, ids, { freeze: true });
  await computeRequirementScores(ctx.q, [cycle.id], { freeze: true });
  await ctx.q.execute(sql`UPDATE compliance_cycles SET status = 'closed', closed_at = now(), revision = revision + 1 WHERE id = ${cycle.id}`);
  await audit(ctx, 'compliance.cycle.close', { entityId: cycle.id, details: { code: cycle.code, from: 'open', to: 'closed', assessments: scored } });
  return { cycleId: cycle.id, assessments: scored };
});

async function publicationTarget(ctx: Ctx, input: { cycleId: string; acronym: string }) {
  const cycle = await loadCycle(ctx, input.cycleId);
  const inst = await findInstitution(ctx.q, input.acronym);
  if (!inst) throw notFound();
  const record = { institutionId: inst.id, cycleStatus: cycle.status };
  authorize(ctx.actor, institutionScoresPolicy, 'publish', record);
  return { cycle, inst };
}

/** Publishes an institution's summary for a closed cycle to everyone (idempotent). */
export const publishSummary = command(async (ctx, input: { cycleId: string; acronym: string }) => {
  const { cycle, inst } = await publicationTarget(ctx, input);
  const added = await rows(ctx.q, sql`INSERT INTO compliance_publications (cycle_id, institution_id, published_by) VALUES (${cycle.id}, ${inst.id}, ${ctx.actor?.userId ?? null})
    ON CONFLICT DO NOTHING RETURNING cycle_id`);
  if (added.length) await audit(ctx, 'compliance.summary.publish', { entityId: cycle.id, institutionId: inst.id, details: { cycle: cycle.code, institution: inst.acronym } });
  return { published: true };
});

/** Withdraws a published summary (idempotent). */
export const unpublishSummary = command(async (ctx, input: { cycleId: string; acronym: string }) => {
  const { cycle, inst } = await publicationTarget(ctx, input);
  const removed = await rows(ctx.q, sql`DELETE FROM compliance_publications WHERE cycle_id = ${cycle.id} AND institution_id = ${inst.id} RETURNING cycle_id`);
  if (removed.length) await audit(ctx, 'compliance.summary.unpublish', { entityId: cycle.id, institutionId: inst.id, details: { cycle: cycle.code, institution: inst.acronym } });
  return { published: false };
});
