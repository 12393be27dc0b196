// The reviews' JSON shapes, declared once: TypeBox schema, type and the function that makes it.
import { Type, type Static } from 'typebox';
import { describeReason } from '../portfolio/index.ts';
import type { Lang } from '../../platform/i18n/catalog.ts';
import type { CaseRow, CaseView } from './queries.ts';

const Nullable = <T extends ReturnType<typeof Type.String> | ReturnType<typeof Type.Number> | ReturnType<typeof Type.Integer>>(t: T) => Type.Union([t, Type.Null()]);

export const CaseSummaryT = Type.Object({
  id: Type.String(),
  kind: Type.String(),
  title: Type.String(),
  institution: Type.String(),
  stage: Type.String(),
  outcome: Nullable(Type.String()),
  dueOn: Nullable(Type.String()),
  reviewer: Nullable(Type.String()),
});
export type CaseSummary = Static<typeof CaseSummaryT>;

export function presentSummary(r: CaseRow): CaseSummary {
  return { id: r.id, kind: r.kind, title: r.title, institution: r.institution, stage: r.stage, outcome: r.outcome, dueOn: r.dueOn, reviewer: r.reviewerName };
}

const OverlapT = Type.Object({ institution: Type.String(), code: Type.String(), name: Type.String(), shared: Type.Boolean(), score: Type.Number(), reasons: Type.Array(Type.String()) });

export const CaseT = Type.Object({
  ...CaseSummaryT.properties,
  submittedAt: Nullable(Type.String()),
  revision: Type.Integer(),
  proposal: Type.Union([Type.Object({}, { additionalProperties: true }), Type.Null()]),
  document: Type.Union([Type.Object({ docKind: Type.String(), clauses: Type.Array(Type.Object({ number: Type.String(), text: Type.String() })), advice: Type.String() }), Type.Null()]),
  attachments: Type.Array(Type.Object({ id: Type.String(), kind: Type.String(), fileName: Type.String(), sha256: Type.String(), size: Type.Integer() })),
  missing: Type.Array(Type.String()),
  screening: Type.Union([
    Type.Object({
      at: Type.String(),
      overlaps: Type.Array(OverlapT),
      sharedCoverage: Type.Array(Type.Object({ institution: Type.String(), code: Type.String(), name: Type.String() })),
      requirements: Type.Array(Type.Object({ ref: Type.String(), text: Type.String(), obligation: Type.String() })),
      findings: Type.Array(Type.Object({ severity: Type.String(), description: Type.String(), dueOn: Type.String() })),
      directives: Type.Array(Type.Object({ code: Type.String(), title: Type.String(), deadline: Type.String(), status: Type.String() })),
    }),
    Type.Null(),
  ]),
  valueForMoney: Type.Union([
    Type.Object({ tco: Type.Number(), capex: Type.Number(), opex: Type.Number(), costPerUser: Nullable(Type.Number()), sharedAlternative: Nullable(Type.Number()), saving: Nullable(Type.Number()), score: Type.Number(), deductions: Type.Array(Type.Object({ reason: Type.String(), points: Type.Number() })) }),
    Type.Null(),
  ]),
  clock: Type.Object({ start: Nullable(Type.String()), due: Nullable(Type.String()), used: Type.Integer(), days: Type.Integer(), stopped: Type.Boolean(), overdue: Type.Boolean() }),
  ratings: Type.Array(Type.Object({ criterion: Type.String(), rating: Type.String(), comment: Type.String() })),
  checklistScore: Nullable(Type.Number()),
  deficiencies: Type.Array(Type.Object({ id: Type.String(), number: Type.Integer(), text: Type.String(), status: Type.String(), thread: Type.Array(Type.Object({ action: Type.String(), text: Type.String(), by: Type.String(), at: Type.String() })) })),
  clarifications: Type.Array(Type.Object({ question: Type.String(), answer: Nullable(Type.String()), askedAt: Type.String(), answeredAt: Nullable(Type.String()) })),
  decision: Type.Union([Type.Object({ outcome: Type.String(), reasons: Type.String(), decidedBy: Type.String(), decidedAt: Type.String(), letter: Type.Object({ sw: Type.String(), en: Type.String() }) }), Type.Null()]),
  conditions: Type.Array(Type.Object({ id: Type.String(), number: Type.Integer(), text: Type.String(), dueOn: Nullable(Type.String()), status: Type.String(), evidence: Type.String() })),
  liveSystemId: Nullable(Type.String()),
});
export type CaseJson = Static<typeof CaseT>;

export function presentCase(v: CaseView, lang: Lang, t: (k: never) => string): CaseJson {
  const c = v.case;
  const s = v.screening;
  const letter = `/api/v1/reviews/proposals/${c.id}/decision.pdf`;
  return {
    id: c.id, kind: c.kind, title: c.title, institution: v.institution.acronym, stage: c.stage, outcome: c.outcome, dueOn: c.dueOn, reviewer: c.reviewerName,
    submittedAt: c.submittedAt?.toISOString() ?? null,
    revision: c.revision,
    proposal: v.proposal ? (({ caseId: _c, ...p }) => p)(v.proposal) : null,
    document: v.document ? { docKind: v.document.docKind, clauses: v.document.clauses, advice: v.document.advice } : null,
    attachments: v.attachments.map((a) => ({ id: a.id, kind: a.kind, fileName: a.fileName, sha256: a.sha256, size: a.size })),
    missing: v.missing.map((m) => t(m.key as never)),
    screening: s && {
      at: s.at,
      overlaps: s.overlaps.map((o) => ({ institution: o.institution, code: o.code, name: o.name, shared: o.shared, score: o.score, reasons: o.reasons.map((r) => describeReason(r, lang)) })),
      sharedCoverage: s.sharedCoverage.map((x) => ({ institution: x.institution, code: x.code, name: x.name })),
      requirements: s.requirements.map((r) => ({ ref: r.ref, text: lang === 'sw' ? r.textSw : r.textEn, obligation: r.obligation })),
      findings: s.findings,
      directives: s.directives.map((d) => ({ code: d.code, title: lang === 'sw' ? d.titleSw : d.titleEn, deadline: d.deadline, status: d.status })),
    },
    valueForMoney: v.vfm && { ...v.vfm, deductions: v.vfm.deductions.map((d) => ({ reason: t(d.key as never), points: d.points })) },
    clock: v.clock,
    ratings: v.ratings.map((r) => ({ criterion: r.criterion, rating: r.rating, comment: r.comment })),
    checklistScore: v.score,
    deficiencies: v.deficiencies.map((d) => ({ id: d.id, number: d.number, text: d.text, status: d.status, thread: d.events.map((e) => ({ action: e.action, text: e.text, by: e.actorLabel, at: e.at.toISOString() })) })),
    clarifications: v.clarifications.map((q) => ({ question: q.question, answer: q.answer, askedAt: q.askedAt.toISOString(), answeredAt: q.answeredAt?.toISOString() ?? null })),
    decision: v.decision && { outcome: v.decision.outcome, reasons: v.decision.reasons, decidedBy: v.decision.decidedByName, decidedAt: v.decision.decidedAt.toISOString(), letter: { sw: `${letter}?lang=sw`, en: `${letter}?lang=en` } },
    conditions: v.conditions.map((k) => ({ id: k.id, number: k.number, text: k.text, dueOn: k.dueOn, status: k.status, evidence: k.evidence })),
    liveSystemId: c.liveSystemId,
  };
}
