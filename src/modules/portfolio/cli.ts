// The portfolio on the command line: the authority's trusted bulk load, the overlap clusters as
// JSON, and the ArchiMate model. The CLI is run by the authority's operators on the server itself,
// so it reads every institution's records and imports for any institution; each import is audited
// with `via: 'cli'` and the operator's login name.
import fs from 'node:fs';
import type { Config } from '../../config.ts';
import type { Database } from '../../platform/db/database.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { AuditSource } from '../../platform/audit.ts';
import { createCtx, type Ctx } from '../../platform/context.ts';
import type { Lang } from '../../platform/i18n/catalog.ts';
import { institutions } from '../reference/index.ts';
import { clusters, ensureFresh } from './overlaps.service.ts';
import { applyImport, previewImport, type ImportResult } from './import.service.ts';
import { declaredKind } from './import.file.ts';
import { presentOverlaps } from './presenters.ts';

/**
 * The operator as an actor that reads everything (the administrator's read grant) and writes every
 * institution's portfolio (an officer's grant for each): the bulk load is the authority's own.
 */
export async function operatorCtx(db: Database, config: Config, source: AuditSource, lang: Lang = 'en'): Promise<Ctx> {
  const all = await db.orm.select({ id: institutions.id, acronym: institutions.acronym }).from(institutions);
  const actor: Actor = {
    userId: '00000000-0000-0000-0000-000000000000',
    name: source.actorLabel,
    email: '',
    lang,
    via: 'cli',
    roles: [{ role: 'admin', institutionId: null, institutionAcronym: null }, ...all.map((i) => ({ role: 'institution_officer' as const, institutionId: i.id, institutionAcronym: i.acronym }))],
  };
  return createCtx({ db, config, actor, source, lang });
}

/** Imports (or with dryRun previews) a file; the result says what happened or what is wrong. */
export async function importFromFile(ctx: Ctx, file: string, dryRun: boolean): Promise<ImportResult> {
  const bytes = fs.readFileSync(file);
  const input = { bytes, name: file.split(/[\\/]/).pop(), declared: declaredKind(file) };
  return dryRun ? previewImport(ctx, input) : applyImport(ctx, input);
}

/** `{"clusters":[{"id","score","capability","systems":[{"institution","code","name"}],"reasons":[…]}]}`, shared by the CLI and the API. */
/** Every current cluster, computed first when the registry changed since the last run. */
export async function freshOverlaps(ctx: Ctx) {
  await ensureFresh(ctx.db);
  return presentOverlaps(await clusters(ctx, { limit: 1_000_000 }), ctx.lang);
}
