// Commands of the authority's review and the institution's answers: assignment, checklist ratings,
// deficiencies (each its own discussion), clarification (the clock stops), returning a case,
// the decision with reasons and conditions, conditions closed on evidence, document advice.
import { and, eq, sql } from 'drizzle-orm';
import { actsFor, authorize } from '../../platform/auth/access.ts';
import { command, type TxCtx } from '../../platform/context.ts';
import { AppError, invalid, notFound } from '../../platform/http/errors.ts';
import { isCalendarDate, isUuid } from '../../platform/input.ts';
import type { Actor, Role } from '../../platform/auth/actor.ts';
import { casePolicy } from './access.ts';
import { loadCase, touchCase } from './cases.service.ts';
import { holidaySet, pausesOf } from './clock.ts';
import { notify } from './notify.ts';
import { caseView } from './queries.ts';
import { decisionLetter, letterFileName } from './letter.ts';
import { fileStore } from '../../platform/files/index.ts';
import type { MailAttachment } from '../../platform/mail.ts';
import { checklistScore, decisionProblems, dueDate, localDate } from './rules.ts';
import {
  clarifications, clauseComments, conditions, criteria, deficiencies, deficiencyEvents, decisions, documents, OUTCOMES, RATINGS, ratings,
  type Case, type Outcome, type Rating,
} from './schema.ts';
import { audit } from './audit-events.ts';

const clean = (v: string | undefined, max: number) => (v ?? '').replace(/\u0000/g, '').trim().slice(0, max);

/** The first reviewer who acts on an unassigned case takes it; a submitted case moves into review. */
async function takeUp(ctx: TxCtx, c: Case): Promise<Case> {
  if (c.reviewerId && c.stage === 'in_review') return c;
  return touchCase(ctx, c, { reviewerId: c.reviewerId ?? ctx.actor!.userId, reviewerName: c.reviewerName ?? ctx.actor!.name, stage: 'in_review' });
}

/** The authority assigns a reviewer: never one who acts for the submitting institution. */
export const assignReviewer = command(async (ctx, input: { id: string; reviewerId: string }) => {
  const c = await loadCase(ctx, input.id);
  authorize(ctx.actor, casePolicy, 'assign', c);
  if (!isUuid(input.reviewerId)) throw invalid({ reviewerId: 'reviews.field.reviewer' });
  const grants = (await ctx.tx.execute(sql`SELECT u.id, u.name, u.email, u.lang, g.role, g.institution_id FROM users u JOIN role_grants g ON g.user_id = u.id WHERE u.id = ${input.reviewerId} AND u.active`)).rows as {
    id: string; name: string; email: string; lang: 'sw' | 'en'; role: Role; institution_id: string | null;
  }[];
  if (!grants.some((g) => g.role === 'authority_reviewer')) throw invalid({ reviewerId: 'reviews.field.reviewer' });
  const reviewer: Actor = { userId: grants[0].id, name: grants[0].name, email: grants[0].email, lang: grants[0].lang, via: 'web', roles: grants.map((g) => ({ role: g.role, institutionId: g.institution_id, institutionAcronym: null })) };
  if (actsFor(reviewer, c.institutionId)) throw new AppError(403, 'reviews.refused.reviewerOwnInstitution');
  const saved = await touchCase(ctx, c, { reviewerId: reviewer.userId, reviewerName: reviewer.name, stage: c.stage === 'submitted' ? 'in_review' : c.stage });
  await audit(ctx, 'reviews.case.assign', { entityId: c.id, institutionId: c.institutionId, details: { reviewer: reviewer.name } });
  await notify(ctx, saved, ['reviewer'], 'reviews.mail.assigned.subject', 'reviews.mail.assigned.body');
  return saved;
});

/** Rates checklist criteria (red/amber/green with a comment); a red or amber rating needs its comment. */
export const rateCase = command(async (ctx, input: { id: string; ratings: { criterion: string; rating: string; comment?: string }[] }) => {
  let c = await loadCase(ctx, input.id);
  authorize(ctx.actor, casePolicy, 'review', c);
  const known = new Set((await ctx.tx.select({ code: criteria.code }).from(criteria).where(eq(criteria.active, true))).map((r) => r.code));
  const problems: Record<string, 'reviews.field.rating' | 'reviews.field.ratingComment'> = {};
  const rows = input.ratings.filter((r) => r.rating);
  for (const r of rows) {
    if (!known.has(r.criterion) || !(RATINGS as readonly string[]).includes(r.rating)) problems[`rating_${r.criterion}`] = 'reviews.field.rating';
    else if (r.rating !== 'green' && !clean(r.comment, 2000)) problems[`comment_${r.criterion}`] = 'reviews.field.ratingComment';
  }
  if (Object.keys(problems).length) throw invalid(problems);
  c = await takeUp(ctx, c);
  for (const r of rows) {
    const values = { caseId: c.id, criterion: r.criterion, rating: r.rating as Rating, comment: clean(r.comment, 2000), ratedBy: ctx.actor!.userId, ratedAt: new Date() };
    await ctx.tx.insert(ratings).values(values).onConflictDoUpdate({ target: [ratings.caseId, ratings.criterion], set: { rating: values.rating, comment: values.comment, ratedBy: values.ratedBy, ratedAt: values.ratedAt } });
  }
  await touchCase(ctx, c, {});
  await audit(ctx, 'reviews.case.rate', { entityId: c.id, institutionId: c.institutionId, details: Object.fromEntries(rows.map((r) => [r.criterion, r.rating])) });
});

async function loadDeficiency(ctx: TxCtx, id: string) {
  if (!isUuid(id)) throw notFound();
  const [d] = await ctx.tx.select().from(deficiencies).where(eq(deficiencies.id, id));
  if (!d) throw notFound();
  return { d, c: await loadCase(ctx, d.caseId) };
}

async function event(ctx: TxCtx, deficiencyId: string, action: 'raised' | 'answered' | 'resolved' | 'reopened', text: string) {
  await ctx.tx.insert(deficiencyEvents).values({ deficiencyId, action, text, actorLabel: ctx.actor?.name ?? ctx.source.actorLabel } as typeof deficiencyEvents.$inferInsert);
}

/** Raises a deficiency: a separate item the institution answers on its own. */
export const raiseDeficiency = command(async (ctx, input: { id: string; text: string; criterion?: string | null }) => {
  let c = await loadCase(ctx, input.id);
  authorize(ctx.actor, casePolicy, 'review', c);
  const text = clean(input.text, 4000);
  if (!text) throw invalid({ text: 'reviews.field.deficiency' });
  const criterion = input.criterion || null;
  if (criterion && !(await ctx.tx.select().from(criteria).where(eq(criteria.code, criterion))).length) throw invalid({ criterion: 'reviews.field.rating' });
  c = await takeUp(ctx, c);
  const [{ n }] = (await ctx.tx.execute(sql`SELECT coalesce(max(number), 0)::int + 1 AS n FROM review_deficiencies WHERE case_id = ${c.id}`)).rows as { n: number }[];
  const [d] = await ctx.tx.insert(deficiencies).values({ caseId: c.id, number: n, criterion, text }).returning();
  await event(ctx, d.id, 'raised', text);
  await touchCase(ctx, c, {});
  await audit(ctx, 'reviews.deficiency.raise', { entityId: d.id, institutionId: c.institutionId, details: { case: c.id, number: n } });
  await notify(ctx, c, ['institution'], 'reviews.mail.deficiency.subject', 'reviews.mail.deficiency.body', { number: String(n), text });
  return d;
});

/** The institution answers one deficiency. */
export const answerDeficiency = command(async (ctx, input: { deficiencyId: string; answer: string }) => {
  const { d, c } = await loadDeficiency(ctx, input.deficiencyId);
  authorize(ctx.actor, casePolicy, 'answer', c);
  if (d.status !== 'raised') throw new AppError(409, 'reviews.refused.deficiencyState');
  const answer = clean(input.answer, 4000);
  if (!answer) throw invalid({ answer: 'reviews.field.answer' });
  await ctx.tx.update(deficiencies).set({ status: 'answered', revision: sql`${deficiencies.revision} + 1` }).where(eq(deficiencies.id, d.id));
  await event(ctx, d.id, 'answered', answer);
  await touchCase(ctx, c, {});
  await audit(ctx, 'reviews.deficiency.answer', { entityId: d.id, institutionId: c.institutionId, details: { case: c.id, number: d.number } });
  await notify(ctx, c, ['reviewer'], 'reviews.mail.answered.subject', 'reviews.mail.answered.body', { number: String(d.number) });
});

/** The reviewer accepts an answer (resolved) or finds it wanting (reopened: raised again). */
export const settleDeficiency = command(async (ctx, input: { deficiencyId: string; resolve: boolean; note?: string }) => {
  const { d, c } = await loadDeficiency(ctx, input.deficiencyId);
  authorize(ctx.actor, casePolicy, 'review', c);
  if (input.resolve ? d.status === 'resolved' : d.status === 'raised') throw new AppError(409, 'reviews.refused.deficiencyState');
  await ctx.tx.update(deficiencies).set({ status: input.resolve ? 'resolved' : 'raised', revision: sql`${deficiencies.revision} + 1` }).where(eq(deficiencies.id, d.id));
  await event(ctx, d.id, input.resolve ? 'resolved' : 'reopened', clean(input.note, 4000));
  await touchCase(ctx, c, {});
  await audit(ctx, input.resolve ? 'reviews.deficiency.resolve' : 'reviews.deficiency.reopen', { entityId: d.id, institutionId: c.institutionId, details: { case: c.id, number: d.number } });
  if (!input.resolve) await notify(ctx, c, ['institution'], 'reviews.mail.deficiency.subject', 'reviews.mail.deficiency.body', { number: String(d.number), text: clean(input.note, 4000) || d.text });
});

/** The reviewer asks the institution a question: the case waits on the institution and the clock stops. */
export const requestClarification = command(async (ctx, input: { id: string; question: string }) => {
  let c = await loadCase(ctx, input.id);
  authorize(ctx.actor, casePolicy, 'review', c);
  const question = clean(input.question, 4000);
  if (!question) throw invalid({ question: 'reviews.field.question' });
  c = await takeUp(ctx, c);
  await ctx.tx.insert(clarifications).values({ caseId: c.id, question, askedBy: ctx.actor!.userId });
  const saved = await touchCase(ctx, c, { stage: 'clarification', dueOn: null });
  await audit(ctx, 'reviews.clarification.request', { entityId: c.id, institutionId: c.institutionId });
  await notify(ctx, saved, ['institution'], 'reviews.mail.clarification.subject', 'reviews.mail.clarification.body', { question });
});

/** The institution answers the open question: the case returns to the reviewer and the clock runs again. */
export const answerClarification = command(async (ctx, input: { id: string; answer: string }) => {
  const c = await loadCase(ctx, input.id);
  authorize(ctx.actor, casePolicy, 'answer', c);
  if (c.stage !== 'clarification') throw new AppError(409, 'reviews.refused.noQuestion');
  const answer = clean(input.answer, 4000);
  if (!answer) throw invalid({ answer: 'reviews.field.answer' });
  await ctx.tx.update(clarifications).set({ answer, answeredBy: ctx.actor!.userId, answeredAt: new Date() }).where(and(eq(clarifications.caseId, c.id), sql`${clarifications.answeredAt} IS NULL`));
  const start = localDate(c.submittedAt ?? new Date());
  const due = dueDate(start, c.slaDays, await holidaySet(ctx), (await pausesOf(ctx, c.id)).filter((p) => p.to === null || p.to >= start));
  const saved = await touchCase(ctx, c, { stage: 'in_review', dueOn: due });
  await audit(ctx, 'reviews.clarification.answer', { entityId: c.id, institutionId: c.institutionId, details: { due } });
  await notify(ctx, saved, ['reviewer'], 'reviews.mail.clarified.subject', 'reviews.mail.clarified.body', { due: due ?? '' });
});

/** The reviewer returns the case to the institution to fix its deficiencies and submit again. */
export const returnCase = command(async (ctx, input: { id: string; note?: string }) => {
  let c = await loadCase(ctx, input.id);
  authorize(ctx.actor, casePolicy, 'review', c);
  c = await takeUp(ctx, c);
  const saved = await touchCase(ctx, c, { stage: 'returned', dueOn: null });
  await audit(ctx, 'reviews.case.return', { entityId: c.id, institutionId: c.institutionId });
  await notify(ctx, saved, ['institution'], 'reviews.mail.returned.subject', 'reviews.mail.returned.body', { note: clean(input.note, 2000) });
});

/** The decision: an outcome with its reasons, and for an approval on conditions the conditions themselves. */
export const decideCase = command(async (ctx, input: { id: string; outcome: string; reasons: string; conditions?: { text: string; dueOn?: string | null }[]; advice?: string; implements?: string[] }) => {
  let c = await loadCase(ctx, input.id);
  authorize(ctx.actor, casePolicy, 'decide', c);
  const conds = (input.conditions ?? []).map((x) => ({ text: clean(x.text, 2000), dueOn: x.dueOn || null })).filter((x) => x.text);
  const problems = decisionProblems(input.outcome, input.reasons ?? '', conds.map((x) => x.text), OUTCOMES);
  conds.forEach((x, i) => {
    if (x.dueOn && !isCalendarDate(x.dueOn)) problems[`conditionDue${i + 1}`] = 'reviews.field.date';
  });
  if (Object.keys(problems).length) throw invalid(problems);
  c = await takeUp(ctx, c);
  const crit = await ctx.tx.select().from(criteria).where(eq(criteria.active, true));
  const rated = await ctx.tx.select().from(ratings).where(eq(ratings.caseId, c.id));
  const score = checklistScore(crit, rated);
  await ctx.tx.insert(decisions).values({ caseId: c.id, outcome: input.outcome as Outcome, reasons: clean(input.reasons, 8000), score, decidedBy: ctx.actor!.userId, decidedByName: ctx.actor!.name });
  for (const [i, x] of conds.entries()) await ctx.tx.insert(conditions).values({ caseId: c.id, number: i + 1, text: x.text, dueOn: x.dueOn });
  if (c.kind === 'document') {
    const docIds = (input.implements ?? []).filter(isUuid).slice(0, 50);
    const [d] = await ctx.tx.select().from(documents).where(eq(documents.caseId, c.id));
    await ctx.tx.update(documents).set({ advice: clean(input.advice ?? input.reasons, 8000), implements: docIds, advisedClauses: d.clauses }).where(eq(documents.caseId, c.id));
  }
  const saved = await touchCase(ctx, c, { stage: 'decided', outcome: input.outcome as Outcome, decidedAt: new Date() });
  await audit(ctx, 'reviews.case.decide', { entityId: c.id, institutionId: c.institutionId, details: { outcome: input.outcome, conditions: conds.length, score } });
  // The letter goes with the e-mail in both languages, as the decision now stands (decision 0410).
  const view = await caseView(ctx, c.id);
  const store = fileStore(ctx.config.dataDir);
  const letters: MailAttachment[] = [];
  for (const lang of ['sw', 'en'] as const) {
    const { sha256 } = await store.put(await decisionLetter(view, lang));
    letters.push({ filename: letterFileName(view, lang), contentType: 'application/pdf', sha256 });
  }
  const letter = `${ctx.config.publicUrl}/api/v1/reviews/proposals/${c.id}/decision.pdf`;
  const outcome = input.outcome as Outcome;
  await notify(ctx, saved, ['institution', 'reviewer'], 'reviews.mail.decided.subject', 'reviews.mail.decided.body', (t) => ({ outcome: t(`reviews.outcome.${outcome}`), letterSw: `${letter}?lang=sw`, letterEn: `${letter}?lang=en` }), letters);
  return saved;
});

async function loadCondition(ctx: TxCtx, id: string) {
  if (!isUuid(id)) throw notFound();
  const [k] = await ctx.tx.select().from(conditions).where(eq(conditions.id, id));
  if (!k) throw notFound();
  return { k, c: await loadCase(ctx, k.caseId) };
}

/** The institution reports a condition met, with its evidence. */
export const reportCondition = command(async (ctx, input: { conditionId: string; evidence: string }) => {
  const { k, c } = await loadCondition(ctx, input.conditionId);
  authorize(ctx.actor, casePolicy, 'reportCondition', c);
  if (k.status === 'closed') throw new AppError(409, 'reviews.refused.conditionClosed');
  const evidence = clean(input.evidence, 4000);
  if (!evidence) throw invalid({ evidence: 'reviews.field.evidence' });
  await ctx.tx.update(conditions).set({ status: 'reported', evidence, reportedAt: new Date(), revision: sql`${conditions.revision} + 1` }).where(eq(conditions.id, k.id));
  await audit(ctx, 'reviews.condition.report', { entityId: k.id, institutionId: c.institutionId, details: { case: c.id, number: k.number } });
  await notify(ctx, c, ['reviewer'], 'reviews.mail.conditionReported.subject', 'reviews.mail.conditionReported.body', { number: String(k.number) });
});

/** The reviewer closes a condition: only on evidence the institution gave. */
export const closeCondition = command(async (ctx, input: { conditionId: string }) => {
  const { k, c } = await loadCondition(ctx, input.conditionId);
  authorize(ctx.actor, casePolicy, 'closeCondition', c);
  if (k.status === 'closed') throw new AppError(409, 'reviews.refused.conditionClosed');
  if (!k.evidence.trim()) throw new AppError(422, 'reviews.refused.noEvidence', undefined, { evidence: 'reviews.refused.noEvidence' });
  await ctx.tx.update(conditions).set({ status: 'closed', closedBy: ctx.actor!.userId, closedAt: new Date(), revision: sql`${conditions.revision} + 1` }).where(eq(conditions.id, k.id));
  await audit(ctx, 'reviews.condition.close', { entityId: k.id, institutionId: c.institutionId, details: { case: c.id, number: k.number } });
  await notify(ctx, c, ['institution'], 'reviews.mail.conditionClosed.subject', 'reviews.mail.conditionClosed.body', { number: String(k.number) });
});

/** A reviewer's comment on one clause of an institution's document. */
export const commentClause = command(async (ctx, input: { id: string; clauseNumber: string; comment: string }) => {
  let c = await loadCase(ctx, input.id);
  authorize(ctx.actor, casePolicy, 'review', c);
  if (c.kind !== 'document') throw notFound();
  const [d] = await ctx.tx.select().from(documents).where(eq(documents.caseId, c.id));
  if (!d.clauses.some((x) => x.number === input.clauseNumber)) throw invalid({ clauseNumber: 'reviews.field.clause' });
  const comment = clean(input.comment, 4000);
  if (!comment) throw invalid({ comment: 'reviews.field.comment' });
  c = await takeUp(ctx, c);
  await ctx.tx.insert(clauseComments).values({ caseId: c.id, clauseNumber: input.clauseNumber, comment, authorName: ctx.actor!.name });
  await touchCase(ctx, c, {});
  await audit(ctx, 'reviews.document.comment', { entityId: c.id, institutionId: c.institutionId, details: { clause: input.clauseNumber } });
});

