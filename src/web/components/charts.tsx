// Server-rendered SVG charts. Each chart is an image with a title for screen readers and comes with
// a table of the same figures (in a <details>, so the page stays short), so nothing is only visual.
import type { PageCtx } from '../context.ts';
import { TableWrap } from './lists.tsx';

export interface Bar {
  label: string;
  value: number;
}

/** Horizontal bars, longest first as given; values formatted with the page's number format. */
export function BarChart({ ctx, id, title, bars, valueLabel, money }: { ctx: PageCtx; id: string; title: string; bars: Bar[]; valueLabel: string; money?: boolean }) {
  const max = Math.max(1, ...bars.map((b) => b.value));
  const row = 26;
  const labelW = 190;
  const barW = 300;
  const h = bars.length * row + 8;
  const fmt = (v: number) => (money ? ctx.f.number(Math.round(v)) : ctx.f.number(v));
  return (
    <figure class="vw-chart" aria-labelledby={`${id}-title`}>
      <figcaption class="govuk-heading-s" id={`${id}-title`}>
        {title}
      </figcaption>
      {bars.length === 0 ? (
        <p class="govuk-body">{ctx.t('common.none')}</p>
      ) : (
        <svg role="img" aria-labelledby={`${id}-title`} viewBox={`0 0 ${labelW + barW + 120} ${h}`} width="100%" class="vw-chart__svg">
          {bars.map((b, i) => {
            const w = Math.max(1, Math.round((b.value / max) * barW));
            const y = i * row + 4;
            return (
              <g>
                <text x={labelW - 8} y={y + 15} text-anchor="end" class="vw-chart__label">
                  {b.label.length > 24 ? `${b.label.slice(0, 23)}…` : b.label}
                </text>
                <rect x={labelW} y={y + 2} width={w} height={row - 8} class="vw-chart__bar" />
                <text x={labelW + w + 6} y={y + 15} class="vw-chart__value">
                  {fmt(b.value)}
                </text>
              </g>
            );
          })}
        </svg>
      )}
      {bars.length > 0 && (
        <details class="govuk-details">
          <summary class="govuk-details__summary">
            <span class="govuk-details__summary-text">{ctx.t('chart.table')}</span>
          </summary>
          <div class="govuk-details__text">
            <TableWrap>
              <table class="govuk-table">
                <caption class="govuk-table__caption govuk-visually-hidden">{title}</caption>
                <thead class="govuk-table__head">
                  <tr class="govuk-table__row">
                    <th scope="col" class="govuk-table__header">{title}</th>
                    <th scope="col" class="govuk-table__header govuk-table__header--numeric">{valueLabel}</th>
                  </tr>
                </thead>
                <tbody class="govuk-table__body">
                  {bars.map((b) => (
                    <tr class="govuk-table__row">
                      <th scope="row" class="govuk-table__header">{b.label}</th>
                      <td class="govuk-table__cell govuk-table__cell--numeric">{fmt(b.value)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
          </div>
        </details>
      )}
    </figure>
  );
}
