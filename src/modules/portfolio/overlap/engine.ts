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
  /** Below this share of a name's features found in the other system, the score shrinks … */
  fullCoverage: 0.75,
  /** … by up to this fraction (when nothing of the name is found). */
  coveragePenalty: 0.6,
  /** A pair at or above this score overlaps. */
  threshold: 0.65,
  /** Two groups join only when their members' average resemblance stays at or above this. */
  linkage: 0.5,
  /** Members sampled from each group for the linkage check. */
  linkageSample: 6,
  /** Features in more than this share of systems do not generate candidates (they still score). */
  maxDfShare: 0.2,
  /** Candidates whose partial dot product (rare features only) stays below this are not scored. */
  minPartial: 0.2,
};

interface Vector {
  /** Feature ids, ascending. */
  ids: Int32Array;
  /** Weights (idf-weighted, unit length over all the system's features), parallel to ids. */
  ws: Float64Array;
}

interface Entry extends Vector {
  sys: OverlapSystem;
  raw: Map<string, number>;
  /** Features of the names (not the purpose), and how many there are, for coverage. */
  nameKeys: Set<string>;
  nameIds: Int32Array;
  nameWords: Set<string>;
  acronyms: string[];
  initials: string;
  domains: string[];
}

export interface OverlapIndex {
  entries: (Entry | null)[];
  byId: Map<string, number>;
  featureIds: Map<string, number>;
  featureNames: string[];
  /** Per feature id: the entries holding it, ascending, and their weights (rebuilt by refresh). */
  postings: number[][];
  weights: Float64Array[];
  acronymPostings: Map<string, number[]>;
  initialsPostings: Map<string, number[]>;
  active: number;
  stale: boolean;
}

/** Retired systems and uses of a shared system never overlap anything. */
export function takesPart(s: OverlapSystem): boolean {
  return s.lifecycle !== 'retired' && !s.usesSharedSystemId;
}

const domainOf = (code: string) => code.split('.')[0];

function features(s: OverlapSystem) {
  const raw = new Map<string, number>();
  const put = (f: string, w: number) => raw.set(f, Math.max(raw.get(f) ?? 0, w));
  const nameWords = new Set<string>();
  const nameKeys = new Set<string>();
  const acronyms = new Set<string>();
  let initials = '';
  for (const text of [s.name, s.nameEn, s.nameSw]) {
    if (!text) continue;
    const a = analyse(text);
    for (const c of a.concepts) (nameKeys.add(`c:${c}`), put(`c:${c}`, TUNING.nameConcept));
    for (const w of a.words) (nameWords.add(w), nameKeys.add(`w:${w}`), put(`w:${w}`, TUNING.nameWord));
    for (const x of a.acronyms) acronyms.add(x);
    if (!initials && a.initials.length >= 3) initials = a.initials;
  }
  if (s.purpose) {
    const a = analyse(s.purpose);
    for (const c of a.concepts) put(`c:${c}`, TUNING.purposeConcept);
    for (const w of a.words) put(`w:${w}`, TUNING.purposeWord);
  }
  return { raw, nameKeys, nameWords, acronyms: [...acronyms], initials, domains: [...new Set(s.capabilities.map(domainOf))] };
}

function push(map: Map<string, number[]>, key: string, i: number) {
  const list = map.get(key);
  if (list) list.push(i);
  else map.set(key, [i]);
}

function pull(list: number[] | undefined, i: number) {
  if (!list) return;
  const at = list.indexOf(i);
  if (at >= 0) list.splice(at, 1);
}

export function buildIndex(systems: readonly OverlapSystem[]): OverlapIndex {
  const index: OverlapIndex = {
    entries: [],
    byId: new Map(),
    featureIds: new Map(),
    featureNames: [],
    postings: [],
    weights: [],
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
  index.entries.push({ sys: s, ids: new Int32Array(0), ws: new Float64Array(0), nameIds: new Int32Array(0), ...f });
  for (const key of f.raw.keys()) {
    let id = index.featureIds.get(key);
    if (id === undefined) {
      index.featureIds.set(key, (id = index.featureNames.length));
      index.featureNames.push(key);
      index.postings.push([]);
    }
    index.postings[id].push(i);
  }
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
  for (const key of e.raw.keys()) pull(index.postings[index.featureIds.get(key)!], i);
  for (const a of e.acronyms) pull(index.acronymPostings.get(a), i);
  if (e.initials) pull(index.initialsPostings.get(e.initials), i);
  index.active--;
  index.stale = true;
}

function nameIdsOf(index: OverlapIndex, keys: Set<string>): Int32Array {
  const ids: number[] = [];
  for (const k of keys) {
    const id = index.featureIds.get(k);
    if (id !== undefined) ids.push(id);
  }
  return Int32Array.from(ids.sort((a, b) => a - b));
}

/** The weighted unit vector of raw features; features the index has never seen count in the length only. */
function vectorOf(index: OverlapIndex, raw: Map<string, number>): Vector {
  const pairs: [number, number][] = [];
  let norm = 0;
  for (const [f, w] of raw) {
    const id = index.featureIds.get(f);
    const df = id === undefined ? 0 : index.postings[id].length;
    const x = w * Math.log(1 + index.active / (df + 1));
    norm += x * x;
    if (id !== undefined) pairs.push([id, x]);
  }
  norm = Math.sqrt(norm) || 1;
  pairs.sort((a, b) => a[0] - b[0]);
  return { ids: Int32Array.from(pairs, (p) => p[0]), ws: Float64Array.from(pairs, (p) => p[1] / norm) };
}

function refresh(index: OverlapIndex): void {
  if (!index.stale) return;
  for (const e of index.entries) if (e) Object.assign(e, vectorOf(index, e.raw), { nameIds: nameIdsOf(index, e.nameKeys) });
  index.weights = index.postings.map((list) => new Float64Array(list.length));
  const fill = new Int32Array(index.postings.length);
  for (let i = 0; i < index.entries.length; i++) {
    const e = index.entries[i];
    if (!e) continue;
    for (let k = 0; k < e.ids.length; k++) index.weights[e.ids[k]][fill[e.ids[k]]++] = e.ws[k];
  }
  index.stale = false;
}

// ---------------------------------------------------------------------------------------------
// Scoring one pair

type Scored = Pick<Entry, 'sys' | 'ids' | 'ws' | 'nameKeys' | 'nameIds' | 'nameWords' | 'acronyms' | 'initials' | 'domains'>;

/** Share of a's name features that b has anywhere (name or purpose). */
function coverage(a: Scored, b: Vector): number {
  if (a.nameKeys.size === 0) return 1;
  let hit = 0;
  for (let x = 0, y = 0; x < a.nameIds.length && y < b.ids.length; ) {
    const d = a.nameIds[x] - b.ids[y];
    if (d === 0) (hit++, x++, y++);
    else if (d < 0) x++;
    else y++;
  }
  return hit / a.nameKeys.size;
}

function cosine(a: Vector, b: Vector): number {
  let dot = 0;
  for (let x = 0, y = 0; x < a.ids.length && y < b.ids.length; ) {
    const d = a.ids[x] - b.ids[y];
    if (d === 0) dot += a.ws[x++] * b.ws[y++];
    else if (d < 0) x++;
    else y++;
  }
  return dot;
}

function capabilityAdjustment(a: Scored, b: Scored): number {
  const ca = a.sys.capabilities;
  const cb = b.sys.capabilities;
  if (ca.length === 0 || cb.length === 0) return 0;
  if (ca.some((c) => cb.includes(c))) return TUNING.sameCapability;
  if (a.domains.some((d) => b.domains.includes(d))) return TUNING.otherCapabilitySameDomain;
  return TUNING.otherDomain;
}

function acronymLink(a: Scored, b: Scored): { acronym: string; expands: string } | null {
  if (b.initials && a.acronyms.includes(b.initials)) return { acronym: b.initials, expands: b.sys.name };
  if (a.initials && b.acronyms.includes(a.initials)) return { acronym: a.initials, expands: a.sys.name };
  return null;
}

/**
 * Resemblance plus capability agreement, scaled down when either name says something the other
 * system does not (a job is its object and its action: "forestry training" is not "forestry
 * inspection" even though the rare word "forestry" dominates their cosine).
 */
function scorePair(a: Scored, b: Scored): number {
  let s = cosine(a, b) + capabilityAdjustment(a, b);
  const acronym = (a.acronyms.length > 0 || b.acronyms.length > 0) && acronymLink(a, b) !== null;
  if (acronym) s += TUNING.acronym;
  else {
    const cover = Math.min(coverage(a, b), coverage(b, a));
    if (cover < TUNING.fullCoverage) s *= 1 - TUNING.coveragePenalty * (1 - cover / TUNING.fullCoverage);
  }
  return Math.max(0, Math.min(1, s));
}

function sharedConcepts(index: OverlapIndex, a: Vector, b: Vector): string[] {
  const found: [string, number][] = [];
  for (let x = 0, y = 0; x < a.ids.length && y < b.ids.length; ) {
    const d = a.ids[x] - b.ids[y];
    if (d === 0) {
      const name = index.featureNames[a.ids[x]];
      if (name.startsWith('c:')) found.push([name.slice(2), a.ws[x] * b.ws[y]]);
      x++, y++;
    } else if (d < 0) x++;
    else y++;
  }
  return found.sort((p, q) => q[1] - p[1] || (p[0] < q[0] ? -1 : 1)).map((p) => p[0]);
}

function reasonsFor(index: OverlapIndex, a: Scored, b: Scored): Reason[] {
  const out: Reason[] = [];
  for (const code of a.sys.capabilities.filter((c) => b.sys.capabilities.includes(c))) out.push({ kind: 'same_capability', code });
  const concepts = sharedConcepts(index, a, b);
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
 * Partial dot products of `q` with every indexed system after `after` sharing a feature, through
 * the postings. `maxDf` leaves out features too common to tell anything (they still count in the
 * full score); acronym ↔ initials matches become candidates with a nominal partial score.
 */
function accumulate(index: OverlapIndex, q: Vector & Pick<Entry, 'acronyms' | 'initials'>, maxDf: number, acc: Float64Array, touched: number[], after = -1): void {
  for (let k = 0; k < q.ids.length; k++) {
    const list = index.postings[q.ids[k]];
    if (list.length > maxDf) continue;
    const ws = index.weights[q.ids[k]];
    const x = q.ws[k];
    // Postings are ascending: start past `after` instead of skipping it entry by entry.
    let lo = 0;
    for (let hi = list.length; lo < hi; ) {
      const mid = (lo + hi) >> 1;
      if (list[mid] <= after) lo = mid + 1;
      else hi = mid;
    }
    for (let p = lo; p < list.length; p++) {
      const j = list[p];
      if (acc[j] === 0) touched.push(j);
      acc[j] += x * ws[p];
    }
  }
  const hit = (j: number) => {
    if (j <= after) return;
    if (acc[j] === 0) touched.push(j);
    acc[j] += 1;
  };
  for (const a of q.acronyms) for (const j of index.initialsPostings.get(a) ?? []) hit(j);
  if (q.initials) for (const j of index.acronymPostings.get(q.initials) ?? []) hit(j);
}

const SHIFT = 4_194_304; // 2^22 systems at most; pair keys stay exact doubles
const pairKey = (i: number, j: number) => (i < j ? i * SHIFT + j : j * SHIFT + i);
const pairOf = (k: number): [number, number] => [Math.floor(k / SHIFT), k % SHIFT];

/** Cross-institution candidate pairs scoring at least `minScore`, with their exact scores. */
export function candidatePairs(index: OverlapIndex, minScore = TUNING.threshold): Map<number, number> {
  refresh(index);
  const n = index.entries.length;
  const maxDf = Math.max(50, TUNING.maxDfShare * index.active);
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
      if (partial < TUNING.minPartial || b.sys.institutionId === a.sys.institutionId) continue;
      const s = scorePair(a, b);
      if (s >= minScore) scores.set(pairKey(i, j), s);
    }
  }
  return scores;
}

/** Brute force: the scorer on every cross-institution pair (for the bench's candidate recall). */
export function allPairScores(index: OverlapIndex, minScore = TUNING.threshold): Map<number, number> {
  refresh(index);
  const out = new Map<number, number>();
  const live: number[] = [];
  index.entries.forEach((e, i) => e && live.push(i));
  for (let x = 0; x < live.length; x++) {
    const a = index.entries[live[x]]!;
    for (let y = x + 1; y < live.length; y++) {
      const b = index.entries[live[y]]!;
      if (a.sys.institutionId === b.sys.institutionId) continue;
      const s = scorePair(a, b);
      if (s >= minScore) out.set(pairKey(live[x], live[y]), s);
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Clusters

export function clusterId(members: readonly string[]): string {
  const h = crypto.createHash('sha256').update([...members].sort().join('\n')).digest('hex');
  return `ov-${h.slice(0, 16)}`;
}

export interface DetectResult { clusters: Cluster[]; candidates: number }

interface Group { members: number[]; links: Pair[] }

/** Up to `k` members spread evenly over the group (deterministic, so runs repeat). */
function sample(members: number[], k: number): number[] {
  if (members.length <= k) return members;
  const out: number[] = [];
  for (let x = 0; x < k; x++) out.push(members[Math.floor((x * members.length) / k)]);
  return out;
}

/**
 * Average pair score between two groups, over a sample of each: the guard against chains. One
 * strong pair between two look-alike families (licensing vs. registration of businesses) must
 * not join them when their members, on the whole, do not resemble each other.
 */
function averageLink(index: OverlapIndex, g: Group, h: Group): number {
  let sum = 0;
  let count = 0;
  for (const i of sample(g.members, TUNING.linkageSample)) {
    for (const j of sample(h.members, TUNING.linkageSample)) {
      const a = index.entries[i]!;
      const b = index.entries[j]!;
      if (a.sys.institutionId === b.sys.institutionId) continue;
      sum += scorePair(a, b);
      count++;
    }
  }
  return count ? sum / count : 1;
}

export function detect(index: OverlapIndex, decisions: readonly Decision[] = []): DetectResult {
  const scores = candidatePairs(index);
  const candidates = scores.size;
  const entries = index.entries;

  const verdicts = new Map<number, Verdict>();
  const cannot = new Map<number, number[]>();
  for (const d of decisions) {
    const i = index.byId.get(d.a);
    const j = index.byId.get(d.b);
    if (i === undefined || j === undefined || i === j || !entries[i] || !entries[j]) continue;
    verdicts.set(pairKey(i, j), d.verdict);
    if (d.verdict === 'not_overlap') {
      cannot.set(i, [...(cannot.get(i) ?? []), j]);
      cannot.set(j, [...(cannot.get(j) ?? []), i]);
    }
  }

  // Edges: decided overlaps first, then pairs above the threshold, best first.
  const edges: { i: number; j: number; s: number; verdict?: Verdict }[] = [];
  for (const [k, v] of verdicts) {
    if (v === 'not_overlap') continue;
    const [i, j] = pairOf(k);
    edges.push({ i, j, s: scores.get(k) ?? scorePair(entries[i]!, entries[j]!), verdict: v });
  }
  for (const [k, s] of scores) {
    if (s < TUNING.threshold || verdicts.has(k)) continue;
    const [i, j] = pairOf(k);
    edges.push({ i, j, s });
  }
  edges.sort((x, y) => Number(!!y.verdict) - Number(!!x.verdict) || y.s - x.s || x.i - y.i || x.j - y.j);

  const groupOf = new Map<number, Group>();
  const groupFor = (i: number) => {
    let g = groupOf.get(i);
    if (!g) groupOf.set(i, (g = { members: [i], links: [] }));
    return g;
  };
  const blocked = (g: Group, h: Group) => {
    const [small, other] = g.members.length <= h.members.length ? [g, h] : [h, g];
    for (const i of small.members) for (const j of cannot.get(i) ?? []) if (groupOf.get(j) === other) return true;
    return false;
  };
  const linkOf = (e: (typeof edges)[number]): Pair => {
    const reasons = reasonsFor(index, entries[e.i]!, entries[e.j]!);
    if (e.verdict && e.verdict !== 'not_overlap') reasons.unshift({ kind: 'decision', verdict: e.verdict });
    return { a: entries[e.i]!.sys.id, b: entries[e.j]!.sys.id, score: round(e.s), reasons };
  };
  const extra: Group[] = [];
  const refused = new Set<string>();
  for (const e of edges) {
    const g = groupFor(e.i);
    const h = groupFor(e.j);
    if (g === h) {
      if (e.verdict) g.links.push(linkOf(e));
      continue;
    }
    if (blocked(g, h)) {
      // A decided overlap is always shown, even when its groups cannot merge.
      if (e.verdict) extra.push({ members: [e.i, e.j], links: [linkOf(e)] });
      continue;
    }
    if (!e.verdict && (g.members.length > 1 || h.members.length > 1)) {
      // Once two groups failed to join, the same two (unchanged) groups are not tried again.
      const key = `${g.members[0]}:${g.members.length}|${h.members[0]}:${h.members.length}`;
      if (refused.has(key)) continue;
      if (averageLink(index, g, h) < TUNING.linkage) {
        refused.add(key);
        continue;
      }
    }
    const [big, small] = g.members.length >= h.members.length ? [g, h] : [h, g];
    for (const i of small.members) {
      big.members.push(i);
      groupOf.set(i, big);
    }
    big.links.push(...small.links, linkOf(e));
  }

  const groups = new Set<Group>();
  for (const g of groupOf.values()) if (g.members.length > 1) groups.add(g);
  const clusters = [...groups, ...extra].map((g) => describeCluster(index, g));
  clusters.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1));
  return { clusters, candidates };
}

/**
 * A cluster as callers see it. Its pairs are the links that built it (a spanning tree: each
 * member's strongest tie into the cluster) plus every decided pair, not all n² pairs.
 */
function describeCluster(index: OverlapIndex, g: Group): Cluster {
  const entries = g.members.map((i) => index.entries[i]!);
  const ids = entries.map((e) => e.sys.id).sort();
  const capability = dominantCapability(entries.map((e) => e.sys));
  const reasons: Reason[] = [];
  const decided = new Set<'confirmed' | 'planned_consolidation'>();
  for (const p of g.links) for (const r of p.reasons) if (r.kind === 'decision') decided.add(r.verdict);
  for (const verdict of decided) reasons.push({ kind: 'decision', verdict });
  if (capability) reasons.push({ kind: 'same_capability', code: capability });
  const half = Math.max(2, Math.ceil(entries.length / 2));
  const common = (sets: Iterable<string>[]) => {
    const counts = new Map<string, number>();
    for (const s of sets) for (const x of new Set(s)) counts.set(x, (counts.get(x) ?? 0) + 1);
    return [...counts].filter(([, n]) => n >= half).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([x]) => x);
  };
  const concepts = common(entries.map((e) => Array.from(e.ids, (id) => index.featureNames[id]).filter((f) => f.startsWith('c:')).map((f) => f.slice(2))));
  if (concepts.length) reasons.push({ kind: 'same_concepts', concepts });
  const words = common(entries.map((e) => e.nameWords));
  if (words.length) reasons.push({ kind: 'similar_name', shared: words });
  const seen = new Set<string>();
  for (const p of g.links) {
    for (const r of p.reasons) {
      if (r.kind !== 'acronym' && r.kind !== 'overlaps_shared_system') continue;
      const key = JSON.stringify(r);
      if (!seen.has(key)) (seen.add(key), reasons.push(r));
    }
  }
  const pairs = [...g.links].sort((a, b) => b.score - a.score || (a.a + a.b < b.a + b.b ? -1 : 1));
  const score = pairs.length ? pairs.reduce((t, p) => t + p.score, 0) / pairs.length : 0;
  return { id: clusterId(ids), score: round(score), capability, members: ids, pairs, reasons };
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
  const q: Scored = { sys: candidate, ...vectorOf(index, f.raw), nameIds: nameIdsOf(index, f.nameKeys), nameKeys: f.nameKeys, nameWords: f.nameWords, acronyms: f.acronyms, initials: f.initials, domains: f.domains };
  const acc = new Float64Array(index.entries.length);
  const touched: number[] = [];
  accumulate(index, q, Infinity, acc, touched);
  const out: Match[] = [];
  for (const j of touched) {
    const e = index.entries[j]!;
    if (e.sys.id === candidate.id || e.sys.institutionId === candidate.institutionId) continue;
    const s = scorePair(q, e);
    if (s >= minScore) out.push({ id: e.sys.id, score: round(s), isShared: e.sys.isShared, reasons: reasonsFor(index, q, e) });
  }
  out.sort((a, b) => b.score - a.score || Number(b.isShared) - Number(a.isShared) || (a.id < b.id ? -1 : 1));
  return out.slice(0, limit);
}
