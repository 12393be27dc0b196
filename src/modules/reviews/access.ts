// Who may see and act on a review case, declared once. A case belongs to its institution: its
// officers prepare and answer, its head submits; the authority's reviewers review and decide, but
// never a case of an institution they act for; auditors and administrators read every case.
import { actsFor, definePolicy, visibleWith } from '../../platform/auth/access.ts';
import { scopeOf, type Scope } from '../../platform/auth/policy.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { MessageKey } from '../../messages.ts';
import { authorityReviews, institutionAnswers, institutionEdits, mayGoLive } from './rules.ts';
import type { Case } from './schema.ts';

export type CaseRecord = Pick<Case, 'institutionId' | 'stage' | 'kind' | 'outcome' | 'liveSystemId' | 'reviewerId'>;

const ownInstitution = (actor: Actor | null, c: CaseRecord): MessageKey | null => (actsFor(actor, c.institutionId) ? 'reviews.refused.ownInstitution' : null);
/** The reviewer the case is assigned to acts on it (an unassigned case is taken by the first reviewer who acts). */
const ownOrAssigned = (actor: Actor | null, c: CaseRecord): MessageKey | null =>
  ownInstitution(actor, c) ?? (c.reviewerId && actor && c.reviewerId !== actor.userId ? 'reviews.refused.notAssigned' : null);

export const casePolicy = definePolicy<
  CaseRecord,
  'read' | 'edit' | 'submit' | 'answer' | 'assign' | 'review' | 'decide' | 'reportCondition' | 'closeCondition' | 'goLive'
>({
  owner: (c) => c.institutionId,
  visible: visibleWith<CaseRecord>('reviews:read', (c) => c.institutionId),
  actions: {
    read: { permission: 'reviews:read' },
    edit: { permission: 'reviews:prepare', state: (c) => institutionEdits(c.stage) },
    submit: { permission: 'reviews:submit', state: (c) => institutionEdits(c.stage) },
    answer: { permission: 'reviews:prepare', state: (c) => institutionAnswers(c.stage) },
    assign: { permission: 'reviews:manage', refuse: ownInstitution, state: (c) => (c.stage === 'decided' ? 'reviews.refused.decided' : c.stage === 'draft' ? 'reviews.refused.notOpen' : null) },
    review: { permission: 'reviews:review', refuse: ownOrAssigned, state: (c) => authorityReviews(c.stage) },
    decide: { permission: 'reviews:review', refuse: ownOrAssigned, state: (c) => authorityReviews(c.stage) },
    reportCondition: { permission: 'reviews:prepare', state: (c) => (c.outcome === 'approved_with_conditions' ? null : 'reviews.refused.noConditions') },
    closeCondition: { permission: 'reviews:review', refuse: ownInstitution, state: (c) => (c.outcome === 'approved_with_conditions' ? null : 'reviews.refused.noConditions') },
    goLive: {
      permission: 'reviews:prepare',
      state: (c) => (c.kind === 'document' || !mayGoLive(c.outcome) ? 'reviews.refused.notApproved' : c.liveSystemId ? 'reviews.refused.alreadyLive' : null),
    },
  },
});

/** Whose cases the caller reads: the filter of every list. */
export function readScope(actor: Actor | null): Scope {
  return scopeOf(actor, 'reviews:read');
}
