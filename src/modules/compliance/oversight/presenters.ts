// The oversight JSON shapes, declared once (API, CLI and exports): a TypeBox schema, its type and the
// function that turns a record into it.
import { Type, type Static } from 'typebox';
import type { FindingRow, QueueRow, ReviewAnswerRow, DirectiveRow, TargetRow, OverdueDirectiveRow } from './queries.ts';
import type { findingView, directiveView } from './queries.ts';

const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);
const iso = (d: Date | string | null | undefined) => (d ? new Date(d).toISOString() : null);

export const QueueItemT = Type.Object({
  id: Type.String(), cycle: Type.String(), institution: Type.String(), status: Type.String(), questions: Type.Integer(),
  accepted: Type.Integer(), returned: Type.Integer(), sampled: Type.Boolean(), signedOffAt: Nullable(Type.String()), updatedAt: Type.String(),
});
export function presentQueueItem(r: QueueRow): Static<typeof QueueItemT> {
  return { id: r.id, cycle: r.cycle, institution: r.institution, status: r.status, questions: r.questions, accepted: r.accepted, returned: r.returned, sampled: r.sampled, signedOffAt: iso(r.signedOffAt), updatedAt: iso(r.updatedAt)! };
}

export const ReviewAnswerT = Type.Object({
  id: Type.String(), requirement: Type.String(), text: Type.String(), obligation: Type.String(), group: Nullable(Type.String()), system: Nullable(Type.String()),
  result: Nullable(Type.String()), justification: Type.String(), comment: Type.String(),
  reviewStatus: Type.String(), reviewComment: Type.String(), verifiedResult: Nullable(Type.String()), verifiedComment: Type.String(), findings: Type.Integer(), revision: Type.Integer(),
});
export function presentReviewAnswer(r: ReviewAnswerRow, lang: 'sw' | 'en'): Static<typeof ReviewAnswerT> {
  return {
    id: r.id, requirement: r.ref, text: lang === 'sw' ? r.textSw : r.textEn, obligation: r.obligation, group: r.group, system: r.system, result: r.result, justification: r.justification, comment: r.comment,
    reviewStatus: r.reviewStatus, reviewComment: r.reviewComment, verifiedResult: r.verifiedResult, verifiedComment: r.verifiedComment, findings: r.findings, revision: r.revision,
  };
}

export const FindingSummaryT = Type.Object({
  id: Type.String(), institution: Type.String(), cycle: Type.String(), requirement: Type.String(), system: Nullable(Type.String()), severity: Type.String(), status: Type.String(),
  dueOn: Type.String(), raisedAt: Type.String(), escalation: Type.Integer(), planStatus: Nullable(Type.String()),
});
export function presentFindingSummary(r: FindingRow): Static<typeof FindingSummaryT> {
  return { id: r.id, institution: r.institution, cycle: r.cycle, requirement: r.ref, system: r.system, severity: r.severity, status: r.status, dueOn: r.dueOn, raisedAt: iso(r.raisedAt)!, escalation: r.escalation, planStatus: r.planStatus };
}

const MilestoneT = Type.Object({ position: Type.Integer(), title: Type.String(), plannedOn: Type.String(), actualOn: Nullable(Type.String()) });
export const FindingT = Type.Object({
  id: Type.String(), institution: Type.String(), cycle: Type.String(), requirement: Type.String(), system: Nullable(Type.String()), answerId: Nullable(Type.String()),
  severity: Type.String(), status: Type.String(), description: Type.String(), dueOn: Type.String(), raisedAt: Type.String(), closedAt: Nullable(Type.String()),
  challengeUntil: Type.String(), escalation: Type.Integer(), revision: Type.Integer(),
  challenges: Type.Array(Type.Object({ reason: Type.String(), submittedAt: Type.String(), outcome: Nullable(Type.String()), outcomeReason: Nullable(Type.String()), decidedAt: Nullable(Type.String()) })),
  plan: Type.Union([
    Type.Object({
      id: Type.String(), ownerName: Type.String(), ownerEmail: Type.String(), plan: Type.String(), status: Type.String(), revision: Type.Integer(),
      submittedAt: Nullable(Type.String()), completedAt: Nullable(Type.String()), closedAt: Nullable(Type.String()),
      milestones: Type.Array(MilestoneT),
      evidence: Type.Array(Type.Object({ id: Type.String(), title: Type.String(), kind: Type.String(), url: Nullable(Type.String()), expiresOn: Nullable(Type.String()), milestone: Type.Union([Type.Integer({ minimum: 1, maximum: 20, description: 'Position of the milestone the evidence is for; null for the whole plan' }), Type.Null()]) })),
      history: Type.Array(Type.Object({ at: Type.String(), by: Nullable(Type.String()), change: Type.Record(Type.String(), Type.Unknown()) })),
    }),
    Type.Null(),
  ]),
});
export type FindingJson = Static<typeof FindingT>;

export function presentFinding(v: Awaited<ReturnType<typeof findingView>>): FindingJson {
  const f = v.finding;
  return {
    id: f.id, institution: v.meta.acronym, cycle: v.meta.cycle, requirement: v.meta.ref, system: v.system?.name ?? null, answerId: f.answerId,
    severity: f.severity, status: f.status, description: f.description, dueOn: f.dueOn, raisedAt: iso(f.raisedAt)!, closedAt: iso(f.closedAt),
    challengeUntil: v.meta.challengeUntil, escalation: f.escalation, revision: f.revision,
    challenges: v.challenges.map((c) => ({ reason: c.reason, submittedAt: iso(c.submittedAt)!, outcome: c.outcome, outcomeReason: c.outcomeReason, decidedAt: iso(c.decidedAt) })),
    plan: v.poam
      ? {
          id: v.poam.id, ownerName: v.poam.ownerName, ownerEmail: v.poam.ownerEmail, plan: v.poam.plan, status: v.poam.status, revision: v.poam.revision,
          submittedAt: iso(v.poam.submittedAt), completedAt: iso(v.poam.completedAt), closedAt: iso(v.poam.closedAt),
          milestones: v.milestones.map((m) => ({ position: m.position, title: m.title, plannedOn: m.plannedOn, actualOn: m.actualOn })),
          evidence: v.evidence.map((e) => ({ id: e.id, title: e.title, kind: e.kind, url: e.url, expiresOn: e.expiresOn, milestone: e.milestone })),
          history: v.history.map((h) => ({ at: iso(h.at)!, by: h.by, change: h.change })),
        }
      : null,
  };
}

export const DirectiveSummaryT = Type.Object({
  id: Type.String(), code: Type.String(), title: Type.String(), deadline: Type.String(), status: Type.String(), issuedAt: Type.String(), targets: Type.Integer(), done: Type.Integer(), ownStatus: Nullable(Type.String()),
});
export function presentDirectiveSummary(r: DirectiveRow, lang: 'sw' | 'en'): Static<typeof DirectiveSummaryT> {
  return { id: r.id, code: r.code, title: lang === 'sw' ? r.titleSw : r.titleEn, deadline: r.deadline, status: r.status, issuedAt: iso(r.issuedAt)!, targets: r.targets, done: r.done, ownStatus: r.own };
}

const TargetT = Type.Object({ institution: Type.String(), status: Type.String(), note: Type.String(), evidence: Type.Integer(), updatedAt: Type.String(), revision: Type.Integer() });
export function presentTarget(r: TargetRow): Static<typeof TargetT> {
  return { institution: r.institution, status: r.status, note: r.note, evidence: r.evidence, updatedAt: iso(r.updatedAt)!, revision: r.revision };
}

export const DirectiveT = Type.Object({
  id: Type.String(), code: Type.String(), titleSw: Type.String(), titleEn: Type.String(), bodySw: Type.String(), bodyEn: Type.String(), deadline: Type.String(), status: Type.String(),
  requirement: Nullable(Type.String()), target: Type.Object({ institutionTypes: Type.Optional(Type.Array(Type.String())), sectors: Type.Optional(Type.Array(Type.String())), institutionIds: Type.Optional(Type.Array(Type.String())) }),
  issuedAt: Type.String(), revision: Type.Integer(),
  counts: Type.Object({ pending: Type.Integer(), in_progress: Type.Integer(), done: Type.Integer() }),
  targets: Type.Object({ total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer(), items: Type.Array(TargetT) }),
});
export function presentDirective(v: Awaited<ReturnType<typeof directiveView>>): Static<typeof DirectiveT> {
  const d = v.directive;
  return {
    id: d.id, code: d.code, titleSw: d.titleSw, titleEn: d.titleEn, bodySw: d.bodySw, bodyEn: d.bodyEn, deadline: d.deadline, status: d.status, requirement: v.requirementRef, target: d.target,
    issuedAt: iso(d.issuedAt)!, revision: d.revision, counts: { pending: v.counts.pending ?? 0, in_progress: v.counts.in_progress ?? 0, done: v.counts.done ?? 0 },
    targets: { ...v.targets, items: v.targets.items.map(presentTarget) },
  };
}

export const OverdueDirectiveT = Type.Object({ directiveId: Type.String(), code: Type.String(), title: Type.String(), deadline: Type.String(), institution: Type.String(), status: Type.String() });
export function presentOverdueDirective(r: OverdueDirectiveRow, lang: 'sw' | 'en'): Static<typeof OverdueDirectiveT> {
  return { directiveId: r.directiveId, code: r.code, title: lang === 'sw' ? r.titleSw : r.titleEn, deadline: r.deadline, institution: r.institution, status: r.status };
}
