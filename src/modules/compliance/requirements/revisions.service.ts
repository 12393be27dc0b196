// Requirement revisions: proposing candidates from an in-force edition, an author's decision on each,
// and applying the decided revision in one audited transaction (requirements added, versioned,
// moved to the new edition or retired; open assessments brought in line; affected institutions
// told). See docs/compliance/requirements.md and decisions 0301–0304.
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { command, type Ctx, type TxCtx } from '../../../platform/context.ts';
import { authorize } from '../../../platform/auth/access.ts';
import { AppError, invalid, notFound } from '../../../platform/http/errors.ts';
import { isUuid } from '../../../platform/input.ts';
import { queueMail } from '../../../platform/mail.ts';
import { translator, type Lang } from '../../../messages.ts';
import { documents, editions, type Document, type Edition, type Section } from '../../library/index.ts';
import { architectureGroups } from '../../reference/index.ts';
import { candidates, requirementVersions, requirements, revisions, type Candidate, type Conditions, type Requirement, type Revision } from '../schema.ts';
import { proposePolicy, revisionPolicy } from './access.ts';
import { confirmProblems, deadlineProblem, numberedClauses, outcomeOf, planCandidates, rejectProblems, tidyConditions, type CandidateEdits, type CurrentRequirement, type Outcome } from './rules.ts';
import { audit } from '../audit-events.ts';

const conflict = (current: number) => new AppError(409, 'compliance.req.conflict', undefined, undefined, { current: { revision: current } });

async function loadEditionRow(q: Ctx['q'], editionId: string): Promise<{ doc: Document; edition: Edition }> {
  if (!isUuid(editionId)) throw notFound();
  const [row] = await q.select({ doc: documents, edition: editions }).from(editions).innerJoin(documents, eq(documents.id, editions.documentId)).where(eq(editions.id, editionId));
  if (!row) throw notFound();
  return row;
}

/** Why requirements cannot be proposed from this edition (409), or null. */
function proposeProblem(doc: Document, edition: Edition) {
  if (doc.level !== 1 && doc.level !== 2) return 'compliance.req.error.level' as const;
  if (edition.status !== 'in_force') return 'compliance.req.error.notInForce' as const;
  return null;
}

/** Opens the edition's revision (or returns the one it has). Shared by the author's command and the in-force job. */
async function openRevision(ctx: TxCtx, doc: Document, edition: Edition): Promise<{ revision: Revision; created: boolean }> {
  const [existing] = await ctx.tx.select().from(revisions).where(eq(revisions.editionId, edition.id));
  if (existing) return { revision: existing, created: false };
  // One revision per document at a time: an older open one is overtaken by the newer edition.
  await ctx.tx.update(revisions).set({ status: 'dismissed', revision: sql`${revisions.revision} + 1` }).where(and(eq(revisions.documentId, doc.id), eq(revisions.status, 'open')));
  const active = await ctx.tx.select().from(requirements).where(and(eq(requirements.documentId, doc.id), eq(requirements.status, 'active'))).orderBy(asc(requirements.ref));
  const sourceEditionIds = [...new Set(active.map((r) => r.editionId))];
  const sources = sourceEditionIds.length ? await ctx.tx.select({ id: editions.id, content: editions.content }).from(editions).where(inArray(editions.id, sourceEditionIds)) : [];
  const clauseText = new Map<string, { textSw: string; textEn: string }>();
  for (const e of sources) for (const s of e.content as Section[]) for (const c of s.clauses) clauseText.set(`${e.id}/${c.id}`, { textSw: c.textSw.trim(), textEn: c.textEn.trim() });
  const current: CurrentRequirement[] = active.map((r) => ({ ...r, source: clauseText.get(`${r.editionId}/${r.clauseId}`) ?? null }));
  const taken = await ctx.tx.select({ ref: requirements.ref }).from(requirements).where(eq(requirements.documentId, doc.id));
  const plan = planCandidates({ documentCode: doc.code, groupCode: doc.groupCode, clauses: numberedClauses(edition.content), current, takenRefs: new Set(taken.map((t) => t.ref.toLowerCase())) });
  // The edition most current requirements come from is the one this revision moves away from.
  const counts = new Map<string, number>();
  for (const r of active) counts.set(r.editionId, (counts.get(r.editionId) ?? 0) + 1);
  const previous = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
  const [revision] = await ctx.tx.insert(revisions).values({ documentId: doc.id, editionId: edition.id, previousEditionId: previous }).returning();
  if (plan.length) await ctx.tx.insert(candidates).values(plan.map((c) => ({ ...c, revisionId: revision!.id })));
  const tally = (k: string) => plan.filter((c) => c.change === k).length;
  await audit(ctx, 'compliance.revision.propose', {
    entityId: revision!.id,
    institutionId: doc.issuerId,
    details: { code: doc.code, version: edition.version, added: tally('added'), changed: tally('changed'), unchanged: tally('unchanged'), removed: tally('removed') },
  });
  return { revision: revision!, created: true };
}

/**
 * Proposes requirements from an in-force level-1 or level-2 edition: one candidate per clause,
 * compared with the document's current requirements. Idempotent: an edition has one revision.
 */
export const proposeRequirements = command(async (ctx, input: { editionId: string }) => {
  const { doc, edition } = await loadEditionRow(ctx.tx, input.editionId);
  authorize(ctx.actor, proposePolicy, 'propose', { issuerId: doc.issuerId, audience: doc.audience });
  const problem = proposeProblem(doc, edition);
  if (problem) throw new AppError(409, problem);
  await ctx.tx.select({ id: documents.id }).from(documents).where(eq(documents.id, doc.id)).for('update');
  return openRevision(ctx, doc, edition);
});

/** The background job's entry (no person acting): does nothing for editions that are not eligible. */
export const proposeForInForceEdition = command(async (ctx, input: { editionId: string }) => {
  const { doc, edition } = await loadEditionRow(ctx.tx, input.editionId);
  if (proposeProblem(doc, edition)) return null;
  await ctx.tx.select({ id: documents.id }).from(documents).where(eq(documents.id, doc.id)).for('update');
  return (await openRevision(ctx, doc, edition)).revision;
});

/** The revision with its document, locked for a change, authorized for `action`, at the revision the caller started from. */
async function lockRevision(ctx: TxCtx, revisionId: string, action: 'decide' | 'apply', expected: number) {
  if (!isUuid(revisionId)) throw notFound();
  const [row] = await ctx.tx.select({ rev: revisions, doc: documents }).from(revisions).innerJoin(documents, eq(documents.id, revisions.documentId)).where(eq(revisions.id, revisionId)).for('update', { of: revisions });
  if (!row) throw notFound();
  authorize(ctx.actor, revisionPolicy, action, { issuerId: row.doc.issuerId, status: row.rev.status });
  if (row.rev.revision !== expected) throw conflict(row.rev.revision);
  return row;
}

async function groupCodes(ctx: Ctx): Promise<string[]> {
  return (await ctx.q.select({ code: architectureGroups.code }).from(architectureGroups)).map((g) => g.code);
}

export interface DecisionInput {
  revisionId: string;
  candidateId: string;
  /** The revision's `revision` the decision was made on; another decision since then gives 409. */
  revision: number;
  decision: 'confirm' | 'reject';
  reason?: string;
  edits?: CandidateEdits;
}

/** Confirms (with the author's edits) or rejects one candidate. Nothing becomes a requirement until the revision is applied. */
export const decideCandidate = command(async (ctx, input: DecisionInput): Promise<{ candidate: Candidate; revision: number }> => {
  const { rev, doc } = await lockRevision(ctx, input.revisionId, 'decide', input.revision);
  if (!isUuid(input.candidateId)) throw notFound();
  const [cand] = await ctx.tx.select().from(candidates).where(and(eq(candidates.id, input.candidateId), eq(candidates.revisionId, rev.id)));
  if (!cand) throw notFound();
  const now = new Date();
  let set: Partial<typeof candidates.$inferInsert>;
  if (input.decision === 'reject') {
    if (cand.change === 'removed') throw new AppError(409, 'compliance.req.error.removedReject');
    const e = rejectProblems(input.reason);
    if (Object.keys(e).length) throw invalid(e);
    set = { decision: 'rejected', decisionReason: input.reason!.trim(), decidedBy: ctx.actor?.userId ?? null, decidedAt: now };
  } else {
    const x = input.edits ?? {};
    const final = {
      textSw: (x.textSw ?? cand.textSw).trim(),
      textEn: (x.textEn ?? cand.textEn).trim(),
      obligation: x.obligation !== undefined ? x.obligation || null : cand.obligation,
      groupCode: x.groupCode !== undefined ? x.groupCode || null : cand.groupCode,
      appliesTo: x.appliesTo !== undefined ? x.appliesTo || null : cand.appliesTo,
      conditions: tidyConditions(x.conditions ?? cand.conditions),
    };
    // A removed requirement's candidate only acknowledges the removal: its values are not edited.
    const e = cand.change === 'removed' ? {} : confirmProblems(final, await groupCodes(ctx));
    if (Object.keys(e).length) throw invalid(e);
    set = {
      ...(cand.change === 'removed' ? {} : (final as Partial<typeof candidates.$inferInsert>)),
      decision: 'confirmed',
      decisionReason: input.reason?.trim() ? input.reason.trim().slice(0, 1000) : null,
      decidedBy: ctx.actor?.userId ?? null,
      decidedAt: now,
    };
  }
  const [updated] = await ctx.tx.update(candidates).set(set).where(eq(candidates.id, cand.id)).returning();
  const [r] = await ctx.tx.update(revisions).set({ revision: sql`${revisions.revision} + 1` }).where(eq(revisions.id, rev.id)).returning({ revision: revisions.revision });
  await audit(ctx, `compliance.candidate.${input.decision}`, {
    entityId: cand.id,
    institutionId: doc.issuerId,
    details: { ref: cand.ref, change: cand.change, ...(input.decision === 'reject' ? { reason: set.decisionReason } : { obligation: updated!.obligation, appliesTo: updated!.appliesTo }) },
  });
  return { candidate: updated!, revision: r!.revision };
});

/** Confirms, in one step, every undecided candidate whose clause did not change: they carry over as they are. */
export const confirmUnchanged = command(async (ctx, input: { revisionId: string; revision: number }): Promise<{ confirmed: number; revision: number }> => {
  const { rev, doc } = await lockRevision(ctx, input.revisionId, 'decide', input.revision);
  const rows = await ctx.tx
    .update(candidates)
    .set({ decision: 'confirmed', decidedBy: ctx.actor?.userId ?? null, decidedAt: new Date() })
    .where(and(eq(candidates.revisionId, rev.id), eq(candidates.change, 'unchanged'), eq(candidates.decision, 'proposed')))
    .returning({ id: candidates.id });
  const [r] = await ctx.tx.update(revisions).set({ revision: sql`${revisions.revision} + 1` }).where(eq(revisions.id, rev.id)).returning({ revision: revisions.revision });
  await audit(ctx, 'compliance.candidate.confirmUnchanged', { entityId: rev.id, institutionId: doc.issuerId, details: { code: doc.code, confirmed: rows.length } });
  return { confirmed: rows.length, revision: r!.revision };
});

/** The candidates of a revision with the outcome applying each would have (and the requirement it concerns). */
export async function outcomesOf(q: Ctx['q'], revisionId: string): Promise<{ candidate: Candidate; requirement: Requirement | null; outcome: Outcome }[]> {
  const rows = await q.select({ candidate: candidates, requirement: requirements }).from(candidates).leftJoin(requirements, eq(requirements.id, candidates.requirementId)).where(eq(candidates.revisionId, revisionId)).orderBy(asc(candidates.position));
  return rows.map((r) => ({ ...r, outcome: outcomeOf(r.candidate, r.requirement ?? undefined) }));
}

export interface Affected {
  institutions: { id: string; acronym: string; nameSw: string; nameEn: string }[];
  assessments: { id: string; institution: string; cycle: string; answers: number }[];
  findings: { id: string; institution: string; ref: string; severity: string; status: string; dueOn: string }[];
  directives: { id: string; code: string; titleSw: string; titleEn: string; deadline: string; institutions: number }[];
  documents: { id: string; code: string; slug: string; titleSw: string; titleEn: string; issuer: string }[];
}

/**
 * Who a change to these requirements touches: open assessments with answers to them, open or
 * challenged findings on them, issued directives about them (and their targets not yet done), the
 * institutions of all of these, and the level-3 documents that implement the standard.
 */
export async function affectedBy(q: Ctx['q'], documentId: string, requirementIds: string[]): Promise<Affected> {
  const ids = `{${requirementIds.join(',')}}`;
  const rows = async <T>(s: ReturnType<typeof sql>) => (await q.execute(s)).rows as T[];
  const assessments = requirementIds.length
    ? await rows<{ id: string; institution: string; cycle: string; answers: number }>(sql`
        SELECT a.id, i.acronym AS institution, c.code AS cycle, count(*)::int AS answers
        FROM compliance_answers an JOIN compliance_assessments a ON a.id = an.assessment_id
        JOIN compliance_cycles c ON c.id = a.cycle_id JOIN institutions i ON i.id = a.institution_id
        WHERE an.requirement_id = ANY(${ids}::uuid[]) AND a.status = 'open' AND c.status IN ('opening', 'open')
        GROUP BY a.id, i.acronym, c.code ORDER BY i.acronym, c.code`)
    : [];
  const findings = requirementIds.length
    ? await rows<{ id: string; institution: string; ref: string; severity: string; status: string; dueOn: string }>(sql`
        SELECT f.id, i.acronym AS institution, r.ref, f.severity, f.status, to_char(f.due_on, 'YYYY-MM-DD') AS "dueOn"
        FROM compliance_findings f JOIN institutions i ON i.id = f.institution_id JOIN compliance_requirements r ON r.id = f.requirement_id
        WHERE f.requirement_id = ANY(${ids}::uuid[]) AND f.status IN ('open', 'challenged') ORDER BY i.acronym, r.ref`)
    : [];
  const directives = requirementIds.length
    ? await rows<{ id: string; code: string; titleSw: string; titleEn: string; deadline: string; institutions: number }>(sql`
        SELECT d.id, d.code, d.title_sw AS "titleSw", d.title_en AS "titleEn", to_char(d.deadline, 'YYYY-MM-DD') AS deadline,
          (SELECT count(*)::int FROM compliance_directive_targets t WHERE t.directive_id = d.id AND t.status <> 'done') AS institutions
        FROM compliance_directives d WHERE d.requirement_id = ANY(${ids}::uuid[]) AND d.status = 'issued' ORDER BY d.code`)
    : [];
  const institutions = requirementIds.length
    ? await rows<{ id: string; acronym: string; nameSw: string; nameEn: string }>(sql`
        SELECT i.id, i.acronym, i.name_sw AS "nameSw", i.name_en AS "nameEn" FROM institutions i WHERE i.id IN (
          SELECT a.institution_id FROM compliance_answers an JOIN compliance_assessments a ON a.id = an.assessment_id JOIN compliance_cycles c ON c.id = a.cycle_id
            WHERE an.requirement_id = ANY(${ids}::uuid[]) AND a.status = 'open' AND c.status IN ('opening', 'open')
          UNION SELECT f.institution_id FROM compliance_findings f WHERE f.requirement_id = ANY(${ids}::uuid[]) AND f.status IN ('open', 'challenged')
          UNION SELECT t.institution_id FROM compliance_directive_targets t JOIN compliance_directives d ON d.id = t.directive_id
            WHERE d.requirement_id = ANY(${ids}::uuid[]) AND d.status = 'issued' AND t.status <> 'done')
        ORDER BY i.acronym`)
    : [];
  const docs = await rows<{ id: string; code: string; slug: string; titleSw: string; titleEn: string; issuer: string }>(sql`
    SELECT d.id, d.code, d.slug, d.title_sw AS "titleSw", d.title_en AS "titleEn", i.acronym AS issuer
    FROM library_links l JOIN library_documents d ON d.id = l.document_id JOIN institutions i ON i.id = d.issuer_id
    WHERE l.target_id = ${documentId} AND d.level = 3 ORDER BY i.acronym, d.code`);
  return { institutions, assessments, findings, directives, documents: docs };
}

/** Requirements whose answers, findings and directives a revision touches: those it changes or retires (and, while undecided, those it may). */
export function touchedRequirementIds(items: { candidate: Candidate; outcome: Outcome }[]): string[] {
  return [
    ...new Set(
      items
        .filter((x) => x.candidate.requirementId && (x.outcome === 'changed' || x.outcome === 'retired' || (x.outcome === 'undecided' && x.candidate.change !== 'unchanged')))
        .map((x) => x.candidate.requirementId!),
    ),
  ];
}

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
  const today = new Date().toISOString().slice(0, 10);
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
