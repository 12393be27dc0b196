// Who may see and change which library records. Built on the one permission table (can());
// a record the caller may not see answers 404, an action they may not take on a visible one 403.
import type { Actor } from '../../platform/auth/actor.ts';
import { can, institutionsFor, type Action } from '../../platform/auth/policy.ts';
import { forbidden, notFound } from '../../platform/http/errors.ts';
import { PUBLISHED } from './rules.ts';
import type { Document, Edition, EditionStatus } from './schema.ts';

type DocFacts = Pick<Document, 'issuerId' | 'audience'>;

export function readsInternal(actor: Actor | null, issuerId: string): boolean {
  return can(actor, 'library:readInternal', { institutionId: issuerId });
}

export function canSeeDocument(actor: Actor | null, doc: DocFacts): boolean {
  return doc.audience === 'public' || readsInternal(actor, doc.issuerId);
}

export function canSeeEdition(actor: Actor | null, doc: DocFacts, ed: Pick<Edition, 'status'>): boolean {
  if (!canSeeDocument(actor, doc)) return false;
  return (PUBLISHED as readonly EditionStatus[]).includes(ed.status) || readsInternal(actor, doc.issuerId);
}

/** Throws 404 when the caller cannot see the document at all, 403 when they can but may not act. */
export function requireAction(actor: Actor | null, action: Action, doc: DocFacts): void {
  if (can(actor, action, { institutionId: doc.issuerId })) return;
  throw canSeeDocument(actor, doc) ? forbidden() : notFound();
}

/** For list and search queries: 'all', or the institutions whose internal records the caller reads. */
export function internalScope(actor: Actor | null): 'all' | string[] {
  return institutionsFor(actor, 'library:readInternal');
}
