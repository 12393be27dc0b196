// Pieces shared by the score pages: the section links, the cycle chooser, a score column with its band,
// download links for a table, and the heatmap key.
import type { ComponentChildren } from 'preact';
import type { PageCtx } from '../../../../web/context.ts';
import type { Column } from '../../../../web/components/table.tsx';
import type { MessageKey } from '../../../../messages.ts';
import { bandOf, SCORE_BANDS } from '../rules.ts';
import type { CycleRow } from '../queries.ts';

export const msg = (ctx: PageCtx, prefix: string, value: string) => ctx.t(`${prefix}.${value}` as MessageKey);
export const localName = (ctx: PageCtx, c: { nameSw: string; nameEn: string }) => (ctx.lang === 'sw' ? c.nameSw || c.nameEn : c.nameEn || c.nameSw);
export const institutionHref = (acronym: string, cycleId?: string) => `/compliance/institutions/${encodeURIComponent(acronym)}/scores${cycleId ? `?cycle=${cycleId}` : ''}`;

/** A score as text: "75.5" (two decimals at most), or "no score". */
export function scoreText(ctx: PageCtx, score: number | null | undefined): string {
  return score === null || score === undefined ? ctx.t('compliance.scores.noScore') : ctx.f.number(score);
}

export function ScoreNav({ ctx, links }: { ctx: PageCtx; links: { href: string; key: MessageKey; params?: Record<string, string> }[] }) {
  return (
    <nav class="vw-subnav" aria-label={ctx.t('compliance.title')}>
      <ul class="govuk-list vw-inline-list">
        {links.map((l) => (
          <li>
            <a class="govuk-link" href={l.href} aria-current={ctx.path === l.href.split('?')[0] ? 'page' : undefined}>
              {ctx.t(l.key, l.params)}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** A GET form choosing the cycle; keeps the other filters given as hidden fields. */
export function CycleChooser({ ctx, cycles, current, action, keep = {} }: { ctx: PageCtx; cycles: CycleRow[]; current: CycleRow | null; action: string; keep?: Record<string, string> }) {
  if (cycles.length === 0) return <p class="govuk-body">{ctx.t('compliance.scores.noCycle')}</p>;
  return (
    <form method="get" action={action} class="vw-inline-form">
      {Object.entries(keep).filter(([, v]) => v).map(([k, v]) => <input type="hidden" name={k} value={v} />)}
      <div class="govuk-form-group">
        <label class="govuk-label" for="cycle">{ctx.t('compliance.scores.cycle')}</label>
        <select class="govuk-select" id="cycle" name="cycle">
          {cycles.map((c) => (
            <option value={c.id} selected={c.id === current?.id}>
              {`${c.code} — ${localName(ctx, c)} (${msg(ctx, 'compliance.scores.cycleStatus', c.status)})`}
            </option>
          ))}
        </select>
        <button type="submit" class="govuk-button govuk-button--secondary govuk-!-margin-left-2 govuk-!-margin-bottom-0" data-module="govuk-button">{ctx.t('compliance.scores.show')}</button>
      </div>
    </form>
  );
}

/** A numeric column of scores: the score as text, its band as the cell's colour (`absent`: no such score at all). */
export function scoreColumn<R>(ctx: PageCtx, head: ComponentChildren, score: (r: R) => number | null | undefined, absent?: (r: R) => boolean): Column<R> {
  return {
    head,
    numeric: true,
    cellClass: (r) => `vw-heat__cell--${absent?.(r) ? 'none' : bandOf(score(r))}`,
    cell: (r) => {
      const v = score(r);
      return absent?.(r) || v === null || v === undefined ? '—' : ctx.f.number(v);
    },
  };
}

export function HeatKey({ ctx }: { ctx: PageCtx }) {
  return (
    <ul class="vw-heat-key govuk-body-s" aria-label={ctx.t('compliance.scores.heatmap')}>
      <li class="vw-heat__cell--high">{`≥ ${SCORE_BANDS.high} — ${ctx.t('compliance.scores.band.high')}`}</li>
      <li class="vw-heat__cell--medium">{`≥ ${SCORE_BANDS.medium} — ${ctx.t('compliance.scores.band.medium')}`}</li>
      <li class="vw-heat__cell--low">{`< ${SCORE_BANDS.medium} — ${ctx.t('compliance.scores.band.low')}`}</li>
    </ul>
  );
}

/** "Download: CSV · XLSX" for one table, with the page's query (cycle, filters) kept. */
export function Downloads({ ctx, base, table, query = {} }: { ctx: PageCtx; base: string; table: string; query?: Record<string, string | undefined> }) {
  const qs = new URLSearchParams(Object.entries(query).filter((e): e is [string, string] => !!e[1])).toString();
  return (
    <p class="govuk-body-s">
      {ctx.t('compliance.scores.download')}:{' '}
      {(['csv', 'xlsx'] as const).map((f, i) => (
        <>
          {i > 0 && ' · '}
          <a class="govuk-link" href={`${base}.${f}${qs ? `?${qs}` : ''}`} download>
            {f.toUpperCase()}
            <span class="govuk-visually-hidden"> {ctx.t('compliance.scores.downloadAs', { table, format: f.toUpperCase() })}</span>
          </a>
        </>
      ))}
    </p>
  );
}

