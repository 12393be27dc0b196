// E-services: what the public or other institutions get through a system.
import { eq } from 'drizzle-orm';
import { command } from '../../platform/context.ts';
import { authorize } from '../../platform/auth/access.ts';
import { invalid, notFound } from '../../platform/http/errors.ts';
import { isUuid } from '../../platform/input.ts';
import { systemPolicy } from './access.ts';
import { eserviceProblems, type EServiceInput } from './rules.ts';
import { eservices, type EService } from './schema.ts';
import { loadSystem } from './systems.service.ts';
import { recordHistory } from './registry.ts';
import { audit } from './audit-events.ts';

const values = (input: EServiceInput) => ({
  nameSw: (input.nameSw ?? '').trim().slice(0, 200),
  nameEn: (input.nameEn ?? '').trim().slice(0, 200),
  audience: input.audience as EService['audience'],
  channels: [...new Set(input.channels ?? [])],
  feeTzs: input.feeTzs ?? null,
  url: (input.url ?? '').trim(),
});

export const addEService = command(async (ctx, input: EServiceInput & { systemId: string }): Promise<EService> => {
  const system = await loadSystem(ctx, input.systemId);
  authorize(ctx.actor, systemPolicy, 'edit', system);
  const problems = eserviceProblems(input);
  if (Object.keys(problems).length) throw invalid(problems);
  const [e] = await ctx.tx.insert(eservices).values({ ...values(input), systemId: system.id }).returning();
  await recordHistory(ctx, system.id, 'eservice', { eservice: { from: null, to: e.nameEn || e.nameSw } });
  await audit(ctx, 'portfolio.eservice.create', { entityId: e.id, institutionId: system.institutionId, details: { system: system.code, name: e.nameEn || e.nameSw } });
  return e;
});

export const removeEService = command(async (ctx, input: { id: string }) => {
  if (!isUuid(input.id)) throw notFound();
  const [e] = await ctx.tx.select().from(eservices).where(eq(eservices.id, input.id));
  if (!e) throw notFound();
  const system = await loadSystem(ctx, e.systemId);
  authorize(ctx.actor, systemPolicy, 'edit', system);
  await ctx.tx.delete(eservices).where(eq(eservices.id, e.id));
  await recordHistory(ctx, system.id, 'eservice', { eservice: { from: e.nameEn || e.nameSw, to: null } });
  await audit(ctx, 'portfolio.eservice.remove', { entityId: e.id, institutionId: system.institutionId, details: { system: system.code, name: e.nameEn || e.nameSw } });
});
