// Reads of the oversight pages, API and the authority's dashboard: the reviewers' queue, an
// assessment's answers under review, findings (scoped: institutions see their own), a finding with
// its challenge, plan, milestones and history, directives and their targets, and the overdue lists.
import { and, asc, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { Ctx } from '../../../platform/context.ts';
import { requireVisible } from '../../../platform/auth/access.ts';
import { scopeFilter } from '../../../platform/auth/scope.ts';
import { institutions } from '../../reference/index.ts';
import { users } from '../../identity/index.ts';
import { systems } from '../../portfolio/index.ts';
import { ownInstitutions, readScope } from '../access.ts';
import {
  answers, assessments, challenges, cycles, directiveEvidence, directives, directiveTargets, evidence, findings, milestones, poamChanges, poamEvidence, requirements,
  type FindingStatus, type ReviewStatus, type Result, type Severity, type TargetStatus,
} from '../schema.ts';
import { assessmentReviewPolicy, directivePolicy, findingPolicy } from './access.ts';
import { loadFinding } from './findings.service.ts';
import { loadAssessment } from './review.service.ts';
import { loadDirective } from './directives.service.ts';
import { todayIso } from './rules.ts';
import { isUuid } from '../../../platform/input.ts';
import { evidenceList } from '../assessments/evidence.service.ts';
import { answerPage } from '../assessments/queries.ts';
import { pageWindow, pagedOf, type Paged } from '../../../platform/db/paged.ts';

export const PAGE_SIZE = 50;
const offset = (page: number | undefined) => pageWindow(page, PAGE_SIZE).offset;
/** The page's rows in the paged shape, numbered as asked. */
const pageOfRows = <T>(items: T[], total: number, page: number | undefined) => pagedOf(items, total, pageWindow(page, PAGE_SIZE).page, PAGE_SIZE);
const uuids = (ids: string[]) => `{${ids.join(',')}}`;

export type { Paged } from '../../../platform/db/paged.ts';

// ---------------------------------------------------------------- the reviewers' queue

export interface QueueFilters {
  cycle?: string;
  status?: string;
  institution?: string;
  sampled?: boolean;
  page?: number;
}

export interface QueueRow {
  id: string;
  cycleId: string;
  cycle: string;
  institutionId: string;
  institution: string;
  status: string;
  questions: number;
  signedOffAt: Date | null;
  sampled: boolean;
  accepted: number;
  returned: number;
  updatedAt: Date;
}

/** Signed-off assessments waiting for (or under) review; `status` narrows to one state. */
export async function reviewQueue(ctx: Ctx, f: QueueFilters): Promise<Paged<QueueRow>> {
  const where: SQL[] = [scopeFilter(readScope(ctx.actor), assessments.institutionId)];
  where.push(f.status && ['signed_off', 'returned', 'reviewed'].includes(f.status) ? eq(assessments.status, f.status as 'signed_off') : sql`${assessments.status} IN ('signed_off', 'returned')`);
  if (f.cycle) where.push(sql`${cycles.code} = ${f.cycle}`);
  if (f.institution) where.push(sql`lower(${institutions.acronym}) = lower(${f.institution})`);
  if (f.sampled !== undefined) where.push(eq(assessments.sampled, f.sampled));
  const cond = and(...where);
  const [{ n }] = await ctx.q.select({ n: sql<number>`count(*)::int` }).from(assessments).innerJoin(cycles, eq(cycles.id, assessments.cycleId)).innerJoin(institutions, eq(institutions.id, assessments.institutionId)).where(cond);
  const items = await ctx.q
    .select({
      id: assessments.id, cycleId: cycles.id, cycle: cycles.code, institutionId: institutions.id, institution: institutions.acronym, status: assessments.status, questions: assessments.questionCount,
      signedOffAt: assessments.signedOffAt, sampled: assessments.sampled, updatedAt: assessments.updatedAt,
      accepted: sql<number>`(SELECT count(*)::int FROM compliance_answers x WHERE x.assessment_id = ${assessments.id} AND x.review_status = 'accepted')`,
      returned: sql<number>`(SELECT count(*)::int FROM compliance_answers x WHERE x.assessment_id = ${assessments.id} AND x.review_status = 'returned')`,
    })
    .from(assessments)
    .innerJoin(cycles, eq(cycles.id, assessments.cycleId))
    .innerJoin(institutions, eq(institutions.id, assessments.institutionId))
    .where(cond)
    .orderBy(asc(assessments.signedOffAt), asc(institutions.acronym))
    .limit(PAGE_SIZE)
    .offset(offset(f.page));
  return pageOfRows(items, n, f.page);
}

/** A cycle named by its code (any case), or undefined. */
export async function cycleByCode(ctx: Ctx, code: string) {
  const [c] = await ctx.q.select({ id: cycles.id }).from(cycles).where(sql`lower(${cycles.code}) = lower(${code})`);
  return c;
}

/** Cycles that have assessments (for filters and the sample form). */
export async function cycleChoices(ctx: Ctx) {
  return ctx.q.select({ id: cycles.id, code: cycles.code, nameSw: cycles.nameSw, nameEn: cycles.nameEn, status: cycles.status }).from(cycles).where(sql`${cycles.status} IN ('open', 'closed')`).orderBy(desc(cycles.createdAt));
}

/** The institutions assessed in a cycle, and whether each is in its on-site sample (the sample form). */
export async function sampleInstitutions(ctx: Ctx, cycleId: string) {
  return ctx.q.select({ id: institutions.id, acronym: institutions.acronym, sampled: assessments.sampled }).from(assessments).innerJoin(institutions, eq(institutions.id, assessments.institutionId)).where(eq(assessments.cycleId, cycleId)).orderBy(asc(institutions.acronym));
}

// ---------------------------------------------------------------- one assessment under review

export interface AnswerFilters {
  result?: string;
  review?: string;
  group?: string;
  page?: number;
}

export interface ReviewAnswerRow {
  id: string;
  ref: string;
  textSw: string;
  textEn: string;
  obligation: string;
  group: string | null;
  system: string | null;
  result: Result | null;
  justification: string;
  comment: string;
  reviewStatus: ReviewStatus;
  reviewComment: string;
  verifiedResult: Result | null;
  verifiedComment: string;
  revision: number;
  findings: number;
}

export async function reviewView(ctx: Ctx, assessmentId: string, f: AnswerFilters) {
  const a = requireVisible(ctx.actor, assessmentReviewPolicy, await loadAssessment(ctx, assessmentId));
  const [meta] = await ctx.q
    .select({ cycle: cycles.code, cycleNameSw: cycles.nameSw, cycleNameEn: cycles.nameEn, challengeUntil: cycles.challengeUntil, acronym: institutions.acronym, nameSw: institutions.nameSw, nameEn: institutions.nameEn })
    .from(cycles)
    .innerJoin(institutions, eq(institutions.id, a.institutionId))
    .where(eq(cycles.id, a.cycleId));
  const where: SQL[] = [eq(answers.assessmentId, a.id)];
  if (f.result === 'none') where.push(sql`${answers.result} IS NULL`);
  else if (f.result) where.push(sql`${answers.result} = ${f.result}`);
  if (f.review) where.push(sql`${answers.reviewStatus} = ${f.review}`);
  if (f.group) where.push(sql`${requirements.groupCode} = ${f.group}`);
  const cond = and(...where);
  const page: Paged<ReviewAnswerRow> = await answerPage(ctx, {
    id: answers.id, ref: requirements.ref, textSw: requirements.textSw, textEn: requirements.textEn, obligation: requirements.obligation, group: requirements.groupCode, system: systems.name,
    result: answers.result, justification: answers.justification, comment: answers.comment, reviewStatus: answers.reviewStatus, reviewComment: answers.reviewComment,
    verifiedResult: answers.verifiedResult, verifiedComment: answers.verifiedComment, revision: answers.revision,
    findings: sql<number>`(SELECT count(*)::int FROM compliance_findings x WHERE x.answer_id = ${answers.id})`,
  }, cond, { page: f.page, pageSize: PAGE_SIZE });
  const groups = (await ctx.q.selectDistinct({ g: requirements.groupCode }).from(answers).innerJoin(requirements, eq(requirements.id, answers.requirementId)).where(eq(answers.assessmentId, a.id))).map((r) => r.g).filter((g): g is string => !!g).sort();
  const counts = await ctx.q.select({ s: answers.reviewStatus, n: sql<number>`count(*)::int` }).from(answers).where(eq(answers.assessmentId, a.id)).groupBy(answers.reviewStatus);
  return { assessment: a, meta: meta!, answers: page, groups, counts: Object.fromEntries(counts.map((c) => [c.s, c.n])) as Partial<Record<ReviewStatus, number>> };
}

/** The last day findings of an assessment's cycle may be challenged (shown on the "raise a finding" form). */
export async function challengeUntilOf(ctx: Ctx, assessmentId: string): Promise<string> {
  const [c] = await ctx.q.select({ challengeUntil: cycles.challengeUntil }).from(cycles).innerJoin(assessments, eq(assessments.cycleId, cycles.id)).where(eq(assessments.id, assessmentId));
  return c!.challengeUntil;
}

/** One answer with its requirement, for the "raise a finding" form. */
export async function answerForFinding(ctx: Ctx, answerId: string) {
  const [row] = await ctx.q
    .select({ answer: answers, ref: requirements.ref, textSw: requirements.textSw, textEn: requirements.textEn, system: systems.name, institution: institutions.acronym, institutionId: assessments.institutionId, status: assessments.status, sampled: assessments.sampled })
    .from(answers)
    .innerJoin(assessments, eq(assessments.id, answers.assessmentId))
    .innerJoin(requirements, eq(requirements.id, answers.requirementId))
    .innerJoin(institutions, eq(institutions.id, assessments.institutionId))
    .leftJoin(systems, eq(systems.id, answers.systemId))
    .where(sql`${answers.id} = ${answerId}::uuid`);
  return requireVisible(ctx.actor, assessmentReviewPolicy, row ? { ...row, institutionId: row.institutionId } : undefined);
}

// ---------------------------------------------------------------- findings

export interface FindingFilters {
  status?: string;
  severity?: string;
  institution?: string;
  cycle?: string;
  overdue?: boolean;
  /** The findings raised from one answer. */
  answer?: string;
  page?: number;
}

export interface FindingRow {
  id: string;
  institution: string;
  institutionId: string;
  cycle: string;
  ref: string;
  system: string | null;
  severity: Severity;
  status: FindingStatus;
  dueOn: string;
  raisedAt: Date;
  escalation: number;
  planStatus: string | null;
}

function findingColumns() {
  return {
    id: findings.id, institution: institutions.acronym, institutionId: findings.institutionId, cycle: cycles.code, ref: requirements.ref, system: systems.name,
    severity: findings.severity, status: findings.status, dueOn: findings.dueOn, raisedAt: findings.raisedAt, escalation: findings.escalation,
    planStatus: sql<string | null>`(SELECT p.status FROM compliance_poam_items p WHERE p.finding_id = ${findings.id})`,
  };
}

/** Findings the caller may see: an institution its own, the authority and auditors all. */
export async function findingList(ctx: Ctx, f: FindingFilters): Promise<Paged<FindingRow>> {
  const where: SQL[] = [scopeFilter(readScope(ctx.actor), findings.institutionId)];
  if (f.status) where.push(sql`${findings.status} = ${f.status}`);
  if (f.severity) where.push(sql`${findings.severity} = ${f.severity}`);
  if (f.institution) where.push(sql`lower(${institutions.acronym}) = lower(${f.institution})`);
  if (f.cycle) where.push(sql`${cycles.code} = ${f.cycle}`);
  if (f.overdue) where.push(sql`${findings.status} IN ('open', 'challenged') AND ${findings.dueOn} < ${todayIso()}::date`);
  if (f.answer) where.push(isUuid(f.answer) ? eq(findings.answerId, f.answer) : sql`FALSE`);
  const cond = and(...where);
  const base = () => ctx.q.select(findingColumns()).from(findings).innerJoin(institutions, eq(institutions.id, findings.institutionId)).innerJoin(cycles, eq(cycles.id, findings.cycleId)).innerJoin(requirements, eq(requirements.id, findings.requirementId)).leftJoin(systems, eq(systems.id, findings.systemId));
  const [{ n }] = await ctx.q.select({ n: sql<number>`count(*)::int` }).from(findings).innerJoin(institutions, eq(institutions.id, findings.institutionId)).innerJoin(cycles, eq(cycles.id, findings.cycleId)).where(cond);
  const items = await base().where(cond).orderBy(asc(findings.dueOn), asc(institutions.acronym)).limit(PAGE_SIZE).offset(offset(f.page));
  return pageOfRows(items, n, f.page);
}

/** Overdue open findings, most overdue first (for the authority's dashboard; scoped like every list). */
export async function overdueFindings(ctx: Ctx, opts: { limit?: number } = {}): Promise<FindingRow[]> {
  return ctx.q
    .select(findingColumns())
    .from(findings)
    .innerJoin(institutions, eq(institutions.id, findings.institutionId))
    .innerJoin(cycles, eq(cycles.id, findings.cycleId))
    .innerJoin(requirements, eq(requirements.id, findings.requirementId))
    .leftJoin(systems, eq(systems.id, findings.systemId))
    .where(and(scopeFilter(readScope(ctx.actor), findings.institutionId), sql`${findings.status} IN ('open', 'challenged') AND ${findings.dueOn} < ${todayIso()}::date`))
    .orderBy(asc(findings.dueOn), asc(institutions.acronym))
    .limit(opts.limit ?? 100);
}

export interface UserName {
  name: string;
}

const nameOf = (id: string | null) => sql<string | null>`(SELECT u.name FROM users u WHERE u.id = ${id ?? null}::uuid)`;

/** A finding with its institution, requirement, challenges, plan, milestones, evidence and history. */
export async function findingView(ctx: Ctx, id: string) {
  const l = await loadFinding(ctx, id);
  requireVisible(ctx.actor, findingPolicy, l.record);
  const f = l.finding;
  const [meta] = await ctx.q
    .select({ acronym: institutions.acronym, nameSw: institutions.nameSw, nameEn: institutions.nameEn, cycle: cycles.code, challengeUntil: cycles.challengeUntil, ref: requirements.ref, textSw: requirements.textSw, textEn: requirements.textEn, raisedBy: nameOf(f.raisedBy) })
    .from(institutions)
    .innerJoin(cycles, eq(cycles.id, f.cycleId))
    .innerJoin(requirements, eq(requirements.id, f.requirementId))
    .where(eq(institutions.id, f.institutionId));
  const [sys] = f.systemId ? await ctx.q.select({ name: systems.name, code: systems.code }).from(systems).where(eq(systems.id, f.systemId)) : [];
  const [ans] = f.answerId ? await ctx.q.select({ result: answers.result, comment: answers.comment, verifiedResult: answers.verifiedResult, assessmentId: answers.assessmentId }).from(answers).where(eq(answers.id, f.answerId)) : [];
  const chs = await ctx.q
    .select({ id: challenges.id, reason: challenges.reason, submittedAt: challenges.submittedAt, outcome: challenges.outcome, outcomeReason: challenges.outcomeReason, decidedAt: challenges.decidedAt, by: users.name })
    .from(challenges)
    .leftJoin(users, eq(users.id, challenges.submittedBy))
    .where(eq(challenges.findingId, f.id))
    .orderBy(asc(challenges.submittedAt));
  const ms = l.poam ? await ctx.q.select().from(milestones).where(eq(milestones.poamId, l.poam.id)).orderBy(asc(milestones.position)) : [];
  const history = l.poam
    ? await ctx.q.select({ at: poamChanges.changedAt, by: users.name, change: poamChanges.change }).from(poamChanges).leftJoin(users, eq(users.id, poamChanges.changedBy)).where(eq(poamChanges.poamId, l.poam.id)).orderBy(desc(poamChanges.id))
    : [];
  const attached = l.poam
    ? (await ctx.q.select({ e: evidence, milestone: poamEvidence.milestone }).from(poamEvidence).innerJoin(evidence, eq(evidence.id, poamEvidence.evidenceId)).where(eq(poamEvidence.poamId, l.poam.id)).orderBy(sql`${poamEvidence.milestone} NULLS FIRST`, asc(evidence.title))).map((r) => ({ ...r.e, milestone: r.milestone }))
    : [];
  return { ...l, meta: meta!, system: sys ?? null, answer: ans ?? null, challenges: chs, milestones: ms, history, evidence: attached };
}

/** The institution's evidence that can be attached (its library, newest first). */
export async function evidenceChoices(ctx: Ctx, institutionId: string) {
  return (await evidenceList(ctx, institutionId, { pageSize: 200 })).items.map((e) => ({ id: e.id, title: e.title }));
}

// ---------------------------------------------------------------- directives

export interface DirectiveRow {
  id: string;
  code: string;
  titleSw: string;
  titleEn: string;
  deadline: string;
  status: string;
  issuedAt: Date;
  targets: number;
  done: number;
  /** The caller's own institution's status (institution staff). */
  own: TargetStatus | null;
}

/** Directives: the authority sees all with their progress; an institution those addressed to it, with its status. */
export async function directiveList(ctx: Ctx, f: { status?: string; page?: number }): Promise<Paged<DirectiveRow>> {
  const scope = readScope(ctx.actor);
  const mine = ownInstitutions(ctx.actor);
  const where: SQL[] = [];
  if (!scope.all) where.push(sql`EXISTS (SELECT 1 FROM compliance_directive_targets t WHERE t.directive_id = ${directives.id} AND t.institution_id = ANY(${uuids(scope.institutions)}::uuid[]))`);
  if (f.status === 'issued' || f.status === 'withdrawn') where.push(eq(directives.status, f.status));
  if (f.status === 'overdue') where.push(sql`${directives.status} = 'issued' AND ${directives.deadline} < ${todayIso()}::date`);
  const cond = where.length ? and(...where) : sql`TRUE`;
  const [{ n }] = await ctx.q.select({ n: sql<number>`count(*)::int` }).from(directives).where(cond);
  const items = await ctx.q
    .select({
      id: directives.id, code: directives.code, titleSw: directives.titleSw, titleEn: directives.titleEn, deadline: directives.deadline, status: directives.status, issuedAt: directives.issuedAt,
      targets: sql<number>`(SELECT count(*)::int FROM compliance_directive_targets t WHERE t.directive_id = ${directives.id})`,
      done: sql<number>`(SELECT count(*)::int FROM compliance_directive_targets t WHERE t.directive_id = ${directives.id} AND t.status = 'done')`,
      own: sql<TargetStatus | null>`(SELECT t.status FROM compliance_directive_targets t WHERE t.directive_id = ${directives.id} AND t.institution_id = ANY(${uuids(scope.all ? [] : mine)}::uuid[]) LIMIT 1)`,
    })
    .from(directives)
    .where(cond)
    .orderBy(desc(directives.issuedAt))
    .limit(PAGE_SIZE)
    .offset(offset(f.page));
  return pageOfRows(items, n, f.page);
}

export interface TargetRow {
  institutionId: string;
  institution: string;
  name: string;
  status: TargetStatus;
  note: string;
  updatedAt: Date;
  revision: number;
  evidence: number;
}

/** A directive with its targets (the authority sees all, an institution its own row) and the caller's own target. */
export async function directiveView(ctx: Ctx, id: string, f: { status?: string; page?: number } = {}) {
  const l = await loadDirective(ctx, id);
  requireVisible(ctx.actor, directivePolicy, l.record);
  const scope = readScope(ctx.actor);
  const where: SQL[] = [eq(directiveTargets.directiveId, l.directive.id), scopeFilter(scope, directiveTargets.institutionId)];
  if (f.status) where.push(sql`${directiveTargets.status} = ${f.status}`);
  const cond = and(...where);
  const [{ n }] = await ctx.q.select({ n: sql<number>`count(*)::int` }).from(directiveTargets).where(cond);
  const rows: TargetRow[] = await ctx.q
    .select({
      institutionId: directiveTargets.institutionId, institution: institutions.acronym, name: ctx.lang === 'sw' ? institutions.nameSw : institutions.nameEn, status: directiveTargets.status, note: directiveTargets.note,
      updatedAt: directiveTargets.updatedAt, revision: directiveTargets.revision,
      evidence: sql<number>`(SELECT count(*)::int FROM compliance_directive_evidence e WHERE e.directive_id = ${directiveTargets.directiveId} AND e.institution_id = ${directiveTargets.institutionId})`,
    })
    .from(directiveTargets)
    .innerJoin(institutions, eq(institutions.id, directiveTargets.institutionId))
    .where(cond)
    .orderBy(asc(institutions.acronym))
    .limit(PAGE_SIZE)
    .offset(offset(f.page));
  const counts = await ctx.q.select({ s: directiveTargets.status, n: sql<number>`count(*)::int` }).from(directiveTargets).where(and(eq(directiveTargets.directiveId, l.directive.id), scopeFilter(scope, directiveTargets.institutionId))).groupBy(directiveTargets.status);
  const [req] = l.directive.requirementId ? await ctx.q.select({ ref: requirements.ref }).from(requirements).where(eq(requirements.id, l.directive.requirementId)) : [];
  // The evidence of the caller's own reports and of the target rows on this page (rows are already scoped).
  const shown = [...new Set([...l.record.targetedInstitutions, ...rows.map((r) => r.institutionId)])];
  const attached = shown.length
    ? (await ctx.q.select({ institutionId: directiveEvidence.institutionId, e: evidence }).from(directiveEvidence).innerJoin(evidence, eq(evidence.id, directiveEvidence.evidenceId)).where(and(eq(directiveEvidence.directiveId, l.directive.id), sql`${directiveEvidence.institutionId} = ANY(${uuids(shown)}::uuid[])`)).orderBy(asc(evidence.title))).map((r) => ({ ...r.e, institutionId: r.institutionId }))
    : [];
  return { ...l, requirementRef: req?.ref ?? null, targets: pageOfRows(rows, n, f.page), counts: Object.fromEntries(counts.map((c) => [c.s, c.n])) as Partial<Record<TargetStatus, number>>, evidence: attached };
}

/** A directive's targets among the given institutions (the caller's own), each with the status they reported. */
export async function ownTargets(ctx: Ctx, directiveId: string, institutionIds: string[]) {
  if (!institutionIds.length) return [];
  return ctx.q
    .select({ institutionId: directiveTargets.institutionId, acronym: institutions.acronym, status: directiveTargets.status, note: directiveTargets.note, revision: directiveTargets.revision })
    .from(directiveTargets)
    .innerJoin(institutions, eq(institutions.id, directiveTargets.institutionId))
    .where(and(eq(directiveTargets.directiveId, directiveId), sql`${directiveTargets.institutionId} = ANY(${uuids(institutionIds)}::uuid[])`));
}

export interface OverdueDirectiveRow {
  directiveId: string;
  code: string;
  titleSw: string;
  titleEn: string;
  deadline: string;
  institutionId: string;
  institution: string;
  status: TargetStatus;
}

/** Institutions past a directive's deadline without reporting it done (for the authority's dashboard; scoped). */
export async function overdueDirectives(ctx: Ctx, opts: { limit?: number } = {}): Promise<OverdueDirectiveRow[]> {
  return ctx.q
    .select({ directiveId: directives.id, code: directives.code, titleSw: directives.titleSw, titleEn: directives.titleEn, deadline: directives.deadline, institutionId: institutions.id, institution: institutions.acronym, status: directiveTargets.status })
    .from(directiveTargets)
    .innerJoin(directives, eq(directives.id, directiveTargets.directiveId))
    .innerJoin(institutions, eq(institutions.id, directiveTargets.institutionId))
    .where(and(scopeFilter(readScope(ctx.actor), directiveTargets.institutionId), sql`${directives.status} = 'issued' AND ${directives.deadline} < ${todayIso()}::date AND ${directiveTargets.status} <> 'done'`))
    .orderBy(asc(directives.deadline), asc(institutions.acronym))
    .limit(opts.limit ?? 100);
}

/** Institution types and sectors a directive can target, and the requirements it may name. */
export async function directiveFormChoices(ctx: Ctx) {
  const sectors = (await ctx.q.selectDistinct({ s: institutions.sector }).from(institutions).where(sql`${institutions.sector} <> ''`).orderBy(asc(institutions.sector))).map((r) => r.s);
  return { sectors };
}
