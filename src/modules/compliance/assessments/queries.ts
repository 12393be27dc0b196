// Reads of the self-assessment for pages, the API and the spreadsheet: the questionnaire paged by
// requirement with its filters (a fixed handful of queries whatever the page size), one answer, and an
// institution's assessments. Callers load the assessment first (loadAssessment: visibility).
import { and, asc, desc, eq, isNull, sql, type SQL } from 'drizzle-orm';
import type { Ctx } from '../../../platform/context.ts';
import { scopeFilter } from '../../../platform/auth/scope.ts';
import { institutions } from '../../reference/index.ts';
import { systems } from '../../portfolio/index.ts';
import { readScope } from '../access.ts';
import { answers, assessments, cycles, requirements, type Answer, type Evidence, type Obligation } from '../schema.ts';
import { evidenceOfAnswers } from './evidence.service.ts';
import type { SelectedFields } from 'drizzle-orm/pg-core';
import type { SelectResult } from 'drizzle-orm/query-builders/select.types';
import { pageWindow, pagedOf, type Paged } from '../../../platform/db/paged.ts';

export interface QuestionRow {
  answer: Answer;
  ref: string;
  textSw: string;
  textEn: string;
  obligation: Obligation;
  groupCode: string | null;
  systemCode: string | null;
  systemName: string | null;
  assigneeName: string | null;
  evidence: Evidence[];
}

export interface QuestionFilters {
  unanswered?: boolean;
  mine?: boolean;
  group?: string;
  /** A system id. */
  system?: string;
  page?: number;
  pageSize?: number;
}

export const QUESTIONS_PAGE = 50;

function filterSql(ctx: Pick<Ctx, 'actor'>, assessmentId: string, f: QuestionFilters): SQL {
  const parts: SQL[] = [eq(answers.assessmentId, assessmentId)];
  if (f.unanswered) parts.push(sql`(${answers.result} IS NULL OR ${answers.answeredAt} IS NULL)`);
  if (f.mine) parts.push(ctx.actor ? eq(answers.assignedTo, ctx.actor.userId) : sql`FALSE`);
  if (f.group) parts.push(eq(requirements.groupCode, f.group));
  if (f.system) parts.push(/^[0-9a-f-]{36}$/i.test(f.system) ? eq(answers.systemId, f.system) : f.system === 'institution' ? isNull(answers.systemId) : sql`FALSE`);
  return and(...parts)!;
}

/** A row of answerPage(): the selected fields, those of the system nullable (an answer about the institution as a whole has none). */
type AnswerPageRow<F> = SelectResult<F, 'partial', { compliance_answers: 'not-null'; compliance_requirements: 'not-null'; portfolio_systems: 'nullable' }>;

/**
 * One page of an assessment's answers (joined to their requirement, and to their system when they
 * have one) in questionnaire order, with how many match `where`. `clamp` shows the last page for a
 * page past the end; without it such a page is empty.
 */
export async function answerPage<F extends SelectedFields>(ctx: Pick<Ctx, 'q'>, fields: F, where: SQL | undefined, opts: { page?: number; pageSize: number; clamp?: boolean }): Promise<Paged<AnswerPageRow<F>>> {
  const [{ n }] = await ctx.q.select({ n: sql<number>`count(*)::int` }).from(answers).innerJoin(requirements, eq(requirements.id, answers.requirementId)).where(where);
  const w = pageWindow(opts.clamp ? Math.min(opts.page ?? 1, Math.ceil(n / opts.pageSize)) : opts.page, opts.pageSize);
  // The builder cannot follow a generic selection through its joins; the row type is given above instead.
  const items = (await ctx.q.select(fields as SelectedFields).from(answers).innerJoin(requirements, eq(requirements.id, answers.requirementId)).leftJoin(systems, eq(systems.id, answers.systemId)).where(where).orderBy(asc(answers.position)).limit(w.limit).offset(w.offset)) as AnswerPageRow<F>[];
  return pagedOf(items, n, w.page, opts.pageSize);
}

/** One page of the questionnaire: three queries (count, page, evidence of the page). */
export async function questionnaire(ctx: Pick<Ctx, 'q' | 'actor'>, assessmentId: string, f: QuestionFilters = {}): Promise<{ items: QuestionRow[]; total: number; page: number; pageSize: number }> {
  const pageSize = Math.min(f.pageSize ?? QUESTIONS_PAGE, 500);
  const where = filterSql(ctx, assessmentId, f);
  const { items: rows, total, page } = await answerPage(ctx, {
    answer: answers,
    ref: requirements.ref,
    textSw: requirements.textSw,
    textEn: requirements.textEn,
    obligation: requirements.obligation,
    groupCode: requirements.groupCode,
    systemCode: systems.code,
    systemName: systems.name,
    assigneeName: sql<string | null>`(SELECT u.name FROM users u WHERE u.id = ${answers.assignedTo})`,
  }, where, { page: f.page, pageSize, clamp: true });
  const ev = await evidenceOfAnswers(ctx, rows.map((r) => r.answer.id));
  return { items: rows.map((r) => ({ ...r, evidence: ev.get(r.answer.id) ?? [] })), total, page, pageSize };
}

/** One question of an assessment (404 when the answer is not of this assessment). */
export async function question(ctx: Pick<Ctx, 'q' | 'actor'>, assessmentId: string, answerId: string): Promise<QuestionRow | null> {
  if (!/^[0-9a-f-]{36}$/i.test(answerId)) return null;
  const rows = await ctx.q
    .select({ answer: answers, ref: requirements.ref, textSw: requirements.textSw, textEn: requirements.textEn, obligation: requirements.obligation, groupCode: requirements.groupCode, systemCode: systems.code, systemName: systems.name, assigneeName: sql<string | null>`(SELECT u.name FROM users u WHERE u.id = ${answers.assignedTo})` })
    .from(answers)
    .innerJoin(requirements, eq(requirements.id, answers.requirementId))
    .leftJoin(systems, eq(systems.id, answers.systemId))
    .where(and(eq(answers.id, answerId), eq(answers.assessmentId, assessmentId)));
  if (!rows[0]) return null;
  const ev = await evidenceOfAnswers(ctx, [answerId]);
  return { ...rows[0], evidence: ev.get(answerId) ?? [] };
}

/** The filter choices of a questionnaire: its architecture groups and its systems (one query). */
export async function questionnaireChoices(ctx: Pick<Ctx, 'q'>, assessmentId: string): Promise<{ groups: string[]; systems: { id: string; code: string; name: string }[] }> {
  const rows = await ctx.q.execute(sql`SELECT DISTINCT 'g' AS kind, r.group_code AS id, r.group_code AS code, '' AS name FROM compliance_answers n JOIN compliance_requirements r ON r.id = n.requirement_id WHERE n.assessment_id = ${assessmentId} AND r.group_code IS NOT NULL
     UNION SELECT DISTINCT 's', s.id::text, s.code, s.name FROM compliance_answers n JOIN portfolio_systems s ON s.id = n.system_id WHERE n.assessment_id = ${assessmentId}`);
  const list = rows.rows as { kind: string; id: string; code: string; name: string }[];
  return {
    groups: list.filter((r) => r.kind === 'g').map((r) => r.code).sort(),
    systems: list.filter((r) => r.kind === 's').map((r) => ({ id: r.id, code: r.code, name: r.name })).sort((a, b) => a.code.localeCompare(b.code)),
  };
}

export interface InstitutionAssessmentRow {
  id: string;
  cycleId: string;
  cycleCode: string;
  cycleNameSw: string;
  cycleNameEn: string;
  cycleStatus: string;
  submissionDue: string;
  status: string;
  questionCount: number;
  answeredCount: number;
  signedOffAt: Date | null;
}

/** An institution's assessments, newest cycle first (within the caller's scope). */
export async function institutionAssessments(ctx: Pick<Ctx, 'q' | 'actor'>, institutionId: string): Promise<InstitutionAssessmentRow[]> {
  return ctx.q
    .select({ id: assessments.id, cycleId: cycles.id, cycleCode: cycles.code, cycleNameSw: cycles.nameSw, cycleNameEn: cycles.nameEn, cycleStatus: cycles.status, submissionDue: cycles.submissionDue, status: assessments.status, questionCount: assessments.questionCount, answeredCount: assessments.answeredCount, signedOffAt: assessments.signedOffAt })
    .from(assessments)
    .innerJoin(cycles, eq(cycles.id, assessments.cycleId))
    .where(and(eq(assessments.institutionId, institutionId), scopeFilter(readScope(ctx.actor), assessments.institutionId)))
    .orderBy(desc(cycles.createdAt));
}

