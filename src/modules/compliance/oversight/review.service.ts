// The authority's review of a signed-off assessment: accept or return each answer with a comment;
// choose a sample of a cycle's institutions for on-site verification and re-score their answers
// (the self-assessed result is kept beside the verified one). Every change touches the assessment's
// updated_at and revision, and is audited in its transaction.
import { and, eq, sql } from 'drizzle-orm';
import crypto from 'node:crypto';
import { command, type Ctx } from '../../../platform/context.ts';
import { authorize, authorizeFor } from '../../../platform/auth/access.ts';
import { AppError, invalid, notFound } from '../../../platform/http/errors.ts';
import { isUuid } from '../../../platform/input.ts';
import { answers, assessments, cycles, type Answer, type Assessment } from '../schema.ts';
import { assessmentReviewPolicy } from './access.ts';
import { answerReviewState, assessmentAfterDecision, checkReviewDecision, checkVerification, isSeed, SAMPLE_MAX, seededSample } from './rules.ts';
import { link, peopleOf, tell } from './notify.ts';
import { audit } from '../audit-events.ts';

export async function loadAssessment(ctx: Pick<Ctx, 'q'>, id: string, lock = false): Promise<Assessment> {
  if (!isUuid(id)) throw notFound();
  const query = ctx.q.select().from(assessments).where(eq(assessments.id, id));
  const [a] = lock ? await query.for('update') : await query;
  if (!a) throw notFound();
  return a;
}

async function loadAnswer(ctx: Pick<Ctx, 'q'>, assessmentId: string, answerId: string): Promise<Answer> {
  if (!isUuid(answerId)) throw notFound();
  const [a] = await ctx.q.select().from(answers).where(and(eq(answers.id, answerId), eq(answers.assessmentId, assessmentId)));
  if (!a) throw notFound();
  return a;
}

export const conflict = () => new AppError(409, 'oversight.conflict');

export interface ReviewInput {
  assessmentId: string;
  answerId: string;
  decision: string;
  comment?: string;
  /** The answer's revision the reviewer saw; a newer one means it changed since (409). */
  revision?: number;
}

/** Accepts or returns one answer; returning any sends the assessment back, accepting the last makes it reviewed. */
export const reviewAnswer = command(async (ctx, input: ReviewInput) => {
  const a = await loadAssessment(ctx, input.assessmentId, true);
  authorize(ctx.actor, assessmentReviewPolicy, 'review', a);
  const answer = await loadAnswer(ctx, a.id, input.answerId);
  const waiting = answerReviewState(a.status, answer.reviewStatus);
  if (waiting) throw new AppError(409, waiting);
  const checked = checkReviewDecision(input);
  if ('problems' in checked) throw invalid(checked.problems);
  if (input.revision !== undefined && input.revision !== answer.revision) throw conflict();
  const reviewStatus = checked.decision === 'accept' ? 'accepted' : 'returned';
  const [saved] = await ctx.tx
    .update(answers)
    .set({ reviewStatus, reviewComment: checked.comment, reviewedBy: ctx.actor!.userId, reviewedAt: new Date(), revision: sql`${answers.revision} + 1` })
    .where(and(eq(answers.id, answer.id), eq(answers.revision, answer.revision)))
    .returning();
  if (!saved) throw conflict();
  const statuses = (await ctx.tx.select({ s: answers.reviewStatus }).from(answers).where(eq(answers.assessmentId, a.id))).map((r) => r.s);
  const next = assessmentAfterDecision(a.status, checked.decision, statuses);
  await ctx.tx
    .update(assessments)
    .set({ status: next, reviewedAt: next === 'reviewed' ? new Date() : a.reviewedAt, updatedAt: new Date(), revision: sql`${assessments.revision} + 1` })
    .where(eq(assessments.id, a.id));
  await audit(ctx, `compliance.answer.${reviewStatus === 'accepted' ? 'accept' : 'return'}`, { entityId: answer.id, institutionId: a.institutionId, details: { assessment: a.id, status: [a.status, next], comment: checked.comment || undefined } });
  if (next !== a.status && (next === 'returned' || next === 'reviewed')) {
    const [cycle] = await ctx.tx.select({ code: cycles.code }).from(cycles).where(eq(cycles.id, a.cycleId));
    const to = await peopleOf(ctx, a.institutionId, ['officers', 'head']);
    const key = next === 'returned' ? 'returned' : 'reviewed';
    await tell(ctx, to, `oversight.mail.${key}.subject`, `oversight.mail.${key}.body`, () => ({ cycle: cycle?.code ?? '', link: link(ctx, `/compliance/assessments/${a.id}`) }));
  }
  return { answer: saved, assessmentStatus: next };
});

export interface SampleInput {
  cycleId: string;
  /** Chosen by hand: institution ids of the cycle. */
  institutionIds?: string[];
  /** Or N chosen at random with this seed (a new seed when none is given). */
  size?: number;
  seed?: string;
}

/** Marks the cycle's sample for on-site verification (it replaces an earlier sample); returns the seed used. */
export const chooseSample = command(async (ctx, input: SampleInput) => {
  authorizeFor(ctx.actor, 'compliance:manage', null);
  if (!isUuid(input.cycleId)) throw notFound();
  const [cycle] = await ctx.tx.select().from(cycles).where(eq(cycles.id, input.cycleId));
  if (!cycle) throw notFound();
  const pool = (await ctx.tx.select({ institutionId: assessments.institutionId }).from(assessments).where(eq(assessments.cycleId, cycle.id))).map((r) => r.institutionId);
  let chosen: string[];
  let seed: string | null = null;
  if (input.institutionIds && input.institutionIds.length > 0) {
    chosen = [...new Set(input.institutionIds)];
    if (chosen.some((id) => !pool.includes(id))) throw invalid({ institutions: 'oversight.field.sampleInstitutions' });
  } else {
    const size = input.size ?? 0;
    if (!Number.isInteger(size) || size < 1 || size > Math.min(SAMPLE_MAX, pool.length)) throw invalid({ size: 'oversight.field.sampleSize' });
    seed = input.seed?.trim() || crypto.randomBytes(4).toString('hex');
    if (!isSeed(seed)) throw invalid({ seed: 'oversight.field.seed' });
    chosen = seededSample(pool, size, seed);
  }
  await ctx.tx
    .update(assessments)
    .set({ sampled: sql`${assessments.institutionId} = ANY(${`{${chosen.join(',')}}`}::uuid[])`, updatedAt: new Date(), revision: sql`${assessments.revision} + 1` })
    .where(and(eq(assessments.cycleId, cycle.id), sql`${assessments.sampled} IS DISTINCT FROM (${assessments.institutionId} = ANY(${`{${chosen.join(',')}}`}::uuid[]))`));
  await audit(ctx, 'compliance.sample.choose', { entityId: cycle.id, details: { seed, size: chosen.length, institutions: chosen } });
  return { seed, institutionIds: chosen };
});

export interface VerifyInput {
  assessmentId: string;
  answerId: string;
  result: string;
  comment?: string;
}

/** Records the on-site verification's own result for one answer of a sampled assessment. */
export const verifyAnswer = command(async (ctx, input: VerifyInput) => {
  const a = await loadAssessment(ctx, input.assessmentId, true);
  authorize(ctx.actor, assessmentReviewPolicy, 'verify', a);
  const answer = await loadAnswer(ctx, a.id, input.answerId);
  const checked = checkVerification(input);
  if ('problems' in checked) throw invalid(checked.problems);
  const [saved] = await ctx.tx
    .update(answers)
    .set({ verifiedResult: checked.result, verifiedComment: checked.comment, verifiedBy: ctx.actor!.userId, verifiedAt: new Date(), revision: sql`${answers.revision} + 1` })
    .where(eq(answers.id, answer.id))
    .returning();
  await ctx.tx.update(assessments).set({ updatedAt: new Date(), revision: sql`${assessments.revision} + 1` }).where(eq(assessments.id, a.id));
  await audit(ctx, 'compliance.answer.verify', { entityId: answer.id, institutionId: a.institutionId, details: { selfAssessed: answer.result, verified: checked.result } });
  return saved;
});

/** The last sample drawn for a cycle (its seed and size), as the audit trail recorded it. */
export async function lastSample(ctx: Pick<Ctx, 'q'>, cycleId: string): Promise<{ seed: string | null; size: number; at: Date } | null> {
  const r = await ctx.q.execute(sql`SELECT at, summary FROM audit_log WHERE action = 'compliance.sample.choose' AND entity_type = 'compliance_cycle' AND entity_id = ${cycleId} ORDER BY seq DESC LIMIT 1`);
  const row = r.rows[0] as { at: string | Date; summary: { seed: string | null; size: number } } | undefined;
  return row ? { seed: row.summary.seed, size: row.summary.size, at: new Date(row.at) } : null;
}
