// Pages of cycles, self-assessment, evidence and sign-off: thin handlers over the services.
import type { App } from '../../../platform/http/app.ts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { pageCtx } from '../../../web/context.ts';
import { ctxOf } from '../../../platform/http/request-context.ts';
import { submitForm } from '../../../platform/http/forms.ts';
import { AppError } from '../../../platform/http/errors.ts';
import { readMultipartForm } from '../../../platform/http/multipart.ts';
import { contentDisposition } from '../../../platform/files/index.ts';
import { decide, permitted, requireVisible } from '../../../platform/auth/access.ts';
import { can } from '../../../platform/auth/policy.ts';
import { formString, formList, pageNumber } from '../../../platform/input.ts';
import { Type, type Static } from 'typebox';
import { Acronym, Code, FormFields, Id, PageText, Text } from '../../../platform/http/schemas.ts';
import type { MessageKey } from '../../../messages.ts';
import { findInstitution } from '../../reference/index.ts';
import { answerPolicy, assessmentPolicy, cyclePolicy, evidencePolicy } from './access.ts';
import { createCycle, cycleAssessments, cycleList, cycleStandards, loadCycle, openCycle, openJobOf, standardChoices } from './cycles.service.ts';
import { assignAnswer, attachEvidence, attestationsOf, colleagues, completeness, detachEvidence, loadAssessment, saveAnswer, signOff, verifyAttestation, type AnswerVersion } from './answers.service.ts';
import { addEvidence, evidenceFile, evidenceList } from './evidence.service.ts';
import { institutionAssessments, question, questionnaire, questionnaireChoices, type QuestionRow } from './queries.ts';
import { importQuestionnaire, questionnaireXlsx } from './spreadsheet.ts';
import { AnswerPage, AttestationsPage, ImportPage, QuestionnairePage, SubmitPage, answerHref, assessmentHref } from './views/assessment.tsx';
import { CyclePage, CyclesPage, EvidenceLibraryPage, InstitutionPage, NewCyclePage, type CycleFormValues } from './views/cycles.tsx';

const csv = (v: unknown) => formString(v).split(/[,;\n]/).map((s) => s.trim()).filter(Boolean).slice(0, 1000);
/** Where to go back to after saving an answer: a questionnaire page of the same assessment, nothing else. */
const backTo = (assessmentId: string, v: unknown) => {
  const s = formString(v);
  return s.startsWith(`${assessmentHref(assessmentId)}?`) || s === assessmentHref(assessmentId) ? s.slice(0, 500) : assessmentHref(assessmentId);
};

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export async function assessmentRoutes(app: App) {
  const read = { config: { action: 'compliance:read' as const } };
  const answer = { config: { action: 'compliance:answer' as const } };
  const manage = { config: { action: 'compliance:manage' as const } };
  const form = FormFields();
  const one = Type.Object({ id: Id() });
  const oneAnswer = Type.Object({ id: Id(), answerId: Id() });
  const ofInstitution = Type.Object({ acronym: Acronym() });

  // ── Cycles ──────────────────────────────────────────────────────────────────────────────────
  app.get('/compliance/cycles', read, async (req, reply) => reply.page(<CyclesPage ctx={pageCtx(req, reply)} cycles={await cycleList(ctxOf(req))} canManage={can(req.actor, 'compliance:manage')} />));

  const emptyCycle: CycleFormValues = { code: '', nameSw: '', nameEn: '', submissionDue: '', reviewDue: '', challengeUntil: '', standards: [], institutionTypes: [], sectors: '', institutions: '' };
  app.get('/compliance/cycles/new', manage, async (req, reply) => reply.page(<NewCyclePage ctx={pageCtx(req, reply)} values={emptyCycle} standards={await standardChoices(ctxOf(req))} />));

  app.post('/compliance/cycles/new', { ...manage, schema: { body: form } }, async (req, reply) => {
    const b = req.body;
    const values: CycleFormValues = {
      code: formString(b.code).slice(0, 60), nameSw: formString(b.nameSw).slice(0, 300), nameEn: formString(b.nameEn).slice(0, 300),
      submissionDue: formString(b.submissionDue).slice(0, 10), reviewDue: formString(b.reviewDue).slice(0, 10), challengeUntil: formString(b.challengeUntil).slice(0, 10),
      standards: formList(b.standards, 500), institutionTypes: formList(b.institutionTypes, 500), sectors: formString(b.sectors).slice(0, 2000), institutions: formString(b.institutions).slice(0, 8000),
    };
    const r = await submitForm(() => createCycle(ctxOf(req), { ...values, documentIds: values.standards, sectors: csv(values.sectors), institutions: csv(values.institutions) }));
    if (!r.ok) return reply.page(<NewCyclePage ctx={pageCtx(req, reply)} values={values} errors={r.errors} standards={await standardChoices(ctxOf(req))} />, r.status);
    return reply.redirect(`/compliance/cycles/${r.value.id}`, 303);
  });

  app.get('/compliance/cycles/:id', { ...read, schema: { params: one, querystring: Type.Object({ page: Type.Optional(PageText()) }) } }, async (req, reply) => {
    const ctx = ctxOf(req);
    const c = await loadCycle(ctx, req.params.id);
    const job = c.status === 'draft' ? null : await openJobOf(ctx, c.id);
    return reply.page(
      <CyclePage
        ctx={pageCtx(req, reply)}
        cycle={c}
        standards={await cycleStandards(ctx, c.scope)}
        job={job ? { id: job.id, status: job.status, progress: job.progress } : null}
        canOpen={decide(req.actor, cyclePolicy, 'open', c).ok}
        assessments={await cycleAssessments(ctx, c.id, pageNumber(req.query.page))}
      />,
    );
  });

  app.post('/compliance/cycles/:id/open', { ...manage, schema: { params: one, body: form } }, async (req, reply) => {
    const revision = Number(formString(req.body.revision)) || undefined;
    await openCycle(ctxOf(req), { id: req.params.id, revision });
    return reply.redirect(`/compliance/cycles/${req.params.id}`, 303);
  });

  // ── An institution's compliance and evidence ───────────────────────────────────────────────
  const institutionOf = async (req: FastifyRequest, acronym: string) => {
    const inst = await findInstitution(app.db.orm, acronym);
    return requireVisible(req.actor, evidencePolicy, inst ? { ...inst, institutionId: inst.id } : undefined);
  };

  app.get('/compliance/institutions/:acronym', { ...read, schema: { params: ofInstitution } }, async (req, reply) => {
    const inst = await institutionOf(req, req.params.acronym);
    return reply.page(<InstitutionPage ctx={pageCtx(req, reply)} institution={{ acronym: inst.acronym, name: req.lang === 'sw' ? inst.nameSw : inst.nameEn }} rows={await institutionAssessments(ctxOf(req), inst.id)} />);
  });

  const libraryQuery = Type.Object({ page: Type.Optional(PageText()), added: Type.Optional(Code()) });
  const libraryPage = async (req: FastifyRequest, reply: FastifyReply, inst: { id: string; acronym: string; nameSw: string; nameEn: string }, q: Static<typeof libraryQuery>, errors?: Record<string, MessageKey>, status = 200) => {
    const r = await evidenceList(ctxOf(req), inst.id, { page: pageNumber(q.page) });
    return reply.page(
      <EvidenceLibraryPage ctx={pageCtx(req, reply)} institution={{ acronym: inst.acronym, name: req.lang === 'sw' ? inst.nameSw : inst.nameEn }} {...r} canAdd={permitted(req.actor, evidencePolicy, { institutionId: inst.id }).add} errors={errors} added={q.added === '1'} />,
      status,
    );
  };
  const library = { params: ofInstitution, querystring: libraryQuery };
  app.get('/compliance/institutions/:acronym/evidence', { ...read, schema: library }, async (req, reply) => libraryPage(req, reply, await institutionOf(req, req.params.acronym), req.query));

  /** Reads the multipart evidence form and adds the evidence; field errors come back as such. */
  const addFromForm = async (req: FastifyRequest, institutionId: string) => {
    const { fields, file } = await readMultipartForm(req);
    return submitForm(() =>
      addEvidence(ctxOf(req), { institutionId, title: fields.title ?? '', expiresOn: (fields.expiresOn ?? '').trim(), url: (fields.url ?? '').trim() || undefined, file: file ? { bytes: file.buffer, name: file.filename } : undefined }),
    );
  };

  // Multipart (it carries a file): the fields are read from the stream, so the route declares no body schema.
  app.post('/compliance/institutions/:acronym/evidence', { ...answer, schema: library }, async (req, reply) => {
    const inst = await institutionOf(req, req.params.acronym);
    const r = await addFromForm(req, inst.id);
    if (!r.ok) return libraryPage(req, reply, inst, req.query, r.errors, r.status);
    return reply.redirect(`/compliance/institutions/${encodeURIComponent(inst.acronym)}/evidence?added=1`, 303);
  });

  app.get('/compliance/evidence/:id/download', { ...read, schema: { params: one } }, async (req, reply) => {
    const { evidence: e, stream } = await evidenceFile(ctxOf(req), req.params.id);
    return reply.type(e.fileType ?? 'application/octet-stream').header('content-disposition', contentDisposition(e.fileName ?? 'evidence', 'attachment')).header('x-content-type-options', 'nosniff').send(stream);
  });

  // ── The questionnaire ──────────────────────────────────────────────────────────────────────
  const editableFor = (req: FastifyRequest, a: { institutionId: string; status: 'open' | 'signed_off' | 'returned' | 'reviewed' }) => (q: QuestionRow) =>
    decide(req.actor, answerPolicy, 'answer', { institutionId: a.institutionId, assessmentStatus: a.status, reviewStatus: q.answer.reviewStatus }).ok;

  const questionnaireQuery = Type.Object({
    unanswered: Type.Optional(Code()), mine: Type.Optional(Code()), group: Type.Optional(Code()), system: Type.Optional(Text(64)), page: Type.Optional(PageText()), saved: Type.Optional(Text(64)),
  });
  app.get('/compliance/assessments/:id', { ...read, schema: { params: one, querystring: questionnaireQuery } }, async (req, reply) => {
    const ctx = ctxOf(req);
    const a = await loadAssessment(ctx, req.params.id);
    const qs = req.query;
    const filters = { unanswered: formString(qs.unanswered) === '1' ? '1' : '', mine: formString(qs.mine) === '1' ? '1' : '', group: formString(qs.group).slice(0, 20), system: formString(qs.system).slice(0, 36) };
    const r = await questionnaire(ctx, a.id, { unanswered: !!filters.unanswered, mine: !!filters.mine, group: filters.group || undefined, system: filters.system || undefined, page: pageNumber(qs.page) });
    const allowed = permitted(req.actor, assessmentPolicy, a);
    return reply.page(
      <QuestionnairePage ctx={pageCtx(req, reply)} assessment={a} {...r} filters={filters} choices={await questionnaireChoices(ctx, a.id)} can={{ answer: allowed.answer, signOff: allowed.signOff }} editable={editableFor(req, a)} saved={formString(qs.saved) || undefined} />,
    );
  });

  async function answerPage(req: FastifyRequest, reply: FastifyReply, ids: Static<typeof oneAnswer>, extra: { errors?: Record<string, MessageKey>; values?: { result: string; justification: string; comment: string }; conflict?: AnswerVersion; status?: number; back?: string; notice?: MessageKey } = {}) {
    const ctx = ctxOf(req);
    const a = await loadAssessment(ctx, ids.id);
    const q = await question(ctx, a.id, ids.answerId);
    if (!q) throw new AppError(404, 'error.notFound.title');
    const editable = editableFor(req, a)(q);
    const library = editable ? (await evidenceList(ctx, a.institutionId, { pageSize: 200 })).items : [];
    const people = editable ? await colleagues(ctx, a.institutionId) : [];
    return reply.page(<AnswerPage ctx={pageCtx(req, reply)} assessment={a} q={q} editable={editable} library={library} colleagues={people} {...extra} />, extra.status ?? 200);
  }

  const answerForm = { params: oneAnswer, body: form };
  app.get('/compliance/assessments/:id/answers/:answerId', { ...read, schema: { params: oneAnswer, querystring: Type.Object({ done: Type.Optional(Code()) }) } }, async (req, reply) =>
    answerPage(req, reply, req.params, { notice: req.query.done === '1' ? 'assessments.saved' : undefined }));

  app.post('/compliance/assessments/:id/answers/:answerId', { ...answer, schema: answerForm }, async (req, reply) => {
    const b = req.body;
    const values = { result: formString(b.result).slice(0, 40), justification: formString(b.justification).slice(0, 5000), comment: formString(b.comment).slice(0, 5000) };
    const back = backTo(req.params.id, b.back);
    const a = await loadAssessment(ctxOf(req), req.params.id);
    if (!(await question(ctxOf(req), a.id, req.params.answerId))) throw new AppError(404, 'error.notFound.title');
    try {
      const r = await submitForm(() => saveAnswer(ctxOf(req), { id: req.params.answerId, revision: Number(formString(b.revision)) || 0, ...values }));
      if (!r.ok) return answerPage(req, reply, req.params, { errors: r.errors, values, status: r.status, back });
    } catch (err) {
      if (err instanceof AppError && err.key === 'assessments.conflict') return answerPage(req, reply, req.params, { values, conflict: (err.extra as { current: AnswerVersion }).current, status: 409, back });
      throw err;
    }
    const sep = back.includes('?') ? '&' : '?';
    return reply.redirect(`${back}${sep}saved=1#q-${req.params.answerId}`, 303);
  });

  app.post('/compliance/assessments/:id/answers/:answerId/evidence', { ...answer, schema: answerForm }, async (req, reply) => {
    await loadAssessment(ctxOf(req), req.params.id);
    const r = await submitForm(() => attachEvidence(ctxOf(req), { answerId: req.params.answerId, evidenceIds: formList(req.body.evidence, 500) }));
    if (!r.ok) return answerPage(req, reply, req.params, { errors: r.errors, status: r.status });
    return reply.redirect(`${answerHref(req.params.id, req.params.answerId)}?done=1`, 303);
  });

  // Multipart (it carries a file): no body schema, the fields are read from the stream.
  app.post('/compliance/assessments/:id/answers/:answerId/evidence/new', { ...answer, schema: { params: oneAnswer } }, async (req, reply) => {
    const a = await loadAssessment(ctxOf(req), req.params.id);
    if (!decide(req.actor, assessmentPolicy, 'answer', a).ok) throw new AppError(409, 'assessments.locked.signedOff');
    const r = await addFromForm(req, a.institutionId);
    if (!r.ok) return answerPage(req, reply, req.params, { errors: r.errors, status: r.status });
    await attachEvidence(ctxOf(req), { answerId: req.params.answerId, evidenceIds: [r.value.id] });
    return reply.redirect(`${answerHref(a.id, req.params.answerId)}?done=1`, 303);
  });

  app.post('/compliance/assessments/:id/answers/:answerId/evidence/:evidenceId/remove', { ...answer, schema: { params: Type.Object({ id: Id(), answerId: Id(), evidenceId: Id() }) } }, async (req, reply) => {
    await loadAssessment(ctxOf(req), req.params.id);
    await detachEvidence(ctxOf(req), { answerId: req.params.answerId, evidenceId: req.params.evidenceId });
    return reply.redirect(`${answerHref(req.params.id, req.params.answerId)}?done=1`, 303);
  });

  app.post('/compliance/assessments/:id/answers/:answerId/assign', { ...answer, schema: answerForm }, async (req, reply) => {
    await loadAssessment(ctxOf(req), req.params.id);
    const assignee = formString(req.body.assignee);
    const r = await submitForm(() => assignAnswer(ctxOf(req), { answerId: req.params.answerId, assigneeId: assignee || null, publicUrl: app.config.publicUrl }));
    if (!r.ok) return answerPage(req, reply, req.params, { errors: r.errors, status: r.status });
    return reply.redirect(`${answerHref(req.params.id, req.params.answerId)}?done=1`, 303);
  });

  // ── Completeness, sign-off, attestations ───────────────────────────────────────────────────
  const submitPage = async (req: FastifyRequest, reply: FastifyReply, id: string, error?: MessageKey, status = 200) => {
    const ctx = ctxOf(req);
    const a = await loadAssessment(ctx, id);
    const d = decide(req.actor, assessmentPolicy, 'signOff', a);
    return reply.page(<SubmitPage ctx={pageCtx(req, reply)} assessment={a} gaps={await completeness(ctx, a.id)} canSignOff={d.ok} refusal={d.ok ? null : d.status === 409 ? d.key : null} error={error} />, status);
  };
  app.get('/compliance/assessments/:id/submit', { ...read, schema: { params: one } }, async (req, reply) => submitPage(req, reply, req.params.id));

  app.post('/compliance/assessments/:id/sign-off', { config: { action: 'compliance:signOff' }, schema: { params: one, body: form } }, async (req, reply) => {
    try {
      await signOff(ctxOf(req), { id: req.params.id, revision: Number(formString(req.body.revision)) || 0 });
    } catch (err) {
      if (err instanceof AppError && (err.status === 409 || err.status === 422) && err.key.startsWith('assessments.')) return submitPage(req, reply, req.params.id, err.key, err.status);
      throw err;
    }
    return reply.redirect(`${assessmentHref(req.params.id)}/attestations?signed=1`, 303);
  });

  app.get('/compliance/assessments/:id/attestations', { ...read, schema: { params: one, querystring: Type.Object({ signed: Type.Optional(Code()) }) } }, async (req, reply) => {
    const ctx = ctxOf(req);
    const a = await loadAssessment(ctx, req.params.id);
    const items = await Promise.all((await attestationsOf(ctx, a.id)).map((att) => verifyAttestation(ctx, att.id)));
    return reply.page(<AttestationsPage ctx={pageCtx(req, reply)} assessment={a} items={items} signed={req.query.signed === '1'} />);
  });

  // ── Spreadsheet round trip ─────────────────────────────────────────────────────────────────
  app.get('/compliance/assessments/:id/questionnaire.xlsx', { ...read, schema: { params: one } }, async (req, reply) => {
    const { bytes, name } = await questionnaireXlsx(ctxOf(req), req.params.id);
    return reply.type(XLSX_TYPE).header('content-disposition', contentDisposition(name, 'attachment')).send(bytes);
  });

  app.get('/compliance/assessments/:id/import', { ...answer, schema: { params: one, querystring: Type.Object({ applied: Type.Optional(PageText()) }) } }, async (req, reply) => {
    const a = await loadAssessment(ctxOf(req), req.params.id);
    const done = req.query.applied;
    return reply.page(<ImportPage ctx={pageCtx(req, reply)} assessment={a} applied={done ? Number(done) : undefined} />);
  });

  // Multipart (the spreadsheet): no body schema, the file is read from the stream.
  app.post('/compliance/assessments/:id/import', { ...answer, schema: { params: one } }, async (req, reply) => {
    const a = await loadAssessment(ctxOf(req), req.params.id);
    const { file } = await readMultipartForm(req);
    if (!file) return reply.page(<ImportPage ctx={pageCtx(req, reply)} assessment={a} error="assessments.import.noFile" />, 422);
    try {
      const r = await importQuestionnaire(ctxOf(req), { assessmentId: a.id, bytes: file.buffer });
      if (!r.applied) return reply.page(<ImportPage ctx={pageCtx(req, reply)} assessment={a} problems={r.problems} />, 422);
      return reply.redirect(`${assessmentHref(a.id)}/import?applied=${r.count}`, 303);
    } catch (err) {
      if (err instanceof AppError && err.key.startsWith('assessments.')) return reply.page(<ImportPage ctx={pageCtx(req, reply)} assessment={a} error={err.key} />, err.status);
      throw err;
    }
  });
}
