// Duplicate and overlap detection over the ICT portfolio (decision 0201). Pure: systems and
// reviewers' decisions in, clusters out. The entry point for the portfolio module: similarity.ts
// holds the index and the pair scorer, clusters.ts the clustering and its reasons; this file adds
// reuse advice for one system being registered.
import type { Reason } from './reasons.ts';
import { reasonsFor, round } from './clusters.ts';
import { accumulate, capabilityAdjustment, effective, features, nameIdsOf, refresh, scorePair, TUNING, vectorOf, type OverlapIndex, type OverlapSystem, type Scored } from './similarity.ts';

export type { Reason, Verdict, Lang } from './reasons.ts';
export { describeReason } from './reasons.ts';
export { addSystem, allPairScores, buildIndex, candidatePairs, removeSystem, takesPart, TUNING, type OverlapIndex, type OverlapSystem } from './similarity.ts';
export { clusterId, detect, type Cluster, type Decision, type DetectResult, type Pair } from './clusters.ts';

export interface Match { id: string; score: number; isShared: boolean; reasons: Reason[] }

// ---------------------------------------------------------------------------------------------
// Reuse advice

/**
 * The shared systems and other institutions' systems that do the job of `candidate` (a system
 * being registered, not necessarily in the index), best first. A use of a shared system needs no
 * advice: it already is reuse.
 */
export function checkOne(
  index: OverlapIndex,
  candidate: OverlapSystem,
  limit = 10,
  minScore = TUNING.adviceThreshold,
): Match[] {
  if (candidate.usesSharedSystemId) return [];
  refresh(index);
  const f = features(candidate);
  const eff = effective(index.learned, f);
  const q: Scored = { sys: candidate, ...vectorOf(index, eff.raw), nameIds: nameIdsOf(index, eff.nameKeys), effNameKeys: eff.nameKeys, nameWords: f.nameWords, acronyms: f.acronyms, initials: f.initials, domains: f.domains };
  const acc = new Float64Array(index.entries.length);
  const touched: number[] = [];
  accumulate(index, q, Infinity, acc, touched);
  // With every posting read, acc[j] is the whole cosine (plus 1 for an acronym match): a system
  // whose cosine and capability adjustment stay under minScore cannot reach it. Reasons are worded
  // for the systems shown only.
  const found: { j: number; score: number; isShared: boolean; id: string }[] = [];
  for (const j of touched) {
    const e = index.entries[j]!;
    if (e.sys.id === candidate.id || e.sys.institutionId === candidate.institutionId) continue;
    if (acc[j] + capabilityAdjustment(q, e) < minScore) continue;
    const s = scorePair(q, e);
    if (s >= minScore) found.push({ j, score: round(s), isShared: e.sys.isShared, id: e.sys.id });
  }
  found.sort((a, b) => b.score - a.score || Number(b.isShared) - Number(a.isShared) || (a.id < b.id ? -1 : 1));
  return found.slice(0, limit).map(({ j, score, isShared, id }) => ({ id, score, isShared, reasons: reasonsFor(index, q, index.entries[j]!) }));
}
