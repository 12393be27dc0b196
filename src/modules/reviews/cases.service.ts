// Commands of the institution's side of a case: prepare a proposal (or a change request of a live
// system, or an ICT document), attach its files, submit it (the head only; completeness checked, the
// screening run and stored, the clock started), and record that an approved project went live.
import { and, asc, eq, sql } from 'drizzle-orm';
import { command, type Ctx, type TxCtx } from '../../platform/context.ts';
import { authorize, authorizeFor } from '../../platform/auth/access.ts';
import { AppError, invalid, notFound } from '../../platform/http/errors.ts';
import { isUuid } from '../../platform/input.ts';
import { checkFileName, fileRefusal, FileProblemError, fileStore, readUpload } from '../../platform/files/index.ts';
import type { MessageKey } from '../../messages.ts';
import { knownCapabilities, loadSystem, registerFromProposal } from '../portfolio/index.ts';
import { casePolicy } from './access.ts';
import { holidaySet } from './clock.ts';
import { notify } from './notify.ts';
import { checkProposal, completeness, dueDate, localDate, parseClauses, type ProposalInput } from './rules.ts';
import { screen } from './screening.ts';
import { ATTACHMENT_KINDS, attachments, cases, DOC_KINDS, documents, proposals, submissions, type AttachmentKind, type Case } from './schema.ts';
import { audit } from './audit-events.ts';

export async function loadCase(ctx: Pick<Ctx, 'q'>, id: string): Promise<Case> {
  if (!isUuid(id)) throw notFound();
  const [c] = await ctx.q.select().from(cases).where(eq(cases.id, id));
  if (!c) throw notFound();
  return c;
}

/** Bumps the case's revision (and refuses a stale one: someone else changed it in between). */
async function touch(ctx: TxCtx, c: Case, set: Partial<typeof cases.$inferInsert>, revision?: number): Promise<Case> {
  const [saved] = await ctx.tx
    .update(cases)
    .set({ ...set, revision: sql`${cases.revision} + 1`, updatedAt: new Date() })
    .where(and(eq(cases.id, c.id), eq(cases.revision, revision ?? c.revision)))
    .returning();
  if (!saved) throw new AppError(409, 'reviews.conflict', undefined, undefined, { current: { revision: c.revision } });
  return saved;
}
export { touch as touchCase };

async function checked(ctx: TxCtx, input: ProposalInput) {
  const r = checkProposal(input, await knownCapabilities(ctx));
  if ('problems' in r) throw invalid(r.problems);
  return r.values;
}

export interface NewProposal extends ProposalInput {
  institutionId: string;
  /** For a change request: the live system whose scope changes. */
  systemId?: string | null;
}

/** An officer (or the head) starts a proposal for their institution. */
export const createProposal = command(async (ctx, input: NewProposal): Promise<Case> => {
  authorizeFor(ctx.actor, 'reviews:prepare', input.institutionId);
  const v = await checked(ctx, input);
  let systemId: string | null = null;
  if (input.systemId) {
    const s = await loadSystem(ctx, input.systemId).catch(() => null);
    if (!s || s.institutionId !== input.institutionId) throw invalid({ systemId: 'reviews.field.system' });
    systemId = s.id;
  }
  const { title, ...fields } = v;
  const [c] = await ctx.tx.insert(cases).values({ kind: systemId ? 'change' : 'project', institutionId: input.institutionId, title, systemId, createdBy: ctx.actor?.userId ?? null }).returning();
  await ctx.tx.insert(proposals).values({ caseId: c.id, ...fields });
  await audit(ctx, 'reviews.proposal.create', { entityId: c.id, institutionId: c.institutionId, details: { title, kind: c.kind } });
  return c;
});

/** Saves a draft (or a returned case) unless someone saved it since the editor loaded it. */
export const updateProposal = command(async (ctx, input: ProposalInput & { id: string; revision: number }): Promise<Case> => {
  const c = await loadCase(ctx, input.id);
  authorize(ctx.actor, casePolicy, 'edit', c);
  if (c.kind === 'document') throw notFound();
  const { title, ...fields } = await checked(ctx, input);
  const saved = await touch(ctx, c, { title }, input.revision);
  await ctx.tx.update(proposals).set(fields).where(eq(proposals.caseId, c.id));
  await audit(ctx, 'reviews.proposal.update', { entityId: c.id, institutionId: c.institutionId });
  return saved;
});

export const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;

/** Checks an uploaded file before anything is written: PDF, DOCX or XLSX by content, a sound name. */
export async function inspectAttachment(bytes: Uint8Array, fileName: string): Promise<string> {
  try {
    const name = checkFileName(fileName);
    await readUpload(bytes, { allow: ['pdf', 'docx', 'xlsx'], maxBytes: MAX_ATTACHMENT_BYTES });
    return name;
  } catch (err) {
    if (err instanceof FileProblemError) throw fileRefusal(err.problem, 'reviews.field.fileType');
    throw err;
  }
}

/** Attaches a file (checked by inspectAttachment) to a case the institution is preparing. */
export const addAttachment = command(async (ctx, input: { caseId: string; kind: string; fileName: string; bytes: Uint8Array }) => {
  const c = await loadCase(ctx, input.caseId);
  authorize(ctx.actor, casePolicy, 'edit', c);
  if (!(ATTACHMENT_KINDS as readonly string[]).includes(input.kind) || input.kind === 'evidence') throw invalid({ kind: 'reviews.field.attachmentKind' });
  const stored = await fileStore(ctx.config.dataDir).put(input.bytes, { maxBytes: MAX_ATTACHMENT_BYTES });
  const [a] = await ctx.tx.insert(attachments).values({ caseId: c.id, kind: input.kind as AttachmentKind, sha256: stored.sha256, fileName: input.fileName, size: stored.size, uploadedBy: ctx.actor?.userId ?? null }).returning();
  await touch(ctx, c, {});
  await audit(ctx, 'reviews.attachment.add', { entityId: c.id, institutionId: c.institutionId, details: { kind: a.kind, file: a.fileName, sha256: a.sha256 } });
  return a;
});

export const removeAttachment = command(async (ctx, input: { caseId: string; attachmentId: string }) => {
  const c = await loadCase(ctx, input.caseId);
  authorize(ctx.actor, casePolicy, 'edit', c);
  if (!isUuid(input.attachmentId)) throw notFound();
  const [gone] = await ctx.tx.delete(attachments).where(and(eq(attachments.id, input.attachmentId), eq(attachments.caseId, c.id), sql`${attachments.kind} <> 'evidence'`)).returning();
  if (!gone) throw notFound();
  await touch(ctx, c, {});
  await audit(ctx, 'reviews.attachment.remove', { entityId: c.id, institutionId: c.institutionId, details: { kind: gone.kind, file: gone.fileName } });
});

/** What is still missing before the head may submit (the same check the submission makes). */
export async function missingOf(ctx: Pick<Ctx, 'q'>, c: Case) {
  const files = await ctx.q.select({ kind: attachments.kind }).from(attachments).where(eq(attachments.caseId, c.id));
  const [p] = c.kind === 'document' ? [null] : await ctx.q.select().from(proposals).where(eq(proposals.caseId, c.id));
  return completeness(c.kind, p ?? null, files.map((f) => f.kind));
}

/** The copy of a case kept with each submission: what "changed since the last submission" compares. */
export async function snapshotOf(ctx: Pick<Ctx, 'q'>, c: Case): Promise<Record<string, unknown>> {
  const files = await ctx.q.select().from(attachments).where(eq(attachments.caseId, c.id)).orderBy(asc(attachments.uploadedAt));
  const out: Record<string, unknown> = { title: c.title };
  if (c.kind === 'document') {
    const [d] = await ctx.q.select().from(documents).where(eq(documents.caseId, c.id));
    Object.assign(out, { docKind: d?.docKind, clauses: d?.clauses ?? [] });
  } else {
    const [p] = await ctx.q.select().from(proposals).where(eq(proposals.caseId, c.id));
    const { caseId: _c, ...fields } = p;
    Object.assign(out, fields);
  }
  out.attachments = files.filter((f) => f.kind !== 'evidence').map((f) => `${f.kind}: ${f.fileName}`);
  return out;
}

/** The head submits: refused with the list of what is missing; otherwise screened, copied, and the clock starts. */
export const submitCase = command(async (ctx, input: { id: string }): Promise<Case> => {
  const c = await loadCase(ctx, input.id);
  authorize(ctx.actor, casePolicy, 'submit', c);
  const missing = await missingOf(ctx, c);
  if (missing.length) {
    const fields: Record<string, MessageKey> = {};
    for (const m of missing) fields[m.field === 'attachment' ? `attachment_${m.key.split('.').pop()}` : m.field] = m.key;
    throw new AppError(422, 'reviews.incomplete', undefined, fields);
  }
  let screening = null;
  if (c.kind !== 'document') {
    const [p] = await ctx.tx.select().from(proposals).where(eq(proposals.caseId, c.id));
    screening = await screen(ctx, c, p);
  }
  const now = new Date();
  const number = c.submissionCount + 1;
  await ctx.tx.insert(submissions).values({ caseId: c.id, number, snapshot: await snapshotOf(ctx, c), submittedBy: ctx.actor?.userId ?? null, submittedAt: now });
  // The clock starts at each submission: a returned case starts a new period when it comes back.
  const due = dueDate(localDate(now), c.slaDays, await holidaySet(ctx));
  const saved = await touch(ctx, c, {
    stage: c.reviewerId ? 'in_review' : 'submitted',
    submissionCount: number,
    submittedAt: now,
    firstSubmittedAt: c.firstSubmittedAt ?? now,
    dueOn: due,
    remindedAt: null,
    escalatedAt: null,
    screening,
  });
  await audit(ctx, 'reviews.case.submit', { entityId: c.id, institutionId: c.institutionId, details: { number, due, overlaps: (screening?.overlaps ?? []).length } });
  await notify(ctx, saved, ['reviewer', 'institution'], 'reviews.mail.submitted.subject', 'reviews.mail.submitted.body', { due: due ?? '' });
  return saved;
});

/** An approved project went live: it becomes a system of the portfolio, with the proposal as its origin. */
export const goLive = command(async (ctx, input: { id: string; code: string; goLive?: string | null }) => {
  const c = await loadCase(ctx, input.id);
  authorize(ctx.actor, casePolicy, 'goLive', c);
  let systemId: string;
  if (c.kind === 'change' && c.systemId) systemId = c.systemId;
  else {
    const [p] = await ctx.tx.select().from(proposals).where(eq(proposals.caseId, c.id));
    const years = p.costs.length ? p.costs : [{ year: 1, capex: 0, opex: 0 }];
    const s = await registerFromProposal(ctx, {
      institutionId: c.institutionId,
      code: input.code,
      name: p.systemName || c.title,
      purpose: [p.problem, p.objectives].filter(Boolean).join(' ').slice(0, 2000),
      capabilities: p.capabilities,
      lifecycle: 'production',
      hosting: p.hosting ?? 'govdc',
      usersCount: p.usersCount,
      personalData: p.personalData,
      govesb: p.govesb,
      goLive: input.goLive || localDate(new Date()),
      capexTzs: years[0].capex,
      opexTzs: years[0].opex,
      originProposalId: c.id,
    });
    systemId = s.id;
  }
  const saved = await touch(ctx, c, { liveSystemId: systemId, liveAt: new Date() });
  await audit(ctx, 'reviews.case.live', { entityId: c.id, institutionId: c.institutionId, details: { systemId } });
  await notify(ctx, saved, ['reviewer', 'institution'], 'reviews.mail.live.subject', 'reviews.mail.live.body');
  return { case: saved, systemId };
});

// ---------------------------------------------------------------------------------------------
// Institutional ICT documents

export interface DocumentInput {
  title: string;
  docKind: string;
  text: string;
}

function checkDocument(input: DocumentInput) {
  const problems: Record<string, MessageKey> = {};
  const title = input.title.replace(/\s+/g, ' ').trim().slice(0, 300);
  if (!title) problems.title = 'reviews.field.title';
  if (!(DOC_KINDS as readonly string[]).includes(input.docKind)) problems.docKind = 'reviews.field.docKind';
  const clauses = parseClauses(input.text.replace(/\u0000/g, ''));
  if (clauses.length === 0) problems.text = 'reviews.field.clauses';
  if (Object.keys(problems).length) throw invalid(problems);
  return { title, docKind: input.docKind as (typeof DOC_KINDS)[number], clauses };
}

/** An institution sends a level-3 document (policy, strategy, guideline, procedure) for review and advice; `previousId` when it is the revised edition of one advised before. */
export const createDocumentReview = command(async (ctx, input: DocumentInput & { institutionId: string; previousId?: string | null }) => {
  authorizeFor(ctx.actor, 'reviews:prepare', input.institutionId);
  const v = checkDocument(input);
  let previousCaseId: string | null = null;
  if (input.previousId) {
    const prev = await loadCase(ctx, input.previousId);
    if (prev.kind !== 'document' || prev.institutionId !== input.institutionId || prev.stage !== 'decided') throw invalid({ previousId: 'reviews.field.previous' });
    previousCaseId = prev.id;
  }
  const [c] = await ctx.tx.insert(cases).values({ kind: 'document', institutionId: input.institutionId, title: v.title, previousCaseId, createdBy: ctx.actor?.userId ?? null }).returning();
  await ctx.tx.insert(documents).values({ caseId: c.id, docKind: v.docKind, clauses: v.clauses });
  await audit(ctx, 'reviews.document.create', { entityId: c.id, institutionId: c.institutionId, details: { title: v.title, clauses: v.clauses.length, previous: previousCaseId } });
  return c;
});

export const updateDocument = command(async (ctx, input: DocumentInput & { id: string; revision: number }) => {
  const c = await loadCase(ctx, input.id);
  authorize(ctx.actor, casePolicy, 'edit', c);
  if (c.kind !== 'document') throw notFound();
  const v = checkDocument(input);
  const saved = await touch(ctx, c, { title: v.title }, input.revision);
  await ctx.tx.update(documents).set({ docKind: v.docKind, clauses: v.clauses }).where(eq(documents.caseId, c.id));
  await audit(ctx, 'reviews.document.update', { entityId: c.id, institutionId: c.institutionId, details: { clauses: v.clauses.length } });
  return saved;
});
