// Reads of requirements and revisions for pages and the API. Requirement lists show what the
// caller may read of the documents they come from; revision lists what the caller's issuing bodies
// (or, for the authority's readers, every issuing body) have.
import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Ctx } from '../../../platform/context.ts';
import { requireVisible, scopeOf } from '../../../platform/auth/access.ts';
import { scopeFilter } from '../../../platform/auth/scope.ts';
import { containsPattern } from '../../../platform/db/sql-params.ts';
import { isUuid } from '../../../platform/input.ts';
import { notFound } from '../../../platform/http/errors.ts';
import { documents, editions, internalScope, words, type Part } from '../../library/index.ts';
import { institutions } from '../../reference/index.ts';
import { candidates, requirementVersions, requirements, revisions, type AppliesTo, type Candidate, type Obligation, type Revision } from '../schema.ts';
import { requirementPolicy, revisionPolicy, revisionScope } from './access.ts';
import { bucketsOf, type Outcome, type RequirementFields } from './rules.ts';
import { affectedBy, outcomesOf, touchedRequirementIds, type Affected } from './revision-impact.ts';

export const PAGE_SIZE = 50;

export interface RequirementFilters {
  q?: string;
  /** A document code (or id). */
  document?: string;
  group?: string;
  obligation?: string;
  appliesTo?: string;
  /** active (default), retired or all. */
  status?: string;
  page?: number;
  pageSize?: number;
}

export interface RequirementRow extends RequirementFields {
  documentCode: string;
  documentSlug: string;
  documentTitleSw: string;
  documentTitleEn: string;
  editionVersion: string;
  status: 'active' | 'retired';
  version: number;
  retiredAt: Date | null;
  retiredReason: string | null;
  updatedAt: Date;
}

const readable = (ctx: Ctx): SQL => sql`(${documents.audience} = 'public' OR ${scopeFilter(internalScope(ctx.actor), documents.issuerId)})`;

const rowColumns = {
  id: requirements.id,
  ref: requirements.ref,
  documentCode: documents.code,
  documentSlug: documents.slug,
  documentTitleSw: documents.titleSw,
  documentTitleEn: documents.titleEn,
  editionVersion: editions.version,
  clauseNumber: requirements.clauseNumber,
  textSw: requirements.textSw,
  textEn: requirements.textEn,
  obligation: requirements.obligation,
  groupCode: requirements.groupCode,
  appliesTo: requirements.appliesTo,
  conditions: requirements.conditions,
  status: requirements.status,
  version: requirements.version,
  retiredAt: requirements.retiredAt,
  retiredReason: requirements.retiredReason,
  updatedAt: requirements.updatedAt,
};

/** The requirements catalogue, filtered and paged, in document and clause order. */
export async function listRequirements(ctx: Ctx, f: RequirementFilters): Promise<{ total: number; page: number; pageSize: number; items: RequirementRow[] }> {
  const where: SQL[] = [readable(ctx)];
  const status = f.status === 'retired' || f.status === 'all' ? f.status : 'active';
  if (status !== 'all') where.push(eq(requirements.status, status));
  if (f.document?.trim()) where.push(isUuid(f.document) ? eq(documents.id, f.document) : sql`lower(${documents.code}) = lower(${f.document.trim()})`);
  if (f.group) where.push(eq(requirements.groupCode, f.group));
  if (f.obligation) where.push(eq(requirements.obligation, f.obligation as Obligation));
  if (f.appliesTo) where.push(eq(requirements.appliesTo, f.appliesTo as AppliesTo));
  if (f.q?.trim()) {
    const like = containsPattern(f.q.trim());
    where.push(sql`(${requirements.ref} ILIKE ${like} OR ${requirements.textSw} ILIKE ${like} OR ${requirements.textEn} ILIKE ${like})`);
  }
  const pageSize = Math.min(200, Math.max(1, f.pageSize ?? PAGE_SIZE));
  const page = Math.max(1, f.page ?? 1);
  const cond = and(...where);
  const [{ n }] = await ctx.q.select({ n: sql<number>`count(*)::int` }).from(requirements).innerJoin(documents, eq(documents.id, requirements.documentId)).where(cond);
  const items = await ctx.q
    .select(rowColumns)
    .from(requirements)
    .innerJoin(documents, eq(documents.id, requirements.documentId))
    .innerJoin(editions, eq(editions.id, requirements.editionId))
    .where(cond)
    .orderBy(asc(documents.code), sql`string_to_array(regexp_replace(${requirements.clauseNumber}, '[^0-9.]', '', 'g'), '.')::int[]`, asc(requirements.ref))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  return { total: n, page, pageSize, items };
}

/** The standards that have requirements the caller may read (for the catalogue's filter). */
export async function standardsWithRequirements(ctx: Ctx): Promise<{ code: string; titleSw: string; titleEn: string }[]> {
  return ctx.q
    .selectDistinct({ code: documents.code, titleSw: documents.titleSw, titleEn: documents.titleEn })
    .from(documents)
    .innerJoin(requirements, eq(requirements.documentId, documents.id))
    .where(readable(ctx))
    .orderBy(asc(documents.code));
}

export interface RequirementView {
  requirement: RequirementRow;
  document: { id: string; code: string; slug: string; titleSw: string; titleEn: string; issuer: string };
  versions: { version: number; editionVersion: string; textSw: string; textEn: string; obligation: Obligation; createdAt: Date }[];
}

/** One requirement with the history of its text (404 unless its document is readable to the caller). */
export async function requirementView(ctx: Ctx, id: string): Promise<RequirementView> {
  if (!isUuid(id)) throw notFound();
  const [row] = await ctx.q
    .select({ ...rowColumns, documentId: documents.id, issuerId: documents.issuerId, audience: documents.audience, issuer: institutions.acronym })
    .from(requirements)
    .innerJoin(documents, eq(documents.id, requirements.documentId))
    .innerJoin(editions, eq(editions.id, requirements.editionId))
    .innerJoin(institutions, eq(institutions.id, documents.issuerId))
    .where(eq(requirements.id, id));
  requireVisible(ctx.actor, requirementPolicy, row);
  const versions = await ctx.q
    .select({ version: requirementVersions.version, editionVersion: editions.version, textSw: requirementVersions.textSw, textEn: requirementVersions.textEn, obligation: requirementVersions.obligation, createdAt: requirementVersions.createdAt })
    .from(requirementVersions)
    .innerJoin(editions, eq(editions.id, requirementVersions.editionId))
    .where(eq(requirementVersions.requirementId, id))
    .orderBy(desc(requirementVersions.version));
  const { documentId, issuerId: _i, audience: _a, issuer, ...requirement } = row!;
  return { requirement, document: { id: documentId, code: row!.documentCode, slug: row!.documentSlug, titleSw: row!.documentTitleSw, titleEn: row!.documentTitleEn, issuer }, versions };
}

export interface RevisionRow {
  id: string;
  status: Revision['status'];
  documentCode: string;
  documentSlug: string;
  documentTitleSw: string;
  documentTitleEn: string;
  issuer: string;
  editionVersion: string;
  previousVersion: string | null;
  createdAt: Date;
  appliedAt: Date | null;
  transitionDeadline: string | null;
  candidates: number;
  undecided: number;
}

/** Revisions the caller sees, open ones first, newest first. */
export async function listRevisions(ctx: Ctx, f: { status?: string; page?: number; pageSize?: number }): Promise<{ total: number; page: number; pageSize: number; items: RevisionRow[] }> {
  const where: SQL[] = [scopeFilter(revisionScope(ctx.actor), documents.issuerId)];
  if (f.status === 'open' || f.status === 'applied' || f.status === 'dismissed') where.push(eq(revisions.status, f.status));
  const pageSize = Math.min(200, Math.max(1, f.pageSize ?? PAGE_SIZE));
  const page = Math.max(1, f.page ?? 1);
  const cond = and(...where);
  const [{ n }] = await ctx.q.select({ n: sql<number>`count(*)::int` }).from(revisions).innerJoin(documents, eq(documents.id, revisions.documentId)).where(cond);
  const prev = sql`(SELECT version FROM library_editions WHERE id = ${revisions.previousEditionId})`;
  const items = await ctx.q
    .select({
      id: revisions.id,
      status: revisions.status,
      documentCode: documents.code,
      documentSlug: documents.slug,
      documentTitleSw: documents.titleSw,
      documentTitleEn: documents.titleEn,
      issuer: institutions.acronym,
      editionVersion: editions.version,
      previousVersion: sql<string | null>`${prev}`,
      createdAt: revisions.createdAt,
      appliedAt: revisions.appliedAt,
      transitionDeadline: revisions.transitionDeadline,
      candidates: sql<number>`(SELECT count(*)::int FROM compliance_candidates c WHERE c.revision_id = ${revisions.id})`,
      undecided: sql<number>`(SELECT count(*)::int FROM compliance_candidates c WHERE c.revision_id = ${revisions.id} AND c.decision = 'proposed')`,
    })
    .from(revisions)
    .innerJoin(documents, eq(documents.id, revisions.documentId))
    .innerJoin(editions, eq(editions.id, revisions.editionId))
    .innerJoin(institutions, eq(institutions.id, documents.issuerId))
    .where(cond)
    .orderBy(sql`${revisions.status} = 'open' DESC`, desc(revisions.createdAt))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  return { total: n, page, pageSize, items };
}

async function revisionRow(ctx: Ctx, id: string): Promise<RevisionRow & { issuerId: string; documentId: string; revision: number; editionId: string }> {
  if (!isUuid(id)) throw notFound();
  const r = await ctx.q
    .select({ rev: revisions, doc: documents, edition: editions, issuer: institutions.acronym })
    .from(revisions)
    .innerJoin(documents, eq(documents.id, revisions.documentId))
    .innerJoin(editions, eq(editions.id, revisions.editionId))
    .innerJoin(institutions, eq(institutions.id, documents.issuerId))
    .where(eq(revisions.id, id));
  const row = r[0];
  if (!row) throw notFound();
  requireVisible(ctx.actor, revisionPolicy, { issuerId: row.doc.issuerId, status: row.rev.status });
  const [prev] = row.rev.previousEditionId ? await ctx.q.select({ version: editions.version }).from(editions).where(eq(editions.id, row.rev.previousEditionId)) : [];
  const counts = await ctx.q.select({ decision: candidates.decision, n: sql<number>`count(*)::int` }).from(candidates).where(eq(candidates.revisionId, id)).groupBy(candidates.decision);
  return {
    id: row.rev.id,
    status: row.rev.status,
    revision: row.rev.revision,
    documentId: row.doc.id,
    editionId: row.edition.id,
    issuerId: row.doc.issuerId,
    documentCode: row.doc.code,
    documentSlug: row.doc.slug,
    documentTitleSw: row.doc.titleSw,
    documentTitleEn: row.doc.titleEn,
    issuer: row.issuer,
    editionVersion: row.edition.version,
    previousVersion: prev?.version ?? null,
    createdAt: row.rev.createdAt,
    appliedAt: row.rev.appliedAt,
    transitionDeadline: row.rev.transitionDeadline,
    candidates: counts.reduce((s, c) => s + c.n, 0),
    undecided: counts.find((c) => c.decision === 'proposed')?.n ?? 0,
  };
}

export interface CandidateView extends Candidate {
  outcome: Outcome;
  /** The requirement as it is now (for changed, unchanged and removed candidates). */
  current: { textSw: string; textEn: string; obligation: Obligation; version: number } | null;
}

export interface RevisionView {
  revision: Awaited<ReturnType<typeof revisionRow>>;
  candidates: CandidateView[];
  total: number;
  page: number;
  pageSize: number;
}

/** A revision with a page of its candidates (filtered by change or decision). */
export async function revisionView(ctx: Ctx, id: string, f: { change?: string; decision?: string; page?: number; pageSize?: number } = {}): Promise<RevisionView> {
  const revision = await revisionRow(ctx, id);
  const all = await outcomesOf(ctx.q, id);
  const filtered = all.filter((x) => (!f.change || x.candidate.change === f.change) && (!f.decision || x.candidate.decision === f.decision));
  const pageSize = Math.min(500, Math.max(1, f.pageSize ?? PAGE_SIZE));
  const page = Math.max(1, f.page ?? 1);
  const items = filtered.slice((page - 1) * pageSize, page * pageSize).map((x) => ({
    ...x.candidate,
    outcome: x.outcome,
    current: x.requirement ? { textSw: x.requirement.textSw, textEn: x.requirement.textEn, obligation: x.requirement.obligation, version: x.requirement.version } : null,
  }));
  return { revision, candidates: items, total: filtered.length, page, pageSize };
}

/** One candidate of a revision, for its review page. */
export async function candidateView(ctx: Ctx, revisionId: string, candidateId: string): Promise<{ revision: RevisionView['revision']; candidate: CandidateView }> {
  const revision = await revisionRow(ctx, revisionId);
  if (!isUuid(candidateId)) throw notFound();
  const x = (await outcomesOf(ctx.q, revisionId)).find((c) => c.candidate.id === candidateId);
  if (!x) throw notFound();
  return { revision, candidate: { ...x.candidate, outcome: x.outcome, current: x.requirement ? { textSw: x.requirement.textSw, textEn: x.requirement.textEn, obligation: x.requirement.obligation, version: x.requirement.version } : null } };
}

export interface PreviewItem {
  candidateId: string;
  ref: string;
  clauseNumber: string | null;
  change: Candidate['change'];
  obligation: Obligation | null;
  /** Word diff of the requirement's text as it is now against what it becomes (in the caller's language); for changed requirements. */
  diff: { sw: Part[]; en: Part[] } | null;
  text: { sw: string; en: string };
}

export interface Preview {
  revision: RevisionView['revision'];
  buckets: Record<Outcome, PreviewItem[]>;
  affected: Affected;
}

/** What applying the revision would do now: requirements by outcome (with word diffs of changed text), and who it touches. */
export async function previewRevision(ctx: Ctx, input: { revisionId: string }): Promise<Preview> {
  const revision = await revisionRow(ctx, input.revisionId);
  const items = await outcomesOf(ctx.q, revision.id);
  const buckets = bucketsOf(items, (x) => x.outcome);
  const present = (x: (typeof items)[number]): PreviewItem => ({
    candidateId: x.candidate.id,
    ref: x.candidate.ref,
    clauseNumber: x.candidate.clauseNumber,
    change: x.candidate.change,
    obligation: x.candidate.obligation,
    diff: x.outcome === 'changed' && x.requirement ? { sw: words(x.requirement.textSw, x.candidate.textSw), en: words(x.requirement.textEn, x.candidate.textEn) } : null,
    text: { sw: x.candidate.textSw, en: x.candidate.textEn },
  });
  const out = Object.fromEntries(Object.entries(buckets).map(([k, v]) => [k, v.map(present)])) as Record<Outcome, PreviewItem[]>;
  return { revision, buckets: out, affected: await affectedBy(ctx.q, revision.documentId, touchedRequirementIds(items)) };
}

/** In-force level-1 and level-2 editions of the caller's issuing bodies that have no revision yet: what "propose requirements" offers. */
export async function proposableEditions(ctx: Ctx): Promise<{ editionId: string; code: string; version: string; titleSw: string; titleEn: string }[]> {
  const scope = scopeOf(ctx.actor, 'compliance:requirements');
  return ctx.q
    .select({ editionId: editions.id, code: documents.code, version: editions.version, titleSw: documents.titleSw, titleEn: documents.titleEn })
    .from(editions)
    .innerJoin(documents, eq(documents.id, editions.documentId))
    .where(and(eq(editions.status, 'in_force'), inArray(documents.level, [1, 2]), scopeFilter(scope, documents.issuerId), sql`NOT EXISTS (SELECT 1 FROM compliance_revisions r WHERE r.edition_id = ${editions.id})`))
    .orderBy(asc(documents.code));
}
