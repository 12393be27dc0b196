// What the public sees without signing in: the e-services catalogue and the shared systems.
import type { PageCtx } from '../../../web/context.ts';
import { Layout } from '../../../web/layout.tsx';
import { Select, TextInput } from '../../../web/components/forms.tsx';
import { FilterForm } from '../../../web/components/lists.tsx';
import { DataTable, PagedTable } from '../../../web/components/table.tsx';
import { AUDIENCES } from '../schema.ts';
import type { publicEServices, publicSharedSystems } from '../queries.ts';
import { EServiceName, label } from './common.tsx';

type EServices = Awaited<ReturnType<typeof publicEServices>>;
type Shared = Awaited<ReturnType<typeof publicSharedSystems>>;

export function EServicesPage({ ctx, result, filters }: { ctx: PageCtx; result: EServices; filters: { q: string; audience: string } }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('portfolio.eservices')}>
      <h1 class="govuk-heading-xl">{t('portfolio.eservices')}</h1>
      <p class="govuk-body-l">{t('portfolio.eservices.lead')}</p>
      <p class="govuk-body"><a class="govuk-link" href="/portfolio/shared">{t('portfolio.shared')}</a></p>
      <FilterForm ctx={ctx} action="/portfolio/eservices" clearHref="/portfolio/eservices">
        <TextInput ctx={ctx} name="q" label={t('portfolio.search')} value={filters.q} type="search" />
        <Select ctx={ctx} name="audience" label={t('portfolio.col.audience')} value={filters.audience} options={[{ value: '', label: t('portfolio.any') }, ...AUDIENCES.map((a) => ({ value: a, label: label(ctx, 'portfolio.audience', a) }))]} />
      </FilterForm>
      <PagedTable
        ctx={ctx}
        result={result}
        id="eservices"
        caption={t('portfolio.eservices')}
        columns={[
          { head: t('portfolio.col.service'), cell: (e) => <EServiceName ctx={ctx} e={e} /> },
          { head: t('portfolio.col.institution'), cell: (e) => <abbr title={ctx.lang === 'sw' ? e.institutionSw : e.institutionEn}>{e.institution}</abbr> },
          { head: t('portfolio.col.audience'), cell: (e) => label(ctx, 'portfolio.audience', e.audience) },
          { head: t('portfolio.col.channels'), cell: (e) => e.channels.map((c) => label(ctx, 'portfolio.channel', c)).join(', ') },
          { head: t('portfolio.col.fee'), numeric: true, cell: (e) => (e.feeTzs ? ctx.f.number(Number(e.feeTzs)) : t('portfolio.free')) },
        ]}
      />
    </Layout>
  );
}

export function SharedSystemsPage({ ctx, items }: { ctx: PageCtx; items: Shared }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('portfolio.shared')}>
      <h1 class="govuk-heading-xl">{t('portfolio.shared')}</h1>
      <p class="govuk-body-l">{t('portfolio.shared.lead')}</p>
      <DataTable
        id="shared"
        caption={t('portfolio.shared')}
        rows={items}
        columns={[
          {
            head: t('portfolio.col.system'),
            cell: (s) => (
              <>
                <strong>{s.code}</strong>{s.fullName && s.fullName !== s.code && <> – {s.fullName}</>}
                <br />
                <span class="govuk-body-s">{ctx.lang === 'sw' ? s.purposeSw : s.purposeEn}</span>
              </>
            ),
          },
          { head: t('portfolio.col.owner'), cell: (s) => s.owner },
          { head: t('portfolio.col.capabilities'), cell: (s) => s.capabilities.join(', ') },
          { head: t('portfolio.col.institution'), numeric: true, cell: (s) => ctx.f.number(s.users) },
        ]}
      />
    </Layout>
  );
}
