// Revision pages for authors: the list (with "propose from an in-force edition") and one revision's
// candidates. A candidate's review form is in candidate.tsx, the preview with the apply form in
// preview.tsx.
import type { PageCtx } from '../../../../web/context.ts';
import { Layout } from '../../../../web/layout.tsx';
import { Button, Csrf, ErrorSummary, Select, type FieldErrors } from '../../../../web/components/forms.tsx';
import { FilterForm, Pagination, Showing, SummaryRow } from '../../../../web/components/lists.tsx';
import { DataTable } from '../../../../web/components/table.tsx';
import { CHANGES, CANDIDATE_DECISIONS } from '../../schema.ts';
import type { RevisionRow, RevisionView } from '../queries.ts';
import { candidateHref, ChangeTag, DecisionTag, label, RequirementsNav, revisionHref, textOf, titleOf, type Group } from './common.tsx';

const STATUS_TAG: Record<string, string> = { open: 'govuk-tag--blue', applied: 'govuk-tag--green', dismissed: 'govuk-tag--grey' };

function RevisionStatus({ ctx, status }: { ctx: PageCtx; status: string }) {
  return <strong class={`govuk-tag ${STATUS_TAG[status] ?? ''}`}>{label(ctx, 'compliance.req.revStatus', status)}</strong>;
}

export function RevisionsPage(p: {
  ctx: PageCtx;
  result: { total: number; page: number; pageSize: number; items: RevisionRow[] };
  proposable: { editionId: string; code: string; version: string; titleSw: string; titleEn: string }[];
  status: string;
  errors?: FieldErrors;
}) {
  const { ctx } = p;
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('compliance.req.revisions')}>
      <RequirementsNav ctx={ctx} revisions={true} />
      <ErrorSummary ctx={ctx} errors={p.errors} />
      <h1 class="govuk-heading-xl">{t('compliance.req.revisions')}</h1>
      <p class="govuk-body-l">{t('compliance.req.revisions.lead')}</p>
      {p.proposable.length > 0 && (
        <form method="post" action="/compliance/revisions" class="govuk-!-margin-bottom-8">
          <Csrf ctx={ctx} />
          <h2 class="govuk-heading-m">{t('compliance.req.propose.title')}</h2>
          <p class="govuk-body">{t('compliance.req.propose.lead')}</p>
          <Select ctx={ctx} name="editionId" label={t('compliance.req.propose.edition')} errors={p.errors} options={p.proposable.map((e) => ({ value: e.editionId, label: `${e.code} ${titleOf(e, ctx.lang)} (${e.version})` }))} />
          <Button>{t('compliance.req.propose.button')}</Button>
        </form>
      )}
      <FilterForm ctx={ctx} action="/compliance/revisions" clearHref="/compliance/revisions">
        <Select
          ctx={ctx}
          name="status"
          label={t('compliance.req.f.status')}
          value={p.status}
          options={[{ value: '', label: t('compliance.req.any') }, ...(['open', 'applied', 'dismissed'] as const).map((s) => ({ value: s, label: label(ctx, 'compliance.req.revStatus', s) }))]}
        />
      </FilterForm>
      <Showing ctx={ctx} page={p.result.page} size={p.result.pageSize} total={p.result.total} />
      {p.result.items.length > 0 && (
        <DataTable
          id="revisions"
          caption={t('compliance.req.revisions')}
          rows={p.result.items}
          columns={[
            {
              head: t('compliance.req.col.standard'),
              cell: (r) => (
                <>
                  <a class="govuk-link" href={revisionHref(r.id)}>
                    <span class="vw-code">{r.documentCode}</span> {titleOf({ titleSw: r.documentTitleSw, titleEn: r.documentTitleEn }, ctx.lang)}
                  </a>
                  <br />
                  <span class="govuk-body-s vw-muted">{r.issuer}</span>
                </>
              ),
            },
            { head: t('compliance.req.edition'), cell: (r) => (r.previousVersion ? `${r.previousVersion} → ${r.editionVersion}` : r.editionVersion) },
            { head: t('compliance.req.col.status'), cell: (r) => <RevisionStatus ctx={ctx} status={r.status} /> },
            { head: t('compliance.req.col.candidates'), cell: (r) => t('compliance.req.undecidedOf', { n: ctx.f.number(r.undecided), total: ctx.f.number(r.candidates) }) },
            { head: t('compliance.req.col.proposedOn'), cell: (r) => ctx.f.date(r.createdAt) },
          ]}
        />
      )}
      <Pagination ctx={ctx} page={p.result.page} pages={Math.ceil(p.result.total / p.result.pageSize)} />
    </Layout>
  );
}

/** The top of every page of one revision: the section's tabs, breadcrumbs, the standard, and any errors or edit conflict. */
export function RevisionHeading({ ctx, r, errors, conflict }: { ctx: PageCtx; r: RevisionView['revision']; errors?: FieldErrors; conflict?: boolean }) {
  return (
    <>
      <RequirementsNav ctx={ctx} revisions={true} />
      <nav class="govuk-breadcrumbs" aria-label={ctx.t('compliance.req.breadcrumbs')}>
        <ol class="govuk-breadcrumbs__list">
          <li class="govuk-breadcrumbs__list-item">
            <a class="govuk-breadcrumbs__link" href="/compliance/revisions">
              {ctx.t('compliance.req.revisions')}
            </a>
          </li>
          <li class="govuk-breadcrumbs__list-item">
            <a class="govuk-breadcrumbs__link" href={revisionHref(r.id)}>
              {r.documentCode} {r.editionVersion}
            </a>
          </li>
        </ol>
      </nav>
      <span class="govuk-caption-l">
        <a class="govuk-link" href={`/library/documents/${r.documentSlug}`}>
          {r.documentCode} {titleOf({ titleSw: r.documentTitleSw, titleEn: r.documentTitleEn }, ctx.lang)}
        </a>
      </span>
      <ErrorSummary ctx={ctx} errors={errors} />
      {conflict && (
        <div class="govuk-inset-text" role="status">
          {ctx.t('compliance.req.conflict')}
        </div>
      )}
    </>
  );
}

export interface RevisionCan {
  decide: boolean;
  apply: boolean;
}

/** A candidate's decision in the list, with a one-click confirm of what was proposed and a link to review it. */
function CandidateDecision({ ctx, r, c, can }: { ctx: PageCtx; r: RevisionView['revision']; c: RevisionView['candidates'][number]; can: RevisionCan }) {
  const { t } = ctx;
  return (
    <>
      <DecisionTag ctx={ctx} decision={c.decision} />
      {can.decide && c.decision === 'proposed' && (c.obligation || c.change === 'removed') && (
        <form method="post" action={candidateHref(r.id, c.id)} class="govuk-!-margin-top-2">
          <Csrf ctx={ctx} />
          <input type="hidden" name="revision" value={String(r.revision)} />
          <input type="hidden" name="quick" value="1" />
          <input type="hidden" name="back" value={ctx.url} />
          <button type="submit" class="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" data-module="govuk-button" name="decision" value="confirm">
            {t('compliance.req.confirm')}
            <span class="govuk-visually-hidden"> {c.ref}</span>
          </button>
        </form>
      )}
      {can.decide && (
        <p class="govuk-body-s govuk-!-margin-top-2 govuk-!-margin-bottom-0">
          <a class="govuk-link" href={candidateHref(r.id, c.id)}>
            {t('compliance.req.review')}
            <span class="govuk-visually-hidden"> {c.ref}</span>
          </a>
        </p>
      )}
    </>
  );
}

export function RevisionPage(p: { ctx: PageCtx; view: RevisionView; can: RevisionCan; filters: { change: string; decision: string }; notice?: string; groups: Group[] }) {
  const { ctx, view } = p;
  const { t } = ctx;
  const r = view.revision;
  const unchangedUndecided = p.can.decide && view.candidates.some((c) => c.change === 'unchanged' && c.decision === 'proposed');
  return (
    <Layout ctx={ctx} title={t('compliance.req.revision.title', { code: r.documentCode, version: r.editionVersion })}>
      <RevisionHeading ctx={ctx} r={r} />
      <h1 class="govuk-heading-xl">{t('compliance.req.revision.title', { code: r.documentCode, version: r.editionVersion })}</h1>
      {p.notice && (
        <div class="govuk-inset-text" role="status">
          {p.notice}
        </div>
      )}
      <dl class="govuk-summary-list">
        <SummaryRow k={t('compliance.req.col.status')}>
          <RevisionStatus ctx={ctx} status={r.status} />
        </SummaryRow>
        <SummaryRow k={t('compliance.req.edition')}>{r.previousVersion ? t('compliance.req.fromTo', { from: r.previousVersion, to: r.editionVersion }) : t('compliance.req.firstRequirements', { version: r.editionVersion })}</SummaryRow>
        <SummaryRow k={t('compliance.req.col.candidates')}>{t('compliance.req.undecidedOf', { n: ctx.f.number(r.undecided), total: ctx.f.number(r.candidates) })}</SummaryRow>
        {r.transitionDeadline && <SummaryRow k={t('compliance.req.deadline')}>{r.transitionDeadline}</SummaryRow>}
        {r.appliedAt && <SummaryRow k={t('compliance.req.appliedOn')}>{ctx.f.date(r.appliedAt)}</SummaryRow>}
      </dl>
      <div class="govuk-button-group">
        <a class="govuk-button" data-module="govuk-button" role="button" href={`${revisionHref(r.id)}/preview`}>
          {t(p.can.apply ? 'compliance.req.previewAndApply' : 'compliance.req.preview')}
        </a>
      </div>
      {unchangedUndecided && (
        <form method="post" action={`${revisionHref(r.id)}/confirm-unchanged`}>
          <Csrf ctx={ctx} />
          <input type="hidden" name="revision" value={String(r.revision)} />
          <p class="govuk-body">{t('compliance.req.confirmUnchanged.lead')}</p>
          <Button secondary>{t('compliance.req.confirmUnchanged')}</Button>
        </form>
      )}
      <h2 class="govuk-heading-m">{t('compliance.req.candidates')}</h2>
      <FilterForm ctx={ctx} action={revisionHref(r.id)} clearHref={revisionHref(r.id)}>
        <Select ctx={ctx} name="change" label={t('compliance.req.f.change')} value={p.filters.change} options={[{ value: '', label: t('compliance.req.any') }, ...CHANGES.map((c) => ({ value: c, label: label(ctx, 'compliance.req.change', c) }))]} />
        <Select ctx={ctx} name="decision" label={t('compliance.req.f.decision')} value={p.filters.decision} options={[{ value: '', label: t('compliance.req.any') }, ...CANDIDATE_DECISIONS.map((c) => ({ value: c, label: label(ctx, 'compliance.req.decision', c) }))]} />
      </FilterForm>
      <Showing ctx={ctx} page={view.page} size={view.pageSize} total={view.total} />
      {view.candidates.length > 0 && (
        <DataTable
          id="candidates"
          caption={t('compliance.req.candidates')}
          rows={view.candidates}
          columns={[
            {
              head: t('compliance.req.col.ref'),
              cell: (c) => (
                <>
                  <a class="govuk-link" href={candidateHref(r.id, c.id)}>
                    <span class="vw-code">{c.ref}</span>
                  </a>
                  <br />
                  <ChangeTag ctx={ctx} change={c.change} />
                </>
              ),
            },
            { head: t('compliance.req.col.text'), cell: (c) => textOf(c, ctx.lang) || '—' },
            {
              head: t('compliance.req.col.proposal'),
              cell: (c) => (
                <>
                  {c.obligation ? label(ctx, 'compliance.obligation', c.obligation) : <strong class="govuk-tag govuk-tag--orange">{t('compliance.req.noObligation')}</strong>}
                  <br />
                  <span class="govuk-body-s">
                    {c.appliesTo ? label(ctx, 'compliance.appliesTo', c.appliesTo) : '—'} · {c.groupCode ?? '—'}
                  </span>
                </>
              ),
            },
            { head: t('compliance.req.col.decision'), cell: (c) => <CandidateDecision ctx={ctx} r={r} c={c} can={p.can} /> },
          ]}
        />
      )}
      <Pagination ctx={ctx} page={view.page} pages={Math.ceil(view.total / view.pageSize)} />
    </Layout>
  );
}
