// The JSON shapes of cycles, assessments, answers, evidence and attestations, declared once: a TypeBox
// schema (validation and OpenAPI), its type, and the function that turns a record into it.
import { Type, type Static } from 'typebox';
import type { Attestation, Cycle, Evidence } from '../schema.ts';
import type { AssessmentView, GapRow, Verification } from './answers.service.ts';
import type { CycleListRow } from './cycles.service.ts';
import type { QuestionRow } from './queries.ts';

const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);
const iso = (d: Date | string | null) => (d === null ? null : typeof d === 'string' ? d : d.toISOString());

export const CycleT = Type.Object({
  id: Type.String(),
  code: Type.String(),
  nameSw: Type.String(),
  nameEn: Type.String(),
  status: Type.String(),
  submissionDue: Type.String(),
  reviewDue: Type.String(),
  challengeUntil: Type.String(),
  openedAt: Nullable(Type.String()),
  scope: Type.Object({}, { additionalProperties: true }),
  revision: Type.Integer(),
  assessments: Type.Optional(Type.Integer()),
  signedOff: Type.Optional(Type.Integer()),
});
export type CycleJson = Static<typeof CycleT>;

export function presentCycle(c: Cycle | CycleListRow): CycleJson {
  return {
    id: c.id, code: c.code, nameSw: c.nameSw, nameEn: c.nameEn, status: c.status, submissionDue: c.submissionDue, reviewDue: c.reviewDue, challengeUntil: c.challengeUntil,
    openedAt: iso(c.openedAt), scope: c.scope as Record<string, unknown>, revision: c.revision,
    ...('assessments' in c ? { assessments: c.assessments, signedOff: c.signedOff } : {}),
  };
}

export const EvidenceT = Type.Object({
  id: Type.String(),
  institution: Type.String({ description: 'Institution id' }),
  title: Type.String(),
  kind: Type.Union([Type.Literal('file'), Type.Literal('link')]),
  sha256: Nullable(Type.String()),
  fileName: Nullable(Type.String()),
  fileType: Nullable(Type.String()),
  fileSize: Type.Union([Type.Integer(), Type.Null()]),
  url: Nullable(Type.String()),
  expiresOn: Nullable(Type.String()),
  download: Nullable(Type.String({ description: 'Where the file downloads (files only)' })),
  createdAt: Type.String(),
});
export type EvidenceJson = Static<typeof EvidenceT>;

export function presentEvidence(e: Evidence): EvidenceJson {
  return {
    id: e.id, institution: e.institutionId, title: e.title, kind: e.kind, sha256: e.fileSha256, fileName: e.fileName, fileType: e.fileType, fileSize: e.fileSize, url: e.url, expiresOn: e.expiresOn,
    download: e.kind === 'file' ? `/api/v1/compliance/evidence/${e.id}/file` : null, createdAt: e.createdAt.toISOString(),
  };
}

export const AnswerT = Type.Object({
  id: Type.String({ description: 'Stable question key' }),
  requirement: Type.String({ description: 'Requirement ref, e.g. eGA/EXT/ISA/001 §3.3' }),
  requirementId: Type.String(),
  requirementVersion: Type.Integer(),
  text: Type.String({ description: 'The requirement in the caller’s language' }),
  obligation: Type.String(),
  group: Nullable(Type.String()),
  system: Nullable(Type.String({ description: 'System code, for requirements answered per system' })),
  systemId: Nullable(Type.String()),
  result: Nullable(Type.String()),
  justification: Type.String(),
  comment: Type.String(),
  carriedOver: Type.Boolean({ description: 'Pre-filled from the last cycle and not yet confirmed' }),
  answeredAt: Nullable(Type.String()),
  assignedTo: Nullable(Type.String()),
  reviewStatus: Type.String(),
  evidence: Type.Array(EvidenceT),
  revision: Type.Integer(),
});
export type AnswerJson = Static<typeof AnswerT>;

export function presentAnswer(q: QuestionRow, lang: 'sw' | 'en'): AnswerJson {
  const a = q.answer;
  return {
    id: a.id, requirement: q.ref, requirementId: a.requirementId, requirementVersion: a.requirementVersion, text: lang === 'sw' ? q.textSw : q.textEn, obligation: q.obligation, group: q.groupCode,
    system: q.systemCode, systemId: a.systemId, result: a.result, justification: a.justification, comment: a.comment, carriedOver: !!a.carriedFrom && !a.answeredAt,
    answeredAt: iso(a.answeredAt), assignedTo: a.assignedTo, reviewStatus: a.reviewStatus, evidence: q.evidence.map(presentEvidence), revision: a.revision,
  };
}

export const AssessmentT = Type.Object({
  id: Type.String(),
  cycle: Type.Object({ id: Type.String(), code: Type.String(), submissionDue: Type.String() }),
  institution: Type.String({ description: 'Acronym' }),
  status: Type.String(),
  questionCount: Type.Integer(),
  answeredCount: Type.Integer(),
  signedOffAt: Nullable(Type.String()),
  updatedAt: Type.String(),
  revision: Type.Integer(),
});
export type AssessmentJson = Static<typeof AssessmentT>;

export function presentAssessment(a: AssessmentView): AssessmentJson {
  return {
    id: a.id, cycle: { id: a.cycleId, code: a.cycleCode, submissionDue: a.submissionDue }, institution: a.acronym, status: a.status, questionCount: a.questionCount, answeredCount: a.answeredCount,
    signedOffAt: iso(a.signedOffAt), updatedAt: a.updatedAt.toISOString(), revision: a.revision,
  };
}

export const GapT = Type.Object({ question: Type.String(), requirement: Type.String(), system: Nullable(Type.String()), gap: Type.String() });
export const presentGap = (g: GapRow) => ({ question: g.answerId, requirement: g.ref, system: g.systemCode, gap: g.gap });

export const AttestationT = Type.Object({
  id: Type.String(),
  assessment: Type.String(),
  signer: Type.String(),
  signedAt: Type.String(),
  sha256: Type.String({ description: 'sha256 of the canonical JSON of content (sorted keys, no spaces)' }),
  content: Type.Unknown({ description: 'Exactly what was signed' }),
});
export function presentAttestation(a: Attestation) {
  return { id: a.id, assessment: a.assessmentId, signer: a.signerName, signedAt: a.signedAt.toISOString(), sha256: a.contentSha256, content: a.content };
}

export const VerificationT = Type.Object({
  attestation: AttestationT,
  contentIntact: Type.Boolean({ description: 'The stored content still hashes to the stored hash' }),
  matchesCurrent: Type.Boolean({ description: 'The answers as they are now are the ones signed' }),
  recomputed: Type.String(),
});
export function presentVerification(v: Verification) {
  return { attestation: presentAttestation(v.attestation), contentIntact: v.contentIntact, matchesCurrent: v.matchesCurrent, recomputed: v.recomputed };
}
