// Integrations: a provider system serves data to a consumer system. Either side may belong to
// another institution; the caller must be able to edit at least one of the two.
import { and, eq, sql } from 'drizzle-orm';
import { command, type TxCtx } from '../../platform/context.ts';
import { decide } from '../../platform/auth/access.ts';
import { AppError, invalid, notFound } from '../../platform/http/errors.ts';
import { isUuid } from '../../platform/input.ts';
import { institutions } from '../reference/index.ts';
import { systemPolicy } from './access.ts';
import { integrationProblems } from './rules.ts';
import { integrations, systems, type Integration, type System } from './schema.ts';
import { loadSystem } from './systems.service.ts';
import { recordHistory, registryChanged } from './registry.ts';
import { audit } from './audit-events.ts';

/** A system named by its id, or by "ACRONYM/CODE" (institution and the institution's own code). */
export async function resolveSystem(ctx: TxCtx, ref: string): Promise<System | undefined> {
  if (isUuid(ref)) return (await ctx.tx.select().from(systems).where(eq(systems.id, ref)))[0];
  const slash = ref.indexOf('/');
  if (slash < 1) return undefined;
  const [row] = await ctx.tx
    .select({ system: systems })
    .from(systems)
    .innerJoin(institutions, eq(institutions.id, systems.institutionId))
    .where(and(sql`lower(${institutions.acronym}) = lower(${ref.slice(0, slash)})`, sql`lower(${systems.code}) = lower(${ref.slice(slash + 1)})`));
  return row?.system;
}

export interface AddIntegrationInput {
  provider: string;
  consumer: string;
  dataExchanged: string;
  channel: string;
  legalBasis?: string;
  status: string;
}

export const addIntegration = command(async (ctx, input: AddIntegrationInput): Promise<Integration> => {
  const provider = await resolveSystem(ctx, input.provider.trim());
  const consumer = await resolveSystem(ctx, input.consumer.trim());
  const problems = { ...(provider ? {} : { provider: 'portfolio.field.system' as const }), ...(consumer ? {} : { consumer: 'portfolio.field.system' as const }) };
  if (Object.keys(problems).length) throw invalid(problems);
  const rules = integrationProblems({ providerId: provider!.id, consumerId: consumer!.id, dataExchanged: input.dataExchanged, channel: input.channel, status: input.status });
  if (Object.keys(rules).length) throw invalid(rules);
  const mine = [provider!, consumer!].filter((s) => decide(ctx.actor, systemPolicy, 'edit', s).ok);
  if (mine.length === 0) throw new AppError(403, 'portfolio.rule.notOwnSide');
  const [g] = await ctx.tx
    .insert(integrations)
    .values({ providerId: provider!.id, consumerId: consumer!.id, dataExchanged: input.dataExchanged.trim().slice(0, 500), channel: input.channel as Integration['channel'], legalBasis: (input.legalBasis ?? '').trim().slice(0, 500), status: input.status as Integration['status'] })
    .returning();
  for (const s of [provider!, consumer!]) await recordHistory(ctx, s.id, 'integration', { integration: { from: null, to: `${provider!.code} → ${consumer!.code}` } });
  await registryChanged(ctx);
  await audit(ctx, 'portfolio.integration.create', { entityId: g.id, institutionId: mine[0].institutionId, details: { provider: provider!.code, consumer: consumer!.code, channel: g.channel } });
  return g;
});

export const removeIntegration = command(async (ctx, input: { id: string }) => {
  if (!isUuid(input.id)) throw notFound();
  const [g] = await ctx.tx.select().from(integrations).where(eq(integrations.id, input.id));
  if (!g) throw notFound();
  const sides = [await loadSystem(ctx, g.providerId), await loadSystem(ctx, g.consumerId)];
  const mine = sides.filter((s) => decide(ctx.actor, systemPolicy, 'edit', s).ok);
  if (mine.length === 0) throw notFound();
  await ctx.tx.delete(integrations).where(eq(integrations.id, g.id));
  await registryChanged(ctx);
  await audit(ctx, 'portfolio.integration.remove', { entityId: g.id, institutionId: mine[0].institutionId, details: { provider: sides[0].code, consumer: sides[1].code } });
});
