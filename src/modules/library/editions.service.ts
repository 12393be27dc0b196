// The edition lifecycle: draft → in review → approved → in force → superseded | withdrawn.
// Each command checks the rules, changes the edition, re-indexes it and writes its audit entry
// in one transaction.
import { and, desc, eq, sql } from 'drizzle-orm';
import type { Database, Tx } from '../../platform/db/database.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { Action } from '../../platform/auth/policy.ts';
import { audited, auditSourceOf } from '../../platform/audit.ts';
import { AppError, invalid, notFound } from '../../platform/http/errors.ts';
import { comments, documents, editions, type Document, type Edition, type Section } from './schema.ts';
import { editProblem, reasonProblem, transitionProblem, TRANSITIONS, versionProblem, type Transition } from './rules.ts';
import { canSeeEdition, requireAction } from './access.ts';
import { cleanContent } from './content.ts';
import { indexEditions } from './indexing.ts';
import { notifyInForce } from './subscriptions.service.ts';

export async function loadEdition(q: Database['orm'] | Tx, editionId: string): Promise<{ doc: Document; edition: Edition }> {
  if (!/^[0-9a-f-]{36}$/i.test(editionId)) throw notFound();
  const [row] = await q.select({ doc: documents, edition: editions }).from(editions).innerJoin(documents, eq(documents.id, editions.documentId)).where(eq(editions.id, editionId));
  if (!row) throw notFound();
  return row;
}

/** An edition the caller may see, or 404. */
export async function visibleEdition(db: Database, actor: Actor | null, editionId: string) {
  const r = await loadEdition(db.orm, editionId);
  if (!canSeeEdition(actor, r.doc, r.edition)) throw notFound();
  return r;
}

function bumpVersion(v: string): string {
  const parts = v.split('.');
  const last = Number(parts[parts.length - 1]);
  if (Number.isFinite(last)) parts[parts.length - 1] = String(last + 1);
  else parts.push('1');
  return parts.join('.');
}

/** Starts a new draft edition, copying the content of the newest edition so clauses keep their identity. */
export async function createEdition(db: Database, actor: Actor, documentId: string, input: { version?: string; changeSummary?: string } = {}, ip?: string) {
  return audited(db, auditSourceOf(actor, ip), async (tx, audit) => {
    const [doc] = await tx.select().from(documents).where(eq(documents.id, documentId)).for('update');
    if (!doc) throw notFound();
    requireAction(actor, 'library:author', doc);
    const all = await tx.select().from(editions).where(eq(editions.documentId, doc.id)).orderBy(desc(editions.createdAt));
    if (all.some((e) => e.status === 'draft' || e.status === 'in_review' || e.status === 'approved')) {
      throw new AppError(409, 'library.rule.openDraftExists');
    }
    const base = all.find((e) => e.status === 'in_force') ?? all[0];
    const version = input.version?.trim() || (base ? bumpVersion(base.version) : '1.0');
    const vp = versionProblem(version);
    if (vp) throw invalid({ version: vp });
    if (all.some((e) => e.version === version)) throw invalid({ version: 'library.field.versionTaken' });
    const [edition] = await tx
      .insert(editions)
      .values({
        documentId: doc.id,
        version,
        status: 'draft',
        authoritativeLang: base?.authoritativeLang ?? 'sw',
        content: base?.content ?? [],
        changeSummary: input.changeSummary?.trim() ?? '',
        createdBy: actor.userId,
      })
      .returning();
    await indexEditions(tx, { editionIds: [edition.id] });
    await audit({ action: 'library.edition.create', entityType: 'library_edition', entityId: edition.id, institutionId: doc.issuerId, summary: { code: doc.code, version, from: base?.version ?? null } });
    return { doc, edition };
  });
}

export interface DraftChanges {
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
export async function saveDraft(db: Database, actor: Actor, editionId: string, changes: DraftChanges, ip?: string): Promise<Edition> {
  return audited(db, auditSourceOf(actor, ip), async (tx, audit) => {
    const { doc, edition } = await loadEdition(tx, editionId);
    if (!canSeeEdition(actor, doc, edition)) throw notFound();
    requireAction(actor, 'library:author', doc);
    const ep = editProblem(edition.status);
    if (ep) throw new AppError(409, ep);
    if (changes.version !== undefined) {
      const vp = versionProblem(changes.version.trim());
      if (vp) throw invalid({ version: vp });
      const [dup] = await tx.select({ id: editions.id }).from(editions).where(and(eq(editions.documentId, doc.id), eq(editions.version, changes.version.trim())));
      if (dup && dup.id !== edition.id) throw invalid({ version: 'library.field.versionTaken' });
    }
    if (changes.nextReviewDate && !/^\d{4}-\d{2}-\d{2}$/.test(changes.nextReviewDate)) throw invalid({ nextReviewDate: 'library.field.date' });
    const updated = await tx
      .update(editions)
      .set({
        ...(changes.content ? { content: cleanContent(changes.content) } : {}),
        ...(changes.version !== undefined ? { version: changes.version.trim() } : {}),
        ...(changes.changeSummary !== undefined ? { changeSummary: changes.changeSummary.trim().slice(0, 4000) } : {}),
        ...(changes.authoritativeLang ? { authoritativeLang: changes.authoritativeLang } : {}),
        ...(changes.nextReviewDate !== undefined ? { nextReviewDate: changes.nextReviewDate || null } : {}),
        revision: sql`${editions.revision} + 1`,
        updatedAt: new Date(),
      })
      .where(and(eq(editions.id, edition.id), eq(editions.revision, changes.revision), eq(editions.status, 'draft')))
      .returning();
    if (updated.length === 0) {
      throw new AppError(409, 'library.conflict.title', undefined, undefined, { current: { revision: edition.revision, version: edition.version, content: edition.content, changeSummary: edition.changeSummary } });
    }
    await indexEditions(tx, { editionIds: [edition.id] });
    await audit({ action: 'library.edition.save', entityType: 'library_edition', entityId: edition.id, institutionId: doc.issuerId, summary: { code: doc.code, version: updated[0].version, revision: updated[0].revision } });
    return updated[0];
  });
}

const ACTION_OF: Record<Transition, Action> = { submit: 'library:author', return: 'library:approve', approve: 'library:approve', publish: 'library:approve', withdraw: 'library:approve' };

export interface TransitionInput {
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
export async function transition(db: Database, actor: Actor, editionId: string, action: Transition, input: TransitionInput = {}, ip?: string): Promise<Edition> {
  return audited(db, auditSourceOf(actor, ip), async (tx, audit) => {
    const { doc, edition } = await loadEdition(tx, editionId);
    if (!canSeeEdition(actor, doc, edition)) throw notFound();
    requireAction(actor, ACTION_OF[action], doc);
    // One lifecycle change per document at a time.
    await tx.select({ id: documents.id }).from(documents).where(eq(documents.id, doc.id)).for('update');
    const [fresh] = await tx.select().from(editions).where(eq(editions.id, edition.id));
    const tp = transitionProblem(action, fresh.status);
    if (tp) throw new AppError(409, tp);
    const now = new Date();
    const set: Partial<typeof editions.$inferInsert> = { status: TRANSITIONS[action].to, updatedAt: now };
    const summary: Record<string, unknown> = { code: doc.code, version: fresh.version, from: fresh.status, to: TRANSITIONS[action].to };
    const changed = [fresh.id];
    if (action === 'submit') {
      if (!fresh.content.some((s) => s.clauses.some((c) => c.textSw.trim() || c.textEn.trim()))) throw invalid({ content: 'library.rule.emptyContent' });
      set.submittedAt = now;
    }
    if (action === 'approve') Object.assign(set, { approvedAt: now, approvedBy: actor.userId });
    if (action === 'return' && input.reason?.trim()) set.statusReason = input.reason.trim();
    if (action === 'withdraw') {
      const rp = reasonProblem(input.reason);
      if (rp) throw invalid({ reason: rp });
      Object.assign(set, { statusReason: input.reason!.trim(), endedAt: now });
      summary.reason = input.reason!.trim();
    }
    if (action === 'publish') {
      const effective = input.effectiveDate?.trim() || now.toISOString().slice(0, 10);
      if (!/^\d{4}-\d{2}-\d{2}$/.test(effective) || Number.isNaN(Date.parse(effective))) throw invalid({ effectiveDate: 'library.field.date' });
      if (input.nextReviewDate && !/^\d{4}-\d{2}-\d{2}$/.test(input.nextReviewDate)) throw invalid({ nextReviewDate: 'library.field.date' });
      Object.assign(set, { effectiveDate: effective, publishedAt: now, ...(input.nextReviewDate ? { nextReviewDate: input.nextReviewDate } : {}) });
      const [current] = await tx.select().from(editions).where(and(eq(editions.documentId, doc.id), eq(editions.status, 'in_force')));
      if (current) {
        const reason = input.reason?.trim() || fresh.changeSummary.trim();
        const rp = reasonProblem(reason);
        if (rp) throw invalid({ reason: rp });
        await tx.update(editions).set({ status: 'superseded', statusReason: reason, endedAt: now, updatedAt: now }).where(eq(editions.id, current.id));
        changed.push(current.id);
        summary.superseded = current.version;
        summary.reason = reason;
      }
    }
    const [updated] = await tx.update(editions).set(set).where(eq(editions.id, fresh.id)).returning();
    await indexEditions(tx, { editionIds: changed });
    await audit({ action: `library.edition.${action}`, entityType: 'library_edition', entityId: fresh.id, institutionId: doc.issuerId, summary });
    if (action === 'publish') await notifyInForce(tx, doc, updated);
    return updated;
  });
}

export async function addComment(db: Database, actor: Actor, editionId: string, body: string, ip?: string) {
  const text = body.trim();
  if (!text || text.length > 4000) throw invalid({ body: 'library.field.comment' });
  return audited(db, auditSourceOf(actor, ip), async (tx, audit) => {
    const { doc, edition } = await loadEdition(tx, editionId);
    if (!canSeeEdition(actor, doc, edition)) throw notFound();
    requireAction(actor, 'library:comment', doc);
    if (!['draft', 'in_review', 'approved'].includes(edition.status)) throw new AppError(409, 'library.rule.commentsOnDrafts');
    const [c] = await tx.insert(comments).values({ editionId, authorId: actor.userId, authorName: actor.name, body: text }).returning();
    await audit({ action: 'library.comment.add', entityType: 'library_edition', entityId: editionId, institutionId: doc.issuerId, summary: { code: doc.code, version: edition.version } });
    return c;
  });
}

export async function commentsOf(db: Database, editionId: string) {
  return db.orm.select().from(comments).where(eq(comments.editionId, editionId)).orderBy(comments.createdAt);
}
