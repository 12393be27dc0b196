// Duplicate and overlap detection over the ICT portfolio (decision 0201). Pure: systems and
// reviewers' decisions in, clusters out. Each system becomes a sparse vector of concepts and
// words (name weighs more than purpose, rare features more than common ones); candidates come
// from an inverted index, never from all pairs; clusters grow by average linkage so that a
// chain of pairwise resemblances does not swallow unrelated systems.
import crypto from 'node:crypto';
import { analyse } from './text.ts';
import type { Reason, Verdict } from './reasons.ts';

export type { Reason, Verdict, Lang } from './reasons.ts';
export { describeReason } from './reasons.ts';

export interface OverlapSystem {
  id: string;
  institutionId: string;
  code: string;
  name: string;
  nameSw?: string | null;
  nameEn?: string | null;
  purpose?: string | null;
  capabilities: string[];
  isShared: boolean;
  usesSharedSystemId: string | null;
  lifecycle: string;
}

export interface Decision { a: string; b: string; verdict: Verdict }
export interface Pair { a: string; b: string; score: number; reasons: Reason[] }
export interface Cluster { id: string; score: number; capability: string | null; members: string[]; pairs: Pair[]; reasons: Reason[] }
export interface Match { id: string; score: number; isShared: boolean; reasons: Reason[] }

/** The weights and thresholds, in one place; the bench reports the values it ran with. */
export const TUNING = {
  nameConcept: 1.0,
  nameWord: 0.7,
  purposeConcept: 0.4,
  purposeWord: 0.2,
  sameCapability: 0.12,
  otherCapabilitySameDomain: -0.04,
  otherDomain: -0.1,
  acronym: 0.3,
  /** A pair at or above this score overlaps. */
  threshold: 0.55,
  /** Two groups join only when their members' average resemblance stays at or above this. */
  linkage: 0.5,
  /** Features in more than this share of systems do not generate candidates (they still score). */
  maxDfShare: 0.05,
  /** Candidates whose partial dot product (rare features only) stays below this are not scored. */
  minPartial: 0.2,
};

interface Entry {
  sys: OverlapSystem;
  raw: Map<string, number>;
  vec: Map<string, number>;
  nameConcepts: Set<string>;
  nameWords: Set<string>;
  acronyms: string[];
  initials: string;
}

export interface OverlapIndex {
  entries: (Entry | null)[];
  byId: Map<string, number>;
  postings: Map<string, number[]>;
  acronymPostings: Map<string, number[]>;
  initialsPostings: Map<string, number[]>;
  active: number;
  stale: boolean;
}

/** Retired systems and uses of a shared system never overlap anything. */
export function takesPart(s: OverlapSystem): boolean {
  return s.lifecycle !== 'retired' && !s.usesSharedSystemId;
}

function features(s: OverlapSystem): Omit<Entry, 'sys' | 'vec'> {
  const raw = new Map<string, number>();
  const put = (f: string, w: number) => raw.set(f, Math.max(raw.get(f) ?? 0, w));
  const nameConcepts = new Set<string>();
  const nameWords = new Set<string>();
  const acronyms = new Set<string>();
  let initials = '';
  for (const text of [s.name, s.nameEn, s.nameSw]) {
    if (!text) continue;
    const a = analyse(text);
    for (const c of a.concepts) (nameConcepts.add(c), put(`c:${c}`, TUNING.nameConcept));
    for (const w of a.words) (nameWords.add(w), put(`w:${w}`, TUNING.nameWord));
    for (const x of a.acronyms) acronyms.add(x);
    if (!initials && a.initials.length >= 3) initials = a.initials;
  }
  if (s.purpose) {
    const a = analyse(s.purpose);
    for (const c of a.concepts) put(`c:${c}`, TUNING.purposeConcept);
    for (const w of a.words) put(`w:${w}`, TUNING.purposeWord);
  }
  return { raw, nameConcepts, nameWords, acronyms: [...acronyms], initials };
}

function push(map: Map<string, number[]>, key: string, i: number) {
  const list = map.get(key);
  if (list) list.push(i);
  else map.set(key, [i]);
}

function pull(map: Map<string, number[]>, key: string, i: number) {
  const list = map.get(key);
  if (!list) return;
  const at = list.indexOf(i);
  if (at >= 0) list.splice(at, 1);
  if (list.length === 0) map.delete(key);
}

export function buildIndex(systems: readonly OverlapSystem[]): OverlapIndex {
  const index: OverlapIndex = {
    entries: [],
    byId: new Map(),
    postings: new Map(),
    acronymPostings: new Map(),
    initialsPostings: new Map(),
    active: 0,
    stale: true,
  };
  for (const s of systems) addSystem(index, s);
  refresh(index);
  return index;
}

/** Adds (or replaces) one system; weights are refreshed lazily before the next use. */
export function addSystem(index: OverlapIndex, s: OverlapSystem): void {
  if (index.byId.has(s.id)) removeSystem(index, s.id);
  const i = index.entries.length;
  index.byId.set(s.id, i);
  if (!takesPart(s)) {
    index.entries.push(null);
    return;
  }
  const f = features(s);
  index.entries.push({ sys: s, vec: new Map(), ...f });
  for (const key of f.raw.keys()) push(index.postings, key, i);
  for (const a of f.acronyms) push(index.acronymPostings, a, i);
  if (f.initials) push(index.initialsPostings, f.initials, i);
  index.active++;
  index.stale = true;
}

export function removeSystem(index: OverlapIndex, id: string): void {
  const i = index.byId.get(id);
  if (i === undefined) return;
  index.byId.delete(id);
  const e = index.entries[i];
  index.entries[i] = null;
  if (!e) return;
  for (const key of e.raw.keys()) pull(index.postings, key, i);
  for (const a of e.acronyms) pull(index.acronymPostings, a, i);
  if (e.initials) pull(index.initialsPostings, e.initials, i);
  index.active--;
  index.stale = true;
}

function idf(index: OverlapIndex, feature: string): number {
  const df = index.postings.get(feature)?.length ?? 0;
  return Math.log(1 + index.active / (df + 1));
}

function vectorOf(index: OverlapIndex, raw: Map<string, number>): Map<string, number> {
  const vec = new Map<string, number>();
  let norm = 0;
  for (const [f, w] of raw) {
    const x = w * idf(index, f);
    vec.set(f, x);
    norm += x * x;
  }
  norm = Math.sqrt(norm) || 1;
  for (const [f, x] of vec) vec.set(f, x / norm);
  return vec;
}

function refresh(index: OverlapIndex): void {
  if (!index.stale) return;
  for (const e of index.entries) if (e) e.vec = vectorOf(index, e.raw);
  index.stale = false;
}

// ---------------------------------------------------------------------------------------------
// Scoring one pair

type Scored = Pick<Entry, 'sys' | 'vec' | 'nameConcepts' | 'nameWords' | 'acronyms' | 'initials'>;

function cosine(a: Map<string, number>, b: Map<string, number>): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let dot = 0;
  for (const [f, x] of small) {
    const y = large.get(f);
    if (y !== undefined) dot += x * y;
  }
  return dot;
}

const domainOf = (code: string) => code.split('.')[0];

function capabilityAdjustment(a: string[], b: string[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  if (a.some((c) => b.includes(c))) return TUNING.sameCapability;
  if (a.some((c) => b.some((d) => domainOf(c) === domainOf(d)))) return TUNING.otherCapabilitySameDomain;
  return TUNING.otherDomain;
}

function acronymLink(a: Scored, b: Scored): { acronym: string; expands: string } | null {
  if (b.initials && a.acronyms.includes(b.initials)) return { acronym: b.initials, expands: b.sys.name };
  if (a.initials && b.acronyms.includes(a.initials)) return { acronym: a.initials, expands: a.sys.name };
  return null;
}

function scorePair(a: Scored, b: Scored): number {
  let s = cosine(a.vec, b.vec) + capabilityAdjustment(a.sys.capabilities, b.sys.capabilities);
  if (acronymLink(a, b)) s += TUNING.acronym;
  return Math.max(0, Math.min(1, s));
}

function reasonsFor(a: Scored, b: Scored): Reason[] {
  const out: Reason[] = [];
  const shared = a.sys.capabilities.filter((c) => b.sys.capabilities.includes(c));
  for (const code of shared) out.push({ kind: 'same_capability', code });
  const concepts = [...a.vec.keys()]
    .filter((f) => f.startsWith('c:') && b.vec.has(f))
    .sort((x, y) => b.vec.get(y)! * a.vec.get(y)! - b.vec.get(x)! * a.vec.get(x)!)
    .map((f) => f.slice(2));
  if (concepts.length) out.push({ kind: 'same_concepts', concepts });
  const words = [...a.nameWords].filter((w) => b.nameWords.has(w));
  if (words.length) out.push({ kind: 'similar_name', shared: words });
  const acr = acronymLink(a, b);
  if (acr) out.push({ kind: 'acronym', ...acr });
  for (const s of [a.sys, b.sys]) if (s.isShared) out.push({ kind: 'overlaps_shared_system', systemId: s.id, name: s.name });
  return out;
}

// ---------------------------------------------------------------------------------------------
// Candidates

/**
 * Partial dot products of `q` with every indexed system sharing a feature, through the postings.
 * `maxDf` leaves out features too common to tell anything (they still count in the full score);
 * acronym ↔ initials matches are added as candidates with a nominal partial score.
 */
function accumulate(
  index: OverlapIndex,
  q: Scored,
  maxDf: number,
  acc: Float64Array,
  touched: number[],
  after = -1,
): void {
  const hit = (j: number, x: number) => {
    if (j <= after) return;
    if (acc[j] === 0) touched.push(j);
    acc[j] += x;
  };
  for (const [f, x] of q.vec) {
    const list = index.postings.get(f);
    if (!list || list.length > maxDf) continue;
    for (const j of list) {
      const e = index.entries[j];
      if (e) hit(j, x * (e.vec.get(f) ?? 0));
    }
  }
  for (const a of q.acronyms) for (const j of index.initialsPostings.get(a) ?? []) hit(j, 1);
  if (q.initials) for (const j of index.acronymPostings.get(q.initials) ?? []) hit(j, 1);
}

const pairKey = (i: number, j: number) => (i < j ? i * 4_194_304 + j : j * 4_194_304 + i);

/** Every cross-institution candidate pair with its exact score (the scored pairs only). */
export function candidatePairs(index: OverlapIndex, options: { exhaustive?: boolean } = {}): Map<number, number> {
  refresh(index);
  const n = index.entries.length;
  const maxDf = options.exhaustive ? Infinity : Math.max(50, TUNING.maxDfShare * index.active);
  const minPartial = options.exhaustive ? 0 : TUNING.minPartial;
  const acc = new Float64Array(n);
  const scores = new Map<number, number>();
  const touched: number[] = [];
  for (let i = 0; i < n; i++) {
    const a = index.entries[i];
    if (!a) continue;
    touched.length = 0;
    accumulate(index, a, maxDf, acc, touched, i);
    for (const j of touched) {
      const partial = acc[j];
      acc[j] = 0;
      const b = index.entries[j]!;
      if (partial < minPartial || b.sys.institutionId === a.sys.institutionId) continue;
      scores.set(pairKey(i, j), scorePair(a, b));
    }
  }
  return scores;
}

/** Brute force: the scorer on every cross-institution pair (for the bench's candidate recall). */
export function allPairScores(index: OverlapIndex, threshold = TUNING.threshold): Map<number, number> {
  refresh(index);
  const out = new Map<number, number>();
  const live = index.entries.map((e, i) => [e, i] as const).filter(([e]) => e) as [Entry, number][];
  for (let x = 0; x < live.length; x++) {
    for (let y = x + 1; y < live.length; y++) {
      const [a, i] = live[x];
      const [b, j] = live[y];
      if (a.sys.institutionId === b.sys.institutionId) continue;
      const s = scorePair(a, b);
      if (s >= threshold) out.set(pairKey(i, j), s);
    }
  }
  return out;
}

/** Ids of a pair key. */
export function pairIds(index: OverlapIndex, key: number): [string, string] {
  const i = Math.floor(key / 4_194_304);
  return [index.entries[i]!.sys.id, index.entries[key - i * 4_194_304]!.sys.id];
}

// ---------------------------------------------------------------------------------------------
// Clusters

export function clusterId(members: readonly string[]): string {
  const h = crypto.createHash('sha256').update([...members].sort().join('\n')).digest('hex');
  return `ov-${h.slice(0, 16)}`;
}

export interface DetectResult { clusters: Cluster[]; candidates: number }

export function detect(index: OverlapIndex, decisions: readonly Decision[] = []): DetectResult {
  const scores = candidatePairs(index);
  const candidates = scores.size;
  const entries = index.entries;
  const score = (i: number, j: number) => {
    const k = pairKey(i, j);
    let s = scores.get(k);
    if (s === undefined) scores.set(k, (s = scorePair(entries[i]!, entries[j]!)));
    return s;
  };

  const verdicts = new Map<number, Verdict>();
  for (const d of decisions) {
    const i = index.byId.get(d.a);
    const j = index.byId.get(d.b);
    if (i === undefined || j === undefined || i === j || !entries[i] || !entries[j]) continue;
    verdicts.set(pairKey(i, j), d.verdict);
  }

  // Edges: decided overlaps first, then pairs above the threshold, best first.
  const edges: { i: number; j: number; s: number; forced: boolean }[] = [];
  for (const [k, v] of verdicts) {
    if (v === 'not_overlap') continue;
    const i = Math.floor(k / 4_194_304);
    edges.push({ i, j: k - i * 4_194_304, s: 2, forced: true });
  }
  for (const [k, s] of scores) {
    if (s < TUNING.threshold || verdicts.has(k)) continue;
    const i = Math.floor(k / 4_194_304);
    edges.push({ i, j: k - i * 4_194_304, s, forced: false });
  }
  edges.sort((x, y) => y.s - x.s || x.i - y.i || x.j - y.j);

  const groupOf = new Map<number, number[]>();
  const members = (i: number) => {
    let g = groupOf.get(i);
    if (!g) groupOf.set(i, (g = [i]));
    return g;
  };
  const crossPairs = (g: number[], h: number[], fn: (i: number, j: number) => boolean | void) => {
    for (const i of g) for (const j of h) if (entries[i]!.sys.institutionId !== entries[j]!.sys.institutionId && fn(i, j) === false) return;
  };
  const extra: number[][] = [];
  for (const e of edges) {
    const g = members(e.i);
    const h = members(e.j);
    if (g === h) continue;
    let blocked = false;
    let sum = 0;
    let count = 0;
    crossPairs(g, h, (i, j) => {
      if (verdicts.get(pairKey(i, j)) === 'not_overlap') return !(blocked = true);
      const v = verdicts.get(pairKey(i, j));
      sum += v && v !== 'not_overlap' ? 1 : score(i, j);
      count++;
    });
    if (blocked) {
      // A decided overlap is always shown, even when its groups cannot merge.
      if (e.forced) extra.push([e.i, e.j]);
      continue;
    }
    if (!e.forced && count > 0 && sum / count < TUNING.linkage) continue;
    const merged = g.concat(h);
    for (const i of merged) groupOf.set(i, merged);
  }

  const groups = new Set<number[]>();
  for (const g of groupOf.values()) if (g.length > 1) groups.add(g);
  const clusters = [...groups, ...extra].map((g) => describeCluster(index, g, score, verdicts));
  clusters.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1));
  return { clusters, candidates };
}

function describeCluster(
  index: OverlapIndex,
  group: number[],
  score: (i: number, j: number) => number,
  verdicts: Map<number, Verdict>,
): Cluster {
  const entries = group.map((i) => index.entries[i]!);
  const pairs: Pair[] = [];
  let sum = 0;
  for (let x = 0; x < group.length; x++) {
    for (let y = x + 1; y < group.length; y++) {
      const a = entries[x];
      const b = entries[y];
      const v = verdicts.get(pairKey(group[x], group[y]));
      if (a.sys.institutionId === b.sys.institutionId && !v) continue;
      const s = score(group[x], group[y]);
      const reasons = reasonsFor(a, b);
      if (v && v !== 'not_overlap') reasons.unshift({ kind: 'decision', verdict: v });
      pairs.push({ a: a.sys.id, b: b.sys.id, score: round(s), reasons });
      sum += s;
    }
  }
  const ids = entries.map((e) => e.sys.id).sort();
  const capability = dominantCapability(entries.map((e) => e.sys));
  const reasons: Reason[] = [];
  const decided = new Set(pairs.flatMap((p) => p.reasons.filter((r) => r.kind === 'decision').map((r) => (r as { verdict: string }).verdict)));
  for (const verdict of decided) reasons.push({ kind: 'decision', verdict: verdict as 'confirmed' | 'planned_consolidation' });
  if (capability) reasons.push({ kind: 'same_capability', code: capability });
  const half = Math.max(2, Math.ceil(entries.length / 2));
  const common = (sets: Set<string>[]) => {
    const counts = new Map<string, number>();
    for (const s of sets) for (const x of s) counts.set(x, (counts.get(x) ?? 0) + 1);
    return [...counts].filter(([, n]) => n >= half).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([x]) => x);
  };
  const concepts = common(entries.map((e) => new Set([...e.vec.keys()].filter((f) => f.startsWith('c:')).map((f) => f.slice(2)))));
  if (concepts.length) reasons.push({ kind: 'same_concepts', concepts });
  const words = common(entries.map((e) => e.nameWords));
  if (words.length) reasons.push({ kind: 'similar_name', shared: words });
  const seen = new Set<string>();
  for (const p of pairs) {
    for (const r of p.reasons) {
      if (r.kind !== 'acronym' && r.kind !== 'overlaps_shared_system') continue;
      const key = JSON.stringify(r);
      if (!seen.has(key)) (seen.add(key), reasons.push(r));
    }
  }
  return { id: clusterId(ids), score: round(pairs.length ? sum / pairs.length : 0), capability, members: ids, pairs, reasons };
}

/** The capability most members declare (at least two); a shared system's code wins a tie. */
function dominantCapability(systems: OverlapSystem[]): string | null {
  const counts = new Map<string, number>();
  for (const s of systems) for (const c of new Set(s.capabilities)) counts.set(c, (counts.get(c) ?? 0) + (s.isShared ? 1.5 : 1));
  let best: string | null = null;
  let bestCount = 1.5;
  for (const [c, n] of [...counts].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    if (n > bestCount) (best = c), (bestCount = n);
  }
  return best;
}

const round = (x: number) => Math.round(x * 1000) / 1000;

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
  minScore = TUNING.threshold,
): Match[] {
  if (candidate.usesSharedSystemId) return [];
  refresh(index);
  const f = features(candidate);
  const q: Scored = { sys: candidate, vec: vectorOf(index, f.raw), nameConcepts: f.nameConcepts, nameWords: f.nameWords, acronyms: f.acronyms, initials: f.initials };
  const acc = new Float64Array(index.entries.length);
  const touched: number[] = [];
  accumulate(index, q, Infinity, acc, touched);
  const out: Match[] = [];
  for (const j of touched) {
    const e = index.entries[j]!;
    if (e.sys.id === candidate.id || e.sys.institutionId === candidate.institutionId) continue;
    const s = scorePair(q, e);
    if (s >= minScore) out.push({ id: e.sys.id, score: round(s), isShared: e.sys.isShared, reasons: reasonsFor(q, e) });
  }
  out.sort((a, b) => b.score - a.score || Number(b.isShared) - Number(a.isShared) || (a.id < b.id ? -1 : 1));
  return out.slice(0, limit);
}
