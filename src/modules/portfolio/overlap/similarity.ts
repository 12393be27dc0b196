// Similarity between systems (decision 0201): each system becomes a sparse vector of concepts and
// words (name weighs more than purpose, rare features more than common ones), held in an inverted
// index; a pair's score is their cosine adjusted for capability codes, acronyms and how much of
// each name the other covers. Candidate pairs come from the index, never from all pairs.
// Clustering (clusters.ts) and reuse advice (engine.ts) build on this.
import { STOP_WORDS } from './concepts.ts';
import { analyse, stem, withinOneEdit } from './text.ts';

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

/** The weights and thresholds, in one place; the bench reports the values it ran with. */
export const TUNING = {
  nameConcept: 1.0,
  nameWord: 0.7,
  /** Acronyms name a system but say little about its job. */
  nameAcronym: 0.35,
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
  /** Reuse advice shows more than clusters do: the officer decides, and a missed match costs more. */
  adviceThreshold: 0.5,
  /** Two groups join only when their members' average resemblance stays at or above this. */
  linkage: 0.5,
  /** Members sampled from each group for the linkage check. */
  linkageSample: 6,
  /** Features in more than this share of systems do not generate candidates (they still score). */
  maxDfShare: 0.2,
  /** Candidates whose partial dot product (rare features only) stays below this are not scored. */
  minPartial: 0.2,
  /** A name word held by at least this many systems, all of one institution, names the institution. */
  markerMinSystems: 3,
  /** Related features (learned from the registry): seen together at least this often … */
  relatedMinCount: 3,
  /** … this many times more often than chance … */
  relatedMinLift: 8,
  /** … in at least this share of the systems whose names hold the first one; */
  relatedMinShare: 0.05,
  /** at most this many per feature, added at this fraction of the name feature's weight. */
  relatedMax: 8,
  related: 0.5,
};

export interface Vector {
  /** Feature ids, ascending. */
  ids: Int32Array;
  /** Weights (idf-weighted, unit length over all the system's features), parallel to ids. */
  ws: Float64Array;
}

/** What one system says about itself, before anything learned from the registry is applied. */
export interface Own {
  raw: Map<string, number>;
  /** Name features that say what the system does (acronyms left out), for coverage. */
  nameKeys: Set<string>;
  /** Every feature of the names, acronyms included: the ones the registry can relate to others. */
  nameFeatures: Set<string>;
  nameWords: Set<string>;
  acronyms: string[];
  initials: string;
  domains: string[];
  /** Features of each text (names first, then the purpose), for learning related features. */
  texts: string[][];
  /** How many of `texts` are names. */
  names: number;
}

export interface Entry extends Vector, Own {
  sys: OverlapSystem;
  /** The features after what the index learned (learn()): aliases, markers dropped, related features added. */
  eff: Map<string, number>;
  effNameKeys: Set<string>;
  nameIds: Int32Array;
}

/**
 * What the index learns from the registry itself (decision 0203), rebuilt with the weights:
 * a rare word one typo away from a frequent one is that word; a word found only in the names of
 * one institution's systems names the institution, not a job; and name features that keep
 * appearing together with others in the same systems (a name and its translation, a name and
 * its purpose in the other language, an acronym and its expansion) are related.
 */
export interface Learned {
  alias: Map<string, string>;
  markers: Set<string>;
  related: Map<string, string[]>;
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
  learned: Learned;
  active: number;
  stale: boolean;
}

/** Retired systems and uses of a shared system never overlap anything. */
export function takesPart(s: OverlapSystem): boolean {
  return s.lifecycle !== 'retired' && !s.usesSharedSystemId;
}

const domainOf = (code: string) => code.split('.')[0];
/** Mostly digits (I093, 2019): a code or a year, not a word about the job. */
const codeLike = (w: string) => w.replace(/[^0-9]/g, '').length * 2 >= w.length;

export function features(s: OverlapSystem): Own {
  const raw = new Map<string, number>();
  const put = (f: string, w: number) => raw.set(f, Math.max(raw.get(f) ?? 0, w));
  const nameWords = new Set<string>();
  const nameKeys = new Set<string>();
  const nameFeatures = new Set<string>();
  const acronyms = new Set<string>();
  const texts: string[][] = [];
  let initials = '';
  for (const text of [s.name, s.nameEn, s.nameSw]) {
    if (!text) continue;
    const a = analyse(text);
    texts.push([...a.concepts.map((c) => `c:${c}`), ...a.words.filter((w) => !codeLike(w)).map((w) => `w:${w}`)]);
    for (const c of a.concepts) (nameKeys.add(`c:${c}`), nameFeatures.add(`c:${c}`), put(`c:${c}`, TUNING.nameConcept));
    // An acronym names the system without saying what it does: it does not count in coverage.
    const opaque = new Set(a.acronyms.map(stem));
    for (const w of a.words) {
      if (codeLike(w)) continue;
      nameWords.add(w);
      nameFeatures.add(`w:${w}`);
      if (!opaque.has(w)) nameKeys.add(`w:${w}`);
      put(`w:${w}`, opaque.has(w) ? TUNING.nameAcronym : TUNING.nameWord);
    }
    for (const x of a.acronyms) if (!STOP_WORDS.has(x) && !codeLike(x)) acronyms.add(x);
    if (!initials && a.initials.length >= 3) initials = a.initials;
  }
  const names = texts.length;
  if (s.purpose) {
    const a = analyse(s.purpose);
    texts.push([...a.concepts.map((c) => `c:${c}`), ...a.words.filter((w) => !codeLike(w)).map((w) => `w:${w}`)]);
    for (const c of a.concepts) put(`c:${c}`, TUNING.purposeConcept);
    for (const w of a.words) if (!codeLike(w)) put(`w:${w}`, TUNING.purposeWord);
  }
  return { raw, nameKeys, nameFeatures, nameWords, acronyms: [...acronyms], initials, domains: [...new Set(s.capabilities.map(domainOf))], texts, names };
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
    learned: { alias: new Map(), markers: new Set(), related: new Map() },
    active: 0,
    stale: true,
  };
  for (const s of systems) addSystem(index, s);
  refresh(index);
  return index;
}

/** Adds (or replaces) one system; what the index learns and its weights are refreshed lazily. */
export function addSystem(index: OverlapIndex, s: OverlapSystem): void {
  if (index.byId.has(s.id)) removeSystem(index, s.id);
  const i = index.entries.length;
  index.byId.set(s.id, i);
  if (!takesPart(s)) {
    index.entries.push(null);
    return;
  }
  const f = features(s);
  index.entries.push({ sys: s, ids: new Int32Array(0), ws: new Float64Array(0), nameIds: new Int32Array(0), eff: f.raw, effNameKeys: f.nameKeys, ...f });
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
  for (const a of e.acronyms) pull(index.acronymPostings.get(a), i);
  if (e.initials) pull(index.initialsPostings.get(e.initials), i);
  index.active--;
  index.stale = true;
}

// ---------------------------------------------------------------------------------------------
// Learning from the registry

function deletions(w: string): string[] {
  const out = [w];
  for (let i = 0; i < w.length; i++) out.push(w.slice(0, i) + w.slice(i + 1));
  return out;
}

/** Rare words (≤ 2 systems) one edit from exactly one frequent word (≥ 5 systems) are typos of it. */
function learnAliases(df: Map<string, number>): Map<string, string> {
  const byDeletion = new Map<string, string[]>();
  for (const [f, n] of df) {
    if (n < 5 || !f.startsWith('w:') || f.length < 7) continue;
    for (const d of deletions(f.slice(2))) byDeletion.set(d, [...(byDeletion.get(d) ?? []), f]);
  }
  const alias = new Map<string, string>();
  for (const [f, n] of df) {
    if (n > 2 || !f.startsWith('w:') || f.length < 8) continue;
    const found = new Set<string>();
    for (const d of deletions(f.slice(2))) for (const g of byDeletion.get(d) ?? []) if (withinOneEdit(f.slice(2), g.slice(2))) found.add(g);
    if (found.size === 1) alias.set(f, [...found][0]);
  }
  return alias;
}

function learn(index: OverlapIndex): Learned {
  const live = index.entries.filter((e): e is Entry => e !== null);
  const df = new Map<string, number>();
  for (const e of live) for (const f of e.raw.keys()) df.set(f, (df.get(f) ?? 0) + 1);
  const alias = learnAliases(df);
  // Words of several systems' names, all of one institution: "TANESCO", a region, a code.
  const owner = new Map<string, string | null>();
  const held = new Map<string, number>();
  for (const e of live) {
    for (const f of e.nameFeatures) {
      if (!f.startsWith('w:')) continue;
      const o = owner.get(f);
      owner.set(f, o === undefined || o === e.sys.institutionId ? e.sys.institutionId : null);
      held.set(f, (held.get(f) ?? 0) + 1);
    }
  }
  const markers = new Set<string>();
  for (const [f, o] of owner) if (o !== null && held.get(f)! >= TUNING.markerMinSystems) markers.add(f);
  const learned: Learned = { alias, markers, related: new Map() };

  // Related features: a word and a feature that stand in different texts of one system (a name
  // and its translation, a name and a purpose written in the other language) without standing in
  // the same text, far more often than chance. Pairs of concepts are left out: the table already
  // says which concepts are the same, and concepts that merely go together ("student" and "loan")
  // are not substitutes.
  const ids = new Map<string, number>();
  const names: string[] = [];
  const idOf = (f: string) => {
    let id = ids.get(f);
    if (id === undefined) (ids.set(f, (id = names.length)), names.push(f));
    return id;
  };
  const count = new Map<number, number>();
  const co = new Map<number, number>();
  const M = 2 ** 21;
  const mapped = (f: string) => (learned.markers.has(f) ? null : alias.get(f) ?? f);
  for (const e of live) {
    const texts = e.texts.map((t) => new Set(t.map(mapped).filter((f): f is string => f !== null)));
    const all = new Set<string>();
    for (const t of texts) for (const f of t) all.add(f);
    for (const f of all) count.set(idOf(f), (count.get(idOf(f)) ?? 0) + 1);
    const pairs = new Set<number>();
    for (let x = 0; x < e.names; x++) {
      for (let y = 0; y < texts.length; y++) {
        if (x === y) continue;
        for (const f of texts[x]) {
          if (texts[y].has(f)) continue;
          for (const g of texts[y]) {
            if (texts[x].has(g) || (f.startsWith('c:') && g.startsWith('c:'))) continue;
            pairs.add(idOf(f) * M + idOf(g));
          }
        }
      }
    }
    for (const k of pairs) co.set(k, (co.get(k) ?? 0) + 1);
  }
  const n = live.length;
  const found = new Map<number, [number, number][]>();
  for (const [k, c] of co) {
    if (c < TUNING.relatedMinCount) continue;
    const f = Math.floor(k / M);
    const g = k % M;
    const cf = count.get(f)!;
    const lift = (c * n) / (cf * count.get(g)!);
    if (lift < TUNING.relatedMinLift || c / cf < TUNING.relatedMinShare) continue;
    const list = found.get(f) ?? [];
    list.push([g, lift]);
    found.set(f, list);
  }
  for (const [f, list] of found) {
    list.sort((x, y) => y[1] - x[1] || (names[x[0]] < names[y[0]] ? -1 : 1));
    learned.related.set(names[f], list.slice(0, TUNING.relatedMax).map(([g]) => names[g]));
  }
  return learned;
}

/** A system's features with what the index learned applied (related features added unless `expand` is false). */
export function effective(learned: Learned, own: Own, expand = true): { raw: Map<string, number>; nameKeys: Set<string>; nameFeatures: Set<string> } {
  const key = (f: string) => (learned.markers.has(f) ? null : learned.alias.get(f) ?? f);
  const raw = new Map<string, number>();
  for (const [f, w] of own.raw) {
    const k = key(f);
    if (k !== null) raw.set(k, Math.max(raw.get(k) ?? 0, w));
  }
  const nameKeys = new Set<string>();
  for (const f of own.nameKeys) {
    const k = key(f);
    if (k !== null) nameKeys.add(k);
  }
  const nameFeatures = new Set<string>();
  for (const f of own.nameFeatures) {
    const k = key(f);
    if (k !== null) nameFeatures.add(k);
  }
  if (expand) {
    const added = new Map<string, number>();
    for (const f of nameFeatures) {
      const w = raw.get(f)! * TUNING.related;
      for (const g of learned.related.get(f) ?? []) if (!raw.has(g)) added.set(g, Math.max(added.get(g) ?? 0, w));
    }
    for (const [g, w] of added) raw.set(g, w);
  }
  return { raw, nameKeys, nameFeatures };
}

// ---------------------------------------------------------------------------------------------
// Weights

export function nameIdsOf(index: OverlapIndex, keys: Set<string>): Int32Array {
  const ids: number[] = [];
  for (const k of keys) {
    const id = index.featureIds.get(k);
    if (id !== undefined) ids.push(id);
  }
  return Int32Array.from(ids.sort((a, b) => a - b));
}

/** The weighted unit vector of raw features; features the index has never seen count in the length only. */
export function vectorOf(index: OverlapIndex, raw: Map<string, number>): Vector {
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

/** Relearns from the registry, then rebuilds the postings and every vector. */
export function refresh(index: OverlapIndex): void {
  if (!index.stale) return;
  index.learned = learn(index);
  index.featureIds = new Map();
  index.featureNames = [];
  index.postings = [];
  for (let i = 0; i < index.entries.length; i++) {
    const e = index.entries[i];
    if (!e) continue;
    const { raw, nameKeys } = effective(index.learned, e);
    e.eff = raw;
    e.effNameKeys = nameKeys;
    for (const key of raw.keys()) {
      let id = index.featureIds.get(key);
      if (id === undefined) {
        index.featureIds.set(key, (id = index.featureNames.length));
        index.featureNames.push(key);
        index.postings.push([]);
      }
      index.postings[id].push(i);
    }
  }
  for (const e of index.entries) if (e) Object.assign(e, vectorOf(index, e.eff), { nameIds: nameIdsOf(index, e.effNameKeys) });
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

export type Scored = Pick<Entry, 'sys' | 'ids' | 'ws' | 'effNameKeys' | 'nameIds' | 'nameWords' | 'acronyms' | 'initials' | 'domains'>;

/** Share of a's name features that b has anywhere (name or purpose). */
function coverage(a: Scored, b: Vector): number {
  if (a.effNameKeys.size === 0) return 1;
  let hit = 0;
  for (let x = 0, y = 0; x < a.nameIds.length && y < b.ids.length; ) {
    const d = a.nameIds[x] - b.ids[y];
    if (d === 0) (hit++, x++, y++);
    else if (d < 0) x++;
    else y++;
  }
  return hit / a.effNameKeys.size;
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

export function capabilityAdjustment(a: Scored, b: Scored): number {
  const ca = a.sys.capabilities;
  const cb = b.sys.capabilities;
  if (ca.length === 0 || cb.length === 0) return 0;
  for (const c of ca) if (cb.includes(c)) return TUNING.sameCapability;
  for (const d of a.domains) if (b.domains.includes(d)) return TUNING.otherCapabilitySameDomain;
  return TUNING.otherDomain;
}

export function acronymLink(a: Scored, b: Scored): { acronym: string; expands: string } | null {
  if (b.initials && a.acronyms.includes(b.initials)) return { acronym: b.initials, expands: b.sys.name };
  if (a.initials && b.acronyms.includes(a.initials)) return { acronym: a.initials, expands: a.sys.name };
  return null;
}

/**
 * Resemblance plus capability agreement, scaled down when either name says something the other
 * system does not (a job is its object and its action: "forestry training" is not "forestry
 * inspection" even though the rare word "forestry" dominates their cosine).
 */
export function scorePair(a: Scored, b: Scored): number {
  let s = cosine(a, b) + capabilityAdjustment(a, b);
  const acronym = (a.acronyms.length > 0 || b.acronyms.length > 0) && acronymLink(a, b) !== null;
  if (acronym) s += TUNING.acronym;
  else {
    const cover = Math.min(coverage(a, b), coverage(b, a));
    if (cover < TUNING.fullCoverage) s *= 1 - TUNING.coveragePenalty * (1 - cover / TUNING.fullCoverage);
  }
  // Rounded so that the order features were first seen in (summation order) cannot tip a tie.
  return Math.round(Math.max(0, Math.min(1, s)) * 1e9) / 1e9;
}

// ---------------------------------------------------------------------------------------------
// Candidates

/**
 * Partial dot products of `q` with every indexed system after `after` sharing a feature, through
 * the postings. `maxDf` leaves out features too common to tell anything (they still count in the
 * full score); acronym ↔ initials matches become candidates with a nominal partial score.
 */
export function accumulate(index: OverlapIndex, q: Vector & Pick<Entry, 'acronyms' | 'initials'>, maxDf: number, acc: Float64Array, touched: number[], after = -1): void {
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

export const SHIFT = 4_194_304; // 2^22 systems at most; pair keys stay exact doubles
export const pairKey = (i: number, j: number) => (i < j ? i * SHIFT + j : j * SHIFT + i);
export const pairOf = (k: number): [number, number] => [Math.floor(k / SHIFT), k % SHIFT];

/** Cross-institution candidate pairs scoring at least `minScore`, keyed by pairKey, with their exact scores. */
export function candidatePairs(index: OverlapIndex, minScore = TUNING.threshold): Map<number, number> {
  const found = scoredCandidates(index, minScore);
  const out = new Map<number, number>();
  for (let k = 0; k < found.s.length; k++) out.set(pairKey(found.a[k], found.b[k]), found.s[k]);
  return out;
}

/** The same pairs as parallel arrays (positions in the index, a < b): no map of a hundred thousand keys to build. */
export function scoredCandidates(index: OverlapIndex, minScore = TUNING.threshold): { a: number[]; b: number[]; s: number[] } {
  refresh(index);
  const n = index.entries.length;
  const maxDf = Math.max(50, TUNING.maxDfShare * index.active);
  const acc = new Float64Array(n);
  const found = { a: [] as number[], b: [] as number[], s: [] as number[] };
  const touched: number[] = [];
  // The weight each system puts on features too common to generate candidates: by Cauchy–Schwarz
  // their share of a cosine is at most the product of two such norms, so a candidate whose partial
  // sum plus that bound plus its capability adjustment stays under minScore cannot reach it (the
  // coverage factor only lowers a score). Exact: it skips scoring, never a pair that would pass.
  const common = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const e = index.entries[i];
    if (!e) continue;
    let sq = 0;
    for (let k = 0; k < e.ids.length; k++) if (index.postings[e.ids[k]].length > maxDf) sq += e.ws[k] * e.ws[k];
    common[i] = Math.sqrt(sq);
  }
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
      if (partial + common[i] * common[j] + capabilityAdjustment(a, b) < minScore) continue;
      const s = scorePair(a, b);
      if (s >= minScore) (found.a.push(i), found.b.push(j), found.s.push(s));
    }
  }
  return found;
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
