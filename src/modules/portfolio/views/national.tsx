// The authority's national views: overlap clusters with decisions, the capability × institution
// matrix, the integration map (SVG with a table), and the dashboard.
import type { PageCtx } from '../../../web/context.ts';
import { Layout } from '../../../web/layout.tsx';
import { Button, Csrf, Select, TextInput } from '../../../web/components/forms.tsx';
import { Pagination, TableWrap } from '../../../web/components/lists.tsx';
import { BarChart } from '../../../web/components/charts.tsx';
import type { MessageKey } from '../../../messages.ts';
import { VERDICTS } from '../schema.ts';
import type { ClusterView } from '../overlaps.service.ts';
import type { IntegrationRow } from '../queries.ts';
import type { NavLinks } from './catalogue.tsx';
import { institutionHref, IntegrationsTable, label, PortfolioNav, Reasons, systemHref } from './common.tsx';

export function OverlapsPage(p: { ctx: PageCtx; nav: NavLinks; clusters: ClusterView[]; page: number; pages: number; state: { stale: boolean; computedAt: Date | null }; systems: number; canDecide: boolean }) {
  const { ctx } = p;
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('portfolio.overlaps')}>
      <PortfolioNav ctx={ctx} links={p.nav.links} />
      <h1 class="govuk-heading-xl">{t('portfolio.overlaps')}</h1>
      <p class="govuk-body-l">{t('portfolio.overlaps.lead')}</p>
      {p.state.computedAt && <p class="govuk-body vw-muted">{t('portfolio.overlap.computedAt', { date: ctx.f.dateTime(p.state.computedAt), n: ctx.f.number(p.systems) })}</p>}
      {p.state.stale && <div class="govuk-inset-text">{t('portfolio.overlap.stale')}</div>}
      {p.clusters.length === 0 && <p class="govuk-body">{t('portfolio.overlap.none')}</p>}
      {p.clusters.map((c, i) => (
        <section class="vw-box" aria-labelledby={`cl-${i}`} id={c.id}>
          <h2 class="govuk-heading-m" id={`cl-${i}`}>
            {c.systems.map((m) => m.name).slice(0, 3).join(' · ')}
            <span class="govuk-caption-m">
              {t('portfolio.overlap.score', { score: c.score.toFixed(2) })}
              {c.capability && <> · {t('portfolio.overlap.capability')} {c.capability}</>} · {c.verdict ? t(`portfolio.overlap.verdict.${c.verdict}` as MessageKey) : t('portfolio.overlap.undecided')}
            </span>
          </h2>
          <h3 class="govuk-heading-s">{t('portfolio.overlap.members')}</h3>
          <ul class="govuk-list">
            {c.systems.map((m) => (
              <li>
                <a class="govuk-link" href={systemHref(m.id)}>{m.name}</a> — <a class="govuk-link" href={institutionHref(m.institution)}>{m.institution}</a> ({m.code}){m.shared && <> · <strong class="govuk-tag govuk-tag--green">{t('portfolio.reuse.shared')}</strong></>}
              </li>
            ))}
          </ul>
          <h3 class="govuk-heading-s">{t('portfolio.overlap.why')}</h3>
          <Reasons ctx={ctx} reasons={c.reasons} />
          {p.canDecide && (
            <form method="post" action="/portfolio/overlaps/decide">
              <Csrf ctx={ctx} />
              {c.systems.map((m) => <input type="hidden" name="systems" value={m.id} />)}
              <Select ctx={ctx} name="verdict" label={t('portfolio.overlap.decide')} value={c.verdict ?? 'confirmed'} options={VERDICTS.map((v) => ({ value: v, label: t(`portfolio.overlap.verdict.${v}` as MessageKey) }))} />
              <TextInput ctx={ctx} name="note" label={t('portfolio.overlap.note')} value="" />
              <Button secondary>{t('portfolio.overlap.record')}</Button>
            </form>
          )}
        </section>
      ))}
      <Pagination ctx={ctx} page={p.page} pages={p.pages} />
    </Layout>
  );
}

export function MatrixPage(p: { ctx: PageCtx; nav: NavLinks; domains: { code: string; name: string }[]; cells: { institution: string; domain: string; n: number }[] }) {
  const { ctx } = p;
  const { t } = ctx;
  const insts = [...new Set(p.cells.map((c) => c.institution))].sort();
  const at = new Map(p.cells.map((c) => [`${c.institution}|${c.domain}`, c.n]));
  return (
    <Layout ctx={ctx} title={t('portfolio.matrix')}>
      <PortfolioNav ctx={ctx} links={p.nav.links} />
      <h1 class="govuk-heading-xl">{t('portfolio.matrix')}</h1>
      {insts.length === 0 ? (
        <p class="govuk-body">{t('portfolio.none')}</p>
      ) : (
        <TableWrap>
          <table class="govuk-table vw-matrix" id="matrix">
            <caption class="govuk-table__caption govuk-table__caption--m">{t('portfolio.matrix')}</caption>
            <thead class="govuk-table__head">
              <tr class="govuk-table__row">
                <th scope="col" class="govuk-table__header">{t('portfolio.col.institution')}</th>
                {p.domains.map((d) => (
                  <th scope="col" class="govuk-table__header"><abbr title={d.name}>{d.code}</abbr></th>
                ))}
              </tr>
            </thead>
            <tbody class="govuk-table__body">
              {insts.map((i) => (
                <tr class="govuk-table__row">
                  <th scope="row" class="govuk-table__header"><a class="govuk-link" href={institutionHref(i)}>{i}</a></th>
                  {p.domains.map((d) => {
                    const n = at.get(`${i}|${d.code}`) ?? 0;
                    return (
                      <td class={`govuk-table__cell vw-matrix__cell--${n === 0 ? '0' : n > 1 ? 'many' : '1'}`}>
                        {n === 0 ? '·' : <a class="govuk-link" href={`/portfolio?institution=${encodeURIComponent(i)}&capability=${d.code}`}>{n}</a>}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </Layout>
  );
}

/** Systems on a circle, integrations as lines between them; each system is a focusable link. */
function MapSvg({ ctx, rows }: { ctx: PageCtx; rows: IntegrationRow[] }) {
  const nodes = new Map<string, { id: string; name: string; inst: string }>();
  for (const r of rows) {
    nodes.set(r.providerId, { id: r.providerId, name: r.provider, inst: r.providerInstitution });
    nodes.set(r.consumerId, { id: r.consumerId, name: r.consumer, inst: r.consumerInstitution });
  }
  const list = [...nodes.values()].sort((a, b) => a.inst.localeCompare(b.inst) || a.name.localeCompare(b.name)).slice(0, 80);
  const size = 760;
  const c = size / 2;
  const radius = size / 2 - 150;
  const pos = new Map(list.map((n, i) => [n.id, { x: c + radius * Math.cos((2 * Math.PI * i) / list.length), y: c + radius * Math.sin((2 * Math.PI * i) / list.length), a: (360 * i) / list.length }]));
  return (
    <svg role="group" aria-labelledby="map-title" viewBox={`0 0 ${size} ${size}`} width="100%" class="vw-map">
      <title id="map-title">{ctx.t('portfolio.map')}</title>
      {rows.filter((r) => pos.has(r.providerId) && pos.has(r.consumerId)).map((r) => {
        const a = pos.get(r.providerId)!;
        const b = pos.get(r.consumerId)!;
        return <path d={`M${a.x.toFixed(1)},${a.y.toFixed(1)} Q${c},${c} ${b.x.toFixed(1)},${b.y.toFixed(1)}`} class={`vw-map__edge${r.channel === 'govesb' ? ' vw-map__edge--govesb' : ''}`} />;
      })}
      {list.map((n) => {
        const p = pos.get(n.id)!;
        const left = p.a > 90 && p.a < 270;
        return (
          <a href={systemHref(n.id)} class="vw-map__node">
            <title>{`${n.name} (${n.inst})`}</title>
            <circle cx={p.x.toFixed(1)} cy={p.y.toFixed(1)} r="6" />
            <text x={(p.x + (left ? -10 : 10)).toFixed(1)} y={(p.y + 4).toFixed(1)} text-anchor={left ? 'end' : 'start'}>
              {`${n.inst}: ${n.name.length > 22 ? n.name.slice(0, 21) + '…' : n.name}`}
            </text>
          </a>
        );
      })}
    </svg>
  );
}

export function MapPage(p: { ctx: PageCtx; nav: NavLinks; rows: IntegrationRow[] }) {
  const { ctx } = p;
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('portfolio.map')}>
      <PortfolioNav ctx={ctx} links={p.nav.links} />
      <h1 class="govuk-heading-xl">{t('portfolio.map')}</h1>
      {p.rows.length === 0 ? (
        <p class="govuk-body">{t('portfolio.none')}</p>
      ) : (
        <>
          <MapSvg ctx={ctx} rows={p.rows} />
          <IntegrationsTable ctx={ctx} rows={p.rows} id="integrations" caption={t('portfolio.system.integrations')} />
        </>
      )}
    </Layout>
  );
}

type Rows = { key: string; n: number }[];

export function DashboardPage(p: { ctx: PageCtx; nav: NavLinks; d: { byDomain: Rows; byHosting: Rows; byLifecycle: Rows; govesb: Rows; spendBySector: Rows; spendByDomain: Rows; reuse: Rows }; domainName: (code: string) => string }) {
  const { ctx, d } = p;
  const { t } = ctx;
  const count = t('portfolio.dash.count');
  const spend = t('portfolio.dash.spend');
  return (
    <Layout ctx={ctx} title={t('portfolio.dashboard')}>
      <PortfolioNav ctx={ctx} links={p.nav.links} />
      <h1 class="govuk-heading-xl">{t('portfolio.dashboard')}</h1>
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-one-half">
          <BarChart ctx={ctx} id="by-domain" title={t('portfolio.dash.byCapability')} valueLabel={count} bars={d.byDomain.map((r) => ({ label: p.domainName(r.key), value: r.n }))} />
          <BarChart ctx={ctx} id="by-hosting" title={t('portfolio.dash.byHosting')} valueLabel={count} bars={d.byHosting.map((r) => ({ label: label(ctx, 'portfolio.hosting', r.key), value: r.n }))} />
          <BarChart ctx={ctx} id="by-lifecycle" title={t('portfolio.dash.byLifecycle')} valueLabel={count} bars={d.byLifecycle.map((r) => ({ label: label(ctx, 'portfolio.lifecycle', r.key), value: r.n }))} />
          <BarChart ctx={ctx} id="govesb" title={t('portfolio.dash.govesb')} valueLabel={count} bars={d.govesb.map((r) => ({ label: t(r.key === 'connected' ? 'portfolio.dash.connected' : 'portfolio.dash.notConnected'), value: r.n }))} />
        </div>
        <div class="govuk-grid-column-one-half">
          <BarChart ctx={ctx} id="spend-sector" title={t('portfolio.dash.spendBySector')} valueLabel={spend} money bars={d.spendBySector.map((r) => ({ label: r.key, value: Number(r.n) }))} />
          <BarChart ctx={ctx} id="spend-domain" title={t('portfolio.dash.spendByCapability')} valueLabel={spend} money bars={d.spendByDomain.map((r) => ({ label: p.domainName(r.key), value: Number(r.n) }))} />
          <BarChart ctx={ctx} id="reuse" title={t('portfolio.dash.reuse')} valueLabel={t('portfolio.col.institution')} bars={d.reuse.filter((r) => r.n > 0).map((r) => ({ label: r.key, value: r.n }))} />
        </div>
      </div>
    </Layout>
  );
}
