// Reads for the portfolio's pages, API and exports. Every list takes its visibility from the one
// scope in access.ts (readScope), so pages, API and exports show the same records.
import { and, asc, desc, eq, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Ctx } from '../../platform/context.ts';
import { scopeFilter } from '../../platform/auth/scope.ts';
import { requireVisible } from '../../platform/auth/access.ts';
import { containsPattern } from '../../platform/db/sql-params.ts';
import { institutions, sharedSystems } from '../reference/index.ts';
import { readScope, systemPolicy } from './access.ts';
import { confirmations, eservices, history, systems, type System } from './schema.ts';
import { loadSystem } from './systems.service.ts';

export interface CatalogueFilters {
  q?: string;
  capability?: string;
  institution?: string;
  sector?: string;
  hosting?: string;
  lifecycle?: string;
  govesb?: boolean;
  personalData?: boolean;
  shared?: boolean;
  page?: number;
  pageSize?: number;
}

export interface CatalogueRow {
  id: string;
  institution: string;
  institutionId: string;
  sector: string;
  code: string;
  name: string;
  capabilities: string[];
  lifecycle: System['lifecycle'];
  hosting: System['hosting'];
  govesb: boolean;
  personalData: boolean;
  shared: boolean;
  usesShared: string | null;
  capexTzs: number | null;
  opexTzs: number | null;
}

export const PAGE_SIZE = 50;

function catalogueWhere(ctx: Ctx, f: CatalogueFilters): SQL {
  const parts: SQL[] = [scopeFilter(readScope(ctx.actor), systems.institutionId)];
  if (f.q?.trim()) {
    const like = containsPattern(f.q.trim());
    parts.push(sql`(${systems.name} ILIKE ${like} OR ${systems.nameSw} ILIKE ${like} OR ${systems.nameEn} ILIKE ${like} OR ${systems.code} ILIKE ${like} OR ${systems.purpose} ILIKE ${like})`);
  }
  if (f.capability) parts.push(sql`(${f.capability} = ANY(${systems.capabilities}) OR EXISTS (SELECT 1 FROM unnest(${systems.capabilities}) c WHERE c LIKE ${f.capability + '.%'}))`);
  if (f.institution) parts.push(sql`lower(${institutions.acronym}) = lower(${f.institution})`);
  if (f.sector) parts.push(sql`lower(${institutions.sector}) = lower(${f.sector})`);
  if (f.hosting) parts.push(eq(systems.hosting, f.hosting as System['hosting']));
  if (f.lifecycle) parts.push(eq(systems.lifecycle, f.lifecycle as System['lifecycle']));
  if (f.govesb !== undefined) parts.push(eq(systems.govesb, f.govesb));
  if (f.personalData !== undefined) parts.push(eq(systems.personalData, f.personalData));
  if (f.shared !== undefined) parts.push(f.shared ? sql`${systems.sharedSystemId} IS NOT NULL` : sql`${systems.sharedSystemId} IS NULL`);
  return and(...parts)!;
}

// The shared system a row is a use of, joined rather than looked up per row: a later page of the
// catalogue computes its columns for every row it skips.
const used = alias(systems, 'used');
const usedShared = alias(sharedSystems, 'used_shared');

const catalogueColumns = {
  id: systems.id,
  institution: institutions.acronym,
  institutionId: systems.institutionId,
  sector: institutions.sector,
  code: systems.code,
  name: systems.name,
  capabilities: systems.capabilities,
  lifecycle: systems.lifecycle,
  hosting: systems.hosting,
  govesb: systems.govesb,
  personalData: systems.personalData,
  shared: sql<boolean>`${systems.sharedSystemId} IS NOT NULL`,
  usesShared: usedShared.code,
  capexTzs: systems.capexTzs,
  opexTzs: systems.opexTzs,
};

/** One page of the catalogue, and the total. */
export async function catalogue(ctx: Ctx, f: CatalogueFilters): Promise<{ total: number; page: number; pageSize: number; items: CatalogueRow[] }> {
  const pageSize = Math.min(Math.max(f.pageSize ?? PAGE_SIZE, 1), 200);
  const page = Math.max(f.page ?? 1, 1);
  const rows = await ctx.q
    .select({ ...catalogueColumns, total: sql<number>`count(*) OVER ()` })
    .from(systems)
    .innerJoin(institutions, eq(institutions.id, systems.institutionId))
    .leftJoin(used, eq(used.id, systems.usesSystemId))
    .leftJoin(usedShared, eq(usedShared.id, used.sharedSystemId))
    .where(catalogueWhere(ctx, f))
    .orderBy(asc(institutions.acronym), asc(systems.code))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  return { total: rows.length ? Number(rows[0].total) : 0, page, pageSize, items: rows.map(({ total: _t, ...r }) => r) };
}

/** Every row matching the filters, in pages of 1000, for exports. */
export async function* catalogueAll(ctx: Ctx, f: CatalogueFilters, max = 100_000): AsyncGenerator<CatalogueRow[]> {
  let offset = 0;
  while (offset < max) {
    const rows = await ctx.q
      .select(catalogueColumns)
      .from(systems)
      .innerJoin(institutions, eq(institutions.id, systems.institutionId))
      .leftJoin(used, eq(used.id, systems.usesSystemId))
      .leftJoin(usedShared, eq(usedShared.id, used.sharedSystemId))
      .where(catalogueWhere(ctx, f)).orderBy(asc(institutions.acronym), asc(systems.code)).limit(1000).offset(offset);
    if (!rows.length) return;
    yield rows;
    offset += rows.length;
  }
}

/** A system with everything its page shows; 404 when the caller may not see it. */
export async function systemView(ctx: Ctx, id: string) {
  const s = requireVisible(ctx.actor, systemPolicy, await loadSystem(ctx, id));
  const [inst] = await ctx.q.select().from(institutions).where(eq(institutions.id, s.institutionId));
  const [shared] = s.sharedSystemId ? await ctx.q.select().from(sharedSystems).where(eq(sharedSystems.id, s.sharedSystemId)) : [];
  const [uses] = s.usesSystemId ? await ctx.q.select({ id: systems.id, code: systems.code, name: systems.name }).from(systems).where(eq(systems.id, s.usesSystemId)) : [];
  const lines = await ctx.q.select().from(history).where(eq(history.systemId, s.id)).orderBy(desc(history.at), desc(history.id)).limit(100);
  const services = await ctx.q.select().from(eservices).where(eq(eservices.systemId, s.id)).orderBy(asc(eservices.nameEn));
  const links = await integrationsOf(ctx, s.id);
  return { system: s, institution: inst, shared: shared ?? null, uses: uses ?? null, history: lines, eservices: services, integrations: links };
}

export interface IntegrationRow {
  id: string;
  providerId: string;
  provider: string;
  providerInstitution: string;
  consumerId: string;
  consumer: string;
  consumerInstitution: string;
  dataExchanged: string;
  channel: string;
  status: string;
  legalBasis: string;
  /** The current agreement file's name; null when none was uploaded. */
  agreementName: string | null;
}

const integrationSelect = sql`SELECT g.id, g.provider_id AS "providerId", p.name AS provider, pi.acronym AS "providerInstitution",
    g.consumer_id AS "consumerId", c.name AS consumer, ci.acronym AS "consumerInstitution", g.data_exchanged AS "dataExchanged", g.channel, g.status,
    g.legal_basis AS "legalBasis", g.agreement_name AS "agreementName"
  FROM portfolio_integrations g
  JOIN portfolio_systems p ON p.id = g.provider_id JOIN institutions pi ON pi.id = p.institution_id
  JOIN portfolio_systems c ON c.id = g.consumer_id JOIN institutions ci ON ci.id = c.institution_id`;

/**
 * The one rule for integrations: what a link exchanges, on what legal basis, is a detail of both its
 * systems, so the caller sees it when they may read the details of either side (readScope). The
 * system page, the map and the API all filter by it.
 */
function integrationVisible(ctx: Ctx): SQL {
  return sql`(${scopeFilter(readScope(ctx.actor), sql`p.institution_id`)} OR ${scopeFilter(readScope(ctx.actor), sql`c.institution_id`)})`;
}

async function integrationsOf(ctx: Ctx, systemId: string): Promise<IntegrationRow[]> {
  const r = await ctx.q.execute(sql`${integrationSelect} WHERE (g.provider_id = ${systemId} OR g.consumer_id = ${systemId}) AND ${integrationVisible(ctx)} ORDER BY p.name, c.name`);
  return r.rows as unknown as IntegrationRow[];
}

/** One integration for its page, when the caller may read its details. */
export async function integrationRow(ctx: Ctx, id: string): Promise<IntegrationRow | undefined> {
  const r = await ctx.q.execute(sql`${integrationSelect} WHERE g.id = ${id} AND ${integrationVisible(ctx)}`);
  return r.rows[0] as unknown as IntegrationRow | undefined;
}

/** Integrations where at least one side is visible to the caller: the map and its table. */
export async function integrationMap(ctx: Ctx, opts: { institution?: string } = {}): Promise<IntegrationRow[]> {
  const r = await ctx.q.execute(sql`${integrationSelect}
    WHERE ${integrationVisible(ctx)}
      AND (${opts.institution ?? null}::text IS NULL OR lower(pi.acronym) = lower(${opts.institution ?? null}) OR lower(ci.acronym) = lower(${opts.institution ?? null}))
    ORDER BY pi.acronym, p.name, ci.acronym, c.name LIMIT 2000`);
  return r.rows as unknown as IntegrationRow[];
}

/**
 * The capability × institution matrix: how many systems each institution has per capability domain.
 * Each system's domains are made distinct first and counted by institution id, then named; the page
 * orders rows and columns itself.
 */
export async function capabilityMatrix(ctx: Ctx) {
  const r = await ctx.q.execute(sql`SELECT i.acronym AS institution, m.domain, m.n
    FROM (SELECT s.institution_id, d.domain, count(*)::int AS n
          FROM portfolio_systems s, LATERAL (SELECT DISTINCT split_part(c, '.', 1) AS domain FROM unnest(s.capabilities) c) d
          WHERE s.lifecycle <> 'retired' AND ${scopeFilter(readScope(ctx.actor), sql`s.institution_id`)}
          GROUP BY 1, 2) m
    JOIN institutions i ON i.id = m.institution_id`);
  return r.rows as unknown as { institution: string; domain: string; n: number }[];
}

/** Figures of the dashboard, over the systems the caller sees; the seven totals are asked for at once. */
export async function dashboard(ctx: Ctx) {
  const scope = scopeFilter(readScope(ctx.actor), sql`s.institution_id`);
  const rows = async <T>(q: SQL) => (await ctx.q.execute(q)).rows as unknown as T[];
  const live = sql`s.lifecycle <> 'retired' AND ${scope}`;
  const [byDomain, byHosting, byLifecycle, govesb, spendBySector, spendByDomain, reuse] = await Promise.all([
    rows<{ key: string; n: number }>(sql`SELECT split_part(c, '.', 1) AS key, count(DISTINCT s.id)::int AS n FROM portfolio_systems s, unnest(s.capabilities) c WHERE ${live} GROUP BY 1 ORDER BY 2 DESC, 1`),
    rows<{ key: string; n: number }>(sql`SELECT s.hosting AS key, count(*)::int AS n FROM portfolio_systems s WHERE ${live} GROUP BY 1 ORDER BY 2 DESC`),
    rows<{ key: string; n: number }>(sql`SELECT s.lifecycle AS key, count(*)::int AS n FROM portfolio_systems s WHERE ${scope} GROUP BY 1 ORDER BY 1`),
    rows<{ key: string; n: number }>(sql`SELECT CASE WHEN s.govesb THEN 'connected' ELSE 'notConnected' END AS key, count(*)::int AS n FROM portfolio_systems s WHERE ${live} AND s.uses_system_id IS NULL GROUP BY 1 ORDER BY 1`),
    rows<{ key: string; n: number }>(sql`SELECT coalesce(nullif(i.sector, ''), '—') AS key, sum(coalesce(s.capex_tzs, 0) + coalesce(s.opex_tzs, 0))::float8 AS n FROM portfolio_systems s JOIN institutions i ON i.id = s.institution_id WHERE ${live} GROUP BY 1 ORDER BY 2 DESC LIMIT 15`),
    rows<{ key: string; n: number }>(sql`SELECT split_part(s.capabilities[1], '.', 1) AS key, sum(coalesce(s.capex_tzs, 0) + coalesce(s.opex_tzs, 0))::float8 AS n FROM portfolio_systems s WHERE ${live} AND cardinality(s.capabilities) > 0 GROUP BY 1 ORDER BY 2 DESC LIMIT 15`),
    rows<{ key: string; n: number }>(sql`SELECT sh.code AS key, count(u.id)::int AS n FROM portfolio_systems sh JOIN shared_systems x ON x.id = sh.shared_system_id LEFT JOIN portfolio_systems u ON u.uses_system_id = sh.id AND u.lifecycle <> 'retired' GROUP BY 1 ORDER BY 2 DESC, 1`),
  ]);
  return { byDomain, byHosting, byLifecycle, govesb, spendBySector, spendByDomain, reuse };
}

/** The public e-services catalogue: services of systems in production. */
export async function publicEServices(ctx: Ctx, f: { q?: string; audience?: string; page?: number }) {
  const pageSize = 50;
  const page = Math.max(f.page ?? 1, 1);
  const like = f.q?.trim() ? containsPattern(f.q.trim()) : null;
  const r = await ctx.q.execute(sql`SELECT e.id, e.name_sw AS "nameSw", e.name_en AS "nameEn", e.audience, e.channels, e.fee_tzs AS "feeTzs", e.url,
      i.acronym AS institution, i.name_sw AS "institutionSw", i.name_en AS "institutionEn", count(*) OVER () AS total
    FROM portfolio_eservices e JOIN portfolio_systems s ON s.id = e.system_id JOIN institutions i ON i.id = s.institution_id
    WHERE s.lifecycle IN ('production', 'retiring')
      AND (${like}::text IS NULL OR e.name_sw ILIKE ${like} OR e.name_en ILIKE ${like} OR i.acronym ILIKE ${like})
      AND (${f.audience ?? null}::text IS NULL OR e.audience = ${f.audience ?? null})
    ORDER BY i.acronym, e.name_en LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`);
  const items = r.rows as unknown as { id: string; nameSw: string; nameEn: string; audience: string; channels: string[]; feeTzs: number | null; url: string; institution: string; institutionSw: string; institutionEn: string; total: number }[];
  return { total: items.length ? Number(items[0].total) : 0, page, pageSize, items };
}

/** The public catalogue of shared government systems, with how many institutions use each. */
export async function publicSharedSystems(ctx: Ctx) {
  const r = await ctx.q.execute(sql`SELECT sh.id, x.code, x.full_name AS "fullName", x.purpose_sw AS "purposeSw", x.purpose_en AS "purposeEn", x.status,
      i.acronym AS owner, sh.capabilities,
      (SELECT count(DISTINCT u.institution_id)::int FROM portfolio_systems u WHERE u.uses_system_id = sh.id AND u.lifecycle <> 'retired') AS users
    FROM portfolio_systems sh JOIN shared_systems x ON x.id = sh.shared_system_id JOIN institutions i ON i.id = sh.institution_id
    ORDER BY x.code`);
  return r.rows as unknown as { id: string; code: string; fullName: string | null; purposeSw: string; purposeEn: string; status: string; owner: string; capabilities: string[]; users: number }[];
}

/** The shared systems, for the "use of a shared system" choice in forms. */
export async function sharedChoices(ctx: Ctx) {
  return ctx.q.select({ code: sharedSystems.code, fullName: sharedSystems.fullName }).from(sharedSystems).orderBy(asc(sharedSystems.code));
}

/** An institution's confirmation for a year, if given. */
export async function confirmationOf(ctx: Ctx, institutionId: string, year: number) {
  const [c] = await ctx.q.select().from(confirmations).where(and(eq(confirmations.institutionId, institutionId), eq(confirmations.year, year)));
  return c ?? null;
}

export async function eservicesOf(ctx: Ctx, systemId: string) {
  return ctx.q.select().from(eservices).where(eq(eservices.systemId, systemId));
}


/** Institutions that have systems in the register, with their sector (the catalogue's filters). */
export async function catalogueInstitutions(ctx: Ctx) {
  return ctx.q.selectDistinct({ acronym: institutions.acronym, sector: institutions.sector }).from(institutions).innerJoin(systems, sql`${systems.institutionId} = ${institutions.id}`).orderBy(asc(institutions.acronym));
}

/** How many systems the register holds in all (the overlaps page's "of N systems"). */
export async function systemCount(ctx: Ctx): Promise<number> {
  const [{ n }] = await ctx.q.select({ n: sql<number>`count(*)::int` }).from(systems);
  return n;
}
