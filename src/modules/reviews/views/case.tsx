// One case: the proposal or document, what is missing, the screening, value for money, the clock,
// the checklist, deficiencies, clarifications, changes since the last submission, the decision, its
// conditions and the lineage. Each form shows only when the policy allows the step now.
import type { PageCtx } from '../../../web/context.ts';
import type { MessageKey } from '../../../messages.ts';
import { Layout } from '../../../web/layout.tsx';
import { Button, ErrorSummary, Select, type FieldErrors } from '../../../web/components/forms.tsx';
import { SummaryRow } from '../../../web/components/lists.tsx';
import { DataTable } from '../../../web/components/table.tsx';
import type { CaseView } from '../queries.ts';
import { caseHref, label, PostForm, StageTag } from './common.tsx';
import { Section, ProposalSection, ScreeningSection, VfmSection, DocumentSection } from './case-file.tsx';
import { ChecklistSection, DeficienciesSection, ClarificationSection, DecisionSection } from './case-steps.tsx';

export type CaseCan = Record<'edit' | 'submit' | 'answer' | 'assign' | 'review' | 'decide' | 'reportCondition' | 'closeCondition' | 'goLive', boolean>;

export interface CasePageProps {
  ctx: PageCtx;
  v: CaseView;
  can: CaseCan;
  reviewers: { id: string; name: string }[];
  library: { id: string; code: string; title: string }[];
  /** Whether the caller prepares cases for this institution (for a change request of the live system). */
  canPrepare?: boolean;
  errors?: FieldErrors;
  values?: Record<string, string>;
  notice?: MessageKey;
}

export function CasePage(p: CasePageProps) {
  const { ctx, v, can } = p;
  const { t, f } = ctx;
  const c = v.case;
  const val = (k: string) => p.values?.[k] ?? '';
  const base = caseHref(c.id);
  return (
    <Layout ctx={ctx} title={c.title}>
      <nav class="govuk-breadcrumbs" aria-label={t('reviews.breadcrumbs')}>
        <ol class="govuk-breadcrumbs__list">
          <li class="govuk-breadcrumbs__list-item"><a class="govuk-breadcrumbs__link" href="/reviews">{t('reviews.title')}</a></li>
        </ol>
      </nav>
      <ErrorSummary ctx={ctx} errors={p.errors} />
      {p.notice && <div class="govuk-inset-text" role="status">{t(p.notice)}</div>}
      <span class="govuk-caption-l">{label(ctx, 'reviews.kind', c.kind)} · {v.institution.acronym}</span>
      <h1 class="govuk-heading-xl">{c.title}</h1>
      <p class="govuk-body"><StageTag ctx={ctx} stage={c.stage} outcome={c.outcome} /></p>

      <dl class="govuk-summary-list">
        <SummaryRow k={t('reviews.col.institution')}>{ctx.lang === 'sw' ? v.institution.nameSw : v.institution.nameEn}</SummaryRow>
        <SummaryRow k={t('reviews.case.reviewer')}>{c.reviewerName ?? t('reviews.case.unassigned')}</SummaryRow>
        <SummaryRow k={t('reviews.case.clock')}>
          {c.stage === 'returned'
            ? t('reviews.case.clock.returned')
            : !v.clock.start
            ? t('reviews.case.clock.notStarted')
            : c.stage === 'decided'
              ? t('reviews.case.clock.decided', { used: String(v.clock.used), days: String(v.clock.days) })
              : v.clock.stopped
              ? t('reviews.case.clock.stopped', { used: String(v.clock.used), days: String(v.clock.days) })
              : t('reviews.case.clock.text', { used: String(Math.min(v.clock.used, v.clock.days)), days: String(v.clock.days), due: v.clock.due ? f.date(v.clock.due) : '—' })}
          {v.clock.overdue && <> <strong class="govuk-tag govuk-tag--red">{t('reviews.case.clock.overdue')}</strong></>}
        </SummaryRow>
        {v.system && <SummaryRow k={t('reviews.case.lineage')}><a class="govuk-link" href={`/portfolio/systems/${v.system.id}`}>{t('reviews.case.changeOf', { name: v.system.name })}</a></SummaryRow>}
        {v.liveSystem && <SummaryRow k={t('reviews.case.lineage')}><a class="govuk-link" href={`/portfolio/systems/${v.liveSystem.id}`}>{t('reviews.case.becameSystem', { name: v.liveSystem.name })}</a></SummaryRow>}
      </dl>
      {v.liveSystem && p.canPrepare && (
        <p class="govuk-body"><a class="govuk-link" href={`/reviews/proposals/new?system=${v.liveSystem.id}`}>{t('reviews.case.changeRequest')}</a></p>
      )}

      {can.assign && (
        <PostForm ctx={ctx} action={`${base}/assign`}>
          <Select ctx={ctx} name="reviewerId" label={t('reviews.case.reviewer')} errors={p.errors} value={c.reviewerId ?? ''} options={[{ value: '', label: t('reviews.case.unassigned') }, ...p.reviewers.map((r) => ({ value: r.id, label: r.name }))]} />
          <Button secondary>{t('reviews.case.assign')}</Button>
        </PostForm>
      )}

      {(c.stage === 'draft' || c.stage === 'returned') && (
        <Section id="missing" title={t('reviews.missing.title')}>
          {v.missing.length === 0 ? (
            <p class="govuk-body">{t('reviews.missing.none')}</p>
          ) : (
            <ul class="govuk-list govuk-list--bullet" id="missing-list">
              {v.missing.map((m) => <li>{t(m.key)}</li>)}
            </ul>
          )}
          <div class="govuk-button-group">
            {can.edit && c.kind !== 'document' && <a class="govuk-button govuk-button--secondary" role="button" data-module="govuk-button" href={`${base}/edit`}>{t('reviews.case.edit')}</a>}
            {can.edit && c.kind === 'document' && <a class="govuk-button govuk-button--secondary" role="button" data-module="govuk-button" href={`${base}/document`}>{t('reviews.document.edit')}</a>}
          </div>
          {can.submit ? (
            <PostForm ctx={ctx} action={`${base}/submit`}><Button>{t('reviews.case.submit')}</Button></PostForm>
          ) : (
            <p class="govuk-hint">{t('reviews.case.submitHint')}</p>
          )}
        </Section>
      )}

      {v.proposal && <ProposalSection ctx={ctx} v={v} />}
      {v.document && <DocumentSection {...p} />}

      <Section id="attachments" title={t('reviews.case.attachments')}>
        {v.attachments.length === 0 ? (
          <p class="govuk-body">{t('reviews.case.noAttachments')}</p>
        ) : (
          <ul class="govuk-list">
            {v.attachments.map((a) => (
              <li>
                <a class="govuk-link" href={`${base}/attachments/${a.id}`}>{a.fileName}</a> · {label(ctx, 'reviews.attachment', a.kind)} · {f.number(Math.ceil(a.size / 1024))} KB
                {can.edit && a.kind !== 'evidence' && (
                  <PostForm ctx={ctx} action={`${base}/attachments/${a.id}/remove`}>
                    <button type="submit" class="govuk-button govuk-button--secondary govuk-!-margin-bottom-2" data-module="govuk-button">{t('reviews.case.remove')} <span class="govuk-visually-hidden">{a.fileName}</span></button>
                  </PostForm>
                )}
              </li>
            ))}
          </ul>
        )}
        {can.edit && (
          <PostForm ctx={ctx} action={`${base}/attachments`} multipart>
            <Select ctx={ctx} name="kind" label={t('reviews.f.kind')} errors={p.errors} value={val('kind')} options={(['concept_note', 'business_case', 'requirements', 'document', 'other'] as const).map((k) => ({ value: k, label: label(ctx, 'reviews.attachment', k) }))} />
            <div class={`govuk-form-group${p.errors?.file ? ' govuk-form-group--error' : ''}`}>
              <label class="govuk-label" for="file">{t('reviews.f.file')}</label>
              {p.errors?.file && <p class="govuk-error-message" id="file-error">{t(p.errors.file)}</p>}
              <input class="govuk-file-upload" id="file" name="file" type="file" accept=".pdf,.docx,.xlsx" aria-describedby={p.errors?.file ? 'file-error' : undefined} />
            </div>
            <Button secondary>{t('reviews.case.attach')}</Button>
          </PostForm>
        )}
      </Section>

      {v.screening && <ScreeningSection ctx={ctx} v={v} />}
      {v.vfm && <VfmSection ctx={ctx} v={v} />}
      {v.changes && (
        <Section id="changes" title={t('reviews.changes.title')}>
          {v.changes.length === 0 ? (
            <p class="govuk-body">{t('reviews.changes.none')}</p>
          ) : (
            <DataTable
              caption={t('reviews.changes.title')}
              rowHeader
              rows={v.changes}
              columns={[
                { head: t('reviews.changes.field'), cell: (x) => x.field },
                { head: t('reviews.changes.from'), cell: (x) => <del>{x.from.slice(0, 600) || '—'}</del> },
                { head: t('reviews.changes.to'), cell: (x) => <ins>{x.to.slice(0, 600) || '—'}</ins> },
              ]}
            />
          )}
        </Section>
      )}

      {c.stage !== 'draft' && <ChecklistSection {...p} />}
      {c.stage !== 'draft' && <DeficienciesSection {...p} />}
      {c.stage !== 'draft' && <ClarificationSection {...p} />}
      <DecisionSection {...p} />
    </Layout>
  );
}
