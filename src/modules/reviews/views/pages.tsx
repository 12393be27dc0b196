// The list of cases, the proposal and document forms, the pipeline, the holidays and the checklist.
import type { ComponentChildren } from 'preact';
import type { PageCtx } from '../../../web/context.ts';
import type { MessageKey } from '../../../messages.ts';
import { Layout } from '../../../web/layout.tsx';
import { Button, ErrorSummary, Select, TextArea, TextInput, type FieldErrors } from '../../../web/components/forms.tsx';
import { FilterForm } from '../../../web/components/lists.tsx';
import { DataTable, type Column } from '../../../web/components/table.tsx';
import { BarChart } from '../../../web/components/charts.tsx';
import type { CaseRow, pipeline } from '../queries.ts';
import { DOC_KINDS, STAGES, type Criterion } from '../schema.ts';
import { COST_YEARS, HOSTING_CHOICES } from '../rules.ts';
import { caseHref, label, PostForm, ReviewsNav, StageTag, tzs } from './common.tsx';

/** The frame of the review list pages: heading, lead, error summary (if any) and the section links. */
function ReviewsPage({ ctx, title, lead, errors, children }: { ctx: PageCtx; title: string; lead: string; errors?: FieldErrors; children: ComponentChildren }) {
  return (
    <Layout ctx={ctx} title={title}>
      <ErrorSummary ctx={ctx} errors={errors} />
      <h1 class="govuk-heading-xl">{title}</h1>
      <p class="govuk-body-l">{lead}</p>
      <ReviewsNav ctx={ctx} />
      {children}
    </Layout>
  );
}

export function ListPage({ ctx, rows, stage, canPrepare }: { ctx: PageCtx; rows: CaseRow[]; stage: string; canPrepare: boolean }) {
  const { t, f } = ctx;
  return (
    <ReviewsPage ctx={ctx} title={t('reviews.title')} lead={t('reviews.lead')}>
      {canPrepare && (
        <div class="govuk-button-group">
          <a class="govuk-button" role="button" data-module="govuk-button" href="/reviews/proposals/new">{t('reviews.newProposal')}</a>
          <a class="govuk-button govuk-button--secondary" role="button" data-module="govuk-button" href="/reviews/documents/new">{t('reviews.newDocument')}</a>
        </div>
      )}
      <FilterForm ctx={ctx} action="/reviews" clearHref="/reviews">
        <Select ctx={ctx} name="stage" label={t('reviews.filter.stage')} value={stage} options={[{ value: '', label: t('reviews.filter.all') }, ...STAGES.map((s) => ({ value: s, label: label(ctx, 'reviews.stage', s) }))]} />
      </FilterForm>
      {rows.length === 0 ? (
        <p class="govuk-body">{t('reviews.none')}</p>
      ) : (
        <DataTable
          caption={t('reviews.list.caption')}
          showCaption
          rows={rows}
          columns={[
            { head: t('reviews.col.case'), cell: (r) => <a class="govuk-link" href={caseHref(r.id)}>{r.title}</a> },
            { head: t('reviews.col.institution'), cell: (r) => r.institution },
            { head: t('reviews.col.kind'), cell: (r) => label(ctx, 'reviews.kind', r.kind) },
            { head: t('reviews.col.stage'), cell: (r) => <StageTag ctx={ctx} stage={r.stage} outcome={r.outcome} /> },
            { head: t('reviews.col.due'), cell: (r) => (r.dueOn && r.stage !== 'decided' ? f.date(r.dueOn) : '—') },
            { head: t('reviews.col.reviewer'), cell: (r) => r.reviewerName ?? '—' },
          ]}
        />
      )}
    </ReviewsPage>
  );
}

export function ProposalFormPage({ ctx, title, action, values, errors, cancel, caps }: { ctx: PageCtx; title: string; action: string; values: Record<string, string>; errors?: FieldErrors; cancel: string; caps?: string }) {
  const { t } = ctx;
  const v = (k: string) => values[k] ?? '';
  const area = (name: string, key: MessageKey, hint?: MessageKey) => <TextArea ctx={ctx} name={name} label={t(key)} hint={hint ? t(hint) : undefined} rows={3} errors={errors} value={v(name)} />;
  const yesNo = (name: string, key: MessageKey) => (
    <Select ctx={ctx} name={name} label={t(key)} errors={errors} value={v(name) || 'no'} options={[{ value: 'no', label: t('reviews.no') }, { value: 'yes', label: t('reviews.yes') }]} />
  );
  return (
    <Layout ctx={ctx} title={title}>
      <ErrorSummary ctx={ctx} errors={errors} />
      <h1 class="govuk-heading-xl">{title}</h1>
      {caps && <p class="govuk-body">{caps}</p>}
      <PostForm ctx={ctx} action={action}>
        {v('revision') && <input type="hidden" name="revision" value={v('revision')} />}
        <h2 class="govuk-heading-m">{t('reviews.form.section.what')}</h2>
        <TextInput ctx={ctx} name="title" label={t('reviews.f.title')} errors={errors} value={v('title')} />
        <TextInput ctx={ctx} name="systemName" label={t('reviews.f.systemName')} errors={errors} value={v('systemName')} />
        {area('problem', 'reviews.f.problem')}
        {area('objectives', 'reviews.f.objectives')}
        <TextInput ctx={ctx} name="capabilities" label={t('reviews.f.capabilities')} hint={t('reviews.f.capabilities.hint')} errors={errors} value={v('capabilities')} />
        {area('options', 'reviews.f.options', 'reviews.f.options.hint')}
        {area('scope', 'reviews.f.scope')}
        <h2 class="govuk-heading-m">{t('reviews.form.section.how')}</h2>
        {area('integrations', 'reviews.f.integrations')}
        {yesNo('govesb', 'reviews.f.govesb')}
        <Select ctx={ctx} name="hosting" label={t('reviews.f.hosting')} errors={errors} value={v('hosting')} options={[{ value: '', label: t('reviews.f.hosting.choose') }, ...HOSTING_CHOICES.map((h) => ({ value: h, label: label(ctx, 'reviews.hosting', h) }))]} />
        {area('dataDescription', 'reviews.f.dataDescription')}
        {yesNo('personalData', 'reviews.f.personalData')}
        {area('standards', 'reviews.f.standards')}
        <TextInput ctx={ctx} name="usersCount" label={t('reviews.f.usersCount')} width="10" inputmode="numeric" errors={errors} value={v('usersCount')} />
        <h2 class="govuk-heading-m">{t('reviews.form.section.costs')}</h2>
        {Array.from({ length: COST_YEARS }, (_, i) => (
          <fieldset class="govuk-fieldset">
            <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">{t('reviews.f.year', { n: String(i + 1) })}</legend>
            <TextInput ctx={ctx} name={`capex${i + 1}`} label={t('reviews.f.capex', { n: String(i + 1) })} width="10" inputmode="numeric" errors={errors} value={v(`capex${i + 1}`)} />
            <TextInput ctx={ctx} name={`opex${i + 1}`} label={t('reviews.f.opex', { n: String(i + 1) })} width="10" inputmode="numeric" errors={errors} value={v(`opex${i + 1}`)} />
          </fieldset>
        ))}
        <TextInput ctx={ctx} name="capexTotal" label={t('reviews.f.capexTotal')} width="10" inputmode="numeric" errors={errors} value={v('capexTotal')} />
        <TextInput ctx={ctx} name="opexTotal" label={t('reviews.f.opexTotal')} width="10" inputmode="numeric" errors={errors} value={v('opexTotal')} />
        <TextInput ctx={ctx} name="fundingSource" label={t('reviews.f.fundingSource')} errors={errors} value={v('fundingSource')} />
        <h2 class="govuk-heading-m">{t('reviews.form.section.plan')}</h2>
        {area('timeline', 'reviews.f.timeline')}
        {area('benefits', 'reviews.f.benefits')}
        {area('risks', 'reviews.f.risks')}
        <SaveOrCancel ctx={ctx} cancel={cancel} />
      </PostForm>
    </Layout>
  );
}

/** The end of a case's forms: save, or go back without saving. */
function SaveOrCancel({ ctx, cancel }: { ctx: PageCtx; cancel: string }) {
  return (
    <div class="govuk-button-group">
      <Button>{ctx.t('reviews.form.save')}</Button>
      <a class="govuk-link" href={cancel}>{ctx.t('reviews.form.cancel')}</a>
    </div>
  );
}

export function DocumentFormPage({ ctx, title, action, values, errors, cancel }: { ctx: PageCtx; title: string; action: string; values: Record<string, string>; errors?: FieldErrors; cancel: string }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={title}>
      <ErrorSummary ctx={ctx} errors={errors} />
      <h1 class="govuk-heading-xl">{title}</h1>
      <PostForm ctx={ctx} action={action}>
        {values.revision && <input type="hidden" name="revision" value={values.revision} />}
        {values.previous && <input type="hidden" name="previous" value={values.previous} />}
        <TextInput ctx={ctx} name="title" label={t('reviews.f.title')} errors={errors} value={values.title} />
        <Select ctx={ctx} name="docKind" label={t('reviews.f.docKind')} errors={errors} value={values.docKind ?? 'policy'} options={DOC_KINDS.map((k) => ({ value: k, label: label(ctx, 'reviews.docKind', k) }))} />
        <TextArea ctx={ctx} name="text" label={t('reviews.f.text')} hint={t('reviews.f.text.hint')} rows={14} errors={errors} value={values.text} />
        <SaveOrCancel ctx={ctx} cancel={cancel} />
      </PostForm>
    </Layout>
  );
}

export function PipelinePage({ ctx, d }: { ctx: PageCtx; d: Awaited<ReturnType<typeof pipeline>> }) {
  const { t } = ctx;
  return (
    <ReviewsPage ctx={ctx} title={t('reviews.pipeline')} lead={t('reviews.pipeline.lead')}>
      <p class="govuk-body">{t('reviews.pipeline.overdue')}: <strong>{d.overdue}</strong></p>
      <BarChart ctx={ctx} id="by-stage" title={t('reviews.pipeline.byStage')} valueLabel={t('reviews.pipeline.count')} bars={d.byStage.map((s) => ({ label: label(ctx, 'reviews.stage', s.stage), value: s.n }))} />
      <BarChart ctx={ctx} id="by-sector" title={t('reviews.pipeline.bySector')} valueLabel={t('reviews.pipeline.tzs')} money bars={d.bySector} />
      <BarChart ctx={ctx} id="by-year" title={t('reviews.pipeline.upcoming')} valueLabel={t('reviews.pipeline.tzs')} money bars={d.byYear} />
      <h2 class="govuk-heading-l">{t('reviews.pipeline.saved')}</h2>
      <p class="govuk-body" id="saved-total">{t('reviews.pipeline.saved.lead', { total: tzs(ctx, d.savedTotal) })}</p>
      {d.saved.length > 0 && (
        <DataTable
          caption={t('reviews.pipeline.saved.caption')}
          showCaption
          rows={d.saved}
          columns={[
            { head: t('reviews.col.case'), cell: (s) => <a class="govuk-link" href={caseHref(s.id)}>{s.title}</a> },
            { head: t('reviews.col.institution'), cell: (s) => s.institution },
            { head: t('reviews.decision.outcome'), cell: (s) => label(ctx, 'reviews.outcome', s.outcome) },
            { head: t('reviews.screening.overlaps'), cell: (s) => s.overlaps },
            { head: t('reviews.col.capex'), numeric: true, cell: (s) => tzs(ctx, s.capex) },
          ]}
        />
      )}
    </ReviewsPage>
  );
}

/** A settings page of the reviews (the holidays, the checklist's criteria): its table, named by its row headers, then what follows it (a form). */
function SettingsPage<R>({ ctx, name, errors, rows, columns, children }: { ctx: PageCtx; name: 'holidays' | 'criteria'; errors?: FieldErrors; rows: R[]; columns: Column<R>[]; children?: ComponentChildren }) {
  const { t } = ctx;
  return (
    <ReviewsPage ctx={ctx} title={t(`reviews.${name}`)} lead={t(`reviews.${name}.lead`)} errors={errors}>
      <DataTable caption={t(`reviews.${name}.caption`)} showCaption rowHeader rows={rows} columns={columns} />
      {children}
    </ReviewsPage>
  );
}

export function HolidaysPage({ ctx, rows, canManage, errors, values }: { ctx: PageCtx; rows: { day: string; nameSw: string; nameEn: string }[]; canManage: boolean; errors?: FieldErrors; values?: Record<string, string> }) {
  const { t, f } = ctx;
  type Holiday = (typeof rows)[number];
  const remove: Column<Holiday> = {
    head: <span class="govuk-visually-hidden">{t('common.actions')}</span>,
    cell: (h) => (
      <PostForm ctx={ctx} action={`/reviews/holidays/${h.day}/remove`}>
        <button type="submit" class="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" data-module="govuk-button">{t('reviews.holidays.remove', { day: h.day })}</button>
      </PostForm>
    ),
  };
  const columns: Column<Holiday>[] = [
    { head: t('reviews.holidays.day'), cell: (h) => f.date(h.day) },
    { head: t('reviews.holidays.nameSw'), cell: (h) => h.nameSw },
    { head: t('reviews.holidays.nameEn'), cell: (h) => h.nameEn },
    ...(canManage ? [remove] : []),
  ];
  return (
    <SettingsPage ctx={ctx} name="holidays" errors={errors} rows={rows} columns={columns}>
      {canManage && (
        <>
          <h2 class="govuk-heading-m">{t('reviews.holidays.add')}</h2>
          <PostForm ctx={ctx} action="/reviews/holidays">
            <TextInput ctx={ctx} name="day" label={t('reviews.holidays.day')} width="10" errors={errors} value={values?.day} />
            <TextInput ctx={ctx} name="nameSw" label={t('reviews.holidays.nameSw')} errors={errors} value={values?.nameSw} />
            <TextInput ctx={ctx} name="nameEn" label={t('reviews.holidays.nameEn')} errors={errors} value={values?.nameEn} />
            <Button>{t('reviews.holidays.save')}</Button>
          </PostForm>
        </>
      )}
    </SettingsPage>
  );
}

export function CriteriaPage({ ctx, rows, canManage, errors }: { ctx: PageCtx; rows: Criterion[]; canManage: boolean; errors?: FieldErrors }) {
  const { t } = ctx;
  const name = (k: Criterion) => (ctx.lang === 'sw' ? k.nameSw : k.nameEn);
  const weight = (k: Criterion) =>
    canManage ? (
      <PostForm ctx={ctx} action="/reviews/criteria">
        <input type="hidden" name="code" value={k.code} />
        <input type="hidden" name="revision" value={String(k.revision)} />
        <TextInput ctx={ctx} name={`weight_${k.code}`} label={`${t('reviews.checklist.weight')}: ${name(k)}`} width="5" inputmode="numeric" errors={errors} value={String(k.weight)} />
        <Select ctx={ctx} name={`active_${k.code}`} label={t('reviews.criteria.active')} value={k.active ? 'yes' : 'no'} options={[{ value: 'yes', label: t('reviews.yes') }, { value: 'no', label: t('reviews.no') }]} />
        <Button secondary>{t('reviews.criteria.save')} <span class="govuk-visually-hidden">{k.code}</span></Button>
      </PostForm>
    ) : (
      k.weight
    );
  const columns: Column<Criterion>[] = [
    { head: t('reviews.checklist.criterion'), cell: (k) => <>{name(k)}<br /><span class="govuk-body-s vw-muted">{ctx.lang === 'sw' ? k.guidanceSw : k.guidanceEn}</span></> },
    { head: t('reviews.checklist.weight'), cell: weight },
    { head: t('reviews.criteria.active'), cell: (k) => t(k.active ? 'reviews.yes' : 'reviews.no') },
  ];
  return <SettingsPage ctx={ctx} name="criteria" errors={errors} rows={rows} columns={columns} />;
}
