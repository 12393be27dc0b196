// The institutions register: list with filters, and the add/edit form.
import type { PageCtx } from '../../../web/context.ts';
import { Layout } from '../../../web/layout.tsx';
import { Button, Csrf, ErrorSummary, Notice, Select, TextInput, type FieldErrors } from '../../../web/components/forms.tsx';
import { mayAtAll } from '../../../platform/auth/access.ts';
import type { MessageKey } from '../../../messages.ts';
import { INSTITUTION_TYPES } from '../../reference/index.ts';
import { INSTITUTIONS_PAGE_SIZE, type InstitutionRow } from '../institutions.service.ts';
import type { Paged } from '../people.service.ts';
import { ActiveFilter, ActiveTag, AdminSections, FilterForm, Pagination, Showing } from './parts.tsx';
import { DataTable } from '../../../web/components/table.tsx';

const typeOptions = (ctx: PageCtx, emptyKey: MessageKey) => [{ value: '', label: ctx.t(emptyKey) }, ...INSTITUTION_TYPES.map((ty) => ({ value: ty, label: ctx.t(`instType.${ty}`) }))];

export interface InstitutionsView {
  result: Paged<InstitutionRow>;
  filter: { q: string; type: string; sector: string; status: string };
  sectors: string[];
  notice?: MessageKey;
}

export function InstitutionsPage({ ctx, v }: { ctx: PageCtx; v: InstitutionsView }) {
  const { t } = ctx;
  const manage = mayAtAll(ctx.actor, 'institutions:manage');
  return (
    <Layout ctx={ctx} title={t('admin.inst.title')}>
      <AdminSections ctx={ctx} />
      {v.notice && (
        <Notice ctx={ctx} success>
          <p class="govuk-notification-banner__heading">{t(v.notice)}</p>
        </Notice>
      )}
      <h1 class="govuk-heading-xl">{t('admin.inst.title')}</h1>
      <p class="govuk-body-l">{t('admin.inst.lead')}</p>
      {manage && (
        <a class="govuk-button" data-module="govuk-button" href="/admin/institutions/new" role="button">
          {t('admin.inst.new')}
        </a>
      )}
      <FilterForm ctx={ctx} action="/admin/institutions" clearHref="/admin/institutions">
        <TextInput ctx={ctx} name="q" label={t('admin.inst.search')} value={v.filter.q} type="search" spellcheck={false} />
        <Select ctx={ctx} name="type" label={t('admin.inst.type')} value={v.filter.type} options={typeOptions(ctx, 'admin.inst.anyType')} />
        <Select ctx={ctx} name="sector" label={t('admin.inst.sector')} value={v.filter.sector} options={[{ value: '', label: t('admin.inst.anySector') }, ...v.sectors.map((s) => ({ value: s, label: s }))]} />
        <ActiveFilter ctx={ctx} label={t('admin.inst.status')} value={v.filter.status} />
      </FilterForm>
      <Showing ctx={ctx} page={v.result.page} size={INSTITUTIONS_PAGE_SIZE} total={v.result.total} />
      {v.result.items.length > 0 && (
        <DataTable
          id="institutions"
          caption={t('admin.inst.title')}
          rows={v.result.items}
          columns={[
            {
              head: t('admin.inst.acronym'),
              cell: (i) =>
                manage ? (
                  <a class="govuk-link" href={`/admin/institutions/${i.id}/edit`}>
                    {i.acronym}
                  </a>
                ) : (
                  i.acronym
                ),
            },
            {
              head: t('admin.inst.name'),
              cell: (i) => (
                <>
                  {ctx.lang === 'sw' ? i.nameSw : i.nameEn}
                  {i.parentAcronym && <span class="govuk-body-s vw-muted"> ({i.parentAcronym})</span>}
                </>
              ),
            },
            { head: t('admin.inst.type'), cell: (i) => t(`instType.${i.type}`) },
            { head: t('admin.inst.sector'), cell: (i) => i.sector },
            { head: t('admin.inst.status'), cell: (i) => <ActiveTag ctx={ctx} active={i.active} /> },
          ]}
        />
      )}
      <Pagination ctx={ctx} page={v.result.page} pages={v.result.pages} />
    </Layout>
  );
}

export interface InstitutionFormView {
  /** Absent when adding a new institution. */
  id?: string;
  acronym?: string;
  form: Record<string, string>;
  ministries: { id: string; acronym: string }[];
  errors?: FieldErrors;
}

export function InstitutionFormPage({ ctx, v }: { ctx: PageCtx; v: InstitutionFormView }) {
  const { t } = ctx;
  const title = v.id ? t('admin.inst.edit', { acronym: v.acronym ?? '' }) : t('admin.inst.new');
  const f = v.form;
  return (
    <Layout ctx={ctx} title={title}>
      <a class="govuk-back-link" href="/admin/institutions">
        {t('admin.inst.title')}
      </a>
      <ErrorSummary ctx={ctx} errors={v.errors} />
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <h1 class="govuk-heading-xl">{title}</h1>
          <form method="post" action={v.id ? `/admin/institutions/${v.id}/edit` : '/admin/institutions/new'} novalidate>
            <Csrf ctx={ctx} />
            <TextInput ctx={ctx} name="acronym" label={t('admin.inst.acronym')} hint={t('admin.inst.acronymHint')} value={f.acronym} errors={v.errors} width="10" spellcheck={false} />
            <TextInput ctx={ctx} name="nameSw" label={t('admin.inst.nameSw')} value={f.nameSw} errors={v.errors} />
            <TextInput ctx={ctx} name="nameEn" label={t('admin.inst.nameEn')} value={f.nameEn} errors={v.errors} />
            <Select ctx={ctx} name="type" label={t('admin.inst.type')} value={f.type} errors={v.errors} options={typeOptions(ctx, 'admin.inst.chooseType')} />
            <TextInput ctx={ctx} name="sector" label={`${t('admin.inst.sector')} ${t('common.optional')}`} value={f.sector} errors={v.errors} />
            <Select
              ctx={ctx}
              name="parentId"
              label={`${t('admin.inst.parent')} ${t('common.optional')}`}
              value={f.parentId}
              errors={v.errors}
              options={[{ value: '', label: t('admin.inst.noParent') }, ...v.ministries.filter((m) => m.id !== v.id).map((m) => ({ value: m.id, label: m.acronym }))]}
            />
            <TextInput ctx={ctx} name="region" label={`${t('admin.inst.region')} ${t('common.optional')}`} value={f.region} errors={v.errors} width="20" />
            <Select
              ctx={ctx}
              name="active"
              label={t('admin.inst.status')}
              value={f.active === 'false' ? 'false' : 'true'}
              errors={v.errors}
              options={[
                { value: 'true', label: t('admin.status.active') },
                { value: 'false', label: t('admin.status.inactive') },
              ]}
            />
            <Button>{t('common.save')}</Button>
          </form>
        </div>
      </div>
    </Layout>
  );
}
