// The portfolio's bulk import and ArchiMate export in the JSON API. The file is the raw body (no
// multipart: `curl --data-binary @systems.csv -H 'Content-Type: text/csv'` just works); its kind is
// decided from its content. Small files are applied in the request (the answer has the counts);
// larger ones, or any with `Prefer: respond-async`, are checked in the request and applied by a
// background job (202 with the job to follow at /api/v1/jobs/{id}; decision 0210).
import type { App } from '../../platform/http/app.ts';
import { Type, type Static } from 'typebox';
import { AppError } from '../../platform/http/errors.ts';
import { ctxOf } from '../../platform/http/request-context.ts';
import { importCounts, previewImport, startImport } from './import.service.ts';
import { declaredKind, IMPORT_HEADER, MAX_IMPORT_ROWS, XLSX_TYPE } from './import.file.ts';
import { archimateModel } from './archimate.ts';

const Problem = { $ref: 'Problem#' } as const;
const errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 413: Problem, 415: Problem };

const ImportResultT = Type.Object({
  applied: Type.Boolean({ description: 'true when the rows were stored' }),
  created: Type.Integer(),
  updated: Type.Integer(),
  unchanged: Type.Integer(),
  errors: Type.Array(Type.Object({ row: Type.Integer({ description: 'Row number as a spreadsheet shows it; the header is row 1' }), column: Type.String(), message: Type.String() })),
});
const ImportQuery = Type.Object({
  dryRun: Type.Optional(Type.Boolean({ description: 'Only check and tell what would change; nothing is stored' })),
  filename: Type.Optional(Type.String({ maxLength: 255, description: 'The file’s name, kept in the audit entry' })),
});
const binary = { schema: { description: 'The file’s bytes' } };
const QueuedT = Type.Object({
  applied: Type.Boolean({ description: 'false: the rows are not stored yet; the job stores them all or none' }),
  rows: Type.Integer({ description: 'Rows checked and queued' }),
  job: Type.Integer({ description: 'The background job applying the file' }),
  statusUrl: Type.String({ description: 'Where the job stands: GET this URL; its `result` has applied, created, updated, unchanged and errors once it is done' }),
});

/** Files of at most this many rows are applied in the request (a few seconds at most); larger ones by a background job. */
export const IMPORT_INLINE_ROWS = 200;
const prefersAsync = (prefer: string | string[] | undefined) => /(^|[,\s])respond-async\b/i.test([prefer ?? ''].flat().join(','));

export async function portfolioImportApi(app: App) {
  app.addContentTypeParser(['text/csv', XLSX_TYPE], { parseAs: 'buffer', bodyLimit: app.config.uploadLimit }, (_req, body, done) => done(null, body));

  app.post('/api/v1/portfolio/import', {
    config: { action: 'portfolio:write', noCsrf: true },
    bodyLimit: app.config.uploadLimit,
    schema: {
      tags: ['portfolio'],
      summary: 'Import systems from a CSV or XLSX file (one system per row)',
      description: `The body is the file itself, with \`Content-Type: text/csv\` (UTF-8) or the XLSX type. The first row must be exactly \`${IMPORT_HEADER}\`; at most ${MAX_IMPORT_ROWS} rows. Every row is checked; when any row is bad the answer is 422 with every problem by row and column and nothing is stored. Otherwise all rows are stored in one transaction: systems are matched by (institution, code), so a later file updates them and the same file again changes nothing. Files of at most ${IMPORT_INLINE_ROWS} rows are applied in the request and answered 200 with the counts. Larger files, and any file sent with \`Prefer: respond-async\`, are checked in the request (422 as above when a row is bad) and then applied by a background job: the answer is 202 with the job's number and its status URL (\`/api/v1/jobs/{id}\`, readable by the sender), whose \`result\` holds the same counts and errors when the job is done. With \`dryRun=true\` nothing is stored and the counts tell what would happen. Only rows of institutions you may write; a whole file that cannot be read (another header, too many rows, not a spreadsheet) is a 422 problem naming the file.`,
      security: [{ bearer: [] }],
      querystring: ImportQuery,
      body: { content: { 'text/csv': binary, [XLSX_TYPE]: binary } },
      response: { 200: ImportResultT, 202: QueuedT, 422: Type.Union([ImportResultT, Problem]), ...errors },
    },
  }, async (req, reply) => {
    const body: unknown = req.body;
    if (!Buffer.isBuffer(body)) throw new AppError(415, 'portfolio.import.err.type');
    const ctx = ctxOf(req);
    const file = { bytes: body, name: req.query.filename, declared: declaredKind(req.headers['content-type']) };
    if (req.query.dryRun) {
      const r = await previewImport(ctx, file);
      return reply.status(r.errors.length ? 422 : 200).send(importCounts(r));
    }
    const async = prefersAsync(req.headers.prefer);
    const started = await startImport(ctx, file, { inlineUpTo: async ? 0 : IMPORT_INLINE_ROWS });
    if (started.status === 'queued') {
      if (async) reply.header('preference-applied', 'respond-async');
      return reply.status(202).header('location', `/api/v1/jobs/${started.jobId}`).send({ applied: false, rows: started.rows, job: started.jobId, statusUrl: `/api/v1/jobs/${started.jobId}` });
    }
    return reply.status(started.result.errors.length ? 422 : 200).send(importCounts(started.result));
  });

  app.get('/api/v1/portfolio/archimate', {
    config: { action: 'portfolio:read' },
    schema: {
      tags: ['portfolio'],
      summary: 'The portfolio as an ArchiMate 3 Open Exchange Format model (XML)',
      description: 'Institutions as business actors assigned to their systems (application components), the capabilities each realises, e-services (application services) served by their system, and integrations as flows from provider to consumer. With `institution` (an acronym), that institution’s systems and the systems it exchanges data with. Only what you may read.',
      security: [{ bearer: [] }],
      querystring: Type.Object({ institution: Type.Optional(Type.String({ maxLength: 40 })) }),
      response: { 200: { content: { 'application/xml': { schema: { type: 'string' } } } }, ...errors },
    },
  }, async (req, reply) => {
    const xml = await archimateModel(ctxOf(req), { institution: req.query.institution?.trim() || undefined });
    return reply.type('application/xml; charset=utf-8').send(xml);
  });
}
