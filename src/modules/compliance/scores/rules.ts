// How compliance is scored, without a database. The SQL that pre-computes scores
// (scores.service.ts) is built from the constants here, so the pure rule and the stored figures
// cannot drift apart; the recompute test checks both give the same numbers.
//
//   weight   mandatory 3, recommended 1 (OBLIGATION_WEIGHT)
//   points   compliant 1, partly compliant 0.5, not compliant 0, not answered 0 (RESULT_POINTS)
//   N/A      excluded from both earned and possible
//   result   the on-site verified result, when there is one, replaces the self-assessed one
//   score    earned / possible × 100, or none when nothing counts (everything not applicable)
import type { Obligation, Result } from '../schema.ts';

/** The weight of a requirement by its obligation: the one place it is set. */
export const OBLIGATION_WEIGHT: Readonly<Record<Obligation, number>> = { mandatory: 3, recommended: 1 };

/** Points per weight unit for each result that counts; an unanswered question earns nothing. */
export const RESULT_POINTS: Readonly<Record<Exclude<Result, 'not_applicable'>, number>> = { compliant: 1, partial: 0.5, non_compliant: 0 };

/** Score bands of the heatmap and reports: at least HIGH is good, at least MEDIUM is partial. */
export const SCORE_BANDS = { high: 80, medium: 50 } as const;
export type Band = 'high' | 'medium' | 'low' | 'none';

export interface ScoredAnswer {
  obligation: Obligation;
  result: Result | null;
  verifiedResult?: Result | null;
  /** Answers to retired requirements are not counted. */
  retired?: boolean;
}

export interface Tally {
  earned: number;
  possible: number;
  /** Questions with a result (not-applicable included). */
  answered: number;
  /** Questions that count: everything except not-applicable. */
  applicable: number;
  score: number | null;
}

/** The result that counts: the verification's when the authority re-scored it on site. */
export function effectiveResult(a: { result: Result | null; verifiedResult?: Result | null }): Result | null {
  return a.verifiedResult ?? a.result;
}

/** Rounds to two decimals, the precision scores are stored with. */
export function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

/** The score of a set of answers, by the rules above. */
export function tally(answers: readonly ScoredAnswer[]): Tally {
  let earned = 0;
  let possible = 0;
  let answered = 0;
  let applicable = 0;
  for (const a of answers) {
    if (a.retired) continue;
    const result = effectiveResult(a);
    if (result !== null) answered++;
    if (result === 'not_applicable') continue;
    const w = OBLIGATION_WEIGHT[a.obligation];
    applicable++;
    possible += w;
    earned += result === null ? 0 : w * RESULT_POINTS[result];
  }
  return { earned, possible, answered, applicable, score: scoreOf(earned, possible) };
}

/** earned / possible × 100 to two decimals; null when nothing counts. */
export function scoreOf(earned: number, possible: number): number | null {
  return possible > 0 ? round2((earned / possible) * 100) : null;
}

export function bandOf(score: number | null | undefined): Band {
  if (score === null || score === undefined) return 'none';
  return score >= SCORE_BANDS.high ? 'high' : score >= SCORE_BANDS.medium ? 'medium' : 'low';
}

/** Only an open cycle can be closed. */
export function closeRefusal(status: string): 'compliance.scores.refused.notOpen' | null {
  return status === 'open' ? null : 'compliance.scores.refused.notOpen';
}

/** A summary is published only for a closed cycle, whose scores are frozen. */
export function publishRefusal(status: string): 'compliance.scores.refused.notClosed' | null {
  return status === 'closed' ? null : 'compliance.scores.refused.notClosed';
}
