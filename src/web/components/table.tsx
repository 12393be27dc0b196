// One table component for every list: a scrolling wrapper, a caption (visible or for screen readers
// only), column headers with scope, and one row per item. Columns say how to show a cell; numeric
// columns are right-aligned; a column may name its rows (row headers) and colour a cell by its row.
// PagedTable puts one page of a list between its "showing" line and its page links.
import type { ComponentChildren, JSX } from 'preact';
import type { PageCtx } from '../context.ts';
import { Pagination, Showing } from './lists.tsx';

export interface Column<R> {
  head: ComponentChildren;
  cell: (row: R) => ComponentChildren;
  numeric?: boolean;
  /** Extra classes of the column's cells (e.g. 'vw-nowrap', 'vw-code vw-break'). */
  class?: string;
  /** Extra classes of one body cell, worked out from its row (e.g. a heatmap band). */
  cellClass?: (row: R) => string | undefined;
  /** This column's cells name their rows: rendered as row headers (see also the table's `rowHeader`). */
  rowHeader?: boolean;
}

export interface DataTableProps<R> {
  id?: string;
  caption: ComponentChildren;
  /** Show the caption above the table, at medium size or `'s'` small (default: for screen readers only, the page heading says it). */
  showCaption?: boolean | 's' | 'm';
  columns: Column<R>[];
  rows: R[];
  /** The first column names the row: rendered as a row header. */
  rowHeader?: boolean;
  /** Extra classes of the table itself (e.g. 'vw-heat', 'vw-table-small'). */
  class?: string;
}

const join = (...parts: (string | false | undefined)[]) => parts.filter(Boolean).join(' ');

export function DataTable<R>({ id, caption, showCaption = false, columns, rows, rowHeader = false, class: tableClass }: DataTableProps<R>): JSX.Element {
  const cls = (c: Column<R>, base: string, extra?: string) => join(base, c.numeric && `${base}--numeric`, c.class, extra);
  const captionSize = showCaption === 's' ? 's' : 'm';
  return (
    <div class="vw-table-wrap">
      <table class={join('govuk-table', tableClass)} id={id}>
        <caption class={showCaption ? `govuk-table__caption govuk-table__caption--${captionSize}` : 'govuk-table__caption govuk-visually-hidden'}>{caption}</caption>
        <thead class="govuk-table__head">
          <tr class="govuk-table__row">
            {columns.map((c) => (
              <th scope="col" class={cls(c, 'govuk-table__header')}>
                {c.head}
              </th>
            ))}
          </tr>
        </thead>
        <tbody class="govuk-table__body">
          {rows.map((r) => (
            <tr class="govuk-table__row">
              {columns.map((c, i) =>
                c.rowHeader || (rowHeader && i === 0) ? (
                  <th scope="row" class={cls(c, 'govuk-table__header', c.cellClass?.(r))}>
                    {c.cell(r)}
                  </th>
                ) : (
                  <td class={cls(c, 'govuk-table__cell', c.cellClass?.(r))}>{c.cell(r)}</td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export interface PagedTableProps<R> extends Omit<DataTableProps<R>, 'rows'> {
  ctx: PageCtx;
  /** One page of a list and where it stands in the whole. */
  result: { items: R[]; page: number; pageSize: number; total: number };
}

/** One page of a list: the "showing x to y of z" line, the table (when the page has rows), and the page links. */
export function PagedTable<R>({ ctx, result, ...table }: PagedTableProps<R>): JSX.Element {
  return (
    <>
      <Showing ctx={ctx} page={result.page} size={result.pageSize} total={result.total} />
      {result.items.length > 0 && <DataTable {...table} rows={result.items} />}
      <Pagination ctx={ctx} page={result.page} pages={Math.max(1, Math.ceil(result.total / result.pageSize))} />
    </>
  );
}
