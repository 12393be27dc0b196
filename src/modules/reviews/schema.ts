// Tables of the authority's reviews (migration 0017).
import { bigint, boolean, date, integer, jsonb, numeric, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const CASE_KINDS = ['project', 'change', 'document'] as const;
export const STAGES = ['draft', 'submitted', 'in_review', 'clarification', 'returned', 'decided'] as const;
export const OUTCOMES = ['approved', 'approved_with_conditions', 'postponed', 'rejected'] as const;
export const RATINGS = ['red', 'amber', 'green'] as const;
export const ATTACHMENT_KINDS = ['concept_note', 'business_case', 'requirements', 'document', 'evidence', 'other'] as const;
export const DOC_KINDS = ['policy', 'strategy', 'guideline', 'procedure'] as const;
export const HOSTINGS = ['govdc', 'gov_cloud', 'commercial_cloud', 'on_premises'] as const;

export type CaseKind = (typeof CASE_KINDS)[number];
export type Stage = (typeof STAGES)[number];
export type Outcome = (typeof OUTCOMES)[number];
export type Rating = (typeof RATINGS)[number];
export type AttachmentKind = (typeof ATTACHMENT_KINDS)[number];
export type DocKind = (typeof DOC_KINDS)[number];

export interface CostYear {
  year: number;
  capex: number;
  opex: number;
}

export interface Clause {
  number: string;
  text: string;
}

export const cases = pgTable('review_cases', {
  id: uuid('id').primaryKey().defaultRandom(),
  kind: text('kind').$type<CaseKind>().notNull(),
  institutionId: uuid('institution_id').notNull(),
  title: text('title').notNull(),
  stage: text('stage').$type<Stage>().notNull().default('draft'),
  systemId: uuid('system_id'),
  previousCaseId: uuid('previous_case_id'),
  reviewerId: uuid('reviewer_id'),
  reviewerName: text('reviewer_name'),
  submissionCount: integer('submission_count').notNull().default(0),
  firstSubmittedAt: timestamp('first_submitted_at', { withTimezone: true }),
  submittedAt: timestamp('submitted_at', { withTimezone: true }),
  slaDays: integer('sla_days').notNull().default(20),
  dueOn: date('due_on'),
  remindedAt: timestamp('reminded_at', { withTimezone: true }),
  escalatedAt: timestamp('escalated_at', { withTimezone: true }),
  screening: jsonb('screening'),
  outcome: text('outcome').$type<Outcome>(),
  decidedAt: timestamp('decided_at', { withTimezone: true }),
  liveSystemId: uuid('live_system_id'),
  liveAt: timestamp('live_at', { withTimezone: true }),
  createdBy: uuid('created_by'),
  revision: integer('revision').notNull().default(1),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
export type Case = typeof cases.$inferSelect;

export const proposals = pgTable('review_proposals', {
  caseId: uuid('case_id').primaryKey(),
  systemName: text('system_name').notNull().default(''),
  problem: text('problem').notNull().default(''),
  objectives: text('objectives').notNull().default(''),
  capabilities: text('capabilities').array().notNull().default([]),
  options: text('options').notNull().default(''),
  scope: text('scope').notNull().default(''),
  integrations: text('integrations').notNull().default(''),
  govesb: boolean('govesb').notNull().default(false),
  hosting: text('hosting').$type<(typeof HOSTINGS)[number]>(),
  dataDescription: text('data_description').notNull().default(''),
  personalData: boolean('personal_data').notNull().default(false),
  standards: text('standards').notNull().default(''),
  usersCount: integer('users_count'),
  costs: jsonb('costs').$type<CostYear[]>().notNull().default([]),
  capexTotal: bigint('capex_total', { mode: 'number' }),
  opexTotal: bigint('opex_total', { mode: 'number' }),
  fundingSource: text('funding_source').notNull().default(''),
  timeline: text('timeline').notNull().default(''),
  benefits: text('benefits').notNull().default(''),
  risks: text('risks').notNull().default(''),
});
export type Proposal = typeof proposals.$inferSelect;

export const attachments = pgTable('review_attachments', {
  id: uuid('id').primaryKey().defaultRandom(),
  caseId: uuid('case_id').notNull(),
  kind: text('kind').$type<AttachmentKind>().notNull(),
  sha256: text('sha256').notNull(),
  fileName: text('file_name').notNull(),
  size: integer('size').notNull(),
  uploadedBy: uuid('uploaded_by'),
  uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull().defaultNow(),
});
export type Attachment = typeof attachments.$inferSelect;

export const criteria = pgTable('review_criteria', {
  code: text('code').primaryKey(),
  position: integer('position').notNull(),
  nameSw: text('name_sw').notNull(),
  nameEn: text('name_en').notNull(),
  guidanceSw: text('guidance_sw').notNull().default(''),
  guidanceEn: text('guidance_en').notNull().default(''),
  weight: integer('weight').notNull(),
  active: boolean('active').notNull().default(true),
  revision: integer('revision').notNull().default(1),
});
export type Criterion = typeof criteria.$inferSelect;

export const ratings = pgTable(
  'review_ratings',
  {
    caseId: uuid('case_id').notNull(),
    criterion: text('criterion').notNull(),
    rating: text('rating').$type<Rating>().notNull(),
    comment: text('comment').notNull().default(''),
    ratedBy: uuid('rated_by'),
    ratedAt: timestamp('rated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.caseId, t.criterion] })],
);

export const deficiencies = pgTable('review_deficiencies', {
  id: uuid('id').primaryKey().defaultRandom(),
  caseId: uuid('case_id').notNull(),
  number: integer('number').notNull(),
  criterion: text('criterion'),
  text: text('text').notNull(),
  status: text('status').$type<'raised' | 'answered' | 'resolved'>().notNull().default('raised'),
  revision: integer('revision').notNull().default(1),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
export type Deficiency = typeof deficiencies.$inferSelect;

export const deficiencyEvents = pgTable('review_deficiency_events', {
  id: bigint('id', { mode: 'number' }).primaryKey(),
  deficiencyId: uuid('deficiency_id').notNull(),
  action: text('action').$type<'raised' | 'answered' | 'resolved' | 'reopened'>().notNull(),
  text: text('text').notNull().default(''),
  actorLabel: text('actor_label').notNull(),
  at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
});

export const clarifications = pgTable('review_clarifications', {
  id: uuid('id').primaryKey().defaultRandom(),
  caseId: uuid('case_id').notNull(),
  question: text('question').notNull(),
  askedBy: uuid('asked_by'),
  askedAt: timestamp('asked_at', { withTimezone: true }).notNull().defaultNow(),
  answer: text('answer'),
  answeredBy: uuid('answered_by'),
  answeredAt: timestamp('answered_at', { withTimezone: true }),
});
export type Clarification = typeof clarifications.$inferSelect;

export const submissions = pgTable('review_submissions', {
  id: uuid('id').primaryKey().defaultRandom(),
  caseId: uuid('case_id').notNull(),
  number: integer('number').notNull(),
  snapshot: jsonb('snapshot').$type<Record<string, unknown>>().notNull(),
  submittedBy: uuid('submitted_by'),
  submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull().defaultNow(),
});

export const decisions = pgTable('review_decisions', {
  id: uuid('id').primaryKey().defaultRandom(),
  caseId: uuid('case_id').notNull(),
  outcome: text('outcome').$type<Outcome>().notNull(),
  reasons: text('reasons').notNull(),
  score: numeric('score', { precision: 5, scale: 1, mode: 'number' }),
  decidedBy: uuid('decided_by'),
  decidedByName: text('decided_by_name').notNull(),
  decidedAt: timestamp('decided_at', { withTimezone: true }).notNull().defaultNow(),
});
export type Decision = typeof decisions.$inferSelect;

export const conditions = pgTable('review_conditions', {
  id: uuid('id').primaryKey().defaultRandom(),
  caseId: uuid('case_id').notNull(),
  number: integer('number').notNull(),
  text: text('text').notNull(),
  dueOn: date('due_on'),
  status: text('status').$type<'open' | 'reported' | 'closed'>().notNull().default('open'),
  evidence: text('evidence').notNull().default(''),
  evidenceAttachmentId: uuid('evidence_attachment_id'),
  reportedAt: timestamp('reported_at', { withTimezone: true }),
  closedBy: uuid('closed_by'),
  closedAt: timestamp('closed_at', { withTimezone: true }),
  revision: integer('revision').notNull().default(1),
});
export type Condition = typeof conditions.$inferSelect;

export const holidays = pgTable('review_holidays', {
  day: date('day').primaryKey(),
  nameSw: text('name_sw').notNull(),
  nameEn: text('name_en').notNull(),
});

export const documents = pgTable('review_documents', {
  caseId: uuid('case_id').primaryKey(),
  docKind: text('doc_kind').$type<DocKind>().notNull(),
  clauses: jsonb('clauses').$type<Clause[]>().notNull().default([]),
  implements: uuid('implements').array().notNull().default([]),
  advice: text('advice').notNull().default(''),
  advisedClauses: jsonb('advised_clauses').$type<Clause[] | null>(),
});
export type ReviewDocument = typeof documents.$inferSelect;

export const clauseComments = pgTable('review_clause_comments', {
  id: uuid('id').primaryKey().defaultRandom(),
  caseId: uuid('case_id').notNull(),
  clauseNumber: text('clause_number').notNull(),
  comment: text('comment').notNull(),
  authorName: text('author_name').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
