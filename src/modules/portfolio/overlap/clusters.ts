// Clusters of overlapping systems (decision 0201): pairs at or above the threshold join groups
// best first, by average linkage so that a chain of pairwise resemblances does not swallow
// unrelated systems; reviewers' decisions are must-links and cannot-links. Also the reasons a
// pair or a cluster is shown with.
import crypto from 'node:crypto';
import type { Reason, Verdict } from './reasons.ts';
import { acronymLink, pairKey, pairOf, scoredCandidates, scorePair, TUNING, type OverlapIndex, type OverlapSystem, type Scored, type Vector } from './similarity.ts';

export interface Decision { a: string; b: string; verdict: Verdict }
export interface Pair { a: string; b: string; score: number; reasons: Reason[] }
export interface Cluster { id: string; score: number; capability: string | null; members: string[]; pairs: Pair[]; reasons: Reason[] }

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

export function reasonsFor(index: OverlapIndex, a: Scored, b: Scored): Reason[] {
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
function averageLink(index: OverlapIndex, g: Group, h: Group, known: Map<number, number>): number {
  let sum = 0;
  let count = 0;
  for (const i of sample(g.members, TUNING.linkageSample)) {
    for (const j of sample(h.members, TUNING.linkageSample)) {
      const a = index.entries[i]!;
      const b = index.entries[j]!;
      if (a.sys.institutionId === b.sys.institutionId) continue;
      const k = pairKey(i, j);
      let s = known.get(k);
      if (s === undefined) known.set(k, (s = scorePair(a, b)));
      sum += s;
      count++;
    }
  }
  return count ? sum / count : 1;
}

export function detect(index: OverlapIndex, decisions: readonly Decision[] = []): DetectResult {
  const found = scoredCandidates(index);
  const candidates = found.s.length;
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

  // Edges: decided overlaps first, then pairs above the threshold, best first; ties broken by
  // system ids (their rank in id order), not positions, so that the input order does not matter.
  const ei: number[] = [];
  const ej: number[] = [];
  const es: number[] = [];
  const ev: Verdict[] = [];
  for (const [k, v] of verdicts) {
    if (v === 'not_overlap') continue;
    const [i, j] = pairOf(k);
    ei.push(i), ej.push(j), es.push(scorePair(entries[i]!, entries[j]!)), ev.push(v);
  }
  const decidedEdges = ei.length;
  for (let k = 0; k < found.s.length; k++) {
    if (decidedEdges && verdicts.has(pairKey(found.a[k], found.b[k]))) continue;
    ei.push(found.a[k]), ej.push(found.b[k]), es.push(found.s[k]);
  }
  const rank = new Int32Array(entries.length);
  const live: number[] = [];
  entries.forEach((e, i) => e && live.push(i));
  live.sort((x, y) => (entries[x]!.sys.id < entries[y]!.sys.id ? -1 : 1)).forEach((i, r) => (rank[i] = r));
  const m = ei.length;
  const lo = new Int32Array(m);
  const hi = new Int32Array(m);
  for (let x = 0; x < m; x++) (lo[x] = Math.min(rank[ei[x]], rank[ej[x]])), (hi[x] = Math.max(rank[ei[x]], rank[ej[x]]));
  const decided = (x: number) => (x < decidedEdges ? 1 : 0);
  const order = Int32Array.from({ length: m }, (_, x) => x).sort((x, y) => decided(y) - decided(x) || es[y] - es[x] || lo[x] - lo[y] || hi[x] - hi[y]);

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
  const linkOf = (x: number): Pair => {
    const reasons = reasonsFor(index, entries[ei[x]]!, entries[ej[x]]!);
    const verdict = ev[x];
    if (verdict && verdict !== 'not_overlap') reasons.unshift({ kind: 'decision', verdict });
    return { a: entries[ei[x]]!.sys.id, b: entries[ej[x]]!.sys.id, score: round(es[x]), reasons };
  };
  const extra: Group[] = [];
  // Pair scores computed by linkage checks, each once.
  const known = new Map<number, number>();
  const refused = new Set<string>();
  for (const x of order) {
    const verdict = ev[x];
    const g = groupFor(ei[x]);
    const h = groupFor(ej[x]);
    if (g === h) {
      if (verdict) g.links.push(linkOf(x));
      continue;
    }
    if (blocked(g, h)) {
      // A decided overlap is always shown, even when its groups cannot merge.
      if (verdict) extra.push({ members: [ei[x], ej[x]], links: [linkOf(x)] });
      continue;
    }
    if (!verdict && (g.members.length > 1 || h.members.length > 1)) {
      // Once two groups failed to join, the same two (unchanged) groups are not tried again.
      const key = `${g.members[0]}:${g.members.length}|${h.members[0]}:${h.members.length}`;
      if (refused.has(key)) continue;
      if (averageLink(index, g, h, known) < TUNING.linkage) {
        refused.add(key);
        continue;
      }
    }
    const first = (k: Group) => entries[k.members[0]]!.sys.id;
    const gFirst = g.members.length > h.members.length || (g.members.length === h.members.length && first(g) < first(h));
    const [big, small] = gFirst ? [g, h] : [h, g];
    for (const i of small.members) {
      big.members.push(i);
      groupOf.set(i, big);
    }
    for (const l of small.links) big.links.push(l);
    big.links.push(linkOf(x));
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

export const round = (x: number) => Math.round(x * 1000) / 1000;
