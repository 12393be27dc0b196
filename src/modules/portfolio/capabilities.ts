// The government capability reference model (seeds/reference/capabilities.json), read from its tables.
import { asc } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.ts';
import { capabilities, capabilityDomains } from './schema.ts';

export async function knownCapabilities(ctx: Pick<Ctx, 'q'>): Promise<Set<string>> {
  return new Set((await ctx.q.select({ code: capabilities.code }).from(capabilities)).map((c) => c.code));
}

export async function capabilityModel(ctx: Pick<Ctx, 'q'>) {
  const domains = await ctx.q.select().from(capabilityDomains).orderBy(asc(capabilityDomains.position));
  const caps = await ctx.q.select().from(capabilities).orderBy(asc(capabilities.position));
  return domains.map((d) => ({ ...d, capabilities: caps.filter((c) => c.domainCode === d.code) }));
}

export function capabilityName(c: { nameSw: string; nameEn: string }, lang: 'sw' | 'en'): string {
  return lang === 'sw' ? c.nameSw : c.nameEn;
}
