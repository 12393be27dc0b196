// The requirements catalogue (filtered, paged, in both languages) and one requirement with its versions.
import type { PageCtx } from '../../../../web/context.ts';
import { Layout } from '../../../../web/layout.tsx';
import { Select, TextInput } from '../../../../web/components/forms.tsx';
import { FilterForm, Pagination, Showing, SummaryRow, TableWrap } from '../../../../web/components/lists.tsx';
import { APPLIES_TO, OBLIGATIONS, type Conditions } from '../../schema.ts';
import type { RequirementRow, RequirementView } from '../queries.ts';
import { groupName, label, requirementHref, RequirementsNav, textOf, titleOf, type Group } from './common.tsx';

export interface CatalogueFilterView {
  q: string;
  document: string;
  group: string;
  obligation: string;
  applies_to: string;
  status: string;
}

export function RequirementsPage(p: {
  ctx: PageCtx;
  filters: CatalogueFilterView;
  result: { total: number; page: number; pageSize: number; items: RequirementRow[] };
  standards: { code: string; titleSw: string; titleEn: string }[];
  groups: Group[];
  revisions: boolean;
}) {
  const { ctx } = p;
  const { t } = ctx;
  const f = p.filters;
  const any = { value: '', label: t('compliance.req.any') };
  return (
    <Layout ctx={ctx} title={t('compliance.req.catalogue')}>
      <RequirementsNav ctx={ctx} revisions={p.revisions} />
      <h1 class="govuk-heading-xl">{t('compliance.req.catalogue')}</h1>
      <p class="govuk-body-l">{t('compliance.req.catalogue.lead')}</p>
      <FilterForm ctx={ctx} action="/compliance/requirements" clearHref="/compliance/requirements">
        <TextInput ctx={ctx} name="q" label={t('compliance.req.f.search')} value={f.q} type="search" spellcheck={false} />
        <Select ctx={ctx} name="document" label={t('compliance.req.f.standard')} value={f.document} options={[any, ...p.standards.map((s) => ({ value: s.code, label: `${s.code} ${titleOf(s, ctx.lang)}` }))]} />
        <Select ctx={ctx} name="group" label={t('compliance.req.f.group')} value={f.group} options={[any, ...p.groups.map((g) => ({ value: g.code, label: groupName(ctx, p.groups, g.code) }))]} />
        <Select ctx={ctx} name="obligation" label={t('compliance.req.f.obligation')} value={f.obligation} options={[any, ...OBLIGATIONS.map((o) => ({ value: o, label: label(ctx, 'compliance.obligation', o) }))]} />
        <Select ctx={ctx} name="applies_to" label={t('compliance.req.f.appliesTo')} value={f.applies_to} options={[any, ...APPLIES_TO.map((o) => ({ value: o, label: label(ctx, 'compliance.appliesTo', o) }))]} />
        <Select
          ctx={ctx}
          name="status"
          label={t('compliance.req.f.status')}
          value={f.status}
          options={[
            { value: '', label: t('compliance.req.status.active') },
            { value: 'retired', label: t('compliance.req.status.retired') },
            { value: 'all', label: t('compliance.req.status.all') },
          ]}
        />
      </FilterForm>
      <Showing ctx={ctx} page={p.result.page} size={p.result.pageSize} total={p.result.total} />
      {p.result.items.length > 0 && (
        <TableWrap>
          <table class="govuk-table" id="requirements">
            <caption class="govuk-table__caption govuk-visually-hidden">{t('compliance.req.catalogue')}</caption>
            <thead class="govuk-table__head">
              <tr class="govuk-table__row">
                <th scope="col" class="govuk-table__header">{t('compliance.req.col.ref')}</th>
                <th scope="col" class="govuk-table__header">{t('compliance.req.col.text')}</th>
                <th scope="col" class="govuk-table__header">{t('compliance.req.col.obligation')}</th>
                <th scope="col" class="govuk-table__header">{t('compliance.req.col.group')}</th>
                <th scope="col" class="govuk-table__header">{t('compliance.req.col.appliesTo')}</th>
              </tr>
            </thead>
            <tbody class="govuk-table__body">
              {p.result.items.map((r) => (
                <tr class="govuk-table__row">
                  <td class="govuk-table__cell">
                    <a class="govuk-link" href={requirementHref(r.id)}>
                      <span class="vw-code">{r.ref}</span>
                    </a>
                    {r.status === 'retired' && (
                      <>
                        {' '}
                        <strong class="govuk-tag govuk-tag--grey">{t('compliance.req.status.retired')}</strong>
                      </>
                    )}
                  </td>
                  <td class="govuk-table__cell">{textOf(r, ctx.lang)}</td>
                  <td class="govuk-table__cell">{label(ctx, 'compliance.obligation', r.obligation)}</td>
                  <td class="govuk-table__cell">{r.groupCode ?? '—'}</td>
                  <td class="govuk-table__cell">{label(ctx, 'compliance.appliesTo', r.appliesTo)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      <Pagination ctx={ctx} page={p.result.page} pages={Math.ceil(p.result.total / p.result.pageSize)} />
    </Layout>
  );
}

/** Conditions in words: "Institution types: Ministry · Systems: public-facing, GovESB: no". */
export function ConditionsText({ ctx, c }: { ctx: PageCtx; c: Conditions }) {
  const { t } = ctx;
  const parts: string[] = [];
  if (c.institutionTypes?.length) parts.push(`${t('compliance.req.cond.institutionTypes')}: ${c.institutionTypes.map((x) => label(ctx, 'instType', x)).join(', ')}`);
  if (c.sectors?.length) parts.push(`${t('compliance.req.cond.sectors')}: ${c.sectors.join(', ')}`);
  const s = c.system ?? {};
  for (const k of ['publicFacing', 'personalData', 'integrates', 'govesb'] as const) {
    if (typeof s[k] === 'boolean') parts.push(`${label(ctx, 'compliance.req.cond', k)}: ${t(s[k] ? 'common.yes' : 'common.no')}`);
  }
  if (s.hosting?.length) parts.push(`${t('compliance.req.cond.hosting')}: ${s.hosting.map((h) => label(ctx, 'portfolio.hosting', h)).join(', ')}`);
  if (s.lifecycle?.length) parts.push(`${t('compliance.req.cond.lifecycle')}: ${s.lifecycle.map((h) => label(ctx, 'portfolio.lifecycle', h)).join(', ')}`);
  if (!parts.length) return <>{t('compliance.req.cond.none')}</>;
  return (
    <ul class="govuk-list">
      {parts.map((x) => (
        <li>{x}</li>
      ))}
    </ul>
  );
}

export function RequirementPage({ ctx, view, groups, revisions }: { ctx: PageCtx; view: RequirementView; groups: Group[]; revisions: boolean }) {
  const { t } = ctx;
  const r = view.requirement;
  const d = view.document;
  return (
    <Layout ctx={ctx} title={r.ref}>
      <RequirementsNav ctx={ctx} revisions={revisions} />
      <span class="govuk-caption-l">
        <a class="govuk-link" href={`/library/documents/${d.slug}`}>
          {d.code} {titleOf(d, ctx.lang)}
        </a>
      </span>
      <h1 class="govuk-heading-xl">{r.ref}</h1>
      {r.status === 'retired' && (
        <div class="govuk-inset-text">
          {t('compliance.req.retiredNotice', { date: r.retiredAt ? ctx.f.date(r.retiredAt) : '—', reason: r.retiredReason ?? '—' })}
        </div>
      )}
      <dl class="govuk-summary-list">
        <SummaryRow k={t('compliance.req.textSw')}>
          <span lang="sw">{r.textSw || '—'}</span>
        </SummaryRow>
        <SummaryRow k={t('compliance.req.textEn')}>
          <span lang="en">{r.textEn || '—'}</span>
        </SummaryRow>
        <SummaryRow k={t('compliance.req.col.obligation')}>{label(ctx, 'compliance.obligation', r.obligation)}</SummaryRow>
        <SummaryRow k={t('compliance.req.col.group')}>{groupName(ctx, groups, r.groupCode)}</SummaryRow>
        <SummaryRow k={t('compliance.req.col.appliesTo')}>{label(ctx, 'compliance.appliesTo', r.appliesTo)}</SummaryRow>
        <SummaryRow k={t('compliance.req.conditions')}>
          <ConditionsText ctx={ctx} c={r.conditions} />
        </SummaryRow>
        <SummaryRow k={t('compliance.req.source')}>{t('compliance.req.sourceText', { version: r.editionVersion, clause: r.clauseNumber })}</SummaryRow>
        <SummaryRow k={t('compliance.req.col.status')}>{t(r.status === 'active' ? 'compliance.req.status.active' : 'compliance.req.status.retired')}</SummaryRow>
        <SummaryRow k={t('compliance.req.version')}>{ctx.f.number(r.version)}</SummaryRow>
      </dl>
      <h2 class="govuk-heading-m">{t('compliance.req.history')}</h2>
      <TableWrap>
        <table class="govuk-table" id="versions">
          <caption class="govuk-table__caption govuk-visually-hidden">{t('compliance.req.history')}</caption>
          <thead class="govuk-table__head">
            <tr class="govuk-table__row">
              <th scope="col" class="govuk-table__header">{t('compliance.req.version')}</th>
              <th scope="col" class="govuk-table__header">{t('compliance.req.edition')}</th>
              <th scope="col" class="govuk-table__header">{t('compliance.req.col.text')}</th>
              <th scope="col" class="govuk-table__header">{t('compliance.req.col.obligation')}</th>
              <th scope="col" class="govuk-table__header">{t('compliance.req.since')}</th>
            </tr>
          </thead>
          <tbody class="govuk-table__body">
            {view.versions.map((v) => (
              <tr class="govuk-table__row">
                <td class="govuk-table__cell">{ctx.f.number(v.version)}</td>
                <td class="govuk-table__cell">{v.editionVersion}</td>
                <td class="govuk-table__cell">{textOf(v, ctx.lang)}</td>
                <td class="govuk-table__cell">{label(ctx, 'compliance.obligation', v.obligation)}</td>
                <td class="govuk-table__cell">{ctx.f.date(v.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
    </Layout>
  );
}
