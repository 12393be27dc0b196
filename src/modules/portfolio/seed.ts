// Portfolio reference data, loaded once into an empty portfolio: the capability reference model and
// a registry record for each shared government system, held by its owner institution and flagged
// as shared, with its capability.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import type { Database } from '../../platform/db/database.ts';
import { SYSTEM } from '../../platform/audit.ts';
import { sharedSystems } from '../reference/index.ts';
import { capabilities, capabilityDomains, systems } from './schema.ts';
import { audit } from './audit-events.ts';

const file = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../seeds/reference/capabilities.json');

interface CapabilitySeed {
  domains: { code: string; nameEn: string; nameSw: string; capabilities: { code: string; nameEn: string; nameSw: string; descriptionEn?: string; descriptionSw?: string }[] }[];
  sharedSystemCapabilities: Record<string, string>;
}

/** Returns true when it loaded anything. */
export async function loadPortfolioReference(db: Database): Promise<boolean> {
  const [{ n }] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM capability_domains');
  if (n > 0) return false;
  const seed = JSON.parse(fs.readFileSync(file, 'utf8')) as CapabilitySeed;
  await db.orm.transaction(async (tx) => {
    await tx.insert(capabilityDomains).values(seed.domains.map((d, i) => ({ code: d.code, position: i + 1, nameSw: d.nameSw, nameEn: d.nameEn })));
    await tx.insert(capabilities).values(
      seed.domains.flatMap((d) =>
        d.capabilities.map((c, i) => ({ code: c.code, domainCode: d.code, position: i + 1, nameSw: c.nameSw, nameEn: c.nameEn, descriptionSw: c.descriptionSw ?? '', descriptionEn: c.descriptionEn ?? '' })),
      ),
    );
    const shared = await tx.select().from(sharedSystems);
    if (shared.length) {
      await tx.insert(systems).values(
        shared.map((s) => ({
          institutionId: s.ownerId,
          code: s.code,
          name: s.fullName ?? s.code,
          nameEn: s.fullName ?? s.code,
          purpose: `${s.purposeEn} ${s.purposeSw}`,
          capabilities: seed.sharedSystemCapabilities[s.code] ? [seed.sharedSystemCapabilities[s.code]] : [],
          lifecycle: s.status === 'legacy' ? ('retiring' as const) : ('production' as const),
          hosting: 'govdc' as const,
          userKinds: ['public_servants'],
          govesb: true,
          sharedSystemId: s.id,
        })),
      );
    }
    await tx.execute(sql`UPDATE portfolio_state SET registry_version = registry_version + 1 WHERE id = 1`);
    await audit({ tx, source: SYSTEM }, 'portfolio.reference.load', { details: { domains: seed.domains.length, capabilities: seed.domains.reduce((a, d) => a + d.capabilities.length, 0), sharedSystems: shared.length } });
  });
  return true;
}
