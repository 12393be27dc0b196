// Pages of requirements and revisions: thin handlers that read the request, call a query or a
// command, and render.
import type { App } from '../../../platform/http/app.ts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { pageCtx } from '../../../web/context.ts';
import { ctxOf } from '../../../platform/http/request-context.ts';
import { submitForm } from '../../../platform/http/forms.ts';
import { AppError } from '../../../platform/http/errors.ts';
import { mayAtAll, permitted } from '../../../platform/auth/access.ts';
import { formString, formText, pageNumber, formChoice } from '../../../platform/input.ts';
import { FormFields, Id, PageText, Text } from '../../../platform/http/schemas.ts';
import { Type, type Static } from 'typebox';
import { listGroups } from '../../reference/index.ts';
import { APPLIES_TO, CHANGES, CANDIDATE_DECISIONS, OBLIGATIONS } from '../schema.ts';
import { revisionPolicy, revisionScope } from './access.ts';
import { candidateView, listRequirements, listRevisions, previewRevision, proposableEditions, requirementView, revisionView, standardsWithRequirements } from './queries.ts';
import { confirmUnchanged, decideCandidate, proposeRequirements } from './revisions.service.ts';
import { applyRevision } from './apply-revision.service.ts';
import { candidateEditsFromForm, candidateFormValues, formValuesFromBody } from './form-input.ts';
import { RequirementPage, RequirementsPage } from './views/catalogue.tsx';
import { RevisionPage, RevisionsPage } from './views/revisions.tsx';
import { CandidatePage } from './views/candidate.tsx';
import { PreviewPage, type AppliedNotice } from './views/preview.tsx';
import { candidateHref, revisionHref } from './views/common.tsx';

// Filters are judged by the page, not refused: a value outside its list is simply no filter.
const Filter = (max: number) => Type.Optional(Text(max));
const RequirementsQuery = Type.Object({ q: Filter(1000), document: Filter(1000), group: Filter(1000), obligation: Filter(100), applies_to: Filter(100), status: Filter(100), page: Type.Optional(PageText()) });
const RevisionsQuery = Type.Object({ status: Filter(100), page: Type.Optional(PageText()) });
const RevisionQuery = Type.Object({ change: Filter(100), decision: Filter(100), page: Type.Optional(PageText()), confirmed: Type.Optional(PageText()) });
const PreviewQuery = Type.Object({ applied: Filter(10), added: Filter(20), changed: Filter(20), unchanged: Filter(20), retired: Filter(20), reset: Filter(20), notified: Filter(20) });
const IdParams = Type.Object({ id: Id() });
const CandidateParams = Type.Object({ id: Id(), candidateId: Id() });
type RevisionFilters = Static<typeof RevisionQuery>;
const revisionNumber = (v: unknown) => {
  const n = Number(formString(v));
  return Number.isSafeInteger(n) && n >= 0 && n <= 2_147_483_647 ? n : -1;
};
const isConflict = (err: unknown) => err instanceof AppError && err.status === 409 && err.key === 'compliance.req.conflict';

/** Whether the caller sees revisions at all (the catalogue's navigation shows the link then). */
const seesAnyRevision = (req: FastifyRequest) => {
  const s = revisionScope(req.actor);
  return s.all || s.institutions.length > 0;
};

export async function requirementsRoutes(app: App) {
  const open = { config: { action: 'compliance:public' as const } };
  const author = { config: { action: 'compliance:requirements' as const } };

  app.get('/compliance/requirements', { ...open, schema: { querystring: RequirementsQuery } }, async (req, reply) => {
    const ctx = ctxOf(req);
    const query = req.query;
    const filters = { q: formText(query.q), document: formText(query.document, 120), group: formText(query.group, 20), obligation: formChoice(query.obligation, OBLIGATIONS), applies_to: formChoice(query.applies_to, APPLIES_TO), status: formChoice(query.status, ['retired', 'all']) };
    const result = await listRequirements(ctx, { ...filters, appliesTo: filters.applies_to, page: pageNumber(query.page) });
    return reply.page(<RequirementsPage ctx={pageCtx(req, reply)} filters={filters} result={result} standards={await standardsWithRequirements(ctx)} groups={await listGroups(ctx.q)} revisions={seesAnyRevision(req)} />);
  });

  app.get('/compliance/requirements/:id', { ...open, schema: { params: IdParams } }, async (req, reply) => {
    const ctx = ctxOf(req);
    return reply.page(<RequirementPage ctx={pageCtx(req, reply)} view={await requirementView(ctx, req.params.id)} groups={await listGroups(ctx.q)} revisions={seesAnyRevision(req)} />);
  });

  async function revisionsPage(req: FastifyRequest, reply: FastifyReply, query: Static<typeof RevisionsQuery>, errors?: Parameters<typeof RevisionsPage>[0]['errors'], status = 200) {
    const ctx = ctxOf(req);
    const st = formChoice(query.status, ['open', 'applied', 'dismissed']);
    const result = await listRevisions(ctx, { status: st, page: pageNumber(query.page) });
    return reply.page(<RevisionsPage ctx={pageCtx(req, reply)} result={result} proposable={mayAtAll(req.actor, 'compliance:requirements') ? await proposableEditions(ctx) : []} status={st} errors={errors} />, status);
  }

  app.get('/compliance/revisions', { ...author, schema: { querystring: RevisionsQuery } }, async (req, reply) => revisionsPage(req, reply, req.query));

  app.post('/compliance/revisions', { ...author, schema: { body: FormFields() } }, async (req, reply) => {
    const editionId = formString(req.body.editionId).slice(0, 40);
    if (!editionId) return revisionsPage(req, reply, {}, { editionId: 'compliance.req.field.edition' }, 422);
    const { revision } = await proposeRequirements(ctxOf(req), { editionId });
    return reply.redirect(revisionHref(revision.id), 303);
  });

  async function revisionPage(req: FastifyRequest, reply: FastifyReply, id: string, query: RevisionFilters, notice?: string) {
    const ctx = ctxOf(req);
    const filters = { change: formChoice(query.change, CHANGES), decision: formChoice(query.decision, CANDIDATE_DECISIONS) };
    const view = await revisionView(ctx, id, { ...filters, page: pageNumber(query.page) });
    const can = permitted(req.actor, revisionPolicy, { issuerId: view.revision.issuerId, status: view.revision.status });
    return reply.page(<RevisionPage ctx={pageCtx(req, reply)} view={view} can={can} filters={filters} notice={notice} groups={await listGroups(ctx.q)} />);
  }

  app.get('/compliance/revisions/:id', { ...author, schema: { params: IdParams, querystring: RevisionQuery } }, async (req, reply) =>
    revisionPage(req, reply, req.params.id, req.query, req.query.confirmed ? req.t('compliance.req.confirmedN', { n: pageNumber(req.query.confirmed) }) : undefined),
  );

  app.post('/compliance/revisions/:id/confirm-unchanged', { ...author, schema: { params: IdParams, body: FormFields() } }, async (req, reply) => {
    try {
      const r = await confirmUnchanged(ctxOf(req), { revisionId: req.params.id, revision: revisionNumber(req.body.revision) });
      return reply.redirect(`${revisionHref(req.params.id)}?confirmed=${r.confirmed}`, 303);
    } catch (err) {
      if (isConflict(err)) return revisionPage(req, reply, req.params.id, {}, req.t('compliance.req.conflict'));
      throw err;
    }
  });

  async function candidatePage(req: FastifyRequest, reply: FastifyReply, ids: Static<typeof CandidateParams>, p: { values?: ReturnType<typeof formValuesFromBody>; errors?: Parameters<typeof CandidatePage>[0]['errors']; status?: number; conflict?: boolean } = {}) {
    const ctx = ctxOf(req);
    const v = await candidateView(ctx, ids.id, ids.candidateId);
    const can = permitted(req.actor, revisionPolicy, { issuerId: v.revision.issuerId, status: v.revision.status });
    return reply.page(<CandidatePage ctx={pageCtx(req, reply)} revision={v.revision} candidate={v.candidate} values={p.values ?? candidateFormValues(v.candidate)} errors={p.errors} can={can} groups={await listGroups(ctx.q)} conflict={p.conflict} />, p.status ?? 200);
  }

  app.get('/compliance/revisions/:id/candidates/:candidateId', { ...author, schema: { params: CandidateParams } }, async (req, reply) => candidatePage(req, reply, req.params));

  app.post('/compliance/revisions/:id/candidates/:candidateId', { ...author, schema: { params: CandidateParams, body: FormFields() } }, async (req, reply) => {
    const b = req.body;
    const decision = formString(b.decision) === 'reject' ? 'reject' : 'confirm';
    const quick = formString(b.quick) === '1';
    const values = formValuesFromBody(b);
    try {
      const r = await submitForm(() =>
        decideCandidate(ctxOf(req), {
          revisionId: req.params.id,
          candidateId: req.params.candidateId,
          revision: revisionNumber(b.revision),
          decision,
          reason: values.reason,
          edits: decision === 'confirm' && !quick ? candidateEditsFromForm(b) : undefined,
        }),
      );
      if (!r.ok) {
        if (quick) return reply.redirect(candidateHref(req.params.id, req.params.candidateId), 303);
        return candidatePage(req, reply, req.params, { values, errors: r.errors, status: r.status });
      }
    } catch (err) {
      if (isConflict(err)) return quick ? revisionPage(req, reply, req.params.id, {}, req.t('compliance.req.conflict')) : candidatePage(req, reply, req.params, { values, conflict: true, status: 409 });
      throw err;
    }
    const back = formString(b.back);
    const safeBack = quick && /^\/compliance\/revisions\/[0-9a-f-]{36}(\?[A-Za-z0-9=&_%-]{0,200})?$/.test(back) && back.startsWith(revisionHref(req.params.id));
    return reply.redirect(safeBack ? `${back}#candidates` : `${revisionHref(req.params.id)}#candidates`, 303);
  });

  async function previewPage(req: FastifyRequest, reply: FastifyReply, id: string, p: { errors?: Parameters<typeof PreviewPage>[0]['errors']; deadline?: string; status?: number; summary?: AppliedNotice; conflict?: boolean } = {}) {
    const ctx = ctxOf(req);
    const preview = await previewRevision(ctx, { revisionId: id });
    const can = permitted(req.actor, revisionPolicy, { issuerId: preview.revision.issuerId, status: preview.revision.status });
    const inNinety = new Date(Date.now() + 90 * 86_400_000).toISOString().slice(0, 10);
    return reply.page(<PreviewPage ctx={pageCtx(req, reply)} preview={preview} can={can} errors={p.errors} deadline={p.deadline ?? inNinety} summary={p.summary} conflict={p.conflict} />, p.status ?? 200);
  }

  app.get('/compliance/revisions/:id/preview', { ...author, schema: { params: IdParams, querystring: PreviewQuery } }, async (req, reply) => {
    const query = req.query;
    const n = (v: string | undefined) => {
      const x = Number(v ?? '');
      return Number.isSafeInteger(x) && x >= 0 && x <= 1_000_000 ? x : 0;
    };
    const summary = query.applied === '1' ? { added: n(query.added), changed: n(query.changed), unchanged: n(query.unchanged), retired: n(query.retired), answersReset: n(query.reset), institutionsNotified: n(query.notified) } : undefined;
    return previewPage(req, reply, req.params.id, { summary });
  });

  app.post('/compliance/revisions/:id/apply', { ...author, schema: { params: IdParams, body: FormFields() } }, async (req, reply) => {
    const b = req.body;
    const deadline = formString(b.transitionDeadline).trim().slice(0, 10);
    try {
      const r = await submitForm(() => applyRevision(ctxOf(req), { revisionId: req.params.id, revision: revisionNumber(b.revision), transitionDeadline: deadline }));
      if (!r.ok) return previewPage(req, reply, req.params.id, { errors: r.errors, deadline, status: r.status });
      const s = r.value;
      return reply.redirect(`${revisionHref(req.params.id)}/preview?applied=1&added=${s.added}&changed=${s.changed}&unchanged=${s.unchanged}&retired=${s.retired}&reset=${s.answersReset}&notified=${s.institutionsNotified}`, 303);
    } catch (err) {
      if (isConflict(err)) return previewPage(req, reply, req.params.id, { conflict: true, deadline, status: 409 });
      throw err;
    }
  });
}
