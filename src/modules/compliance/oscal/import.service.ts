// Loading an OSCAL catalog as a reference framework (e.g. NIST SP 800-53 rev5 moderate): checked
// against the OSCAL 1.0.6 catalog schema, then stored with its groups and controls (enhancements
// under their parent). A catalog is known by its uuid: loading it again updates the framework in
// place, keeping the ids of its controls and so the mappings to them.
import crypto from 'node:crypto';
import { sql } from 'drizzle-orm';
import { command } from '../../../platform/context.ts';
import { authorizeFor } from '../../../platform/auth/access.ts';
import { AppError, invalid } from '../../../platform/http/errors.ts';
import { catalogProblems } from './validate.ts';
import { MAX_CATALOG_BYTES, flattenCatalog, frameworkCodeOf, type RawCatalog } from './rules.ts';
import { audit } from '../audit-events.ts';

export interface CatalogImportResult {
  frameworkId: string;
  code: string;
  title: string;
  version: string;
  groups: number;
  controls: number;
  /** False when the catalog (by its uuid) was loaded before and has been updated. */
  created: boolean;
  /** Controls no longer in the catalog that were kept because requirements are mapped to them. */
  keptMapped: number;
}

/** Parses and checks the file: a JSON OSCAL 1.0.6 catalog, or a field error naming what is wrong. */
export function parseCatalog(bytes: Buffer): RawCatalog {
  if (bytes.length === 0) throw invalid({ file: 'oscal.import.empty' });
  if (bytes.length > MAX_CATALOG_BYTES) throw new AppError(413, 'oscal.import.tooLarge', { max: `${MAX_CATALOG_BYTES / 1024 / 1024} MB` }, { file: 'oscal.import.tooLargeField' });
  let doc: unknown;
  try {
    doc = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw invalid({ file: 'oscal.import.notJson' });
  }
  const problems = catalogProblems(doc);
  if (problems.length) throw new AppError(422, 'oscal.import.notCatalog', { problems: problems.join('; ') }, { file: 'oscal.import.notCatalogField' });
  return (doc as { catalog: RawCatalog }).catalog;
}

/**
 * Everything that can be judged from the file alone (size, JSON, the OSCAL schema, control ids given
 * twice): fast, so the upload page answers these at once and only a loadable catalog is queued.
 */
export function checkCatalog(bytes: Buffer): { catalog: RawCatalog } & ReturnType<typeof flattenCatalog> {
  const catalog = parseCatalog(bytes);
  const flat = flattenCatalog(catalog);
  const ids = new Set<string>();
  for (const c of flat.controls) {
    if (ids.has(c.controlId)) throw new AppError(422, 'oscal.import.duplicate', { id: c.controlId }, { file: 'oscal.import.notCatalogField' });
    ids.add(c.controlId);
  }
  return { catalog, ...flat };
}

/** Loads a catalog in one transaction with its audit entry: the CLI directly, the upload page through its job (import.job.ts). */
export const importCatalog = command(async (ctx, input: { bytes: Buffer; name?: string }): Promise<CatalogImportResult> => {
  authorizeFor(ctx.actor, 'compliance:manage', null);
  const { catalog, groups, controls } = checkCatalog(input.bytes);
  const title = catalog.metadata.title.replace(/\s+/g, ' ').trim();
  const version = catalog.metadata.version;
  const rows = async <T>(q: ReturnType<typeof sql>) => (await ctx.q.execute(q)).rows as unknown as T[];
  // One framework per catalog uuid; locked so two loads of the same file do not both insert.
  await rows(sql`SELECT pg_advisory_xact_lock(hashtext(${`oscal:${catalog.uuid}`}))`);
  const [existing] = await rows<{ id: string; code: string }>(sql`SELECT id, code FROM compliance_frameworks WHERE oscal_uuid = ${catalog.uuid}`);
  let frameworkId: string;
  let code: string;
  if (existing) {
    ({ id: frameworkId, code } = existing);
    await ctx.q.execute(sql`UPDATE compliance_frameworks SET title = ${title}, version = ${version}, group_count = ${groups}, control_count = ${controls.length},
      loaded_by = ${ctx.source.actorId ?? null}, loaded_at = now() WHERE id = ${frameworkId}`);
  } else {
    const base = frameworkCodeOf(title);
    const taken = new Set((await rows<{ code: string }>(sql`SELECT code FROM compliance_frameworks WHERE code LIKE ${base + '%'}`)).map((r) => r.code));
    code = base;
    for (let n = 2; taken.has(code); n++) code = `${base.slice(0, 36)}-${n}`;
    const [made] = await rows<{ id: string }>(sql`INSERT INTO compliance_frameworks (code, title, version, oscal_uuid, group_count, control_count, loaded_by)
      VALUES (${code}, ${title}, ${version}, ${catalog.uuid}, ${groups}, ${controls.length}, ${ctx.source.actorId ?? null}) RETURNING id`);
    frameworkId = made!.id;
  }
  const payload = JSON.stringify(controls.map((c) => ({ control_id: c.controlId, group_id: c.groupId, group_title: c.groupTitle, parent_control_id: c.parentControlId, title: c.title, position: c.position })));
  await ctx.q.execute(sql`INSERT INTO compliance_controls (framework_id, control_id, group_id, group_title, parent_control_id, title, position)
    SELECT ${frameworkId}, x.control_id, x.group_id, x.group_title, x.parent_control_id, x.title, x.position
      FROM jsonb_to_recordset(${payload}::jsonb) AS x(control_id text, group_id text, group_title text, parent_control_id text, title text, position int)
    ON CONFLICT (framework_id, control_id) DO UPDATE SET group_id = excluded.group_id, group_title = excluded.group_title,
      parent_control_id = excluded.parent_control_id, title = excluded.title, position = excluded.position`);
  const present = `{${controls.map((c) => `"${c.controlId.replace(/["\\]/g, '')}"`).join(',')}}`;
  await ctx.q.execute(sql`DELETE FROM compliance_controls c WHERE c.framework_id = ${frameworkId} AND NOT (c.control_id = ANY(${present}::text[]))
    AND NOT EXISTS (SELECT 1 FROM compliance_control_mappings m WHERE m.control_id = c.id)`);
  const [kept] = await rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM compliance_controls c WHERE c.framework_id = ${frameworkId} AND NOT (c.control_id = ANY(${present}::text[]))`);
  const sha256 = crypto.createHash('sha256').update(input.bytes).digest('hex');
  await audit(ctx, 'compliance.oscal.import', {
    entityId: frameworkId,
    details: { code, title, version, oscalUuid: catalog.uuid, groups, controls: controls.length, created: !existing, file: input.name ?? null, sha256 },
  });
  return { frameworkId, code, title, version, groups, controls: controls.length, created: !existing, keptMapped: kept?.n ?? 0 };
});
