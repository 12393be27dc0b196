// Oversight pages: thin handlers that read the form or query, call a query or a command, and render
// (or redirect after a change). They work without JavaScript: every action is a form post.
import type { App } from '../../../platform/http/app.ts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { pageCtx } from '../../../web/context.ts';
import { ctxOf } from '../../../platform/http/request-context.ts';
import { submitForm } from '../../../platform/http/forms.ts';
import { isMultipart, readMultipartForm, type FormFile } from '../../../platform/http/multipart.ts';
import { AppError } from '../../../platform/http/errors.ts';
import { decide, mayAtAll, permitted } from '../../../platform/auth/access.ts';
import type { Action } from '../../../platform/auth/policy.ts';
import { formString, isUuid, formChoice, formText, formList, pageNumber } from '../../../platform/input.ts';
import { Type, type Static } from 'typebox';
import { Code, FormFields, Id, PageText, Pattern, Text } from '../../../platform/http/schemas.ts';
import type { FieldErrors } from '../../../web/components/forms.tsx';
import { findInstitutionByAcronym } from '../../reference/index.ts';
import { ownInstitutions, readScope } from '../access.ts';
import { assessmentReviewPolicy, directivePolicy, directiveTargetPolicy, findingPolicy } from './access.ts';
import { chooseSample, lastSample, reviewAnswer, verifyAnswer } from './review.service.ts';
import { attachPlanEvidence, challengeFinding, closePlan, completePlan, decideChallenge, raiseFinding, savePlan, sendBackPlan, submitPlan } from './findings.service.ts';
import { issueDirective, reportOnDirective, withdrawDirective } from './directives.service.ts';
import { answerForFinding, challengeUntilOf, cycleChoices, directiveFormChoices, directiveList, directiveView, evidenceChoices, findingList, findingView, ownTargets, reviewQueue, reviewView, sampleInstitutions } from './queries.ts';
import { MILESTONES_MAX } from './rules.ts';
import { evidenceGiven, type EvidenceInput } from '../assessments/evidence.service.ts';
import { ReviewPage, ReviewQueuePage, SamplePage } from './views/reviews.tsx';
import { FindingPage, FindingsPage, NewFindingPage, PlanFormPage } from './views/findings.tsx';
import { DirectivePage, DirectivesPage, NewDirectivePage } from './views/directives.tsx';

const revisionOf = (v: unknown): number | undefined => {
  const n = Number(formString(v));
  return formString(v) !== '' && Number.isSafeInteger(n) && n >= 0 && n <= 2_147_483_647 ? n : undefined;
};
/** A milestone position from a form ('' is the plan as a whole; anything else not a number is refused by the service). */
const milestoneOf = (v: unknown): number | null => {
  const s = formString(v).trim();
  return s === '' ? null : /^\d{1,3}$/.test(s) ? Number(s) : -1;
};

// Route schemas. Forms are `FormFields` (the services judge their values and answer with field
// errors); filters in the query string are bounded text or code words the handler picks from.
const form = FormFields();
type Form = Static<typeof form>;
/**
 * A form that comes multipart when it carries an evidence file, url-encoded otherwise. A multipart
 * body is read from the stream by the route (Fastify leaves `req.body` unset and validates it as
 * null), so the schema admits null besides the form (decision 0350).
 */
const formOrUpload = Type.Union([form, Type.Null()]);
const one = Type.Object({ id: Id() });
const oneAnswer = Type.Object({ id: Id(), answerId: Id() });
/** A count shown back after a redirect (`?issued=3`). */
const Count = () => Pattern(/^[0-9]{0,6}$/, 6, '3');
const reviewQuery = Type.Object({ result: Type.Optional(Code()), review: Type.Optional(Code()), group: Type.Optional(Code()), page: Type.Optional(PageText()), saved: Type.Optional(Code()) });
const directiveQuery = Type.Object({ status: Type.Optional(Code()), page: Type.Optional(PageText()), saved: Type.Optional(Code()), issued: Type.Optional(Count()) });

/** A form's fields and file: from the stream when it came multipart (the CSRF token is its first field), else the parsed body. */
async function formOf(req: FastifyRequest, body: Form | null): Promise<{ b: Form; file?: FormFile }> {
  if (!isMultipart(req)) return { b: body ?? {} };
  const { fields, file } = await readMultipartForm(req);
  return { b: fields, file };
}

/** The new piece of evidence a form gives (title, expiry, link or file), or undefined when it gives none. */
function newEvidenceOf(b: Form, file?: FormFile): Omit<EvidenceInput, 'institutionId'> | undefined {
  const input = { title: formText(b.title, 400), expiresOn: formText(b.expiresOn, 20), url: formText(b.url, 2100) || undefined, file: file ? { bytes: file.buffer, name: file.filename } : undefined };
  return evidenceGiven(input) ? input : undefined;
}

/** Runs a command; a refusal the person should read (state, window, own institution) comes back as text for the page. */
async function attempt<T>(req: FastifyRequest, run: () => Promise<T>): Promise<{ ok: true; value: T } | { ok: false; errors?: FieldErrors; problem?: string; status: number }> {
  try {
    const r = await submitForm(run);
    return r.ok ? r : { ok: false, errors: r.errors, status: r.status };
  } catch (err) {
    if (err instanceof AppError && (err.status === 409 || (err.status === 403 && err.key !== 'error.forbidden.title' && err.key !== 'error.csrf.title'))) return { ok: false, problem: req.t(err.key), status: err.status };
    throw err;
  }
}

export async function oversightRoutes(app: App) {
  const read = { config: { action: 'compliance:read' as const } };
  const review = { config: { action: 'compliance:review' as const } };
  const manage = { config: { action: 'compliance:manage' as const } };
  const remediate = { config: { action: 'compliance:remediate' as const } };

  // ------------------------------------------------------------ the reviewers' queue and one review
  const queueQuery = Type.Object({ cycle: Type.Optional(Text(200)), status: Type.Optional(Code()), institution: Type.Optional(Text(200)), sampled: Type.Optional(Code()), page: Type.Optional(PageText()) });
  app.get('/compliance/reviews', { ...review, schema: { querystring: queueQuery } }, async (req, reply) => {
    const ctx = ctxOf(req);
    const q = req.query;
    const filters = { cycle: formText(q.cycle, 40), status: formChoice(formText(q.status), ['signed_off', 'returned', 'reviewed']), institution: formText(q.institution, 40), sampled: formChoice(formText(q.sampled), ['yes', 'no']) };
    const result = await reviewQueue(ctx, { ...filters, sampled: filters.sampled ? filters.sampled === 'yes' : undefined, page: pageNumber(q.page) });
    return reply.page(<ReviewQueuePage ctx={pageCtx(req, reply)} result={result} filters={filters} cycles={await cycleChoices(ctx)} />);
  });

  /** One assessment's review page, filtered by `q` (the request's query, or the query of the page a decision came from). */
  async function reviewPage(req: FastifyRequest, reply: FastifyReply, id: string, q: Static<typeof reviewQuery>, extra: { errors?: FieldErrors; values?: Record<string, string>; status?: number; url?: string } = {}) {
    const ctx = ctxOf(req);
    const filters = { result: formChoice(formText(q.result), ['compliant', 'partial', 'non_compliant', 'not_applicable', 'none']), review: formChoice(formText(q.review), ['pending', 'accepted', 'returned']), group: formText(q.group, 20) };
    const v = await reviewView(ctx, id, { ...filters, page: pageNumber(q.page) });
    const record = { institutionId: v.assessment.institutionId, status: v.assessment.status, sampled: v.assessment.sampled };
    const allowed = permitted(req.actor, assessmentReviewPolicy, record);
    const d = decide(req.actor, assessmentReviewPolicy, 'review', record);
    const refusal = !d.ok && d.status === 403 && d.key !== 'error.forbidden.title' ? req.t(d.key) : null;
    const pc = pageCtx(req, reply);
    return reply.page(<ReviewPage ctx={extra.url ? { ...pc, url: extra.url } : pc} view={v} filters={filters} can={allowed} refusal={refusal} errors={extra.errors} values={extra.values} saved={q.saved === '1'} />, extra.status ?? 200);
  }

  app.get('/compliance/assessments/:id/review', { ...read, schema: { params: one, querystring: reviewQuery } }, async (req, reply) => reviewPage(req, reply, req.params.id, req.query));

  /** Where to go back to after a decision: the same review page with its filters, or the plain page. */
  const backTo = (id: string, v: unknown) => {
    const s = formString(v);
    const base = `/compliance/assessments/${id}/review`;
    return s.startsWith(base) && s.length < 500 && !/[\r\n]/.test(s) ? s : base;
  };
  /** The filters of the page a decision came from, to show it again with the errors. */
  const queryOf = (url: string) => Object.fromEntries(new URL(url, 'http://x').searchParams);
  const withSaved = (url: string, anchor: string) => {
    const u = new URL(url, 'http://x');
    u.searchParams.set('saved', '1');
    return `${u.pathname}${u.search}#${anchor}`;
  };

  app.post('/compliance/assessments/:id/review/answers/:answerId', { ...review, schema: { params: oneAnswer, body: form } }, async (req, reply) => {
    const b = req.body;
    const back = backTo(req.params.id, b.back);
    const r = await submitForm(() => reviewAnswer(ctxOf(req), { assessmentId: req.params.id, answerId: req.params.answerId, decision: formText(b.decision, 20), comment: formString(b.comment).slice(0, 4000), revision: revisionOf(b.revision) }));
    if (!r.ok) {
      const key = `comment-${req.params.answerId}`;
      const errors: FieldErrors = Object.fromEntries(Object.values(r.errors).map((k) => [key, k]));
      return reviewPage(req, reply, req.params.id, queryOf(back), { errors, values: { [key]: formString(b.comment).slice(0, 4000) }, status: r.status, url: back });
    }
    return reply.redirect(withSaved(back, `a-${req.params.answerId}`), 303);
  });

  app.post('/compliance/assessments/:id/review/answers/:answerId/verify', { ...manage, schema: { params: oneAnswer, body: form } }, async (req, reply) => {
    const b = req.body;
    const back = backTo(req.params.id, b.back);
    const r = await submitForm(() => verifyAnswer(ctxOf(req), { assessmentId: req.params.id, answerId: req.params.answerId, result: formText(b.result, 20), comment: formString(b.comment).slice(0, 4000) }));
    if (!r.ok) return reviewPage(req, reply, req.params.id, queryOf(back), { errors: Object.fromEntries(Object.values(r.errors).map((k) => [`verified-${req.params.answerId}`, k])), status: r.status, url: back });
    return reply.redirect(withSaved(back, `a-${req.params.answerId}`), 303);
  });

  // ------------------------------------------------------------ the on-site sample
  const sampleQuery = Type.Object({ cycle: Type.Optional(Text(200)) });
  async function samplePage(req: FastifyRequest, reply: FastifyReply, cycle: string | undefined, extra: { errors?: FieldErrors; values?: Record<string, string>; status?: number } = {}) {
    const ctx = ctxOf(req);
    const list = await cycleChoices(ctx);
    const wanted = formText(cycle, 40);
    const cycleId = list.find((c) => c.id === wanted)?.id ?? list[0]?.id ?? '';
    const insts = cycleId ? await sampleInstitutions(ctx, cycleId) : [];
    return reply.page(<SamplePage ctx={pageCtx(req, reply)} cycles={list} cycleId={cycleId} institutions={insts} last={cycleId ? await lastSample(ctx, cycleId) : null} errors={extra.errors} values={extra.values} />, extra.status ?? 200);
  }

  app.get('/compliance/reviews/sample', { ...manage, schema: { querystring: sampleQuery } }, async (req, reply) => samplePage(req, reply, req.query.cycle));

  app.post('/compliance/reviews/sample', { ...manage, schema: { querystring: sampleQuery, body: form } }, async (req, reply) => {
    const b = req.body;
    const cycleId = formText(req.query.cycle, 40);
    const hand = formText(b.mode) === 'hand';
    const sizeText = formText(b.size, 10);
    const size = /^\d{1,6}$/.test(sizeText) ? Number(sizeText) : 0;
    const chosen = formList(b.institutions, 1000).filter(isUuid);
    const r = await submitForm(() => chooseSample(ctxOf(req), hand ? { cycleId, institutionIds: chosen.length ? chosen : ['00000000-0000-0000-0000-000000000000'] } : { cycleId, size, seed: formText(b.seed, 64) }));
    if (!r.ok) return samplePage(req, reply, req.query.cycle, { errors: r.errors, values: { size: sizeText, seed: formText(b.seed, 64) }, status: r.status });
    return reply.redirect(`/compliance/reviews/sample?cycle=${cycleId}`, 303);
  });

  // ------------------------------------------------------------ findings
  const findingsQuery = Type.Object({ status: Type.Optional(Code()), severity: Type.Optional(Code()), institution: Type.Optional(Text(200)), overdue: Type.Optional(Code()), answer: Type.Optional(Text(64)), page: Type.Optional(PageText()) });
  app.get('/compliance/findings', { ...read, schema: { querystring: findingsQuery } }, async (req, reply) => {
    const ctx = ctxOf(req);
    const q = req.query;
    const filters = { status: formChoice(formText(q.status), ['open', 'challenged', 'withdrawn', 'closed']), severity: formChoice(formText(q.severity), ['low', 'moderate', 'high', 'critical']), institution: formText(q.institution, 40), overdue: formChoice(formText(q.overdue), ['yes']) };
    const answer = formText(q.answer, 40);
    const result = await findingList(ctx, { ...filters, overdue: filters.overdue === 'yes', answer: isUuid(answer) ? answer : undefined, page: pageNumber(q.page) });
    return reply.page(<FindingsPage ctx={pageCtx(req, reply)} result={result} filters={filters} canSeeAll={readScope(req.actor).all} />);
  });

  // The answer a finding is raised on comes in the query; one that is not an answer's id names nothing (404).
  const newFindingQuery = Type.Object({ answer: Type.Optional(Text(64)) });
  async function newFindingPage(req: FastifyRequest, reply: FastifyReply, answerId: string | undefined, values: Record<string, string>, errors?: FieldErrors, status = 200) {
    const ctx = ctxOf(req);
    const id = formText(answerId, 40);
    if (!isUuid(id)) return reply.callNotFound();
    const a = await answerForFinding(ctx, id);
    if (!permitted(req.actor, assessmentReviewPolicy, a).raiseFinding) {
      const d = decide(req.actor, assessmentReviewPolicy, 'raiseFinding', a);
      throw new AppError(d.ok ? 403 : d.status, d.ok ? 'error.forbidden.title' : d.key);
    }
    return reply.page(
      <NewFindingPage ctx={pageCtx(req, reply)} answer={{ id: a.answer.id, ref: a.ref, text: req.lang === 'sw' ? a.textSw : a.textEn, system: a.system, institution: a.institution, result: a.answer.result, assessmentId: a.answer.assessmentId }} challengeUntil={await challengeUntilOf(ctx, a.answer.assessmentId)} values={values} errors={errors} />,
      status,
    );
  }

  app.get('/compliance/findings/new', { ...review, schema: { querystring: newFindingQuery } }, async (req, reply) => newFindingPage(req, reply, req.query.answer, {}));

  app.post('/compliance/findings/new', { ...review, schema: { querystring: newFindingQuery, body: form } }, async (req, reply) => {
    const b = req.body;
    const values = { severity: formText(b.severity, 20), dueOn: formText(b.dueOn, 20), description: formString(b.description).slice(0, 5000) };
    const id = formText(req.query.answer, 40);
    const r = await submitForm(() => raiseFinding(ctxOf(req), { answerId: id, ...values }));
    if (!r.ok) return newFindingPage(req, reply, req.query.answer, values, r.errors, r.status);
    return reply.redirect(`/compliance/findings/${r.value.id}?saved=1`, 303);
  });

  async function findingPage(req: FastifyRequest, reply: FastifyReply, id: string, extra: { errors?: FieldErrors; values?: Record<string, string>; problem?: string; status?: number; saved?: boolean } = {}) {
    const ctx = ctxOf(req);
    const v = await findingView(ctx, id);
    const allowed = permitted(req.actor, findingPolicy, v.record);
    const mayAttach = v.poam && (v.poam.status === 'draft' ? allowed.savePlan : allowed.progress);
    const choices = mayAttach ? (await evidenceChoices(ctx, v.finding.institutionId)).filter((e) => !v.evidence.some((x) => x.id === e.id)) : [];
    return reply.page(<FindingPage ctx={pageCtx(req, reply)} v={v} can={allowed} evidenceChoices={choices} errors={extra.errors} values={extra.values} problem={extra.problem} saved={!!extra.saved} />, extra.status ?? 200);
  }

  app.get('/compliance/findings/:id', { ...read, schema: { params: one, querystring: Type.Object({ saved: Type.Optional(Code()) }) } }, async (req, reply) => findingPage(req, reply, req.params.id, { saved: req.query.saved === '1' }));

  /** A post on a finding: run it; on a refusal show the finding again with the reason; else back to the finding. */
  const onFinding = (path: string, config: { config: { action: Action } }, run: (req: FastifyRequest, id: string, b: Form) => Promise<unknown>, fieldMap: Record<string, string> = {}, valueOf: (b: Form) => Record<string, string> = () => ({})) =>
    app.post(`/compliance/findings/:id${path}`, { ...config, schema: { params: one, body: form } }, async (req, reply) => {
      const b = req.body;
      const r = await attempt(req, () => run(req, req.params.id, b));
      if (!r.ok) {
        const errors = r.errors ? Object.fromEntries(Object.entries(r.errors).map(([k, v]) => [fieldMap[k] ?? k, v])) : undefined;
        return findingPage(req, reply, req.params.id, { errors, problem: r.problem, values: valueOf(b), status: r.status });
      }
      return reply.redirect(`/compliance/findings/${req.params.id}?saved=1`, 303);
    });

  onFinding('/challenge', remediate, (req, id, b) => challengeFinding(ctxOf(req), { id, reason: formString(b.reason).slice(0, 5000), revision: revisionOf(b.revision) }), {}, (b) => ({ reason: formString(b.reason).slice(0, 5000) }));
  onFinding('/decision', review, (req, id, b) => decideChallenge(ctxOf(req), { id, outcome: formText(b.outcome, 20), reason: formString(b.outcomeReason).slice(0, 5000), revision: revisionOf(b.revision) }), {}, (b) => ({ outcomeReason: formString(b.outcomeReason).slice(0, 5000) }));
  onFinding('/plan/submit', remediate, (req, id, b) => submitPlan(ctxOf(req), { findingId: id, revision: revisionOf(b.revision) }));
  onFinding('/plan/complete', remediate, (req, id, b) => completePlan(ctxOf(req), { findingId: id, revision: revisionOf(b.revision) }));
  onFinding('/plan/close', review, (req, id, b) => closePlan(ctxOf(req), { findingId: id, revision: revisionOf(b.revision) }));
  onFinding('/plan/send-back', review, (req, id, b) => sendBackPlan(ctxOf(req), { findingId: id, reason: formString(b.sendBackReason).slice(0, 5000), revision: revisionOf(b.revision) }), { reason: 'sendBackReason' }, (b) => ({ sendBackReason: formString(b.sendBackReason).slice(0, 5000) }));
  onFinding('/plan/evidence', remediate, (req, id, b) => attachPlanEvidence(ctxOf(req), { findingId: id, evidenceId: formText(b.evidenceId, 40), milestone: milestoneOf(b.evidenceMilestone) }), { evidence: 'evidenceId' });

  // The plan's form.
  const planValuesOf = (b: Form) => {
    const values: Record<string, string> = { ownerName: formText(b.ownerName), ownerEmail: formText(b.ownerEmail, 254), plan: formString(b.plan).slice(0, 5000), revision: formText(b.revision, 12), evidenceMilestone: formText(b.evidenceMilestone, 4) };
    for (let n = 1; n <= MILESTONES_MAX; n++) for (const k of ['title', 'planned', 'actual']) values[`m${n}-${k}`] = formText(b[`m${n}-${k}`], 400);
    return values;
  };
  const rowsFor = (values: Record<string, string>) => {
    let last = 0;
    for (let n = 1; n <= MILESTONES_MAX; n++) if (values[`m${n}-title`] || values[`m${n}-planned`] || values[`m${n}-actual`]) last = n;
    return Math.min(MILESTONES_MAX, Math.max(5, last + 2));
  };

  app.get('/compliance/findings/:id/plan', { ...remediate, schema: { params: one } }, async (req, reply) => {
    const ctx = ctxOf(req);
    const v = await findingView(ctx, req.params.id);
    const allowed = permitted(req.actor, findingPolicy, v.record);
    if (!(v.poam ? (v.poam.status === 'draft' ? allowed.savePlan : allowed.progress) : allowed.savePlan)) {
      const d = decide(req.actor, findingPolicy, v.poam && v.poam.status !== 'draft' ? 'progress' : 'savePlan', v.record);
      throw new AppError(d.ok ? 409 : d.status, d.ok ? 'oversight.refused.planState' : d.key);
    }
    const values: Record<string, string> = v.poam ? { ownerName: v.poam.ownerName, ownerEmail: v.poam.ownerEmail, plan: v.poam.plan, revision: String(v.poam.revision) } : { ownerName: req.actor?.name ?? '', ownerEmail: req.actor?.email ?? '' };
    v.milestones.forEach((m, i) => Object.assign(values, { [`m${i + 1}-title`]: m.title, [`m${i + 1}-planned`]: m.plannedOn, [`m${i + 1}-actual`]: m.actualOn ?? '' }));
    return reply.page(<PlanFormPage ctx={pageCtx(req, reply)} findingId={v.finding.id} ref={v.meta.ref} values={values} rows={rowsFor(values)} />);
  });

  app.post('/compliance/findings/:id/plan', { ...remediate, schema: { params: one, body: formOrUpload } }, async (req, reply) => {
    const { b, file } = await formOf(req, req.body);
    const values = planValuesOf(b);
    const milestones = Array.from({ length: MILESTONES_MAX }, (_, i) => ({ title: values[`m${i + 1}-title`], plannedOn: values[`m${i + 1}-planned`], actualOn: values[`m${i + 1}-actual`] || null }));
    const upload = newEvidenceOf(b, file);
    const evidence = upload ? { input: upload, milestone: milestoneOf(values.evidenceMilestone) } : undefined;
    const r = await attempt(req, () => savePlan(ctxOf(req), { findingId: req.params.id, ownerName: values.ownerName, ownerEmail: values.ownerEmail, plan: values.plan, milestones, revision: revisionOf(b.revision), evidence }));
    if (!r.ok) {
      const v = await findingView(ctxOf(req), req.params.id);
      const conflict = r.problem === req.t('oversight.conflict');
      const fresh = conflict && v.poam ? { ...values, revision: String(v.poam.revision) } : values;
      if (r.problem && !conflict) return findingPage(req, reply, req.params.id, { problem: r.problem, status: r.status });
      return reply.page(<PlanFormPage ctx={pageCtx(req, reply)} findingId={v.finding.id} ref={v.meta.ref} values={fresh} rows={rowsFor(values)} errors={r.errors} conflict={conflict} />, r.status);
    }
    return reply.redirect(`/compliance/findings/${req.params.id}?saved=1`, 303);
  });

  // ------------------------------------------------------------ directives
  app.get('/compliance/directives', { ...read, schema: { querystring: Type.Object({ status: Type.Optional(Code()), page: Type.Optional(PageText()) }) } }, async (req, reply) => {
    const filters = { status: formChoice(formText(req.query.status), ['issued', 'withdrawn', 'overdue']) };
    const result = await directiveList(ctxOf(req), { ...filters, page: pageNumber(req.query.page) });
    return reply.page(<DirectivesPage ctx={pageCtx(req, reply)} result={result} filters={filters} canIssue={mayAtAll(req.actor, 'compliance:manage')} authority={readScope(req.actor).all} />);
  });

  const directiveForm = async (req: FastifyRequest, reply: FastifyReply, values: Record<string, string>, checked: { types: string[]; sectors: string[] }, errors?: FieldErrors, status = 200) => {
    const { sectors } = await directiveFormChoices(ctxOf(req));
    return reply.page(<NewDirectivePage ctx={pageCtx(req, reply)} values={values} errors={errors} sectors={sectors} checked={checked} />, status);
  };

  app.get('/compliance/directives/new', manage, async (req, reply) => directiveForm(req, reply, {}, { types: [], sectors: [] }));

  app.post('/compliance/directives/new', { ...manage, schema: { body: form } }, async (req, reply) => {
    const b = req.body;
    const values = { code: formText(b.code, 60), titleSw: formText(b.titleSw, 400), titleEn: formText(b.titleEn, 400), bodySw: formString(b.bodySw).slice(0, 9000), bodyEn: formString(b.bodyEn).slice(0, 9000), deadline: formText(b.deadline, 20), requirement: formText(b.requirement, 200), institutions: formText(b.institutions, 4000) };
    const checked = { types: formList(b.institutionTypes, 1000).map((x) => x.slice(0, 60)), sectors: formList(b.sectors, 1000).map((x) => x.slice(0, 100)) };
    const r = await submitForm(() => issueDirective(ctxOf(req), { ...values, institutionTypes: checked.types, sectors: checked.sectors, institutions: values.institutions.split(/[,\s]+/).filter(Boolean).slice(0, 1000) }));
    if (!r.ok) return directiveForm(req, reply, values, checked, r.errors, r.status);
    return reply.redirect(`/compliance/directives/${r.value.directive.id}?issued=${r.value.targets}`, 303);
  });

  /** One directive; after a refused report, `extra.reporting` names the institution whose form shows the errors and values. */
  async function directivePage(req: FastifyRequest, reply: FastifyReply, id: string, q: Static<typeof directiveQuery>, extra: { errors?: FieldErrors; values?: Record<string, string>; status?: number; reporting?: string } = {}) {
    const ctx = ctxOf(req);
    const filters = { status: formChoice(formText(q.status), ['pending', 'in_progress', 'done']) };
    const v = await directiveView(ctx, id, { ...filters, page: pageNumber(q.page) });
    const rows = await ownTargets(ctx, v.directive.id, ownInstitutions(req.actor));
    const own = rows.map((r) => ({ ...r, canReport: decide(req.actor, directiveTargetPolicy, 'report', { institutionId: r.institutionId, directiveStatus: v.directive.status }).ok }));
    const choices: Record<string, { id: string; title: string }[]> = {};
    for (const o of own) if (o.canReport) choices[o.institutionId] = await evidenceChoices(ctx, o.institutionId);
    const issuedText = formText(q.issued, 6);
    return reply.page(
      <DirectivePage ctx={pageCtx(req, reply)} v={v} authority={readScope(req.actor).all} canWithdraw={permitted(req.actor, directivePolicy, v.record).withdraw} own={own} evidenceChoices={choices} filters={filters} errors={extra.errors} values={extra.values} reporting={extra.reporting} saved={q.saved === '1'} issued={/^\d+$/.test(issuedText) ? Number(issuedText) : undefined} />,
      extra.status ?? 200,
    );
  }

  app.get('/compliance/directives/:id', { ...read, schema: { params: one, querystring: directiveQuery } }, async (req, reply) => directivePage(req, reply, req.params.id, req.query));

  app.post('/compliance/directives/:id/withdraw', { ...manage, schema: { params: one, body: form } }, async (req, reply) => {
    await withdrawDirective(ctxOf(req), { id: req.params.id, revision: revisionOf(req.body.revision) });
    return reply.redirect(`/compliance/directives/${req.params.id}?saved=1`, 303);
  });

  app.post('/compliance/directives/:id/status', { ...remediate, schema: { params: one, querystring: Type.Object({ institution: Type.Optional(Text(200)) }), body: formOrUpload } }, async (req, reply) => {
    const { b, file } = await formOf(req, req.body);
    const acronym = formText(req.query.institution, 40);
    const ctx = ctxOf(req);
    const inst = acronym ? await findInstitutionByAcronym(ctx.q, acronym) : undefined;
    const mine = ownInstitutions(req.actor);
    const institutionId = inst?.id ?? (mine.length === 1 ? mine[0] : '');
    const evidenceId = formText(b.evidenceId, 40);
    const values = { status: formText(b.status, 20), note: formString(b.note).slice(0, 3000) };
    const r = await submitForm(() => reportOnDirective(ctx, { directiveId: req.params.id, institutionId, ...values, evidenceIds: evidenceId ? [evidenceId] : [], newEvidence: newEvidenceOf(b, file), revision: revisionOf(b.revision) }));
    if (!r.ok) return directivePage(req, reply, req.params.id, {}, { errors: Object.fromEntries(Object.entries(r.errors).map(([k, v]) => [k === 'evidence' ? 'evidenceId' : k, v])), values, status: r.status, reporting: institutionId });
    return reply.redirect(`/compliance/directives/${req.params.id}?saved=1`, 303);
  });
}
