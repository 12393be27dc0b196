// Tables of compliance oversight (migration 0012). The SQL file explains each table; the value lists
// here are the only copy other files use.
import { bigint, boolean, date, integer, jsonb, numeric, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const OBLIGATIONS = ['mandatory', 'recommended'] as const;
export const APPLIES_TO = ['institution', 'system'] as const;
export const RESULTS = ['compliant', 'partial', 'non_compliant', 'not_applicable'] as const;
export const CHANGES = ['added', 'changed', 'unchanged', 'removed'] as const;
export const CANDIDATE_DECISIONS = ['proposed', 'confirmed', 'rejected'] as const;
export const CYCLE_STATUSES = ['draft', 'opening', 'open', 'closed'] as const;
export const ASSESSMENT_STATUSES = ['open', 'signed_off', 'returned', 'reviewed'] as const;
export const REVIEW_STATUSES = ['pending', 'accepted', 'returned'] as const;
export const SEVERITIES = ['low', 'moderate', 'high', 'critical'] as const;
export const FINDING_STATUSES = ['open', 'challenged', 'withdrawn', 'closed'] as const;
export const POAM_STATUSES = ['draft', 'submitted', 'in_progress', 'completed', 'closed'] as const;
export const DIRECTIVE_STATUSES = ['issued', 'withdrawn'] as const;
export const TARGET_STATUSES = ['pending', 'in_progress', 'done'] as const;
export const MAPPING_RELATIONS = ['equal', 'subset', 'superset', 'intersects'] as const;
export const SCORE_SCOPES = ['institution', 'group', 'document', 'system'] as const;

export type Obligation = (typeof OBLIGATIONS)[number];
export type AppliesTo = (typeof APPLIES_TO)[number];
export type Result = (typeof RESULTS)[number];
export type Change = (typeof CHANGES)[number];
export type CycleStatus = (typeof CYCLE_STATUSES)[number];
export type AssessmentStatus = (typeof ASSESSMENT_STATUSES)[number];
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];
export type Severity = (typeof SEVERITIES)[number];
export type FindingStatus = (typeof FINDING_STATUSES)[number];
export type PoamStatus = (typeof POAM_STATUSES)[number];
export type TargetStatus = (typeof TARGET_STATUSES)[number];
export type MappingRelation = (typeof MAPPING_RELATIONS)[number];
export type ScoreScope = (typeof SCORE_SCOPES)[number];

/** Which institutions and systems a requirement applies to; absent keys do not restrict. */
export interface Conditions {
  institutionTypes?: string[];
  sectors?: string[];
  system?: {
    publicFacing?: boolean;
    personalData?: boolean;
    integrates?: boolean;
    govesb?: boolean;
    hosting?: string[];
    lifecycle?: string[];
  };
}

/** Which requirements and institutions a cycle covers; absent keys mean all. */
export interface CycleScope {
  documentIds?: string[];
  requirementIds?: string[];
  institutionTypes?: string[];
  sectors?: string[];
  institutionIds?: string[];
}

/** Which institutions a directive targets. */
export interface DirectiveTarget {
  institutionTypes?: string[];
  sectors?: string[];
  institutionIds?: string[];
}

const ts = (name: string) => timestamp(name, { withTimezone: true });

export const requirements = pgTable('compliance_requirements', {
  id: uuid('id').primaryKey().defaultRandom(),
  ref: text('ref').notNull(),
  documentId: uuid('document_id').notNull(),
  editionId: uuid('edition_id').notNull(),
  clauseId: text('clause_id').notNull(),
  clauseNumber: text('clause_number').notNull(),
  textSw: text('text_sw').notNull(),
  textEn: text('text_en').notNull(),
  obligation: text('obligation').$type<Obligation>().notNull(),
  groupCode: text('group_code'),
  appliesTo: text('applies_to').$type<AppliesTo>().notNull(),
  conditions: jsonb('conditions').$type<Conditions>().notNull().default({}),
  status: text('status').$type<'active' | 'retired'>().notNull().default('active'),
  version: integer('version').notNull().default(1),
  retiredAt: ts('retired_at'),
  retiredReason: text('retired_reason'),
  confirmedBy: uuid('confirmed_by'),
  confirmedAt: ts('confirmed_at').notNull().defaultNow(),
  revision: integer('revision').notNull().default(1),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});
export type Requirement = typeof requirements.$inferSelect;

export const requirementVersions = pgTable(
  'compliance_requirement_versions',
  {
    requirementId: uuid('requirement_id').notNull(),
    version: integer('version').notNull(),
    editionId: uuid('edition_id').notNull(),
    textSw: text('text_sw').notNull(),
    textEn: text('text_en').notNull(),
    obligation: text('obligation').$type<Obligation>().notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.requirementId, t.version] })],
);

export const revisions = pgTable('compliance_revisions', {
  id: uuid('id').primaryKey().defaultRandom(),
  documentId: uuid('document_id').notNull(),
  editionId: uuid('edition_id').notNull(),
  previousEditionId: uuid('previous_edition_id'),
  status: text('status').$type<'open' | 'applied' | 'dismissed'>().notNull().default('open'),
  transitionDeadline: date('transition_deadline'),
  appliedAt: ts('applied_at'),
  appliedBy: uuid('applied_by'),
  revision: integer('revision').notNull().default(1),
  createdAt: ts('created_at').notNull().defaultNow(),
});
export type Revision = typeof revisions.$inferSelect;

export const candidates = pgTable('compliance_candidates', {
  id: uuid('id').primaryKey().defaultRandom(),
  revisionId: uuid('revision_id').notNull(),
  clauseId: text('clause_id'),
  clauseNumber: text('clause_number'),
  ref: text('ref').notNull(),
  textSw: text('text_sw').notNull().default(''),
  textEn: text('text_en').notNull().default(''),
  obligation: text('obligation').$type<Obligation>(),
  groupCode: text('group_code'),
  appliesTo: text('applies_to').$type<AppliesTo>(),
  conditions: jsonb('conditions').$type<Conditions>().notNull().default({}),
  change: text('change').$type<Change>().notNull(),
  requirementId: uuid('requirement_id'),
  decision: text('decision').$type<(typeof CANDIDATE_DECISIONS)[number]>().notNull().default('proposed'),
  decisionReason: text('decision_reason'),
  decidedBy: uuid('decided_by'),
  decidedAt: ts('decided_at'),
  position: integer('position').notNull(),
});
export type Candidate = typeof candidates.$inferSelect;

export const frameworks = pgTable('compliance_frameworks', {
  id: uuid('id').primaryKey().defaultRandom(),
  code: text('code').notNull(),
  title: text('title').notNull(),
  version: text('version').notNull().default(''),
  oscalUuid: uuid('oscal_uuid'),
  groupCount: integer('group_count').notNull().default(0),
  controlCount: integer('control_count').notNull().default(0),
  loadedBy: uuid('loaded_by'),
  loadedAt: ts('loaded_at').notNull().defaultNow(),
});

export const controls = pgTable('compliance_controls', {
  id: uuid('id').primaryKey().defaultRandom(),
  frameworkId: uuid('framework_id').notNull(),
  controlId: text('control_id').notNull(),
  groupId: text('group_id').notNull().default(''),
  groupTitle: text('group_title').notNull().default(''),
  parentControlId: text('parent_control_id'),
  title: text('title').notNull(),
  position: integer('position').notNull(),
});

export const controlMappings = pgTable(
  'compliance_control_mappings',
  {
    requirementId: uuid('requirement_id').notNull(),
    controlId: uuid('control_id').notNull(),
    relation: text('relation').$type<MappingRelation>().notNull(),
    createdBy: uuid('created_by'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.requirementId, t.controlId] })],
);

export const cycles = pgTable('compliance_cycles', {
  id: uuid('id').primaryKey().defaultRandom(),
  code: text('code').notNull(),
  nameSw: text('name_sw').notNull(),
  nameEn: text('name_en').notNull(),
  status: text('status').$type<CycleStatus>().notNull().default('draft'),
  scope: jsonb('scope').$type<CycleScope>().notNull().default({}),
  submissionDue: date('submission_due').notNull(),
  reviewDue: date('review_due').notNull(),
  challengeUntil: date('challenge_until').notNull(),
  openedAt: ts('opened_at'),
  closedAt: ts('closed_at'),
  createdBy: uuid('created_by'),
  revision: integer('revision').notNull().default(1),
  createdAt: ts('created_at').notNull().defaultNow(),
});
export type Cycle = typeof cycles.$inferSelect;

export const cycleRequirements = pgTable(
  'compliance_cycle_requirements',
  {
    cycleId: uuid('cycle_id').notNull(),
    requirementId: uuid('requirement_id').notNull(),
    requirementVersion: integer('requirement_version').notNull(),
  },
  (t) => [primaryKey({ columns: [t.cycleId, t.requirementId] })],
);

export const assessments = pgTable('compliance_assessments', {
  id: uuid('id').primaryKey().defaultRandom(),
  cycleId: uuid('cycle_id').notNull(),
  institutionId: uuid('institution_id').notNull(),
  status: text('status').$type<AssessmentStatus>().notNull().default('open'),
  questionCount: integer('question_count').notNull().default(0),
  answeredCount: integer('answered_count').notNull().default(0),
  signedOffAt: ts('signed_off_at'),
  signedOffBy: uuid('signed_off_by'),
  sampled: boolean('sampled').notNull().default(false),
  reviewedAt: ts('reviewed_at'),
  revision: integer('revision').notNull().default(1),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});
export type Assessment = typeof assessments.$inferSelect;

export const answers = pgTable('compliance_answers', {
  id: uuid('id').primaryKey().defaultRandom(),
  assessmentId: uuid('assessment_id').notNull(),
  requirementId: uuid('requirement_id').notNull(),
  requirementVersion: integer('requirement_version').notNull(),
  systemId: uuid('system_id'),
  position: integer('position').notNull(),
  result: text('result').$type<Result>(),
  justification: text('justification').notNull().default(''),
  comment: text('comment').notNull().default(''),
  assignedTo: uuid('assigned_to'),
  answeredBy: uuid('answered_by'),
  answeredAt: ts('answered_at'),
  carriedFrom: uuid('carried_from'),
  reviewStatus: text('review_status').$type<ReviewStatus>().notNull().default('pending'),
  reviewComment: text('review_comment').notNull().default(''),
  reviewedBy: uuid('reviewed_by'),
  reviewedAt: ts('reviewed_at'),
  verifiedResult: text('verified_result').$type<Result>(),
  verifiedComment: text('verified_comment').notNull().default(''),
  verifiedBy: uuid('verified_by'),
  verifiedAt: ts('verified_at'),
  revision: integer('revision').notNull().default(1),
});
export type Answer = typeof answers.$inferSelect;

export const evidence = pgTable('compliance_evidence', {
  id: uuid('id').primaryKey().defaultRandom(),
  institutionId: uuid('institution_id').notNull(),
  title: text('title').notNull(),
  kind: text('kind').$type<'file' | 'link'>().notNull(),
  fileSha256: text('file_sha256'),
  fileName: text('file_name'),
  fileType: text('file_type'),
  fileSize: integer('file_size'),
  url: text('url'),
  expiresOn: date('expires_on'),
  uploadedBy: uuid('uploaded_by'),
  createdAt: ts('created_at').notNull().defaultNow(),
});
export type Evidence = typeof evidence.$inferSelect;

export const answerEvidence = pgTable(
  'compliance_answer_evidence',
  { answerId: uuid('answer_id').notNull(), evidenceId: uuid('evidence_id').notNull() },
  (t) => [primaryKey({ columns: [t.answerId, t.evidenceId] })],
);

export const attestations = pgTable('compliance_attestations', {
  id: uuid('id').primaryKey().defaultRandom(),
  assessmentId: uuid('assessment_id').notNull(),
  signedBy: uuid('signed_by').notNull(),
  signerName: text('signer_name').notNull(),
  signedAt: ts('signed_at').notNull().defaultNow(),
  contentSha256: text('content_sha256').notNull(),
  content: jsonb('content').$type<unknown>().notNull(),
});
export type Attestation = typeof attestations.$inferSelect;

export const findings = pgTable('compliance_findings', {
  id: uuid('id').primaryKey().defaultRandom(),
  assessmentId: uuid('assessment_id').notNull(),
  institutionId: uuid('institution_id').notNull(),
  cycleId: uuid('cycle_id').notNull(),
  requirementId: uuid('requirement_id').notNull(),
  systemId: uuid('system_id'),
  answerId: uuid('answer_id'),
  severity: text('severity').$type<Severity>().notNull(),
  description: text('description').notNull(),
  dueOn: date('due_on').notNull(),
  status: text('status').$type<FindingStatus>().notNull().default('open'),
  raisedBy: uuid('raised_by'),
  raisedAt: ts('raised_at').notNull().defaultNow(),
  closedBy: uuid('closed_by'),
  closedAt: ts('closed_at'),
  escalation: integer('escalation').notNull().default(0),
  revision: integer('revision').notNull().default(1),
});
export type Finding = typeof findings.$inferSelect;

export const challenges = pgTable('compliance_challenges', {
  id: uuid('id').primaryKey().defaultRandom(),
  findingId: uuid('finding_id').notNull(),
  reason: text('reason').notNull(),
  submittedBy: uuid('submitted_by'),
  submittedAt: ts('submitted_at').notNull().defaultNow(),
  outcome: text('outcome').$type<'upheld' | 'withdrawn'>(),
  outcomeReason: text('outcome_reason'),
  decidedBy: uuid('decided_by'),
  decidedAt: ts('decided_at'),
});
export type Challenge = typeof challenges.$inferSelect;

export const poamItems = pgTable('compliance_poam_items', {
  id: uuid('id').primaryKey().defaultRandom(),
  findingId: uuid('finding_id').notNull(),
  institutionId: uuid('institution_id').notNull(),
  ownerName: text('owner_name').notNull(),
  ownerEmail: text('owner_email').notNull().default(''),
  plan: text('plan').notNull(),
  status: text('status').$type<PoamStatus>().notNull().default('draft'),
  submittedAt: ts('submitted_at'),
  completedAt: ts('completed_at'),
  closedBy: uuid('closed_by'),
  closedAt: ts('closed_at'),
  revision: integer('revision').notNull().default(1),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});
export type PoamItem = typeof poamItems.$inferSelect;

export const milestones = pgTable('compliance_milestones', {
  id: uuid('id').primaryKey().defaultRandom(),
  poamId: uuid('poam_id').notNull(),
  position: integer('position').notNull(),
  title: text('title').notNull(),
  plannedOn: date('planned_on').notNull(),
  actualOn: date('actual_on'),
});
export type Milestone = typeof milestones.$inferSelect;

export const poamChanges = pgTable('compliance_poam_changes', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  poamId: uuid('poam_id').notNull(),
  changedBy: uuid('changed_by'),
  changedAt: ts('changed_at').notNull().defaultNow(),
  change: jsonb('change').$type<Record<string, unknown>>().notNull(),
});

export const poamEvidence = pgTable(
  'compliance_poam_evidence',
  /** milestone: the position of the milestone the evidence is for, or null for the plan as a whole (migration 0019). */
  { poamId: uuid('poam_id').notNull(), evidenceId: uuid('evidence_id').notNull(), milestone: integer('milestone') },
  (t) => [primaryKey({ columns: [t.poamId, t.evidenceId] })],
);

export const directives = pgTable('compliance_directives', {
  id: uuid('id').primaryKey().defaultRandom(),
  code: text('code').notNull(),
  titleSw: text('title_sw').notNull(),
  titleEn: text('title_en').notNull(),
  bodySw: text('body_sw').notNull().default(''),
  bodyEn: text('body_en').notNull().default(''),
  deadline: date('deadline').notNull(),
  requirementId: uuid('requirement_id'),
  target: jsonb('target').$type<DirectiveTarget>().notNull().default({}),
  status: text('status').$type<(typeof DIRECTIVE_STATUSES)[number]>().notNull().default('issued'),
  issuedBy: uuid('issued_by'),
  issuedAt: ts('issued_at').notNull().defaultNow(),
  revision: integer('revision').notNull().default(1),
});
export type Directive = typeof directives.$inferSelect;

export const directiveTargets = pgTable(
  'compliance_directive_targets',
  {
    directiveId: uuid('directive_id').notNull(),
    institutionId: uuid('institution_id').notNull(),
    status: text('status').$type<TargetStatus>().notNull().default('pending'),
    note: text('note').notNull().default(''),
    updatedBy: uuid('updated_by'),
    updatedAt: ts('updated_at').notNull().defaultNow(),
    reminded: integer('reminded').notNull().default(0),
    revision: integer('revision').notNull().default(1),
  },
  (t) => [primaryKey({ columns: [t.directiveId, t.institutionId] })],
);
export type DirectiveTargetRow = typeof directiveTargets.$inferSelect;

export const directiveEvidence = pgTable(
  'compliance_directive_evidence',
  { directiveId: uuid('directive_id').notNull(), institutionId: uuid('institution_id').notNull(), evidenceId: uuid('evidence_id').notNull() },
  (t) => [primaryKey({ columns: [t.directiveId, t.institutionId, t.evidenceId] })],
);

export const scores = pgTable(
  'compliance_scores',
  {
    cycleId: uuid('cycle_id').notNull(),
    institutionId: uuid('institution_id').notNull(),
    scopeKind: text('scope_kind').$type<ScoreScope>().notNull(),
    scopeKey: text('scope_key').notNull(),
    score: numeric('score', { precision: 5, scale: 2, mode: 'number' }),
    earned: numeric('earned', { precision: 12, scale: 2, mode: 'number' }).notNull().default(0),
    possible: numeric('possible', { precision: 12, scale: 2, mode: 'number' }).notNull().default(0),
    answered: integer('answered').notNull().default(0),
    applicable: integer('applicable').notNull().default(0),
    frozen: boolean('frozen').notNull().default(false),
    computedAt: ts('computed_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.cycleId, t.institutionId, t.scopeKind, t.scopeKey] })],
);

export const requirementScores = pgTable(
  'compliance_requirement_scores',
  {
    cycleId: uuid('cycle_id').notNull(),
    requirementId: uuid('requirement_id').notNull(),
    score: numeric('score', { precision: 5, scale: 2, mode: 'number' }),
    compliant: integer('compliant').notNull().default(0),
    partial: integer('partial').notNull().default(0),
    nonCompliant: integer('non_compliant').notNull().default(0),
    notApplicable: integer('not_applicable').notNull().default(0),
    unanswered: integer('unanswered').notNull().default(0),
    frozen: boolean('frozen').notNull().default(false),
  },
  (t) => [primaryKey({ columns: [t.cycleId, t.requirementId] })],
);

export const publications = pgTable(
  'compliance_publications',
  {
    cycleId: uuid('cycle_id').notNull(),
    institutionId: uuid('institution_id').notNull(),
    publishedBy: uuid('published_by'),
    publishedAt: ts('published_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.cycleId, t.institutionId] })],
);
