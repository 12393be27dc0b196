// JSON API of the reviews: the same queries and commands as the pages; presenters shape the JSON.
import type { App, BodyOf } from '../../platform/http/app.ts';
import { Type, type Static, type TSchema } from 'typebox';
import { ctxOf } from '../../platform/http/request-context.ts';
import { contentDisposition, FILE_KINDS } from '../../platform/files/index.ts';
import { AppError } from '../../platform/http/errors.ts';
import { authorize } from '../../platform/auth/access.ts';
import { casePolicy } from './access.ts';
import { Acronym, DateOnly, Id as IdT, Int, Revision, Text } from '../../platform/http/schemas.ts';
import { findInstitution } from '../reference/index.ts';
import { invalid } from '../../platform/http/errors.ts';
import { caseView, listCases } from './queries.ts';
import { presentCase, presentSummary, CaseSummaryT, CaseT } from './presenters.ts';
import { addAttachment, loadCase, createProposal, goLive, inspectAttachment, submitCase, updateProposal } from './cases.service.ts';
import { answerClarification, answerDeficiency, assignReviewer, closeCondition, decideCase, raiseDeficiency, rateCase, reportCondition, requestClarification, returnCase, settleDeficiency } from './review.service.ts';
import { decisionLetter, letterFileName } from './letter.ts';
import { OUTCOMES, RATINGS, STAGES } from './schema.ts';
import { HOSTING_CHOICES } from './rules.ts';

const Problem = { $ref: 'Problem#' } as const;
const errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem, 422: Problem };
const tags = ['reviews'];
const Id = Type.Object({ id: IdT() });
const Money = Type.Union([Type.Integer({ minimum: 0, maximum: 1_000_000_000_000 }), Type.Null()]);
const Lit = <T extends string>(xs: readonly T[]) => Type.Union(xs.map((x) => Type.Literal(x)));

const ProposalInT = Type.Object({
  title: Text(300, { minLength: 1 }),
  systemName: Type.Optional(Text(200)),
  problem: Type.Optional(Text(4000)),
  objectives: Type.Optional(Text(4000)),
  capabilities: Type.Optional(Type.Array(Type.String({ pattern: '^[A-Za-z0-9._-]{1,20}$', maxLength: 20 }), { maxItems: 20, examples: [['ADM.REC']] })),
  options: Type.Optional(Text(4000)),
  scope: Type.Optional(Text(4000)),
  integrations: Type.Optional(Text(4000)),
  govesb: Type.Optional(Type.Boolean()),
  hosting: Type.Optional(Type.Union([Lit(HOSTING_CHOICES), Type.Null()])),
  dataDescription: Type.Optional(Text(4000)),
  personalData: Type.Optional(Type.Boolean()),
  standards: Type.Optional(Text(4000)),
  usersCount: Type.Optional(Type.Union([Int(0, 100_000_000), Type.Null()])),
  costs: Type.Optional(Type.Array(Type.Object({ capex: Money, opex: Money }), { maxItems: 5, description: 'Five years, capital and operating, in TZS' })),
  capexTotal: Type.Optional(Money),
  opexTotal: Type.Optional(Money),
  fundingSource: Type.Optional(Text(1000)),
  timeline: Type.Optional(Text(2000)),
  benefits: Type.Optional(Text(4000)),
  risks: Type.Optional(Text(4000)),
});

export async function reviewsApi(app: App) {
  const read = { action: 'reviews:read' as const };
  const sec = [{ bearer: [] }];

  app.get('/api/v1/reviews/proposals', { config: read, schema: { tags, summary: 'The proposals and document reviews the caller may see', querystring: Type.Object({ stage: Type.Optional(Lit(STAGES)) }), response: { 200: Type.Object({ items: Type.Array(CaseSummaryT) }), ...errors } } }, async (req) => ({
    items: (await listCases(ctxOf(req), { stage: req.query.stage })).map(presentSummary),
  }));

  app.get('/api/v1/reviews/proposals/:id', { config: read, schema: { tags, summary: 'One case with its screening, value for money, checklist, deficiencies and decision', params: Id, response: { 200: CaseT, ...errors } } }, async (req) =>
    presentCase(await caseView(ctxOf(req), req.params.id), req.lang, req.t as never),
  );

  app.get(
    '/api/v1/reviews/proposals/:id/decision.pdf',
    { config: read, schema: { tags, summary: 'The decision letter as PDF, in Kiswahili or English', params: Id, querystring: Type.Object({ lang: Type.Optional(Lit(['sw', 'en'] as const)) }), response: { ...errors } } },
    async (req, reply) => {
      const lang = req.query.lang ?? req.lang;
      const v = await caseView(ctxOf(req), req.params.id);
      const bytes = await decisionLetter(v, lang);
      return reply.type('application/pdf').header('content-disposition', contentDisposition(letterFileName(v, lang), 'inline')).send(Buffer.from(bytes));
    },
  );

  const CreateT = Type.Object({ institution: Acronym({ description: 'Acronym of the institution' }), systemId: Type.Optional(IdT({ description: 'For a change request: the live system' })), ...ProposalInT.properties }, { required: ['institution', 'title'] });
  app.post('/api/v1/reviews/proposals', { config: { action: 'reviews:prepare' as const, noCsrf: true }, schema: { tags, summary: 'Start a proposal (a change request when systemId names a live system)', security: sec, body: CreateT, response: { 201: CaseT, ...errors } } }, async (req, reply) => {
    const b = req.body;
    const inst = await findInstitution(app.db.orm, b.institution);
    if (!inst) throw invalid({ institution: 'reviews.field.system' });
    const { institution: _i, ...rest } = b;
    const c = await createProposal(ctxOf(req), { ...rest, institutionId: inst.id });
    return reply.status(201).send(presentCase(await caseView(ctxOf(req), c.id), req.lang, req.t as never));
  });

  const UpdateT = Type.Object({ revision: Revision(), ...ProposalInT.properties }, { required: ['revision', 'title'] });
  app.put('/api/v1/reviews/proposals/:id', { config: { action: 'reviews:prepare' as const, noCsrf: true }, schema: { tags, summary: 'Save a draft or returned proposal (send the revision you started from; 409 when someone saved since)', security: sec, params: Id, body: UpdateT, response: { 200: CaseT, ...errors } } }, async (req) => {
    await updateProposal(ctxOf(req), { ...req.body, id: req.params.id });
    return presentCase(await caseView(ctxOf(req), req.params.id), req.lang, req.t as never);
  });

  // An attachment, sent as the raw body (as the library's file upload): PDF, Word or Excel, checked by content.
  const fileTypes = [FILE_KINDS.pdf, FILE_KINDS.docx, FILE_KINDS.xlsx];
  app.addContentTypeParser(fileTypes, { parseAs: 'buffer', bodyLimit: app.config.uploadLimit }, (_req, body, done) => done(null, body));
  const binary = { schema: { description: 'The file’s bytes' } };
  const AttachQuery = Type.Object({ kind: Lit(['concept_note', 'business_case', 'requirements', 'document', 'other'] as const), filename: Type.Optional(Text(200)) });
  app.post('/api/v1/reviews/proposals/:id/attachments', {
    config: { action: 'reviews:prepare', noCsrf: true },
    bodyLimit: app.config.uploadLimit,
    schema: {
      tags, summary: 'Attach a file (concept note, business case, requirements…) to a draft or returned case',
      description: 'The body is the file itself with its Content-Type (PDF, DOCX or XLSX); the type is decided from its content. 413 over the upload limit, 422 for a refused file.',
      security: sec, params: Id, querystring: AttachQuery,
      body: { content: { [FILE_KINDS.pdf]: binary, [FILE_KINDS.docx]: binary, [FILE_KINDS.xlsx]: binary } },
      response: { 200: CaseT, ...errors },
    },
  }, async (req) => {
    const body: unknown = req.body;
    if (!Buffer.isBuffer(body)) throw new AppError(415, 'error.badRequest.title');
    // Refused before the file is read when the caller may not attach to this case.
    authorize(req.actor, casePolicy, 'edit', await loadCase(ctxOf(req), req.params.id));
    const name = await inspectAttachment(body, req.query.filename || `${req.query.kind}.bin`);
    await addAttachment(ctxOf(req), { caseId: req.params.id, kind: req.query.kind, fileName: name, bytes: body });
    return presentCase(await caseView(ctxOf(req), req.params.id), req.lang, req.t as never);
  });

  // One write step: run the command, answer with the case as it now is (a step on a deficiency or a
  // condition answers with the case it belongs to).
  type Run<B extends TSchema> = (ctx: ReturnType<typeof ctxOf>, id: string, body: BodyOf<B>) => Promise<unknown>;
  const step = <B extends ReturnType<typeof Type.Object>>(path: string, action: 'reviews:submit' | 'reviews:manage' | 'reviews:review' | 'reviews:prepare', summary: string, body: B, run: Run<B>, owner = 'review_cases') =>
    app.post(path, { config: { action, noCsrf: true }, schema: { tags, summary, security: sec, params: Id, body, response: { 200: CaseT, ...errors } } }, async (req) => {
      await run(ctxOf(req), req.params.id, req.body);
      const caseId = owner === 'review_cases' ? req.params.id : (await app.db.query<{ case_id: string }>(`SELECT case_id FROM ${owner} WHERE id = $1`, [req.params.id]))[0]!.case_id;
      return presentCase(await caseView(ctxOf(req), caseId), req.lang, req.t as never);
    });
  const Empty = Type.Object({});
  const Note = (max = 4000) => Type.Object({ text: Text(max) });

  step('/api/v1/reviews/proposals/:id/submit', 'reviews:submit', 'Submit to the authority (head of institution only); 422 lists what is missing', Empty, (ctx, id) => submitCase(ctx, { id }));
  step('/api/v1/reviews/proposals/:id/assign', 'reviews:manage', 'Assign a reviewer (never one who acts for the submitting institution)', Type.Object({ reviewerId: IdT() }), (ctx, id, b) => assignReviewer(ctx, { id, reviewerId: b.reviewerId }));
  step('/api/v1/reviews/proposals/:id/ratings', 'reviews:review', 'Rate checklist criteria red, amber or green with a comment', Type.Object({ ratings: Type.Array(Type.Object({ criterion: Type.String({ pattern: '^[a-z_]{2,40}$', maxLength: 40 }), rating: Lit(RATINGS), comment: Type.Optional(Text(2000)) }), { maxItems: 30 }) }), (ctx, id, b) => rateCase(ctx, { id, ratings: b.ratings }));
  step('/api/v1/reviews/proposals/:id/deficiencies', 'reviews:review', 'Raise a deficiency', Type.Object({ text: Text(4000), criterion: Type.Optional(Type.String({ pattern: '^[a-z_]{0,40}$', maxLength: 40 })) }), (ctx, id, b) => raiseDeficiency(ctx, { id, text: b.text, criterion: b.criterion }));
  step('/api/v1/reviews/deficiencies/:id/answer', 'reviews:prepare', 'The institution answers a deficiency', Note(), (ctx, id, b) => answerDeficiency(ctx, { deficiencyId: id, answer: b.text }), 'review_deficiencies');
  step('/api/v1/reviews/deficiencies/:id/resolve', 'reviews:review', 'Accept the answer to a deficiency', Empty, (ctx, id) => settleDeficiency(ctx, { deficiencyId: id, resolve: true }), 'review_deficiencies');
  step('/api/v1/reviews/deficiencies/:id/reopen', 'reviews:review', 'Reopen a deficiency whose answer falls short', Type.Object({ text: Type.Optional(Text(4000)) }), (ctx, id, b) => settleDeficiency(ctx, { deficiencyId: id, resolve: false, note: b.text }), 'review_deficiencies');
  step('/api/v1/reviews/proposals/:id/clarification', 'reviews:review', 'Ask the institution a question (the clock stops)', Note(), (ctx, id, b) => requestClarification(ctx, { id, question: b.text }));
  step('/api/v1/reviews/proposals/:id/clarification/answer', 'reviews:prepare', 'Answer the open question (the clock runs again)', Note(), (ctx, id, b) => answerClarification(ctx, { id, answer: b.text }));
  step('/api/v1/reviews/proposals/:id/return', 'reviews:review', 'Return the case to the institution to fix its deficiencies', Type.Object({ text: Type.Optional(Text(2000)) }), (ctx, id, b) => returnCase(ctx, { id, note: b.text }));
  step(
    '/api/v1/reviews/proposals/:id/decision',
    'reviews:review',
    'Decide with reasons (and conditions for an approval with conditions); the letter is generated and e-mailed',
    Type.Object({ outcome: Lit(OUTCOMES), reasons: Text(8000), conditions: Type.Optional(Type.Array(Type.Object({ text: Text(2000), dueOn: Type.Optional(DateOnly()) }), { maxItems: 20 })), advice: Type.Optional(Text(8000)), implements: Type.Optional(Type.Array(IdT(), { maxItems: 50 })) }),
    (ctx, id, b) => decideCase(ctx, { id, ...b }),
  );
  step('/api/v1/reviews/conditions/:id/report', 'reviews:prepare', 'Report a condition met, with its evidence', Type.Object({ evidence: Text(4000) }), (ctx, id, b) => reportCondition(ctx, { conditionId: id, evidence: b.evidence }), 'review_conditions');
  step('/api/v1/reviews/conditions/:id/close', 'reviews:review', 'Close a condition (only on evidence)', Empty, (ctx, id) => closeCondition(ctx, { conditionId: id }), 'review_conditions');
  step('/api/v1/reviews/proposals/:id/live', 'reviews:prepare', 'The approved project went live: register it in the portfolio with its lineage', Type.Object({ code: Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9._/-]{0,39}$', maxLength: 40 }), goLive: Type.Optional(DateOnly()) }), (ctx, id, b) => goLive(ctx, { id, code: b.code, goLive: b.goLive }));
}
