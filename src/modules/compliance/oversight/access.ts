// Who may do what in the authority's oversight, declared once: reviewing a signed-off assessment,
// on-site verification, findings and their challenges and remediation plans, directives. A reviewer
// never acts on an institution they work for (refuse with actsFor → 403 ownInstitution); another
// institution's records answer 404.
import { actsFor, definePolicy, visibleWith } from '../../../platform/auth/access.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import type { MessageKey } from '../../../messages.ts';
import type { AssessmentStatus, FindingStatus, PoamStatus } from '../schema.ts';
import { readScope } from '../access.ts';
import { challengeState, poamState, reviewState, type PoamAction } from './rules.ts';

const ownInstitution = (actor: Actor | null, r: { institutionId: string }): MessageKey | null => (actsFor(actor, r.institutionId) ? 'compliance.refused.ownInstitution' : null);

export interface AssessmentRecord {
  institutionId: string;
  status: AssessmentStatus;
  sampled: boolean;
}

/** A signed-off assessment as the authority sees it: review its answers, raise findings, verify on site. */
export const assessmentReviewPolicy = definePolicy<AssessmentRecord, 'review' | 'raiseFinding' | 'verify'>({
  owner: (a) => a.institutionId,
  visible: visibleWith<AssessmentRecord>('compliance:read', (a) => a.institutionId),
  actions: {
    review: { permission: 'compliance:review', refuse: ownInstitution, state: (a) => reviewState(a.status) },
    raiseFinding: { permission: 'compliance:review', refuse: ownInstitution, state: (a) => (a.status === 'open' ? 'oversight.refused.notSignedOff' : null) },
    verify: { permission: 'compliance:manage', refuse: ownInstitution, state: (a) => (a.status === 'open' ? 'oversight.refused.notSignedOff' : a.sampled ? null : 'oversight.refused.notSampled') },
  },
});

export interface FindingRecord {
  institutionId: string;
  status: FindingStatus;
  challengeUntil: string;
  challengedBefore: boolean;
  poamStatus: PoamStatus | null;
  /** The day the decision is taken on (Tanzanian date), so the challenge window is a state rule. */
  today: string;
}

const planRule = (action: PoamAction) => (f: FindingRecord): MessageKey | null => {
  if (f.status !== 'open' && !(action === 'save' && f.status === 'challenged')) return 'oversight.refused.findingNotOpen';
  return poamState(f.poamStatus, action);
};

/** A finding and its remediation plan: the institution challenges and remediates, the authority decides and closes. */
export const findingPolicy = definePolicy<FindingRecord, 'challenge' | 'decideChallenge' | 'savePlan' | 'submitPlan' | 'progress' | 'completePlan' | 'closePlan' | 'sendBackPlan'>({
  owner: (f) => f.institutionId,
  visible: visibleWith<FindingRecord>('compliance:read', (f) => f.institutionId),
  actions: {
    challenge: { permission: 'compliance:remediate', state: (f) => challengeState(f, f.today) },
    decideChallenge: { permission: 'compliance:review', refuse: ownInstitution, state: (f) => (f.status === 'challenged' ? null : 'oversight.refused.notChallenged') },
    savePlan: { permission: 'compliance:remediate', state: planRule('save') },
    submitPlan: { permission: 'compliance:remediate', state: planRule('submit') },
    progress: { permission: 'compliance:remediate', state: planRule('progress') },
    completePlan: { permission: 'compliance:remediate', state: planRule('complete') },
    closePlan: { permission: 'compliance:review', refuse: ownInstitution, state: planRule('close') },
    sendBackPlan: { permission: 'compliance:review', refuse: ownInstitution, state: planRule('sendBack') },
  },
});

export interface DirectiveRecord {
  status: 'issued' | 'withdrawn';
  /** The caller's institutions among the directive's targets (an institution sees only directives addressed to it). */
  targetedInstitutions: string[];
}

/** A directive belongs to the authority; institutions see those addressed to them. */
export const directivePolicy = definePolicy<DirectiveRecord, 'withdraw'>({
  owner: () => null,
  visible: (actor, d) => readScope(actor).all || d.targetedInstitutions.length > 0,
  actions: {
    withdraw: { permission: 'compliance:manage', state: (d) => (d.status === 'issued' ? null : 'oversight.refused.directiveWithdrawn') },
  },
});

export interface TargetRecord {
  institutionId: string;
  directiveStatus: 'issued' | 'withdrawn';
}

/** One institution's status against a directive: reported by that institution. */
export const directiveTargetPolicy = definePolicy<TargetRecord, 'report'>({
  owner: (t) => t.institutionId,
  visible: visibleWith<TargetRecord>('compliance:read', (t) => t.institutionId),
  actions: {
    report: { permission: 'compliance:remediate', hideRefusal: true, state: (t) => (t.directiveStatus === 'issued' ? null : 'oversight.refused.directiveWithdrawn') },
  },
});
