// Cycle pages: the list, the new-cycle form (the authority), and a cycle's page with the opening job's
// progress and the assessments of the institutions it covers. Also the institution's compliance entry
// page, whose list of assessments is a component the scores part places beside its own view.
import type { ComponentChildren } from 'preact';
import type { PageCtx } from '../../../../web/context.ts';
import { Layout } from '../../../../web/layout.tsx';
import type { CycleInput } from '../rules.ts';
import { Csrf, ErrorSummary, TextInput, type FieldErrors } from '../../../../web/components/forms.tsx';
import { SummaryRow } from '../../../../web/components/lists.tsx';
import { DataTable, PagedTable } from '../../../../web/components/table.tsx';
import { JobProgress, type JobProgressView } from '../../../../web/components/JobProgress.tsx';
import { INSTITUTION_TYPES } from '../../../reference/index.ts';
import type { Cycle, Evidence } from '../../schema.ts';
import type { CycleAssessmentRow, CycleListRow } from '../cycles.service.ts';
import type { InstitutionAssessmentRow } from '../queries.ts';
import { assessmentHref, EvidenceFields, EvidenceLink, Progress, statusLabel } from './assessment.tsx';

const cycleName = (ctx: PageCtx, c: { nameSw: string; nameEn: string }) => (ctx.lang === 'sw' ? c.nameSw : c.nameEn);
const cycleStatus = (ctx: PageCtx, s: string) => ctx.t(`assessments.cycle.status.${s}` as 'assessments.cycle.status.open');

export function CyclesPage({ ctx, cycles, canManage }: { ctx: PageCtx; cycles: CycleListRow[]; canManage: boolean }) {
  const { t, f } = ctx;
  return (
    <Layout ctx={ctx} title={t('assessments.cycles')}>
      <h1 class="govuk-heading-xl">{t('assessments.cycles')}</h1>
      {canManage && <a class="govuk-button" data-module="govuk-button" role="button" href="/compliance/cycles/new">{t('assessments.cycle.new')}</a>}
      {cycles.length === 0 ? (
        <p class="govuk-body">{t('assessments.cycle.none')}</p>
      ) : (
        <DataTable
          caption={t('assessments.cycles')}
          rows={cycles}
          columns={[
            { head: t('assessments.cycle.code'), cell: (c) => <a class="govuk-link" href={`/compliance/cycles/${c.id}`}>{c.code}</a> },
            { head: t('assessments.cycle.name'), cell: (c) => cycleName(ctx, c) },
            { head: t('assessments.col.status'), cell: (c) => cycleStatus(ctx, c.status) },
            { head: t('assessments.col.due'), cell: (c) => f.date(c.submissionDue) },
            { head: t('assessments.cycle.assessments'), numeric: true, cell: (c) => f.number(c.assessments) },
            { head: t('assessments.cycle.signedOff'), numeric: true, cell: (c) => f.number(c.signedOff) },
          ]}
        />
      )}
    </Layout>
  );
}

function Checkboxes({ ctx, name, legend, options, checked, errors, hint }: { ctx: PageCtx; name: string; legend: string; options: { value: string; label: string }[]; checked: string[]; errors?: FieldErrors; hint?: string }) {
  const err = errors?.[name];
  return (
    <div class={`govuk-form-group${err ? ' govuk-form-group--error' : ''}`}>
      <fieldset class="govuk-fieldset" id={name} aria-describedby={hint ? `${name}-hint` : undefined}>
        <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">{legend}</legend>
        {hint && <div class="govuk-hint" id={`${name}-hint`}>{hint}</div>}
        {err && <p class="govuk-error-message">{ctx.t(err)}</p>}
        <div class="govuk-checkboxes govuk-checkboxes--small">
          {options.map((o, i) => (
            <div class="govuk-checkboxes__item">
              <input class="govuk-checkboxes__input" id={`${name}-${i}`} name={name} type="checkbox" value={o.value} checked={checked.includes(o.value)} />
              <label class="govuk-label govuk-checkboxes__label" for={`${name}-${i}`}>{o.label}</label>
            </div>
          ))}
        </div>
      </fieldset>
    </div>
  );
}

/** The new-cycle form: the cycle's own fields as the rules check them, and whom and what it covers. */
export interface CycleFormValues extends CycleInput {
  standards: string[];
  institutionTypes: string[];
  sectors: string;
  institutions: string;
}

export function NewCyclePage({ ctx, values, errors, standards }: { ctx: PageCtx; values: CycleFormValues; errors?: FieldErrors; standards: { id: string; code: string; titleSw: string; titleEn: string; requirements: number }[] }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('assessments.cycle.new')}>
      <ErrorSummary ctx={ctx} errors={errors} />
      <h1 class="govuk-heading-xl">{t('assessments.cycle.new')}</h1>
      <form method="post" action="/compliance/cycles/new" novalidate>
        <Csrf ctx={ctx} />
        <TextInput ctx={ctx} name="code" label={t('assessments.cycle.code')} hint={t('assessments.cycle.codeHint')} value={values.code} errors={errors} width="20" />
        <TextInput ctx={ctx} name="nameSw" label={t('assessments.cycle.nameSw')} value={values.nameSw} errors={errors} />
        <TextInput ctx={ctx} name="nameEn" label={t('assessments.cycle.nameEn')} value={values.nameEn} errors={errors} />
        <Checkboxes ctx={ctx} name="standards" legend={t('assessments.cycle.standards')} hint={t('assessments.cycle.standardsHint')} errors={errors} checked={values.standards} options={standards.map((s) => ({ value: s.id, label: `${s.code} — ${ctx.lang === 'sw' ? s.titleSw : s.titleEn} (${t('assessments.cycle.requirementCount', { count: ctx.f.number(s.requirements) })})` }))} />
        <Checkboxes ctx={ctx} name="institutionTypes" legend={t('assessments.cycle.types')} hint={t('assessments.cycle.typesHint')} errors={errors} checked={values.institutionTypes} options={INSTITUTION_TYPES.map((v) => ({ value: v, label: t(`instType.${v}`) }))} />
        <TextInput ctx={ctx} name="sectors" label={t('assessments.cycle.sectors')} hint={t('assessments.cycle.sectorsHint')} value={values.sectors} errors={errors} />
        <TextInput ctx={ctx} name="institutions" label={t('assessments.cycle.institutions')} hint={t('assessments.cycle.institutionsHint')} value={values.institutions} errors={errors} />
        <TextInput ctx={ctx} name="submissionDue" type="date" label={t('assessments.cycle.submissionDue')} value={values.submissionDue} errors={errors} width="10" />
        <TextInput ctx={ctx} name="reviewDue" type="date" label={t('assessments.cycle.reviewDue')} value={values.reviewDue} errors={errors} width="10" />
        <TextInput ctx={ctx} name="challengeUntil" type="date" label={t('assessments.cycle.challengeUntil')} value={values.challengeUntil} errors={errors} width="10" />
        <button type="submit" class="govuk-button" data-module="govuk-button">{t('assessments.cycle.create')}</button>
      </form>
    </Layout>
  );
}

export interface CyclePageProps {
  ctx: PageCtx;
  cycle: Cycle;
  standards: { code: string; titleSw: string; titleEn: string }[];
  job: JobProgressView | null;
  canOpen: boolean;
  assessments: { items: CycleAssessmentRow[]; total: number; page: number; pageSize: number };
}

export function CyclePage(p: CyclePageProps) {
  const { ctx, cycle: c } = p;
  const { t, f } = ctx;
  return (
    <Layout ctx={ctx} title={c.code}>
      <nav class="govuk-breadcrumbs" aria-label={t('assessments.breadcrumbs')}>
        <ol class="govuk-breadcrumbs__list">
          <li class="govuk-breadcrumbs__list-item"><a class="govuk-breadcrumbs__link" href="/compliance/cycles">{t('assessments.cycles')}</a></li>
        </ol>
      </nav>
      <span class="govuk-caption-l">{c.code}</span>
      <h1 class="govuk-heading-xl">{cycleName(ctx, c)}</h1>
      <dl class="govuk-summary-list">
        <SummaryRow k={t('assessments.col.status')}>{cycleStatus(ctx, c.status)}</SummaryRow>
        <SummaryRow k={t('assessments.cycle.standards')}>{p.standards.map((s) => `${s.code} — ${ctx.lang === 'sw' ? s.titleSw : s.titleEn}`).join('; ') || t('assessments.cycle.allStandards')}</SummaryRow>
        <SummaryRow k={t('assessments.cycle.submissionDue')}>{f.date(c.submissionDue)}</SummaryRow>
        <SummaryRow k={t('assessments.cycle.reviewDue')}>{f.date(c.reviewDue)}</SummaryRow>
        <SummaryRow k={t('assessments.cycle.challengeUntil')}>{f.date(c.challengeUntil)}</SummaryRow>
        {c.openedAt && <SummaryRow k={t('assessments.cycle.openedAt')}>{f.dateTime(c.openedAt)}</SummaryRow>}
      </dl>
      {p.canOpen && (
        <form method="post" action={`/compliance/cycles/${c.id}/open`}>
          <Csrf ctx={ctx} />
          <input type="hidden" name="revision" value={String(c.revision)} />
          <p class="govuk-body">{t('assessments.cycle.openExplain')}</p>
          <button type="submit" class="govuk-button" data-module="govuk-button">{t('assessments.cycle.open')}</button>
        </form>
      )}
      {p.job && (c.status === 'opening' || p.job.status === 'failed') && (
        <>
          <h2 class="govuk-heading-m">{t('assessments.cycle.opening')}</h2>
          <JobProgress ctx={ctx} job={p.job} />
        </>
      )}
      {c.status !== 'draft' && (
        <>
          <h2 class="govuk-heading-m">{t('assessments.cycle.assessments')}</h2>
          <PagedTable
            ctx={ctx}
            result={p.assessments}
            caption={t('assessments.cycle.assessments')}
            columns={[
              { head: t('assessments.col.institution'), cell: (a) => <><a class="govuk-link" href={assessmentHref(a.id)}>{a.acronym}</a> <span class="vw-muted">{ctx.lang === 'sw' ? a.nameSw : a.nameEn}</span></> },
              { head: t('assessments.col.status'), cell: (a) => statusLabel(ctx, a.status) },
              { head: t('assessments.col.progress'), cell: (a) => <Progress ctx={ctx} answered={a.answeredCount} total={a.questionCount} /> },
            ]}
          />
        </>
      )}
    </Layout>
  );
}

/** An institution's assessments: cycle, status, progress. The institution page shows it; the scores part places it beside "where we stand". */
export function InstitutionAssessments({ ctx, rows, acronym }: { ctx: PageCtx; rows: InstitutionAssessmentRow[]; acronym: string }) {
  const { t, f } = ctx;
  if (rows.length === 0) return <p class="govuk-body">{t('assessments.institution.none')}</p>;
  return (
    <DataTable
      caption={t('assessments.institution.caption', { institution: acronym })}
      showCaption
      rows={rows}
      columns={[
        { head: t('assessments.col.cycle'), cell: (r) => <><a class="govuk-link" href={assessmentHref(r.id)}>{r.cycleCode}</a> <span class="vw-muted">{cycleName(ctx, { nameSw: r.cycleNameSw, nameEn: r.cycleNameEn })}</span></> },
        { head: t('assessments.col.status'), cell: (r) => statusLabel(ctx, r.status) },
        { head: t('assessments.col.progress'), cell: (r) => <Progress ctx={ctx} answered={r.answeredCount} total={r.questionCount} /> },
        { head: t('assessments.col.due'), cell: (r) => f.date(r.submissionDue) },
      ]}
    />
  );
}

export function InstitutionPage({ ctx, institution, rows, children }: { ctx: PageCtx; institution: { acronym: string; name: string }; rows: InstitutionAssessmentRow[]; children?: ComponentChildren }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={`${t('nav.compliance')}: ${institution.acronym}`}>
      <span class="govuk-caption-l">{institution.acronym}</span>
      <h1 class="govuk-heading-xl">{institution.name}</h1>
      <p class="govuk-body"><a class="govuk-link" href={`/compliance/institutions/${encodeURIComponent(institution.acronym)}/evidence`}>{t('assessments.link.evidence')}</a></p>
      {children}
      <InstitutionAssessments ctx={ctx} rows={rows} acronym={institution.acronym} />
    </Layout>
  );
}

export function EvidenceLibraryPage({ ctx, institution, items, total, page, pageSize, canAdd, errors, added }: { ctx: PageCtx; institution: { acronym: string; name: string }; items: Evidence[]; total: number; page: number; pageSize: number; canAdd: boolean; errors?: FieldErrors; added?: boolean }) {
  const { t, f } = ctx;
  return (
    <Layout ctx={ctx} title={t('assessments.link.evidence')}>
      <ErrorSummary ctx={ctx} errors={errors} />
      {added && <div class="govuk-inset-text" role="status">{t('assessments.evidence.added')}</div>}
      <span class="govuk-caption-l">{institution.acronym}</span>
      <h1 class="govuk-heading-xl">{t('assessments.link.evidence')}</h1>
      <PagedTable
        ctx={ctx}
        result={{ items, page, pageSize, total }}
        caption={t('assessments.link.evidence')}
        columns={[
          { head: t('assessments.evidence.title'), cell: (e) => <EvidenceLink ctx={ctx} e={e} /> },
          { head: t('assessments.evidence.kind'), cell: (e) => (e.kind === 'file' ? `${e.fileName ?? ''} (${f.number(Math.ceil((e.fileSize ?? 0) / 1024))} KB)` : t('assessments.evidence.link')) },
          { head: t('assessments.evidence.addedOn'), cell: (e) => f.date(e.createdAt) },
        ]}
      />
      {canAdd && (
        <form method="post" action={`/compliance/institutions/${encodeURIComponent(institution.acronym)}/evidence`} enctype="multipart/form-data">
          <Csrf ctx={ctx} />
          <h2 class="govuk-heading-m">{t('assessments.evidence.add')}</h2>
          <EvidenceFields ctx={ctx} errors={errors} />
          <button type="submit" class="govuk-button" data-module="govuk-button">{t('assessments.evidence.upload')}</button>
        </form>
      )}
    </Layout>
  );
}
