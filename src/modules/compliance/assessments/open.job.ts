// Opening a cycle, in the background: fix the cycle's requirements (with the version each is at), then
// per batch of institutions create the assessment and one answer per applicable requirement (per
// applicable, non-retired system for system requirements), carry over earlier answers to unchanged
// requirements, and record the counts. Each batch is one short transaction of a few bulk statements;
// the job can be run again after a failure and only adds what is missing.
import { sql } from 'drizzle-orm';
import type { Database } from '../../../platform/db/database.ts';
import { SYSTEM } from '../../../platform/audit.ts';
import { audit } from '../audit-events.ts';
import { defineJob } from '../../../platform/jobs/index.ts';
import type { Conditions, CycleScope } from '../schema.ts';
import { answerTargets, type SystemFacts } from './rules.ts';

export const OPEN_JOB = 'compliance.cycle.open';
/** Institutions per transaction: small enough to keep the embedded database responsive between them. */
const BATCH = 25;
/** Batches written at the same time (three keep both cores busy without starving page requests). */
const CONCURRENCY = 3;

interface CycleRequirement {
  id: string;
  ref: string;
  version: number;
  appliesTo: 'institution' | 'system';
  conditions: Conditions;
}

interface InstitutionRow {
  id: string;
  type: string;
  sector: string;
}

const byRef = (a: { ref: string }, b: { ref: string }) => a.ref.localeCompare(b.ref, 'en', { numeric: true });

/** Fixes the cycle's requirements once (the active ones of its scope) and returns them in questionnaire order. */
async function fixRequirements(db: Database, cycleId: string, scope: CycleScope): Promise<CycleRequirement[]> {
  const docs = scope.documentIds ?? [];
  const reqs = scope.requirementIds ?? [];
  await db.query(
    `INSERT INTO compliance_cycle_requirements (cycle_id, requirement_id, requirement_version)
     SELECT $1, r.id, r.version FROM compliance_requirements r
      WHERE r.status = 'active'
        AND (($2::uuid[] = '{}' AND $3::uuid[] = '{}') OR r.document_id = ANY($2::uuid[]) OR r.id = ANY($3::uuid[]))
        AND NOT EXISTS (SELECT 1 FROM compliance_cycle_requirements x WHERE x.cycle_id = $1)
     ON CONFLICT DO NOTHING`,
    [cycleId, docs, reqs],
  );
  const rows = await db.query<{ id: string; ref: string; version: number; applies_to: 'institution' | 'system'; conditions: Conditions }>(
    `SELECT r.id, r.ref, cr.requirement_version AS version, r.applies_to, r.conditions
       FROM compliance_cycle_requirements cr JOIN compliance_requirements r ON r.id = cr.requirement_id
      WHERE cr.cycle_id = $1`,
    [cycleId],
  );
  return rows.map((r) => ({ id: r.id, ref: r.ref, version: r.version, appliesTo: r.applies_to, conditions: r.conditions ?? {} })).sort(byRef);
}

/** Institutions of the scope that have no assessment in this cycle yet. */
async function pendingInstitutions(db: Database, cycleId: string, scope: CycleScope): Promise<InstitutionRow[]> {
  return db.query<InstitutionRow>(
    `SELECT i.id, i.type, i.sector FROM institutions i
      WHERE i.active
        AND ($2::text[] = '{}' OR i.type = ANY($2::text[]))
        AND ($3::text[] = '{}' OR i.sector = ANY($3::text[]))
        AND ($4::uuid[] = '{}' OR i.id = ANY($4::uuid[]))
        AND NOT EXISTS (SELECT 1 FROM compliance_assessments a WHERE a.cycle_id = $1 AND a.institution_id = i.id)
      ORDER BY i.acronym`,
    [cycleId, scope.institutionTypes ?? [], scope.sectors ?? [], scope.institutionIds ?? []],
  );
}

/** What the registry says about the non-retired systems of these institutions, in code order, by institution. */
async function systemFacts(db: Database, institutionIds: string[]): Promise<Map<string, (SystemFacts & { id: string })[]>> {
  const rows = (await db.query(
    `SELECT s.id, s.institution_id, s.personal_data, s.govesb, s.hosting, s.lifecycle,
            EXISTS (SELECT 1 FROM portfolio_eservices e WHERE e.system_id = s.id AND e.audience IN ('citizens', 'businesses')) AS public_facing,
            EXISTS (SELECT 1 FROM portfolio_integrations g JOIN portfolio_systems o ON o.id = CASE WHEN g.provider_id = s.id THEN g.consumer_id ELSE g.provider_id END
                     WHERE (g.provider_id = s.id OR g.consumer_id = s.id) AND g.status <> 'retired' AND o.institution_id <> s.institution_id) AS integrates
       FROM portfolio_systems s
      WHERE s.institution_id = ANY($1::uuid[]) AND s.lifecycle <> 'retired'
      ORDER BY s.institution_id, s.code`,
    [institutionIds],
  )) as { id: string; institution_id: string; personal_data: boolean; govesb: boolean; hosting: string; lifecycle: string; public_facing: boolean; integrates: boolean }[];
  const out = new Map<string, (SystemFacts & { id: string })[]>();
  for (const r of rows) {
    const list = out.get(r.institution_id) ?? [];
    list.push({ id: r.id, personalData: r.personal_data, govesb: r.govesb, hosting: r.hosting, lifecycle: r.lifecycle, publicFacing: r.public_facing, integrates: r.integrates });
    out.set(r.institution_id, list);
  }
  return out;
}

export interface PlannedAnswer {
  requirementId: string;
  version: number;
  systemId: string | null;
  position: number;
}

/** The questions of one institution's assessment, in order: by requirement, then by system code. */
export function plannedAnswers(requirements: CycleRequirement[], institution: InstitutionRow, systems: (SystemFacts & { id: string })[]): PlannedAnswer[] {
  const out: PlannedAnswer[] = [];
  for (const r of requirements) {
    for (const systemId of answerTargets(r, institution, systems)) out.push({ requirementId: r.id, version: r.version, systemId, position: out.length });
  }
  return out;
}

/** One batch: assessments, answers, carried-over answers and their evidence, in one transaction. */
async function openBatch(db: Database, cycleId: string, requirements: CycleRequirement[], batch: InstitutionRow[], carryOver: boolean): Promise<number> {
  const carry = carryOver ? sql`TRUE` : sql`FALSE`;
  const facts = await systemFacts(db, batch.map((i) => i.id));
  const plans = batch.map((i) => ({ institution: i, answers: plannedAnswers(requirements, i, facts.get(i.id) ?? []) }));
  const cols = { a: [] as string[], i: [] as string[], r: [] as string[], v: [] as number[], s: [] as (string | null)[], p: [] as number[] };
  let written = 0;
  await db.orm.transaction(async (tx) => {
    const created = (
      await tx.execute(sql`INSERT INTO compliance_assessments (cycle_id, institution_id, question_count)
       SELECT ${cycleId}::uuid, x.inst, x.n FROM unnest(${pgArray(plans.map((p) => p.institution.id))}::uuid[], ${pgArray(plans.map((p) => p.answers.length))}::int[]) AS x(inst, n)
       ON CONFLICT (cycle_id, institution_id) DO NOTHING
       RETURNING id, institution_id`)
    ).rows as { id: string; institution_id: string }[];
    const idOf = new Map(created.map((c) => [c.institution_id, c.id]));
    for (const p of plans) {
      const assessmentId = idOf.get(p.institution.id);
      if (!assessmentId) continue;
      for (const a of p.answers) {
        cols.a.push(assessmentId);
        cols.i.push(p.institution.id);
        cols.r.push(a.requirementId);
        cols.v.push(a.version);
        cols.s.push(a.systemId);
        cols.p.push(a.position);
      }
    }
    if (cols.a.length === 0) return;
    // One write per answer. Carry-over happens in the same statement: for each question, the
    // institution's latest earlier answer to the same requirement (and system); when it answered the
    // version the cycle asks, the new answer is pre-filled from it (to be confirmed or changed).
    const ZERO = '00000000-0000-0000-0000-000000000000';
    // The planner cannot know how many rows unnest() gives; a nested loop over thousands of earlier
    // answers would be quadratic, so this statement joins by hash.
    if (carryOver) await tx.execute(sql`SET LOCAL enable_nestloop = off`);
    await tx.execute(sql`WITH x AS (
         SELECT * FROM unnest(${pgArray(cols.a)}::uuid[], ${pgArray(cols.i)}::uuid[], ${pgArray(cols.r)}::uuid[], ${pgArray(cols.v)}::int[], ${pgArray(cols.s)}::uuid[], ${pgArray(cols.p)}::int[])
           AS x(assessment_id, institution_id, requirement_id, version, system_id, position)),
       prev AS (
         SELECT DISTINCT ON (a.institution_id, o.requirement_id, o.system_id)
                a.institution_id, o.requirement_id, coalesce(o.system_id, ${ZERO}::uuid) AS system_key, o.id, o.requirement_version, o.result, o.justification, o.comment
           FROM compliance_answers o
           JOIN compliance_assessments a ON a.id = o.assessment_id
           JOIN compliance_cycles c ON c.id = a.cycle_id
          WHERE ${carry} AND a.institution_id = ANY(${pgArray(created.map((c) => c.institution_id))}::uuid[]) AND a.cycle_id <> ${cycleId}::uuid
            AND c.status IN ('open', 'closed') AND o.result IS NOT NULL
          ORDER BY a.institution_id, o.requirement_id, o.system_id, c.opened_at DESC NULLS LAST, c.created_at DESC)
       INSERT INTO compliance_answers (assessment_id, requirement_id, requirement_version, system_id, position, result, justification, comment, carried_from)
       SELECT x.assessment_id, x.requirement_id, x.version, x.system_id, x.position, p.result, coalesce(p.justification, ''), coalesce(p.comment, ''), p.id
         FROM x LEFT JOIN prev p ON p.institution_id = x.institution_id AND p.requirement_id = x.requirement_id
          AND p.system_key = coalesce(x.system_id, ${ZERO}::uuid) AND p.requirement_version = x.version`);
    written = cols.a.length;
    const ids = pgArray(created.map((c) => c.id));
    await tx.execute(sql`INSERT INTO compliance_answer_evidence (answer_id, evidence_id)
       SELECT n.id, e.evidence_id FROM compliance_answers n JOIN compliance_answer_evidence e ON e.answer_id = n.carried_from
        WHERE n.assessment_id = ANY(${ids}::uuid[]) AND n.carried_from IS NOT NULL
       ON CONFLICT DO NOTHING`);
  });
  return written;
}

/** Opens the cycle: what the job runs (and what the benchmark times). Returns the counts. */
export async function openCycleNow(db: Database, cycleId: string, progress: (done: number, total: number, note?: string) => Promise<void> = async () => {}): Promise<{ institutions: number; answers: number }> {
  const [cycle] = await db.query<{ status: string; scope: CycleScope; code: string; created_by: string | null }>('SELECT status, scope, code, created_by FROM compliance_cycles WHERE id = $1', [cycleId]);
  if (!cycle || cycle.status !== 'opening') return { institutions: 0, answers: 0 };
  const requirements = await fixRequirements(db, cycleId, cycle.scope ?? {});
  const pending = await pendingInstitutions(db, cycleId, cycle.scope ?? {});
  const [{ earlier }] = await db.query<{ earlier: boolean }>(`SELECT EXISTS (SELECT 1 FROM compliance_cycles WHERE id <> $1 AND status IN ('open', 'closed')) AS earlier`, [cycleId]);
  // A few batches at once, each on its own connection (on a single-connection database they queue).
  const batches: InstitutionRow[][] = [];
  for (let i = 0; i < pending.length; i += BATCH) batches.push(pending.slice(i, i + BATCH));
  let answers = 0;
  let done = 0;
  let next = 0;
  const worker = async () => {
    while (next < batches.length) {
      const batch = batches[next++];
      const written = await openBatch(db, cycleId, requirements, batch, earlier);
      answers += written;
      done += batch.length;
      await progress(done, pending.length, `${requirements.length} requirements`);
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, batches.length) }, worker));
  await db.orm.transaction(async (tx) => {
    const [{ n }] = (await tx.execute(sql`SELECT count(*)::int AS n FROM compliance_assessments WHERE cycle_id = ${cycleId}`)).rows as { n: number }[];
    await tx.execute(sql`UPDATE compliance_cycles SET status = 'open', opened_at = now(), revision = revision + 1 WHERE id = ${cycleId} AND status = 'opening'`);
    await audit({ tx, source: SYSTEM }, 'compliance.cycle.opened', { entityId: cycleId, details: { code: cycle.code, requirements: requirements.length, assessments: n, answers } });
  });
  return { institutions: pending.length, answers };
}

export const openCycleJob = defineJob<{ cycleId: string }>(OPEN_JOB, {
  maxAttempts: 3,
  handler: ({ payload, db, progress }) => openCycleNow(db, payload.cycleId, progress),
});

/** A PostgreSQL array literal ('{"a","b",NULL}') for one bulk parameter, whatever the driver does with JS arrays. */
export function pgArray(values: readonly (string | number | null)[]): string {
  return `{${values.map((v) => (v === null ? 'NULL' : typeof v === 'number' ? String(v) : `"${v.replace(/["\\]/g, (c) => `\\${c}`)}"`)).join(',')}}`;
}
