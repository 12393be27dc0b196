// Background jobs: the administration pages, the "run again" action, and the progress API that a
// job's creator (or an administrator) reads. Thin: the work is in platform/jobs.
import type { App } from '../../platform/http/app.ts';
import { Type } from 'typebox';
import { auditSourceOf } from '../../platform/audit.ts';
import { JOB_STATUSES, jobFor, listJobs, retryJob } from '../../platform/jobs/index.ts';
import { pageCtx } from '../../web/context.ts';
import { JobPage, JobsPage } from './views/jobs.tsx';
import { formString } from '../../platform/input.ts';
import { FormFields, JobNumber, OneOf } from '../../platform/http/schemas.ts';

/** A job's number in a path. */
const JobParams = Type.Object({ id: JobNumber({ description: 'The job number' }) });

const JobItem = Type.Object({
  id: Type.Integer(),
  type: Type.String(),
  status: OneOf(JOB_STATUSES),
  progress: Type.Object({ done: Type.Integer(), total: Type.Union([Type.Integer(), Type.Null()]), note: Type.Union([Type.String(), Type.Null()]) }),
  error: Type.Union([Type.String(), Type.Null()]),
  result: Type.Unknown(),
});

export async function jobRoutes(app: App) {
  const read = { config: { action: 'jobs:read' as const } };

  app.get('/admin/jobs', { ...read, schema: { querystring: FormFields() } }, async (req, reply) => {
    const q = req.query;
    const status = formString(q.status);
    const result = await listJobs(app.db, { status, page: Number(formString(q.page)) || 1 });
    return reply.page(<JobsPage ctx={pageCtx(req, reply)} v={{ result, status }} />);
  });

  app.get('/admin/jobs/:id', { ...read, schema: { params: JobParams, querystring: FormFields() } }, async (req, reply) => {
    const job = await jobFor(app.db, req.actor, req.params.id);
    return reply.page(<JobPage ctx={pageCtx(req, reply)} job={job} retried={formString(req.query.done) === 'retried'} />);
  });

  app.post('/admin/jobs/:id/retry', { config: { action: 'jobs:manage' }, schema: { params: JobParams } }, async (req, reply) => {
    const id = req.params.id;
    await retryJob(app.db, auditSourceOf(req.actor, req.ip), id);
    return reply.redirect(`/admin/jobs/${id}?done=retried`, 303);
  });

  app.get(
    '/api/v1/jobs/:id',
    {
      // Any signed-in caller may ask; jobFor() answers 404 unless they created the job or may read all jobs.
      config: { action: 'account:read' },
      schema: {
        summary: 'Where a background job stands: status, progress, error and result (its creator and administrators only)',
        tags: ['jobs'],
        security: [{ bearer: [] }],
        params: JobParams,
        response: { 200: JobItem, 401: { $ref: 'Problem#' }, 404: { $ref: 'Problem#' } },
      },
    },
    async (req) => {
      const job = await jobFor(app.db, req.actor, req.params.id);
      return { id: job.id, type: job.type, status: job.status, progress: job.progress, error: job.lastError, result: job.result };
    },
  );
}
