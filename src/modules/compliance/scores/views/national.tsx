// The national views: the dashboard (overdue items, groups, the heatmap of institutions × groups,
// sectors, trend, the top of the league) and the whole league table.
import type { PageCtx } from '../../../../web/context.ts';
import { Layout } from '../../../../web/layout.tsx';
import { Button, Csrf, Notice } from '../../../../web/components/forms.tsx';
import { FilterForm, Pagination, Showing, SummaryRow } from '../../../../web/components/lists.tsx';
import { BarChart } from '../../../../web/components/charts.tsx';
import type { MessageKey } from '../../../../messages.ts';
import { SCORE_BANDS } from '../rules.ts';
import type { CycleRow, GroupRow, GroupScoreRow, HeatmapRow, LeagueRow, SectorRow, TrendRow } from '../queries.ts';
import { CycleChooser, Downloads, HeatKey, institutionHref, localName, msg, scoreColumn, ScoreNav } from './common.tsx';
import { DataTable } from '../../../../web/components/table.tsx';

type Paged<T> = { total: number; page: number; pageSize: number; items: T[] };
export type NavLink = { href: string; key: MessageKey; params?: Record<string, string> };

export function LeagueTable({ ctx, rows, caption, cycleId }: { ctx: PageCtx; rows: LeagueRow[]; caption: string; cycleId: string }) {
  const { t } = ctx;
  return (
    <DataTable
      id="league"
      class="vw-heat"
      caption={caption}
      showCaption
      rows={rows}
      columns={[
        { head: t('compliance.scores.col.rank'), numeric: true, cell: (r) => r.rank },
        {
          head: t('compliance.scores.col.institution'),
          rowHeader: true,
          cell: (r) => (
            <>
              <a class="govuk-link" href={institutionHref(r.acronym, cycleId)}>{r.acronym}</a> <span class="govuk-body-s">{localName(ctx, r)}</span>
            </>
          ),
        },
        { head: t('compliance.scores.col.sector'), cell: (r) => r.sector || '—' },
        scoreColumn<LeagueRow>(ctx, t('compliance.scores.col.score'), (r) => r.score),
        { head: t('compliance.scores.col.progress'), numeric: true, cell: (r) => `${ctx.f.number(r.answered)} / ${ctx.f.number(r.questions)}` },
        { head: t('compliance.scores.col.status'), cell: (r) => msg(ctx, 'compliance.scores.assessment', r.status) },
      ]}
    />
  );
}

export function DashboardPage(p: {
  ctx: PageCtx;
  nav: NavLink[];
  cycles: CycleRow[];
  cycle: CycleRow | null;
  scoped: boolean;
  overdue: { findings: number; directives: number };
  groups: GroupRow[];
  groupScores: GroupScoreRow[];
  heat: Paged<HeatmapRow>;
  top: LeagueRow[];
  sectors: SectorRow[];
  trend: TrendRow[];
  standards: { id: string; code: string; titleSw: string; titleEn: string }[];
  can: { close: boolean; recompute: boolean };
  notice?: MessageKey;
  noticeParams?: Record<string, string>;
}) {
  const { ctx, cycle } = p;
  const { t } = ctx;
  const score = t('compliance.scores.col.score');
  const q = cycle ? { cycle: cycle.id } : {};
  return (
    <Layout ctx={ctx} title={t('compliance.scores.dashboard')}>
      <ScoreNav ctx={ctx} links={p.nav} />
      <h1 class="govuk-heading-xl">{t('compliance.scores.dashboard')}</h1>
      <p class="govuk-body-l">{t('compliance.scores.dashboard.lead')}</p>
      {p.notice && <Notice ctx={ctx} success>{t(p.notice, p.noticeParams)}</Notice>}
      {p.scoped && <p class="govuk-inset-text">{t('compliance.scores.scopedNote')}</p>}
      <CycleChooser ctx={ctx} cycles={p.cycles} current={cycle} action="/compliance" />
      {cycle && (
        <>
          <p class="govuk-body">
            <strong class={`govuk-tag ${cycle.status === 'closed' ? 'govuk-tag--grey' : 'govuk-tag--blue'}`}>{msg(ctx, 'compliance.scores.cycleStatus', cycle.status)}</strong>
            {cycle.status === 'open' && <span class="vw-muted"> {t('compliance.scores.computedAt')}</span>}
          </p>
          {(p.can.close || p.can.recompute) && (
            <div class="govuk-button-group">
              {p.can.close && (
                <form method="post" action={`/compliance/cycles/${cycle.id}/close`}>
                  <Csrf ctx={ctx} />
                  <input type="hidden" name="revision" value={String(cycle.revision)} />
                  <p class="govuk-hint">{t('compliance.scores.close.hint')}</p>
                  <Button warning>{t('compliance.scores.close')}</Button>
                </form>
              )}
              {p.can.recompute && cycle.status === 'open' && (
                <form method="post" action="/compliance/scores/recompute">
                  <Csrf ctx={ctx} />
                  <Button secondary>{t('compliance.scores.recompute')}</Button>
                </form>
              )}
            </div>
          )}
          <h2 class="govuk-heading-l">{t('compliance.scores.overdue')}</h2>
          <dl class="govuk-summary-list" id="overdue">
            <SummaryRow k={t('compliance.scores.overdueFindings')}><a class="govuk-link" href="/compliance/findings?overdue=yes">{ctx.f.number(p.overdue.findings)}</a></SummaryRow>
            <SummaryRow k={t('compliance.scores.overdueDirectives')}><a class="govuk-link" href="/compliance/directives?status=overdue">{ctx.f.number(p.overdue.directives)}</a></SummaryRow>
          </dl>

          <div class="govuk-grid-row">
            <div class="govuk-grid-column-one-half">
              <BarChart ctx={ctx} id="groups" title={t('compliance.scores.groups')} valueLabel={score} bars={p.groupScores.filter((g) => g.score !== null).map((g) => ({ label: `${g.code} ${localName(ctx, g)}`, value: g.score! }))} />
            </div>
            <div class="govuk-grid-column-one-half">
              <BarChart ctx={ctx} id="sectors" title={t('compliance.scores.sectors')} valueLabel={score} bars={p.sectors.filter((s) => s.score !== null).map((s) => ({ label: s.sector, value: s.score! }))} />
              <Downloads ctx={ctx} base="/compliance/sectors" table={t('compliance.scores.sectors')} query={q} />
            </div>
          </div>

          <h2 class="govuk-heading-l" id="heatmap-heading">{t('compliance.scores.heatmap')}</h2>
          <p class="govuk-body">{t('compliance.scores.heatmap.lead', { high: String(SCORE_BANDS.high), medium: String(SCORE_BANDS.medium) })}</p>
          <HeatKey ctx={ctx} />
          <Showing ctx={ctx} page={p.heat.page} size={p.heat.pageSize} total={p.heat.total} />
          {p.heat.items.length > 0 && (
            <DataTable
              id="heatmap"
              class="vw-heat"
              caption={t('compliance.scores.heatmap')}
              rowHeader
              rows={p.heat.items}
              columns={[
                { head: t('compliance.scores.col.institution'), cell: (r) => <a class="govuk-link" href={institutionHref(r.acronym, cycle.id)}>{r.acronym}</a> },
                scoreColumn<HeatmapRow>(ctx, t('compliance.scores.col.overall'), (r) => r.score),
                ...p.groups.map((g) =>
                  scoreColumn<HeatmapRow>(
                    ctx,
                    <abbr title={localName(ctx, g)}>{g.code}</abbr>,
                    (r) => r.groups[g.code],
                    (r) => !(g.code in r.groups),
                  ),
                ),
              ]}
            />
          )}
          <Pagination ctx={ctx} page={p.heat.page} pages={Math.ceil(p.heat.total / p.heat.pageSize)} />
          <Downloads ctx={ctx} base="/compliance/heatmap" table={t('compliance.scores.heatmap')} query={q} />

          {p.top.length > 0 && (
            <>
              <LeagueTable ctx={ctx} rows={p.top} caption={t('compliance.scores.league')} cycleId={cycle.id} />
              <p class="govuk-body"><a class="govuk-link" href={`/compliance/league?cycle=${cycle.id}`}>{t('compliance.scores.league')} →</a></p>
            </>
          )}
        </>
      )}

      <h2 class="govuk-heading-l">{t('compliance.scores.trend')}</h2>
      {p.trend.length === 0 ? (
        <p class="govuk-body">{t('compliance.scores.trend.none')}</p>
      ) : (
        <BarChart ctx={ctx} id="trend" title={t('compliance.scores.trend')} valueLabel={score} bars={p.trend.filter((x) => x.score !== null).map((x) => ({ label: `${x.code}`, value: x.score! }))} />
      )}

      {p.standards.length > 0 && (
        <>
          <h2 class="govuk-heading-l">{t('compliance.scores.standards')}</h2>
          <ul class="govuk-list">
            {p.standards.map((s) => (
              <li><a class="govuk-link" href={`/compliance/standards/${s.id}${cycle ? `?cycle=${cycle.id}` : ''}`}>{s.code}</a> — {ctx.lang === 'sw' ? s.titleSw : s.titleEn}</li>
            ))}
          </ul>
        </>
      )}
    </Layout>
  );
}

export function LeaguePage(p: { ctx: PageCtx; nav: NavLink[]; cycles: CycleRow[]; cycle: CycleRow | null; sector: string; sectors: string[]; league: Paged<LeagueRow> }) {
  const { ctx, cycle } = p;
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('compliance.scores.league')}>
      <ScoreNav ctx={ctx} links={p.nav} />
      <h1 class="govuk-heading-xl">{t('compliance.scores.league')}</h1>
      <FilterForm ctx={ctx} action="/compliance/league" clearHref={cycle ? `/compliance/league?cycle=${cycle.id}` : '/compliance/league'}>
        <div class="govuk-form-group">
          <label class="govuk-label" for="cycle">{t('compliance.scores.cycle')}</label>
          <select class="govuk-select" id="cycle" name="cycle">
            {p.cycles.map((c) => <option value={c.id} selected={c.id === cycle?.id}>{`${c.code} (${msg(ctx, 'compliance.scores.cycleStatus', c.status)})`}</option>)}
          </select>
        </div>
        <div class="govuk-form-group">
          <label class="govuk-label" for="sector">{t('compliance.scores.col.sector')}</label>
          <select class="govuk-select" id="sector" name="sector">
            <option value="">—</option>
            {p.sectors.map((s) => <option value={s} selected={s === p.sector}>{s}</option>)}
          </select>
        </div>
      </FilterForm>
      {!cycle ? (
        <p class="govuk-body">{t('compliance.scores.noCycle')}</p>
      ) : (
        <>
          <Showing ctx={ctx} page={p.league.page} size={p.league.pageSize} total={p.league.total} />
          {p.league.items.length > 0 && <LeagueTable ctx={ctx} rows={p.league.items} caption={`${t('compliance.scores.league')}: ${cycle.code}`} cycleId={cycle.id} />}
          <Pagination ctx={ctx} page={p.league.page} pages={Math.ceil(p.league.total / p.league.pageSize)} />
          <Downloads ctx={ctx} base="/compliance/league" table={t('compliance.scores.league')} query={{ cycle: cycle.id, sector: p.sector }} />
        </>
      )}
    </Layout>
  );
}

