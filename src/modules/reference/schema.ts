// Reference data: the nine architecture groups, public institutions and shared government systems.
import { boolean, integer, pgTable, text, timestamp, uuid, type AnyPgColumn } from 'drizzle-orm/pg-core';

export const architectureGroups = pgTable('architecture_groups', {
  code: text('code').primaryKey(),
  position: integer('position').notNull(),
  nameSw: text('name_sw').notNull(),
  nameEn: text('name_en').notNull(),
  descriptionSw: text('description_sw').notNull(),
  descriptionEn: text('description_en').notNull(),
  docPrefix: text('doc_prefix'),
});

export const INSTITUTION_TYPES = [
  'legislature',
  'ministry',
  'independent_department',
  'public_authority',
  'executive_agency',
  'public_corporation',
  'regional_secretariat',
  'local_government_authority',
  'other',
] as const;
export type InstitutionType = (typeof INSTITUTION_TYPES)[number];

export const institutions = pgTable('institutions', {
  id: uuid('id').primaryKey().defaultRandom(),
  acronym: text('acronym').notNull(),
  nameSw: text('name_sw').notNull(),
  nameEn: text('name_en').notNull(),
  type: text('type').$type<InstitutionType>().notNull(),
  sector: text('sector').notNull().default(''),
  parentId: uuid('parent_id').references((): AnyPgColumn => institutions.id),
  region: text('region'),
  active: boolean('active').notNull().default(true),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const sharedSystems = pgTable('shared_systems', {
  id: uuid('id').primaryKey().defaultRandom(),
  code: text('code').notNull(),
  fullName: text('full_name'),
  ownerId: uuid('owner_id').notNull(),
  capability: text('capability').notNull(),
  status: text('status').$type<'active' | 'legacy'>().notNull(),
  purposeSw: text('purpose_sw').notNull(),
  purposeEn: text('purpose_en').notNull(),
});
