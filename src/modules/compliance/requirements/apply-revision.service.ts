// Applying a decided requirement revision in one audited transaction: requirements added, versioned,
// moved to the new edition or retired; open assessments brought in line; affected institutions told
// (decisions 0303, 0304).
import { and, eq, sql } from 'drizzle-orm';
import { command, type TxCtx } from '../../../platform/context.ts';
import { AppError, invalid } from '../../../platform/http/errors.ts';
import { queueMail } from '../../../platform/mail.ts';
import { translator, type Lang } from '../../../messages.ts';
import { editions, type Document, type Edition } from '../../library/index.ts';
import { candidates, requirementVersions, requirements, revisions, type Conditions } from '../schema.ts';
import { deadlineProblem } from './rules.ts';
import { audit } from '../audit-events.ts';
import { lockRevision } from './revisions.service.ts';
import { affectedBy, outcomesOf, touchedRequirementIds } from './revision-impact.ts';
import { tanzaniaDate } from '../../../platform/calendar.ts';

export interface ApplyInput {
  revisionId: string;
  revision: number;
  /** The date by which institutions must meet changed and added requirements. */
  transitionDeadline: string;
}

export interface ApplySummary {
  added: number;
  changed: number;
  unchanged: number;
  retired: number;
  answersReset: number;
  assessmentsUpdated: number;
  institutionsNotified: number;
  notices: number;
}

/**
 * Applies a fully decided revision in one transaction. Added and changed confirmed candidates become
 * requirements (a change is a new version; the requirement keeps its id and ref); unchanged ones
 * move to the new edition as they are; removed and rejected ones are retired, never deleted. In
 * open assessments, answers to changed requirements are cleared to be answered again and answers
 * to retired ones stop counting; the assessments' counts follow. Affected institutions' officers
 * and heads are sent a notice (queued in the outbox, sent after commit) with the deadline.
 */
export const applyRevision = command(async (ctx, input: ApplyInput): Promise<ApplySummary> => {
  const { rev, doc } = await lockRevision(ctx, input.revisionId, 'apply', input.revision);
  const today = tanzaniaDate();
  const dp = deadlineProblem(input.transitionDeadline, today);
  if (dp) throw invalid({ transitionDeadline: dp });
  const items = await outcomesOf(ctx.tx, rev.id);
  const undecided = items.filter((x) => x.outcome === 'undecided').length;
  if (undecided) throw new AppError(409, 'compliance.req.error.undecidedApply', undefined, undefined, { undecided });
  const [edition] = await ctx.tx.select().from(editions).where(eq(editions.id, rev.editionId));
  if (edition!.status !== 'in_force') throw new AppError(409, 'compliance.req.error.notInForce');
  const affected = await affectedBy(ctx.tx, doc.id, touchedRequirementIds(items));
  const now = new Date();
  const by = ctx.actor?.userId ?? null;
  const changedIds: string[] = [];
  const retiredIds: string[] = [];
  const tally = { added: 0, changed: 0, unchanged: 0, retired: 0 };
  for (const { candidate: c, requirement: r, outcome } of items) {
    if (outcome === 'added') {
      const [req] = await ctx.tx
        .insert(requirements)
        .values({ ref: c.ref, documentId: doc.id, editionId: edition!.id, clauseId: c.clauseId!, clauseNumber: c.clauseNumber!, textSw: c.textSw, textEn: c.textEn, obligation: c.obligation!, groupCode: c.groupCode, appliesTo: c.appliesTo!, conditions: c.conditions, confirmedBy: c.decidedBy, confirmedAt: c.decidedAt ?? now })
        .returning();
      await ctx.tx.insert(requirementVersions).values({ requirementId: req!.id, version: 1, editionId: edition!.id, textSw: c.textSw, textEn: c.textEn, obligation: c.obligation! });
      await ctx.tx.update(candidates).set({ requirementId: req!.id }).where(eq(candidates.id, c.id));
      tally.added++;
    } else if ((outcome === 'changed' || outcome === 'unchanged') && r) {
      const version = outcome === 'changed' ? r.version + 1 : r.version;
      await ctx.tx
        .update(requirements)
        .set({
          editionId: edition!.id,
          clauseId: c.clauseId!,
          clauseNumber: c.clauseNumber!,
          textSw: c.textSw,
          textEn: c.textEn,
          obligation: c.obligation!,
          groupCode: c.groupCode,
          appliesTo: c.appliesTo!,
          conditions: c.conditions as Conditions,
          version,
          ...(outcome === 'changed' ? { confirmedBy: c.decidedBy, confirmedAt: c.decidedAt ?? now } : {}),
          revision: sql`${requirements.revision} + 1`,
          updatedAt: now,
        })
        .where(eq(requirements.id, r.id));
      if (outcome === 'changed') {
        await ctx.tx.insert(requirementVersions).values({ requirementId: r.id, version, editionId: edition!.id, textSw: c.textSw, textEn: c.textEn, obligation: c.obligation! });
        changedIds.push(r.id);
      }
      tally[outcome]++;
    } else if (outcome === 'retired' && r && r.status === 'active') {
      await ctx.tx
        .update(requirements)
        .set({ status: 'retired', retiredAt: now, retiredReason: c.decisionReason ?? `${doc.code} ${edition!.version}`, revision: sql`${requirements.revision} + 1`, updatedAt: now })
        .where(eq(requirements.id, r.id));
      retiredIds.push(r.id);
      tally.retired++;
    }
  }
  const reset = changedIds.length ? await resetAnswers(ctx, changedIds) : [];
  const touched = [...changedIds, ...retiredIds];
  const recounted = touched.length ? await recountOpenAssessments(ctx, touched) : 0;
  await ctx.tx.update(revisions).set({ status: 'applied', appliedAt: now, appliedBy: by, transitionDeadline: input.transitionDeadline, revision: sql`${revisions.revision} + 1` }).where(eq(revisions.id, rev.id));
  const notices = await notifyAffected(ctx, { doc, edition: edition!, institutionIds: affected.institutions.map((i) => i.id), deadline: input.transitionDeadline, changed: tally.changed, retired: tally.retired, added: tally.added });
  const summary: ApplySummary = { ...tally, answersReset: reset.length, assessmentsUpdated: recounted, institutionsNotified: affected.institutions.length, notices };
  await audit(ctx, 'compliance.revision.apply', {
    entityId: rev.id,
    institutionId: doc.issuerId,
    details: { code: doc.code, version: edition!.version, transitionDeadline: input.transitionDeadline, ...summary, institutions: affected.institutions.map((i) => i.acronym).slice(0, 200), resetAnswers: reset.slice(0, 500) },
  });
  return summary;
});

/**
 * Answers to changed requirements in open assessments of open cycles are cleared (result,
 * justification, who answered, the review of it) and now answer the new version; the row, its
 * comment and its evidence stay. Returns each cleared answer with the result it had (kept in the
 * audit entry). Signed-off, returned and reviewed assessments are not touched: what was attested
 * stays as it was.
 */
async function resetAnswers(ctx: TxCtx, requirementIds: string[]): Promise<{ answer: string; result: string | null }[]> {
  const ids = `{${requirementIds.join(',')}}`;
  const r = await ctx.tx.execute(sql`
    WITH target AS (
      SELECT an.id, an.result FROM compliance_answers an
      JOIN compliance_assessments a ON a.id = an.assessment_id JOIN compliance_cycles c ON c.id = a.cycle_id
      WHERE an.requirement_id = ANY(${ids}::uuid[]) AND a.status = 'open' AND c.status IN ('opening', 'open')
      FOR UPDATE OF an
    )
    UPDATE compliance_answers an SET result = NULL, justification = '', answered_by = NULL, answered_at = NULL,
      review_status = 'pending', review_comment = '', reviewed_by = NULL, reviewed_at = NULL,
      requirement_version = r.version, revision = an.revision + 1
    FROM target, compliance_requirements r
    WHERE an.id = target.id AND r.id = an.requirement_id
    RETURNING an.id AS answer, target.result`);
  await ctx.tx.execute(sql`
    UPDATE compliance_cycle_requirements cr SET requirement_version = r.version
    FROM compliance_requirements r, compliance_cycles c
    WHERE r.id = cr.requirement_id AND c.id = cr.cycle_id AND cr.requirement_id = ANY(${ids}::uuid[]) AND c.status IN ('opening', 'open')`);
  return r.rows as { answer: string; result: string | null }[];
}

/**
 * An assessment counts the answers to active requirements only: an answer to a retired requirement
 * stays (with its evidence and history) but is neither a question nor an answered one any more.
 */
async function recountOpenAssessments(ctx: TxCtx, requirementIds: string[]): Promise<number> {
  const ids = `{${requirementIds.join(',')}}`;
  const r = await ctx.tx.execute(sql`
    UPDATE compliance_assessments a SET
      question_count = (SELECT count(*)::int FROM compliance_answers an JOIN compliance_requirements r ON r.id = an.requirement_id WHERE an.assessment_id = a.id AND r.status = 'active'),
      answered_count = (SELECT count(*)::int FROM compliance_answers an JOIN compliance_requirements r ON r.id = an.requirement_id WHERE an.assessment_id = a.id AND r.status = 'active' AND an.result IS NOT NULL),
      updated_at = now(), revision = a.revision + 1
    FROM compliance_cycles c
    WHERE c.id = a.cycle_id AND a.status = 'open' AND c.status IN ('opening', 'open')
      AND EXISTS (SELECT 1 FROM compliance_answers an WHERE an.assessment_id = a.id AND an.requirement_id = ANY(${ids}::uuid[]))
    RETURNING a.id`);
  return r.rows.length;
}

/** One notice per officer and head of each affected institution, in their language. Returns how many were queued. */
async function notifyAffected(ctx: TxCtx, p: { doc: Document; edition: Edition; institutionIds: string[]; deadline: string; changed: number; retired: number; added: number }): Promise<number> {
  if (!p.institutionIds.length) return 0;
  const people = (
    await ctx.tx.execute(sql`
      SELECT DISTINCT u.email, u.lang, i.acronym FROM users u JOIN role_grants g ON g.user_id = u.id JOIN institutions i ON i.id = g.institution_id
      WHERE u.active AND g.role IN ('institution_officer', 'institution_head') AND g.institution_id = ANY(${`{${p.institutionIds.join(',')}}`}::uuid[])
      ORDER BY u.email`)
  ).rows as { email: string; lang: Lang; acronym: string }[];
  const base = ctx.config.publicUrl.replace(/\/$/, '');
  const seen = new Set<string>();
  for (const person of people) {
    if (seen.has(person.email)) continue;
    seen.add(person.email);
    const t = translator(person.lang);
    const title = person.lang === 'sw' ? p.doc.titleSw || p.doc.titleEn : p.doc.titleEn || p.doc.titleSw;
    await queueMail(ctx.tx, {
      to: person.email,
      subject: t('compliance.req.mail.subject', { code: p.doc.code, version: p.edition.version }),
      body: t('compliance.req.mail.body', {
        institution: person.acronym,
        title,
        code: p.doc.code,
        version: p.edition.version,
        changed: p.changed,
        retired: p.retired,
        added: p.added,
        deadline: p.deadline,
        link: `${base}/compliance/requirements?document=${encodeURIComponent(p.doc.code)}`,
      }),
    });
  }
  return seen.size;
}
