// Who may see and do what to library records, declared once. Services authorize with these
// policies, list and search queries take their filter from the same scope, and pages get their
// buttons from permitted(): a record and the lists that show it never disagree.
import type { Actor } from '../../platform/auth/actor.ts';
import { definePolicy, visibleWith } from '../../platform/auth/access.ts';
import { can, scopeOf, type Scope } from '../../platform/auth/policy.ts';
import { scopeClause } from '../../platform/auth/scope.ts';
import { PUBLISHED, commentProblem, editProblem, newEditionProblem, transitionProblem, type Transition } from './rules.ts';
import type { Document, Edition, EditionStatus } from './schema.ts';

type DocFacts = Pick<Document, 'issuerId' | 'audience'>;

/** Internal records (drafts, internal documents) of an issuer are read by those who work for it. */
export const readsInternal = (actor: Actor | null, issuerId: string) => can(actor, 'library:readInternal', { institutionId: issuerId });

/** A document, with the statuses of its editions (for "may a new edition be started?"). */
export interface DocumentRecord {
  doc: DocFacts;
  editionStatuses: readonly EditionStatus[];
}

export const documentPolicy = definePolicy<DocumentRecord, 'work' | 'newEdition' | 'setAudience'>({
  owner: (r) => r.doc.issuerId,
  visible: (actor, r) => r.doc.audience === 'public' || readsInternal(actor, r.doc.issuerId),
  actions: {
    work: { permission: 'library:readInternal' },
    newEdition: { permission: 'library:author', state: (r) => newEditionProblem(r.editionStatuses) },
    setAudience: { permission: 'library:approve' },
  },
});
export interface EditionRecord {
  doc: DocFacts;
  edition: Pick<Edition, 'status'>;
}

const editionVisible = visibleWith<EditionRecord>(
  'library:readInternal',
  (r) => r.doc.issuerId,
  (r) => r.doc.audience === 'public' && PUBLISHED.includes(r.edition.status),
);

const lifecycle = (action: Transition) => (r: EditionRecord) => transitionProblem(action, r.edition.status);

export type EditionAction = 'read' | 'edit' | 'comment' | Transition;

export const editionPolicy = definePolicy<EditionRecord, EditionAction>({
  owner: (r) => r.doc.issuerId,
  visible: editionVisible,
  actions: {
    read: { permission: 'library:read' },
    edit: { permission: 'library:author', state: (r) => editProblem(r.edition.status) },
    comment: { permission: 'library:comment', state: (r) => commentProblem(r.edition.status) },
    submit: { permission: 'library:author', state: lifecycle('submit') },
    return: { permission: 'library:approve', state: lifecycle('return') },
    approve: { permission: 'library:approve', state: lifecycle('approve') },
    publish: { permission: 'library:approve', state: lifecycle('publish') },
    withdraw: { permission: 'library:approve', state: lifecycle('withdraw') },
  },
});

/** Whose internal library records the caller reads: the scope every list and search query filters by. */
export function internalScope(actor: Actor | null): Scope {
  return scopeOf(actor, 'library:readInternal');
}

/**
 * The one SQL condition for "this edition (alias e) of this document (alias d) is visible": published
 * editions of public documents to everyone, everything of the institutions in the caller's scope.
 * `published` can be spelt with literals so the planner may use the partial index for visitors.
 */
export function visibleEditionSql(actor: Actor | null, p: (v: unknown) => string, cols = { audience: 'd.audience', status: 'e.status', issuer: 'd.issuer_id' }): string {
  const publicRows = `(${cols.audience} = 'public' AND ${cols.status} IN (${PUBLISHED.map((x) => `'${x}'`).join(', ')}))`;
  const scope = internalScope(actor);
  if (scope.all) return 'TRUE';
  if (scope.institutions.length === 0) return publicRows;
  return `(${publicRows} OR ${scopeClause(scope, cols.issuer, p)})`;
}
