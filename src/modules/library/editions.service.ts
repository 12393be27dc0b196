// The edition lifecycle: draft → in review → approved → in force → superseded | withdrawn.
// Each command authorizes with the edition policy (access.ts), checks the rules, writes through
// editions.store.ts (which keeps the search index in step) and records its audit entry, in one
// transaction.
import { and, desc, eq, sql } from 'drizzle-orm';
import type { Orm, Tx } from '../../platform/db/database.ts';
import { command, type Ctx } from '../../platform/context.ts';
import { authorize, requireVisible } from '../../platform/auth/access.ts';
import { AppError, invalid, notFound } from '../../platform/http/errors.ts';
import { isUuid, isCalendarDate } from '../../platform/input.ts';
import { comments, documents, editions, type Document, type Edition, type Section } from './schema.ts';
import { reasonProblem, TRANSITIONS, versionProblem, type Transition } from './rules.ts';
import { documentPolicy, editionPolicy } from './access.ts';
import { cleanContent } from './content.ts';
import { insertEdition, updateEdition } from './editions.store.ts';
import { notifyInForce } from './subscriptions.service.ts';
import { editionInForce } from './in-force.ts';
import { audit, type EditionMove } from './audit-events.ts';
import { tanzaniaDate } from '../../platform/calendar.ts';

export async function loadEdition(q: Orm | Tx, editionId: string): Promise<{ doc: Document; edition: Edition }> {
  if (!isUuid(editionId)) throw notFound();
  const [row] = await q.select({ doc: documents, edition: editions }).from(editions).innerJoin(documents, eq(documents.id, editions.documentId)).where(eq(editions.id, editionId));
  if (!row) throw notFound();
  return row;
}

/** An edition the caller may see, or 404. */
export async function visibleEdition(ctx: Ctx, editionId: string) {
  return requireVisible(ctx.actor, editionPolicy, await loadEdition(ctx.q, editionId));
}

function bumpVersion(v: string): string {
  const parts = v.split('.');
  const last = Number(parts[parts.length - 1]);
  if (Number.isFinite(last)) parts[parts.length - 1] = String(last + 1);
  else parts.push('1');
  return parts.join('.');
}

/** Starts a new draft edition, copying the content of the newest edition so clauses keep their identity. */
export const createEdition = command(async (ctx, input: { documentId: string; version?: string; changeSummary?: string }) => {
  if (!isUuid(input.documentId)) throw notFound();
  const [doc] = await ctx.tx.select().from(documents).where(eq(documents.id, input.documentId)).for('update');
  if (!doc) throw notFound();
  const all = await ctx.tx.select().from(editions).where(eq(editions.documentId, doc.id)).orderBy(desc(editions.createdAt));
  authorize(ctx.actor, documentPolicy, 'newEdition', { doc, editionStatuses: all.map((e) => e.status) });
  const base = all.find((e) => e.status === 'in_force') ?? all[0];
  const version = input.version?.trim() || (base ? bumpVersion(base.version) : '1.0');
  const vp = versionProblem(version);
  if (vp) throw invalid({ version: vp });
  if (all.some((e) => e.version === version)) throw invalid({ version: 'library.field.versionTaken' });
  const edition = await insertEdition(ctx.tx, {
    documentId: doc.id,
    version,
    status: 'draft',
    authoritativeLang: base?.authoritativeLang ?? 'sw',
    content: base?.content ?? [],
    changeSummary: input.changeSummary?.trim() ?? '',
    createdBy: ctx.actor?.userId ?? null,
  });
  await audit(ctx, 'library.edition.create', { entityId: edition.id, institutionId: doc.issuerId, details: { code: doc.code, version, from: base?.version ?? null } });
  return { doc, edition };
});

export interface DraftChanges {
  editionId: string;
  revision: number;
  content?: Section[];
  version?: string;
  changeSummary?: string;
  authoritativeLang?: 'sw' | 'en';
  nextReviewDate?: string | null;
}

/**
 * Saves a draft with optimistic concurrency: the save names the revision it started from; if
 * someone saved in between, nothing is overwritten and the caller gets 409 with the current draft.
 */
export const saveDraft = command(async (ctx, changes: DraftChanges): Promise<Edition> => {
  const { doc, edition } = await loadEdition(ctx.tx, changes.editionId);
  authorize(ctx.actor, editionPolicy, 'edit', { doc, edition });
  if (changes.version !== undefined) {
    const vp = versionProblem(changes.version.trim());
    if (vp) throw invalid({ version: vp });
    const [dup] = await ctx.tx.select({ id: editions.id }).from(editions).where(and(eq(editions.documentId, doc.id), eq(editions.version, changes.version.trim())));
    if (dup && dup.id !== edition.id) throw invalid({ version: 'library.field.versionTaken' });
  }
  if (changes.nextReviewDate && !isCalendarDate(changes.nextReviewDate)) throw invalid({ nextReviewDate: 'library.field.date' });
  const updated = await updateEdition(
    ctx.tx,
    edition.id,
    {
      ...(changes.content ? { content: cleanContent(changes.content) } : {}),
      ...(changes.version !== undefined ? { version: changes.version.trim() } : {}),
      ...(changes.changeSummary !== undefined ? { changeSummary: changes.changeSummary.trim().slice(0, 4000) } : {}),
      ...(changes.authoritativeLang ? { authoritativeLang: changes.authoritativeLang } : {}),
      ...(changes.nextReviewDate !== undefined ? { nextReviewDate: changes.nextReviewDate || null } : {}),
      revision: sql`${editions.revision} + 1`,
      updatedAt: new Date(),
    },
    and(eq(editions.revision, changes.revision), eq(editions.status, 'draft')),
  );
  if (!updated) {
    throw new AppError(409, 'library.conflict.title', undefined, undefined, { current: { revision: edition.revision, version: edition.version, content: edition.content, changeSummary: edition.changeSummary } });
  }
  await audit(ctx, 'library.edition.save', { entityId: edition.id, institutionId: doc.issuerId, details: { code: doc.code, version: updated.version, revision: updated.revision } });
  return updated;
});

export interface TransitionInput {
  editionId: string;
  action: Transition;
  reason?: string;
  /** Publishing: the date the edition takes effect (default today). */
  effectiveDate?: string;
  nextReviewDate?: string;
}

/**
 * Moves an edition through the lifecycle. Publishing puts an approved edition in force and, in the
 * same transaction, supersedes the edition that was in force (which needs a reason: the one given,
 * or the new edition's change summary). Subscribers are told in the same transaction.
 */
export const transition = command(async (ctx, input: TransitionInput): Promise<Edition> => {
  const { action } = input;
  const { doc } = await loadEdition(ctx.tx, input.editionId);
  // One lifecycle change per document at a time: lock it, then read the edition as it is now.
  await ctx.tx.select({ id: documents.id }).from(documents).where(eq(documents.id, doc.id)).for('update');
  const { edition: fresh } = await loadEdition(ctx.tx, input.editionId);
  authorize(ctx.actor, editionPolicy, action, { doc, edition: fresh });
  const now = new Date();
  const set: Partial<typeof editions.$inferInsert> = { status: TRANSITIONS[action].to, updatedAt: now };
  const summary: EditionMove = { code: doc.code, version: fresh.version, from: fresh.status, to: TRANSITIONS[action].to };
  if (action === 'submit') {
    if (!fresh.content.some((s) => s.clauses.some((c) => c.textSw.trim() || c.textEn.trim()))) throw invalid({ content: 'library.rule.emptyContent' });
    set.submittedAt = now;
  }
  if (action === 'approve') Object.assign(set, { approvedAt: now, approvedBy: ctx.actor?.userId ?? null });
  if (action === 'return' && input.reason?.trim()) set.statusReason = input.reason.trim();
  if (action === 'withdraw') {
    const rp = reasonProblem(input.reason);
    if (rp) throw invalid({ reason: rp });
    Object.assign(set, { statusReason: input.reason!.trim(), endedAt: now });
    summary.reason = input.reason!.trim();
  }
  if (action === 'publish') {
    const effective = input.effectiveDate?.trim() || tanzaniaDate(now);
    if (!isCalendarDate(effective)) throw invalid({ effectiveDate: 'library.field.date' });
    if (input.nextReviewDate && !isCalendarDate(input.nextReviewDate)) throw invalid({ nextReviewDate: 'library.field.date' });
    Object.assign(set, { effectiveDate: effective, publishedAt: now, ...(input.nextReviewDate ? { nextReviewDate: input.nextReviewDate } : {}) });
    const [current] = await ctx.tx.select().from(editions).where(and(eq(editions.documentId, doc.id), eq(editions.status, 'in_force')));
    if (current) {
      const reason = input.reason?.trim() || fresh.changeSummary.trim();
      const rp = reasonProblem(reason);
      if (rp) throw invalid({ reason: rp });
      await updateEdition(ctx.tx, current.id, { status: 'superseded', statusReason: reason, endedAt: now, updatedAt: now });
      summary.superseded = current.version;
      summary.reason = reason;
    }
  }
  const updated = (await updateEdition(ctx.tx, fresh.id, set))!;
  await audit(ctx, `library.edition.${action}`, { entityId: fresh.id, institutionId: doc.issuerId, details: summary });
  if (action === 'publish') {
    await notifyInForce(ctx, doc, updated);
    await editionInForce(ctx, doc, updated);
  }
  return updated;
});

export const addComment = command(async (ctx, input: { editionId: string; body: string }) => {
  const text = input.body.trim();
  if (!text || text.length > 4000) throw invalid({ body: 'library.field.comment' });
  const { doc, edition } = await loadEdition(ctx.tx, input.editionId);
  authorize(ctx.actor, editionPolicy, 'comment', { doc, edition });
  const [c] = await ctx.tx.insert(comments).values({ editionId: edition.id, authorId: ctx.actor!.userId, authorName: ctx.actor!.name, body: text }).returning();
  await audit(ctx, 'library.comment.add', { entityId: edition.id, institutionId: doc.issuerId, details: { code: doc.code, version: edition.version } });
  return c;
});

export async function commentsOf(ctx: Ctx, editionId: string) {
  return ctx.q.select().from(comments).where(eq(comments.editionId, editionId)).orderBy(comments.createdAt);
}

