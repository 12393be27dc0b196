// What the public sees without signing in: the e-services catalogue and the shared systems.
import type { PageCtx } from '../../../web/context.ts';
import { Layout } from '../../../web/layout.tsx';
import { Select, TextInput } from '../../../web/components/forms.tsx';
import { FilterForm, Pagination, Showing, TableWrap } from '../../../web/components/lists.tsx';
import { AUDIENCES } from '../schema.ts';
import type { publicEServices, publicSharedSystems } from '../queries.ts';
import { label } from './common.tsx';

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
      <Showing ctx={ctx} page={result.page} size={result.pageSize} total={result.total} />
      {result.items.length > 0 && (
        <TableWrap>
          <table class="govuk-table" id="eservices">
            <caption class="govuk-table__caption govuk-visually-hidden">{t('portfolio.eservices')}</caption>
            <thead class="govuk-table__head">
              <tr class="govuk-table__row">
                <th scope="col" class="govuk-table__header">{t('portfolio.col.service')}</th>
                <th scope="col" class="govuk-table__header">{t('portfolio.col.institution')}</th>
                <th scope="col" class="govuk-table__header">{t('portfolio.col.audience')}</th>
                <th scope="col" class="govuk-table__header">{t('portfolio.col.channels')}</th>
                <th scope="col" class="govuk-table__header govuk-table__header--numeric">{t('portfolio.col.fee')}</th>
              </tr>
            </thead>
            <tbody class="govuk-table__body">
              {result.items.map((e) => {
                const name = ctx.lang === 'sw' ? e.nameSw || e.nameEn : e.nameEn || e.nameSw;
                return (
                  <tr class="govuk-table__row">
                    <td class="govuk-table__cell">{/^https?:\/\//i.test(e.url) ? <a class="govuk-link" href={e.url} rel="noopener noreferrer">{name}</a> : name}</td>
                    <td class="govuk-table__cell"><abbr title={ctx.lang === 'sw' ? e.institutionSw : e.institutionEn}>{e.institution}</abbr></td>
                    <td class="govuk-table__cell">{label(ctx, 'portfolio.audience', e.audience)}</td>
                    <td class="govuk-table__cell">{e.channels.map((c) => label(ctx, 'portfolio.channel', c)).join(', ')}</td>
                    <td class="govuk-table__cell govuk-table__cell--numeric">{e.feeTzs ? ctx.f.number(Number(e.feeTzs)) : t('portfolio.free')}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableWrap>
      )}
      <Pagination ctx={ctx} page={result.page} pages={Math.ceil(result.total / result.pageSize)} />
    </Layout>
  );
}

export function SharedSystemsPage({ ctx, items }: { ctx: PageCtx; items: Shared }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('portfolio.shared')}>
      <h1 class="govuk-heading-xl">{t('portfolio.shared')}</h1>
      <p class="govuk-body-l">{t('portfolio.shared.lead')}</p>
      <TableWrap>
        <table class="govuk-table" id="shared">
          <caption class="govuk-table__caption govuk-visually-hidden">{t('portfolio.shared')}</caption>
          <thead class="govuk-table__head">
            <tr class="govuk-table__row">
              <th scope="col" class="govuk-table__header">{t('portfolio.col.system')}</th>
              <th scope="col" class="govuk-table__header">{t('portfolio.col.owner')}</th>
              <th scope="col" class="govuk-table__header">{t('portfolio.col.capabilities')}</th>
              <th scope="col" class="govuk-table__header govuk-table__header--numeric">{t('portfolio.col.institution')}</th>
            </tr>
          </thead>
          <tbody class="govuk-table__body">
            {items.map((s) => (
              <tr class="govuk-table__row">
                <td class="govuk-table__cell">
                  <strong>{s.code}</strong>{s.fullName && s.fullName !== s.code && <> – {s.fullName}</>}
                  <br />
                  <span class="govuk-body-s">{ctx.lang === 'sw' ? s.purposeSw : s.purposeEn}</span>
                </td>
                <td class="govuk-table__cell">{s.owner}</td>
                <td class="govuk-table__cell">{s.capabilities.join(', ')}</td>
                <td class="govuk-table__cell govuk-table__cell--numeric">{ctx.f.number(s.users)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
    </Layout>
  );
}
