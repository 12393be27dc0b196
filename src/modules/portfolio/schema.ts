// Tables of the government ICT portfolio (migration 0010).
import { bigint, boolean, date, integer, jsonb, pgTable, real, text, timestamp, uuid, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { institutions, sharedSystems } from '../reference/index.ts';

export const LIFECYCLES = ['planned', 'development', 'production', 'retiring', 'retired'] as const;
export const HOSTINGS = ['govdc', 'gov_cloud', 'commercial_cloud', 'on_premises'] as const;
export const SECURITY_CLASSES = ['public', 'internal', 'confidential', 'secret'] as const;
export const USER_KINDS = ['public', 'businesses', 'public_servants', 'institutions'] as const;
export const AUDIENCES = ['citizens', 'businesses', 'institutions', 'public_servants'] as const;
export const CHANNELS = ['web', 'mobile', 'ussd', 'counter'] as const;
export const INTEGRATION_CHANNELS = ['govesb', 'direct_api', 'file_transfer', 'other'] as const;
export const INTEGRATION_STATUSES = ['planned', 'active', 'suspended', 'retired'] as const;
export const VERDICTS = ['confirmed', 'not_overlap', 'planned_consolidation'] as const;

export type Lifecycle = (typeof LIFECYCLES)[number];
export type Hosting = (typeof HOSTINGS)[number];
export type SecurityClass = (typeof SECURITY_CLASSES)[number];
export type Verdict = (typeof VERDICTS)[number];

export const capabilityDomains = pgTable('capability_domains', {
  code: text('code').primaryKey(),
  position: integer('position').notNull(),
  nameSw: text('name_sw').notNull(),
  nameEn: text('name_en').notNull(),
});

export const capabilities = pgTable('capabilities', {
  code: text('code').primaryKey(),
  domainCode: text('domain_code').notNull(),
  position: integer('position').notNull(),
  nameSw: text('name_sw').notNull(),
  nameEn: text('name_en').notNull(),
  descriptionSw: text('description_sw').notNull(),
  descriptionEn: text('description_en').notNull(),
});

export const systems = pgTable('portfolio_systems', {
  id: uuid('id').primaryKey().defaultRandom(),
  institutionId: uuid('institution_id').notNull().references(() => institutions.id),
  code: text('code').notNull(),
  name: text('name').notNull(),
  nameSw: text('name_sw').notNull().default(''),
  nameEn: text('name_en').notNull().default(''),
  purpose: text('purpose').notNull().default(''),
  capabilities: text('capabilities').array().notNull().default([]),
  lifecycle: text('lifecycle').$type<Lifecycle>().notNull(),
  hosting: text('hosting').$type<Hosting>().notNull(),
  usersCount: integer('users_count'),
  userKinds: text('user_kinds').array().notNull().default([]),
  personalData: boolean('personal_data').notNull().default(false),
  dataObjects: text('data_objects').array().notNull().default([]),
  securityClass: text('security_class').$type<SecurityClass>().notNull().default('internal'),
  govesb: boolean('govesb').notNull().default(false),
  technology: text('technology').notNull().default(''),
  vendor: text('vendor').notNull().default(''),
  goLive: date('go_live'),
  retireDate: date('retire_date'),
  capexTzs: bigint('capex_tzs', { mode: 'number' }),
  opexTzs: bigint('opex_tzs', { mode: 'number' }),
  contactName: text('contact_name').notNull().default(''),
  contactEmail: text('contact_email').notNull().default(''),
  sharedSystemId: uuid('shared_system_id').references(() => sharedSystems.id),
  usesSystemId: uuid('uses_system_id').references((): AnyPgColumn => systems.id),
  originProposalId: uuid('origin_proposal_id'),
  revision: integer('revision').notNull().default(1),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
export type System = typeof systems.$inferSelect;

export const history = pgTable('portfolio_history', {
  id: bigint('id', { mode: 'number' }).primaryKey(),
  systemId: uuid('system_id').notNull(),
  at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  actorLabel: text('actor_label').notNull(),
  change: text('change').notNull(),
  fields: jsonb('fields').$type<Record<string, { from: unknown; to: unknown }>>().notNull(),
});

export const eservices = pgTable('portfolio_eservices', {
  id: uuid('id').primaryKey().defaultRandom(),
  systemId: uuid('system_id').notNull(),
  nameSw: text('name_sw').notNull().default(''),
  nameEn: text('name_en').notNull().default(''),
  audience: text('audience').$type<(typeof AUDIENCES)[number]>().notNull(),
  channels: text('channels').array().notNull().default([]),
  feeTzs: bigint('fee_tzs', { mode: 'number' }),
  url: text('url').notNull().default(''),
  revision: integer('revision').notNull().default(1),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
export type EService = typeof eservices.$inferSelect;

export const integrations = pgTable('portfolio_integrations', {
  id: uuid('id').primaryKey().defaultRandom(),
  providerId: uuid('provider_id').notNull(),
  consumerId: uuid('consumer_id').notNull(),
  dataExchanged: text('data_exchanged').notNull(),
  channel: text('channel').$type<(typeof INTEGRATION_CHANNELS)[number]>().notNull(),
  legalBasis: text('legal_basis').notNull().default(''),
  agreementSha256: text('agreement_sha256'),
  agreementName: text('agreement_name'),
  status: text('status').$type<(typeof INTEGRATION_STATUSES)[number]>().notNull(),
  revision: integer('revision').notNull().default(1),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
export type Integration = typeof integrations.$inferSelect;

/** Every agreement file uploaded for an integration (migration 0021); the integration names the current one. */
export const integrationAgreements = pgTable('portfolio_integration_agreements', {
  id: uuid('id').primaryKey().defaultRandom(),
  integrationId: uuid('integration_id').notNull(),
  sha256: text('sha256').notNull(),
  fileName: text('file_name').notNull(),
  fileType: text('file_type').notNull(),
  size: integer('size').notNull(),
  uploadedBy: uuid('uploaded_by'),
  uploadedLabel: text('uploaded_label').notNull(),
  uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull().defaultNow(),
});
export type IntegrationAgreement = typeof integrationAgreements.$inferSelect;

export const confirmations = pgTable('portfolio_confirmations', {
  id: uuid('id').primaryKey().defaultRandom(),
  institutionId: uuid('institution_id').notNull(),
  year: integer('year').notNull(),
  confirmedBy: uuid('confirmed_by').notNull(),
  confirmedName: text('confirmed_name').notNull(),
  confirmedAt: timestamp('confirmed_at', { withTimezone: true }).notNull().defaultNow(),
  systems: integer('systems').notNull(),
});

export const overlapDecisions = pgTable('portfolio_overlap_decisions', {
  systemA: uuid('system_a').notNull(),
  systemB: uuid('system_b').notNull(),
  verdict: text('verdict').$type<Verdict>().notNull(),
  note: text('note').notNull().default(''),
  decidedBy: text('decided_by').notNull(),
  decidedAt: timestamp('decided_at', { withTimezone: true }).notNull().defaultNow(),
});

export const overlapClusters = pgTable('portfolio_overlap_clusters', {
  id: text('id').primaryKey(),
  score: real('score').notNull(),
  capability: text('capability'),
  members: uuid('members').array().notNull(),
  pairs: jsonb('pairs').notNull(),
  reasons: jsonb('reasons').notNull(),
});

export const portfolioState = pgTable('portfolio_state', {
  id: integer('id').primaryKey(),
  registryVersion: bigint('registry_version', { mode: 'number' }).notNull(),
  computedVersion: bigint('computed_version', { mode: 'number' }).notNull(),
  computedAt: timestamp('computed_at', { withTimezone: true }),
  computeMs: integer('compute_ms'),
});
