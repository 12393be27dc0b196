// JSON API of cycles, assessments, answers, evidence, sign-off and attestations: the same services as
// the pages, shaped by presenters.ts.
import type { App } from '../../../platform/http/app.ts';
import { Type, type Static } from 'typebox';
import { ctxOf } from '../../../platform/http/request-context.ts';
import { AppError } from '../../../platform/http/errors.ts';
import { contentDisposition } from '../../../platform/files/index.ts';
import { Acronym, Code, DateOnly, Id as IdT, PageNumber, PageSize, Revision, Text } from '../../../platform/http/schemas.ts';
import { findInstitution } from '../../reference/index.ts';
import { requireVisible } from '../../../platform/auth/access.ts';
import { RESULTS } from '../schema.ts';
import { evidencePolicy } from './access.ts';
import { createCycle, cycleList, loadCycle, openCycle } from './cycles.service.ts';
import { assignAnswer, completeness, loadAssessment, saveAnswer, signOff, verifyAttestation } from './answers.service.ts';
import { addEvidence, evidenceFile, evidenceList } from './evidence.service.ts';
import { question, questionnaire } from './queries.ts';
import { AnswerT, AssessmentT, AttestationT, CycleT, EvidenceT, GapT, presentAnswer, presentAssessment, presentAttestation, presentCycle, presentEvidence, presentGap, presentVerification, VerificationT } from './presenters.ts';

const Problem = { $ref: 'Problem#' } as const;
const errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem, 422: Problem };
const tags = ['compliance'];
const Id = Type.Object({ id: IdT() });
const AnswerParams = Type.Object({ id: IdT(), answerId: IdT() });

const CycleInputT = Type.Object({
  code: Text(40, { minLength: 1 }),
  nameSw: Text(200, { minLength: 1 }),
  nameEn: Text(200, { minLength: 1 }),
  submissionDue: DateOnly(),
  reviewDue: DateOnly(),
  challengeUntil: DateOnly(),
  documentIds: Type.Optional(Type.Array(IdT(), { maxItems: 200 })),
  requirementIds: Type.Optional(Type.Array(IdT(), { maxItems: 2000 })),
  institutionTypes: Type.Optional(Type.Array(Code(), { maxItems: 20 })),
  sectors: Type.Optional(Type.Array(Text(80), { maxItems: 100 })),
  institutions: Type.Optional(Type.Array(Acronym(), { maxItems: 1000, description: 'Acronyms' })),
});

const QuestionsQuery = Type.Object({
  page: Type.Optional(PageNumber()),
  pageSize: Type.Optional(PageSize(500)),
  unanswered: Type.Optional(Type.Boolean()),
  mine: Type.Optional(Type.Boolean()),
  group: Type.Optional(Code()),
  system: Type.Optional(IdT()),
});

const AnswerInputT = Type.Object({
  revision: Revision(),
  result: Type.Union([...RESULTS.map((r) => Type.Literal(r)), Type.Literal('')], { description: 'Empty clears the answer' }),
  justification: Type.Optional(Text(4000)),
  comment: Type.Optional(Text(4000)),
  evidenceIds: Type.Optional(Type.Array(IdT(), { maxItems: 200, description: 'The evidence attached after saving; omit to leave as is' })),
});

export async function assessmentsApi(app: App) {
  const read = { action: 'compliance:read' as const };
  const answer = { action: 'compliance:answer' as const, noCsrf: true };
  const manage = { action: 'compliance:manage' as const, noCsrf: true };
  const security = [{ bearer: [] }];

  app.get('/api/v1/compliance/cycles', { config: read, schema: { tags, summary: 'Assessment cycles, newest first', response: { 200: Type.Object({ items: Type.Array(CycleT) }), ...errors } } }, async (req) => ({ items: (await cycleList(ctxOf(req))).map(presentCycle) }));

  app.post('/api/v1/compliance/cycles', { config: manage, schema: { tags, summary: 'Create a cycle (draft)', security, body: CycleInputT, response: { 201: CycleT, ...errors } } }, async (req, reply) => {
    const c = await createCycle(ctxOf(req), req.body);
    return reply.status(201).send(presentCycle(c));
  });

  app.get('/api/v1/compliance/cycles/:id', { config: read, schema: { tags, summary: 'One cycle', params: Id, response: { 200: CycleT, ...errors } } }, async (req) => presentCycle(await loadCycle(ctxOf(req), req.params.id)));

  const OpenT = Type.Object({ revision: Type.Optional(Revision()) });
  app.post('/api/v1/compliance/cycles/:id/open', { config: manage, schema: { tags, summary: 'Open a cycle: creates the assessments in the background; follow the job at /api/v1/jobs/{job}', security, params: Id, body: Type.Optional(OpenT), response: { 202: Type.Object({ job: Type.Integer() }), ...errors } } }, async (req, reply) => {
    const job = await openCycle(ctxOf(req), { id: req.params.id, revision: req.body?.revision });
    return reply.status(202).send({ job });
  });

  app.get('/api/v1/compliance/assessments/:id', { config: read, schema: { tags, summary: 'An assessment with its answers, paged', params: Id, querystring: QuestionsQuery, response: { 200: Type.Object({ assessment: AssessmentT, total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer(), answers: Type.Array(AnswerT) }), ...errors } } }, async (req) => {
    const ctx = ctxOf(req);
    const a = await loadAssessment(ctx, req.params.id);
    const r = await questionnaire(ctx, a.id, req.query);
    return { assessment: presentAssessment(a), total: r.total, page: r.page, pageSize: r.pageSize, answers: r.items.map((q) => presentAnswer(q, req.lang)) };
  });

  app.put('/api/v1/compliance/assessments/:id/answers/:answerId', { config: answer, schema: { tags, summary: 'Save one answer (send the revision you started from; 409 with the stored version when someone saved since)', security, params: AnswerParams, body: AnswerInputT, response: { 200: AnswerT, ...errors } } }, async (req) => {
    const b = req.body;
    const a = await loadAssessment(ctxOf(req), req.params.id);
    if (!(await question(ctxOf(req), a.id, req.params.answerId))) throw new AppError(404, 'error.notFound.title');
    await saveAnswer(ctxOf(req), { id: req.params.answerId, revision: b.revision, result: b.result, justification: b.justification ?? '', comment: b.comment ?? '', evidenceIds: b.evidenceIds });
    return presentAnswer((await question(ctxOf(req), a.id, req.params.answerId))!, req.lang);
  });

  const AssignT = Type.Object({ assignee: Type.Union([IdT(), Type.Null()], { description: 'A user id of the same institution, or null' }) });
  app.post('/api/v1/compliance/assessments/:id/answers/:answerId/assign', { config: answer, schema: { tags, summary: 'Assign a question to a colleague (they are e-mailed)', security, params: AnswerParams, body: AssignT, response: { 200: AnswerT, ...errors } } }, async (req) => {
    const a = await loadAssessment(ctxOf(req), req.params.id);
    if (!(await question(ctxOf(req), a.id, req.params.answerId))) throw new AppError(404, 'error.notFound.title');
    await assignAnswer(ctxOf(req), { answerId: req.params.answerId, assigneeId: req.body.assignee, publicUrl: app.config.publicUrl });
    return presentAnswer((await question(ctxOf(req), a.id, req.params.answerId))!, req.lang);
  });

  app.get('/api/v1/compliance/assessments/:id/completeness', { config: read, schema: { tags, summary: 'What is missing before sign-off', params: Id, response: { 200: Type.Object({ complete: Type.Boolean(), gaps: Type.Array(GapT) }), ...errors } } }, async (req) => {
    const a = await loadAssessment(ctxOf(req), req.params.id);
    const gaps = await completeness(ctxOf(req), a.id);
    return { complete: gaps.length === 0, gaps: gaps.map(presentGap) };
  });

  const SignOffT = Type.Object({ revision: Revision({ description: 'The assessment revision the head reviewed' }) });
  app.post('/api/v1/compliance/assessments/:id/sign-off', { config: { action: 'compliance:signOff' as const, noCsrf: true }, schema: { tags, summary: 'The head of institution signs off: the attestation over exactly what is submitted; the assessment locks', security, params: Id, body: SignOffT, response: { 201: AttestationT, ...errors } } }, async (req, reply) => {
    const att = await signOff(ctxOf(req), { id: req.params.id, revision: req.body.revision });
    return reply.status(201).send(presentAttestation(att));
  });

  app.get('/api/v1/compliance/attestations/:id/verify', { config: read, schema: { tags, summary: 'Verify an attestation against its stored content and the current answers', params: Id, response: { 200: VerificationT, ...errors } } }, async (req) => presentVerification(await verifyAttestation(ctxOf(req), req.params.id)));

  const InstParams = Type.Object({ acronym: Acronym() });
  const institution = async (req: { params: { acronym: string }; actor: import('../../../platform/auth/actor.ts').Actor | null }) => {
    const inst = await findInstitution(app.db.orm, req.params.acronym);
    return requireVisible(req.actor, evidencePolicy, inst ? { ...inst, institutionId: inst.id } : undefined);
  };
  const LibraryQuery = Type.Object({ page: Type.Optional(PageNumber()), pageSize: Type.Optional(PageSize(200)) });
  app.get('/api/v1/compliance/institutions/:acronym/evidence', { config: read, schema: { tags, summary: 'An institution’s evidence library', params: InstParams, querystring: LibraryQuery, response: { 200: Type.Object({ total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer(), items: Type.Array(EvidenceT) }), ...errors } } }, async (req) => {
    const inst = await institution(req);
    const r = await evidenceList(ctxOf(req), inst.id, req.query);
    return { ...r, items: r.items.map(presentEvidence) };
  });

  const LinkT = Type.Object({ title: Text(200, { minLength: 1 }), url: Text(2000, { minLength: 1 }), expiresOn: Type.Optional(DateOnly()) });
  app.post('/api/v1/compliance/institutions/:acronym/evidence', { config: answer, schema: { tags, summary: 'Add a link as evidence (files are uploaded through the pages)', security, params: InstParams, body: LinkT, response: { 201: EvidenceT, ...errors } } }, async (req, reply) => {
    const inst = await institution(req);
    const b = req.body;
    const e = await addEvidence(ctxOf(req), { institutionId: inst.id, title: b.title, url: b.url, expiresOn: b.expiresOn ?? '' });
    return reply.status(201).send(presentEvidence(e));
  });

  app.get('/api/v1/compliance/evidence/:id/file', { config: read, schema: { tags, summary: 'Download an evidence file', params: Id, response: { ...errors } } }, async (req, reply) => {
    const { evidence: e, stream } = await evidenceFile(ctxOf(req), req.params.id);
    return reply.type(e.fileType ?? 'application/octet-stream').header('content-disposition', contentDisposition(e.fileName ?? 'evidence', 'attachment')).header('x-content-type-options', 'nosniff').send(stream);
  });
}
