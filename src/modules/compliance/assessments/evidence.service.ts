// Evidence: an institution's library of files (stored by SHA-256 through platform/files) and links,
// each with a title and an optional expiry date. One piece can serve several answers, remediation
// plans and directives; the oversight part attaches evidence with requireEvidence() and reads it with
// evidenceList(). A file of the wrong type or too large is refused before anything is stored. A form
// that uploads evidence while saving something else (a plan's progress, a directive report) checks it
// with checkEvidence(), then records and links it (recordEvidence(), linkEvidence()) in its own command.
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { command, type Ctx, type TxCtx } from '../../../platform/context.ts';
import { authorize, requireVisible } from '../../../platform/auth/access.ts';
import { scopeFilter } from '../../../platform/auth/scope.ts';
import { AppError, invalid, notFound } from '../../../platform/http/errors.ts';
import { isUuid } from '../../../platform/input.ts';
import { checkFileName, fileRefusal, FileProblemError, fileStore, readUpload, safeFileName } from '../../../platform/files/index.ts';
import { FILE_KINDS } from '../../../platform/files/detect.ts';
import { readScope } from '../access.ts';
import { answerEvidence, directiveEvidence, evidence, poamEvidence, type Evidence } from '../schema.ts';
import { evidencePolicy } from './access.ts';
import { EVIDENCE_KINDS, evidenceProblems } from './rules.ts';
import { audit } from '../audit-events.ts';

export interface EvidenceInput {
  institutionId: string;
  title: string;
  /** YYYY-MM-DD or '' (no expiry). */
  expiresOn?: string;
  /** A file: its bytes and the name it was uploaded with. */
  file?: { bytes: Uint8Array; name: string };
  /** Or a link (http or https). */
  url?: string;
}

/** A new piece of evidence whose fields and file were checked, not yet stored or written. */
export interface CheckedEvidence {
  institutionId: string;
  title: string;
  expiresOn: string;
  url?: string;
  file?: { bytes: Uint8Array; name: string; type: string };
}

/**
 * Checks a new piece of evidence without storing anything: who may add it, title, expiry, link, and
 * the file by its content (PDF, DOCX, XLSX, PNG, JPEG; at most the configured upload limit). A refusal
 * is a field error (`file` for the file).
 */
export async function checkEvidence(ctx: Pick<Ctx, 'actor' | 'config'>, input: EvidenceInput): Promise<CheckedEvidence> {
  authorize(ctx.actor, evidencePolicy, 'add', { institutionId: input.institutionId });
  const problems = evidenceProblems({ title: input.title, expiresOn: input.expiresOn ?? '', url: input.url, hasFile: !!input.file });
  if (Object.keys(problems).length) throw invalid(problems);
  const base = { institutionId: input.institutionId, title: input.title.trim(), expiresOn: input.expiresOn ?? '' };
  if (!input.file) return { ...base, url: input.url!.trim() };
  let kind;
  try {
    ({ kind } = await readUpload(input.file.bytes, { allow: EVIDENCE_KINDS, maxBytes: ctx.config.uploadLimit, limits: ctx.config.archive }));
  } catch (err) {
    if (err instanceof FileProblemError) {
      if (err.problem === 'tooLarge') throw new AppError(413, 'error.summary', undefined, { file: 'assessments.evidence.field.tooLarge' });
      throw fileRefusal(err.problem, 'assessments.evidence.field.wrongType');
    }
    throw err;
  }
  let name: string;
  try {
    name = safeFileName(checkFileName(input.file.name), 'evidence');
  } catch {
    name = `evidence.${kind}`;
  }
  return { ...base, file: { bytes: input.file.bytes, name, type: FILE_KINDS[kind] } };
}

/**
 * Writes checked evidence to the institution's library: the file is stored by hash, then the row and
 * its audit entry in the caller's transaction (a command attaching it joins the same one, so a
 * refusal after this leaves no row).
 */
export const recordEvidence = command(async (ctx, input: CheckedEvidence): Promise<Evidence> => {
  authorize(ctx.actor, evidencePolicy, 'add', { institutionId: input.institutionId });
  const put = input.file ? await fileStore(ctx.config.dataDir).put(input.file.bytes, { maxBytes: ctx.config.uploadLimit }) : null;
  const [row] = await ctx.tx
    .insert(evidence)
    .values({
      institutionId: input.institutionId,
      title: input.title,
      kind: input.file ? 'file' : 'link',
      fileSha256: put?.sha256 ?? null,
      fileName: input.file?.name ?? null,
      fileType: input.file?.type ?? null,
      fileSize: put?.size ?? null,
      url: input.file ? null : input.url!,
      expiresOn: input.expiresOn || null,
      uploadedBy: ctx.actor?.userId ?? null,
    })
    .returning();
  await audit(ctx, 'compliance.evidence.add', { entityId: row.id, institutionId: row.institutionId, details: { title: row.title, kind: row.kind, sha256: row.fileSha256 } });
  return row;
});

/** Adds a piece of evidence to the institution's library (checked first, stored only when valid). */
export async function addEvidence(ctx: Ctx, input: EvidenceInput): Promise<Evidence> {
  return recordEvidence(ctx, await checkEvidence(ctx, input));
}

/** What evidence is attached to besides answers: a remediation plan (optionally one milestone) or an institution's report on a directive. */
export type EvidenceTarget = { kind: 'plan'; poamId: string; milestone?: number | null } | { kind: 'directive'; directiveId: string; institutionId: string };

/** Links evidence rows to a plan or a directive report; returns the ids newly linked (already linked ones are kept as they are). */
export async function linkEvidence(ctx: TxCtx, target: EvidenceTarget, ids: string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const added =
    target.kind === 'plan'
      ? await ctx.tx.insert(poamEvidence).values(ids.map((evidenceId) => ({ poamId: target.poamId, evidenceId, milestone: target.milestone ?? null }))).onConflictDoNothing().returning({ id: poamEvidence.evidenceId })
      : await ctx.tx.insert(directiveEvidence).values(ids.map((evidenceId) => ({ directiveId: target.directiveId, institutionId: target.institutionId, evidenceId }))).onConflictDoNothing().returning({ id: directiveEvidence.evidenceId });
  return added.map((r) => r.id);
}

/** The fields of an optional new piece of evidence on a larger form: none of title, link or file given means none. */
export function evidenceGiven(input: Omit<EvidenceInput, 'institutionId'>): boolean {
  return !!(input.title.trim() || input.url?.trim() || input.file);
}

/** One piece of evidence the caller may read (404 otherwise). */
export async function loadEvidence(ctx: Pick<Ctx, 'q' | 'actor'>, id: string): Promise<Evidence> {
  if (!isUuid(id)) throw notFound();
  const [row] = await ctx.q.select().from(evidence).where(eq(evidence.id, id));
  return requireVisible(ctx.actor, evidencePolicy, row);
}

/**
 * The evidence rows named by ids, all of the given institution: what a command attaching evidence
 * (to an answer, a remediation plan, a directive) calls first. Unknown ids, or another institution's,
 * are a field error on `evidence`.
 */
export async function requireEvidence(ctx: Pick<Ctx, 'q'>, institutionId: string, ids: string[]): Promise<Evidence[]> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return [];
  if (unique.some((id) => !isUuid(id)) || unique.length > 200) throw invalid({ evidence: 'assessments.evidence.field.unknown' });
  const rows = await ctx.q.select().from(evidence).where(and(inArray(evidence.id, unique), eq(evidence.institutionId, institutionId)));
  if (rows.length !== unique.length) throw invalid({ evidence: 'assessments.evidence.field.unknown' });
  return rows;
}

export const EVIDENCE_PAGE = 50;

/** The institution's evidence library, newest first (for pickers and the library page). */
export async function evidenceList(ctx: Pick<Ctx, 'q' | 'actor'>, institutionId: string, opts: { page?: number; pageSize?: number } = {}): Promise<{ items: Evidence[]; total: number; page: number; pageSize: number }> {
  const pageSize = Math.min(200, opts.pageSize ?? EVIDENCE_PAGE);
  const where = and(eq(evidence.institutionId, institutionId), scopeFilter(readScope(ctx.actor), evidence.institutionId));
  const [{ n }] = await ctx.q.select({ n: sql<number>`count(*)::int` }).from(evidence).where(where);
  const page = Math.max(1, Math.min(opts.page ?? 1, Math.max(1, Math.ceil(n / pageSize))));
  const items = await ctx.q.select().from(evidence).where(where).orderBy(desc(evidence.createdAt), asc(evidence.title)).limit(pageSize).offset((page - 1) * pageSize);
  return { items, total: n, page, pageSize };
}

/** Evidence attached to each of these answers (one query), by answer id. */
export async function evidenceOfAnswers(ctx: Pick<Ctx, 'q'>, answerIds: string[]): Promise<Map<string, Evidence[]>> {
  const out = new Map<string, Evidence[]>();
  if (answerIds.length === 0) return out;
  const rows = await ctx.q
    .select({ answerId: answerEvidence.answerId, e: evidence })
    .from(answerEvidence)
    .innerJoin(evidence, eq(evidence.id, answerEvidence.evidenceId))
    .where(inArray(answerEvidence.answerId, answerIds))
    .orderBy(asc(evidence.title));
  for (const r of rows) out.set(r.answerId, [...(out.get(r.answerId) ?? []), r.e]);
  return out;
}

/** The stored file of a piece of evidence, for download by those who may read the institution's compliance. */
export async function evidenceFile(ctx: Pick<Ctx, 'q' | 'actor' | 'config'>, id: string) {
  const e = await loadEvidence(ctx, id);
  authorize(ctx.actor, evidencePolicy, 'read', e);
  if (e.kind !== 'file' || !e.fileSha256) throw notFound();
  const stream = fileStore(ctx.config.dataDir).read(e.fileSha256);
  if (!stream) throw notFound();
  return { evidence: e, stream };
}
