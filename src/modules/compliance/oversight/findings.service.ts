// Findings and what follows them: a reviewer raises a finding from an answer; the institution may
// challenge it within the cycle's challenge window and the reviewer upholds or withdraws it; the
// institution keeps a remediation plan (POA&M) with milestones and evidence, every change recorded
// in its history, until the reviewer closes it (closing the finding) or sends it back.
import { and, asc, eq, sql } from 'drizzle-orm';
import { command, type Ctx, type TxCtx } from '../../../platform/context.ts';
import { authorize } from '../../../platform/auth/access.ts';
import { AppError, invalid, notFound } from '../../../platform/http/errors.ts';
import { isUuid } from '../../../platform/input.ts';
import type { MessageKey } from '../../../messages.ts';
import { answers, assessments, challenges, cycles, findings, milestones, poamChanges, poamItems, requirements, type Evidence, type Finding, type PoamItem } from '../schema.ts';
import { assessmentReviewPolicy, findingPolicy, type FindingRecord } from './access.ts';
import { CHALLENGE_OUTCOMES, checkFinding, checkPlan, milestonePositionOfRow, checkReason, completeProblems, findingAfterChallenge, planChanges, todayIso, type ChallengeOutcome, type MilestoneInput, type PlanValues } from './rules.ts';
import { loadAssessment, conflict } from './review.service.ts';
import { checkEvidence, linkEvidence, recordEvidence, requireEvidence, type EvidenceInput } from '../assessments/evidence.service.ts';
import { link, peopleOf, tell, type Audience } from './notify.ts';
import { audit } from '../audit-events.ts';

export interface LoadedFinding {
  finding: Finding;
  poam: PoamItem | null;
  record: FindingRecord;
  ref: string;
}

/** A finding with what its policy needs: the challenge window, whether it was challenged, its plan. */
export async function loadFinding(ctx: Pick<Ctx, 'q'>, id: string, lock = false): Promise<LoadedFinding> {
  if (!isUuid(id)) throw notFound();
  const query = ctx.q.select().from(findings).where(eq(findings.id, id));
  const [f] = lock ? await query.for('update') : await query;
  if (!f) throw notFound();
  const [c] = await ctx.q.select({ challengeUntil: cycles.challengeUntil }).from(cycles).where(eq(cycles.id, f.cycleId));
  const [{ n }] = await ctx.q.select({ n: sql<number>`count(*)::int` }).from(challenges).where(eq(challenges.findingId, f.id));
  const [poam] = await ctx.q.select().from(poamItems).where(eq(poamItems.findingId, f.id));
  const [r] = await ctx.q.select({ ref: requirements.ref }).from(requirements).where(eq(requirements.id, f.requirementId));
  return {
    finding: f,
    poam: poam ?? null,
    ref: r?.ref ?? '',
    record: { institutionId: f.institutionId, status: f.status, challengeUntil: c!.challengeUntil, challengedBefore: n > 0, poamStatus: poam?.status ?? null, today: todayIso() },
  };
}

const findingLink = (ctx: Ctx, id: string) => link(ctx, `/compliance/findings/${id}`);

async function tellAbout(ctx: TxCtx, l: LoadedFinding, audiences: Audience[], key: string, extra: Record<string, string> = {}) {
  const to = await peopleOf(ctx, l.finding.institutionId, audiences);
  await tell(ctx, to, `oversight.mail.${key}.subject` as MessageKey, `oversight.mail.${key}.body` as MessageKey, () => ({ ref: l.ref, due: l.finding.dueOn, link: findingLink(ctx, l.finding.id), ...extra }));
}

function checkRevision(current: number, given: number | undefined) {
  if (given !== undefined && given !== current) throw conflict();
}

async function touchFinding(ctx: TxCtx, f: Finding, set: Partial<typeof findings.$inferInsert> = {}) {
  await ctx.tx.update(findings).set({ ...set, revision: sql`${findings.revision} + 1` }).where(eq(findings.id, f.id));
}

export interface RaiseInput {
  answerId: string;
  severity: string;
  dueOn: string;
  description: string;
}

/** A reviewer raises a finding from an answer of a signed-off assessment: its requirement and system come with it. */
export const raiseFinding = command(async (ctx, input: RaiseInput): Promise<Finding> => {
  if (!isUuid(input.answerId)) throw notFound();
  const [answer] = await ctx.tx.select().from(answers).where(eq(answers.id, input.answerId));
  if (!answer) throw notFound();
  const a = await loadAssessment(ctx, answer.assessmentId, true);
  authorize(ctx.actor, assessmentReviewPolicy, 'raiseFinding', a);
  const checked = checkFinding(input, todayIso());
  if ('problems' in checked) throw invalid(checked.problems);
  const [f] = await ctx.tx
    .insert(findings)
    .values({ assessmentId: a.id, institutionId: a.institutionId, cycleId: a.cycleId, requirementId: answer.requirementId, systemId: answer.systemId, answerId: answer.id, ...checked, raisedBy: ctx.actor!.userId })
    .returning();
  await ctx.tx.update(assessments).set({ updatedAt: new Date(), revision: sql`${assessments.revision} + 1` }).where(eq(assessments.id, a.id));
  await audit(ctx, 'compliance.finding.raise', { entityId: f.id, institutionId: f.institutionId, details: { answer: answer.id, severity: f.severity, dueOn: f.dueOn } });
  const l = await loadFinding(ctx, f.id);
  await tellAbout(ctx, l, ['officers', 'head'], 'raised', { severity: f.severity });
  return f;
});

/** The institution challenges an open finding, once, within the cycle's challenge window. */
export const challengeFinding = command(async (ctx, input: { id: string; reason: string; revision?: number }) => {
  const l = await loadFinding(ctx, input.id, true);
  authorize(ctx.actor, findingPolicy, 'challenge', l.record);
  checkRevision(l.finding.revision, input.revision);
  const r = checkReason(input.reason);
  if ('problems' in r) throw invalid(r.problems);
  const [c] = await ctx.tx.insert(challenges).values({ findingId: l.finding.id, reason: r.text, submittedBy: ctx.actor!.userId }).returning();
  await touchFinding(ctx, l.finding, { status: 'challenged' });
  await audit(ctx, 'compliance.finding.challenge', { entityId: l.finding.id, institutionId: l.finding.institutionId, details: { challenge: c.id } });
  await tellAbout(ctx, l, ['authority'], 'challenged');
  return c;
});

/** The reviewer upholds the finding (it is open again) or withdraws it; the challenge is closed either way. */
export const decideChallenge = command(async (ctx, input: { id: string; outcome: string; reason?: string; revision?: number }) => {
  const l = await loadFinding(ctx, input.id, true);
  authorize(ctx.actor, findingPolicy, 'decideChallenge', l.record);
  checkRevision(l.finding.revision, input.revision);
  if (!(CHALLENGE_OUTCOMES as readonly string[]).includes(input.outcome)) throw invalid({ outcome: 'oversight.field.outcome' });
  const outcome = input.outcome as ChallengeOutcome;
  const reason = (input.reason ?? '').trim();
  if (reason.length > 4000) throw invalid({ outcomeReason: 'oversight.field.tooLong' });
  await ctx.tx
    .update(challenges)
    .set({ outcome, outcomeReason: reason || null, decidedBy: ctx.actor!.userId, decidedAt: new Date() })
    .where(and(eq(challenges.findingId, l.finding.id), sql`${challenges.outcome} IS NULL`));
  const status = findingAfterChallenge(outcome);
  await touchFinding(ctx, l.finding, status === 'withdrawn' ? { status, closedBy: ctx.actor!.userId, closedAt: new Date() } : { status });
  await audit(ctx, `compliance.finding.${outcome === 'upheld' ? 'uphold' : 'withdraw'}`, { entityId: l.finding.id, institutionId: l.finding.institutionId, details: { reason: reason || undefined } });
  await tellAbout(ctx, l, ['officers', 'head'], outcome);
  return { status };
});

// ---------------------------------------------------------------- the remediation plan

async function planValues(ctx: Pick<Ctx, 'q'>, poam: PoamItem): Promise<PlanValues> {
  const ms = await ctx.q.select().from(milestones).where(eq(milestones.poamId, poam.id)).orderBy(asc(milestones.position));
  return { ownerName: poam.ownerName, ownerEmail: poam.ownerEmail, plan: poam.plan, milestones: ms.map((m) => ({ title: m.title, plannedOn: m.plannedOn, actualOn: m.actualOn })) };
}

async function recordChange(ctx: TxCtx, poamId: string, change: Record<string, unknown>) {
  await ctx.tx.insert(poamChanges).values({ poamId, changedBy: ctx.actor?.userId ?? null, change });
}

export interface PlanSaveInput {
  findingId: string;
  ownerName: string;
  ownerEmail?: string;
  plan: string;
  milestones: MilestoneInput[];
  /** The plan's revision the editor started from (absent for a new plan). */
  revision?: number;
  /** Evidence uploaded (or a link given) with this save, for the milestone of one row of `milestones` (1-based) or, null, the whole plan. */
  evidence?: { input: Omit<EvidenceInput, 'institutionId'>; milestone: number | null };
}

/** The milestone a piece of evidence names must be one of the plan's (by position). */
function checkEvidenceMilestone(milestone: number | null | undefined, count: number) {
  if (milestone != null && !(Number.isInteger(milestone) && milestone >= 1 && milestone <= count)) throw invalid({ evidenceMilestone: 'oversight.field.evidenceMilestone' });
}

/** Attaches a piece of evidence to the plan (or one milestone), with its history row and audit entry; false when it was already attached. */
async function addToPlan(ctx: TxCtx, poam: PoamItem, e: Evidence, milestone: number | null): Promise<boolean> {
  const added = await linkEvidence(ctx, { kind: 'plan', poamId: poam.id, milestone }, [e.id]);
  if (added.length === 0) return false;
  await recordChange(ctx, poam.id, { action: 'evidence', evidence: { id: e.id, title: e.title }, ...(milestone ? { milestone } : {}) });
  await audit(ctx, 'compliance.poam.evidence', { entityId: poam.id, institutionId: poam.institutionId, details: { evidence: e.id, milestone: milestone ?? undefined } });
  return true;
}

/**
 * Drafts the plan, or updates it with progress (actual dates of milestones). An update to a submitted
 * plan puts it in progress. Every change is written to the plan's history.
 */
export const savePlan = command(async (ctx, input: PlanSaveInput): Promise<PoamItem> => {
  const l = await loadFinding(ctx, input.findingId, true);
  authorize(ctx.actor, findingPolicy, l.poam ? (l.poam.status === 'draft' ? 'savePlan' : 'progress') : 'savePlan', l.record);
  const checked = checkPlan(input, todayIso());
  if ('problems' in checked) throw invalid(checked.problems);
  const v = checked.values;
  const milestone = input.evidence ? milestonePositionOfRow(input.milestones, input.evidence.milestone) : null;
  if (milestone === undefined) throw invalid({ evidenceMilestone: 'oversight.field.evidenceMilestone' });
  const upload = input.evidence ? await checkEvidence(ctx, { ...input.evidence.input, institutionId: l.finding.institutionId }) : null;
  let poam: PoamItem;
  let changes: Record<string, [unknown, unknown]>;
  if (!l.poam) {
    [poam] = await ctx.tx.insert(poamItems).values({ findingId: l.finding.id, institutionId: l.finding.institutionId, ownerName: v.ownerName, ownerEmail: v.ownerEmail, plan: v.plan }).returning();
    changes = planChanges(null, v);
  } else {
    checkRevision(l.poam.revision, input.revision);
    changes = planChanges(await planValues(ctx, l.poam), v);
    if (Object.keys(changes).length === 0) {
      if (!upload) return l.poam;
      await addToPlan(ctx, l.poam, await recordEvidence(ctx, upload), milestone);
      return bumpPlan(ctx, l.poam);
    }
    const status = l.poam.status === 'submitted' ? 'in_progress' : l.poam.status;
    const [saved] = await ctx.tx
      .update(poamItems)
      .set({ ownerName: v.ownerName, ownerEmail: v.ownerEmail, plan: v.plan, status, updatedAt: new Date(), revision: sql`${poamItems.revision} + 1` })
      .where(and(eq(poamItems.id, l.poam.id), eq(poamItems.revision, l.poam.revision)))
      .returning();
    if (!saved) throw conflict();
    poam = saved;
    if (status !== l.poam.status) changes.status = [l.poam.status, status];
    await ctx.tx.delete(milestones).where(eq(milestones.poamId, poam.id));
  }
  await ctx.tx.insert(milestones).values(v.milestones.map((m, i) => ({ poamId: poam.id, position: i + 1, title: m.title, plannedOn: m.plannedOn, actualOn: m.actualOn })));
  await recordChange(ctx, poam.id, { action: l.poam ? 'update' : 'create', fields: changes });
  await touchFinding(ctx, l.finding);
  await audit(ctx, l.poam ? 'compliance.poam.update' : 'compliance.poam.create', { entityId: poam.id, institutionId: poam.institutionId, details: { finding: l.finding.id, fields: Object.keys(changes) } });
  if (upload) await addToPlan(ctx, poam, await recordEvidence(ctx, upload), milestone);
  return poam;
});

type PlanMove = 'submitPlan' | 'completePlan' | 'closePlan' | 'sendBackPlan';
const PLAN_EVENT = { submitPlan: 'compliance.poam.submit', completePlan: 'compliance.poam.complete', closePlan: 'compliance.poam.close', sendBackPlan: 'compliance.poam.sendback' } as const;
const MOVE_TO = { submitPlan: 'submitted', completePlan: 'completed', closePlan: 'closed', sendBackPlan: 'in_progress' } as const;

/** Moves the plan along: submit and complete (the institution), close and send back (the reviewer). */
async function movePlan(ctx: TxCtx, input: { findingId: string; reason?: string; revision?: number }, move: PlanMove) {
  const l = await loadFinding(ctx, input.findingId, true);
  authorize(ctx.actor, findingPolicy, move, l.record);
  const poam = l.poam!;
  checkRevision(poam.revision, input.revision);
  const reason = (input.reason ?? '').trim();
  if (move === 'sendBackPlan') {
    const r = checkReason(reason);
    if ('problems' in r) throw invalid(r.problems);
  }
  if (move === 'completePlan') {
    const problem = completeProblems((await planValues(ctx, poam)).milestones);
    if (problem) throw new AppError(409, problem);
  }
  const status = MOVE_TO[move];
  const now = new Date();
  await ctx.tx
    .update(poamItems)
    .set({
      status,
      updatedAt: now,
      revision: sql`${poamItems.revision} + 1`,
      ...(move === 'submitPlan' ? { submittedAt: now } : {}),
      ...(move === 'completePlan' ? { completedAt: now } : {}),
      ...(move === 'closePlan' ? { closedAt: now, closedBy: ctx.actor!.userId } : {}),
    })
    .where(eq(poamItems.id, poam.id));
  await recordChange(ctx, poam.id, { action: move, fields: { status: [poam.status, status] }, ...(reason ? { reason } : {}) });
  await touchFinding(ctx, l.finding, move === 'closePlan' ? { status: 'closed', closedBy: ctx.actor!.userId, closedAt: now } : {});
  await audit(ctx, PLAN_EVENT[move], { entityId: poam.id, institutionId: poam.institutionId, details: { status: [poam.status, status], reason: reason || undefined } });
  const mail = { submitPlan: ['authority', 'planSubmitted'], completePlan: ['authority', 'planCompleted'], closePlan: ['institution', 'planClosed'], sendBackPlan: ['institution', 'planSentBack'] } as const;
  const [who, key] = mail[move];
  await tellAbout(ctx, l, who === 'authority' ? ['authority'] : ['officers', 'head'], key, { reason });
  return { status };
}

export const submitPlan = command((ctx, input: { findingId: string; revision?: number }) => movePlan(ctx, input, 'submitPlan'));
export const completePlan = command((ctx, input: { findingId: string; revision?: number }) => movePlan(ctx, input, 'completePlan'));
export const closePlan = command((ctx, input: { findingId: string; revision?: number }) => movePlan(ctx, input, 'closePlan'));
export const sendBackPlan = command((ctx, input: { findingId: string; reason: string; revision?: number }) => movePlan(ctx, input, 'sendBackPlan'));

/** A change to the plan's evidence alone: the plan's revision moves on. */
async function bumpPlan(ctx: TxCtx, poam: PoamItem): Promise<PoamItem> {
  const [saved] = await ctx.tx.update(poamItems).set({ updatedAt: new Date(), revision: sql`${poamItems.revision} + 1` }).where(eq(poamItems.id, poam.id)).returning();
  return saved!;
}

/** Attaches a piece of the institution's own evidence to the plan, or to one of its milestones (recorded in its history). */
export const attachPlanEvidence = command(async (ctx, input: { findingId: string; evidenceId: string; milestone?: number | null }) => {
  const l = await loadFinding(ctx, input.findingId, true);
  authorize(ctx.actor, findingPolicy, l.poam?.status === 'draft' ? 'savePlan' : 'progress', l.record);
  if (!l.poam) throw new AppError(409, 'oversight.refused.planState');
  checkEvidenceMilestone(input.milestone, (await planValues(ctx, l.poam)).milestones.length);
  const [e] = await requireEvidence(ctx, l.finding.institutionId, [input.evidenceId]);
  if (!(await addToPlan(ctx, l.poam, e, input.milestone ?? null))) return { added: false };
  await bumpPlan(ctx, l.poam);
  return { added: true };
});
