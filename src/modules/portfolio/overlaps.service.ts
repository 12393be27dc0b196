// Duplicate and overlap detection over the whole registry (the engine is overlap/engine.ts, pure).
// Results are computed in the background whenever the registry changes (registry.ts queues the job)
// and stored whole; ensureFresh() computes first when they are stale, so nobody reads old clusters.
import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { Database } from '../../platform/db/database.ts';
import { command, type Ctx } from '../../platform/context.ts';
import { authorize } from '../../platform/auth/access.ts';
import { invalid, notFound } from '../../platform/http/errors.ts';
import { isUuid } from '../../platform/input.ts';
import { institutions } from '../reference/index.ts';
import { buildIndex, checkOne, detect, type Decision, type OverlapSystem, type Reason } from './overlap/engine.ts';
import { readScope, systemPolicy } from './access.ts';
import { scopeFilter } from '../../platform/auth/scope.ts';
import { overlapClusters, overlapDecisions, portfolioState, systems, VERDICTS, type Verdict } from './schema.ts';
import { registryChanged } from './registry.ts';
import { audit } from './audit-events.ts';

type Q = Ctx['q'];

async function registryForEngine(q: Q): Promise<OverlapSystem[]> {
  const rows = await q
    .select({
      id: systems.id, institutionId: systems.institutionId, code: systems.code, name: systems.name, nameSw: systems.nameSw, nameEn: systems.nameEn,
      purpose: systems.purpose, capabilities: systems.capabilities, sharedSystemId: systems.sharedSystemId, usesSystemId: systems.usesSystemId, lifecycle: systems.lifecycle,
    })
    .from(systems);
  return rows.map((r) => ({ ...r, isShared: r.sharedSystemId !== null, usesSharedSystemId: r.usesSystemId }));
}

async function decisions(q: Q): Promise<Decision[]> {
  return (await q.select().from(overlapDecisions)).map((d) => ({ a: d.systemA, b: d.systemB, verdict: d.verdict }));
}

/** Computes the clusters from the registry as it is now and stores them; returns how long it took. */
export async function computeOverlaps(db: Database): Promise<{ clusters: number; ms: number }> {
  // Repeat while the registry moved on during the computation, so the stored version is exact.
  for (let round = 0; ; round++) {
    const started = performance.now();
    const [state] = await db.orm.select().from(portfolioState).where(eq(portfolioState.id, 1));
    const index = buildIndex(await registryForEngine(db.orm));
    const { clusters } = detect(index, await decisions(db.orm));
    const ms = Math.round(performance.now() - started);
    const stored = await db.orm.transaction(async (tx) => {
      const [now] = await tx.select().from(portfolioState).where(eq(portfolioState.id, 1)).for('update');
      if (now.registryVersion !== state.registryVersion && round < 3) return false;
      await tx.delete(overlapClusters);
      for (let i = 0; i < clusters.length; i += 500) {
        await tx.insert(overlapClusters).values(
          clusters.slice(i, i + 500).map((c) => ({ id: c.id, score: c.score, capability: c.capability, members: c.members, pairs: c.pairs, reasons: c.reasons })),
        );
      }
      await tx.update(portfolioState).set({ computedVersion: state.registryVersion, computedAt: new Date(), computeMs: ms }).where(eq(portfolioState.id, 1));
      return true;
    });
    if (stored) return { clusters: clusters.length, ms };
  }
}

/** Computes first when the registry changed since the last run (CLI, API): never serves stale clusters. */
export async function ensureFresh(db: Database): Promise<void> {
  const [s] = await db.orm.select().from(portfolioState).where(eq(portfolioState.id, 1));
  if (!s || s.computedVersion < s.registryVersion) await computeOverlaps(db);
}

export async function overlapState(ctx: Ctx) {
  const [s] = await ctx.q.select().from(portfolioState).where(eq(portfolioState.id, 1));
  return { stale: s.computedVersion < s.registryVersion, computedAt: s.computedAt, computeMs: s.computeMs };
}

export interface ClusterMember {
  id: string;
  institution: string;
  institutionId: string;
  code: string;
  name: string;
  shared: boolean;
}

export interface ClusterView {
  id: string;
  score: number;
  capability: string | null;
  systems: ClusterMember[];
  reasons: Reason[];
  pairs: { a: string; b: string; score: number; reasons: Reason[]; verdict: Verdict | null }[];
  /** The decision that covers every pair, when the reviewers decided the whole cluster one way. */
  verdict: Verdict | null;
}

async function members(q: Q, ids: string[]): Promise<Map<string, ClusterMember>> {
  if (ids.length === 0) return new Map();
  const rows = await q
    .select({ id: systems.id, institution: institutions.acronym, institutionId: systems.institutionId, code: systems.code, name: systems.name, shared: sql<boolean>`${systems.sharedSystemId} IS NOT NULL` })
    .from(systems)
    .innerJoin(institutions, eq(institutions.id, systems.institutionId))
    .where(sql`${systems.id} = ANY(${`{${ids.join(',')}}`}::uuid[])`);
  return new Map(rows.map((r) => [r.id, r]));
}

const pairKey = (a: string, b: string) => (a < b ? `${a}|${b}` : `${b}|${a}`);

/** Only the clusters with a member the caller may read the details of (readScope): an institution's staff see their own systems' clusters. */
function inScope(ctx: Ctx): SQL {
  const scope = readScope(ctx.actor);
  return scope.all ? sql`TRUE` : sql`EXISTS (SELECT 1 FROM portfolio_systems s WHERE s.id = ANY(${overlapClusters.members}) AND ${scopeFilter(scope, sql`s.institution_id`)})`;
}

/**
 * The stored clusters, best first, with their members named and the decisions on their pairs.
 * `systemId` narrows to the clusters a system belongs to, `scoped` to those the caller's institution
 * takes part in; `limit` and `offset` page them. Pairs decided "not an overlap" are left out, and a
 * cluster left with fewer than two systems is dropped.
 */
export async function clusters(ctx: Ctx, opts: { systemId?: string; scoped?: boolean; limit?: number; offset?: number } = {}): Promise<ClusterView[]> {
  const rows = await ctx.q
    .select()
    .from(overlapClusters)
    .where(and(opts.systemId ? sql`${opts.systemId}::uuid = ANY(${overlapClusters.members})` : sql`TRUE`, opts.scoped ? inScope(ctx) : sql`TRUE`))
    .orderBy(sql`${overlapClusters.score} DESC`, overlapClusters.id)
    .limit(opts.limit ?? 500)
    .offset(opts.offset ?? 0);
  const decided = new Map((await ctx.q.select().from(overlapDecisions)).map((d) => [pairKey(d.systemA, d.systemB), d.verdict]));
  const named = await members(ctx.q, [...new Set(rows.flatMap((r) => r.members))]);
  const out: ClusterView[] = [];
  for (const r of rows) {
    const pairs = (r.pairs as { a: string; b: string; score: number; reasons: Reason[] }[])
      .map((p) => ({ ...p, verdict: decided.get(pairKey(p.a, p.b)) ?? null }))
      .filter((p) => p.verdict !== 'not_overlap');
    const ids = [...new Set(pairs.flatMap((p) => [p.a, p.b]))].filter((id) => named.has(id));
    if (ids.length < 2) continue;
    const verdicts = new Set(pairs.map((p) => p.verdict));
    out.push({
      id: r.id,
      score: r.score,
      capability: r.capability,
      systems: ids.map((id) => named.get(id)!),
      reasons: r.reasons as Reason[],
      pairs,
      verdict: verdicts.size === 1 ? [...verdicts][0] : null,
    });
  }
  return out;
}

/** How many clusters clusters() would page through with the same `scoped`. */
export async function clusterCount(ctx: Ctx, opts: { scoped?: boolean } = {}): Promise<number> {
  const [{ n }] = await ctx.q.select({ n: sql<number>`count(*)::int` }).from(overlapClusters).where(opts.scoped ? inScope(ctx) : sql`TRUE`);
  return n;
}

/** Reuse advice for a system being registered: shared systems and other institutions' systems doing the same job. */
export async function reuseAdvice(ctx: Ctx, candidate: { institutionId: string; name: string; nameSw?: string; nameEn?: string; purpose?: string; capabilities?: string[]; sharedSystem?: string | null }, limit = 8) {
  if (candidate.sharedSystem) return [];
  const index = buildIndex(await registryForEngine(ctx.q));
  const matches = checkOne(
    index,
    { id: 'candidate', code: '', institutionId: candidate.institutionId, name: candidate.name, nameSw: candidate.nameSw ?? '', nameEn: candidate.nameEn ?? '', purpose: candidate.purpose ?? '', capabilities: candidate.capabilities ?? [], isShared: false, usesSharedSystemId: null, lifecycle: 'planned' },
    limit,
  );
  const named = await members(ctx.q, matches.map((m) => m.id));
  return matches.filter((m) => named.has(m.id)).map((m) => ({ ...named.get(m.id)!, score: m.score, reasons: m.reasons }));
}

/** A reviewer's decision on every pair of a cluster (or one pair), kept for every later run. */
export const decideOverlap = command(async (ctx, input: { systemIds: string[]; verdict: string; note?: string }) => {
  if (!(VERDICTS as readonly string[]).includes(input.verdict)) throw invalid({ verdict: 'portfolio.field.status' });
  const ids = [...new Set(input.systemIds)].filter(isUuid);
  if (ids.length < 2) throw notFound();
  const found = await ctx.tx.select({ id: systems.id, institutionId: systems.institutionId }).from(systems).where(sql`${systems.id} = ANY(${`{${ids.join(',')}}`}::uuid[])`);
  if (found.length !== ids.length) throw notFound();
  for (const s of found) authorize(ctx.actor, systemPolicy, 'decideOverlap', s);
  const verdict = input.verdict as Verdict;
  for (let i = 0; i < ids.length; i++) {
    for (let j = i + 1; j < ids.length; j++) {
      const [a, b] = ids[i] < ids[j] ? [ids[i], ids[j]] : [ids[j], ids[i]];
      await ctx.tx
        .insert(overlapDecisions)
        .values({ systemA: a, systemB: b, verdict, note: input.note?.trim().slice(0, 1000) ?? '', decidedBy: ctx.source.actorLabel })
        .onConflictDoUpdate({ target: [overlapDecisions.systemA, overlapDecisions.systemB], set: { verdict, note: input.note?.trim().slice(0, 1000) ?? '', decidedBy: ctx.source.actorLabel, decidedAt: new Date() } });
    }
  }
  // Decisions change what the clusters are: recompute.
  await registryChanged(ctx);
  await audit(ctx, 'portfolio.overlap.decide', { details: { systems: ids, verdict } });
  return { verdict, systems: ids.length };
});

