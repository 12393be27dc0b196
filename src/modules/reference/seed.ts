// Loads the reference data (architecture groups, institutions, shared systems) into an empty
// database. The JSON files in seeds/reference are the project's own copy of public facts.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import type { Database } from '../../platform/db/database.ts';
import { SYSTEM } from '../../platform/audit.ts';
import { architectureGroups, institutions, sharedSystems, type InstitutionType } from './schema.ts';
import { audit } from './audit-events.ts';

const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../seeds/reference');
const read = <T>(name: string): T => JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8')) as T;

interface GroupSeed { code: string; position: number; nameEn: string; nameSw: string; docPrefix: string | null; descriptionEn: string; descriptionSw: string }
interface InstitutionSeed { acronym: string; nameEn: string; nameSw: string; type: InstitutionType; sector: string; parentAcronym: string | null }
interface SystemSeed { code: string; fullName: string | null; ownerAcronym: string; capability: string; status: 'active' | 'legacy'; purposeEn: string; purposeSw: string }

/** Returns true when it loaded anything (the database was empty). */
export async function loadReferenceData(db: Database): Promise<boolean> {
  const [{ n }] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM architecture_groups');
  if (n > 0) return false;
  const groups = read<GroupSeed[]>('architecture-groups.json');
  const insts = read<InstitutionSeed[]>('institutions.json');
  const systems = read<SystemSeed[]>('shared-systems.json');
  await db.orm.transaction(async (tx) => {
    await tx.insert(architectureGroups).values(groups.map((g) => ({ ...g })));
    const inserted = await tx
      .insert(institutions)
      .values(insts.map((i) => ({ acronym: i.acronym, nameEn: i.nameEn, nameSw: i.nameSw, type: i.type, sector: i.sector })))
      .returning({ id: institutions.id, acronym: institutions.acronym });
    const idOf = new Map(inserted.map((r) => [r.acronym, r.id]));
    for (const i of insts) {
      if (i.parentAcronym && idOf.has(i.parentAcronym)) {
        await tx.execute(sql`UPDATE institutions SET parent_id = ${idOf.get(i.parentAcronym)!} WHERE id = ${idOf.get(i.acronym)!}`);
      }
    }
    await tx.insert(sharedSystems).values(
      systems
        .filter((s) => idOf.has(s.ownerAcronym))
        .map((s) => ({ code: s.code, fullName: s.fullName, ownerId: idOf.get(s.ownerAcronym)!, capability: s.capability, status: s.status, purposeEn: s.purposeEn, purposeSw: s.purposeSw })),
    );
    await audit({ tx, source: SYSTEM }, 'reference.load', {
      details: { groups: groups.length, institutions: insts.length, sharedSystems: systems.length },
    });
  });
  return true;
}
