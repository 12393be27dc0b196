// Answering the self-assessment: save one answer (optimistic concurrency on its revision), attach and
// detach evidence, assign a question to a colleague, the completeness check, the head's sign-off with
// its attestation, and verifying an attestation later. Every change to answers bumps the assessment's
// updated_at (scores recompute from it) and keeps answered_count exact.
import { and, asc, eq, sql } from 'drizzle-orm';
import { command, type Ctx, type TxCtx } from '../../../platform/context.ts';
import { authorize, requireVisible } from '../../../platform/auth/access.ts';
import { AppError, invalid, notFound } from '../../../platform/http/errors.ts';
import { isUuid } from '../../../platform/input.ts';
import { queueMail } from '../../../platform/mail.ts';
import { translator } from '../../../messages.ts';
import { institutions } from '../../reference/index.ts';
import { systems } from '../../portfolio/index.ts';
import { answerEvidence, answers, assessments, attestations, cycles, evidence, requirements, type Answer, type Assessment, type Attestation } from '../schema.ts';
import { answerPolicy, assessmentPolicy } from './access.ts';
import { requireEvidence } from './evidence.service.ts';
import { answerProblems, answerValues, attestationOf, completenessGaps, sameAnswers, sha256Hex, type AttestedAnswer, type Gap } from './rules.ts';
import { canonical } from '../../../platform/audit.ts';
import { audit } from '../audit-events.ts';

export interface AssessmentView extends Assessment {
  cycleCode: string;
  cycleNameSw: string;
  cycleNameEn: string;
  submissionDue: string;
  acronym: string;
  institutionNameSw: string;
  institutionNameEn: string;
}

/** One assessment with its cycle and institution, if the caller may read it (404 otherwise). */
export async function loadAssessment(ctx: Pick<Ctx, 'q' | 'actor'>, id: string): Promise<AssessmentView> {
  if (!isUuid(id)) throw notFound();
  const [row] = await ctx.q
    .select({ a: assessments, cycleCode: cycles.code, cycleNameSw: cycles.nameSw, cycleNameEn: cycles.nameEn, submissionDue: cycles.submissionDue, acronym: institutions.acronym, institutionNameSw: institutions.nameSw, institutionNameEn: institutions.nameEn })
    .from(assessments)
    .innerJoin(cycles, eq(cycles.id, assessments.cycleId))
    .innerJoin(institutions, eq(institutions.id, assessments.institutionId))
    .where(eq(assessments.id, id));
  const view = row ? { ...row.a, cycleCode: row.cycleCode, cycleNameSw: row.cycleNameSw, cycleNameEn: row.cycleNameEn, submissionDue: row.submissionDue, acronym: row.acronym, institutionNameSw: row.institutionNameSw, institutionNameEn: row.institutionNameEn } : undefined;
  return requireVisible(ctx.actor, assessmentPolicy, view);
}

interface AnswerContext {
  answer: Answer;
  institutionId: string;
  assessmentStatus: Assessment['status'];
  reviewStatus: Answer['reviewStatus'];
}

async function loadAnswer(ctx: TxCtx, id: string): Promise<AnswerContext> {
  if (!isUuid(id)) throw notFound();
  const [row] = await ctx.tx
    .select({ answer: answers, institutionId: assessments.institutionId, assessmentStatus: assessments.status })
    .from(answers)
    .innerJoin(assessments, eq(assessments.id, answers.assessmentId))
    .where(eq(answers.id, id))
    .for('update', { of: answers });
  const rec = row ? { ...row, reviewStatus: row.answer.reviewStatus } : undefined;
  return requireVisible(ctx.actor, answerPolicy, rec);
}

/** Recounts answered questions and marks the assessment changed (what scores and progress read). */
export async function answersChanged(ctx: TxCtx, assessmentId: string): Promise<void> {
  await ctx.tx
    .update(assessments)
    .set({
      answeredCount: sql`(SELECT count(*)::int FROM ${answers} WHERE ${answers.assessmentId} = ${assessmentId} AND ${answers.result} IS NOT NULL AND ${answers.answeredAt} IS NOT NULL)`,
      updatedAt: new Date(),
    })
    .where(eq(assessments.id, assessmentId));
}

export interface SaveAnswerInput {
  id: string;
  /** The revision the form or client started from; a newer one means someone saved in between (409). */
  revision: number;
  result: string;
  justification: string;
  comment: string;
  /** The evidence attached after saving; undefined leaves the attachments as they are. */
  evidenceIds?: string[];
}

/** The stored version of an answer, shown next to the caller's on a conflict. */
export interface AnswerVersion {
  revision: number;
  result: string | null;
  justification: string;
  comment: string;
}

const versionOf = (a: Answer): AnswerVersion => ({ revision: a.revision, result: a.result, justification: a.justification, comment: a.comment });

/** Saves one answer (confirming a carried-over one). An empty result clears it. */
export const saveAnswer = command(async (ctx, input: SaveAnswerInput): Promise<Answer> => {
  const cur = await loadAnswer(ctx, input.id);
  authorize(ctx.actor, answerPolicy, 'answer', cur);
  const problems = answerProblems(input);
  if (Object.keys(problems).length) throw invalid(problems);
  if (cur.answer.revision !== input.revision) throw new AppError(409, 'assessments.conflict', undefined, undefined, { current: versionOf(cur.answer) });
  const v = answerValues(input);
  const attach = input.evidenceIds === undefined ? undefined : await requireEvidence(ctx, cur.institutionId, input.evidenceIds);
  const [saved] = await ctx.tx
    .update(answers)
    .set({ ...v, answeredBy: v.result ? (ctx.actor?.userId ?? null) : null, answeredAt: v.result ? new Date() : null, revision: sql`${answers.revision} + 1` })
    .where(and(eq(answers.id, cur.answer.id), eq(answers.revision, input.revision)))
    .returning();
  if (attach) {
    await ctx.tx.delete(answerEvidence).where(eq(answerEvidence.answerId, saved.id));
    if (attach.length) await ctx.tx.insert(answerEvidence).values(attach.map((e) => ({ answerId: saved.id, evidenceId: e.id })));
  }
  await answersChanged(ctx, saved.assessmentId);
  await audit(ctx, 'compliance.answer.save', { entityId: saved.id, institutionId: cur.institutionId, details: { assessment: saved.assessmentId, result: saved.result, carried: !!saved.carriedFrom, evidence: attach?.length } });
  return saved;
});

/** Attaches pieces of the institution's evidence to an answer (kept attachments stay). */
export const attachEvidence = command(async (ctx, input: { answerId: string; evidenceIds: string[] }): Promise<void> => {
  const cur = await loadAnswer(ctx, input.answerId);
  authorize(ctx.actor, answerPolicy, 'answer', cur);
  const rows = await requireEvidence(ctx, cur.institutionId, input.evidenceIds);
  if (rows.length === 0) throw invalid({ evidence: 'assessments.evidence.field.unknown' });
  await ctx.tx.insert(answerEvidence).values(rows.map((e) => ({ answerId: cur.answer.id, evidenceId: e.id }))).onConflictDoNothing();
  await ctx.tx.update(answers).set({ revision: sql`${answers.revision} + 1` }).where(eq(answers.id, cur.answer.id));
  await answersChanged(ctx, cur.answer.assessmentId);
  await audit(ctx, 'compliance.answer.attach', { entityId: cur.answer.id, institutionId: cur.institutionId, details: { evidence: rows.map((e) => e.id) } });
});

export const detachEvidence = command(async (ctx, input: { answerId: string; evidenceId: string }): Promise<void> => {
  const cur = await loadAnswer(ctx, input.answerId);
  authorize(ctx.actor, answerPolicy, 'answer', cur);
  if (!isUuid(input.evidenceId)) throw notFound();
  const gone = await ctx.tx.delete(answerEvidence).where(and(eq(answerEvidence.answerId, cur.answer.id), eq(answerEvidence.evidenceId, input.evidenceId))).returning();
  if (gone.length === 0) throw notFound();
  await ctx.tx.update(answers).set({ revision: sql`${answers.revision} + 1` }).where(eq(answers.id, cur.answer.id));
  await answersChanged(ctx, cur.answer.assessmentId);
  await audit(ctx, 'compliance.answer.detach', { entityId: cur.answer.id, institutionId: cur.institutionId, details: { evidence: input.evidenceId } });
});

/** People who may answer for the institution (officers and the head, active): whom a question can be assigned to. */
export async function colleagues(ctx: Pick<Ctx, 'q'>, institutionId: string): Promise<{ id: string; name: string; email: string; lang: 'sw' | 'en' }[]> {
  const rows = await ctx.q.execute(sql`SELECT DISTINCT u.id, u.name, u.email, u.lang FROM users u JOIN role_grants g ON g.user_id = u.id
      WHERE u.active AND g.institution_id = ${institutionId} AND g.role IN ('institution_officer', 'institution_head') ORDER BY u.name`);
  return rows.rows as { id: string; name: string; email: string; lang: 'sw' | 'en' }[];
}

/** Assigns a question to a colleague of the same institution (or unassigns it); the colleague is e-mailed once the change commits. */
export const assignAnswer = command(async (ctx, input: { answerId: string; assigneeId: string | null; publicUrl: string }): Promise<void> => {
  const cur = await loadAnswer(ctx, input.answerId);
  authorize(ctx.actor, answerPolicy, 'assign', cur);
  let assignee: { id: string; name: string; email: string; lang: 'sw' | 'en' } | undefined;
  if (input.assigneeId) {
    assignee = (await colleagues(ctx, cur.institutionId)).find((c) => c.id === input.assigneeId);
    if (!assignee) throw invalid({ assignee: 'assessments.field.assignee' });
  }
  await ctx.tx.update(answers).set({ assignedTo: assignee?.id ?? null, revision: sql`${answers.revision} + 1` }).where(eq(answers.id, cur.answer.id));
  await audit(ctx, 'compliance.answer.assign', { entityId: cur.answer.id, institutionId: cur.institutionId, details: { assignee: assignee?.id ?? null } });
  if (assignee && assignee.id !== ctx.actor?.userId) {
    const [req] = await ctx.tx.select({ ref: requirements.ref }).from(requirements).where(eq(requirements.id, cur.answer.requirementId));
    const t = translator(assignee.lang);
    // The outbox row commits with the assignment; delivery happens after the commit.
    await queueMail(ctx.tx, {
      to: assignee.email,
      subject: t('assessments.mail.assigned.subject', { ref: req?.ref ?? '' }),
      body: t('assessments.mail.assigned.body', { name: assignee.name, by: ctx.actor?.name ?? '', ref: req?.ref ?? '', url: `${input.publicUrl}/compliance/assessments/${cur.answer.assessmentId}/answers/${cur.answer.id}` }),
    });
  }
});

export interface GapRow {
  answerId: string;
  gap: Gap;
  ref: string;
  systemCode: string | null;
  position: number;
}

/** What is missing before sign-off: unanswered, carried over but not confirmed, N/A without justification, mandatory non-compliance without comment. */
export async function completeness(ctx: Pick<Ctx, 'q' | 'actor'>, assessmentId: string): Promise<GapRow[]> {
  const rows = await ctx.q
    .select({ id: answers.id, result: answers.result, justification: answers.justification, comment: answers.comment, answeredAt: answers.answeredAt, carriedFrom: answers.carriedFrom, obligation: requirements.obligation, ref: requirements.ref, systemCode: systems.code, position: answers.position })
    .from(answers)
    .innerJoin(requirements, eq(requirements.id, answers.requirementId))
    .leftJoin(systems, eq(systems.id, answers.systemId))
    .where(eq(answers.assessmentId, assessmentId))
    .orderBy(asc(answers.position));
  const byId = new Map(rows.map((r) => [r.id, r]));
  const gaps = completenessGaps(rows.map((r) => ({ answerId: r.id, result: r.result, justification: r.justification, comment: r.comment, obligation: r.obligation, unconfirmed: !!r.carriedFrom && !r.answeredAt })));
  return gaps.map((g) => {
    const r = byId.get(g.answerId)!;
    return { answerId: g.answerId, gap: g.gap, ref: r.ref, systemCode: r.systemCode, position: r.position };
  });
}

/** The answers as the attestation names them: requirement ref and version, system code, result, texts, evidence hashes. */
export async function attestedAnswers(ctx: Pick<Ctx, 'q'>, assessmentId: string): Promise<AttestedAnswer[]> {
  const rows = await ctx.q
    .select({ id: answers.id, ref: requirements.ref, version: answers.requirementVersion, system: systems.code, result: answers.result, justification: answers.justification, comment: answers.comment })
    .from(answers)
    .innerJoin(requirements, eq(requirements.id, answers.requirementId))
    .leftJoin(systems, eq(systems.id, answers.systemId))
    .where(eq(answers.assessmentId, assessmentId));
  const ev = await ctx.q
    .select({ answerId: answerEvidence.answerId, sha256: evidence.fileSha256, url: evidence.url })
    .from(answerEvidence)
    .innerJoin(evidence, eq(evidence.id, answerEvidence.evidenceId))
    .innerJoin(answers, eq(answers.id, answerEvidence.answerId))
    .where(eq(answers.assessmentId, assessmentId));
  const byAnswer = new Map<string, string[]>();
  for (const e of ev) byAnswer.set(e.answerId, [...(byAnswer.get(e.answerId) ?? []), e.sha256 ? `sha256:${e.sha256}` : `url-sha256:${sha256Hex(e.url ?? '')}`]);
  return rows.map((r) => ({ requirement: r.ref, version: r.version, system: r.system, result: r.result, justification: r.justification, comment: r.comment, evidence: byAnswer.get(r.id) ?? [] }));
}

/** The head of institution signs off: an attestation over exactly what is submitted; the assessment locks. */
export const signOff = command(async (ctx, input: { id: string; revision: number }): Promise<Attestation> => {
  const a = await loadAssessment(ctx, input.id);
  authorize(ctx.actor, assessmentPolicy, 'signOff', a);
  const [locked] = await ctx.tx.select({ revision: assessments.revision }).from(assessments).where(eq(assessments.id, a.id)).for('update');
  if (locked.revision !== input.revision) throw new AppError(409, 'assessments.signOff.changed');
  const gaps = await completeness(ctx, a.id);
  if (gaps.length) throw new AppError(422, 'assessments.signOff.incomplete', undefined, undefined, { gaps: gaps.length });
  const signedAt = new Date();
  const { content, sha256 } = attestationOf({
    assessment: a.id,
    cycle: a.cycleCode,
    institution: a.acronym,
    signer: { id: ctx.actor!.userId, name: ctx.actor!.name },
    signedAt: signedAt.toISOString(),
    answers: await attestedAnswers(ctx, a.id),
  });
  const [att] = await ctx.tx.insert(attestations).values({ assessmentId: a.id, signedBy: ctx.actor!.userId, signerName: ctx.actor!.name, signedAt, contentSha256: sha256, content }).returning();
  // Answers the authority had returned go back to it for review.
  await ctx.tx.update(answers).set({ reviewStatus: 'pending' }).where(and(eq(answers.assessmentId, a.id), eq(answers.reviewStatus, 'returned')));
  await ctx.tx.update(assessments).set({ status: 'signed_off', signedOffAt: signedAt, signedOffBy: ctx.actor!.userId, revision: sql`${assessments.revision} + 1`, updatedAt: signedAt }).where(eq(assessments.id, a.id));
  await audit(ctx, 'compliance.assessment.signOff', { entityId: a.id, institutionId: a.institutionId, details: { attestation: att.id, sha256, answers: content.answers.length } });
  return att;
});

export interface Verification {
  attestation: Attestation;
  /** The stored content still hashes to the stored hash. */
  contentIntact: boolean;
  /** The answers as they are now are the ones signed. */
  matchesCurrent: boolean;
  recomputed: string;
}

/** Attestations of an assessment, newest first. */
export async function attestationsOf(ctx: Pick<Ctx, 'q'>, assessmentId: string): Promise<Attestation[]> {
  return ctx.q.select().from(attestations).where(eq(attestations.assessmentId, assessmentId)).orderBy(sql`${attestations.signedAt} DESC`);
}

/** Checks an attestation against its stored content and against the current answers. */
export async function verifyAttestation(ctx: Pick<Ctx, 'q' | 'actor'>, id: string): Promise<Verification> {
  if (!isUuid(id)) throw notFound();
  const [att] = await ctx.q.select().from(attestations).where(eq(attestations.id, id));
  if (!att) throw notFound();
  await loadAssessment(ctx, att.assessmentId);
  const recomputed = sha256Hex(canonical(att.content));
  const content = att.content as { answers: AttestedAnswer[] };
  return { attestation: att, contentIntact: recomputed === att.contentSha256, matchesCurrent: sameAnswers(content.answers ?? [], await attestedAnswers(ctx, att.assessmentId)), recomputed };
}
