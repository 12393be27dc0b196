// The JSON shapes of requirements and revisions, declared once: TypeBox schema, inferred type and
// the function that makes it (API, CLI and exports share them).
import { OneOf } from '../../../platform/http/schemas.ts';
import { Type, type Static, type TSchema } from 'typebox';
import { APPLIES_TO, CANDIDATE_DECISIONS, CHANGES, OBLIGATIONS } from '../schema.ts';
import { OUTCOMES } from './rules.ts';
import type { CandidateView, Preview, RequirementRow, RequirementView, RevisionRow, RevisionView } from './queries.ts';
import type { ApplySummary } from './apply-revision.service.ts';

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
/** One of a fixed list of words (typed as that union). */

export const ConditionsT = Type.Object(
  {
    institutionTypes: Type.Optional(Type.Array(Type.String({ maxLength: 40 }), { maxItems: 50 })),
    sectors: Type.Optional(Type.Array(Type.String({ maxLength: 80 }), { maxItems: 50 })),
    system: Type.Optional(
      Type.Object(
        {
          publicFacing: Type.Optional(Type.Boolean()),
          personalData: Type.Optional(Type.Boolean()),
          integrates: Type.Optional(Type.Boolean()),
          govesb: Type.Optional(Type.Boolean()),
          hosting: Type.Optional(Type.Array(Type.String({ maxLength: 40 }), { maxItems: 10 })),
          lifecycle: Type.Optional(Type.Array(Type.String({ maxLength: 40 }), { maxItems: 10 })),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false, description: 'Which institutions and systems the requirement applies to; absent keys do not restrict' },
);

export const RequirementT = Type.Object({
  id: Type.String(),
  ref: Type.String({ examples: ['eGA/EXT/ISA/001 §3.3'] }),
  document: Type.String({ description: 'Code of the standard' }),
  edition: Type.String({ description: 'Version of the edition the current text comes from' }),
  clause: Type.String(),
  textSw: Type.String(),
  textEn: Type.String(),
  obligation: OneOf(OBLIGATIONS),
  group: Nullable(Type.String()),
  appliesTo: OneOf(APPLIES_TO),
  conditions: ConditionsT,
  status: OneOf(['active', 'retired']),
  version: Type.Integer(),
  retiredAt: Nullable(Type.String({ format: 'date-time' })),
  retiredReason: Nullable(Type.String()),
});
export type RequirementJson = Static<typeof RequirementT>;

export function presentRequirement(r: RequirementRow): RequirementJson {
  return {
    id: r.id,
    ref: r.ref,
    document: r.documentCode,
    edition: r.editionVersion,
    clause: r.clauseNumber,
    textSw: r.textSw,
    textEn: r.textEn,
    obligation: r.obligation,
    group: r.groupCode,
    appliesTo: r.appliesTo,
    conditions: r.conditions,
    status: r.status,
    version: r.version,
    retiredAt: r.retiredAt?.toISOString() ?? null,
    retiredReason: r.retiredReason,
  };
}

export const RequirementDetailT = Type.Object({
  ...RequirementT.properties,
  versions: Type.Array(Type.Object({ version: Type.Integer(), edition: Type.String(), textSw: Type.String(), textEn: Type.String(), obligation: OneOf(OBLIGATIONS), createdAt: Type.String({ format: 'date-time' }) })),
});

export function presentRequirementDetail(v: RequirementView): Static<typeof RequirementDetailT> {
  return { ...presentRequirement(v.requirement), versions: v.versions.map((x) => ({ version: x.version, edition: x.editionVersion, textSw: x.textSw, textEn: x.textEn, obligation: x.obligation, createdAt: x.createdAt.toISOString() })) };
}

export const RevisionT = Type.Object({
  id: Type.String(),
  status: OneOf(['open', 'applied', 'dismissed']),
  document: Type.String(),
  issuer: Type.String(),
  edition: Type.String(),
  previousEdition: Nullable(Type.String()),
  createdAt: Type.String({ format: 'date-time' }),
  appliedAt: Nullable(Type.String({ format: 'date-time' })),
  transitionDeadline: Nullable(Type.String({ format: 'date' })),
  candidates: Type.Integer(),
  undecided: Type.Integer(),
});

export function presentRevision(r: RevisionRow): Static<typeof RevisionT> {
  return {
    id: r.id,
    status: r.status,
    document: r.documentCode,
    issuer: r.issuer,
    edition: r.editionVersion,
    previousEdition: r.previousVersion,
    createdAt: r.createdAt.toISOString(),
    appliedAt: r.appliedAt?.toISOString() ?? null,
    transitionDeadline: r.transitionDeadline,
    candidates: r.candidates,
    undecided: r.undecided,
  };
}

export const CandidateT = Type.Object({
  id: Type.String(),
  ref: Type.String(),
  clause: Nullable(Type.String()),
  change: OneOf(CHANGES),
  decision: OneOf(CANDIDATE_DECISIONS),
  outcome: OneOf(OUTCOMES),
  textSw: Type.String(),
  textEn: Type.String(),
  obligation: Nullable(OneOf(OBLIGATIONS)),
  group: Nullable(Type.String()),
  appliesTo: Nullable(OneOf(APPLIES_TO)),
  conditions: ConditionsT,
  requirementId: Nullable(Type.String()),
  reason: Nullable(Type.String()),
  decidedAt: Nullable(Type.String({ format: 'date-time' })),
});

export function presentCandidate(c: CandidateView): Static<typeof CandidateT> {
  return {
    id: c.id,
    ref: c.ref,
    clause: c.clauseNumber,
    change: c.change,
    decision: c.decision,
    outcome: c.outcome,
    textSw: c.textSw,
    textEn: c.textEn,
    obligation: c.obligation,
    group: c.groupCode,
    appliesTo: c.appliesTo,
    conditions: c.conditions,
    requirementId: c.requirementId,
    reason: c.decisionReason,
    decidedAt: c.decidedAt?.toISOString() ?? null,
  };
}

export const RevisionDetailT = Type.Object({
  ...RevisionT.properties,
  revision: Type.Integer({ description: 'Send it back with a decision or the apply; 409 when someone decided since' }),
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
  items: Type.Array(CandidateT),
});

export function presentRevisionDetail(v: RevisionView): Static<typeof RevisionDetailT> {
  return { ...presentRevision(v.revision), revision: v.revision.revision, total: v.total, page: v.page, pageSize: v.pageSize, items: v.candidates.map(presentCandidate) };
}

const PartT = Type.Object({ value: Type.String(), added: Type.Optional(Type.Boolean()), removed: Type.Optional(Type.Boolean()) });
const PreviewItemT = Type.Object({
  candidateId: Type.String(),
  ref: Type.String(),
  clause: Nullable(Type.String()),
  change: OneOf(CHANGES),
  obligation: Nullable(OneOf(OBLIGATIONS)),
  textSw: Type.String(),
  textEn: Type.String(),
  diff: Type.Union([Type.Object({ sw: Type.Array(PartT), en: Type.Array(PartT) }), Type.Null()]),
});

export const PreviewT = Type.Object({
  revision: Type.Integer(),
  buckets: Type.Object(Object.fromEntries(OUTCOMES.map((o) => [o, Type.Array(PreviewItemT)]))),
  affected: Type.Object({
    institutions: Type.Array(Type.Object({ acronym: Type.String(), nameSw: Type.String(), nameEn: Type.String() })),
    assessments: Type.Array(Type.Object({ id: Type.String(), institution: Type.String(), cycle: Type.String(), answers: Type.Integer() })),
    findings: Type.Array(Type.Object({ id: Type.String(), institution: Type.String(), ref: Type.String(), severity: Type.String(), status: Type.String(), dueOn: Type.String() })),
    directives: Type.Array(Type.Object({ id: Type.String(), code: Type.String(), titleSw: Type.String(), titleEn: Type.String(), deadline: Type.String(), institutions: Type.Integer() })),
    documents: Type.Array(Type.Object({ code: Type.String(), titleSw: Type.String(), titleEn: Type.String(), issuer: Type.String() })),
  }),
});

export function presentPreview(p: Preview): Static<typeof PreviewT> {
  const buckets = Object.fromEntries(
    Object.entries(p.buckets).map(([k, items]) => [k, items.map((i) => ({ candidateId: i.candidateId, ref: i.ref, clause: i.clauseNumber, change: i.change, obligation: i.obligation, textSw: i.text.sw, textEn: i.text.en, diff: i.diff }))]),
  );
  const a = p.affected;
  return {
    revision: p.revision.revision,
    buckets,
    affected: {
      institutions: a.institutions.map(({ acronym, nameSw, nameEn }) => ({ acronym, nameSw, nameEn })),
      assessments: a.assessments,
      findings: a.findings,
      directives: a.directives,
      documents: a.documents.map(({ code, titleSw, titleEn, issuer }) => ({ code, titleSw, titleEn, issuer })),
    },
  };
}

export const ApplySummaryT = Type.Object({
  added: Type.Integer(),
  changed: Type.Integer(),
  unchanged: Type.Integer(),
  retired: Type.Integer(),
  answersReset: Type.Integer(),
  assessmentsUpdated: Type.Integer(),
  institutionsNotified: Type.Integer(),
  notices: Type.Integer(),
});

export function presentApplySummary(s: ApplySummary): Static<typeof ApplySummaryT> {
  return { ...s };
}
