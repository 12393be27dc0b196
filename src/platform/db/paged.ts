// Paged lists: the one shape every list page and API answers with, and the one place that turns a
// page number into LIMIT/OFFSET and runs a hand-written list query with its total.
import type { Database } from './database.ts';

/** One page of a list: its rows, how many there are in all, the page shown, its size and the number of pages. */
export interface Paged<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
  pages: number;
}

/** The page asked for (1 when absent or below 1) and the rows it takes and skips. */
export function pageWindow(page: number | undefined, pageSize: number) {
  const p = Math.max(1, Math.floor(page ?? 1));
  return { page: p, limit: pageSize, offset: (p - 1) * pageSize };
}

/** The page's rows with the list's total, in the paged shape. */
export function pagedOf<T>(items: T[], total: number, page: number, pageSize: number): Paged<T> {
  return { items, total, page, pageSize, pages: Math.max(1, Math.ceil(total / pageSize)) };
}

/**
 * One page of a hand-written list query: `SELECT {columns} FROM {from} ORDER BY {orderBy}` (`from`
 * carries the joins and the WHERE, with `params` collected by sqlParams()). The total comes with the
 * page (a window count); a page past the end has no rows to carry it, so it is counted apart.
 */
export async function queryPage<R>(
  db: Pick<Database, 'query'>,
  q: { columns: string; from: string; orderBy: string; params: unknown[]; page?: number; pageSize: number },
): Promise<Paged<R>> {
  const w = pageWindow(q.page, q.pageSize);
  const rows = await db.query<R & { total: string | number }>(`SELECT ${q.columns}, count(*) OVER () AS total FROM ${q.from} ORDER BY ${q.orderBy} LIMIT ${w.limit} OFFSET ${w.offset}`, q.params);
  let total = rows.length ? Number(rows[0].total) : 0;
  if (!rows.length && w.page > 1) total = Number((await db.query<{ n: string | number }>(`SELECT count(*) AS n FROM ${q.from}`, q.params))[0].n);
  const items = rows.map(({ total: _, ...r }) => r as unknown as R);
  return pagedOf(items, total, w.page, q.pageSize);
}
