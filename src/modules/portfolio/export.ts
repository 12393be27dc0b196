// The catalogue as a spreadsheet: any filtered list, with the caller's visibility (catalogueAll), in
// the import's own columns, so an exported file can be edited and imported again. Cells that a
// spreadsheet program would run as a formula are written with a leading apostrophe.
import { stringify } from 'csv-stringify/sync';
import writeXlsxFile, { type SheetData } from 'write-excel-file/node';
import { sql } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.ts';
import { catalogueAll, type CatalogueFilters, type CatalogueRow } from './queries.ts';
import { parseYesNo } from './rules.ts';
import { systems } from './schema.ts';
import { IMPORT_COLUMNS } from './import.file.ts';

/** A value starting with = + - @ (or a tab or carriage return) is run as a formula by spreadsheets. */
export function neutralise(v: string): string {
  return /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
}

/** The catalogue filters from a query string (the catalogue page's names). */
export function filtersFromQuery(q: Record<string, unknown>): CatalogueFilters {
  const str = (k: string) => (typeof q[k] === 'string' && (q[k] as string).trim() ? (q[k] as string).trim().slice(0, 200) : undefined);
  const bool = (k: string) => (str(k) === undefined ? undefined : parseYesNo(str(k)!));
  return {
    q: str('q'),
    capability: str('capability')?.toUpperCase(),
    institution: str('institution'),
    sector: str('sector'),
    hosting: str('hosting'),
    lifecycle: str('lifecycle'),
    govesb: bool('govesb'),
    personalData: bool('personal_data'),
  };
}

type Cell = string | number | null;

/** The rows of the filtered catalogue in import order, cells as they will be written. */
export async function* exportRows(ctx: Ctx, filters: CatalogueFilters): AsyncGenerator<Cell[]> {
  for await (const page of catalogueAll(ctx, filters)) {
    const ids = `{${page.map((r) => r.id).join(',')}}`;
    const more = await ctx.q
      .select({ id: systems.id, nameSw: systems.nameSw, purpose: systems.purpose, usersCount: systems.usersCount, vendor: systems.vendor, goLive: systems.goLive })
      .from(systems)
      .where(sql`${systems.id} = ANY(${ids}::uuid[])`);
    const detail = new Map(more.map((m) => [m.id, m]));
    for (const r of page) yield row(r, detail.get(r.id)!);
  }
}

function row(r: CatalogueRow, d: { nameSw: string; purpose: string; usersCount: number | null; vendor: string; goLive: string | null }): Cell[] {
  const yes = (b: boolean) => (b ? 'yes' : 'no');
  const values: Record<(typeof IMPORT_COLUMNS)[number], Cell> = {
    institution: r.institution,
    code: r.code,
    name: r.name,
    name_sw: d.nameSw,
    purpose: d.purpose,
    capabilities: r.capabilities.join(';'),
    lifecycle: r.lifecycle,
    hosting: r.hosting,
    users: d.usersCount,
    personal_data: yes(r.personalData),
    govesb: yes(r.govesb),
    shared_system: r.usesShared ?? '',
    vendor: d.vendor,
    go_live: d.goLive ?? '',
    capex_tzs: r.capexTzs,
    opex_tzs: r.opexTzs,
  };
  return IMPORT_COLUMNS.map((c) => {
    const v = values[c];
    return typeof v === 'string' ? neutralise(v) : v;
  });
}

async function allRows(ctx: Ctx, filters: CatalogueFilters): Promise<Cell[][]> {
  const out: Cell[][] = [];
  for await (const r of exportRows(ctx, filters)) out.push(r);
  return out;
}

/** CSV (UTF-8 with a BOM, so spreadsheet programs read it as UTF-8; the import accepts the BOM). */
export async function catalogueCsv(ctx: Ctx, filters: CatalogueFilters): Promise<Buffer> {
  const text = stringify([[...IMPORT_COLUMNS], ...(await allRows(ctx, filters))], { record_delimiter: '\r\n', cast: { number: (n) => String(n) } });
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
}

// Every cell is typed: a text that looks like a number or a formula stays text.
const HEADER_CELLS = IMPORT_COLUMNS.map((c) => ({ value: c, type: String, fontWeight: 'bold' as const }));
const SHEET = { sheet: 'systems', stickyRowsCount: 1 };

export async function catalogueXlsx(ctx: Ctx, filters: CatalogueFilters): Promise<Buffer> {
  const body: SheetData = (await allRows(ctx, filters)).map((r) => r.map((v) => (v === null || v === '' ? null : typeof v === 'number' ? { value: v, type: Number } : { value: v, type: String })));
  return writeXlsxFile([HEADER_CELLS, ...body], SHEET).toBuffer();
}

/** The empty files offered as templates on the import page. */
export async function templateCsv(): Promise<Buffer> {
  return Buffer.from(`${IMPORT_COLUMNS.join(',')}\r\n`, 'utf8');
}

export async function templateXlsx(): Promise<Buffer> {
  return writeXlsxFile([HEADER_CELLS], SHEET).toBuffer();
}
