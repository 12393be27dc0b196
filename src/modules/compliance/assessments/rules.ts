// Pure rules of cycles, self-assessment, evidence and sign-off: which requirements apply to an
// institution and its systems, when answers may be edited, what a valid answer, cycle and piece of
// evidence is, what is missing before sign-off, and the canonical content the head signs. No database.
import crypto from 'node:crypto';
import type { MessageKey } from '../../../messages.ts';
import { isCalendarDate } from '../../../platform/input.ts';
import { canonical } from '../../../platform/audit.ts';
import { RESULTS, type AssessmentStatus, type Conditions, type Obligation, type Result, type ReviewStatus } from '../schema.ts';
import { tanzaniaDate } from '../../../platform/calendar.ts';

// ── Applicability ────────────────────────────────────────────────────────────────────────────────

export interface InstitutionFacts {
  type: string;
  sector: string;
}

/** What the portfolio registry says about one system, as conditions name it. */
export interface SystemFacts {
  /** Has an e-service whose audience includes citizens or businesses. */
  publicFacing: boolean;
  personalData: boolean;
  /** Exchanges data with a system of another institution. */
  integrates: boolean;
  govesb: boolean;
  hosting: string;
  lifecycle: string;
}

const within = (list: string[] | undefined, value: string) => !list || list.length === 0 || list.includes(value);

/**
 * Whether a requirement with these conditions applies to the institution (and, when given, to one of
 * its systems). Absent keys do not restrict. Without systemFacts only the institution conditions count.
 */
export function applies(conditions: Conditions, institution: InstitutionFacts, systemFacts?: SystemFacts): boolean {
  if (!within(conditions.institutionTypes, institution.type)) return false;
  if (!within(conditions.sectors, institution.sector)) return false;
  const s = conditions.system;
  if (!s || !systemFacts) return true;
  for (const k of ['publicFacing', 'personalData', 'integrates', 'govesb'] as const) {
    if (s[k] !== undefined && s[k] !== systemFacts[k]) return false;
  }
  return within(s.hosting, systemFacts.hosting) && within(s.lifecycle, systemFacts.lifecycle);
}

/** Whether system conditions are present at all (then an institution requirement needs one such system). */
const hasSystemConditions = (c: Conditions) => !!c.system && Object.values(c.system).some((v) => v !== undefined && !(Array.isArray(v) && v.length === 0));

/**
 * The targets a requirement is answered for in one institution: [null] for an institution requirement
 * that applies (one whose system conditions need at least one such system), the applicable systems'
 * ids for a system requirement, [] when nothing applies. Retired systems are left out by the caller.
 */
export function answerTargets(
  req: { appliesTo: 'institution' | 'system'; conditions: Conditions },
  institution: InstitutionFacts,
  systems: (SystemFacts & { id: string })[],
): (string | null)[] {
  if (!applies(req.conditions, institution)) return [];
  if (req.appliesTo === 'system') return systems.filter((s) => applies(req.conditions, institution, s)).map((s) => s.id);
  if (!hasSystemConditions(req.conditions)) return [null];
  return systems.some((s) => applies(req.conditions, institution, s)) ? [null] : [];
}

// ── State machine ────────────────────────────────────────────────────────────────────────────────

/** Why an answer may not be edited now (409), or null. */
export function answerLocked(assessment: AssessmentStatus, review: ReviewStatus): MessageKey | null {
  if (assessment === 'open') return null;
  if (assessment === 'returned' && review === 'returned') return null;
  if (assessment === 'returned') return 'assessments.locked.notReturned';
  return 'assessments.locked.signedOff';
}

/** Whether any answer of the assessment could be edited (the questionnaire shows forms). */
export const assessmentEditable = (status: AssessmentStatus) => status === 'open' || status === 'returned';

/** Why the head may not sign off now (409), or null. */
export function signOffRefusal(status: AssessmentStatus, submissionDue: string, today: string): MessageKey | null {
  if (!assessmentEditable(status)) return 'assessments.locked.signedOff';
  if (today > submissionDue) return 'assessments.signOff.late';
  return null;
}

/** Answers are accepted until the end of the submission day (the authority's calendar, Africa/Dar_es_Salaam). */
export function todayInTanzania(now: Date = new Date()): string {
  return tanzaniaDate(now);
}

// ── Answers ──────────────────────────────────────────────────────────────────────────────────────

export const isResult = (v: unknown): v is Result => RESULTS.includes(v as Result);

export interface AnswerValues {
  result: Result | null;
  justification: string;
  comment: string;
}

export const TEXT_MAX = 4000;

/** Field problems of an answer; empty when it may be saved. An empty result clears the answer. */
export function answerProblems(input: { result: string; justification: string; comment: string }): Record<string, MessageKey> {
  const problems: Record<string, MessageKey> = {};
  if (input.result !== '' && !isResult(input.result)) problems.result = 'assessments.field.result';
  if (input.result === 'not_applicable' && !input.justification.trim()) problems.justification = 'assessments.field.justification';
  if (input.justification.length > TEXT_MAX) problems.justification = 'assessments.field.tooLong';
  if (input.comment.length > TEXT_MAX) problems.comment = 'assessments.field.tooLong';
  return problems;
}

export function answerValues(input: { result: string; justification: string; comment: string }): AnswerValues {
  return { result: isResult(input.result) ? input.result : null, justification: input.justification.trim(), comment: input.comment.trim() };
}

// ── Completeness ─────────────────────────────────────────────────────────────────────────────────

export const GAPS = ['unanswered', 'carriedUnconfirmed', 'naWithoutJustification', 'nonCompliantWithoutComment'] as const;
export type Gap = (typeof GAPS)[number];

export interface CompletenessItem {
  answerId: string;
  result: Result | null;
  justification: string;
  comment: string;
  obligation: Obligation;
  /** Pre-filled from an earlier cycle and not yet confirmed or changed. */
  unconfirmed: boolean;
}

/** What is missing before the head may sign off, per answer (empty: complete). */
export function completenessGaps(items: CompletenessItem[]): { answerId: string; gap: Gap }[] {
  const out: { answerId: string; gap: Gap }[] = [];
  for (const a of items) {
    if (!a.result) out.push({ answerId: a.answerId, gap: 'unanswered' });
    else if (a.unconfirmed) out.push({ answerId: a.answerId, gap: 'carriedUnconfirmed' });
    else if (a.result === 'not_applicable' && !a.justification.trim()) out.push({ answerId: a.answerId, gap: 'naWithoutJustification' });
    else if (a.obligation === 'mandatory' && (a.result === 'non_compliant' || a.result === 'partial') && !a.comment.trim()) out.push({ answerId: a.answerId, gap: 'nonCompliantWithoutComment' });
  }
  return out;
}

// ── Cycles ───────────────────────────────────────────────────────────────────────────────────────

export interface CycleInput {
  code: string;
  nameSw: string;
  nameEn: string;
  submissionDue: string;
  reviewDue: string;
  challengeUntil: string;
}

const CODE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/;

export function cycleProblems(input: CycleInput, today: string, scope: { requirements: number }): Record<string, MessageKey> {
  const p: Record<string, MessageKey> = {};
  if (!CODE.test(input.code.trim())) p.code = 'assessments.cycle.field.code';
  if (!input.nameSw.trim() || input.nameSw.length > 200) p.nameSw = 'assessments.cycle.field.name';
  if (!input.nameEn.trim() || input.nameEn.length > 200) p.nameEn = 'assessments.cycle.field.name';
  if (!isCalendarDate(input.submissionDue)) p.submissionDue = 'assessments.cycle.field.date';
  else if (input.submissionDue < today) p.submissionDue = 'assessments.cycle.field.past';
  if (!isCalendarDate(input.reviewDue)) p.reviewDue = 'assessments.cycle.field.date';
  else if (isCalendarDate(input.submissionDue) && input.reviewDue < input.submissionDue) p.reviewDue = 'assessments.cycle.field.order';
  if (!isCalendarDate(input.challengeUntil)) p.challengeUntil = 'assessments.cycle.field.date';
  else if (isCalendarDate(input.reviewDue) && input.challengeUntil < input.reviewDue) p.challengeUntil = 'assessments.cycle.field.order';
  if (scope.requirements === 0) p.standards = 'assessments.cycle.field.noRequirements';
  return p;
}

// ── Evidence ─────────────────────────────────────────────────────────────────────────────────────

export const EVIDENCE_KINDS = ['pdf', 'docx', 'xlsx', 'png', 'jpg'] as const;

export function evidenceProblems(input: { title: string; expiresOn: string; url?: string; hasFile: boolean }): Record<string, MessageKey> {
  const p: Record<string, MessageKey> = {};
  const title = input.title.trim();
  if (!title || title.length > 200) p.title = 'assessments.evidence.field.title';
  if (input.expiresOn && !isCalendarDate(input.expiresOn)) p.expiresOn = 'assessments.evidence.field.expiresOn';
  const url = input.url?.trim() ?? '';
  if (input.hasFile && url) p.url = 'assessments.evidence.field.fileOrLink';
  else if (!input.hasFile && !url) p.file = 'assessments.evidence.field.fileOrLink';
  else if (url && !isWebLink(url)) p.url = 'assessments.evidence.field.url';
  return p;
}

export function isWebLink(v: string): boolean {
  if (v.length > 2000) return false;
  try {
    const u = new URL(v);
    return (u.protocol === 'https:' || u.protocol === 'http:') && !!u.hostname;
  } catch {
    return false;
  }
}

/** Whether evidence expiring on this day is within the warning window (30 days) of today. */
export function expiresSoon(expiresOn: string | null, today: string, days = 30): boolean {
  if (!expiresOn) return false;
  const limit = new Date(Date.parse(`${today}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
  return expiresOn >= today && expiresOn <= limit;
}

// ── Attestation (canonical JSON: platform/audit.ts, sorted keys) ──────────────────────────────────────────────────────────────────────────────────

export const sha256Hex = (text: string) => crypto.createHash('sha256').update(text, 'utf8').digest('hex');

export interface AttestedAnswer {
  requirement: string;
  version: number;
  system: string | null;
  result: Result | null;
  justification: string;
  comment: string;
  evidence: string[];
}

export interface AttestationContent {
  assessment: string;
  cycle: string;
  institution: string;
  signer: { id: string; name: string };
  signedAt: string;
  answers: AttestedAnswer[];
}

/** The content the head signs, in a fixed order (by requirement ref, then system code), and its hash. */
export function attestationOf(content: AttestationContent): { content: AttestationContent; sha256: string } {
  const answers = [...content.answers]
    .map((a) => ({ ...a, evidence: [...a.evidence].sort() }))
    .sort((x, y) => x.requirement.localeCompare(y.requirement, 'en') || (x.system ?? '').localeCompare(y.system ?? '', 'en'));
  const fixed = { ...content, answers };
  return { content: fixed, sha256: sha256Hex(canonical(fixed)) };
}

/** Whether the answers as they are now are exactly the ones attested (signer and time aside). */
export function sameAnswers(attested: AttestedAnswer[], current: AttestedAnswer[]): boolean {
  const norm = (list: AttestedAnswer[]) => attestationOf({ assessment: '', cycle: '', institution: '', signer: { id: '', name: '' }, signedAt: '', answers: list }).sha256;
  return norm(attested) === norm(current);
}
