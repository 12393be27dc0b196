// Who may do what with cycles, assessments, answers and evidence, declared once. An assessment and its
// evidence belong to the institution: its officers and head read and answer, only the head signs
// off; the authority's reviewers, auditors and administrators read every institution's; anyone else
// gets 404. Cycles are run by the authority (compliance:manage).
import { definePolicy, visibleWith } from '../../../platform/auth/access.ts';
import { can } from '../../../platform/auth/policy.ts';
import type { AssessmentStatus, CycleStatus, ReviewStatus } from '../schema.ts';
import { answerLocked, assessmentEditable, signOffRefusal, todayInTanzania } from './rules.ts';

export interface AssessmentRecord {
  institutionId: string;
  status: AssessmentStatus;
  submissionDue: string;
}

export const assessmentPolicy = definePolicy<AssessmentRecord, 'read' | 'answer' | 'signOff'>({
  owner: (a) => a.institutionId,
  visible: visibleWith<AssessmentRecord>('compliance:read', (a) => a.institutionId),
  actions: {
    read: { permission: 'compliance:read' },
    answer: { permission: 'compliance:answer', state: (a) => (assessmentEditable(a.status) ? null : 'assessments.locked.signedOff') },
    signOff: { permission: 'compliance:signOff', state: (a) => signOffRefusal(a.status, a.submissionDue, todayInTanzania()) },
  },
});

export interface AnswerRecord {
  institutionId: string;
  assessmentStatus: AssessmentStatus;
  reviewStatus: ReviewStatus;
}

export const answerPolicy = definePolicy<AnswerRecord, 'answer' | 'assign'>({
  owner: (a) => a.institutionId,
  visible: visibleWith<AnswerRecord>('compliance:read', (a) => a.institutionId),
  actions: {
    answer: { permission: 'compliance:answer', state: (a) => answerLocked(a.assessmentStatus, a.reviewStatus) },
    assign: { permission: 'compliance:answer', state: (a) => answerLocked(a.assessmentStatus, a.reviewStatus) },
  },
});

export interface EvidenceRecord {
  institutionId: string;
}

/** An institution's evidence library: read (and download) with its compliance, added by those who answer or remediate. */
export const evidencePolicy = definePolicy<EvidenceRecord, 'read' | 'add'>({
  owner: (e) => e.institutionId,
  visible: visibleWith<EvidenceRecord>('compliance:read', (e) => e.institutionId),
  actions: {
    read: { permission: 'compliance:read' },
    add: { permission: 'compliance:answer' },
  },
});

export interface CycleRecord {
  status: CycleStatus;
}

/** Cycles are known to everyone who reads any institution's compliance; only the authority runs them. */
export const cyclePolicy = definePolicy<CycleRecord, 'open'>({
  owner: () => null,
  visible: (actor) => can(actor, 'compliance:read'),
  actions: {
    open: { permission: 'compliance:manage', state: (c) => (c.status === 'draft' ? null : 'assessments.cycle.notDraft') },
  },
});
