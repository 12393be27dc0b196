// JSON API of requirements and revisions: the same queries and commands as the pages.
import type { App } from '../../../platform/http/app.ts';
import { Type, type Static } from 'typebox';
import { ctxOf } from '../../../platform/http/request-context.ts';
import { Code, DateOnly, Id as IdT, PageNumber, PageSize, Revision, Text, OneOf } from '../../../platform/http/schemas.ts';
import { APPLIES_TO, CHANGES, CANDIDATE_DECISIONS, OBLIGATIONS } from '../schema.ts';
import { listRequirements, listRevisions, previewRevision, requirementView, revisionView } from './queries.ts';
import { decideCandidate, proposeRequirements } from './revisions.service.ts';
import { applyRevision } from './apply-revision.service.ts';
import { ApplySummaryT, CandidateT, ConditionsT, PreviewT, RequirementDetailT, RequirementT, RevisionDetailT, RevisionT, presentApplySummary, presentCandidate, presentPreview, presentRequirement, presentRequirementDetail, presentRevision, presentRevisionDetail } from './presenters.ts';
import { candidateView } from './queries.ts';

const Problem = { $ref: 'Problem#' } as const;
const errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem, 422: Problem };
const tags = ['compliance'];
const Id = Type.Object({ id: IdT() });
const page = (items: ReturnType<typeof Type.Object>) => Type.Object({ total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer(), items: Type.Array(items) });

const ListQuery = Type.Object({
  q: Type.Optional(Text(200)),
  document: Type.Optional(Text(120, { description: 'Code of the standard' })),
  group: Type.Optional(Code()),
  obligation: Type.Optional(OneOf(OBLIGATIONS)),
  appliesTo: Type.Optional(OneOf(APPLIES_TO)),
  status: Type.Optional(OneOf(['active', 'retired', 'all'])),
  page: Type.Optional(PageNumber()),
  pageSize: Type.Optional(PageSize(200)),
});

const RevisionsQuery = Type.Object({ status: Type.Optional(OneOf(['open', 'applied', 'dismissed'])), page: Type.Optional(PageNumber()), pageSize: Type.Optional(PageSize(200)) });
const CandidatesQuery = Type.Object({ change: Type.Optional(OneOf(CHANGES)), decision: Type.Optional(OneOf(CANDIDATE_DECISIONS)), page: Type.Optional(PageNumber()), pageSize: Type.Optional(PageSize(500)) });

const ProposeT = Type.Object({ editionId: IdT({ description: 'An in-force edition of a level-1 or level-2 document' }) });
const DecisionT = Type.Object({
  revision: Revision({ description: 'The revision number you decided on' }),
  decision: OneOf(['confirm', 'reject']),
  reason: Type.Optional(Text(1000, { description: 'Required to reject' })),
  textSw: Type.Optional(Text(20_000)),
  textEn: Type.Optional(Text(20_000)),
  obligation: Type.Optional(Type.Union([OneOf(OBLIGATIONS), Type.Null()])),
  group: Type.Optional(Type.Union([Code(), Type.Null()])),
  appliesTo: Type.Optional(Type.Union([OneOf(APPLIES_TO), Type.Null()])),
  conditions: Type.Optional(ConditionsT),
});
const ApplyT = Type.Object({ revision: Revision(), transitionDeadline: DateOnly({ description: 'By when institutions must meet changed and added requirements' }) });
const CandidateParams = Type.Object({ id: IdT(), candidateId: IdT() });

export async function requirementsApi(app: App) {
  const open = { action: 'compliance:public' as const };
  const author = { action: 'compliance:requirements' as const };
  const write = { action: 'compliance:requirements' as const, noCsrf: true };

  app.get('/api/v1/compliance/requirements', { config: open, schema: { tags, summary: 'Requirements taken from standards (those of public standards are public)', querystring: ListQuery, response: { 200: page(RequirementT), ...errors } } }, async (req) => {
    const r = await listRequirements(ctxOf(req), req.query);
    return { ...r, items: r.items.map(presentRequirement) };
  });

  app.get('/api/v1/compliance/requirements/:id', { config: open, schema: { tags, summary: 'One requirement with every version of its text', params: Id, response: { 200: RequirementDetailT, ...errors } } }, async (req) =>
    presentRequirementDetail(await requirementView(ctxOf(req), req.params.id)),
  );

  app.get('/api/v1/compliance/revisions', { config: author, schema: { tags, summary: 'Requirement revisions of your issuing body (all of them for the authority)', querystring: RevisionsQuery, response: { 200: page(RevisionT), ...errors } } }, async (req) => {
    const r = await listRevisions(ctxOf(req), req.query);
    return { ...r, items: r.items.map(presentRevision) };
  });

  app.post('/api/v1/compliance/revisions', { config: write, schema: { tags, summary: 'Propose requirements from an in-force edition (returns its revision; one per edition)', security: [{ bearer: [] }], body: ProposeT, response: { 200: RevisionDetailT, 201: RevisionDetailT, ...errors } } }, async (req, reply) => {
    const { revision, created } = await proposeRequirements(ctxOf(req), { editionId: req.body.editionId });
    return reply.status(created ? 201 : 200).send(presentRevisionDetail(await revisionView(ctxOf(req), revision.id, { pageSize: 500 })));
  });

  app.get('/api/v1/compliance/revisions/:id', { config: author, schema: { tags, summary: 'A revision with its candidates', params: Id, querystring: CandidatesQuery, response: { 200: RevisionDetailT, ...errors } } }, async (req) =>
    presentRevisionDetail(await revisionView(ctxOf(req), req.params.id, req.query)),
  );

  app.post(
    '/api/v1/compliance/revisions/:id/candidates/:candidateId/decision',
    { config: write, schema: { tags, summary: 'Confirm (optionally edited) or reject a candidate; send the revision you decided on (409 when someone decided since)', security: [{ bearer: [] }], params: CandidateParams, body: DecisionT, response: { 200: Type.Object({ revision: Type.Integer(), candidate: CandidateT }), ...errors } } },
    async (req) => {
      const b = req.body;
      const edits = { textSw: b.textSw, textEn: b.textEn, obligation: b.obligation, groupCode: b.group, appliesTo: b.appliesTo, conditions: b.conditions };
      const r = await decideCandidate(ctxOf(req), { revisionId: req.params.id, candidateId: req.params.candidateId, revision: b.revision, decision: b.decision, reason: b.reason, edits });
      const v = await candidateView(ctxOf(req), req.params.id, r.candidate.id);
      return { revision: r.revision, candidate: presentCandidate(v.candidate) };
    },
  );

  app.get('/api/v1/compliance/revisions/:id/preview', { config: author, schema: { tags, summary: 'What applying the revision would do: requirements unchanged, changed (word diff), added, retired, and who is affected', params: Id, response: { 200: PreviewT, ...errors } } }, async (req) =>
    presentPreview(await previewRevision(ctxOf(req), { revisionId: req.params.id })),
  );

  app.post('/api/v1/compliance/revisions/:id/apply', { config: write, schema: { tags, summary: 'Apply a fully decided revision (one transaction; affected institutions are notified)', security: [{ bearer: [] }], params: Id, body: ApplyT, response: { 200: ApplySummaryT, ...errors } } }, async (req) => {
    const b = req.body;
    return presentApplySummary(await applyRevision(ctxOf(req), { revisionId: req.params.id, revision: b.revision, transitionDeadline: b.transitionDeadline }));
  });
}
