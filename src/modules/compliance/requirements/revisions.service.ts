// Requirement revisions: proposing candidates from an in-force edition and an author's decision on
// each (applying the decided revision is in apply-revision.service.ts, what it affects in
// revision-impact.ts). See docs/compliance/requirements.md and decisions 0301–0304.
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { command, type Ctx, type TxCtx } from '../../../platform/context.ts';
import { authorize } from '../../../platform/auth/access.ts';
import { AppError, invalid, notFound } from '../../../platform/http/errors.ts';
import { isUuid } from '../../../platform/input.ts';
import { documents, editions, type Document, type Edition, type Section } from '../../library/index.ts';
import { architectureGroups } from '../../reference/index.ts';
import { candidates, requirements, revisions, type Candidate, type Revision } from '../schema.ts';
import { proposePolicy, revisionPolicy } from './access.ts';
import { confirmProblems, numberedClauses, planCandidates, rejectProblems, tidyConditions, type CandidateEdits, type CurrentRequirement } from './rules.ts';
import { audit } from '../audit-events.ts';

const conflict = (current: number) => new AppError(409, 'compliance.req.conflict', undefined, undefined, { current: { revision: current } });

async function loadEditionRow(q: Ctx['q'], editionId: string): Promise<{ doc: Document; edition: Edition }> {
  if (!isUuid(editionId)) throw notFound();
  const [row] = await q.select({ doc: documents, edition: editions }).from(editions).innerJoin(documents, eq(documents.id, editions.documentId)).where(eq(editions.id, editionId));
  if (!row) throw notFound();
  return row;
}

/** Why requirements cannot be proposed from this edition (409), or null. */
function proposeProblem(doc: Document, edition: Edition) {
  if (doc.level !== 1 && doc.level !== 2) return 'compliance.req.error.level' as const;
  if (edition.status !== 'in_force') return 'compliance.req.error.notInForce' as const;
  return null;
}

/** Opens the edition's revision (or returns the one it has). Shared by the author's command and the in-force job. */
async function openRevision(ctx: TxCtx, doc: Document, edition: Edition): Promise<{ revision: Revision; created: boolean }> {
  const [existing] = await ctx.tx.select().from(revisions).where(eq(revisions.editionId, edition.id));
  if (existing) return { revision: existing, created: false };
  // One revision per document at a time: an older open one is overtaken by the newer edition.
  await ctx.tx.update(revisions).set({ status: 'dismissed', revision: sql`${revisions.revision} + 1` }).where(and(eq(revisions.documentId, doc.id), eq(revisions.status, 'open')));
  const active = await ctx.tx.select().from(requirements).where(and(eq(requirements.documentId, doc.id), eq(requirements.status, 'active'))).orderBy(asc(requirements.ref));
  const sourceEditionIds = [...new Set(active.map((r) => r.editionId))];
  const sources = sourceEditionIds.length ? await ctx.tx.select({ id: editions.id, content: editions.content }).from(editions).where(inArray(editions.id, sourceEditionIds)) : [];
  const clauseText = new Map<string, { textSw: string; textEn: string }>();
  for (const e of sources) for (const s of e.content as Section[]) for (const c of s.clauses) clauseText.set(`${e.id}/${c.id}`, { textSw: c.textSw.trim(), textEn: c.textEn.trim() });
  const current: CurrentRequirement[] = active.map((r) => ({ ...r, source: clauseText.get(`${r.editionId}/${r.clauseId}`) ?? null }));
  const taken = await ctx.tx.select({ ref: requirements.ref }).from(requirements).where(eq(requirements.documentId, doc.id));
  const plan = planCandidates({ documentCode: doc.code, groupCode: doc.groupCode, clauses: numberedClauses(edition.content), current, takenRefs: new Set(taken.map((t) => t.ref.toLowerCase())) });
  // The edition most current requirements come from is the one this revision moves away from.
  const counts = new Map<string, number>();
  for (const r of active) counts.set(r.editionId, (counts.get(r.editionId) ?? 0) + 1);
  const previous = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
  const [revision] = await ctx.tx.insert(revisions).values({ documentId: doc.id, editionId: edition.id, previousEditionId: previous }).returning();
  if (plan.length) await ctx.tx.insert(candidates).values(plan.map((c) => ({ ...c, revisionId: revision!.id })));
  const tally = (k: string) => plan.filter((c) => c.change === k).length;
  await audit(ctx, 'compliance.revision.propose', {
    entityId: revision!.id,
    institutionId: doc.issuerId,
    details: { code: doc.code, version: edition.version, added: tally('added'), changed: tally('changed'), unchanged: tally('unchanged'), removed: tally('removed') },
  });
  return { revision: revision!, created: true };
}

/**
 * Proposes requirements from an in-force level-1 or level-2 edition: one candidate per clause,
 * compared with the document's current requirements. Idempotent: an edition has one revision.
 */
export const proposeRequirements = command(async (ctx, input: { editionId: string }) => {
  const { doc, edition } = await loadEditionRow(ctx.tx, input.editionId);
  authorize(ctx.actor, proposePolicy, 'propose', { issuerId: doc.issuerId, audience: doc.audience });
  const problem = proposeProblem(doc, edition);
  if (problem) throw new AppError(409, problem);
  await ctx.tx.select({ id: documents.id }).from(documents).where(eq(documents.id, doc.id)).for('update');
  return openRevision(ctx, doc, edition);
});

/** The background job's entry (no person acting): does nothing for editions that are not eligible. */
export const proposeForInForceEdition = command(async (ctx, input: { editionId: string }) => {
  const { doc, edition } = await loadEditionRow(ctx.tx, input.editionId);
  if (proposeProblem(doc, edition)) return null;
  await ctx.tx.select({ id: documents.id }).from(documents).where(eq(documents.id, doc.id)).for('update');
  return (await openRevision(ctx, doc, edition)).revision;
});

/** The revision with its document, locked for a change, authorized for `action`, at the revision the caller started from. */
export async function lockRevision(ctx: TxCtx, revisionId: string, action: 'decide' | 'apply', expected: number) {
  if (!isUuid(revisionId)) throw notFound();
  const [row] = await ctx.tx.select({ rev: revisions, doc: documents }).from(revisions).innerJoin(documents, eq(documents.id, revisions.documentId)).where(eq(revisions.id, revisionId)).for('update', { of: revisions });
  if (!row) throw notFound();
  authorize(ctx.actor, revisionPolicy, action, { issuerId: row.doc.issuerId, status: row.rev.status });
  if (row.rev.revision !== expected) throw conflict(row.rev.revision);
  return row;
}

async function groupCodes(ctx: Ctx): Promise<string[]> {
  return (await ctx.q.select({ code: architectureGroups.code }).from(architectureGroups)).map((g) => g.code);
}

export interface DecisionInput {
  revisionId: string;
  candidateId: string;
  /** The revision's `revision` the decision was made on; another decision since then gives 409. */
  revision: number;
  decision: 'confirm' | 'reject';
  reason?: string;
  edits?: CandidateEdits;
}

/** Confirms (with the author's edits) or rejects one candidate. Nothing becomes a requirement until the revision is applied. */
export const decideCandidate = command(async (ctx, input: DecisionInput): Promise<{ candidate: Candidate; revision: number }> => {
  const { rev, doc } = await lockRevision(ctx, input.revisionId, 'decide', input.revision);
  if (!isUuid(input.candidateId)) throw notFound();
  const [cand] = await ctx.tx.select().from(candidates).where(and(eq(candidates.id, input.candidateId), eq(candidates.revisionId, rev.id)));
  if (!cand) throw notFound();
  const now = new Date();
  let set: Partial<typeof candidates.$inferInsert>;
  if (input.decision === 'reject') {
    if (cand.change === 'removed') throw new AppError(409, 'compliance.req.error.removedReject');
    const e = rejectProblems(input.reason);
    if (Object.keys(e).length) throw invalid(e);
    set = { decision: 'rejected', decisionReason: input.reason!.trim(), decidedBy: ctx.actor?.userId ?? null, decidedAt: now };
  } else {
    const x = input.edits ?? {};
    const final = {
      textSw: (x.textSw ?? cand.textSw).trim(),
      textEn: (x.textEn ?? cand.textEn).trim(),
      obligation: x.obligation !== undefined ? x.obligation || null : cand.obligation,
      groupCode: x.groupCode !== undefined ? x.groupCode || null : cand.groupCode,
      appliesTo: x.appliesTo !== undefined ? x.appliesTo || null : cand.appliesTo,
      conditions: tidyConditions(x.conditions ?? cand.conditions),
    };
    // A removed requirement's candidate only acknowledges the removal: its values are not edited.
    const e = cand.change === 'removed' ? {} : confirmProblems(final, await groupCodes(ctx));
    if (Object.keys(e).length) throw invalid(e);
    set = {
      ...(cand.change === 'removed' ? {} : (final as Partial<typeof candidates.$inferInsert>)),
      decision: 'confirmed',
      decisionReason: input.reason?.trim() ? input.reason.trim().slice(0, 1000) : null,
      decidedBy: ctx.actor?.userId ?? null,
      decidedAt: now,
    };
  }
  const [updated] = await ctx.tx.update(candidates).set(set).where(eq(candidates.id, cand.id)).returning();
  const [r] = await ctx.tx.update(revisions).set({ revision: sql`${revisions.revision} + 1` }).where(eq(revisions.id, rev.id)).returning({ revision: revisions.revision });
  await audit(ctx, `compliance.candidate.${input.decision}`, {
    entityId: cand.id,
    institutionId: doc.issuerId,
    details: { ref: cand.ref, change: cand.change, ...(input.decision === 'reject' ? { reason: set.decisionReason } : { obligation: updated!.obligation, appliesTo: updated!.appliesTo }) },
  });
  return { candidate: updated!, revision: r!.revision };
});

/** Confirms, in one step, every undecided candidate whose clause did not change: they carry over as they are. */
export const confirmUnchanged = command(async (ctx, input: { revisionId: string; revision: number }): Promise<{ confirmed: number; revision: number }> => {
  const { rev, doc } = await lockRevision(ctx, input.revisionId, 'decide', input.revision);
  const rows = await ctx.tx
    .update(candidates)
    .set({ decision: 'confirmed', decidedBy: ctx.actor?.userId ?? null, decidedAt: new Date() })
    .where(and(eq(candidates.revisionId, rev.id), eq(candidates.change, 'unchanged'), eq(candidates.decision, 'proposed')))
    .returning({ id: candidates.id });
  const [r] = await ctx.tx.update(revisions).set({ revision: sql`${revisions.revision} + 1` }).where(eq(revisions.id, rev.id)).returning({ revision: revisions.revision });
  await audit(ctx, 'compliance.candidate.confirmUnchanged', { entityId: rev.id, institutionId: doc.issuerId, details: { code: doc.code, confirmed: rows.length } });
  return { confirmed: rows.length, revision: r!.revision };
});
