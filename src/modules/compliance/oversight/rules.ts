// The oversight rules, pure (no database): what a review decision, a finding, a challenge, a
// remediation plan (POA&M) and a directive must be; which state changes exist; which escalation step
// an overdue finding or directive has reached on a given day; and the reproducible random sample.
import crypto from 'node:crypto';
import type { MessageKey } from '../../../messages.ts';
import { isCalendarDate, isEmail } from '../../../platform/input.ts';
import { RESULTS, SEVERITIES, TARGET_STATUSES, type AssessmentStatus, type FindingStatus, type PoamStatus, type Result, type ReviewStatus, type Severity, type TargetStatus } from '../schema.ts';
import { tanzaniaDate } from '../../../platform/calendar.ts';

export type Problems = Record<string, MessageKey>;

// ---------------------------------------------------------------- dates

/** Today's date in Tanzania (UTC+3 all year), as YYYY-MM-DD: due dates and windows are Tanzanian days. */
export function todayIso(now: Date = new Date()): string {
  return tanzaniaDate(now);
}

/** Whole days from `from` to `to` (both YYYY-MM-DD); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

const trimmed = (v: unknown) => (typeof v === 'string' ? v.trim() : '');

// ---------------------------------------------------------------- review of answers

export const REVIEW_DECISIONS = ['accept', 'return'] as const;
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];

/** An assessment's answers are reviewed once the head has signed it off (and while returned answers are being fixed). */
export function reviewState(status: AssessmentStatus): MessageKey | null {
  return status === 'signed_off' || status === 'returned' ? null : 'oversight.refused.notSignedOff';
}

/** A returned answer waits for the institution while the assessment is returned; anything else may be decided. */
export function answerReviewState(assessment: AssessmentStatus, answer: ReviewStatus): MessageKey | null {
  return assessment === 'returned' && answer === 'returned' ? 'oversight.refused.awaitingInstitution' : null;
}

export function checkReviewDecision(input: { decision: string; comment?: string }): { decision: ReviewDecision; comment: string } | { problems: Problems } {
  const problems: Problems = {};
  const comment = trimmed(input.comment);
  if (!(REVIEW_DECISIONS as readonly string[]).includes(input.decision)) problems.decision = 'oversight.field.decision';
  else if (input.decision === 'return' && !comment) problems.comment = 'oversight.field.returnComment';
  if (comment.length > 2000) problems.comment = 'oversight.field.tooLong';
  return Object.keys(problems).length ? { problems } : { decision: input.decision as ReviewDecision, comment };
}

/**
 * The assessment's status after a decision on one answer: returning any answer sends the assessment
 * back to the institution; when every answer is accepted it is reviewed; otherwise it stays as it was.
 */
export function assessmentAfterDecision(current: AssessmentStatus, decision: ReviewDecision, answers: ReviewStatus[]): AssessmentStatus {
  if (decision === 'return') return 'returned';
  if (answers.length > 0 && answers.every((s) => s === 'accepted')) return 'reviewed';
  return current;
}

// ---------------------------------------------------------------- sampling and on-site verification

export const SAMPLE_MAX = 1000;

/** A seed as people type it: 1–64 letters, digits, dashes or dots. */
export function isSeed(v: string): boolean {
  return /^[A-Za-z0-9._-]{1,64}$/.test(v);
}

/**
 * N of the keys chosen at random but reproducibly: each key is ranked by SHA-256 of "seed:key", so
 * the same seed over the same institutions gives the same sample whatever order they are listed in.
 */
export function seededSample(keys: string[], n: number, seed: string): string[] {
  const rank = (k: string) => crypto.createHash('sha256').update(`${seed}:${k}`).digest('hex');
  return [...new Set(keys)]
    .map((k) => ({ k, r: rank(k) }))
    .sort((a, b) => (a.r < b.r ? -1 : a.r > b.r ? 1 : 0))
    .slice(0, Math.max(0, n))
    .map((x) => x.k);
}

export function checkVerification(input: { result: string; comment?: string }): { result: Result; comment: string } | { problems: Problems } {
  const problems: Problems = {};
  const comment = trimmed(input.comment);
  if (!(RESULTS as readonly string[]).includes(input.result)) problems.result = 'oversight.field.result';
  if (comment.length > 2000) problems.comment = 'oversight.field.tooLong';
  else if (input.result === 'not_applicable' && !comment) problems.comment = 'oversight.field.verifyComment';
  return Object.keys(problems).length ? { problems } : { result: input.result as Result, comment };
}

// ---------------------------------------------------------------- findings and challenges

export interface FindingInput {
  severity: string;
  dueOn: string;
  description: string;
}

export function checkFinding(input: FindingInput, today: string): { severity: Severity; dueOn: string; description: string } | { problems: Problems } {
  const problems: Problems = {};
  const description = trimmed(input.description);
  if (!(SEVERITIES as readonly string[]).includes(input.severity)) problems.severity = 'oversight.field.severity';
  if (!isCalendarDate(input.dueOn)) problems.dueOn = 'oversight.field.date';
  else if (input.dueOn < today) problems.dueOn = 'oversight.field.dueInPast';
  if (!description) problems.description = 'oversight.field.description';
  else if (description.length > 4000) problems.description = 'oversight.field.tooLong';
  return Object.keys(problems).length ? { problems } : { severity: input.severity as Severity, dueOn: input.dueOn, description };
}

/**
 * Whether the institution may challenge a finding now: only an open finding, once, and only until the
 * cycle's challenge window closes (the last day included).
 */
export function challengeState(f: { status: FindingStatus; challengedBefore: boolean; challengeUntil: string }, today: string): MessageKey | null {
  if (f.status !== 'open') return 'oversight.refused.findingNotOpen';
  if (f.challengedBefore) return 'oversight.refused.challengedBefore';
  if (today > f.challengeUntil) return 'oversight.refused.challengeClosed';
  return null;
}

export function checkReason(reason: unknown, field = 'reason'): { text: string } | { problems: Problems } {
  const text = trimmed(reason);
  if (!text) return { problems: { [field]: 'oversight.field.reason' } };
  if (text.length > 4000) return { problems: { [field]: 'oversight.field.tooLong' } };
  return { text };
}

export const CHALLENGE_OUTCOMES = ['upheld', 'withdrawn'] as const;
export type ChallengeOutcome = (typeof CHALLENGE_OUTCOMES)[number];

/** The finding's status once the reviewer decides the challenge: upheld opens it again, withdrawn ends it. */
export function findingAfterChallenge(outcome: ChallengeOutcome): FindingStatus {
  return outcome === 'upheld' ? 'open' : 'withdrawn';
}

// ---------------------------------------------------------------- remediation plans (POA&M)

export const POAM_ACTIONS = ['save', 'submit', 'progress', 'complete', 'close', 'sendBack'] as const;
export type PoamAction = (typeof POAM_ACTIONS)[number];

/**
 * The plan's life: the institution drafts and submits it, reports progress (milestone dates,
 * evidence), marks it completed; the reviewer closes it or sends it back to work.
 */
const POAM_MOVES: Record<PoamAction, { from: readonly (PoamStatus | null)[]; to: PoamStatus | 'same' }> = {
  save: { from: [null, 'draft', 'submitted', 'in_progress'], to: 'same' },
  submit: { from: ['draft'], to: 'submitted' },
  progress: { from: ['submitted', 'in_progress'], to: 'in_progress' },
  complete: { from: ['submitted', 'in_progress'], to: 'completed' },
  close: { from: ['completed'], to: 'closed' },
  sendBack: { from: ['completed'], to: 'in_progress' },
};

/** The plan's status after the action, or null when the action is not possible from this status (null status: no plan yet). */
export function poamAfter(status: PoamStatus | null, action: PoamAction): PoamStatus | null {
  const move = POAM_MOVES[action];
  if (!move.from.includes(status)) return null;
  return move.to === 'same' ? (status ?? 'draft') : move.to;
}

export function poamState(status: PoamStatus | null, action: PoamAction): MessageKey | null {
  return poamAfter(status, action) ? null : 'oversight.refused.planState';
}

export interface MilestoneInput {
  title: string;
  plannedOn: string;
  actualOn?: string | null;
}

export interface PlanInput {
  ownerName: string;
  ownerEmail?: string;
  plan: string;
  milestones: MilestoneInput[];
}

export interface PlanValues {
  ownerName: string;
  ownerEmail: string;
  plan: string;
  milestones: { title: string; plannedOn: string; actualOn: string | null }[];
}

export const MILESTONES_MAX = 20;

/** A plan: an owner, what will be done, 1–20 milestones with planned dates; an actual date is never in the future. */
/** A milestone row of the plan's form that holds anything (empty rows are skipped when the plan is saved). */
const milestoneGiven = (m: MilestoneInput) => !!(trimmed(m.title) || trimmed(m.plannedOn) || trimmed(m.actualOn ?? ''));

/**
 * The position a milestone of the form's row `row` (1-based) gets once saved, empty rows skipped:
 * null for no row (the plan as a whole), undefined when that row holds no milestone.
 */
export function milestonePositionOfRow(rows: MilestoneInput[], row: number | null): number | null | undefined {
  if (row === null) return null;
  if (!Number.isInteger(row) || row < 1 || row > rows.length || !milestoneGiven(rows[row - 1]!)) return undefined;
  return rows.slice(0, row).filter(milestoneGiven).length;
}

export function checkPlan(input: PlanInput, today: string): { values: PlanValues } | { problems: Problems } {
  const problems: Problems = {};
  const ownerName = trimmed(input.ownerName);
  const ownerEmail = trimmed(input.ownerEmail);
  const plan = trimmed(input.plan);
  if (!ownerName || ownerName.length > 200) problems.ownerName = 'oversight.field.ownerName';
  if (ownerEmail && !isEmail(ownerEmail)) problems.ownerEmail = 'oversight.field.email';
  if (!plan) problems.plan = 'oversight.field.plan';
  else if (plan.length > 4000) problems.plan = 'oversight.field.tooLong';
  const milestones: PlanValues['milestones'] = [];
  // Rows left empty are skipped; problems name the row as it was given (m3-planned is the third row's date).
  const given = input.milestones.map((m, i) => ({ m, i })).filter(({ m }) => milestoneGiven(m));
  if (given.length === 0) problems['m1-title'] = 'oversight.field.milestones';
  if (given.length > MILESTONES_MAX) problems['m1-title'] = 'oversight.field.tooManyMilestones';
  given.slice(0, MILESTONES_MAX).forEach(({ m, i }) => {
    const title = trimmed(m.title);
    const actual = trimmed(m.actualOn ?? '');
    if (!title || title.length > 300) problems[`m${i + 1}-title`] = 'oversight.field.milestoneTitle';
    if (!isCalendarDate(m.plannedOn)) problems[`m${i + 1}-planned`] = 'oversight.field.date';
    if (actual && !isCalendarDate(actual)) problems[`m${i + 1}-actual`] = 'oversight.field.date';
    else if (actual && actual > today) problems[`m${i + 1}-actual`] = 'oversight.field.actualInFuture';
    milestones.push({ title, plannedOn: m.plannedOn, actualOn: actual || null });
  });
  return Object.keys(problems).length ? { problems } : { values: { ownerName, ownerEmail, plan, milestones } };
}

/** Completing a plan needs every milestone done (an actual date). */
export function completeProblems(milestones: { actualOn: string | null }[]): MessageKey | null {
  return milestones.length > 0 && milestones.every((m) => m.actualOn) ? null : 'oversight.refused.milestonesOpen';
}

/** What changed between two versions of a plan, for its history: field → [before, after]. */
export function planChanges(before: PlanValues | null, after: PlanValues): Record<string, [unknown, unknown]> {
  const out: Record<string, [unknown, unknown]> = {};
  for (const k of ['ownerName', 'ownerEmail', 'plan'] as const) {
    if (!before || before[k] !== after[k]) out[k] = [before?.[k] ?? null, after[k]];
  }
  const n = Math.max(before?.milestones.length ?? 0, after.milestones.length);
  for (let i = 0; i < n; i++) {
    const a = before?.milestones[i];
    const b = after.milestones[i];
    if (!a || !b || a.title !== b.title || a.plannedOn !== b.plannedOn || a.actualOn !== b.actualOn) out[`milestone${i + 1}`] = [a ?? null, b ?? null];
  }
  return out;
}

// ---------------------------------------------------------------- reminders and escalation

/** Reminders go this many days before a due date or deadline. */
export const REMIND_BEFORE_DAYS = 7;
/** Days after the due date at which an overdue finding goes to the head of institution, then to the authority. */
export const TO_HEAD_AFTER_DAYS = 7;
export const TO_AUTHORITY_AFTER_DAYS = 21;

/**
 * Steps of a finding's reminders, recorded in compliance_findings.escalation so each is sent once:
 * 1 reminder to the officers before the due date, 2 overdue notice to the officers, 3 escalated to
 * the head of institution, 4 escalated to the authority's reviewers.
 */
export const STEP = { none: 0, reminder: 1, officer: 2, head: 3, authority: 4 } as const;
export type Step = (typeof STEP)[keyof typeof STEP];

/** The step a finding due on `dueOn` has reached on `today`. */
export function escalationStep(dueOn: string, today: string): Step {
  const late = daysBetween(dueOn, today);
  if (late >= TO_AUTHORITY_AFTER_DAYS) return STEP.authority;
  if (late >= TO_HEAD_AFTER_DAYS) return STEP.head;
  if (late >= 1) return STEP.officer;
  if (late >= -REMIND_BEFORE_DAYS) return STEP.reminder;
  return STEP.none;
}

/** The step to send now, or null when the reached step was already sent (a later step is sent alone: it tells everything). */
export function stepToSend(sent: number, dueOn: string, today: string): Step | null {
  const step = escalationStep(dueOn, today);
  return step > sent ? step : null;
}

/** Who a step's message goes to. Each step also tells the level below it, so nobody is skipped. */
export function stepRecipients(step: Step): ('officers' | 'head' | 'authority')[] {
  if (step === STEP.authority) return ['authority', 'head'];
  if (step === STEP.head) return ['head', 'officers'];
  if (step === STEP.none) return [];
  return ['officers'];
}

/**
 * A finding falls due on its own due date or, earlier, on the planned date of a milestone of its plan
 * that is not done yet: a late milestone is overdue work as much as a late finding.
 */
export function effectiveDue(dueOn: string, milestones: { plannedOn: string; actualOn: string | null }[]): string {
  return milestones.filter((m) => !m.actualOn).reduce((min, m) => (m.plannedOn < min ? m.plannedOn : min), dueOn);
}

/** Directive targets: 1 reminder before the deadline, 2 overdue notice after it. */
export function directiveStep(deadline: string, today: string): 0 | 1 | 2 {
  const late = daysBetween(deadline, today);
  if (late >= 1) return 2;
  if (late >= -REMIND_BEFORE_DAYS) return 1;
  return 0;
}

// ---------------------------------------------------------------- directives

export interface DirectiveInput {
  code: string;
  titleSw: string;
  titleEn: string;
  bodySw?: string;
  bodyEn?: string;
  deadline: string;
  institutionTypes?: string[];
  sectors?: string[];
  institutions?: string[];
}

export interface DirectiveValues {
  code: string;
  titleSw: string;
  titleEn: string;
  bodySw: string;
  bodyEn: string;
  deadline: string;
  target: { institutionTypes?: string[]; sectors?: string[]; institutionIds?: string[] };
}

const CODE = /^[A-Za-z0-9][A-Za-z0-9/._-]{0,39}$/;

/** A directive: a code, titles in both languages, a deadline that is not in the past, and at least one target. */
export function checkDirective(input: DirectiveInput, today: string, known: { types: string[]; sectors: string[] }): { values: Omit<DirectiveValues, 'target'> & { target: { institutionTypes?: string[]; sectors?: string[] } } } | { problems: Problems } {
  const problems: Problems = {};
  const code = trimmed(input.code);
  const titleSw = trimmed(input.titleSw);
  const titleEn = trimmed(input.titleEn);
  const bodySw = trimmed(input.bodySw);
  const bodyEn = trimmed(input.bodyEn);
  if (!CODE.test(code)) problems.code = 'oversight.field.code';
  if (!titleSw || titleSw.length > 300) problems.titleSw = 'oversight.field.title';
  if (!titleEn || titleEn.length > 300) problems.titleEn = 'oversight.field.title';
  if (bodySw.length > 8000) problems.bodySw = 'oversight.field.tooLong';
  if (bodyEn.length > 8000) problems.bodyEn = 'oversight.field.tooLong';
  if (!isCalendarDate(input.deadline)) problems.deadline = 'oversight.field.date';
  else if (input.deadline < today) problems.deadline = 'oversight.field.deadlineInPast';
  const types = [...new Set((input.institutionTypes ?? []).map(trimmed).filter(Boolean))];
  const sectors = [...new Set((input.sectors ?? []).map(trimmed).filter(Boolean))];
  if (types.some((t) => !known.types.includes(t))) problems.institutionTypes = 'oversight.field.institutionType';
  if (sectors.some((s) => !known.sectors.includes(s))) problems.sectors = 'oversight.field.sector';
  if (types.length === 0 && sectors.length === 0 && (input.institutions ?? []).filter((x) => trimmed(x)).length === 0) problems.institutionTypes = 'oversight.field.target';
  if (Object.keys(problems).length) return { problems };
  const target: { institutionTypes?: string[]; sectors?: string[] } = {};
  if (types.length) target.institutionTypes = types;
  if (sectors.length) target.sectors = sectors;
  return { values: { code, titleSw, titleEn, bodySw, bodyEn, deadline: input.deadline, target } };
}

/** An institution's report on a directive: a status and a note. A withdrawn directive takes no reports. */
export function checkTargetUpdate(input: { status: string; note?: string }): { status: TargetStatus; note: string } | { problems: Problems } {
  const note = trimmed(input.note);
  const problems: Problems = {};
  if (!(TARGET_STATUSES as readonly string[]).includes(input.status)) problems.status = 'oversight.field.targetStatus';
  if (note.length > 2000) problems.note = 'oversight.field.tooLong';
  return Object.keys(problems).length ? { problems } : { status: input.status as TargetStatus, note };
}
