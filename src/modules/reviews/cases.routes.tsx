// Review case pages: the list and the pipeline, one case, the proposal and document forms, the
// attachments, the decision letter and the review steps. Thin: each route's schema types what it
// reads; the handler runs a command and shows the case again (with the field errors and what was
// typed when the command refused the input).
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type, type Static } from 'typebox';
import type { App } from '../../platform/http/app.ts';
import { Code, FormFields, Id, OrEmpty } from '../../platform/http/schemas.ts';
import { formValues, submitForm } from '../../platform/http/forms.ts';
import { pageCtx } from '../../web/context.ts';
import { ctxOf } from '../../platform/http/request-context.ts';
import { readMultipartForm } from '../../platform/http/multipart.ts';
import { contentDisposition, fileStore } from '../../platform/files/index.ts';
import { mayAtAll, permitted } from '../../platform/auth/access.ts';
import { can } from '../../platform/auth/policy.ts';
import { formString, parseAmount } from '../../platform/input.ts';
import { isLang } from '../../platform/i18n/catalog.ts';
import { AppError, invalid, notFound } from '../../platform/http/errors.ts';
import type { FieldErrors } from '../../web/components/forms.tsx';
import type { MessageKey } from '../../messages.ts';
import { casePolicy } from './access.ts';
import { addAttachment, createDocumentReview, createProposal, goLive, inspectAttachment, removeAttachment, submitCase, updateDocument, updateProposal } from './cases.service.ts';
import { answerClarification, answerDeficiency, assignReviewer, closeCondition, commentClause, decideCase, raiseDeficiency, rateCase, reportCondition, requestClarification, returnCase, settleDeficiency } from './review.service.ts';
import { caseView, libraryChoices, listCases, pipeline, placeOf, reviewerChoices, type CaseView } from './queries.ts';
import { clausesText, COST_YEARS, type ProposalInput } from './rules.ts';
import { CasePage } from './views/case.tsx';
import { decisionLetter, letterFileName } from './letter.ts';
import { DocumentFormPage, ListPage, PipelinePage, ProposalFormPage } from './views/pages.tsx';

/** Every form here: its values are text (or a list for a repeated name) that the commands judge. */
const Form = FormFields();
type Form = Static<typeof Form>;
const ById = Type.Object({ id: Id() });

/** Amounts up to the 10^15 shillings the proposal's rules allow. */
const money = (v: string): number | null => parseAmount(v, 16);

/** The proposal form's fields as the commands take them. */
function proposalInput(b: Form): ProposalInput {
  const f = (k: string) => formString(b[k]);
  return {
    title: f('title'),
    systemName: f('systemName'),
    problem: f('problem'),
    objectives: f('objectives'),
    capabilities: f('capabilities').split(/[,;\s]+/).filter(Boolean),
    options: f('options'),
    scope: f('scope'),
    integrations: f('integrations'),
    govesb: f('govesb') === 'yes',
    hosting: f('hosting') || null,
    dataDescription: f('dataDescription'),
    personalData: f('personalData') === 'yes',
    standards: f('standards'),
    usersCount: money(f('usersCount')),
    costs: Array.from({ length: COST_YEARS }, (_, i) => ({ capex: money(f(`capex${i + 1}`)), opex: money(f(`opex${i + 1}`)) })),
    capexTotal: money(f('capexTotal')),
    opexTotal: money(f('opexTotal')),
    fundingSource: f('fundingSource'),
    timeline: f('timeline'),
    benefits: f('benefits'),
    risks: f('risks'),
  };
}

/** A stored proposal as its edit form shows it. */
function proposalValues(v: CaseView, p: NonNullable<CaseView['proposal']>): Record<string, string> {
  const out: Record<string, string> = {
    revision: String(v.case.revision), title: v.case.title, systemName: p.systemName, problem: p.problem, objectives: p.objectives, capabilities: p.capabilities.join(', '), options: p.options, scope: p.scope,
    integrations: p.integrations, govesb: p.govesb ? 'yes' : 'no', hosting: p.hosting ?? '', dataDescription: p.dataDescription, personalData: p.personalData ? 'yes' : 'no', standards: p.standards,
    usersCount: p.usersCount === null ? '' : String(p.usersCount), capexTotal: p.capexTotal === null ? '' : String(p.capexTotal), opexTotal: p.opexTotal === null ? '' : String(p.opexTotal),
    fundingSource: p.fundingSource, timeline: p.timeline, benefits: p.benefits, risks: p.risks,
  };
  p.costs.forEach((y, i) => ((out[`capex${i + 1}`] = String(y.capex)), (out[`opex${i + 1}`] = String(y.opex))));
  return out;
}

/** What a form page shows besides the stored case: the errors and what was typed. */
type Again = { values: Record<string, string>; errors?: FieldErrors; status?: number };

export async function caseRoutes(app: App) {
  const read = { config: { action: 'reviews:read' as const } };
  const prepare = { config: { action: 'reviews:prepare' as const } };
  const submit = { config: { action: 'reviews:submit' as const } };
  const review = { config: { action: 'reviews:review' as const } };
  const manage = { config: { action: 'reviews:manage' as const } };
  /** A case (or a deficiency, condition…) named in the path; with its form. */
  const one = { params: ById };
  const oneForm = { params: ById, body: Form };

  app.get('/reviews', { ...read, schema: { querystring: Type.Object({ stage: Type.Optional(Code()) }) } }, async (req, reply) => {
    const stage = formString(req.query.stage);
    return reply.page(<ListPage ctx={pageCtx(req, reply)} rows={await listCases(ctxOf(req), { stage })} stage={stage} canPrepare={mayAtAll(req.actor, 'reviews:prepare')} />);
  });
  app.get('/reviews/pipeline', read, async (req, reply) => reply.page(<PipelinePage ctx={pageCtx(req, reply)} d={await pipeline(ctxOf(req))} />));

  /** The case page, with field errors and the values typed when a step was refused. */
  async function casePage(req: FastifyRequest, reply: FastifyReply, id: string, extra: { errors?: FieldErrors; values?: Record<string, string>; status?: number; notice?: MessageKey } = {}) {
    const ctx = ctxOf(req);
    const v = await caseView(ctx, id);
    const allowed = permitted(req.actor, casePolicy, v.case);
    const reviewers = allowed.assign ? await reviewerChoices(ctx, v.case.institutionId) : [];
    const library = v.document && allowed.decide ? (await libraryChoices(ctx)).map((d) => ({ id: d.id, code: d.code, title: req.lang === 'sw' ? d.title_sw : d.title_en })) : [];
    return reply.page(<CasePage ctx={pageCtx(req, reply)} v={v} can={allowed} reviewers={reviewers} library={library} canPrepare={can(req.actor, 'reviews:prepare', { institutionId: v.case.institutionId })} errors={extra.errors} values={extra.values} notice={extra.notice} />, extra.status ?? 200);
  }

  /**
   * Runs a step on a case from a form: back to the case (at `o.anchor`), or the case page again
   * with the errors and what was typed (`o.form`). `o.field` renames the command's field to the
   * page's, where one page has a box per item (`answer` is `answer_2` for deficiency 2).
   */
  async function step(req: FastifyRequest, reply: FastifyReply, caseId: string, run: () => Promise<unknown>, o: { anchor?: string; form?: Record<string, unknown>; field?: [command: string, page: string] } = {}) {
    const r = await submitForm(run);
    if (!r.ok) {
      const [from, to] = o.field ?? [];
      const errors = from ? Object.fromEntries(Object.entries(r.errors).map(([k, v]) => [k === from ? to : k, v])) : r.errors;
      return casePage(req, reply, caseId, { errors, values: o.form && formValues(o.form), status: r.status });
    }
    return reply.redirect(`/reviews/cases/${caseId}${o.anchor ?? ''}`, 303);
  }

  /** Saves a case's form: on to the case with "saved", or the form again with the errors. */
  async function save(reply: FastifyReply, run: () => Promise<{ id: string }>, again: (errors: FieldErrors, status: number) => unknown) {
    const r = await submitForm(run);
    if (!r.ok) return again(r.errors, r.status);
    return reply.redirect(`/reviews/cases/${r.value.id}?saved=1`, 303);
  }

  app.get('/reviews/cases/:id', { ...read, schema: { ...one, querystring: Type.Object({ saved: Type.Optional(Code()) }) } }, async (req, reply) =>
    casePage(req, reply, req.params.id, { notice: req.query.saved === '1' ? 'reviews.saved' : undefined }));

  // Institution's own target for a new case: the institution it prepares for.
  const ownInstitution = async (req: FastifyRequest) => {
    const g = req.actor?.roles.find((x) => x.institutionId && can(req.actor, 'reviews:prepare', { institutionId: x.institutionId }));
    if (!g?.institutionId) throw new AppError(403, 'error.forbidden.title');
    return g.institutionId;
  };

  // Proposals: a new one (a change request when it names a system of the portfolio) and the edit form.
  const forSystem = { querystring: Type.Object({ system: Type.Optional(OrEmpty(Id())) }) };
  const newProposalPage = (req: FastifyRequest, reply: FastifyReply, system: string, f: Again) =>
    reply.page(<ProposalFormPage ctx={pageCtx(req, reply)} title={req.t(system ? 'reviews.case.changeRequest' : 'reviews.form.new')} action={`/reviews/proposals/new${system ? `?system=${encodeURIComponent(system)}` : ''}`} values={f.values} errors={f.errors} cancel="/reviews" />, f.status ?? 200);
  app.get('/reviews/proposals/new', { ...prepare, schema: forSystem }, async (req, reply) => {
    await ownInstitution(req);
    return newProposalPage(req, reply, req.query.system ?? '', { values: {} });
  });
  app.post('/reviews/proposals/new', { ...prepare, schema: { ...forSystem, body: Form } }, async (req, reply) => {
    const institutionId = await ownInstitution(req);
    const system = req.query.system ?? '';
    return save(reply, () => createProposal(ctxOf(req), { ...proposalInput(req.body), institutionId, systemId: system || null }), (errors, status) => newProposalPage(req, reply, system, { values: formValues(req.body), errors, status }));
  });

  const editProposalPage = (req: FastifyRequest, reply: FastifyReply, id: string, f: Again) =>
    reply.page(<ProposalFormPage ctx={pageCtx(req, reply)} title={req.t('reviews.form.edit')} action={`/reviews/cases/${id}/edit`} values={f.values} errors={f.errors} cancel={`/reviews/cases/${id}`} />, f.status ?? 200);
  app.get('/reviews/cases/:id/edit', { ...prepare, schema: one }, async (req, reply) => {
    const v = await caseView(ctxOf(req), req.params.id);
    if (!v.proposal || !permitted(req.actor, casePolicy, v.case).edit) throw notFound();
    return editProposalPage(req, reply, v.case.id, { values: proposalValues(v, v.proposal) });
  });
  app.post('/reviews/cases/:id/edit', { ...prepare, schema: oneForm }, async (req, reply) => {
    const { id } = req.params;
    return save(reply, () => updateProposal(ctxOf(req), { ...proposalInput(req.body), id, revision: Number(formString(req.body.revision)) }), (errors, status) => editProposalPage(req, reply, id, { values: formValues(req.body), errors, status }));
  });

  // Documents: a new one (or the next version of a reviewed one) and the edit form.
  const newDocumentPage = (req: FastifyRequest, reply: FastifyReply, f: Again) =>
    reply.page(<DocumentFormPage ctx={pageCtx(req, reply)} title={req.t(f.values.previous ? 'reviews.document.revise' : 'reviews.newDocument')} action="/reviews/documents/new" values={f.values} errors={f.errors} cancel="/reviews" />, f.status ?? 200);
  app.get('/reviews/documents/new', { ...prepare, schema: { querystring: Type.Object({ previous: Type.Optional(OrEmpty(Id())) }) } }, async (req, reply) => {
    await ownInstitution(req);
    const previous = req.query.previous;
    if (!previous) return newDocumentPage(req, reply, { values: {} });
    const v = await caseView(ctxOf(req), previous);
    return newDocumentPage(req, reply, { values: { previous, title: v.case.title, docKind: v.document?.docKind ?? 'policy', text: clausesText(v.document?.clauses ?? []) } });
  });
  app.post('/reviews/documents/new', { ...prepare, schema: { body: Form } }, async (req, reply) => {
    const institutionId = await ownInstitution(req);
    const b = req.body;
    return save(reply, () => createDocumentReview(ctxOf(req), { institutionId, title: formString(b.title), docKind: formString(b.docKind), text: formString(b.text), previousId: formString(b.previous) || null }), (errors, status) => newDocumentPage(req, reply, { values: formValues(b), errors, status }));
  });

  const editDocumentPage = (req: FastifyRequest, reply: FastifyReply, id: string, f: Again) =>
    reply.page(<DocumentFormPage ctx={pageCtx(req, reply)} title={req.t('reviews.document.edit')} action={`/reviews/cases/${id}/document`} values={f.values} errors={f.errors} cancel={`/reviews/cases/${id}`} />, f.status ?? 200);
  app.get('/reviews/cases/:id/document', { ...prepare, schema: one }, async (req, reply) => {
    const v = await caseView(ctxOf(req), req.params.id);
    if (!v.document || !permitted(req.actor, casePolicy, v.case).edit) throw notFound();
    return editDocumentPage(req, reply, v.case.id, { values: { revision: String(v.case.revision), title: v.case.title, docKind: v.document.docKind, text: clausesText(v.document.clauses) } });
  });
  app.post('/reviews/cases/:id/document', { ...prepare, schema: oneForm }, async (req, reply) => {
    const { id } = req.params;
    const b = req.body;
    return save(reply, () => updateDocument(ctxOf(req), { id, revision: Number(formString(b.revision)), title: formString(b.title), docKind: formString(b.docKind), text: formString(b.text) }), (errors, status) => editDocumentPage(req, reply, id, { values: formValues(b), errors, status }));
  });

  // Attachments: the upload is multipart (its CSRF token comes first in the body), read here part by part.
  app.post('/reviews/cases/:id/attachments', { ...prepare, schema: one }, async (req, reply) => {
    const { id } = req.params;
    const { fields, file } = await readMultipartForm(req);
    return step(req, reply, id, async () => {
      if (!file) throw invalid({ file: 'reviews.field.fileType' });
      const name = await inspectAttachment(file.buffer, file.filename);
      return addAttachment(ctxOf(req), { caseId: id, kind: fields.kind ?? '', fileName: name, bytes: file.buffer });
    }, { anchor: '#attachments-h', form: fields });
  });
  const attachment = { params: Type.Object({ id: Id(), aid: Id() }) };
  app.post('/reviews/cases/:id/attachments/:aid/remove', { ...prepare, schema: attachment }, async (req, reply) =>
    step(req, reply, req.params.id, () => removeAttachment(ctxOf(req), { caseId: req.params.id, attachmentId: req.params.aid }), { anchor: '#attachments-h' }));
  app.get('/reviews/cases/:id/attachments/:aid', { ...read, schema: attachment }, async (req, reply) => {
    const v = await caseView(ctxOf(req), req.params.id);
    const a = v.attachments.find((x) => x.id === req.params.aid);
    const stream = a && fileStore(app.config.dataDir).read(a.sha256);
    if (!a || !stream) throw notFound();
    return reply.type('application/octet-stream').header('content-disposition', contentDisposition(a.fileName)).send(stream);
  });

  // The decision letter for people signed in on the pages (the API serves the same letter to tokens).
  app.get('/reviews/cases/:id/decision.pdf', { ...read, schema: { ...one, querystring: Type.Object({ lang: Type.Optional(Code()) }) } }, async (req, reply) => {
    const lang = isLang(req.query.lang) ? req.query.lang : req.lang;
    const v = await caseView(ctxOf(req), req.params.id);
    const bytes = await decisionLetter(v, lang);
    return reply.type('application/pdf').header('content-disposition', contentDisposition(letterFileName(v, lang), 'inline')).send(Buffer.from(bytes));
  });

  // Steps
  app.post('/reviews/cases/:id/submit', { ...submit, schema: one }, async (req, reply) => step(req, reply, req.params.id, () => submitCase(ctxOf(req), { id: req.params.id })));
  app.post('/reviews/cases/:id/assign', { ...manage, schema: oneForm }, async (req, reply) =>
    step(req, reply, req.params.id, () => assignReviewer(ctxOf(req), { id: req.params.id, reviewerId: formString(req.body.reviewerId) }), { form: req.body }));
  // The checklist posts a rating_<criterion> and a comment_<criterion> per criterion; the command judges the names too.
  app.post('/reviews/cases/:id/ratings', { ...review, schema: oneForm }, async (req, reply) => {
    const b = req.body;
    const ratings = Object.keys(b).filter((k) => k.startsWith('rating_')).map((k) => ({ criterion: k.slice(7), rating: formString(b[k]), comment: formString(b[`comment_${k.slice(7)}`]) }));
    return step(req, reply, req.params.id, () => rateCase(ctxOf(req), { id: req.params.id, ratings }), { anchor: '#checklist-h', form: b });
  });
  app.post('/reviews/cases/:id/deficiencies', { ...review, schema: oneForm }, async (req, reply) =>
    step(req, reply, req.params.id, () => raiseDeficiency(ctxOf(req), { id: req.params.id, text: formString(req.body.text), criterion: formString(req.body.criterion) || null }), { anchor: '#deficiencies-h', form: req.body }));

  app.post('/reviews/deficiencies/:id/answer', { ...prepare, schema: oneForm }, async (req, reply) => {
    const d = await placeOf(ctxOf(req), 'deficiency', req.params.id);
    const field = `answer_${d.number}`;
    return step(req, reply, d.caseId, () => answerDeficiency(ctxOf(req), { deficiencyId: req.params.id, answer: formString(req.body[field]) }), { anchor: `#deficiency-${d.number}`, form: req.body, field: ['answer', field] });
  });
  for (const [path, resolve] of [['resolve', true], ['reopen', false]] as const) {
    app.post(`/reviews/deficiencies/:id/${path}`, { ...review, schema: one }, async (req, reply) => {
      const d = await placeOf(ctxOf(req), 'deficiency', req.params.id);
      return step(req, reply, d.caseId, () => settleDeficiency(ctxOf(req), { deficiencyId: req.params.id, resolve }), { anchor: `#deficiency-${d.number}` });
    });
  }
  app.post('/reviews/cases/:id/clarification', { ...review, schema: oneForm }, async (req, reply) =>
    step(req, reply, req.params.id, () => requestClarification(ctxOf(req), { id: req.params.id, question: formString(req.body.question) }), { form: req.body }));
  app.post('/reviews/cases/:id/clarification/answer', { ...prepare, schema: oneForm }, async (req, reply) =>
    step(req, reply, req.params.id, () => answerClarification(ctxOf(req), { id: req.params.id, answer: formString(req.body.answer) }), { form: req.body }));
  app.post('/reviews/cases/:id/return', { ...review, schema: oneForm }, async (req, reply) =>
    step(req, reply, req.params.id, () => returnCase(ctxOf(req), { id: req.params.id, note: formString(req.body.note) }), { form: req.body }));
  app.post('/reviews/cases/:id/decision', { ...review, schema: oneForm }, async (req, reply) => {
    const b = req.body;
    const conditions = formString(b.conditions).split(/\r?\n/).map((x) => x.trim()).filter(Boolean).slice(0, 20).map((text) => ({ text }));
    const implementsIds = [b.implements ?? []].flat();
    return step(req, reply, req.params.id, () => decideCase(ctxOf(req), { id: req.params.id, outcome: formString(b.outcome), reasons: formString(b.reasons), conditions, advice: formString(b.advice), implements: implementsIds }), { anchor: '#decision-h', form: b });
  });
  app.post('/reviews/conditions/:id/report', { ...prepare, schema: oneForm }, async (req, reply) => {
    const k = await placeOf(ctxOf(req), 'condition', req.params.id);
    const field = `evidence_${k.number}`;
    return step(req, reply, k.caseId, () => reportCondition(ctxOf(req), { conditionId: req.params.id, evidence: formString(req.body[field]) }), { anchor: `#condition-${k.number}`, form: req.body, field: ['evidence', field] });
  });
  app.post('/reviews/conditions/:id/close', { ...review, schema: one }, async (req, reply) => {
    const k = await placeOf(ctxOf(req), 'condition', req.params.id);
    return step(req, reply, k.caseId, () => closeCondition(ctxOf(req), { conditionId: req.params.id }), { anchor: `#condition-${k.number}` });
  });
  app.post('/reviews/cases/:id/live', { ...prepare, schema: oneForm }, async (req, reply) =>
    step(req, reply, req.params.id, () => goLive(ctxOf(req), { id: req.params.id, code: formString(req.body.code), goLive: formString(req.body.goLive) || null }), { form: req.body }));
  // A document's clauses each have a comment box: comment_<clause number with _ for .>.
  app.post('/reviews/cases/:id/comments', { ...review, schema: oneForm }, async (req, reply) => {
    const b = req.body;
    const clause = formString(b.clause).slice(0, 20);
    return step(req, reply, req.params.id, () => commentClause(ctxOf(req), { id: req.params.id, clauseNumber: clause, comment: formString(b[`comment_${clause.replace(/\./g, '_')}`]) }), { form: b });
  });
}
