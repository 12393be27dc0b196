// JSON API of the authority's oversight: review of an assessment's answers, the on-site sample,
// findings with their challenges and remediation plans, directives and the overdue lists. The same
// queries and commands as the pages; presenters.ts shapes the JSON.
import type { FastifyContextConfig } from 'fastify';
import type { App } from '../../../platform/http/app.ts';
import { Type, type Static } from 'typebox';
import { ctxOf } from '../../../platform/http/request-context.ts';
import { invalid, notFound } from '../../../platform/http/errors.ts';
import { Acronym, DateOnly, Id as IdT, Code, Int, PageNumber, Revision, Text, OneOf } from '../../../platform/http/schemas.ts';
import { findInstitution } from '../../reference/index.ts';
import { INSTITUTION_TYPES } from '../../reference/index.ts';
import { RESULTS, SEVERITIES, TARGET_STATUSES } from '../schema.ts';
import { chooseSample, reviewAnswer, verifyAnswer } from './review.service.ts';
import { attachPlanEvidence, challengeFinding, closePlan, completePlan, decideChallenge, raiseFinding, savePlan, sendBackPlan, submitPlan } from './findings.service.ts';
import { issueDirective, reportOnDirective, withdrawDirective } from './directives.service.ts';
import { cycleByCode, directiveList, directiveView, findingList, findingView, overdueDirectives, overdueFindings, reviewQueue, reviewView } from './queries.ts';
import {
  DirectiveSummaryT, DirectiveT, FindingSummaryT, FindingT, OverdueDirectiveT, QueueItemT, ReviewAnswerT,
  presentDirective, presentDirectiveSummary, presentFinding, presentFindingSummary, presentOverdueDirective, presentQueueItem, presentReviewAnswer,
} from './presenters.ts';
import { REVIEW_DECISIONS, CHALLENGE_OUTCOMES, MILESTONES_MAX } from './rules.ts';

const Problem = { $ref: 'Problem#' } as const;
const errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem, 422: Problem };
const tags = ['compliance'];
const security = [{ bearer: [] }];
const Paged = <T extends ReturnType<typeof Type.Object>>(item: T) => Type.Object({ total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer(), items: Type.Array(item) });
const IdP = Type.Object({ id: IdT() });
const AnswerP = Type.Object({ id: IdT(), answerId: IdT() });
const RevisionB = Type.Object({ revision: Type.Optional(Revision()) });

export async function oversightApi(app: App) {
  const read = { action: 'compliance:read' as const };
  const review = { action: 'compliance:review' as const, noCsrf: true };
  const manage = { action: 'compliance:manage' as const, noCsrf: true };
  const remediate = { action: 'compliance:remediate' as const, noCsrf: true };

  // ------------------------------------------------------------ review of assessments
  const QueueQ = Type.Object({ cycle: Type.Optional(Code()), status: Type.Optional(OneOf(['signed_off', 'returned', 'reviewed'])), institution: Type.Optional(Acronym()), sampled: Type.Optional(Type.Boolean()), page: Type.Optional(PageNumber()) });
  app.get('/api/v1/compliance/reviews', { config: { action: 'compliance:review' }, schema: { tags, summary: 'The reviewers\' queue: signed-off assessments to review', querystring: QueueQ, response: { 200: Paged(QueueItemT), ...errors } } }, async (req) => {
    const r = await reviewQueue(ctxOf(req), req.query);
    return { ...r, items: r.items.map(presentQueueItem) };
  });

  const ReviewQ = Type.Object({ result: Type.Optional(OneOf([...RESULTS, 'none'])), review: Type.Optional(OneOf(['pending', 'accepted', 'returned'])), group: Type.Optional(Code()), page: Type.Optional(PageNumber()) });
  app.get('/api/v1/compliance/assessments/:id/review', { config: read, schema: { tags, summary: 'An assessment\'s answers with their review status, paged and filtered', params: IdP, querystring: ReviewQ, response: { 200: Type.Object({ id: Type.String(), institution: Type.String(), cycle: Type.String(), status: Type.String(), sampled: Type.Boolean(), answers: Paged(ReviewAnswerT) }), ...errors } } }, async (req) => {
    const v = await reviewView(ctxOf(req), req.params.id, req.query);
    return { id: v.assessment.id, institution: v.meta.acronym, cycle: v.meta.cycle, status: v.assessment.status, sampled: v.assessment.sampled, answers: { ...v.answers, items: v.answers.items.map((a) => presentReviewAnswer(a, req.lang)) } };
  });

  const DecisionB = Type.Object({ decision: OneOf(REVIEW_DECISIONS), comment: Type.Optional(Text(2000)), revision: Type.Optional(Revision()) });
  app.post('/api/v1/compliance/assessments/:id/review/answers/:answerId', { config: review, schema: { tags, summary: 'Accept or return one answer (returning needs a comment)', security, params: AnswerP, body: DecisionB, response: { 200: Type.Object({ answerStatus: Type.String(), assessmentStatus: Type.String(), revision: Type.Integer() }), ...errors } } }, async (req) => {
    const b = req.body;
    const r = await reviewAnswer(ctxOf(req), { assessmentId: req.params.id, answerId: req.params.answerId, ...b });
    return { answerStatus: r.answer.reviewStatus, assessmentStatus: r.assessmentStatus, revision: r.answer.revision };
  });

  const VerifyB = Type.Object({ result: OneOf(RESULTS), comment: Type.Optional(Text(2000)) });
  app.post('/api/v1/compliance/assessments/:id/review/answers/:answerId/verification', { config: manage, schema: { tags, summary: 'Record the on-site result of an answer of a sampled assessment (the self-assessed result is kept)', security, params: AnswerP, body: VerifyB, response: { 200: Type.Object({ result: Type.Union([Type.String(), Type.Null()]), verifiedResult: Type.String() }), ...errors } } }, async (req) => {
    const a = await verifyAnswer(ctxOf(req), { assessmentId: req.params.id, answerId: req.params.answerId, ...req.body });
    return { result: a.result, verifiedResult: a.verifiedResult! };
  });

  const SampleB = Type.Object({ cycle: Code({ description: 'The cycle\'s code' }), institutions: Type.Optional(Type.Array(Acronym(), { maxItems: 1000 })), size: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })), seed: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9._-]{1,64}$', maxLength: 64 })) });
  app.post('/api/v1/compliance/reviews/sample', { config: manage, schema: { tags, summary: 'Choose the on-site sample of a cycle: institutions by acronym, or N at random with a seed (same seed, same sample)', security, body: SampleB, response: { 200: Type.Object({ seed: Type.Union([Type.String(), Type.Null()]), institutions: Type.Array(Type.String()) }), ...errors } } }, async (req) => {
    const b = req.body;
    const ctx = ctxOf(req);
    const cycle = await cycleByCode(ctx, b.cycle);
    if (!cycle) throw notFound();
    let ids: string[] | undefined;
    if (b.institutions?.length) {
      ids = [];
      for (const a of b.institutions) {
        const i = await findInstitution(app.db.orm, a);
        if (!i) throw invalid({ institutions: 'oversight.field.sampleInstitutions' });
        ids.push(i.id);
      }
    }
    const r = await chooseSample(ctx, { cycleId: cycle.id, institutionIds: ids, size: b.size, seed: b.seed });
    const names = r.institutionIds.length ? await app.db.query<{ acronym: string }>('SELECT acronym FROM institutions WHERE id = ANY($1::uuid[]) ORDER BY acronym', [r.institutionIds]) : [];
    return { seed: r.seed, institutions: names.map((n) => n.acronym) };
  });

  // ------------------------------------------------------------ findings
  const FindingsQ = Type.Object({ status: Type.Optional(OneOf(['open', 'challenged', 'withdrawn', 'closed'])), severity: Type.Optional(OneOf(SEVERITIES)), institution: Type.Optional(Acronym()), cycle: Type.Optional(Code()), overdue: Type.Optional(Type.Boolean()), answer: Type.Optional(IdT({ description: 'Only findings raised from this answer' })), page: Type.Optional(PageNumber()) });
  app.get('/api/v1/compliance/findings', { config: read, schema: { tags, summary: 'Findings the caller may see (an institution its own)', querystring: FindingsQ, response: { 200: Paged(FindingSummaryT), ...errors } } }, async (req) => {
    const r = await findingList(ctxOf(req), req.query);
    return { ...r, items: r.items.map(presentFindingSummary) };
  });

  app.get('/api/v1/compliance/findings/overdue', { config: read, schema: { tags, summary: 'Open findings past their due date, most overdue first', response: { 200: Type.Object({ items: Type.Array(FindingSummaryT) }), ...errors } } }, async (req) => ({ items: (await overdueFindings(ctxOf(req), { limit: 1000 })).map(presentFindingSummary) }));

  const RaiseB = Type.Object({ answerId: IdT(), severity: OneOf(SEVERITIES), dueOn: DateOnly(), description: Text(4000, { minLength: 1 }) });
  app.post('/api/v1/compliance/findings', { config: review, schema: { tags, summary: 'Raise a finding from an answer (requirement and system come from the answer)', security, body: RaiseB, response: { 201: FindingT, ...errors } } }, async (req, reply) => {
    const f = await raiseFinding(ctxOf(req), req.body);
    return reply.status(201).send(presentFinding(await findingView(ctxOf(req), f.id)));
  });

  app.get('/api/v1/compliance/findings/:id', { config: read, schema: { tags, summary: 'A finding with its challenges, remediation plan, milestones, evidence and history', params: IdP, response: { 200: FindingT, ...errors } } }, async (req) => presentFinding(await findingView(ctxOf(req), req.params.id)));

  const ChallengeB = Type.Object({ reason: Text(4000), revision: Type.Optional(Revision()) });
  app.post('/api/v1/compliance/findings/:id/challenge', { config: remediate, schema: { tags, summary: 'Challenge a finding (once, within the cycle\'s challenge window)', security, params: IdP, body: ChallengeB, response: { 200: FindingT, ...errors } } }, async (req) => {
    await challengeFinding(ctxOf(req), { id: req.params.id, ...req.body });
    return presentFinding(await findingView(ctxOf(req), req.params.id));
  });

  const OutcomeB = Type.Object({ outcome: OneOf(CHALLENGE_OUTCOMES), reason: Type.Optional(Text(4000)), revision: Type.Optional(Revision()) });
  app.post('/api/v1/compliance/findings/:id/challenge/decision', { config: review, schema: { tags, summary: 'Uphold (the finding is open again) or withdraw a challenged finding', security, params: IdP, body: OutcomeB, response: { 200: FindingT, ...errors } } }, async (req) => {
    await decideChallenge(ctxOf(req), { id: req.params.id, ...req.body });
    return presentFinding(await findingView(ctxOf(req), req.params.id));
  });

  const PlanB = Type.Object({
    ownerName: Text(200), ownerEmail: Type.Optional(Text(254)), plan: Text(4000),
    milestones: Type.Array(Type.Object({ title: Text(300), plannedOn: DateOnly(), actualOn: Type.Optional(Type.Union([DateOnly(), Type.Null()])) }), { minItems: 1, maxItems: MILESTONES_MAX }),
    revision: Type.Optional(Revision()),
  });
  app.put('/api/v1/compliance/findings/:id/plan', { config: remediate, schema: { tags, summary: 'Draft or update the remediation plan (milestones with planned and actual dates); send the revision you started from', security, params: IdP, body: PlanB, response: { 200: FindingT, ...errors } } }, async (req) => {
    await savePlan(ctxOf(req), { findingId: req.params.id, ...req.body });
    return presentFinding(await findingView(ctxOf(req), req.params.id));
  });

  const ReasonB = Type.Object({ reason: Type.Optional(Text(4000)), revision: Type.Optional(Revision()) });
  const moves = [
    ['submit', remediate, 'Submit the plan to the authority', submitPlan],
    ['complete', remediate, 'Mark the plan completed (every milestone needs its actual date)', completePlan],
    ['close', review, 'Close the plan and its finding', closePlan],
    ['send-back', review, 'Send the plan back to the institution with a reason', sendBackPlan],
  ] as const;
  for (const [name, action, summary, fn] of moves) {
    const config: FastifyContextConfig = action;
    app.post(`/api/v1/compliance/findings/:id/plan/${name}`, { config, schema: { tags, summary, security, params: IdP, body: name === 'send-back' ? ReasonB : RevisionB, response: { 200: FindingT, ...errors } } }, async (req) => {
      const b = req.body;
      await (fn as typeof sendBackPlan)(ctxOf(req), { findingId: req.params.id, reason: 'reason' in b && typeof b.reason === 'string' ? b.reason : '', revision: b.revision });
      return presentFinding(await findingView(ctxOf(req), req.params.id));
    });
  }

  const EvidenceB = Type.Object({ evidenceId: IdT(), milestone: Type.Optional(Int(1, MILESTONES_MAX, { description: 'Position of the milestone the evidence is for; omit for the whole plan' })) });
  app.post('/api/v1/compliance/findings/:id/plan/evidence', { config: remediate, schema: { tags, summary: 'Attach a piece of the institution\'s evidence to the plan or one of its milestones', security, params: IdP, body: EvidenceB, response: { 200: FindingT, ...errors } } }, async (req) => {
    await attachPlanEvidence(ctxOf(req), { findingId: req.params.id, ...req.body });
    return presentFinding(await findingView(ctxOf(req), req.params.id));
  });

  // ------------------------------------------------------------ directives
  const DirectivesQ = Type.Object({ status: Type.Optional(OneOf(['issued', 'withdrawn', 'overdue'])), page: Type.Optional(PageNumber()) });
  app.get('/api/v1/compliance/directives', { config: read, schema: { tags, summary: 'Directives (an institution sees those addressed to it, with its own status)', querystring: DirectivesQ, response: { 200: Paged(DirectiveSummaryT), ...errors } } }, async (req) => {
    const r = await directiveList(ctxOf(req), req.query);
    return { ...r, items: r.items.map((d) => presentDirectiveSummary(d, req.lang)) };
  });

  app.get('/api/v1/compliance/directives/overdue', { config: read, schema: { tags, summary: 'Institutions past a directive\'s deadline without reporting it done', response: { 200: Type.Object({ items: Type.Array(OverdueDirectiveT) }), ...errors } } }, async (req) => ({ items: (await overdueDirectives(ctxOf(req), { limit: 5000 })).map((r) => presentOverdueDirective(r, req.lang)) }));

  const IssueB = Type.Object({
    code: Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9/._-]{0,39}$', maxLength: 40, examples: ['DIR-2026-01'] }), titleSw: Text(300), titleEn: Text(300), bodySw: Type.Optional(Text(8000)), bodyEn: Type.Optional(Text(8000)), deadline: DateOnly(),
    requirement: Type.Optional(Text(120, { description: 'Id or reference of the requirement it enforces' })),
    institutionTypes: Type.Optional(Type.Array(OneOf(INSTITUTION_TYPES), { maxItems: 20 })), sectors: Type.Optional(Type.Array(Text(80), { maxItems: 100 })), institutions: Type.Optional(Type.Array(Acronym(), { maxItems: 1000 })),
  });
  app.post('/api/v1/compliance/directives', { config: manage, schema: { tags, summary: 'Issue a directive to institutions by type, sector or acronym (a past deadline is refused)', security, body: IssueB, response: { 201: DirectiveT, ...errors } } }, async (req, reply) => {
    const r = await issueDirective(ctxOf(req), req.body);
    return reply.status(201).send(presentDirective(await directiveView(ctxOf(req), r.directive.id)));
  });

  const TargetsQ = Type.Object({ status: Type.Optional(OneOf(TARGET_STATUSES)), page: Type.Optional(PageNumber()) });
  app.get('/api/v1/compliance/directives/:id', { config: read, schema: { tags, summary: 'A directive with its targets\' status (an institution sees its own)', params: IdP, querystring: TargetsQ, response: { 200: DirectiveT, ...errors } } }, async (req) => presentDirective(await directiveView(ctxOf(req), req.params.id, req.query)));

  app.post('/api/v1/compliance/directives/:id/withdraw', { config: manage, schema: { tags, summary: 'Withdraw a directive', security, params: IdP, body: RevisionB, response: { 200: DirectiveT, ...errors } } }, async (req) => {
    await withdrawDirective(ctxOf(req), { id: req.params.id, revision: req.body?.revision });
    return presentDirective(await directiveView(ctxOf(req), req.params.id));
  });

  const StatusB = Type.Object({ institution: Acronym(), status: OneOf(TARGET_STATUSES), note: Type.Optional(Text(2000)), evidenceIds: Type.Optional(Type.Array(IdT(), { maxItems: 50 })), revision: Type.Optional(Revision()) });
  app.put('/api/v1/compliance/directives/:id/status', { config: remediate, schema: { tags, summary: 'Report your institution\'s status on a directive, with a note and evidence', security, params: IdP, body: StatusB, response: { 200: Type.Object({ institution: Type.String(), status: Type.String(), note: Type.String(), revision: Type.Integer() }), ...errors } } }, async (req) => {
    const b = req.body;
    const inst = await findInstitution(app.db.orm, b.institution);
    if (!inst) throw notFound();
    const t = await reportOnDirective(ctxOf(req), { directiveId: req.params.id, institutionId: inst.id, status: b.status, note: b.note, evidenceIds: b.evidenceIds, revision: b.revision });
    return { institution: inst.acronym, status: t.status, note: t.note, revision: t.revision };
  });
}
