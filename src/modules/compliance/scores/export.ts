// Every table of the score pages as CSV or XLSX: the presenters' rows (the API's shape), one column
// per key, so a download says exactly what the page and the API say. Text a spreadsheet would run
// as a formula is neutralised the way the portfolio's export does it.
import { stringify } from 'csv-stringify/sync';
import writeXlsxFile, { type SheetData } from 'write-excel-file/node';
import { neutralise } from '../../portfolio/index.ts';

export const EXPORT_FORMATS = ['csv', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

type Cell = string | number | boolean | null | undefined;

export interface Sheet {
  name: string;
  columns: string[];
  rows: Cell[][];
}

/** A sheet from presented rows: the columns are the given keys, in order. */
export function sheetOf<R>(name: string, columns: (keyof R & string)[], rows: R[]): Sheet {
  return { name, columns, rows: rows.map((r) => columns.map((c) => r[c] as Cell)) };
}

const text = (v: Cell) => (typeof v === 'string' ? neutralise(v) : v);

function csv(sheet: Sheet): Buffer {
  const body = stringify([sheet.columns, ...sheet.rows.map((r) => r.map((v) => (v === null || v === undefined ? '' : text(v))))], {
    record_delimiter: '\r\n',
    cast: { number: (n) => String(n), boolean: (b) => (b ? 'yes' : 'no') },
  });
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(body, 'utf8')]);
}

async function xlsx(sheet: Sheet): Promise<Buffer> {
  const header = sheet.columns.map((c) => ({ value: c, type: String, fontWeight: 'bold' as const }));
  const body: SheetData = sheet.rows.map((r) =>
    r.map((v) => (v === null || v === undefined || v === '' ? null : typeof v === 'number' ? { value: v, type: Number } : { value: String(text(typeof v === 'boolean' ? (v ? 'yes' : 'no') : v)), type: String })),
  );
  return writeXlsxFile([header, ...body], { sheet: sheet.name.slice(0, 31), stickyRowsCount: 1 }).toBuffer();
}

export async function render(sheet: Sheet, format: ExportFormat): Promise<{ body: Buffer; type: string }> {
  return format === 'csv' ? { body: csv(sheet), type: 'text/csv; charset=utf-8' } : { body: await xlsx(sheet), type: XLSX_TYPE };
}
