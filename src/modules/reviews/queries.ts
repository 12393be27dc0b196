// Reads for the pages, the API and the letter: lists filtered by the caller's scope, one case with
// everything its page shows, and the authority's pipeline.
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.ts';
import { requireVisible } from '../../platform/auth/access.ts';
import { notFound } from '../../platform/http/errors.ts';
import { scopeFilter } from '../../platform/auth/scope.ts';
import { institutions } from '../reference/index.ts';
import { redline, type ClauseDiff } from '../library/index.ts';
import { systems } from '../portfolio/index.ts';
import { casePolicy, readScope } from './access.ts';
import { loadCase, missingOf, snapshotOf } from './cases.service.ts';
import { clockOf } from './clock.ts';
import { changesBetween, checklistScore, sumCosts, valueForMoney } from './rules.ts';
import type { Screening } from './screening.ts';
import {
  attachments, cases, clarifications, clauseComments, conditions, criteria, decisions, deficiencies, deficiencyEvents, documents, holidays, proposals, ratings, STAGES, submissions, type Stage,
} from './schema.ts';

export interface CaseRow {
  id: string;
  kind: string;
  title: string;
  institution: string;
  stage: Stage;
  outcome: string | null;
  dueOn: string | null;
  reviewerName: string | null;
  submittedAt: Date | null;
}

export async function listCases(ctx: Ctx, f: { stage?: string; limit?: number } = {}): Promise<CaseRow[]> {
  const stage = (STAGES as readonly string[]).includes(f.stage ?? '') ? (f.stage as Stage) : undefined;
  return ctx.q
    .select({ id: cases.id, kind: cases.kind, title: cases.title, institution: institutions.acronym, stage: cases.stage, outcome: cases.outcome, dueOn: cases.dueOn, reviewerName: cases.reviewerName, submittedAt: cases.submittedAt })
    .from(cases)
    .innerJoin(institutions, eq(institutions.id, cases.institutionId))
    .where(and(scopeFilter(readScope(ctx.actor), cases.institutionId), stage ? eq(cases.stage, stage) : undefined))
    .orderBy(desc(cases.updatedAt))
    .limit(f.limit ?? 500);
}

/** One case as its page and the API show it; 404 unless the caller may see it. */
export async function caseView(ctx: Ctx, id: string) {
  const c = requireVisible(ctx.actor, casePolicy, await loadCase(ctx, id).catch(() => null));
  const [inst] = await ctx.q.select().from(institutions).where(eq(institutions.id, c.institutionId));
  const [proposal] = c.kind === 'document' ? [null] : await ctx.q.select().from(proposals).where(eq(proposals.caseId, c.id));
  const [document] = c.kind === 'document' ? await ctx.q.select().from(documents).where(eq(documents.caseId, c.id)) : [null];
  const files = await ctx.q.select().from(attachments).where(eq(attachments.caseId, c.id)).orderBy(asc(attachments.uploadedAt));
  const crit = await ctx.q.select().from(criteria).where(eq(criteria.active, true)).orderBy(asc(criteria.position));
  const rated = await ctx.q.select().from(ratings).where(eq(ratings.caseId, c.id));
  const defs = await ctx.q.select().from(deficiencies).where(eq(deficiencies.caseId, c.id)).orderBy(asc(deficiencies.number));
  const events = defs.length ? await ctx.q.select().from(deficiencyEvents).where(inArray(deficiencyEvents.deficiencyId, defs.map((d) => d.id))).orderBy(asc(deficiencyEvents.id)) : [];
  const clar = await ctx.q.select().from(clarifications).where(eq(clarifications.caseId, c.id)).orderBy(asc(clarifications.askedAt));
  const [decision] = await ctx.q.select().from(decisions).where(eq(decisions.caseId, c.id));
  const conds = await ctx.q.select().from(conditions).where(eq(conditions.caseId, c.id)).orderBy(asc(conditions.number));
  const subs = await ctx.q.select().from(submissions).where(eq(submissions.caseId, c.id)).orderBy(desc(submissions.number)).limit(2);
  const comments = c.kind === 'document' ? await ctx.q.select().from(clauseComments).where(eq(clauseComments.caseId, c.id)).orderBy(asc(clauseComments.createdAt)) : [];
  const linked = [c.systemId, c.liveSystemId].filter((x): x is string => !!x);
  const sys = linked.length ? await ctx.q.select({ id: systems.id, code: systems.code, name: systems.name }).from(systems).where(inArray(systems.id, linked)) : [];
  const screening = (c.screening ?? null) as Screening | null;
  const best = (xs: number[]) => (xs.length ? Math.max(...xs) : null);
  const sharedOverlap = screening ? best(screening.overlaps.filter((o) => o.shared).map((o) => o.score)) ?? (screening.sharedCoverage.length ? 1 : null) : null;
  const vfm = proposal && proposal.costs.length
    ? valueForMoney({ costs: proposal.costs, usersCount: proposal.usersCount, sharedOverlap, otherOverlap: screening ? best(screening.overlaps.filter((o) => !o.shared).map((o) => o.score)) : null })
    : null;
  // What changed since the last submission: the current case against the last submitted copy (or the last two copies once submitted).
  const current = await snapshotOf(ctx, c);
  const changes = subs.length === 0 ? null : c.stage === 'draft' || c.stage === 'returned' ? changesBetween(subs[0].snapshot, current) : subs.length > 1 ? changesBetween(subs[1].snapshot, subs[0].snapshot) : null;
  let previous: { id: string; title: string; advisedClauses: { number: string; text: string }[] } | null = null;
  if (c.previousCaseId) {
    const [pc] = await ctx.q.select({ id: cases.id, title: cases.title }).from(cases).where(eq(cases.id, c.previousCaseId));
    const [pd] = await ctx.q.select().from(documents).where(eq(documents.caseId, c.previousCaseId));
    if (pc && pd) previous = { ...pc, advisedClauses: pd.advisedClauses ?? pd.clauses };
  }
  // A revised edition: its clauses against those the advice was given on (library's clause redline).
  let sinceAdvice: ClauseDiff[] | null = null;
  if (previous && document) {
    const asSection = (xs: { number: string; text: string }[]) => [{ id: 'doc', headingSw: '', headingEn: '', clauses: xs.map((x) => ({ id: x.number, textSw: `${x.number} ${x.text}`, textEn: `${x.number} ${x.text}` })) }];
    sinceAdvice = redline(asSection(previous.advisedClauses), asSection(document.clauses), 'en').flatMap((s) => s.clauses).filter((x) => x.kind !== 'same');
  }
  const implementsDocs = document?.implements.length
    ? ((await ctx.q.execute(sql`SELECT id, code, title_sw, title_en FROM library_documents WHERE id = ANY(${`{${document.implements.join(',')}}`}::uuid[]) ORDER BY code`)).rows as { id: string; code: string; title_sw: string; title_en: string }[])
    : [];
  return {
    case: c,
    institution: inst,
    proposal: proposal ?? null,
    document: document ?? null,
    attachments: files,
    criteria: crit,
    ratings: rated,
    score: checklistScore(crit, rated),
    deficiencies: defs.map((d) => ({ ...d, events: events.filter((e) => e.deficiencyId === d.id) })),
    clarifications: clar,
    decision: decision ?? null,
    conditions: conds,
    screening,
    vfm,
    missing: c.stage === 'draft' || c.stage === 'returned' ? await missingOf(ctx, c) : [],
    clock: await clockOf(ctx, c),
    changes,
    comments,
    previous,
    sinceAdvice,
    implementsDocs,
    system: sys.find((s) => s.id === c.systemId) ?? null,
    liveSystem: sys.find((s) => s.id === c.liveSystemId) ?? null,
    totals: proposal ? sumCosts(proposal.costs) : null,
  };
}
export type CaseView = Awaited<ReturnType<typeof caseView>>;

/**
 * Where a deficiency or a condition sits: its case and its number there, for the page that returns
 * to it (`#deficiency-2`). 404 when there is none or the caller may not see its case.
 */
export async function placeOf(ctx: Ctx, what: 'deficiency' | 'condition', id: string): Promise<{ caseId: string; number: number }> {
  const [row] = what === 'deficiency'
    ? await ctx.q.select({ caseId: deficiencies.caseId, number: deficiencies.number }).from(deficiencies).where(eq(deficiencies.id, id))
    : await ctx.q.select({ caseId: conditions.caseId, number: conditions.number }).from(conditions).where(eq(conditions.id, id));
  if (!row) throw notFound();
  requireVisible(ctx.actor, casePolicy, await loadCase(ctx, row.caseId));
  return row;
}

export async function reviewerChoices(ctx: Ctx, institutionId: string) {
  const rows = (await ctx.q.execute(sql`SELECT u.id, u.name FROM users u JOIN role_grants g ON g.user_id = u.id WHERE u.active AND g.role = 'authority_reviewer'
      AND NOT EXISTS (SELECT 1 FROM role_grants o WHERE o.user_id = u.id AND o.institution_id = ${institutionId}) ORDER BY u.name`)).rows as { id: string; name: string }[];
  return rows;
}

export async function libraryChoices(ctx: Ctx) {
  return (await ctx.q.execute(sql`SELECT id, code, title_sw, title_en FROM library_documents WHERE level IN (1, 2) ORDER BY code LIMIT 300`)).rows as { id: string; code: string; title_sw: string; title_en: string }[];
}

export async function holidayList(ctx: Ctx) {
  return ctx.q.select().from(holidays).orderBy(asc(holidays.day));
}

export async function criteriaList(ctx: Ctx) {
  return ctx.q.select().from(criteria).orderBy(asc(criteria.position));
}

/** The authority's pipeline: cases by stage, open proposals' capital by sector, upcoming spend by year, and what reviews saved. */
export async function pipeline(ctx: Ctx) {
  const scope = scopeFilter(readScope(ctx.actor), cases.institutionId);
  const byStage = await ctx.q.select({ stage: cases.stage, n: sql<number>`count(*)::int` }).from(cases).where(scope).groupBy(cases.stage);
  const rows = await ctx.q
    .select({ id: cases.id, title: cases.title, stage: cases.stage, outcome: cases.outcome, sector: institutions.sector, acronym: institutions.acronym, costs: proposals.costs, capex: proposals.capexTotal, screening: cases.screening, firstSubmittedAt: cases.firstSubmittedAt, dueOn: cases.dueOn })
    .from(cases)
    .innerJoin(institutions, eq(institutions.id, cases.institutionId))
    .innerJoin(proposals, eq(proposals.caseId, cases.id))
    .where(scope);
  const sector = new Map<string, number>();
  const years = new Map<number, number>();
  const saved: { id: string; title: string; institution: string; outcome: string; capex: number; overlaps: string }[] = [];
  const now = new Date();
  for (const r of rows) {
    const open = r.stage !== 'decided' && r.stage !== 'draft';
    const approved = r.outcome === 'approved' || r.outcome === 'approved_with_conditions';
    if (open) sector.set(r.sector || '—', (sector.get(r.sector || '—') ?? 0) + (r.capex ?? 0));
    if (open || approved) {
      const startYear = (r.firstSubmittedAt ?? now).getUTCFullYear() + 1;
      for (const y of r.costs) years.set(startYear + y.year - 1, (years.get(startYear + y.year - 1) ?? 0) + y.capex + y.opex);
    }
    const s = r.screening as Screening | null;
    const dup = s?.overlaps.filter((o) => o.score >= 0.65) ?? [];
    if (dup.length && (r.outcome === 'rejected' || r.outcome === 'approved_with_conditions') && s?.overlaps.some((o) => o.shared)) {
      saved.push({ id: r.id, title: r.title, institution: r.acronym, outcome: r.outcome!, capex: r.capex ?? sumCosts(r.costs).capex, overlaps: dup.map((o) => `${o.name} (${o.institution})`).join(', ') });
    } else if (dup.length && r.outcome === 'rejected') saved.push({ id: r.id, title: r.title, institution: r.acronym, outcome: r.outcome, capex: r.capex ?? sumCosts(r.costs).capex, overlaps: dup.map((o) => `${o.name} (${o.institution})`).join(', ') });
  }
  const [{ overdue }] = await ctx.q.select({ overdue: sql<number>`count(*)::int` }).from(cases).where(and(scope, sql`${cases.dueOn} < current_date AND ${cases.stage} IN ('submitted', 'in_review')`));
  return {
    byStage: STAGES.map((s) => ({ stage: s, n: byStage.find((b) => b.stage === s)?.n ?? 0 })),
    bySector: [...sector].sort((a, b) => b[1] - a[1]).map(([label, value]) => ({ label, value })),
    byYear: [...years].sort((a, b) => a[0] - b[0]).map(([y, value]) => ({ label: String(y), value })),
    saved,
    savedTotal: saved.reduce((s, x) => s + x.capex, 0),
    overdue,
  };
}
