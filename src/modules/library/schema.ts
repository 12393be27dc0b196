// Tables of the standards library (migrations/0003_library.sql). Search rows are written with raw SQL.
import { boolean, date, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export interface Clause {
  id: string;
  textSw: string;
  textEn: string;
}
export interface Section {
  id: string;
  headingSw: string;
  headingEn: string;
  clauses: Clause[];
}

export const EDITION_STATUSES = ['draft', 'in_review', 'approved', 'in_force', 'superseded', 'withdrawn'] as const;
export type EditionStatus = (typeof EDITION_STATUSES)[number];

export const documents = pgTable('library_documents', {
  id: uuid('id').primaryKey().defaultRandom(),
  code: text('code').notNull(),
  slug: text('slug').notNull(),
  level: integer('level').$type<1 | 2 | 3>().notNull(),
  kind: text('kind').notNull(),
  role: text('role').$type<'parent' | 'related'>().notNull(),
  parentId: uuid('parent_id'),
  groupCode: text('group_code'),
  sector: text('sector'),
  issuerId: uuid('issuer_id').notNull(),
  audience: text('audience').$type<'public' | 'internal'>().notNull(),
  titleSw: text('title_sw').notNull(),
  titleEn: text('title_en').notNull(),
  summarySw: text('summary_sw').notNull().default(''),
  summaryEn: text('summary_en').notNull().default(''),
  templateEditionId: uuid('template_edition_id'),
  isSample: boolean('is_sample').notNull().default(false),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const editions = pgTable('library_editions', {
  id: uuid('id').primaryKey().defaultRandom(),
  documentId: uuid('document_id').notNull(),
  version: text('version').notNull(),
  status: text('status').$type<EditionStatus>().notNull(),
  effectiveDate: date('effective_date', { mode: 'string' }),
  nextReviewDate: date('next_review_date', { mode: 'string' }),
  changeSummary: text('change_summary').notNull().default(''),
  authoritativeLang: text('authoritative_lang').$type<'sw' | 'en'>().notNull(),
  content: jsonb('content').$type<Section[]>().notNull(),
  revision: integer('revision').notNull().default(1),
  fileSha256: text('file_sha256'),
  fileName: text('file_name'),
  fileType: text('file_type').$type<'pdf' | 'docx'>(),
  fileSize: integer('file_size'),
  fileText: text('file_text'),
  statusReason: text('status_reason'),
  createdBy: uuid('created_by'),
  submittedAt: timestamp('submitted_at', { withTimezone: true }),
  approvedAt: timestamp('approved_at', { withTimezone: true }),
  approvedBy: uuid('approved_by'),
  publishedAt: timestamp('published_at', { withTimezone: true }),
  endedAt: timestamp('ended_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const links = pgTable(
  'library_links',
  {
    documentId: uuid('document_id').notNull(),
    targetId: uuid('target_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.documentId, t.targetId] })],
);

export const comments = pgTable('library_comments', {
  id: uuid('id').primaryKey().defaultRandom(),
  editionId: uuid('edition_id').notNull(),
  authorId: uuid('author_id'),
  authorName: text('author_name').notNull(),
  body: text('body').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const subscriptions = pgTable('library_subscriptions', {
  id: uuid('id').primaryKey().defaultRandom(),
  email: text('email').notNull(),
  lang: text('lang').$type<'sw' | 'en'>().notNull(),
  targetType: text('target_type').$type<'document' | 'group' | 'level'>().notNull(),
  target: text('target').notNull(),
  token: text('token').notNull(),
  confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export type Document = typeof documents.$inferSelect;
export type Edition = typeof editions.$inferSelect;
