// Directives: the list (the authority sees all with progress, an institution those addressed to it),
// the form to issue one, and one directive with its targets and the institution's own status form.
import type { PageCtx } from '../../../../web/context.ts';
import { Layout } from '../../../../web/layout.tsx';
import { Button, Csrf, ErrorSummary, Select, TextArea, TextInput, type FieldErrors } from '../../../../web/components/forms.tsx';
import { FilterForm } from '../../../../web/components/lists.tsx';
import { PagedTable } from '../../../../web/components/table.tsx';
import { INSTITUTION_TYPES } from '../../../reference/index.ts';
import { TARGET_STATUSES } from '../../schema.ts';
import type { DirectiveRow, Paged, directiveView } from '../queries.ts';
import { directiveHref, FilterSelect, label, OversightNav, RecordTop, Tag } from './common.tsx';
import type { MessageKey } from '../../../../messages.ts';
import { EvidenceFields, EvidenceLink, fieldId } from '../../assessments/views/assessment.tsx';

export function DirectivesPage({ ctx, result, filters, canIssue, authority }: { ctx: PageCtx; result: Paged<DirectiveRow>; filters: Record<string, string>; canIssue: boolean; authority: boolean }) {
  const { t, f } = ctx;
  return (
    <Layout ctx={ctx} title={t('oversight.directives.title')}>
      <OversightNav ctx={ctx} />
      <h1 class="govuk-heading-xl">{t('oversight.directives.title')}</h1>
      <p class="govuk-body-l">{t('oversight.directives.lead')}</p>
      {canIssue && <a class="govuk-button" data-module="govuk-button" role="button" href="/compliance/directives/new">{t('oversight.directives.new')}</a>}
      <FilterForm ctx={ctx} action="/compliance/directives" clearHref="/compliance/directives">
        <FilterSelect ctx={ctx} name="status" label={t('oversight.col.status')} value={filters.status} options={[...['issued', 'withdrawn'].map((s) => ({ value: s, label: label(ctx, 'oversight.directiveStatus', s) })), { value: 'overdue', label: t('oversight.directives.overdue') }]} />
      </FilterForm>
      <PagedTable
        ctx={ctx}
        result={result}
        caption={t('oversight.directives.caption')}
        rowHeader
        columns={[
          { head: t('oversight.col.code'), cell: (d) => <a class="govuk-link" href={directiveHref(d.id)}>{d.code}</a> },
          { head: t('oversight.col.title'), cell: (d) => (ctx.lang === 'sw' ? d.titleSw : d.titleEn) },
          { head: t('oversight.col.deadline'), cell: (d) => f.date(d.deadline) },
          { head: t('oversight.col.status'), cell: (d) => label(ctx, 'oversight.directiveStatus', d.status) },
          { head: authority ? t('oversight.col.done') : t('oversight.directive.own'), cell: (d) => (authority ? t('oversight.directive.progress', { done: d.done, total: d.targets }) : label(ctx, 'oversight.targetStatus', d.own ?? 'pending')) },
        ]}
      />
    </Layout>
  );
}

export function NewDirectivePage({ ctx, values, errors, sectors, checked }: { ctx: PageCtx; values: Record<string, string>; errors?: FieldErrors; sectors: string[]; checked: { types: string[]; sectors: string[] } }) {
  const { t } = ctx;
  const boxes = (name: string, legend: string, options: { value: string; label: string }[], selected: string[]) => (
    <div class={`govuk-form-group${errors?.[name] ? ' govuk-form-group--error' : ''}`}>
      <fieldset class="govuk-fieldset" id={name}>
        <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">{legend}</legend>
        {errors?.[name] && <p class="govuk-error-message">{t(errors[name])}</p>}
        <div class="govuk-checkboxes govuk-checkboxes--small" data-module="govuk-checkboxes">
          {options.map((o, i) => (
            <div class="govuk-checkboxes__item">
              <input class="govuk-checkboxes__input" id={`${name}-${i}`} name={name} type="checkbox" value={o.value} checked={selected.includes(o.value)} />
              <label class="govuk-label govuk-checkboxes__label" for={`${name}-${i}`}>{o.label}</label>
            </div>
          ))}
        </div>
      </fieldset>
    </div>
  );
  return (
    <Layout ctx={ctx} title={t('oversight.directives.new')}>
      <OversightNav ctx={ctx} />
      <ErrorSummary ctx={ctx} errors={errors} />
      <h1 class="govuk-heading-xl">{t('oversight.directives.new')}</h1>
      <form method="post" action="/compliance/directives/new" novalidate>
        <Csrf ctx={ctx} />
        <TextInput ctx={ctx} name="code" label={t('oversight.directive.code')} hint={t('oversight.directive.codeHint')} value={values.code} errors={errors} width="20" />
        <TextInput ctx={ctx} name="titleSw" label={t('oversight.directive.titleSw')} value={values.titleSw} errors={errors} />
        <TextInput ctx={ctx} name="titleEn" label={t('oversight.directive.titleEn')} value={values.titleEn} errors={errors} />
        <TextArea ctx={ctx} name="bodySw" label={t('oversight.directive.bodySw')} value={values.bodySw} errors={errors} rows={5} />
        <TextArea ctx={ctx} name="bodyEn" label={t('oversight.directive.bodyEn')} value={values.bodyEn} errors={errors} rows={5} />
        <TextInput ctx={ctx} name="deadline" label={t('oversight.directive.deadline')} hint={t('oversight.plan.dateHint')} value={values.deadline} errors={errors} width="10" />
        <TextInput ctx={ctx} name="requirement" label={t('oversight.directive.requirement')} hint={t('oversight.directive.requirementHint')} value={values.requirement} errors={errors} />
        <h2 class="govuk-heading-m">{t('oversight.directive.targets')}</h2>
        {boxes('institutionTypes', t('oversight.directive.types'), INSTITUTION_TYPES.map((x) => ({ value: x, label: t(`instType.${x}` as MessageKey) })), checked.types)}
        {boxes('sectors', t('oversight.directive.sectors'), sectors.map((s) => ({ value: s, label: s })), checked.sectors)}
        <TextInput ctx={ctx} name="institutions" label={t('oversight.directive.institutions')} hint={t('oversight.directive.institutionsHint')} value={values.institutions} errors={errors} />
        <div class="govuk-button-group">
          <Button>{t('oversight.directive.issue')}</Button>
          <a class="govuk-link" href="/compliance/directives">{t('common.cancel')}</a>
        </div>
      </form>
    </Layout>
  );
}

type View = Awaited<ReturnType<typeof directiveView>>;

export interface DirectivePageProps {
  ctx: PageCtx;
  v: View;
  authority: boolean;
  canWithdraw: boolean;
  /** The caller's institutions that may report, with their current row. */
  own: { institutionId: string; acronym: string; status: string; note: string; revision: number; canReport: boolean }[];
  /** The evidence each reporting institution may attach, by institution id. */
  evidenceChoices: Record<string, { id: string; title: string }[]>;
  filters: Record<string, string>;
  /** Field errors and values of a refused report: they belong to the form of the institution `reporting`. */
  errors?: FieldErrors;
  values?: Record<string, string>;
  reporting?: string;
  saved?: boolean;
  issued?: number;
}

export function DirectivePage(p: DirectivePageProps) {
  const { ctx, v } = p;
  const { t, f } = ctx;
  const d = v.directive;
  const title = `${d.code}: ${ctx.lang === 'sw' ? d.titleSw : d.titleEn}`;
  const total = (v.counts.pending ?? 0) + (v.counts.in_progress ?? 0) + (v.counts.done ?? 0);
  // One report form per institution of the person's: its controls' ids end with the institution's id,
  // so that a person with grants in two institutions gets two forms with distinct ids.
  const reportingForm = p.own.find((o) => o.canReport && o.institutionId === p.reporting);
  return (
    <Layout ctx={ctx} title={title}>
      <RecordTop ctx={ctx} back={{ href: '/compliance/directives', label: t('oversight.directives.title') }} saved={!!p.saved} />
      {p.issued !== undefined && <div class="govuk-inset-text" role="status">{t('oversight.directive.issued', { n: p.issued })}</div>}
      <ErrorSummary ctx={ctx} errors={p.errors} idOf={(field) => (reportingForm ? fieldId(field, reportingForm.institutionId) : field)} />
      <h1 class="govuk-heading-xl">{title}</h1>
      <p class="govuk-body">
        <Tag value={d.status}>{label(ctx, 'oversight.directiveStatus', d.status)}</Tag> {t('oversight.directive.deadlineLine', { date: f.date(d.deadline) })}
      </p>
      {v.requirementRef && <p class="govuk-body">{t('oversight.directive.requirementRef', { ref: v.requirementRef })}</p>}
      <div class="govuk-body vw-prose">{(ctx.lang === 'sw' ? d.bodySw || d.bodyEn : d.bodyEn || d.bodySw).split(/\n{2,}/).map((para) => <p class="govuk-body">{para}</p>)}</div>
      {p.canWithdraw && (
        <form method="post" action={`${directiveHref(d.id)}/withdraw`}>
          <Csrf ctx={ctx} />
          <input type="hidden" name="revision" value={String(d.revision)} />
          <Button warning>{t('oversight.directive.withdraw')}</Button>
        </form>
      )}
      {p.own.map((o) => {
        const mine = o.institutionId === reportingForm?.institutionId;
        return <OwnTarget ctx={ctx} directiveId={d.id} o={o} evidence={v.evidence.filter((e) => e.institutionId === o.institutionId)} choices={p.evidenceChoices[o.institutionId] ?? []} errors={mine ? p.errors : undefined} values={mine ? p.values : undefined} />;
      })}
      {p.authority && (
        <>
          <h2 class="govuk-heading-m">{t('oversight.directive.progress', { done: v.counts.done ?? 0, total })}</h2>
          <FilterForm ctx={ctx} action={directiveHref(d.id)} clearHref={directiveHref(d.id)}>
            <FilterSelect ctx={ctx} name="status" label={t('oversight.col.status')} value={p.filters.status} options={TARGET_STATUSES.map((s) => ({ value: s, label: label(ctx, 'oversight.targetStatus', s) }))} />
          </FilterForm>
          <PagedTable
            ctx={ctx}
            result={v.targets}
            caption={t('oversight.directive.targetsCaption')}
            rowHeader
            columns={[
              { head: t('oversight.col.institution'), cell: (r) => <abbr title={r.name}>{r.institution}</abbr> },
              { head: t('oversight.col.status'), cell: (r) => label(ctx, 'oversight.targetStatus', r.status) },
              { head: t('oversight.col.note'), cell: (r) => r.note || '—' },
              {
                head: t('oversight.col.evidence'),
                cell: (r) => (r.evidence === 0 ? '—' : <ul class="govuk-list">{v.evidence.filter((e) => e.institutionId === r.institutionId).map((e) => <li><EvidenceLink ctx={ctx} e={e} /></li>)}</ul>),
              },
              { head: t('oversight.col.updated'), cell: (r) => f.date(r.updatedAt) },
            ]}
          />
        </>
      )}
    </Layout>
  );
}

/**
 * One of the person's institutions among the directive's targets: its status, its evidence and, when
 * it may report, its report form. The form's controls have ids ending with the institution's id, so
 * a person with grants in two institutions gets two forms whose labels each point at their own field.
 */
function OwnTarget({ ctx, directiveId, o, evidence, choices, errors, values }: { ctx: PageCtx; directiveId: string; o: DirectivePageProps['own'][number]; evidence: View['evidence']; choices: { id: string; title: string }[]; errors?: FieldErrors; values?: Record<string, string> }) {
  const { t } = ctx;
  const id = (name: string) => fieldId(name, o.institutionId);
  return (
    <section class="vw-box" aria-labelledby={`own-${o.institutionId}`}>
      <h2 class="govuk-heading-m" id={`own-${o.institutionId}`}>{t('oversight.directive.own')}: {o.acronym}</h2>
      <p class="govuk-body"><Tag value={o.status}>{label(ctx, 'oversight.targetStatus', o.status)}</Tag>{o.note ? ` ${o.note}` : ''}</p>
      {evidence.length > 0 && (
        <>
          <h3 class="govuk-heading-s">{t('oversight.directive.ownEvidence')}</h3>
          <ul class="govuk-list govuk-list--bullet">{evidence.map((e) => <li><EvidenceLink ctx={ctx} e={e} /></li>)}</ul>
        </>
      )}
      {o.canReport && (
        <form method="post" action={`${directiveHref(directiveId)}/status?institution=${encodeURIComponent(o.acronym)}`} enctype="multipart/form-data" novalidate>
          <Csrf ctx={ctx} />
          <input type="hidden" name="revision" value={String(o.revision)} />
          <Select ctx={ctx} name="status" id={id('status')} label={t('oversight.directive.status')} value={values?.status ?? o.status} errors={errors} options={TARGET_STATUSES.map((s) => ({ value: s, label: label(ctx, 'oversight.targetStatus', s) }))} />
          <TextArea ctx={ctx} name="note" id={id('note')} label={t('oversight.directive.note')} value={values?.note ?? o.note} errors={errors} rows={3} />
          {choices.length > 0 && (
            <Select ctx={ctx} name="evidenceId" id={id('evidenceId')} label={t('oversight.directive.evidence')} value="" errors={errors} options={[{ value: '', label: '—' }, ...choices.map((e) => ({ value: e.id, label: e.title }))]} />
          )}
          <fieldset class="govuk-fieldset" aria-describedby={id('new-evidence-hint')}>
            <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">{t('oversight.directive.newEvidence')}</legend>
            <p class="govuk-hint" id={id('new-evidence-hint')}>{t('oversight.directive.newEvidenceHint')}</p>
            <EvidenceFields ctx={ctx} errors={errors} idSuffix={o.institutionId} />
          </fieldset>
          <Button>{t('oversight.directive.report')}</Button>
        </form>
      )}
    </section>
  );
}
