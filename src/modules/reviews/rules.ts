// The reviews' rules, pure: which stage a case may move to, when a proposal is complete, whether its
// costs add up, the working-day clock, the checklist score, value for money, and what changed
// between two submissions.
import type { MessageKey } from '../../messages.ts';
import type { AttachmentKind, CaseKind, Clause, CostYear, Outcome, Rating, Stage } from './schema.ts';
import { tanzaniaDate } from '../../platform/calendar.ts';

// ---------------------------------------------------------------------------------------------
// Stages

/** Who holds the case in each stage: the institution prepares and answers, the authority reviews. */
export function holder(stage: Stage): 'institution' | 'authority' | 'none' {
  if (stage === 'draft' || stage === 'returned' || stage === 'clarification') return 'institution';
  if (stage === 'submitted' || stage === 'in_review') return 'authority';
  return 'none';
}

/** The institution may edit and submit a draft or a case returned to it. */
export const institutionEdits = (stage: Stage): MessageKey | null => (stage === 'draft' || stage === 'returned' ? null : 'reviews.refused.withAuthority');
/** The authority acts on a case submitted to it and not yet decided. */
export const authorityReviews = (stage: Stage): MessageKey | null =>
  stage === 'submitted' || stage === 'in_review' ? null : stage === 'decided' ? 'reviews.refused.decided' : 'reviews.refused.withInstitution';
/** Deficiencies are answered while the case is with the institution or under review. */
export const institutionAnswers = (stage: Stage): MessageKey | null => (stage === 'decided' || stage === 'draft' ? 'reviews.refused.notOpen' : null);

// ---------------------------------------------------------------------------------------------
// Completeness and costs

export const REQUIRED_ATTACHMENTS: Record<CaseKind, AttachmentKind[]> = {
  project: ['concept_note', 'business_case', 'requirements'],
  change: ['concept_note', 'requirements'],
  document: [],
};

export const COST_YEARS = 5;
/** A trillion shillings a year is far beyond any project: larger figures are typing mistakes. */
export const MAX_YEAR_TZS = 1_000_000_000_000;

export interface ProposalFacts {
  systemName: string;
  problem: string;
  objectives: string;
  capabilities: string[];
  options: string;
  scope: string;
  integrations: string;
  hosting: string | null;
  dataDescription: string;
  standards: string;
  costs: CostYear[];
  capexTotal: number | null;
  opexTotal: number | null;
  fundingSource: string;
  timeline: string;
  benefits: string;
  risks: string;
  usersCount: number | null;
}

/** Problems with the five-year cost table, by field: each year whole shillings, totals equal to the sum. */
export function costProblems(costs: CostYear[], capexTotal: number | null, opexTotal: number | null): Record<string, MessageKey> {
  const problems: Record<string, MessageKey> = {};
  const ok = (v: unknown) => Number.isSafeInteger(v) && (v as number) >= 0 && (v as number) <= MAX_YEAR_TZS;
  costs.forEach((c, i) => {
    if (!ok(c.capex)) problems[`capex${i + 1}`] = 'reviews.field.cost';
    if (!ok(c.opex)) problems[`opex${i + 1}`] = 'reviews.field.cost';
  });
  if (Object.keys(problems).length) return problems;
  const sum = sumCosts(costs);
  if (capexTotal !== null && capexTotal !== sum.capex) problems.capexTotal = 'reviews.field.capexTotal';
  if (opexTotal !== null && opexTotal !== sum.opex) problems.opexTotal = 'reviews.field.opexTotal';
  return problems;
}

export function sumCosts(costs: CostYear[]): { capex: number; opex: number } {
  return costs.reduce((s, c) => ({ capex: s.capex + c.capex, opex: s.opex + c.opex }), { capex: 0, opex: 0 });
}

/** One thing missing before the head may submit: a field to fill or an attachment to add. */
export interface Missing {
  field: string;
  key: MessageKey;
}

/** Everything a proposal still lacks; empty when it may be submitted. */
export function completeness(kind: CaseKind, p: ProposalFacts | null, attached: readonly AttachmentKind[]): Missing[] {
  const out: Missing[] = [];
  if (p) {
    const text: [keyof ProposalFacts, MessageKey][] = [
      ['systemName', 'reviews.missing.systemName'],
      ['problem', 'reviews.missing.problem'],
      ['objectives', 'reviews.missing.objectives'],
      ['options', 'reviews.missing.options'],
      ['scope', 'reviews.missing.scope'],
      ['dataDescription', 'reviews.missing.dataDescription'],
      ['standards', 'reviews.missing.standards'],
      ['fundingSource', 'reviews.missing.fundingSource'],
      ['timeline', 'reviews.missing.timeline'],
      ['benefits', 'reviews.missing.benefits'],
      ['risks', 'reviews.missing.risks'],
    ];
    for (const [field, key] of text) if (!String(p[field] ?? '').trim()) out.push({ field, key });
    if (p.capabilities.length === 0) out.push({ field: 'capabilities', key: 'reviews.missing.capabilities' });
    if (!p.hosting) out.push({ field: 'hosting', key: 'reviews.missing.hosting' });
    if (p.usersCount === null) out.push({ field: 'usersCount', key: 'reviews.missing.usersCount' });
    if (p.costs.length !== COST_YEARS || p.capexTotal === null || p.opexTotal === null) out.push({ field: 'capex1', key: 'reviews.missing.costs' });
    else if (Object.keys(costProblems(p.costs, p.capexTotal, p.opexTotal)).length) out.push({ field: 'capexTotal', key: 'reviews.missing.costsAddUp' });
  }
  for (const k of REQUIRED_ATTACHMENTS[kind]) if (!attached.includes(k)) out.push({ field: 'attachment', key: `reviews.missing.attachment.${k}` as MessageKey });
  return out;
}

// ---------------------------------------------------------------------------------------------
// Decisions and conditions

export function decisionProblems(outcome: string, reasons: string, conditions: string[], outcomes: readonly string[]): Record<string, MessageKey> {
  const problems: Record<string, MessageKey> = {};
  if (!outcomes.includes(outcome)) problems.outcome = 'reviews.field.outcome';
  if (!reasons.trim()) problems.reasons = 'reviews.field.reasons';
  const real = conditions.filter((c) => c.trim());
  if (outcome === 'approved_with_conditions' && real.length === 0) problems.conditions = 'reviews.field.conditionsNeeded';
  if (outcome !== 'approved_with_conditions' && real.length > 0) problems.conditions = 'reviews.field.conditionsOnlyWith';
  return problems;
}

/** An approved project may go live (become a portfolio system); a postponed or rejected one may not. */
export const mayGoLive = (outcome: Outcome | null): boolean => outcome === 'approved' || outcome === 'approved_with_conditions';

// ---------------------------------------------------------------------------------------------
// The working-day clock (Tanzania: weekends and the authority's holiday table excluded)

const DAY_MS = 86_400_000;
/** East Africa Time, UTC+3 all year: the calendar day a moment falls on in Dar es Salaam. */
export function localDate(at: Date): string {
  return tanzaniaDate(at);
}
export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}
export function isWorkingDay(day: string, holidays: ReadonlySet<string>): boolean {
  const dow = new Date(`${day}T00:00:00Z`).getUTCDay();
  return dow !== 0 && dow !== 6 && !holidays.has(day);
}

/** A period the clock stood still: from the day a clarification was asked to the day it was answered (null: still open). */
export interface Pause {
  from: string;
  to: string | null;
}

/** Whether the clock stood still on `day`: days after the question up to and including the answer's day. */
function paused(day: string, pauses: readonly Pause[]): boolean {
  return pauses.some((p) => day > p.from && (p.to === null || day <= p.to));
}

/** Working days counted from `start` (not counted itself) to `today` (counted), skipping pauses. */
export function workingDaysUsed(start: string, today: string, holidays: ReadonlySet<string>, pauses: readonly Pause[] = []): number {
  let n = 0;
  for (let d = addDays(start, 1); d <= today; d = addDays(d, 1)) if (isWorkingDay(d, holidays) && !paused(d, pauses)) n++;
  return n;
}

/**
 * The day the `days`-th working day ends, counted from `start`, skipping weekends, holidays and the
 * days the clock stood still; null while a clarification is open (the deadline is not known yet).
 */
export function dueDate(start: string, days: number, holidays: ReadonlySet<string>, pauses: readonly Pause[] = []): string | null {
  if (pauses.some((p) => p.to === null)) return null;
  let n = 0;
  let d = start;
  for (let guard = 0; guard < 3 * 366 && n < days; guard++) {
    d = addDays(d, 1);
    if (isWorkingDay(d, holidays) && !paused(d, pauses)) n++;
  }
  return d;
}

/** Reminder before the deadline, escalation after it: what the daily job should send now, if anything. */
export function slaAction(c: { due: string | null; today: string; reminded: boolean; escalated: boolean; holidays: ReadonlySet<string> }, remindDays = 3): 'remind' | 'escalate' | null {
  if (!c.due) return null;
  if (c.today > c.due) return c.escalated ? null : 'escalate';
  const left = c.today === c.due ? 0 : workingDaysUsed(c.today, c.due, c.holidays);
  return !c.reminded && left <= remindDays ? 'remind' : null;
}

// ---------------------------------------------------------------------------------------------
// Checklist score

const POINTS: Record<Rating, number> = { green: 1, amber: 0.5, red: 0 };

/** Weighted score of the rated criteria, 0–100 (green 1, amber ½, red 0); null when nothing is rated. */
export function checklistScore(criteria: readonly { code: string; weight: number }[], ratings: readonly { criterion: string; rating: Rating }[]): number | null {
  const weight = new Map(criteria.map((c) => [c.code, c.weight]));
  let got = 0;
  let possible = 0;
  for (const r of ratings) {
    const w = weight.get(r.criterion);
    if (w === undefined) continue;
    got += w * POINTS[r.rating];
    possible += w;
  }
  return possible === 0 ? null : Math.round((got / possible) * 1000) / 10;
}

// ---------------------------------------------------------------------------------------------
// Value for money

/**
 * What using the shared system instead would cost an institution over five years: joining it once
 * (configuration, data migration, training) and a yearly share of running it. These are the
 * authority's planning figures, shown with every score so anyone can redo the sum.
 */
export const SHARED_ALTERNATIVE = { onboardingTzs: 25_000_000, yearlyTzs: 6_000_000 };

export interface VfmInputs {
  costs: CostYear[];
  usersCount: number | null;
  /** The best overlap with a shared system found by the screening (0–1), or null. */
  sharedOverlap: number | null;
  /** The best overlap with another institution's own system, or null. */
  otherOverlap: number | null;
}

export interface Vfm {
  tco: number;
  capex: number;
  opex: number;
  costPerUser: number | null;
  sharedAlternative: number | null;
  /** What the shared alternative would save (TZS), when there is one and it is cheaper. */
  saving: number | null;
  score: number;
  /** Each deduction from 100 with its reason, so the score is transparent. */
  deductions: { key: MessageKey; points: number }[];
}

export function valueForMoney(i: VfmInputs): Vfm {
  const { capex, opex } = sumCosts(i.costs);
  const tco = capex + opex;
  const costPerUser = i.usersCount && i.usersCount > 0 ? Math.round(tco / i.usersCount) : null;
  const sharedAlternative = i.sharedOverlap !== null ? SHARED_ALTERNATIVE.onboardingTzs + COST_YEARS * SHARED_ALTERNATIVE.yearlyTzs : null;
  const saving = sharedAlternative !== null && tco > sharedAlternative ? tco - sharedAlternative : null;
  const deductions: Vfm['deductions'] = [];
  if (saving !== null && tco > 0) deductions.push({ key: 'reviews.vfm.d.shared', points: Math.round(40 * (saving / tco)) });
  if (i.otherOverlap !== null && i.otherOverlap >= 0.65) deductions.push({ key: 'reviews.vfm.d.duplicate', points: 20 });
  if (costPerUser !== null && costPerUser > 1_000_000) deductions.push({ key: 'reviews.vfm.d.perUser', points: 15 });
  if (costPerUser === null) deductions.push({ key: 'reviews.vfm.d.noUsers', points: 10 });
  if (tco > 0 && opex / tco > 0.6) deductions.push({ key: 'reviews.vfm.d.opex', points: 10 });
  const score = Math.max(0, 100 - deductions.reduce((s, d) => s + d.points, 0));
  return { tco, capex, opex, costPerUser, sharedAlternative, saving, score, deductions };
}

// ---------------------------------------------------------------------------------------------
// What changed since the last submission

export interface FieldChange {
  field: string;
  from: string;
  to: string;
}

const show = (v: unknown): string => (v === null || v === undefined ? '' : Array.isArray(v) || typeof v === 'object' ? JSON.stringify(v) : String(v));

/** The fields whose value differs between two snapshots of a case, in the order of `next`. */
export function changesBetween(prev: Record<string, unknown>, next: Record<string, unknown>): FieldChange[] {
  const out: FieldChange[] = [];
  for (const k of new Set([...Object.keys(next), ...Object.keys(prev)])) {
    const a = show(prev[k]);
    const b = show(next[k]);
    if (a !== b) out.push({ field: k, from: a, to: b });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Institutional documents

/**
 * Clauses from the text an institution pastes: a line starting with a number such as "1", "2.3" or
 * "4.1.2" begins a clause; other lines continue the one before. Text before the first number is
 * clause "0".
 */
export function parseClauses(text: string, max = 400): Clause[] {
  const out: Clause[] = [];
  for (const raw of text.replace(/\r\n?/g, '\n').split('\n')) {
    const line = raw.trim();
    if (!line) continue;
    const m = /^(\d{1,3}(?:\.\d{1,3}){0,3})[.)]?\s+(.+)$/.exec(line);
    if (m) out.push({ number: m[1], text: m[2].slice(0, 4000) });
    else if (out.length) out[out.length - 1].text = `${out[out.length - 1].text} ${line}`.slice(0, 4000);
    else out.push({ number: '0', text: line.slice(0, 4000) });
    if (out.length >= max) break;
  }
  return out;
}

export const clausesText = (clauses: readonly Clause[]): string => clauses.map((c) => `${c.number} ${c.text}`).join('\n');

// ---------------------------------------------------------------------------------------------
// Requirements that will apply to the resulting system (compliance_requirements.conditions)

export interface RequirementConditions {
  institutionTypes?: string[];
  sectors?: string[];
  system?: { publicFacing?: boolean; personalData?: boolean; integrates?: boolean; govesb?: boolean; hosting?: string[]; lifecycle?: string[] };
}

export interface PlannedSystem {
  institutionType: string;
  sector: string;
  personalData: boolean;
  govesb: boolean;
  integrates: boolean;
  publicFacing: boolean;
  hosting: string | null;
}

/** Whether a system requirement's conditions take in the planned system; absent keys do not restrict. */
export function requirementApplies(c: RequirementConditions, s: PlannedSystem): boolean {
  if (c.institutionTypes?.length && !c.institutionTypes.includes(s.institutionType)) return false;
  if (c.sectors?.length && !c.sectors.includes(s.sector)) return false;
  const sys = c.system ?? {};
  for (const k of ['publicFacing', 'personalData', 'integrates', 'govesb'] as const) if (sys[k] !== undefined && sys[k] !== s[k]) return false;
  if (sys.hosting?.length && (!s.hosting || !sys.hosting.includes(s.hosting))) return false;
  // A planned system will be built: requirements limited to other lifecycle stages still apply once it is live.
  if (sys.lifecycle?.length && !sys.lifecycle.some((l) => l === 'planned' || l === 'development' || l === 'production')) return false;
  return true;
}

// ---------------------------------------------------------------------------------------------
// A proposal as written (form, API): checked and cleaned. Drafts may be incomplete; what is there must be right.

export interface ProposalInput {
  title: string;
  systemName?: string;
  problem?: string;
  objectives?: string;
  capabilities?: string[];
  options?: string;
  scope?: string;
  integrations?: string;
  govesb?: boolean;
  hosting?: string | null;
  dataDescription?: string;
  personalData?: boolean;
  standards?: string;
  usersCount?: number | null;
  costs?: { capex: number | null; opex: number | null }[];
  capexTotal?: number | null;
  opexTotal?: number | null;
  fundingSource?: string;
  timeline?: string;
  benefits?: string;
  risks?: string;
}

export const HOSTING_CHOICES = ['govdc', 'gov_cloud', 'commercial_cloud', 'on_premises'] as const;

const tidy = (v: string | undefined | null, max: number) => (v ?? '').replace(/\r\n?/g, '\n').replace(/\u0000/g, '').trim().slice(0, max);

export type ProposalValues = Omit<ProposalFacts, 'hosting'> & { title: string; govesb: boolean; personalData: boolean; hosting: (typeof HOSTING_CHOICES)[number] | null };

export function checkProposal(input: ProposalInput, knownCapabilities: ReadonlySet<string>): { values: ProposalValues } | { problems: Record<string, MessageKey> } {
  const problems: Record<string, MessageKey> = {};
  const title = tidy(input.title, 300).replace(/\s+/g, ' ');
  if (!title) problems.title = 'reviews.field.title';
  const capabilities = [...new Set((input.capabilities ?? []).map((c) => c.trim().toUpperCase()).filter(Boolean))].slice(0, 20);
  if (capabilities.some((c) => !knownCapabilities.has(c))) problems.capabilities = 'reviews.field.capabilities';
  const hosting = input.hosting || null;
  if (hosting && !(HOSTING_CHOICES as readonly string[]).includes(hosting)) problems.hosting = 'reviews.field.hosting';
  const usersCount = input.usersCount ?? null;
  if (usersCount !== null && !(Number.isSafeInteger(usersCount) && usersCount >= 0 && usersCount <= 100_000_000)) problems.usersCount = 'reviews.field.usersCount';
  const rows = input.costs ?? [];
  const anyCost = rows.some((r) => r.capex !== null || r.opex !== null) || input.capexTotal != null || input.opexTotal != null;
  const costs: CostYear[] = anyCost ? Array.from({ length: COST_YEARS }, (_, i) => ({ year: i + 1, capex: rows[i]?.capex ?? 0, opex: rows[i]?.opex ?? 0 })) : [];
  const capexTotal = input.capexTotal ?? null;
  const opexTotal = input.opexTotal ?? null;
  Object.assign(problems, costProblems(costs, capexTotal, opexTotal));
  for (const [k, v] of [['capexTotal', capexTotal], ['opexTotal', opexTotal]] as const) if (v !== null && !(Number.isSafeInteger(v) && v >= 0 && v <= COST_YEARS * MAX_YEAR_TZS)) problems[k] = 'reviews.field.cost';
  if (Object.keys(problems).length) return { problems };
  return {
    values: {
      title,
      systemName: tidy(input.systemName, 200).replace(/\s+/g, ' '),
      problem: tidy(input.problem, 4000),
      objectives: tidy(input.objectives, 4000),
      capabilities,
      options: tidy(input.options, 4000),
      scope: tidy(input.scope, 4000),
      integrations: tidy(input.integrations, 4000),
      govesb: !!input.govesb,
      hosting: hosting as ProposalValues['hosting'],
      dataDescription: tidy(input.dataDescription, 4000),
      personalData: !!input.personalData,
      standards: tidy(input.standards, 4000),
      usersCount,
      costs,
      capexTotal,
      opexTotal,
      fundingSource: tidy(input.fundingSource, 1000),
      timeline: tidy(input.timeline, 2000),
      benefits: tidy(input.benefits, 4000),
      risks: tidy(input.risks, 4000),
    },
  };
}
