// The questionnaire as a spreadsheet, filled offline and uploaded again. The download has one row per
// question with a stable key (the answer's id, in a hidden first column), the requirement, the system,
// the text and the current answer. The upload is checked whole first — not a spreadsheet, a sheet of
// another assessment, unknown keys, results that are not one of the four, N/A without justification —
// and either every changed row is saved in one transaction with one audit entry, or nothing is and
// the problems are listed by row.
import { and, eq, inArray, sql } from 'drizzle-orm';
import writeXlsxFile, { type SheetData } from 'write-excel-file/node';
import { readSheet } from 'read-excel-file/universal';
import { command, type Ctx } from '../../../platform/context.ts';
import { authorize } from '../../../platform/auth/access.ts';
import { AppError } from '../../../platform/http/errors.ts';
import { FileProblemError, inflateZip, rebuiltZip, type ArchiveLimits } from '../../../platform/files/index.ts';
import { detectKind } from '../../../platform/files/detect.ts';
import { catalogs, type MessageKey } from '../../../messages.ts';
import { neutralise } from '../../portfolio/index.ts';
import { answers, RESULTS, type Result } from '../schema.ts';
import { assessmentPolicy } from './access.ts';
import { answersChanged, loadAssessment } from './answers.service.ts';
import { questionnaire } from './queries.ts';
import { answerLocked, answerProblems, isResult } from './rules.ts';
import { audit } from '../audit-events.ts';

export const KEY_HEADER = 'question_key';
export const MAX_ROWS = 20_000;
const COLUMNS = 9;

// A value a spreadsheet would run as a formula is written with a leading apostrophe (the portfolio's rule).
const neutral = neutralise;

const resultName = (lang: 'sw' | 'en', r: Result) => catalogs.compliance[lang][`compliance.result.${r}`];

/** The whole questionnaire as XLSX, in the caller's language. */
export async function questionnaireXlsx(ctx: Ctx, assessmentId: string): Promise<{ bytes: Buffer; name: string }> {
  const a = await loadAssessment(ctx, assessmentId);
  const { items } = await questionnaire(ctx, a.id, { pageSize: 500, page: 1 });
  const all = [...items];
  for (let page = 2; all.length < a.questionCount; page++) {
    const more = await questionnaire(ctx, a.id, { pageSize: 500, page });
    if (more.items.length === 0) break;
    all.push(...more.items);
  }
  const lang = ctx.lang;
  const t = (k: MessageKey) => (catalogs.complianceAssessments[lang] as Record<string, string>)[k] ?? k;
  const header = [KEY_HEADER, t('assessments.col.requirement'), t('assessments.col.system'), t('assessments.col.obligation'), t('assessments.col.text'), t('assessments.xlsx.result'), t('assessments.q.justification'), t('assessments.q.comment'), t('assessments.q.evidence')];
  const rows: SheetData = [header.map((h) => ({ value: h, fontWeight: 'bold' as const }))];
  for (const q of all) {
    rows.push([
      { value: q.answer.id },
      { value: neutral(q.ref) },
      { value: q.systemCode ? neutral(q.systemCode) : '' },
      { value: catalogs.compliance[lang][`compliance.obligation.${q.obligation}`] },
      { value: neutral(lang === 'sw' ? q.textSw : q.textEn), wrap: true },
      { value: q.answer.result ? resultName(lang, q.answer.result) : '' },
      { value: neutral(q.answer.justification), wrap: true },
      { value: neutral(q.answer.comment), wrap: true },
      { value: neutral(q.evidence.map((e) => e.title).join('; ')) },
    ]);
  }
  const built = await writeXlsxFile(rows, { sheet: 'questionnaire', stickyRowsCount: 1, columns: [{ width: 12 }, { width: 24 }, { width: 14 }, { width: 14 }, { width: 60 }, { width: 20 }, { width: 40 }, { width: 40 }, { width: 30 }] }).toBuffer();
  // The key column is hidden, so nobody edits it by accident.
  const { default: JSZip } = await import('jszip');
  const zip = await JSZip.loadAsync(built);
  const path = Object.keys(zip.files).find((n) => /^xl\/worksheets\/sheet1\.xml$/.test(n));
  if (path) {
    const xml = await zip.file(path)!.async('string');
    zip.file(path, xml.replace(/<col ([^>]*?)min="1" max="1"([^>]*?)\/>/, '<col $1min="1" max="1"$2 hidden="1"/>'));
  }
  const bytes = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
  return { bytes, name: `viwango-${a.acronym}-${a.cycleCode}-questionnaire.xlsx`.replace(/[^A-Za-z0-9._-]+/g, '-') };
}

function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : v.toISOString().slice(0, 10);
  return String(v);
}

const refuse = (key: MessageKey) => new AppError(422, key);

/** The first sheet's rows as text, read within the platform's caps (the reader gets a zip rebuilt from parts already inflated). */
async function readRows(bytes: Buffer, limits: Partial<ArchiveLimits>): Promise<string[][]> {
  let parts: Map<string, Buffer>;
  try {
    if ((await detectKind(bytes, ['xlsx'])) !== 'zip') throw refuse('assessments.import.notSpreadsheet');
    parts = await inflateZip(bytes, { include: /^(\[Content_Types\]\.xml|_rels\/\.rels|xl\/[^/]+\.xml|xl\/_rels\/[^/]+\.rels|xl\/worksheets\/[^/]+\.xml)$/, limits });
  } catch (err) {
    if (err instanceof FileProblemError) throw refuse(err.problem === 'tooLarge' ? 'assessments.import.tooLarge' : 'assessments.import.notSpreadsheet');
    throw err;
  }
  if (!parts.has('[Content_Types].xml') || !parts.has('xl/workbook.xml')) throw refuse('assessments.import.notSpreadsheet');
  try {
    const sheet = await readSheet(await rebuiltZip(parts));
    if (sheet.length > MAX_ROWS + 1) throw refuse('assessments.import.tooManyRows');
    return sheet.map((r) => r.map(cellText));
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw refuse('assessments.import.notSpreadsheet');
  }
}

/** A result as typed in the sheet: the code, or its name in either language. Empty: no answer given. */
export function parseResult(cell: string): Result | '' | null {
  const v = cell.trim().toLowerCase();
  if (!v) return '';
  if (isResult(v)) return v;
  for (const r of RESULTS) {
    if (resultName('sw', r).toLowerCase() === v || resultName('en', r).toLowerCase() === v) return r;
  }
  return null;
}

export interface RowProblem {
  row: number;
  problem: MessageKey;
}

export type ImportOutcome = { applied: true; count: number } | { applied: false; problems: RowProblem[] };

/**
 * Checks every row of an uploaded questionnaire and applies the changed ones in one transaction, or
 * none. A row is applied when its result, justification or comment differ from the saved answer, or
 * when it confirms an answer carried over from the last cycle; a row with an empty result is left as it is.
 */
export const importQuestionnaire = command(async (ctx, input: { assessmentId: string; bytes: Buffer }): Promise<ImportOutcome> => {
  const a = await loadAssessment(ctx, input.assessmentId);
  authorize(ctx.actor, assessmentPolicy, 'answer', a);
  const rows = await readRows(input.bytes, ctx.config.archive);
  if (rows.length === 0 || (rows[0][0] ?? '').trim() !== KEY_HEADER || rows[0].length < COLUMNS - 1) throw refuse('assessments.import.notQuestionnaire');
  const data = rows.slice(1).map((cells, i) => ({ row: i + 2, cells })).filter((r) => r.cells.some((c) => c.trim()));
  if (data.length === 0) throw refuse('assessments.import.empty');
  const current = await ctx.tx.select().from(answers).where(eq(answers.assessmentId, a.id));
  const byId = new Map(current.map((c) => [c.id, c]));
  const keys = data.map((r) => r.cells[0].trim());
  const foreign = keys.filter((k) => !byId.has(k) && /^[0-9a-f-]{36}$/i.test(k));
  if (foreign.length && foreign.length === keys.length) {
    const [other] = await ctx.tx.select({ id: answers.id }).from(answers).where(inArray(answers.id, foreign.slice(0, 500))).limit(1);
    if (other) throw refuse('assessments.import.otherAssessment');
  }
  const problems: RowProblem[] = [];
  const seen = new Set<string>();
  const changes: { id: string; result: Result; justification: string; comment: string }[] = [];
  for (const r of data) {
    const key = r.cells[0].trim();
    const ans = byId.get(key);
    if (!ans) {
      problems.push({ row: r.row, problem: 'assessments.import.unknownKey' });
      continue;
    }
    if (seen.has(key)) {
      problems.push({ row: r.row, problem: 'assessments.import.duplicate' });
      continue;
    }
    seen.add(key);
    const result = parseResult(r.cells[5] ?? '');
    if (result === null) {
      problems.push({ row: r.row, problem: 'assessments.import.badResult' });
      continue;
    }
    const justification = (r.cells[6] ?? '').replace(/^'/, '').trim();
    const comment = (r.cells[7] ?? '').replace(/^'/, '').trim();
    if (result === '') continue;
    const fieldProblems = answerProblems({ result, justification, comment });
    const first = Object.values(fieldProblems)[0];
    if (first) {
      problems.push({ row: r.row, problem: first === 'assessments.field.justification' ? 'assessments.import.naWithoutJustification' : first });
      continue;
    }
    const changed = ans.result !== result || ans.justification !== justification || ans.comment !== comment || (!!ans.carriedFrom && !ans.answeredAt);
    if (!changed) continue;
    if (answerLocked(a.status, ans.reviewStatus)) {
      problems.push({ row: r.row, problem: 'assessments.import.notEditable' });
      continue;
    }
    changes.push({ id: ans.id, result, justification, comment });
  }
  if (problems.length) return { applied: false, problems };
  const now = new Date();
  for (const c of changes) {
    await ctx.tx
      .update(answers)
      .set({ result: c.result, justification: c.justification, comment: c.comment, answeredBy: ctx.actor?.userId ?? null, answeredAt: now, revision: sql`${answers.revision} + 1` })
      .where(and(eq(answers.id, c.id), eq(answers.assessmentId, a.id)));
  }
  if (changes.length) await answersChanged(ctx, a.id);
  await audit(ctx, 'compliance.answer.import', { entityId: a.id, institutionId: a.institutionId, details: { rows: data.length, applied: changes.length } });
  return { applied: true, count: changes.length };
});
