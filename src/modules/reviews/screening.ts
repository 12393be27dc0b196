// The automatic screening of a submission, stored with the case: the portfolio's duplicate
// detection run on the proposed system (with its explanation), the shared systems that already
// provide its capabilities, the standards' requirements that will apply to it, and the
// institution's open findings and directives. Compliance tables are read, never written.
import { sql } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.ts';
import { reuseAdvice, type Reason } from '../portfolio/index.ts';
import { requirementApplies, type RequirementConditions } from './rules.ts';
import type { Proposal } from './schema.ts';

export interface ScreeningOverlap {
  systemId: string;
  institution: string;
  code: string;
  name: string;
  shared: boolean;
  score: number;
  reasons: Reason[];
}

export interface Screening {
  at: string;
  overlaps: ScreeningOverlap[];
  /** Shared systems that provide one of the proposal's capabilities or do its job. */
  sharedCoverage: { systemId: string; institution: string; code: string; name: string; capabilities: string[] }[];
  requirements: { ref: string; textSw: string; textEn: string; obligation: string }[];
  findings: { severity: string; description: string; dueOn: string }[];
  directives: { code: string; titleSw: string; titleEn: string; deadline: string; status: string }[];
}

type Row = Record<string, unknown>;

/**
 * The proposal is matched by its system's name, the case title and the problem it solves (not the
 * whole proposal: long text dilutes the resemblance the portfolio's engine measures).
 */
export async function screen(ctx: Ctx, c: { institutionId: string; title: string }, p: Proposal): Promise<Screening> {
  const matches = await reuseAdvice(
    ctx,
    { institutionId: c.institutionId, name: p.systemName || c.title, nameEn: c.title, purpose: p.problem.slice(0, 400), capabilities: p.capabilities },
    10,
  );
  const overlaps: ScreeningOverlap[] = matches.map((m) => ({ systemId: m.id, institution: m.institution, code: m.code, name: m.name, shared: m.shared, score: Math.round(m.score * 1000) / 1000, reasons: m.reasons }));

  const caps = `{${p.capabilities.map((x) => `"${x.replace(/[^A-Za-z0-9._-]/g, '')}"`).join(',')}}`;
  const sharedRows = (await ctx.q.execute(sql`SELECT s.id, i.acronym, s.code, s.name, s.capabilities FROM portfolio_systems s JOIN institutions i ON i.id = s.institution_id
      WHERE s.shared_system_id IS NOT NULL AND s.capabilities && ${caps}::text[] ORDER BY s.name`)).rows as Row[];
  const sharedCoverage = new Map<string, Screening['sharedCoverage'][number]>();
  for (const r of sharedRows) sharedCoverage.set(String(r.id), { systemId: String(r.id), institution: String(r.acronym), code: String(r.code), name: String(r.name), capabilities: r.capabilities as string[] });
  for (const o of overlaps.filter((x) => x.shared)) if (!sharedCoverage.has(o.systemId)) sharedCoverage.set(o.systemId, { systemId: o.systemId, institution: o.institution, code: o.code, name: o.name, capabilities: [] });

  const [inst] = (await ctx.q.execute(sql`SELECT type, sector FROM institutions WHERE id = ${c.institutionId}`)).rows as Row[];
  const reqRows = (await ctx.q.execute(sql`SELECT ref, text_sw, text_en, obligation, conditions FROM compliance_requirements WHERE applies_to = 'system' AND status = 'active' ORDER BY ref LIMIT 500`)).rows as Row[];
  const planned = { institutionType: String(inst?.type ?? ''), sector: String(inst?.sector ?? ''), personalData: p.personalData, govesb: p.govesb, integrates: !!p.integrations.trim() || p.govesb, publicFacing: true, hosting: p.hosting };
  const requirements = reqRows
    .filter((r) => requirementApplies((r.conditions ?? {}) as RequirementConditions, planned))
    .map((r) => ({ ref: String(r.ref), textSw: String(r.text_sw), textEn: String(r.text_en), obligation: String(r.obligation) }));

  const findings = ((await ctx.q.execute(sql`SELECT severity, description, due_on::text AS due_on FROM compliance_findings WHERE institution_id = ${c.institutionId} AND status IN ('open', 'challenged') ORDER BY due_on LIMIT 50`)).rows as Row[]).map(
    (r) => ({ severity: String(r.severity), description: String(r.description), dueOn: String(r.due_on) }),
  );
  const directives = ((await ctx.q.execute(sql`SELECT d.code, d.title_sw, d.title_en, d.deadline::text AS deadline, t.status FROM compliance_directive_targets t JOIN compliance_directives d ON d.id = t.directive_id
      WHERE t.institution_id = ${c.institutionId} AND t.status <> 'done' AND d.status = 'issued' ORDER BY d.deadline LIMIT 50`)).rows as Row[]).map((r) => ({
    code: String(r.code), titleSw: String(r.title_sw), titleEn: String(r.title_en), deadline: String(r.deadline), status: String(r.status),
  }));

  return { at: new Date().toISOString(), overlaps, sharedCoverage: [...sharedCoverage.values()], requirements, findings, directives };
}
