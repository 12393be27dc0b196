// Reading an import file into rows of text cells: CSV (UTF-8, RFC 4180, with or without a BOM) or
// XLSX. What a file is comes from its bytes; an XLSX is opened only within the platform's caps
// (inflateZip in a worker) and the spreadsheet reader gets a zip rebuilt from those parts (decision 0202).
import { parse as parseCsv, CsvError } from 'csv-parse/sync';
import { readSheet } from 'read-excel-file/universal';
import { AppError } from '../../platform/http/errors.ts';
import { fileRefusal, FileProblemError, inflateZip, rebuiltZip, type ArchiveLimits } from '../../platform/files/index.ts';
import { detectKind } from '../../platform/files/detect.ts';
import type { MessageKey } from '../../messages.ts';

export const IMPORT_COLUMNS = [
  'institution', 'code', 'name', 'name_sw', 'purpose', 'capabilities', 'lifecycle', 'hosting', 'users',
  'personal_data', 'govesb', 'shared_system', 'vendor', 'go_live', 'capex_tzs', 'opex_tzs',
] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];
export const IMPORT_HEADER = IMPORT_COLUMNS.join(',');

/** Most systems one file may carry; a larger registry is sent as several files. */
export const MAX_IMPORT_ROWS = 20_000;

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export interface ImportFile {
  bytes: Buffer;
  /** The name the file was uploaded with (shown and audited only). */
  name?: string;
  /** What the sender says it is (file extension or Content-Type); the content still decides. */
  declared?: 'csv' | 'xlsx';
}

/** A data row: its number as a spreadsheet shows it (the header is row 1) and its 16 cells. */
export interface RawRow {
  row: number;
  cells: string[];
}

const refuse = (key: MessageKey, params?: Record<string, string | number>) => new AppError(422, 'error.summary', params, { file: key });

const isZip = (b: Buffer) => b.length >= 4 && b.readUInt32LE(0) === 0x04034b50;

function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : v.toISOString().slice(0, 10);
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  if (typeof v === 'number') return Number.isInteger(v) ? BigInt(v).toString() : String(v);
  return String(v);
}

function checkHeader(header: string[] | undefined): void {
  const got = (header ?? []).map((h) => h.trim().toLowerCase());
  while (got.length > IMPORT_COLUMNS.length && got[got.length - 1] === '') got.pop();
  if (got.join(',') !== IMPORT_HEADER) throw refuse('portfolio.import.err.header');
}

/** Rows after the header, with fully empty rows left out (their numbers are still counted). */
function dataRows(records: string[][]): RawRow[] {
  checkHeader(records[0]);
  if (records.length - 1 > MAX_IMPORT_ROWS) throw refuse('portfolio.import.err.tooManyRows');
  const rows: RawRow[] = [];
  for (let i = 1; i < records.length; i++) {
    const cells = records[i];
    while (cells.length > IMPORT_COLUMNS.length && cells[cells.length - 1].trim() === '') cells.pop();
    if (cells.every((c) => c.trim() === '')) continue;
    rows.push({ row: i + 1, cells });
  }
  if (rows.length === 0) throw refuse('portfolio.import.err.noRows');
  return rows;
}

function readCsv(bytes: Buffer): string[][] {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw refuse('portfolio.import.err.notSpreadsheet');
  }
  if (text.includes('\u0000')) throw refuse('portfolio.import.err.notSpreadsheet');
  try {
    // Reading stops one record past the limit, so a huge file is refused without parsing all of it.
    return parseCsv(text, { bom: true, relax_column_count: true, skip_empty_lines: false, to: MAX_IMPORT_ROWS + 2 }) as string[][];
  } catch (err) {
    if (err instanceof CsvError) throw refuse('portfolio.import.err.malformed', { line: (err as CsvError & { lines?: number }).lines ?? 1 });
    throw err;
  }
}

/** Counts `<row` elements without parsing: a sheet past the limit is refused before it is read. */
function rowElements(xml: Buffer): number {
  const needle = Buffer.from('<row');
  let n = 0;
  for (let i = xml.indexOf(needle); i !== -1; i = xml.indexOf(needle, i + 4)) {
    const next = xml[i + 4];
    if (next === 0x20 || next === 0x3e || next === 0x2f) n++;
  }
  return n;
}

async function readXlsx(bytes: Buffer, limits?: Partial<ArchiveLimits>): Promise<string[][]> {
  let parts: Map<string, Buffer>;
  try {
    await detectKind(bytes, ['xlsx']);
    parts = await inflateZip(bytes, { include: /^(\[Content_Types\]\.xml|_rels\/\.rels|xl\/[^/]+\.xml|xl\/_rels\/[^/]+\.rels|xl\/worksheets\/[^/]+\.xml)$/, limits });
  } catch (err) {
    if (err instanceof FileProblemError) throw err.problem === 'corrupt' || err.problem === 'wrongType' || err.problem === 'polyglot' ? refuse('portfolio.import.err.notSpreadsheet') : fileRefusal(err.problem);
    throw err;
  }
  if (!parts.has('[Content_Types].xml') || !parts.has('xl/workbook.xml')) throw refuse('portfolio.import.err.notSpreadsheet');
  for (const [name, xml] of parts) {
    if (name.startsWith('xl/worksheets/') && rowElements(xml) > MAX_IMPORT_ROWS + 1) throw refuse('portfolio.import.err.tooManyRows');
  }
  // The reader opens a zip itself and would trust its headers: it gets one rebuilt from the parts
  // already inflated within the caps, stored uncompressed, so every size in it is true.
  const rebuilt = await rebuiltZip(parts);
  try {
    const sheet = await readSheet(rebuilt);
    return sheet.map((r) => r.map(cellText));
  } catch {
    throw refuse('portfolio.import.err.notSpreadsheet');
  }
}

/**
 * The data rows of an import file. Throws a 422 naming the problem for a file that is not a CSV or
 * XLSX, has another header, more than MAX_IMPORT_ROWS rows, or no rows; 413 over the upload limit.
 */
export async function readImportFile(file: ImportFile, opts: { maxBytes: number; limits?: Partial<ArchiveLimits> }): Promise<RawRow[]> {
  if (file.bytes.length === 0) throw fileRefusal('empty');
  if (file.bytes.length > opts.maxBytes) throw fileRefusal('tooLarge');
  if (isZip(file.bytes)) return dataRows(await readXlsx(file.bytes, opts.limits));
  if (file.declared === 'xlsx') throw refuse('portfolio.import.err.notSpreadsheet');
  return dataRows(readCsv(file.bytes));
}

/** What the sender says a file is, from its name or Content-Type. */
export function declaredKind(nameOrType: string | undefined): ImportFile['declared'] {
  const s = (nameOrType ?? '').toLowerCase();
  if (s.endsWith('.xlsx') || s.startsWith(XLSX_TYPE)) return 'xlsx';
  if (s.endsWith('.csv') || s.startsWith('text/csv')) return 'csv';
  return undefined;
}
