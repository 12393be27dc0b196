// One table component for every list: a scrolling wrapper, a caption (visible or for screen readers
// only), column headers with scope, and one row per item. Columns say how to show a cell; numeric
// columns are right-aligned.
import type { ComponentChildren, JSX } from 'preact';

export interface Column<R> {
  head: ComponentChildren;
  cell: (row: R) => ComponentChildren;
  numeric?: boolean;
  /** Extra classes of the column's cells (e.g. 'vw-nowrap', 'vw-code vw-break'). */
  class?: string;
}

export interface DataTableProps<R> {
  id?: string;
  caption: ComponentChildren;
  /** Show the caption above the table (default: for screen readers only, the page heading says it). */
  showCaption?: boolean;
  columns: Column<R>[];
  rows: R[];
  /** The first column names the row: rendered as a row header. */
  rowHeader?: boolean;
}

export function DataTable<R>({ id, caption, showCaption = false, columns, rows, rowHeader = false }: DataTableProps<R>): JSX.Element {
  const cls = (c: Column<R>, base: string) => [base, c.numeric ? `${base}--numeric` : '', c.class ?? ''].filter(Boolean).join(' ');
  return (
    <div class="vw-table-wrap">
      <table class="govuk-table" id={id}>
        <caption class={showCaption ? 'govuk-table__caption govuk-table__caption--m' : 'govuk-table__caption govuk-visually-hidden'}>{caption}</caption>
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
                rowHeader && i === 0 ? (
                  <th scope="row" class={cls(c, 'govuk-table__header')}>
                    {c.cell(r)}
                  </th>
                ) : (
                  <td class={cls(c, 'govuk-table__cell')}>{c.cell(r)}</td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
