// Pages of requirements and revisions: thin handlers that read the request, call a query or a
// command, and render.
import type { App } from '../../../platform/http/app.ts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { asc } from 'drizzle-orm';
import { pageCtx } from '../../../web/context.ts';
import { ctxOf } from '../../../platform/http/request-context.ts';
import { submitForm } from '../../../platform/http/forms.ts';
import { AppError } from '../../../platform/http/errors.ts';
import { mayAtAll, permitted } from '../../../platform/auth/access.ts';
import { formString } from '../../../platform/input.ts';
import type { Ctx } from '../../../platform/context.ts';
import { architectureGroups } from '../../reference/index.ts';
import { APPLIES_TO, CHANGES, CANDIDATE_DECISIONS, OBLIGATIONS } from '../schema.ts';
import { revisionPolicy, revisionScope } from './access.ts';
import { candidateView, listRequirements, listRevisions, previewRevision, proposableEditions, requirementView, revisionView, standardsWithRequirements } from './queries.ts';
import { applyRevision, confirmUnchanged, decideCandidate, proposeRequirements } from './revisions.service.ts';
import { candidateEditsFromForm, candidateFormValues, formValuesFromBody } from './form-input.ts';
import { RequirementPage, RequirementsPage } from './views/catalogue.tsx';
import { RevisionPage, RevisionsPage } from './views/revisions.tsx';
import { CandidatePage } from './views/candidate.tsx';
import { PreviewPage, type AppliedNotice } from './views/preview.tsx';
import { candidateHref, revisionHref } from './views/common.tsx';

const q = (req: FastifyRequest) => (req.query ?? {}) as Record<string, unknown>;
const body = (req: FastifyRequest) => (req.body ?? {}) as Record<string, unknown>;
const pageOf = (v: unknown) => {
  const n = Number(v);
  return Number.isSafeInteger(n) && n > 0 && n <= 100_000 ? n : 1;
};
const oneOf = (v: unknown, values: readonly string[]) => {
  const s = formString(v);
  return values.includes(s) ? s : '';
};
const revisionNumber = (v: unknown) => {
  const n = Number(formString(v));
  return Number.isSafeInteger(n) && n >= 0 && n <= 2_147_483_647 ? n : -1;
};
const isConflict = (err: unknown) => err instanceof AppError && err.status === 409 && err.key === 'compliance.req.conflict';

async function groupsOf(ctx: Ctx) {
  return ctx.q.select({ code: architectureGroups.code, nameSw: architectureGroups.nameSw, nameEn: architectureGroups.nameEn }).from(architectureGroups).orderBy(asc(architectureGroups.position));
}

/** Whether the caller sees revisions at all (the catalogue's navigation shows the link then). */
const seesAnyRevision = (req: FastifyRequest) => {
  const s = revisionScope(req.actor);
  return s.all || s.institutions.length > 0;
};

export async function requirementsRoutes(app: App) {
  const open = { config: { action: 'compliance:public' as const } };
  const author = { config: { action: 'compliance:requirements' as const } };

  app.get('/compliance/requirements', open, async (req, reply) => {
    const ctx = ctxOf(req);
    const s = (k: string) => formString(q(req)[k]).trim().slice(0, 200);
    const filters = { q: s('q'), document: s('document').slice(0, 120), group: s('group').slice(0, 20), obligation: oneOf(q(req).obligation, OBLIGATIONS), applies_to: oneOf(q(req).applies_to, APPLIES_TO), status: oneOf(q(req).status, ['retired', 'all']) };
    const result = await listRequirements(ctx, { ...filters, appliesTo: filters.applies_to, page: pageOf(q(req).page) });
    return reply.page(<RequirementsPage ctx={pageCtx(req, reply)} filters={filters} result={result} standards={await standardsWithRequirements(ctx)} groups={await groupsOf(ctx)} revisions={seesAnyRevision(req)} />);
  });

  app.get<{ Params: { id: string } }>('/compliance/requirements/:id', open, async (req, reply) => {
    const ctx = ctxOf(req);
    return reply.page(<RequirementPage ctx={pageCtx(req, reply)} view={await requirementView(ctx, req.params.id)} groups={await groupsOf(ctx)} revisions={seesAnyRevision(req)} />);
  });

  async function revisionsPage(req: FastifyRequest, reply: FastifyReply, errors?: Record<string, never> | Parameters<typeof RevisionsPage>[0]['errors'], status = 200) {
    const ctx = ctxOf(req);
    const st = oneOf(q(req).status, ['open', 'applied', 'dismissed']);
    const result = await listRevisions(ctx, { status: st, page: pageOf(q(req).page) });
    return reply.page(<RevisionsPage ctx={pageCtx(req, reply)} result={result} proposable={mayAtAll(req.actor, 'compliance:requirements') ? await proposableEditions(ctx) : []} status={st} errors={errors} />, status);
  }

  app.get('/compliance/revisions', author, async (req, reply) => revisionsPage(req, reply));

  app.post('/compliance/revisions', author, async (req, reply) => {
    const editionId = formString(body(req).editionId).slice(0, 40);
    if (!editionId) return revisionsPage(req, reply, { editionId: 'compliance.req.field.edition' }, 422);
    const { revision } = await proposeRequirements(ctxOf(req), { editionId });
    return reply.redirect(revisionHref(revision.id), 303);
  });

  async function revisionPage(req: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply, notice?: string) {
    const ctx = ctxOf(req);
    const filters = { change: oneOf(q(req).change, CHANGES), decision: oneOf(q(req).decision, CANDIDATE_DECISIONS) };
    const view = await revisionView(ctx, req.params.id, { ...filters, page: pageOf(q(req).page) });
    const can = permitted(req.actor, revisionPolicy, { issuerId: view.revision.issuerId, status: view.revision.status });
    return reply.page(<RevisionPage ctx={pageCtx(req, reply)} view={view} can={can} filters={filters} notice={notice} groups={await groupsOf(ctx)} />);
  }

  app.get<{ Params: { id: string } }>('/compliance/revisions/:id', author, async (req, reply) => revisionPage(req, reply, q(req).confirmed ? req.t('compliance.req.confirmedN', { n: pageOf(q(req).confirmed) }) : undefined));

  app.post<{ Params: { id: string } }>('/compliance/revisions/:id/confirm-unchanged', author, async (req, reply) => {
    try {
      const r = await confirmUnchanged(ctxOf(req), { revisionId: req.params.id, revision: revisionNumber(body(req).revision) });
      return reply.redirect(`${revisionHref(req.params.id)}?confirmed=${r.confirmed}`, 303);
    } catch (err) {
      if (isConflict(err)) return revisionPage(req, reply, req.t('compliance.req.conflict'));
      throw err;
    }
  });

  async function candidatePage(req: FastifyRequest<{ Params: { id: string; candidateId: string } }>, reply: FastifyReply, p: { values?: ReturnType<typeof formValuesFromBody>; errors?: Parameters<typeof CandidatePage>[0]['errors']; status?: number; conflict?: boolean } = {}) {
    const ctx = ctxOf(req);
    const v = await candidateView(ctx, req.params.id, req.params.candidateId);
    const can = permitted(req.actor, revisionPolicy, { issuerId: v.revision.issuerId, status: v.revision.status });
    return reply.page(<CandidatePage ctx={pageCtx(req, reply)} revision={v.revision} candidate={v.candidate} values={p.values ?? candidateFormValues(v.candidate)} errors={p.errors} can={can} groups={await groupsOf(ctx)} conflict={p.conflict} />, p.status ?? 200);
  }

  app.get<{ Params: { id: string; candidateId: string } }>('/compliance/revisions/:id/candidates/:candidateId', author, async (req, reply) => candidatePage(req, reply));

  app.post<{ Params: { id: string; candidateId: string } }>('/compliance/revisions/:id/candidates/:candidateId', author, async (req, reply) => {
    const b = body(req);
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
        return candidatePage(req, reply, { values, errors: r.errors, status: r.status });
      }
    } catch (err) {
      if (isConflict(err)) return quick ? revisionPage(req as unknown as FastifyRequest<{ Params: { id: string } }>, reply, req.t('compliance.req.conflict')) : candidatePage(req, reply, { values, conflict: true, status: 409 });
      throw err;
    }
    const back = formString(b.back);
    const safeBack = quick && /^\/compliance\/revisions\/[0-9a-f-]{36}(\?[A-Za-z0-9=&_%-]{0,200})?$/.test(back) && back.startsWith(revisionHref(req.params.id));
    return reply.redirect(safeBack ? `${back}#candidates` : `${revisionHref(req.params.id)}#candidates`, 303);
  });

  async function previewPage(req: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply, p: { errors?: Parameters<typeof PreviewPage>[0]['errors']; deadline?: string; status?: number; summary?: AppliedNotice; conflict?: boolean } = {}) {
    const ctx = ctxOf(req);
    const preview = await previewRevision(ctx, { revisionId: req.params.id });
    const can = permitted(req.actor, revisionPolicy, { issuerId: preview.revision.issuerId, status: preview.revision.status });
    const inNinety = new Date(Date.now() + 90 * 86_400_000).toISOString().slice(0, 10);
    return reply.page(<PreviewPage ctx={pageCtx(req, reply)} preview={preview} can={can} errors={p.errors} deadline={p.deadline ?? inNinety} summary={p.summary} conflict={p.conflict} />, p.status ?? 200);
  }

  app.get<{ Params: { id: string } }>('/compliance/revisions/:id/preview', author, async (req, reply) => {
    const n = (k: string) => {
      const v = Number(formString(q(req)[k]));
      return Number.isSafeInteger(v) && v >= 0 && v <= 1_000_000 ? v : 0;
    };
    const summary = q(req).applied === '1' ? { added: n('added'), changed: n('changed'), unchanged: n('unchanged'), retired: n('retired'), answersReset: n('reset'), institutionsNotified: n('notified') } : undefined;
    return previewPage(req, reply, { summary });
  });

  app.post<{ Params: { id: string } }>('/compliance/revisions/:id/apply', author, async (req, reply) => {
    const b = body(req);
    const deadline = formString(b.transitionDeadline).trim().slice(0, 10);
    try {
      const r = await submitForm(() => applyRevision(ctxOf(req), { revisionId: req.params.id, revision: revisionNumber(b.revision), transitionDeadline: deadline }));
      if (!r.ok) return previewPage(req, reply, { errors: r.errors, deadline, status: r.status });
      const s = r.value;
      return reply.redirect(`${revisionHref(req.params.id)}/preview?applied=1&added=${s.added}&changed=${s.changed}&unchanged=${s.unchanged}&retired=${s.retired}&reset=${s.answersReset}&notified=${s.institutionsNotified}`, 303);
    } catch (err) {
      if (isConflict(err)) return previewPage(req, reply, { conflict: true, deadline, status: 409 });
      throw err;
    }
  });
}
