// Commands on an institution's systems: register, edit (optimistic concurrency), and the import's
// create-or-update by (institution, code). Each checks with the policies in access.ts and the rules
// in rules.ts, writes the record and its history line, bumps the registry version and records its
// audit entry, in one transaction.
import { and, eq, sql } from 'drizzle-orm';
import { command, type Ctx, type TxCtx } from '../../platform/context.ts';
import { authorize } from '../../platform/auth/access.ts';
import { AppError, invalid, notFound } from '../../platform/http/errors.ts';
import { isUuid } from '../../platform/input.ts';
import { sharedSystems } from '../reference/index.ts';
import { institutionPortfolioPolicy, systemPolicy } from './access.ts';
import { changedFields, checkSystem, type SystemInput, type SystemValues } from './rules.ts';
import { systems, type System } from './schema.ts';
import { knownCapabilities } from './capabilities.ts';
import { recordHistory, registryChanged } from './registry.ts';
import { audit } from './audit-events.ts';

export async function loadSystem(ctx: Pick<Ctx, 'q'>, id: string): Promise<System> {
  if (!isUuid(id)) throw notFound();
  const [s] = await ctx.q.select().from(systems).where(eq(systems.id, id));
  if (!s) throw notFound();
  return s;
}

/**
 * What checking a system's values needs from the database, loaded once: the capability codes and the
 * portfolio records of the shared government systems by lower-cased code and full name (as import
 * files name them). An import loads it once for all its rows.
 */
export interface SystemLookups {
  capabilities: ReadonlySet<string>;
  shared: ReadonlyMap<string, string>;
}

export async function loadSystemLookups(ctx: Pick<Ctx, 'q'>): Promise<SystemLookups> {
  const rows = await ctx.q
    .select({ id: systems.id, code: sharedSystems.code, fullName: sharedSystems.fullName })
    .from(systems)
    .innerJoin(sharedSystems, eq(sharedSystems.id, systems.sharedSystemId))
    .orderBy(systems.createdAt, systems.id);
  const shared = new Map<string, string>();
  for (const r of rows) {
    for (const name of [r.code, r.fullName]) if (name && !shared.has(name.toLowerCase())) shared.set(name.toLowerCase(), r.id);
  }
  return { capabilities: await knownCapabilities(ctx), shared };
}

/** A system's values as checked by the rules (rules.ts), with the shared system it uses; or a 422 naming every problem. */
function validated(input: SystemInput, look: SystemLookups): { values: SystemValues; usesSystemId: string | null } {
  const checked = checkSystem(input, look.capabilities);
  const problems = 'problems' in checked ? { ...checked.problems } : {};
  let usesSystemId: string | null = null;
  const shared = input.sharedSystem?.trim();
  if (shared) {
    const id = look.shared.get(shared.toLowerCase());
    if (!id) problems.sharedSystem = 'portfolio.field.sharedSystem';
    else usesSystemId = id;
  }
  if (Object.keys(problems).length || !('values' in checked)) throw invalid(problems);
  return { values: checked.values, usesSystemId };
}

async function codeTaken(ctx: TxCtx, institutionId: string, code: string, except?: string): Promise<boolean> {
  const [row] = await ctx.tx.select({ id: systems.id }).from(systems).where(and(eq(systems.institutionId, institutionId), sql`lower(${systems.code}) = lower(${code})`));
  return !!row && row.id !== except;
}

export interface RegisterInput extends SystemInput {
  institutionId: string;
}

async function register(ctx: TxCtx, input: RegisterInput, originProposalId: string | null): Promise<System> {
  authorize(ctx.actor, institutionPortfolioPolicy, 'register', { institutionId: input.institutionId });
  const { values, usesSystemId } = validated(input, await loadSystemLookups(ctx));
  if (await codeTaken(ctx, input.institutionId, values.code)) throw invalid({ code: 'portfolio.field.codeTaken' });
  const [created] = await ctx.tx.insert(systems).values({ ...values, institutionId: input.institutionId, usesSystemId, originProposalId }).returning();
  await recordHistory(ctx, created.id, 'create');
  await registryChanged(ctx);
  await audit(ctx, 'portfolio.system.create', { entityId: created.id, institutionId: created.institutionId, details: { code: created.code, name: created.name, originProposalId } });
  return created;
}

/** Registers a new system of an institution. */
export const registerSystem = command(async (ctx, input: RegisterInput): Promise<System> => register(ctx, input, null));

/** Registers the system an approved project became when it went live, with the proposal as its origin (reviews). */
export const registerFromProposal = command(async (ctx, input: RegisterInput & { originProposalId: string }): Promise<System> => register(ctx, input, input.originProposalId));

export interface UpdateInput extends SystemInput {
  id: string;
  /** The revision the editor started from; a newer one means someone else saved in between (409). */
  revision: number;
}

function editable(s: System, values: SystemValues, usesSystemId: string | null) {
  const after: Record<string, unknown> = { ...values, usesSystemId };
  const before: Record<string, unknown> = {};
  for (const k of Object.keys(after)) before[k] = (s as unknown as Record<string, unknown>)[k];
  return changedFields(before, after);
}

/** Saves an edited system unless someone saved it since the editor loaded it. */
export const updateSystem = command(async (ctx, input: UpdateInput): Promise<System> => {
  const current = await loadSystem(ctx, input.id);
  authorize(ctx.actor, systemPolicy, 'edit', current);
  const { values, usesSystemId } = validated(input, await loadSystemLookups(ctx));
  if (await codeTaken(ctx, current.institutionId, values.code, current.id)) throw invalid({ code: 'portfolio.field.codeTaken' });
  if (usesSystemId === current.id) throw invalid({ sharedSystem: 'portfolio.field.sharedSystem' });
  const changes = editable(current, values, usesSystemId);
  const [saved] = await ctx.tx
    .update(systems)
    .set({ ...values, usesSystemId, revision: sql`${systems.revision} + 1`, updatedAt: new Date() })
    .where(and(eq(systems.id, current.id), eq(systems.revision, input.revision)))
    .returning();
  if (!saved) throw new AppError(409, 'portfolio.conflict', undefined, undefined, { current: { revision: current.revision } });
  await recordHistory(ctx, saved.id, 'update', changes);
  await registryChanged(ctx);
  await audit(ctx, 'portfolio.system.update', { entityId: saved.id, institutionId: saved.institutionId, details: { code: saved.code, fields: Object.keys(changes) } });
  return saved;
});

export type ImportOutcome = 'created' | 'updated' | 'unchanged';

/** What creating-or-updating a system by (institution, code) would do; computed without writing. */
export type UpsertPlan =
  | { outcome: 'created'; values: SystemValues; usesSystemId: string | null; changes: [] }
  | { outcome: 'updated'; values: SystemValues; usesSystemId: string | null; changes: Record<string, { from: unknown; to: unknown }> }
  | { outcome: 'unchanged'; values: SystemValues; usesSystemId: string | null; changes: [] };

/** The fields an import file may leave out; left out, they keep their registered values. */
const OPTIONAL_IN_IMPORT = ['userKinds', 'dataObjects', 'securityClass', 'technology', 'contactName', 'contactEmail', 'retireDate', 'nameEn'] as const;

/** The key a system is found by in its institution: its code, case-insensitively. */
export const systemKey = (institutionId: string, code: string) => `${institutionId}|${code.toLowerCase()}`;

/**
 * The one rule for an import row: who may write it, whether its values are good, and whether it
 * creates, updates (which fields) or leaves unchanged the `existing` system with its (institution,
 * code). Pure: upsertSystem writes what it says, the import's preview only reports it. Throws the
 * same 403/422 either way.
 */
export function planUpsert(actor: Ctx['actor'], existing: System | undefined, input: RegisterInput, look: SystemLookups): UpsertPlan {
  authorize(actor, institutionPortfolioPolicy, 'register', { institutionId: input.institutionId });
  const { values, usesSystemId } = validated(input, look);
  if (!existing) return { outcome: 'created', values, usesSystemId, changes: [] };
  // Fields the import file does not carry keep their registered values.
  const carried: SystemValues = { ...values, code: existing.code };
  for (const k of OPTIONAL_IN_IMPORT) {
    if (input[k as keyof SystemInput] === undefined) (carried as unknown as Record<string, unknown>)[k] = (existing as unknown as Record<string, unknown>)[k];
  }
  const changes = editable(existing, carried, usesSystemId);
  if (Object.keys(changes).length === 0) return { outcome: 'unchanged', values: carried, usesSystemId, changes: [] };
  return { outcome: 'updated', values: carried, usesSystemId, changes };
}

/**
 * Creates or updates the system an import row names by (institution, code), as planUpsert plans it.
 * Used inside the import's transaction; an unchanged row writes nothing, so importing a file twice
 * changes nothing. An import passes the lookups it loaded once; without them they are loaded here.
 */
export async function upsertSystem(ctx: TxCtx, input: RegisterInput, look?: SystemLookups): Promise<{ outcome: ImportOutcome; system: System; changes: string[] }> {
  authorize(ctx.actor, institutionPortfolioPolicy, 'register', { institutionId: input.institutionId });
  look ??= await loadSystemLookups(ctx);
  const code = validated(input, look).values.code;
  const [existing] = await ctx.tx.select().from(systems).where(and(eq(systems.institutionId, input.institutionId), sql`lower(${systems.code}) = lower(${code})`));
  const plan = planUpsert(ctx.actor, existing, input, look);
  if (plan.outcome === 'created') {
    const [created] = await ctx.tx.insert(systems).values({ ...plan.values, institutionId: input.institutionId, usesSystemId: plan.usesSystemId }).returning();
    await recordHistory(ctx, created.id, 'import');
    return { outcome: 'created', system: created, changes: [] };
  }
  if (plan.outcome === 'unchanged') return { outcome: 'unchanged', system: existing, changes: [] };
  const [saved] = await ctx.tx
    .update(systems)
    .set({ ...plan.values, usesSystemId: plan.usesSystemId, revision: sql`${systems.revision} + 1`, updatedAt: new Date() })
    .where(eq(systems.id, existing.id))
    .returning();
  await recordHistory(ctx, saved.id, 'import', plan.changes);
  return { outcome: 'updated', system: saved, changes: Object.keys(plan.changes) };
}
