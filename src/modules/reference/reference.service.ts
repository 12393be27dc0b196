import { asc, eq, sql } from 'drizzle-orm';
import type { Orm } from '../../platform/db/database.ts';
import { architectureGroups, institutions } from './schema.ts';

export type ArchitectureGroup = typeof architectureGroups.$inferSelect;
export type Institution = typeof institutions.$inferSelect;

export function listGroups(orm: Orm): Promise<ArchitectureGroup[]> {
  return orm.select().from(architectureGroups).orderBy(asc(architectureGroups.position));
}

export async function findInstitutionByAcronym(orm: Orm, acronym: string): Promise<Institution | undefined> {
  const [row] = await orm.select().from(institutions).where(sql`lower(${institutions.acronym}) = lower(${acronym})`);
  return row;
}

export async function getInstitution(orm: Orm, id: string): Promise<Institution | undefined> {
  const [row] = await orm.select().from(institutions).where(eq(institutions.id, id));
  return row;
}

/** The institution's name in the reader's language. */
export function institutionName(i: Pick<Institution, 'nameSw' | 'nameEn'>, lang: 'sw' | 'en'): string {
  return lang === 'sw' ? i.nameSw : i.nameEn;
}

/** An institution named by its id or its acronym (as API callers and import files name them). */
export async function findInstitution(orm: Orm, ref: string): Promise<Institution | undefined> {
  const [i] = await orm.select().from(institutions).where(sql`${institutions.id}::text = ${ref} OR lower(${institutions.acronym}) = lower(${ref})`).limit(1);
  return i;
}
