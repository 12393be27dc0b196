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

/** The portfolio record of a shared government system, named by its code or full name (as import files name it). */
async function sharedRecord(ctx: TxCtx, name: string): Promise<System | undefined> {
  const [r] = await ctx.tx
    .select({ system: systems })
    .from(systems)
    .innerJoin(sharedSystems, eq(sharedSystems.id, systems.sharedSystemId))
    .where(sql`lower(${sharedSystems.code}) = lower(${name}) OR lower(${sharedSystems.fullName}) = lower(${name})`)
    .limit(1);
  return r?.system;
}

async function validated(ctx: TxCtx, input: SystemInput): Promise<{ values: SystemValues; usesSystemId: string | null }> {
  const checked = checkSystem(input, await knownCapabilities(ctx));
  const problems = 'problems' in checked ? { ...checked.problems } : {};
  let usesSystemId: string | null = null;
  const shared = input.sharedSystem?.trim();
  if (shared) {
    const rec = await sharedRecord(ctx, shared);
    if (!rec) problems.sharedSystem = 'portfolio.field.sharedSystem';
    else usesSystemId = rec.id;
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
  const { values, usesSystemId } = await validated(ctx, input);
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
  const { values, usesSystemId } = await validated(ctx, input);
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

/**
 * Creates or updates the system an import row names by (institution, code). Used inside the
 * import's transaction; an unchanged row writes nothing, so importing a file twice changes nothing.
 */
export async function upsertSystem(ctx: TxCtx, input: RegisterInput): Promise<{ outcome: ImportOutcome; system: System; changes: string[] }> {
  authorize(ctx.actor, institutionPortfolioPolicy, 'register', { institutionId: input.institutionId });
  const { values, usesSystemId } = await validated(ctx, input);
  const [existing] = await ctx.tx.select().from(systems).where(and(eq(systems.institutionId, input.institutionId), sql`lower(${systems.code}) = lower(${values.code})`));
  if (!existing) {
    const [created] = await ctx.tx.insert(systems).values({ ...values, institutionId: input.institutionId, usesSystemId }).returning();
    await recordHistory(ctx, created.id, 'import');
    return { outcome: 'created', system: created, changes: [] };
  }
  // Fields the import file does not carry keep their registered values.
  const carried: SystemValues = { ...values };
  for (const k of ['userKinds', 'dataObjects', 'securityClass', 'technology', 'contactName', 'contactEmail', 'retireDate', 'nameEn'] as const) {
    if (input[k as keyof SystemInput] === undefined) (carried as unknown as Record<string, unknown>)[k] = (existing as unknown as Record<string, unknown>)[k];
  }
  const changes = editable(existing, { ...carried, code: existing.code }, usesSystemId);
  if (Object.keys(changes).length === 0) return { outcome: 'unchanged', system: existing, changes: [] };
  const [saved] = await ctx.tx
    .update(systems)
    .set({ ...carried, code: existing.code, usesSystemId, revision: sql`${systems.revision} + 1`, updatedAt: new Date() })
    .where(eq(systems.id, existing.id))
    .returning();
  await recordHistory(ctx, saved.id, 'import', changes);
  return { outcome: 'updated', system: saved, changes: Object.keys(changes) };
}
