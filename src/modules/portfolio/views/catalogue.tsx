// The catalogue of systems (national for the authority, one institution's for its staff) and an
// institution's portfolio page.
import type { PageCtx } from '../../../web/context.ts';
import { Layout } from '../../../web/layout.tsx';
import { Button, Csrf, Select, TextInput } from '../../../web/components/forms.tsx';
import { FilterForm, Pagination, Showing, withQuery } from '../../../web/components/lists.tsx';
import { DataTable } from '../../../web/components/table.tsx';
import { HOSTINGS, LIFECYCLES } from '../schema.ts';
import type { CatalogueRow } from '../queries.ts';
import { institutionHref, label, PortfolioNav, systemHref, yesNo } from './common.tsx';
import type { MessageKey } from '../../../messages.ts';

export interface NavLinks {
  links: { href: string; key: MessageKey }[];
}

export interface CatalogueFiltersView {
  q: string;
  capability: string;
  institution: string;
  sector: string;
  hosting: string;
  lifecycle: string;
  govesb: string;
  personal_data: string;
}

export function SystemsTable({ ctx, rows, caption }: { ctx: PageCtx; rows: CatalogueRow[]; caption: string }) {
  const { t } = ctx;
  return (
    <DataTable
      id="systems"
      caption={caption}
      rows={rows}
      columns={[
        {
          head: t('portfolio.col.system'),
          cell: (r) => (
            <>
              <a class="govuk-link" href={systemHref(r.id)}>
                {r.name}
              </a>
              <br />
              <span class="govuk-body-s vw-muted">{r.code}</span>
              {r.shared && (
                <>
                  {' '}
                  <strong class="govuk-tag govuk-tag--green">{t('portfolio.system.sharedFlag')}</strong>
                </>
              )}
              {r.usesShared && (
                <>
                  <br />
                  <span class="govuk-body-s">{t('portfolio.system.usesShared', { name: r.usesShared })}</span>
                </>
              )}
            </>
          ),
        },
        {
          head: t('portfolio.col.institution'),
          cell: (r) => (
            <a class="govuk-link" href={institutionHref(r.institution)}>
              {r.institution}
            </a>
          ),
        },
        { head: t('portfolio.col.capabilities'), cell: (r) => r.capabilities.join(', ') || '—' },
        { head: t('portfolio.col.lifecycle'), cell: (r) => label(ctx, 'portfolio.lifecycle', r.lifecycle) },
        { head: t('portfolio.col.hosting'), cell: (r) => label(ctx, 'portfolio.hosting', r.hosting) },
        { head: t('portfolio.col.govesb'), cell: (r) => yesNo(ctx, r.govesb) },
      ]}
    />
  );
}

const any = (ctx: PageCtx) => ({ value: '', label: ctx.t('portfolio.any') });
const yn = (ctx: PageCtx) => [any(ctx), { value: 'yes', label: ctx.t('portfolio.yes') }, { value: 'no', label: ctx.t('portfolio.no') }];

export function CataloguePage(p: {
  ctx: PageCtx;
  nav: NavLinks;
  filters: CatalogueFiltersView;
  result: { total: number; page: number; pageSize: number; items: CatalogueRow[] };
  capabilities: { code: string; label: string }[];
  institutions: string[];
  sectors: string[];
}) {
  const { ctx } = p;
  const { t } = ctx;
  const f = p.filters;
  const query = new URL(ctx.url, 'http://x').search;
  return (
    <Layout ctx={ctx} title={t('portfolio.catalogue')}>
      <PortfolioNav ctx={ctx} links={p.nav.links} />
      <h1 class="govuk-heading-xl">{t('portfolio.catalogue')}</h1>
      <p class="govuk-body-l">{t('portfolio.catalogue.lead')}</p>
      <FilterForm ctx={ctx} action="/portfolio" clearHref="/portfolio">
        <TextInput ctx={ctx} name="q" label={t('portfolio.search')} value={f.q} type="search" spellcheck={false} />
        <Select ctx={ctx} name="capability" label={t('portfolio.f.capabilities')} value={f.capability} options={[any(ctx), ...p.capabilities.map((c) => ({ value: c.code, label: `${c.code} ${c.label}` }))]} />
        <Select ctx={ctx} name="institution" label={t('portfolio.f.institution')} value={f.institution} options={[any(ctx), ...p.institutions.map((i) => ({ value: i, label: i }))]} />
        <Select ctx={ctx} name="sector" label={t('admin.inst.sector')} value={f.sector} options={[any(ctx), ...p.sectors.map((s) => ({ value: s, label: s }))]} />
        <Select ctx={ctx} name="hosting" label={t('portfolio.f.hosting')} value={f.hosting} options={[any(ctx), ...HOSTINGS.map((h) => ({ value: h, label: label(ctx, 'portfolio.hosting', h) }))]} />
        <Select ctx={ctx} name="lifecycle" label={t('portfolio.f.lifecycle')} value={f.lifecycle} options={[any(ctx), ...LIFECYCLES.map((l) => ({ value: l, label: label(ctx, 'portfolio.lifecycle', l) }))]} />
        <Select ctx={ctx} name="govesb" label={t('portfolio.f.govesb')} value={f.govesb} options={yn(ctx)} />
        <Select ctx={ctx} name="personal_data" label={t('portfolio.f.personalData')} value={f.personal_data} options={yn(ctx)} />
      </FilterForm>
      <p class="govuk-body">
        <a class="govuk-link" href={`/portfolio/systems.csv${query}`}>{t('portfolio.export.csv')}</a>
        {' · '}
        <a class="govuk-link" href={`/portfolio/systems.xlsx${query}`}>{t('portfolio.export.xlsx')}</a>
      </p>
      <Showing ctx={ctx} page={p.result.page} size={p.result.pageSize} total={p.result.total} />
      {p.result.items.length > 0 && <SystemsTable ctx={ctx} rows={p.result.items} caption={t('portfolio.catalogue')} />}
      <Pagination ctx={ctx} page={p.result.page} pages={Math.ceil(p.result.total / p.result.pageSize)} />
    </Layout>
  );
}

export function InstitutionPage(p: {
  ctx: PageCtx;
  nav: NavLinks;
  institution: { acronym: string; name: string };
  rows: CatalogueRow[];
  can: { register: boolean; confirm: boolean };
  confirmation: { year: number; name: string; at: Date } | null;
  year: number;
  notice?: MessageKey;
}) {
  const { ctx } = p;
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('portfolio.institution.title', { name: p.institution.acronym })}>
      <PortfolioNav ctx={ctx} links={p.nav.links} />
      {p.notice && <div class="govuk-inset-text">{t(p.notice)}</div>}
      <span class="govuk-caption-l">{p.institution.name}</span>
      <h1 class="govuk-heading-xl">{t('portfolio.institution.title', { name: p.institution.acronym })}</h1>
      <p class="govuk-body-l">{t('portfolio.institution.lead')}</p>
      {p.can.register && (
        <div class="govuk-button-group">
          <a class="govuk-button" data-module="govuk-button" role="button" href={`/portfolio/systems/new?institution=${encodeURIComponent(p.institution.acronym)}`}>
            {t('portfolio.register')}
          </a>
          <a class="govuk-button govuk-button--secondary" data-module="govuk-button" role="button" href="/portfolio/import">
            {t('portfolio.import')}
          </a>
        </div>
      )}
      <h2 class="govuk-heading-m">{t('portfolio.confirm.title')}</h2>
      {p.confirmation ? (
        <p class="govuk-body">{t('portfolio.confirm.done', { year: p.confirmation.year, name: p.confirmation.name, date: ctx.f.date(p.confirmation.at) })}</p>
      ) : (
        <>
          <p class="govuk-body">{t('portfolio.confirm.due', { year: p.year })}</p>
          {p.can.confirm && (
            <form method="post" action={`${institutionHref(p.institution.acronym)}/confirm`}>
              <Csrf ctx={ctx} />
              <Button>{t('portfolio.confirm.button')}</Button>
            </form>
          )}
        </>
      )}
      <h2 class="govuk-heading-m">{t('portfolio.results', { n: ctx.f.number(p.rows.length) })}</h2>
      {p.rows.length ? <SystemsTable ctx={ctx} rows={p.rows} caption={t('portfolio.institution.title', { name: p.institution.acronym })} /> : <p class="govuk-body">{t('portfolio.none')}</p>}
      <p class="govuk-body">
        <a class="govuk-link" href={withQuery({ ...ctx, url: `/portfolio/systems.csv` }, { institution: p.institution.acronym })}>{t('portfolio.export.csv')}</a>
        {' · '}
        <a class="govuk-link" href={`/api/v1/portfolio/archimate?institution=${encodeURIComponent(p.institution.acronym)}`}>{t('portfolio.export.archimate')}</a>
      </p>
    </Layout>
  );
}
