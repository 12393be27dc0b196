// The rules of requirements, without a database: how clauses are numbered and referred to, which
// words make a clause an obligation, what a clause applies to, how a new edition's clauses compare
// with the document's current requirements, what applying a decided candidate does, and what a
// valid decision and valid applicability conditions are.
import type { MessageKey } from '../../../messages.ts';
import { isCalendarDate } from '../../../platform/input.ts';
import type { Section } from '../../library/index.ts';
import { INSTITUTION_TYPES } from '../../reference/index.ts';
import { HOSTINGS, LIFECYCLES } from '../../portfolio/index.ts';
import { APPLIES_TO, OBLIGATIONS, type AppliesTo, type Change, type Conditions, type Obligation } from '../schema.ts';

export const MAX_REQUIREMENT_TEXT = 20_000;
export const MAX_REASON = 1000;

/** A clause of an edition with the number the library shows for it (section.clause, e.g. "3.3"). */
export interface NumberedClause {
  id: string;
  number: string;
  textSw: string;
  textEn: string;
}

/** The clauses of an edition in order, numbered as the library numbers them; clauses empty in both languages are left out. */
export function numberedClauses(content: Section[]): NumberedClause[] {
  const out: NumberedClause[] = [];
  content.forEach((s, i) =>
    s.clauses.forEach((c, j) => {
      if (c.textSw.trim() || c.textEn.trim()) out.push({ id: c.id, number: `${i + 1}.${j + 1}`, textSw: c.textSw.trim(), textEn: c.textEn.trim() });
    }),
  );
  return out;
}

/** A requirement's stable reference: the document code and the clause number, e.g. "eGA/EXT/ISA/001 §3.3". */
export function requirementRef(documentCode: string, clauseNumber: string): string {
  return `${documentCode} §${clauseNumber}`;
}

// Word lists. Kiswahili verbs take a subject prefix (i-, a-, wa-, zi-, li-, ya-, u-…), so the stems
// are matched after an optional prefix of up to three letters.
const MANDATORY = [/\bshall\b/i, /\bmust\b/i, /(?<![\p{L}])lazima(?![\p{L}])/iu, /(?<![\p{L}])\p{L}{0,3}tahakikisha(?![\p{L}])/iu];
const RECOMMENDED = [/\bshould\b/i, /(?<![\p{L}])\p{L}{0,3}napaswa(?![\p{L}])/iu, /(?<![\p{L}])\p{L}{0,2}ngefaa(?![\p{L}])/iu];

/**
 * The obligation a clause's words express: mandatory ("shall", "must", "lazima", "itahakikisha")
 * wins over recommended ("should", "inapaswa", "ingefaa"); null when neither language has one.
 */
export function detectObligation(textEn: string, textSw: string): Obligation | null {
  const text = `${textEn}\n${textSw}`;
  if (MANDATORY.some((w) => w.test(text))) return 'mandatory';
  if (RECOMMENDED.some((w) => w.test(text))) return 'recommended';
  return null;
}

/** Each system when the clause speaks of systems ("system", "mfumo", "mifumo"), else the institution. */
export function detectAppliesTo(textEn: string, textSw: string): AppliesTo {
  return /\bsystems?\b/i.test(textEn) || /(?<![\p{L}])mi?fumo(?![\p{L}])/iu.test(textSw) ? 'system' : 'institution';
}

const norm = (s: string) => s.replace(/\s+/g, ' ').trim();

/** Whether two texts say the same (whitespace aside), in both languages. */
export function sameText(a: { textSw: string; textEn: string }, b: { textSw: string; textEn: string }): boolean {
  return norm(a.textSw) === norm(b.textSw) && norm(a.textEn) === norm(b.textEn);
}

/** What a requirement says and to whom it applies, as a requirement and a candidate both carry it. */
export interface RequirementFields {
  id: string;
  ref: string;
  clauseNumber: string;
  textSw: string;
  textEn: string;
  obligation: Obligation;
  groupCode: string | null;
  appliesTo: AppliesTo;
  conditions: Conditions;
}

/** A current requirement of the document, with the text of the clause it was taken from (in its edition). */
export interface CurrentRequirement extends RequirementFields {
  clauseId: string;
  /** The clause as its edition has it; null when that clause cannot be found any more. */
  source: { textSw: string; textEn: string } | null;
}

export interface PlannedCandidate {
  clauseId: string | null;
  clauseNumber: string | null;
  ref: string;
  textSw: string;
  textEn: string;
  obligation: Obligation | null;
  groupCode: string | null;
  appliesTo: AppliesTo | null;
  conditions: Conditions;
  change: Change;
  requirementId: string | null;
  position: number;
}

/**
 * Compares a new edition's clauses with the document's current requirements, clause by clause.
 * A requirement follows its clause by the clause's stable id (a new edition copies its
 * predecessor's ids), or failing that by its number. A matched clause is "changed" when its text
 * or the obligation its words express differ from the clause the requirement was taken from (so an
 * author's earlier edits to a requirement are not mistaken for changes); a requirement whose clause
 * is gone is "removed". A matched candidate keeps the requirement's ref, group, scope and
 * conditions; an unchanged one keeps its text too. A new clause's ref is document code § number,
 * made unique against `takenRefs` (lower case) when a requirement elsewhere already uses it.
 */
export function planCandidates(p: { documentCode: string; groupCode: string | null; clauses: NumberedClause[]; current: CurrentRequirement[]; takenRefs: Set<string> }): PlannedCandidate[] {
  const byClause = new Map(p.current.map((r) => [r.clauseId, r]));
  const matched = new Set<string>();
  const pairs = p.clauses.map((c) => {
    const r = byClause.get(c.id);
    if (r && !matched.has(r.id)) {
      matched.add(r.id);
      return { c, r };
    }
    return { c, r: undefined as CurrentRequirement | undefined };
  });
  for (const pair of pairs) {
    if (pair.r) continue;
    const r = p.current.find((x) => !matched.has(x.id) && x.clauseNumber === pair.c.number && !p.clauses.some((c) => c.id === x.clauseId));
    if (r) {
      matched.add(r.id);
      pair.r = r;
    }
  }
  const refs = new Set([...p.takenRefs]);
  const out: PlannedCandidate[] = [];
  for (const { c, r } of pairs) {
    const detected = detectObligation(c.textEn, c.textSw);
    if (r) {
      const before = r.source ?? r;
      const changed = !sameText(before, c) || (detectObligation(before.textEn, before.textSw) ?? r.obligation) !== (detected ?? r.obligation);
      out.push({
        clauseId: c.id,
        clauseNumber: c.number,
        ref: r.ref,
        textSw: changed ? c.textSw : r.textSw,
        textEn: changed ? c.textEn : r.textEn,
        obligation: changed ? (detected ?? r.obligation) : r.obligation,
        groupCode: r.groupCode,
        appliesTo: r.appliesTo,
        conditions: r.conditions,
        change: changed ? 'changed' : 'unchanged',
        requirementId: r.id,
        position: out.length,
      });
      continue;
    }
    let ref = requirementRef(p.documentCode, c.number);
    for (let n = 2; refs.has(ref.toLowerCase()); n++) ref = `${requirementRef(p.documentCode, c.number)} (${n})`;
    refs.add(ref.toLowerCase());
    out.push({ clauseId: c.id, clauseNumber: c.number, ref, textSw: c.textSw, textEn: c.textEn, obligation: detected, groupCode: p.groupCode, appliesTo: detectAppliesTo(c.textEn, c.textSw), conditions: {}, change: 'added', requirementId: null, position: out.length });
  }
  for (const r of p.current) {
    if (matched.has(r.id)) continue;
    out.push({ clauseId: null, clauseNumber: null, ref: r.ref, textSw: r.textSw, textEn: r.textEn, obligation: r.obligation, groupCode: r.groupCode, appliesTo: r.appliesTo, conditions: r.conditions, change: 'removed', requirementId: r.id, position: out.length });
  }
  return out;
}

/** What applying a candidate does: a new requirement, a new version, the same requirement on the new edition, a retirement, nothing, or (undecided) blocks the apply. */
export type Outcome = 'added' | 'changed' | 'unchanged' | 'retired' | 'skipped' | 'undecided';
export const OUTCOMES: readonly Outcome[] = ['unchanged', 'changed', 'added', 'retired', 'skipped', 'undecided'];

/**
 * The outcome of a decided candidate. Rejecting a clause that was a requirement retires it (the
 * author decided it is no longer one); confirming a removed one retires it. A confirmed candidate
 * of an existing requirement is "changed" exactly when its final text or obligation differ from the
 * requirement's (a change of group, scope or conditions alone keeps the version).
 */
export function outcomeOf(c: { change: Change; decision: 'proposed' | 'confirmed' | 'rejected'; textSw: string; textEn: string; obligation: Obligation | null }, current?: { textSw: string; textEn: string; obligation: Obligation }): Outcome {
  if (c.decision === 'proposed') return 'undecided';
  if (c.change === 'removed') return 'retired';
  if (c.change === 'added' || !current) return c.decision === 'confirmed' ? 'added' : 'skipped';
  if (c.decision === 'rejected') return 'retired';
  return sameText(c, current) && c.obligation === current.obligation ? 'unchanged' : 'changed';
}

/** Candidates grouped by outcome, in the order of OUTCOMES. */
export function bucketsOf<T>(items: T[], outcome: (x: T) => Outcome): Record<Outcome, T[]> {
  const out = Object.fromEntries(OUTCOMES.map((o) => [o, [] as T[]])) as Record<Outcome, T[]>;
  for (const x of items) out[outcome(x)].push(x);
  return out;
}

/** The requirement a confirmed candidate becomes, as the author left it. */
export interface CandidateEdits {
  textSw?: string;
  textEn?: string;
  obligation?: string | null;
  groupCode?: string | null;
  appliesTo?: string | null;
  conditions?: Conditions;
}

/** Field problems of confirming a candidate with these final values (empty when it may be confirmed). */
export function confirmProblems(v: { textSw: string; textEn: string; obligation: string | null; appliesTo: string | null; groupCode: string | null; conditions: Conditions }, groups: readonly string[]): Record<string, MessageKey> {
  const e: Record<string, MessageKey> = {};
  if (!v.textSw.trim() && !v.textEn.trim()) e.textEn = 'compliance.req.field.text';
  if (v.textSw.length > MAX_REQUIREMENT_TEXT) e.textSw = 'compliance.req.field.textLong';
  if (v.textEn.length > MAX_REQUIREMENT_TEXT) e.textEn = 'compliance.req.field.textLong';
  if (!v.obligation || !OBLIGATIONS.includes(v.obligation as Obligation)) e.obligation = 'compliance.req.field.obligation';
  if (!v.appliesTo || !APPLIES_TO.includes(v.appliesTo as AppliesTo)) e.appliesTo = 'compliance.req.field.appliesTo';
  if (v.groupCode && !groups.includes(v.groupCode)) e.groupCode = 'compliance.req.field.group';
  Object.assign(e, conditionsProblems(v.conditions));
  return e;
}

/** A reason is needed to reject: it tells the next author why the clause is not a requirement. */
export function rejectProblems(reason: string | undefined): Record<string, MessageKey> {
  const r = reason?.trim() ?? '';
  if (r.length < 3) return { reason: 'compliance.req.field.reason' };
  if (r.length > MAX_REASON) return { reason: 'compliance.req.field.reasonLong' };
  return {};
}

const MAX_LIST = 50;

/** Problems of applicability conditions: only known institution types, hostings and lifecycle stages; short sector names. */
export function conditionsProblems(c: Conditions): Record<string, MessageKey> {
  const e: Record<string, MessageKey> = {};
  const list = (v: unknown) => v === undefined || (Array.isArray(v) && v.length <= MAX_LIST && v.every((x) => typeof x === 'string'));
  if (!list(c.institutionTypes) || c.institutionTypes?.some((t) => !(INSTITUTION_TYPES as readonly string[]).includes(t))) e.cond_institutionTypes = 'compliance.req.field.conditions';
  if (!list(c.sectors) || c.sectors?.some((s) => !s.trim() || s.length > 80)) e.cond_sectors = 'compliance.req.field.sectors';
  const s = c.system;
  if (s !== undefined) {
    for (const k of ['publicFacing', 'personalData', 'integrates', 'govesb'] as const) if (s[k] !== undefined && typeof s[k] !== 'boolean') e[`cond_${k}`] = 'compliance.req.field.conditions';
    if (!list(s.hosting) || s.hosting?.some((h) => !(HOSTINGS as readonly string[]).includes(h))) e.cond_hosting = 'compliance.req.field.conditions';
    if (!list(s.lifecycle) || s.lifecycle?.some((h) => !(LIFECYCLES as readonly string[]).includes(h))) e.cond_lifecycle = 'compliance.req.field.conditions';
  }
  return e;
}

/** Conditions without empty lists and unset flags, so "no restriction" is always `{}`. */
export function tidyConditions(c: Conditions): Conditions {
  const out: Conditions = {};
  if (c.institutionTypes?.length) out.institutionTypes = [...new Set(c.institutionTypes)];
  if (c.sectors?.length) out.sectors = [...new Set(c.sectors.map((s) => s.trim()).filter(Boolean))];
  const s = c.system ?? {};
  const sys: NonNullable<Conditions['system']> = {};
  for (const k of ['publicFacing', 'personalData', 'integrates', 'govesb'] as const) if (typeof s[k] === 'boolean') sys[k] = s[k];
  if (s.hosting?.length) sys.hosting = [...new Set(s.hosting)];
  if (s.lifecycle?.length) sys.lifecycle = [...new Set(s.lifecycle)];
  if (Object.keys(sys).length) out.system = sys;
  return out;
}

/** A transition deadline is a date from today on. */
export function deadlineProblem(deadline: string | undefined, today: string): MessageKey | null {
  if (!deadline || !isCalendarDate(deadline)) return 'compliance.req.field.deadline';
  return deadline < today ? 'compliance.req.field.deadlinePast' : null;
}
