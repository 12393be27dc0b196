// Loading an OSCAL catalog from the upload page runs in the background (decision 0355): the page
// checks the file at once (size, JSON, the OSCAL schema, duplicate control ids), keeps it in the file
// store by its hash and queues this job; the job loads it in one transaction with its audit entry,
// acting as the person who uploaded it (their rights are checked again when it runs). The page
// /compliance/oscal/import/jobs/:id shows where the job stands and then what it loaded.
import fs from 'node:fs/promises';
import { command, createCtx } from '../../../platform/context.ts';
import { authorizeFor } from '../../../platform/auth/access.ts';
import { AppError } from '../../../platform/http/errors.ts';
import { fileStore } from '../../../platform/files/index.ts';
import { defineJob, enqueue, type Job } from '../../../platform/jobs/index.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import type { MessageKey } from '../../../messages.ts';
import { actorFor, getUser } from '../../identity/index.ts';
import { MAX_CATALOG_BYTES } from './rules.ts';
import { checkCatalog, importCatalog, type CatalogImportResult } from './import.service.ts';
import { audit } from '../audit-events.ts';

export const IMPORT_JOB = 'compliance.oscal.import';

export interface CatalogImportPayload {
  /** The uploaded file in the file store. */
  sha256: string;
  name: string;
  /** Who uploaded it, how, and from where: the job acts as them and the audit entry says so. */
  userId: string;
  via: Actor['via'];
  ip: string | null;
}

/** What the job records: what was loaded, or why nothing was (a refusal the uploader can read). */
export type CatalogImportOutcome = ({ ok: true } & CatalogImportResult) | { ok: false; error: MessageKey; params?: Record<string, string | number> };

export const catalogImportJob = defineJob<CatalogImportPayload>(IMPORT_JOB, {
  maxAttempts: 3,
  async handler({ payload, db, config, progress }): Promise<CatalogImportOutcome> {
    const refused = (error: MessageKey, params?: Record<string, string | number>): CatalogImportOutcome => ({ ok: false, error, params });
    const store = fileStore(config.dataDir);
    if (!store.exists(payload.sha256)) return refused('oscal.import.gone');
    const user = await getUser(db.orm, payload.userId);
    if (!user || !user.active) return refused('error.forbidden.title');
    const actor = await actorFor(db.orm, user, payload.via);
    const bytes = await fs.readFile(store.pathOf(payload.sha256));
    try {
      // Checked before the transaction so the amount of work is known while it runs.
      const { controls } = checkCatalog(bytes);
      await progress(0, controls.length);
      const result = await importCatalog(createCtx({ db, config, actor, ip: payload.ip }), { bytes, name: payload.name });
      return { ok: true, ...result };
    } catch (err) {
      // A refusal (rights withdrawn since the upload, a catalog the checks refuse) will not change on a
      // retry: it is the job's outcome. Anything else (the database went away) is retried.
      if (err instanceof AppError) return refused(err.key, err.params as Record<string, string | number> | undefined);
      throw err;
    }
  },
});

/**
 * The upload page's command: judges the file at once, keeps it in the file store and queues its
 * import. Field errors (not JSON, not a catalog, too large) come back as such; nothing is queued then.
 */
export const requestCatalogImport = command(async (ctx, input: { bytes: Buffer; name: string }): Promise<{ jobId: number }> => {
  authorizeFor(ctx.actor, 'compliance:manage', null);
  const { catalog, groups, controls } = checkCatalog(input.bytes);
  const stored = await fileStore(ctx.config.dataDir).put(input.bytes, { maxBytes: MAX_CATALOG_BYTES });
  const payload: CatalogImportPayload = { sha256: stored.sha256, name: input.name, userId: ctx.actor!.userId, via: ctx.actor!.via, ip: ctx.source.ip ?? null };
  const jobId = await enqueue(ctx.tx, catalogImportJob, payload, { createdBy: ctx.actor!.userId });
  await audit(ctx, 'compliance.oscal.import.request', {
    entityId: String(jobId),
    details: { title: catalog.metadata.title.replace(/\s+/g, ' ').trim().slice(0, 300), oscalUuid: catalog.uuid, groups, controls: controls.length, file: input.name, sha256: stored.sha256 },
  });
  return { jobId };
});

/** A catalog import job as its page shows it: the job, and once it has ended, its outcome. */
export function importOutcomeOf(job: Job): CatalogImportOutcome | null {
  if (job.status !== 'done') return null;
  const r = job.result as Partial<CatalogImportOutcome> | null;
  if (r && r.ok === true) return r as CatalogImportOutcome;
  if (r && r.ok === false && typeof r.error === 'string') return r as CatalogImportOutcome;
  return null;
}
