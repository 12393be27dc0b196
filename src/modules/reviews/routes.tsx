// Review pages: thin handlers that read the form, call a command and show the case again (with the
// field errors when the command refused the input).
import type { App } from '../../platform/http/app.ts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { pageCtx } from '../../web/context.ts';
import { ctxOf } from '../../platform/http/request-context.ts';
import { submitForm } from '../../platform/http/forms.ts';
import { readMultipartForm } from '../../platform/http/multipart.ts';
import { contentDisposition, fileStore } from '../../platform/files/index.ts';
import { mayAtAll, permitted } from '../../platform/auth/access.ts';
import { can } from '../../platform/auth/policy.ts';
import { formString } from '../../platform/input.ts';
import { AppError, notFound } from '../../platform/http/errors.ts';
import type { FieldErrors } from '../../web/components/forms.tsx';
import type { MessageKey } from '../../messages.ts';
import { casePolicy } from './access.ts';
import { addAttachment, createDocumentReview, createProposal, goLive, inspectAttachment, removeAttachment, submitCase, updateDocument, updateProposal } from './cases.service.ts';
import { answerClarification, answerDeficiency, assignReviewer, closeCondition, commentClause, decideCase, raiseDeficiency, rateCase, reportCondition, requestClarification, returnCase, settleDeficiency } from './review.service.ts';
import { addHoliday, removeHoliday, updateCriterion } from './settings.service.ts';
import { caseView, criteriaList, holidayList, libraryChoices, listCases, pipeline, reviewerChoices } from './queries.ts';
import { clausesText, COST_YEARS, type ProposalInput } from './rules.ts';
import { CasePage } from './views/case.tsx';
import { decisionLetter, letterFileName } from './letter.ts';
import { CriteriaPage, DocumentFormPage, HolidaysPage, ListPage, PipelinePage, ProposalFormPage } from './views/pages.tsx';

type Body = Record<string, unknown>;
const bodyOf = (req: FastifyRequest) => (req.body ?? {}) as Body;
const s = (b: Body, k: string) => formString(b[k]);
const money = (v: string): number | null => {
  const x = v.replace(/[\s,]/g, '');
  if (!x) return null;
  return /^\d{1,16}$/.test(x) ? Number(x) : NaN;
};

/** The proposal form's fields as the commands take them. */
function proposalInput(b: Body): ProposalInput {
  return {
    title: s(b, 'title'),
    systemName: s(b, 'systemName'),
    problem: s(b, 'problem'),
    objectives: s(b, 'objectives'),
    capabilities: s(b, 'capabilities').split(/[,;\s]+/).filter(Boolean),
    options: s(b, 'options'),
    scope: s(b, 'scope'),
    integrations: s(b, 'integrations'),
    govesb: s(b, 'govesb') === 'yes',
    hosting: s(b, 'hosting') || null,
    dataDescription: s(b, 'dataDescription'),
    personalData: s(b, 'personalData') === 'yes',
    standards: s(b, 'standards'),
    usersCount: money(s(b, 'usersCount')),
    costs: Array.from({ length: COST_YEARS }, (_, i) => ({ capex: money(s(b, `capex${i + 1}`)), opex: money(s(b, `opex${i + 1}`)) })),
    capexTotal: money(s(b, 'capexTotal')),
    opexTotal: money(s(b, 'opexTotal')),
    fundingSource: s(b, 'fundingSource'),
    timeline: s(b, 'timeline'),
    benefits: s(b, 'benefits'),
    risks: s(b, 'risks'),
  };
}

const stringValues = (b: Body) => Object.fromEntries(Object.entries(b).filter(([, v]) => typeof v === 'string')) as Record<string, string>;

/** The section's links: the same for everyone who reads reviews (each page shows what the reader may do). */
const NAV_LINKS: { href: string; key: MessageKey }[] = [
  { href: '/reviews', key: 'reviews.title' },
  { href: '/reviews/pipeline', key: 'reviews.pipeline' },
  { href: '/reviews/criteria', key: 'reviews.criteria' },
  { href: '/reviews/holidays', key: 'reviews.holidays' },
];
const navFor = (_req: FastifyRequest) => NAV_LINKS;

export async function reviewsRoutes(app: App) {
  const read = { config: { action: 'reviews:read' as const } };
  const prepare = { config: { action: 'reviews:prepare' as const } };
  const submit = { config: { action: 'reviews:submit' as const } };
  const review = { config: { action: 'reviews:review' as const } };
  const manage = { config: { action: 'reviews:manage' as const } };

  app.get('/reviews', read, async (req, reply) => {
    const stage = formString((req.query as Body).stage).slice(0, 20);
    return reply.page(<ListPage ctx={pageCtx(req, reply)} nav={navFor(req)} rows={await listCases(ctxOf(req), { stage })} stage={stage} canPrepare={mayAtAll(req.actor, 'reviews:prepare')} />);
  });

  /** The case page, with field errors and the values typed when a step was refused. */
  async function casePage(req: FastifyRequest, reply: FastifyReply, id: string, extra: { errors?: FieldErrors; values?: Record<string, string>; status?: number; notice?: MessageKey } = {}) {
    const ctx = ctxOf(req);
    const v = await caseView(ctx, id);
    const allowed = permitted(req.actor, casePolicy, v.case);
    const reviewers = allowed.assign ? await reviewerChoices(ctx, v.case.institutionId) : [];
    const library = v.document && allowed.decide ? (await libraryChoices(ctx)).map((d) => ({ id: d.id, code: d.code, title: req.lang === 'sw' ? d.title_sw : d.title_en })) : [];
    return reply.page(<CasePage ctx={pageCtx(req, reply)} v={v} can={allowed} reviewers={reviewers} library={library} canPrepare={can(req.actor, 'reviews:prepare', { institutionId: v.case.institutionId })} errors={extra.errors} values={extra.values} notice={extra.notice} />, extra.status ?? 200);
  }

  /** Runs a step on a case from a form: back to the case page, or the page again with the errors. */
  async function step(req: FastifyRequest, reply: FastifyReply, caseId: string, run: () => Promise<unknown>, anchor = '') {
    const r = await submitForm(run);
    if (!r.ok) return casePage(req, reply, caseId, { errors: r.errors, values: stringValues(bodyOf(req)), status: r.status });
    return reply.redirect(`/reviews/cases/${caseId}${anchor}`, 303);
  }

  app.get<{ Params: { id: string } }>('/reviews/cases/:id', read, async (req, reply) => casePage(req, reply, req.params.id, { notice: (req.query as Body).saved === '1' ? 'reviews.saved' : undefined }));

  // Institution's own target for a new case: the institution it prepares for.
  const ownInstitution = async (req: FastifyRequest) => {
    const g = req.actor?.roles.find((x) => x.institutionId && can(req.actor, 'reviews:prepare', { institutionId: x.institutionId }));
    if (!g?.institutionId) throw new AppError(403, 'error.forbidden.title');
    return g.institutionId;
  };

  app.get('/reviews/proposals/new', prepare, async (req, reply) => {
    await ownInstitution(req);
    const system = formString((req.query as Body).system).slice(0, 36);
    const title = system ? req.t('reviews.case.changeRequest') : req.t('reviews.form.new');
    return reply.page(<ProposalFormPage ctx={pageCtx(req, reply)} title={title} action={`/reviews/proposals/new${system ? `?system=${encodeURIComponent(system)}` : ''}`} values={{}} cancel="/reviews" />);
  });
  app.post('/reviews/proposals/new', prepare, async (req, reply) => {
    const institutionId = await ownInstitution(req);
    const b = bodyOf(req);
    const system = formString((req.query as Body).system).slice(0, 36) || null;
    const r = await submitForm(() => createProposal(ctxOf(req), { ...proposalInput(b), institutionId, systemId: system }));
    if (!r.ok) return reply.page(<ProposalFormPage ctx={pageCtx(req, reply)} title={req.t(system ? 'reviews.case.changeRequest' : 'reviews.form.new')} action={`/reviews/proposals/new${system ? `?system=${encodeURIComponent(system)}` : ''}`} values={stringValues(b)} errors={r.errors} cancel="/reviews" />, r.status);
    return reply.redirect(`/reviews/cases/${r.value.id}?saved=1`, 303);
  });

  const formValuesOf = (v: Awaited<ReturnType<typeof caseView>>): Record<string, string> => {
    const p = v.proposal!;
    const out: Record<string, string> = {
      revision: String(v.case.revision), title: v.case.title, systemName: p.systemName, problem: p.problem, objectives: p.objectives, capabilities: p.capabilities.join(', '), options: p.options, scope: p.scope,
      integrations: p.integrations, govesb: p.govesb ? 'yes' : 'no', hosting: p.hosting ?? '', dataDescription: p.dataDescription, personalData: p.personalData ? 'yes' : 'no', standards: p.standards,
      usersCount: p.usersCount === null ? '' : String(p.usersCount), capexTotal: p.capexTotal === null ? '' : String(p.capexTotal), opexTotal: p.opexTotal === null ? '' : String(p.opexTotal),
      fundingSource: p.fundingSource, timeline: p.timeline, benefits: p.benefits, risks: p.risks,
    };
    p.costs.forEach((y, i) => ((out[`capex${i + 1}`] = String(y.capex)), (out[`opex${i + 1}`] = String(y.opex))));
    return out;
  };

  app.get<{ Params: { id: string } }>('/reviews/cases/:id/edit', prepare, async (req, reply) => {
    const v = await caseView(ctxOf(req), req.params.id);
    if (!v.proposal || !permitted(req.actor, casePolicy, v.case).edit) throw notFound();
    return reply.page(<ProposalFormPage ctx={pageCtx(req, reply)} title={req.t('reviews.form.edit')} action={`/reviews/cases/${v.case.id}/edit`} values={formValuesOf(v)} cancel={`/reviews/cases/${v.case.id}`} />);
  });
  app.post<{ Params: { id: string } }>('/reviews/cases/:id/edit', prepare, async (req, reply) => {
    const b = bodyOf(req);
    const r = await submitForm(() => updateProposal(ctxOf(req), { ...proposalInput(b), id: req.params.id, revision: Number(s(b, 'revision')) }));
    if (!r.ok) return reply.page(<ProposalFormPage ctx={pageCtx(req, reply)} title={req.t('reviews.form.edit')} action={`/reviews/cases/${req.params.id}/edit`} values={stringValues(b)} errors={r.errors} cancel={`/reviews/cases/${req.params.id}`} />, r.status);
    return reply.redirect(`/reviews/cases/${req.params.id}?saved=1`, 303);
  });

  // Documents
  app.get('/reviews/documents/new', prepare, async (req, reply) => {
    await ownInstitution(req);
    const previous = formString((req.query as Body).previous).slice(0, 36);
    let values: Record<string, string> = {};
    if (previous) {
      const v = await caseView(ctxOf(req), previous);
      values = { previous, title: v.case.title, docKind: v.document?.docKind ?? 'policy', text: clausesText(v.document?.clauses ?? []) };
    }
    return reply.page(<DocumentFormPage ctx={pageCtx(req, reply)} title={req.t(previous ? 'reviews.document.revise' : 'reviews.newDocument')} action="/reviews/documents/new" values={values} cancel="/reviews" />);
  });
  app.post('/reviews/documents/new', prepare, async (req, reply) => {
    const institutionId = await ownInstitution(req);
    const b = bodyOf(req);
    const r = await submitForm(() => createDocumentReview(ctxOf(req), { institutionId, title: s(b, 'title'), docKind: s(b, 'docKind'), text: s(b, 'text'), previousId: s(b, 'previous') || null }));
    if (!r.ok) return reply.page(<DocumentFormPage ctx={pageCtx(req, reply)} title={req.t('reviews.newDocument')} action="/reviews/documents/new" values={stringValues(b)} errors={r.errors} cancel="/reviews" />, r.status);
    return reply.redirect(`/reviews/cases/${r.value.id}?saved=1`, 303);
  });
  app.get<{ Params: { id: string } }>('/reviews/cases/:id/document', prepare, async (req, reply) => {
    const v = await caseView(ctxOf(req), req.params.id);
    if (!v.document || !permitted(req.actor, casePolicy, v.case).edit) throw notFound();
    return reply.page(<DocumentFormPage ctx={pageCtx(req, reply)} title={req.t('reviews.document.edit')} action={`/reviews/cases/${v.case.id}/document`} values={{ revision: String(v.case.revision), title: v.case.title, docKind: v.document.docKind, text: clausesText(v.document.clauses) }} cancel={`/reviews/cases/${v.case.id}`} />);
  });
  app.post<{ Params: { id: string } }>('/reviews/cases/:id/document', prepare, async (req, reply) => {
    const b = bodyOf(req);
    const r = await submitForm(() => updateDocument(ctxOf(req), { id: req.params.id, revision: Number(s(b, 'revision')), title: s(b, 'title'), docKind: s(b, 'docKind'), text: s(b, 'text') }));
    if (!r.ok) return reply.page(<DocumentFormPage ctx={pageCtx(req, reply)} title={req.t('reviews.document.edit')} action={`/reviews/cases/${req.params.id}/document`} values={stringValues(b)} errors={r.errors} cancel={`/reviews/cases/${req.params.id}`} />, r.status);
    return reply.redirect(`/reviews/cases/${req.params.id}?saved=1`, 303);
  });

  // Attachments
  app.post<{ Params: { id: string } }>('/reviews/cases/:id/attachments', prepare, async (req, reply) => {
    const { fields, file } = await readMultipartForm(req);
    const r = await submitForm(async () => {
      if (!file) throw new AppError(422, 'error.summary', undefined, { file: 'reviews.field.fileType' });
      const name = await inspectAttachment(file.buffer, file.filename);
      return addAttachment(ctxOf(req), { caseId: req.params.id, kind: fields.kind ?? '', fileName: name, bytes: file.buffer });
    });
    if (!r.ok) return casePage(req, reply, req.params.id, { errors: r.errors, values: { kind: fields.kind ?? '' }, status: r.status });
    return reply.redirect(`/reviews/cases/${req.params.id}#attachments-h`, 303);
  });
  app.post<{ Params: { id: string; aid: string } }>('/reviews/cases/:id/attachments/:aid/remove', prepare, async (req, reply) => step(req, reply, req.params.id, () => removeAttachment(ctxOf(req), { caseId: req.params.id, attachmentId: req.params.aid }), '#attachments-h'));
  app.get<{ Params: { id: string; aid: string } }>('/reviews/cases/:id/attachments/:aid', read, async (req, reply) => {
    const v = await caseView(ctxOf(req), req.params.id);
    const a = v.attachments.find((x) => x.id === req.params.aid);
    const stream = a && fileStore(app.config.dataDir).read(a.sha256);
    if (!a || !stream) throw notFound();
    return reply.type('application/octet-stream').header('content-disposition', contentDisposition(a.fileName)).send(stream);
  });

  // The decision letter for people signed in on the pages (the API serves the same letter to tokens).
  app.get<{ Params: { id: string } }>('/reviews/cases/:id/decision.pdf', read, async (req, reply) => {
    const q = formString((req.query as Body).lang);
    const lang = q === 'sw' || q === 'en' ? q : req.lang;
    const v = await caseView(ctxOf(req), req.params.id);
    const bytes = await decisionLetter(v, lang);
    return reply.type('application/pdf').header('content-disposition', contentDisposition(letterFileName(v, lang), 'inline')).send(Buffer.from(bytes));
  });

  // Steps
  app.post<{ Params: { id: string } }>('/reviews/cases/:id/submit', submit, async (req, reply) => step(req, reply, req.params.id, () => submitCase(ctxOf(req), { id: req.params.id })));
  app.post<{ Params: { id: string } }>('/reviews/cases/:id/assign', manage, async (req, reply) => step(req, reply, req.params.id, () => assignReviewer(ctxOf(req), { id: req.params.id, reviewerId: s(bodyOf(req), 'reviewerId') })));
  app.post<{ Params: { id: string } }>('/reviews/cases/:id/ratings', review, async (req, reply) => {
    const b = bodyOf(req);
    const ratings = Object.keys(b).filter((k) => k.startsWith('rating_')).map((k) => ({ criterion: k.slice(7), rating: s(b, k), comment: s(b, `comment_${k.slice(7)}`) }));
    return step(req, reply, req.params.id, () => rateCase(ctxOf(req), { id: req.params.id, ratings }), '#checklist-h');
  });
  app.post<{ Params: { id: string } }>('/reviews/cases/:id/deficiencies', review, async (req, reply) => step(req, reply, req.params.id, () => raiseDeficiency(ctxOf(req), { id: req.params.id, text: s(bodyOf(req), 'text'), criterion: s(bodyOf(req), 'criterion') || null }), '#deficiencies-h'));

  const deficiencyCase = async (id: string) => {
    const rows = await app.db.query<{ case_id: string; number: number }>('SELECT case_id, number FROM review_deficiencies WHERE id::text = $1', [id]);
    if (!rows[0]) throw notFound();
    return rows[0];
  };
  app.post<{ Params: { id: string } }>('/reviews/deficiencies/:id/answer', prepare, async (req, reply) => {
    const d = await deficiencyCase(req.params.id);
    const r = await submitForm(() => answerDeficiency(ctxOf(req), { deficiencyId: req.params.id, answer: s(bodyOf(req), `answer_${d.number}`) }));
    if (!r.ok) return casePage(req, reply, d.case_id, { errors: Object.fromEntries(Object.entries(r.errors).map(([k, v]) => [k === 'answer' ? `answer_${d.number}` : k, v])), status: r.status });
    return reply.redirect(`/reviews/cases/${d.case_id}#deficiency-${d.number}`, 303);
  });
  for (const [path, resolve] of [['resolve', true], ['reopen', false]] as const) {
    app.post<{ Params: { id: string } }>(`/reviews/deficiencies/:id/${path}`, review, async (req, reply) => {
      const d = await deficiencyCase(req.params.id);
      return step(req, reply, d.case_id, () => settleDeficiency(ctxOf(req), { deficiencyId: req.params.id, resolve }), `#deficiency-${d.number}`);
    });
  }
  app.post<{ Params: { id: string } }>('/reviews/cases/:id/clarification', review, async (req, reply) => step(req, reply, req.params.id, () => requestClarification(ctxOf(req), { id: req.params.id, question: s(bodyOf(req), 'question') })));
  app.post<{ Params: { id: string } }>('/reviews/cases/:id/clarification/answer', prepare, async (req, reply) => step(req, reply, req.params.id, () => answerClarification(ctxOf(req), { id: req.params.id, answer: s(bodyOf(req), 'answer') })));
  app.post<{ Params: { id: string } }>('/reviews/cases/:id/return', review, async (req, reply) => step(req, reply, req.params.id, () => returnCase(ctxOf(req), { id: req.params.id, note: s(bodyOf(req), 'note') })));
  app.post<{ Params: { id: string } }>('/reviews/cases/:id/decision', review, async (req, reply) => {
    const b = bodyOf(req);
    const conditions = s(b, 'conditions').split(/\r?\n/).map((x) => x.trim()).filter(Boolean).slice(0, 20).map((text) => ({ text }));
    const implementsIds = [b.implements].flat().filter((x): x is string => typeof x === 'string');
    return step(req, reply, req.params.id, () => decideCase(ctxOf(req), { id: req.params.id, outcome: s(b, 'outcome'), reasons: s(b, 'reasons'), conditions, advice: s(b, 'advice'), implements: implementsIds }), '#decision-h');
  });
  const conditionCase = async (id: string) => {
    const rows = await app.db.query<{ case_id: string; number: number }>('SELECT case_id, number FROM review_conditions WHERE id::text = $1', [id]);
    if (!rows[0]) throw notFound();
    return rows[0];
  };
  app.post<{ Params: { id: string } }>('/reviews/conditions/:id/report', prepare, async (req, reply) => {
    const k = await conditionCase(req.params.id);
    const r = await submitForm(() => reportCondition(ctxOf(req), { conditionId: req.params.id, evidence: s(bodyOf(req), `evidence_${k.number}`) }));
    if (!r.ok) return casePage(req, reply, k.case_id, { errors: Object.fromEntries(Object.entries(r.errors).map(([f, v]) => [f === 'evidence' ? `evidence_${k.number}` : f, v])), status: r.status });
    return reply.redirect(`/reviews/cases/${k.case_id}#condition-${k.number}`, 303);
  });
  app.post<{ Params: { id: string } }>('/reviews/conditions/:id/close', review, async (req, reply) => {
    const k = await conditionCase(req.params.id);
    return step(req, reply, k.case_id, () => closeCondition(ctxOf(req), { conditionId: req.params.id }), `#condition-${k.number}`);
  });
  app.post<{ Params: { id: string } }>('/reviews/cases/:id/live', prepare, async (req, reply) => step(req, reply, req.params.id, () => goLive(ctxOf(req), { id: req.params.id, code: s(bodyOf(req), 'code'), goLive: s(bodyOf(req), 'goLive') || null })));
  app.post<{ Params: { id: string } }>('/reviews/cases/:id/comments', review, async (req, reply) => {
    const b = bodyOf(req);
    const clause = s(b, 'clause').slice(0, 20);
    return step(req, reply, req.params.id, () => commentClause(ctxOf(req), { id: req.params.id, clauseNumber: clause, comment: s(b, `comment_${clause.replace(/\./g, '_')}`) }));
  });

  // The authority's pages
  app.get('/reviews/pipeline', read, async (req, reply) => reply.page(<PipelinePage ctx={pageCtx(req, reply)} nav={navFor(req)} d={await pipeline(ctxOf(req))} />));
  app.get('/reviews/holidays', read, async (req, reply) => reply.page(<HolidaysPage ctx={pageCtx(req, reply)} nav={navFor(req)} rows={await holidayList(ctxOf(req))} canManage={mayAtAll(req.actor, 'reviews:manage')} />));
  app.post('/reviews/holidays', manage, async (req, reply) => {
    const b = bodyOf(req);
    const r = await submitForm(() => addHoliday(ctxOf(req), { day: s(b, 'day'), nameSw: s(b, 'nameSw'), nameEn: s(b, 'nameEn') }));
    if (!r.ok) return reply.page(<HolidaysPage ctx={pageCtx(req, reply)} nav={navFor(req)} rows={await holidayList(ctxOf(req))} canManage errors={r.errors} values={stringValues(b)} />, r.status);
    return reply.redirect('/reviews/holidays', 303);
  });
  app.post<{ Params: { day: string } }>('/reviews/holidays/:day/remove', manage, async (req, reply) => {
    await removeHoliday(ctxOf(req), { day: req.params.day });
    return reply.redirect('/reviews/holidays', 303);
  });
  app.get('/reviews/criteria', read, async (req, reply) => reply.page(<CriteriaPage ctx={pageCtx(req, reply)} nav={navFor(req)} rows={await criteriaList(ctxOf(req))} canManage={mayAtAll(req.actor, 'reviews:manage')} />));
  app.post('/reviews/criteria', manage, async (req, reply) => {
    const b = bodyOf(req);
    const code = s(b, 'code').slice(0, 40);
    const r = await submitForm(() => updateCriterion(ctxOf(req), { code, weight: Number(s(b, `weight_${code}`) || 'x'), active: s(b, `active_${code}`) !== 'no', revision: Number(s(b, 'revision')) }));
    if (!r.ok) return reply.page(<CriteriaPage ctx={pageCtx(req, reply)} nav={navFor(req)} rows={await criteriaList(ctxOf(req))} canManage errors={r.errors} />, r.status);
    return reply.redirect('/reviews/criteria', 303);
  });
}
