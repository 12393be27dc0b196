// The list of cases, the proposal and document forms, the pipeline, the holidays and the checklist.
import type { PageCtx } from '../../../web/context.ts';
import type { MessageKey } from '../../../messages.ts';
import { Layout } from '../../../web/layout.tsx';
import { Button, ErrorSummary, Select, TextArea, TextInput, type FieldErrors } from '../../../web/components/forms.tsx';
import { FilterForm, TableWrap } from '../../../web/components/lists.tsx';
import { BarChart } from '../../../web/components/charts.tsx';
import type { CaseRow, pipeline } from '../queries.ts';
import { DOC_KINDS, STAGES, type Criterion } from '../schema.ts';
import { COST_YEARS, HOSTING_CHOICES } from '../rules.ts';
import { caseHref, label, PostForm, ReviewsNav, StageTag, tzs } from './common.tsx';

type Links = { href: string; key: MessageKey }[];

export function ListPage({ ctx, nav, rows, stage, canPrepare }: { ctx: PageCtx; nav: Links; rows: CaseRow[]; stage: string; canPrepare: boolean }) {
  const { t, f } = ctx;
  return (
    <Layout ctx={ctx} title={t('reviews.title')}>
      <h1 class="govuk-heading-xl">{t('reviews.title')}</h1>
      <p class="govuk-body-l">{t('reviews.lead')}</p>
      <ReviewsNav ctx={ctx} links={nav} />
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
        <TableWrap>
          <table class="govuk-table">
            <caption class="govuk-table__caption govuk-table__caption--m">{t('reviews.list.caption')}</caption>
            <thead class="govuk-table__head">
              <tr class="govuk-table__row">
                {(['case', 'institution', 'kind', 'stage', 'due', 'reviewer'] as const).map((k) => <th scope="col" class="govuk-table__header">{t(`reviews.col.${k}`)}</th>)}
              </tr>
            </thead>
            <tbody class="govuk-table__body">
              {rows.map((r) => (
                <tr class="govuk-table__row">
                  <td class="govuk-table__cell"><a class="govuk-link" href={caseHref(r.id)}>{r.title}</a></td>
                  <td class="govuk-table__cell">{r.institution}</td>
                  <td class="govuk-table__cell">{label(ctx, 'reviews.kind', r.kind)}</td>
                  <td class="govuk-table__cell"><StageTag ctx={ctx} stage={r.stage} outcome={r.outcome} /></td>
                  <td class="govuk-table__cell">{r.dueOn && r.stage !== 'decided' ? f.date(r.dueOn) : '—'}</td>
                  <td class="govuk-table__cell">{r.reviewerName ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </Layout>
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
        <div class="govuk-button-group">
          <Button>{t('reviews.form.save')}</Button>
          <a class="govuk-link" href={cancel}>{t('reviews.form.cancel')}</a>
        </div>
      </PostForm>
    </Layout>
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
        <div class="govuk-button-group">
          <Button>{t('reviews.form.save')}</Button>
          <a class="govuk-link" href={cancel}>{t('reviews.form.cancel')}</a>
        </div>
      </PostForm>
    </Layout>
  );
}

export function PipelinePage({ ctx, nav, d }: { ctx: PageCtx; nav: Links; d: Awaited<ReturnType<typeof pipeline>> }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('reviews.pipeline')}>
      <h1 class="govuk-heading-xl">{t('reviews.pipeline')}</h1>
      <p class="govuk-body-l">{t('reviews.pipeline.lead')}</p>
      <ReviewsNav ctx={ctx} links={nav} />
      <p class="govuk-body">{t('reviews.pipeline.overdue')}: <strong>{d.overdue}</strong></p>
      <BarChart ctx={ctx} id="by-stage" title={t('reviews.pipeline.byStage')} valueLabel={t('reviews.pipeline.count')} bars={d.byStage.map((s) => ({ label: label(ctx, 'reviews.stage', s.stage), value: s.n }))} />
      <BarChart ctx={ctx} id="by-sector" title={t('reviews.pipeline.bySector')} valueLabel={t('reviews.pipeline.tzs')} money bars={d.bySector} />
      <BarChart ctx={ctx} id="by-year" title={t('reviews.pipeline.upcoming')} valueLabel={t('reviews.pipeline.tzs')} money bars={d.byYear} />
      <h2 class="govuk-heading-l">{t('reviews.pipeline.saved')}</h2>
      <p class="govuk-body" id="saved-total">{t('reviews.pipeline.saved.lead', { total: tzs(ctx, d.savedTotal) })}</p>
      {d.saved.length > 0 && (
        <TableWrap>
          <table class="govuk-table">
            <caption class="govuk-table__caption govuk-table__caption--m">{t('reviews.pipeline.saved.caption')}</caption>
            <thead class="govuk-table__head"><tr class="govuk-table__row"><th scope="col" class="govuk-table__header">{t('reviews.col.case')}</th><th scope="col" class="govuk-table__header">{t('reviews.col.institution')}</th><th scope="col" class="govuk-table__header">{t('reviews.decision.outcome')}</th><th scope="col" class="govuk-table__header">{t('reviews.screening.overlaps')}</th><th scope="col" class="govuk-table__header govuk-table__header--numeric">{t('reviews.col.capex')}</th></tr></thead>
            <tbody class="govuk-table__body">
              {d.saved.map((s) => (
                <tr class="govuk-table__row"><td class="govuk-table__cell"><a class="govuk-link" href={caseHref(s.id)}>{s.title}</a></td><td class="govuk-table__cell">{s.institution}</td><td class="govuk-table__cell">{label(ctx, 'reviews.outcome', s.outcome)}</td><td class="govuk-table__cell">{s.overlaps}</td><td class="govuk-table__cell govuk-table__cell--numeric">{tzs(ctx, s.capex)}</td></tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </Layout>
  );
}

export function HolidaysPage({ ctx, nav, rows, canManage, errors, values }: { ctx: PageCtx; nav: Links; rows: { day: string; nameSw: string; nameEn: string }[]; canManage: boolean; errors?: FieldErrors; values?: Record<string, string> }) {
  const { t, f } = ctx;
  return (
    <Layout ctx={ctx} title={t('reviews.holidays')}>
      <ErrorSummary ctx={ctx} errors={errors} />
      <h1 class="govuk-heading-xl">{t('reviews.holidays')}</h1>
      <p class="govuk-body-l">{t('reviews.holidays.lead')}</p>
      <ReviewsNav ctx={ctx} links={nav} />
      <TableWrap>
        <table class="govuk-table">
          <caption class="govuk-table__caption govuk-table__caption--m">{t('reviews.holidays.caption')}</caption>
          <thead class="govuk-table__head"><tr class="govuk-table__row"><th scope="col" class="govuk-table__header">{t('reviews.holidays.day')}</th><th scope="col" class="govuk-table__header">{t('reviews.holidays.nameSw')}</th><th scope="col" class="govuk-table__header">{t('reviews.holidays.nameEn')}</th>{canManage && <td class="govuk-table__cell" />}</tr></thead>
          <tbody class="govuk-table__body">
            {rows.map((h) => (
              <tr class="govuk-table__row">
                <th scope="row" class="govuk-table__header">{f.date(h.day)}</th>
                <td class="govuk-table__cell">{h.nameSw}</td>
                <td class="govuk-table__cell">{h.nameEn}</td>
                {canManage && (
                  <td class="govuk-table__cell">
                    <PostForm ctx={ctx} action={`/reviews/holidays/${h.day}/remove`}><button type="submit" class="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" data-module="govuk-button">{t('reviews.holidays.remove', { day: h.day })}</button></PostForm>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
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
    </Layout>
  );
}

export function CriteriaPage({ ctx, nav, rows, canManage, errors }: { ctx: PageCtx; nav: Links; rows: Criterion[]; canManage: boolean; errors?: FieldErrors }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('reviews.criteria')}>
      <ErrorSummary ctx={ctx} errors={errors} />
      <h1 class="govuk-heading-xl">{t('reviews.criteria')}</h1>
      <p class="govuk-body-l">{t('reviews.criteria.lead')}</p>
      <ReviewsNav ctx={ctx} links={nav} />
      <TableWrap>
        <table class="govuk-table">
          <caption class="govuk-table__caption govuk-table__caption--m">{t('reviews.criteria.caption')}</caption>
          <thead class="govuk-table__head"><tr class="govuk-table__row"><th scope="col" class="govuk-table__header">{t('reviews.checklist.criterion')}</th><th scope="col" class="govuk-table__header">{t('reviews.checklist.weight')}</th><th scope="col" class="govuk-table__header">{t('reviews.criteria.active')}</th></tr></thead>
          <tbody class="govuk-table__body">
            {rows.map((k) => (
              <tr class="govuk-table__row">
                <th scope="row" class="govuk-table__header">{ctx.lang === 'sw' ? k.nameSw : k.nameEn}<br /><span class="govuk-body-s vw-muted">{ctx.lang === 'sw' ? k.guidanceSw : k.guidanceEn}</span></th>
                <td class="govuk-table__cell">
                  {canManage ? (
                    <PostForm ctx={ctx} action="/reviews/criteria">
                      <input type="hidden" name="code" value={k.code} />
                      <input type="hidden" name="revision" value={String(k.revision)} />
                      <TextInput ctx={ctx} name={`weight_${k.code}`} label={`${t('reviews.checklist.weight')}: ${ctx.lang === 'sw' ? k.nameSw : k.nameEn}`} width="5" inputmode="numeric" errors={errors} value={String(k.weight)} />
                      <Select ctx={ctx} name={`active_${k.code}`} label={t('reviews.criteria.active')} value={k.active ? 'yes' : 'no'} options={[{ value: 'yes', label: t('reviews.yes') }, { value: 'no', label: t('reviews.no') }]} />
                      <Button secondary>{t('reviews.criteria.save')} <span class="govuk-visually-hidden">{k.code}</span></Button>
                    </PostForm>
                  ) : (
                    k.weight
                  )}
                </td>
                <td class="govuk-table__cell">{t(k.active ? 'reviews.yes' : 'reviews.no')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
    </Layout>
  );
}
