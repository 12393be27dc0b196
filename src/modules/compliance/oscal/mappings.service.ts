// Mapping a Viwango requirement to controls of a reference framework (equal, subset, superset,
// intersects): added, changed and removed by the authors of the body that issued the requirement's
// standard, each change audited. The mappings appear in the OSCAL catalog export.
import { sql } from 'drizzle-orm';
import { command, type Ctx } from '../../../platform/context.ts';
import { authorize, requireVisible } from '../../../platform/auth/access.ts';
import { AppError, invalid } from '../../../platform/http/errors.ts';
import { isUuid } from '../../../platform/input.ts';
import { requirementMappingPolicy } from './access.ts';
import { isRelation } from './rules.ts';
import { audit } from '../audit-events.ts';

export interface MappedRequirement {
  id: string;
  ref: string;
  textEn: string;
  textSw: string;
  status: string;
  issuerId: string;
  audience: string;
  documentCode: string;
  documentSlug: string;
}

/** A requirement with what the mapping rules need; 404 when there is none or the caller may not see it. */
export async function loadRequirement(ctx: Ctx, id: string): Promise<MappedRequirement> {
  if (!isUuid(id)) throw new AppError(404, 'error.notFound.title');
  const r = await ctx.q.execute(sql`SELECT r.id, r.ref, r.text_en AS "textEn", r.text_sw AS "textSw", r.status, d.issuer_id AS "issuerId", d.audience, d.code AS "documentCode", d.slug AS "documentSlug"
    FROM compliance_requirements r JOIN library_documents d ON d.id = r.document_id WHERE r.id = ${id}`);
  const row = r.rows[0] as unknown as MappedRequirement | undefined;
  return requireVisible(ctx.actor, requirementMappingPolicy, row);
}

async function loadControl(ctx: Ctx, id: string) {
  if (!isUuid(id)) return undefined;
  const r = await ctx.q.execute(sql`SELECT c.id, c.control_id AS "controlId", f.code AS "frameworkCode" FROM compliance_controls c JOIN compliance_frameworks f ON f.id = c.framework_id WHERE c.id = ${id}`);
  return r.rows[0] as unknown as { id: string; controlId: string; frameworkCode: string } | undefined;
}

export const addMapping = command(async (ctx, input: { requirementId: string; controlId: string; relation: string }) => {
  const req = await loadRequirement(ctx, input.requirementId);
  authorize(ctx.actor, requirementMappingPolicy, 'map', req);
  const control = await loadControl(ctx, input.controlId);
  const fields = { ...(control ? {} : { control: 'oscal.field.control' as const }), ...(isRelation(input.relation) ? {} : { relation: 'oscal.field.relation' as const }) };
  if (Object.keys(fields).length) throw invalid(fields);
  const r = await ctx.q.execute(sql`INSERT INTO compliance_control_mappings (requirement_id, control_id, relation, created_by) VALUES (${req.id}, ${control!.id}, ${input.relation}, ${ctx.source.actorId ?? null})
    ON CONFLICT (requirement_id, control_id) DO UPDATE SET relation = excluded.relation
    RETURNING (SELECT relation FROM compliance_control_mappings WHERE requirement_id = ${req.id} AND control_id = ${control!.id}) AS before`);
  const before = (r.rows[0] as { before: string | null } | undefined)?.before ?? null;
  await audit(ctx, before ? 'compliance.mapping.change' : 'compliance.mapping.add', {
    entityId: req.id,
    institutionId: req.issuerId,
    details: { ref: req.ref, framework: control!.frameworkCode, control: control!.controlId, relation: input.relation, ...(before ? { before } : {}) },
  });
  return { created: !before };
});

export const removeMapping = command(async (ctx, input: { requirementId: string; controlId: string }) => {
  const req = await loadRequirement(ctx, input.requirementId);
  authorize(ctx.actor, requirementMappingPolicy, 'map', req);
  const control = await loadControl(ctx, input.controlId);
  const r = control ? await ctx.q.execute(sql`DELETE FROM compliance_control_mappings WHERE requirement_id = ${req.id} AND control_id = ${control.id} RETURNING relation`) : { rows: [] };
  const gone = r.rows[0] as { relation: string } | undefined;
  if (!gone) throw new AppError(404, 'error.notFound.title');
  await audit(ctx, 'compliance.mapping.remove', {
    entityId: req.id,
    institutionId: req.issuerId,
    details: { ref: req.ref, framework: control!.frameworkCode, control: control!.controlId, relation: gone.relation },
  });
});
