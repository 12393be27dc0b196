// The import pages: upload, preview (the file is kept in the platform file store between the two
// steps and named by its SHA-256 in the form), apply (checked here, written by the background job
// whose page shows its progress, then its result). Thin handlers over import.service.ts.
import type { App } from '../../platform/http/app.ts';
import fs from 'node:fs';
import { Type } from 'typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { pageCtx } from '../../web/context.ts';
import { ctxOf } from '../../platform/http/request-context.ts';
import { AppError, notFound } from '../../platform/http/errors.ts';
import { FormFields, JobNumber } from '../../platform/http/schemas.ts';
import { jobFor } from '../../platform/jobs/index.ts';
import { readMultipartForm } from '../../platform/http/multipart.ts';
import { checkFileName, contentDisposition, fileStore, FileProblemError, safeFileName } from '../../platform/files/index.ts';
import { formString } from '../../platform/input.ts';
import type { MessageKey } from '../../messages.ts';
import { IMPORT_JOB, importJobResult, previewImport, startImport } from './import.service.ts';
import { declaredKind, XLSX_TYPE } from './import.file.ts';
import { templateCsv, templateXlsx } from './export.ts';
import { ImportJobPage, ImportPage, ImportPreviewPage } from './views/import.tsx';

const write = { config: { action: 'portfolio:write' as const } };

const fileName = (raw: string) => {
  try {
    return safeFileName(checkFileName(raw), 'systems');
  } catch (err) {
    if (err instanceof FileProblemError) return 'systems';
    throw err;
  }
};

/** A refused file's message, shown on the form; anything else goes to the error handler. */
const refusal = (err: unknown): MessageKey => {
  if (err instanceof AppError && err.fields?.file) return err.fields.file;
  throw err;
};

export async function portfolioImportRoutes(app: App) {
  const form = (req: FastifyRequest, reply: FastifyReply, error?: MessageKey, status = 200) => reply.page(<ImportPage ctx={pageCtx(req, reply)} error={error} />, status);

  app.get('/portfolio/import', write, async (req, reply) => reply.page(<ImportPage ctx={pageCtx(req, reply)} />));

  app.get('/portfolio/import/template.csv', write, async (_req, reply) =>
    reply.type('text/csv; charset=utf-8').header('content-disposition', contentDisposition('viwango-systems-template.csv')).send(await templateCsv()),
  );
  app.get('/portfolio/import/template.xlsx', write, async (_req, reply) =>
    reply.type(XLSX_TYPE).header('content-disposition', contentDisposition('viwango-systems-template.xlsx')).send(await templateXlsx()),
  );

  app.post('/portfolio/import', write, async (req, reply) => {
    const { file } = await readMultipartForm(req);
    if (!file) return form(req, reply, 'files.empty', 422);
    const name = fileName(file.filename);
    let result;
    try {
      result = await previewImport(ctxOf(req), { bytes: file.buffer, name, declared: declaredKind(name) });
    } catch (err) {
      return form(req, reply, refusal(err), err instanceof AppError ? err.status : 422);
    }
    // Kept for the apply step, which names it by its hash.
    if (!result.errors.length) await fileStore(app.config.dataDir).put(file.buffer);
    return reply.page(<ImportPreviewPage ctx={pageCtx(req, reply)} result={result} fileName={name} />, result.errors.length ? 422 : 200);
  });

  app.post('/portfolio/import/apply', { ...write, schema: { body: FormFields() } }, async (req, reply) => {
    const sha256 = formString(req.body.sha256);
    const name = fileName(formString(req.body.name) || 'systems');
    const store = fileStore(app.config.dataDir);
    if (!store.exists(sha256)) return form(req, reply, 'portfolio.import.gone', 422);
    const bytes = fs.readFileSync(store.pathOf(sha256));
    let started;
    try {
      started = await startImport(ctxOf(req), { bytes, name, declared: declaredKind(name) });
    } catch (err) {
      return form(req, reply, refusal(err), err instanceof AppError ? err.status : 422);
    }
    // The registry may have changed since the preview: then the new problems are shown, nothing queued.
    if (started.status !== 'queued') return reply.page(<ImportPreviewPage ctx={pageCtx(req, reply)} result={started.result} fileName={name} />, 422);
    return reply.redirect(`/portfolio/import/jobs/${started.jobId}`, 303);
  });

  // The uploader (or whoever may read every job) follows the job here; to anyone else it does not exist.
  // Following one's own import needs only reading rights: the write was checked when it was queued.
  app.get('/portfolio/import/jobs/:id', { config: { action: 'portfolio:read' as const }, schema: { params: Type.Object({ id: JobNumber() }) } }, async (req, reply) => {
    const job = await jobFor(app.db, req.actor, req.params.id);
    if (job.type !== IMPORT_JOB) throw notFound();
    const payload = job.payload as { name?: unknown } | null;
    const name = typeof payload?.name === 'string' ? payload.name : null;
    return reply.page(<ImportJobPage ctx={pageCtx(req, reply)} job={job} fileName={name} result={importJobResult(job.result)} />);
  });
}
