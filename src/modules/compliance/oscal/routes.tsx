// OSCAL pages: thin handlers over export.ts, import.service.ts and mappings.service.ts.
import type { App } from '../../../platform/http/app.ts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { pageCtx } from '../../../web/context.ts';
import { ctxOf } from '../../../platform/http/request-context.ts';
import { submitForm } from '../../../platform/http/forms.ts';
import { AppError, notFound } from '../../../platform/http/errors.ts';
import { readMultipartForm } from '../../../platform/http/multipart.ts';
import { mayAtAll, permitted } from '../../../platform/auth/access.ts';
import { scopeOf } from '../../../platform/auth/policy.ts';
import { formString } from '../../../platform/input.ts';
import { FormFields, Id, JobNumber, OneOf, OrEmpty, Text } from '../../../platform/http/schemas.ts';
import { jobFor } from '../../../platform/jobs/index.ts';
import type { MessageKey } from '../../../messages.ts';
import { readScope } from '../access.ts';
import { institutionCompliancePolicy, requirementMappingPolicy } from './access.ts';
import { closedCycles, frameworkList, mappingsOf, requirementsIssuedBy, searchControls } from './queries.ts';
import { IMPORT_JOB, importOutcomeOf, requestCatalogImport } from './import.job.ts';
import { addMapping, loadRequirement, removeMapping } from './mappings.service.ts';
import { ImportJobPage, ImportPage, MappingPage, OscalPage } from './views/oscal.tsx';

const IdParams = Type.Object({ id: Id() });
const MappingQuery = Type.Object({ framework: Type.Optional(OrEmpty(Id())), q: Type.Optional(Text(100)), done: Type.Optional(OneOf(['added', 'removed'] as const)) });
const JobParams = Type.Object({ id: JobNumber() });

export async function oscalRoutes(app: App) {
  const open = { config: { action: 'compliance:public' as const } };
  const manage = { config: { action: 'compliance:manage' as const } };
  const map = { config: { action: 'compliance:requirements' as const } };

  app.get('/compliance/oscal', open, async (req, reply) => {
    const ctx = ctxOf(req);
    const actor = req.actor;
    const own = [...new Set((actor?.roles ?? []).filter((g) => g.institutionId && g.institutionAcronym && permitted(actor, institutionCompliancePolicy, { institutionId: g.institutionId }).read).map((g) => g.institutionAcronym!))];
    const mayImport = mayAtAll(actor, 'compliance:manage');
    const authoring = scopeOf(actor, 'compliance:requirements');
    return reply.page(
      <OscalPage
        ctx={pageCtx(req, reply)}
        data={{
          frameworks: await frameworkList(ctx),
          cycles: mayAtAll(actor, 'compliance:read') ? await closedCycles(ctx) : [],
          national: readScope(actor).all,
          own,
          mayImport,
          mappable: authoring.all ? [] : await requirementsIssuedBy(ctx, authoring.institutions),
        }}
      />,
    );
  });

  const importForm = (req: FastifyRequest, reply: FastifyReply, error?: MessageKey, status = 200, detail?: string) => reply.page(<ImportPage ctx={pageCtx(req, reply)} error={error} status={detail} />, status);

  app.get('/compliance/oscal/import', manage, async (req, reply) => importForm(req, reply));

  // The file is judged at once (the page shows what is wrong with it); a loadable catalog is queued
  // and its page shows the load in progress and then what it loaded (import.job.ts).
  app.post('/compliance/oscal/import', manage, async (req, reply) => {
    const { file } = await readMultipartForm(req);
    if (!file) return importForm(req, reply, 'oscal.import.empty', 422);
    try {
      const { jobId } = await requestCatalogImport(ctxOf(req), { bytes: file.buffer, name: file.filename.slice(0, 200) });
      return reply.redirect(`/compliance/oscal/import/jobs/${jobId}`, 303);
    } catch (err) {
      if (err instanceof AppError && err.fields?.file) return importForm(req, reply, err.fields.file, err.status, err.key !== 'error.summary' ? req.t(err.key, err.params) : undefined);
      throw err;
    }
  });

  app.get('/compliance/oscal/import/jobs/:id', { ...manage, schema: { params: JobParams } }, async (req, reply) => {
    const job = await jobFor(app.db, req.actor, req.params.id);
    if (job.type !== IMPORT_JOB) throw notFound();
    return reply.page(<ImportJobPage ctx={pageCtx(req, reply)} job={{ id: job.id, status: job.status, progress: job.progress }} outcome={importOutcomeOf(job)} />);
  });

  const mappingPage = async (req: FastifyRequest, reply: FastifyReply, id: string, extra: { framework?: string; q?: string; notice?: 'added' | 'removed'; errors?: Record<string, MessageKey>; status?: number } = {}) => {
    const ctx = ctxOf(req);
    const requirement = await loadRequirement(ctx, id);
    const mayMap = permitted(req.actor, requirementMappingPolicy, requirement).map;
    const query = { framework: extra.framework ?? '', q: (extra.q ?? '').trim() };
    const frameworks = await frameworkList(ctx);
    const results = mayMap && (query.q || query.framework) ? await searchControls(ctx, { frameworkId: query.framework || undefined, q: query.q, limit: 50 }) : null;
    return reply.page(<MappingPage ctx={pageCtx(req, reply)} data={{ requirement, mappings: await mappingsOf(ctx, requirement.id), frameworks, results, query, mayMap, notice: extra.notice, errors: extra.errors }} />, extra.status ?? 200);
  };

  app.get('/compliance/oscal/requirements/:id/mappings', { ...open, schema: { params: IdParams, querystring: MappingQuery } }, async (req, reply) => {
    const q = req.query;
    return mappingPage(req, reply, req.params.id, { framework: q.framework, q: q.q, notice: q.done });
  });

  app.post('/compliance/oscal/requirements/:id/mappings/add', { ...map, schema: { params: IdParams, body: FormFields() } }, async (req, reply) => {
    const b = req.body;
    const framework = formString(b.framework).slice(0, 36);
    const q = formString(b.q).slice(0, 100);
    const out = await submitForm(() => addMapping(ctxOf(req), { requirementId: req.params.id, controlId: formString(b.control), relation: formString(b.relation) }));
    if (!out.ok) return mappingPage(req, reply, req.params.id, { framework, q, errors: out.errors, status: out.status });
    return reply.redirect(`/compliance/oscal/requirements/${req.params.id}/mappings?${new URLSearchParams({ framework, q, done: 'added' })}`, 303);
  });

  app.post('/compliance/oscal/requirements/:id/mappings/remove', { ...map, schema: { params: IdParams, body: FormFields() } }, async (req, reply) => {
    const b = req.body;
    await removeMapping(ctxOf(req), { requirementId: req.params.id, controlId: formString(b.control) });
    return reply.redirect(`/compliance/oscal/requirements/${req.params.id}/mappings?done=removed`, 303);
  });
}
