// OSCAL on the command line, for the authority's scripts: the three exports on standard output and
// loading a catalog from a file. The operator on the server acts as the authority: reads every
// institution's compliance (an administrator's grant) and loads frameworks (a reviewer's grant);
// each load is audited with `via: 'cli'` and the operator's login name.
import fs from 'node:fs';
import type { Config } from '../../../config.ts';
import type { Database } from '../../../platform/db/database.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import type { AuditSource } from '../../../platform/audit.ts';
import { createCtx, type Ctx } from '../../../platform/context.ts';
import { AppError } from '../../../platform/http/errors.ts';
import { isUuid } from '../../../platform/input.ts';
import { MAX_CATALOG_BYTES } from './rules.ts';
import { assessmentResultsChunks, catalogExport, poamExport } from './export.ts';
import { importCatalog, type CatalogImportResult } from './import.service.ts';

export const EXPORT_KINDS = ['catalog', 'assessment-results', 'poam'] as const;

export function oscalOperatorCtx(db: Database, config: Config, source: AuditSource): Ctx {
  const actor: Actor = {
    userId: '00000000-0000-0000-0000-000000000000',
    name: source.actorLabel,
    email: '',
    lang: 'en',
    via: 'cli',
    roles: [
      { role: 'admin', institutionId: null, institutionAcronym: null },
      { role: 'authority_reviewer', institutionId: null, institutionAcronym: null },
    ],
  };
  return createCtx({ db, config, actor, source, lang: 'en' });
}

/** The document of one export kind as chunks of JSON, or an Error whose message is the one line the CLI prints. */
export async function exportDocument(ctx: Ctx, kind: string, opts: { cycle?: string; institution?: string }): Promise<AsyncIterable<string> | string[]> {
  try {
    if (kind === 'catalog') return [JSON.stringify(await catalogExport(ctx))];
    if (kind === 'assessment-results') {
      if (opts.cycle !== undefined && !isUuid(opts.cycle)) throw new Error(`oscal export: --cycle must be a cycle id (a UUID)`);
      return await assessmentResultsChunks(ctx, { cycleId: opts.cycle });
    }
    if (kind === 'poam') {
      if (!opts.institution) throw new Error('oscal export poam: --institution ACRONYM is required');
      return [JSON.stringify(await poamExport(ctx, opts.institution))];
    }
  } catch (err) {
    if (err instanceof AppError && err.status === 404 && err.key === 'error.notFound.title') {
      throw new Error(kind === 'poam' ? `oscal export: there is no institution ${opts.institution}` : `oscal export: there is no cycle ${opts.cycle}`);
    }
    throw err;
  }
  throw new Error(`oscal export: what to export must be one of ${EXPORT_KINDS.join(', ')}`);
}

/** Reads a catalog file (refusing one larger than the limit before reading it) and loads it. */
export async function importCatalogFile(ctx: Ctx, file: string): Promise<CatalogImportResult> {
  let size: number;
  try {
    size = fs.statSync(file).size;
  } catch {
    throw new Error(`oscal import: cannot read ${file}`);
  }
  if (size > MAX_CATALOG_BYTES) throw new Error(`oscal import: ${file} is larger than ${MAX_CATALOG_BYTES / 1024 / 1024} MB`);
  return importCatalog(ctx, { bytes: fs.readFileSync(file), name: file.split(/[\\/]/).pop() });
}

/** Writes chunks to standard output, waiting when the pipe is full (a national document is large). */
export async function writeOut(chunks: AsyncIterable<string> | string[]): Promise<void> {
  for await (const c of chunks) {
    if (!process.stdout.write(c)) await new Promise((resolve) => process.stdout.once('drain', resolve));
  }
  process.stdout.write('\n');
}
