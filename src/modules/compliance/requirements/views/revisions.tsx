// Revision pages for authors: the list (with "propose from an in-force edition"), one revision's
// candidates, a candidate's review form (confirm with edits, or reject with a reason), and the
// preview of what applying it does, with the apply form.
import type { PageCtx } from '../../../../web/context.ts';
import { Layout } from '../../../../web/layout.tsx';
import { Button, Csrf, ErrorSummary, Select, TextArea, TextInput, type FieldErrors } from '../../../../web/components/forms.tsx';
import { Pagination, Showing, SummaryRow, TableWrap } from '../../../../web/components/lists.tsx';
import { Parts } from '../../../library/index.ts';
import { INSTITUTION_TYPES } from '../../../reference/index.ts';
import { HOSTINGS, LIFECYCLES } from '../../../portfolio/index.ts';
import { APPLIES_TO, CHANGES, CANDIDATE_DECISIONS, OBLIGATIONS } from '../../schema.ts';
import { OUTCOMES, type Outcome } from '../rules.ts';
import type { CandidateView, Preview, PreviewItem, RevisionRow, RevisionView } from '../queries.ts';
import type { ApplySummary } from '../revisions.service.ts';
import { ConditionsText } from './catalogue.tsx';
import { candidateHref, ChangeTag, DecisionTag, groupName, label, outcomeLabel, requirementHref, RequirementsNav, revisionHref, textOf, titleOf, type Group } from './common.tsx';

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
      <form method="get" action="/compliance/revisions" class="vw-filters" role="search">
        <div class="vw-filters__fields">
          <Select
            ctx={ctx}
            name="status"
            label={t('compliance.req.f.status')}
            value={p.status}
            options={[{ value: '', label: t('compliance.req.any') }, ...(['open', 'applied', 'dismissed'] as const).map((s) => ({ value: s, label: label(ctx, 'compliance.req.revStatus', s) }))]}
          />
        </div>
        <div class="govuk-button-group">
          <button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button">
            {t('admin.apply')}
          </button>
        </div>
      </form>
      <Showing ctx={ctx} page={p.result.page} size={p.result.pageSize} total={p.result.total} />
      {p.result.items.length > 0 && (
        <TableWrap>
          <table class="govuk-table" id="revisions">
            <caption class="govuk-table__caption govuk-visually-hidden">{t('compliance.req.revisions')}</caption>
            <thead class="govuk-table__head">
              <tr class="govuk-table__row">
                <th scope="col" class="govuk-table__header">{t('compliance.req.col.standard')}</th>
                <th scope="col" class="govuk-table__header">{t('compliance.req.edition')}</th>
                <th scope="col" class="govuk-table__header">{t('compliance.req.col.status')}</th>
                <th scope="col" class="govuk-table__header">{t('compliance.req.col.candidates')}</th>
                <th scope="col" class="govuk-table__header">{t('compliance.req.col.proposedOn')}</th>
              </tr>
            </thead>
            <tbody class="govuk-table__body">
              {p.result.items.map((r) => (
                <tr class="govuk-table__row">
                  <td class="govuk-table__cell">
                    <a class="govuk-link" href={revisionHref(r.id)}>
                      <span class="vw-code">{r.documentCode}</span> {titleOf({ titleSw: r.documentTitleSw, titleEn: r.documentTitleEn }, ctx.lang)}
                    </a>
                    <br />
                    <span class="govuk-body-s vw-muted">{r.issuer}</span>
                  </td>
                  <td class="govuk-table__cell">{r.previousVersion ? `${r.previousVersion} → ${r.editionVersion}` : r.editionVersion}</td>
                  <td class="govuk-table__cell">
                    <RevisionStatus ctx={ctx} status={r.status} />
                  </td>
                  <td class="govuk-table__cell">{t('compliance.req.undecidedOf', { n: ctx.f.number(r.undecided), total: ctx.f.number(r.candidates) })}</td>
                  <td class="govuk-table__cell">{ctx.f.date(r.createdAt)}</td>
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

function RevisionHeading({ ctx, r }: { ctx: PageCtx; r: RevisionView['revision'] }) {
  return (
    <>
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
    </>
  );
}

export interface RevisionCan {
  decide: boolean;
  apply: boolean;
}

export function RevisionPage(p: { ctx: PageCtx; view: RevisionView; can: RevisionCan; filters: { change: string; decision: string }; notice?: string; groups: Group[] }) {
  const { ctx, view } = p;
  const { t } = ctx;
  const r = view.revision;
  const unchangedUndecided = p.can.decide && view.candidates.some((c) => c.change === 'unchanged' && c.decision === 'proposed');
  return (
    <Layout ctx={ctx} title={t('compliance.req.revision.title', { code: r.documentCode, version: r.editionVersion })}>
      <RequirementsNav ctx={ctx} revisions={true} />
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
      <form method="get" action={revisionHref(r.id)} class="vw-filters" role="search">
        <div class="vw-filters__fields">
          <Select ctx={ctx} name="change" label={t('compliance.req.f.change')} value={p.filters.change} options={[{ value: '', label: t('compliance.req.any') }, ...CHANGES.map((c) => ({ value: c, label: label(ctx, 'compliance.req.change', c) }))]} />
          <Select ctx={ctx} name="decision" label={t('compliance.req.f.decision')} value={p.filters.decision} options={[{ value: '', label: t('compliance.req.any') }, ...CANDIDATE_DECISIONS.map((c) => ({ value: c, label: label(ctx, 'compliance.req.decision', c) }))]} />
        </div>
        <div class="govuk-button-group">
          <button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button">
            {t('admin.apply')}
          </button>
        </div>
      </form>
      <Showing ctx={ctx} page={view.page} size={view.pageSize} total={view.total} />
      {view.candidates.length > 0 && (
        <TableWrap>
          <table class="govuk-table" id="candidates">
            <caption class="govuk-table__caption govuk-visually-hidden">{t('compliance.req.candidates')}</caption>
            <thead class="govuk-table__head">
              <tr class="govuk-table__row">
                <th scope="col" class="govuk-table__header">{t('compliance.req.col.ref')}</th>
                <th scope="col" class="govuk-table__header">{t('compliance.req.col.text')}</th>
                <th scope="col" class="govuk-table__header">{t('compliance.req.col.proposal')}</th>
                <th scope="col" class="govuk-table__header">{t('compliance.req.col.decision')}</th>
              </tr>
            </thead>
            <tbody class="govuk-table__body">
              {view.candidates.map((c) => (
                <tr class="govuk-table__row">
                  <td class="govuk-table__cell">
                    <a class="govuk-link" href={candidateHref(r.id, c.id)}>
                      <span class="vw-code">{c.ref}</span>
                    </a>
                    <br />
                    <ChangeTag ctx={ctx} change={c.change} />
                  </td>
                  <td class="govuk-table__cell">{textOf(c, ctx.lang) || '—'}</td>
                  <td class="govuk-table__cell">
                    {c.obligation ? label(ctx, 'compliance.obligation', c.obligation) : <strong class="govuk-tag govuk-tag--orange">{t('compliance.req.noObligation')}</strong>}
                    <br />
                    <span class="govuk-body-s">{c.appliesTo ? label(ctx, 'compliance.appliesTo', c.appliesTo) : '—'} · {c.groupCode ?? '—'}</span>
                  </td>
                  <td class="govuk-table__cell">
                    <DecisionTag ctx={ctx} decision={c.decision} />
                    {p.can.decide && c.decision === 'proposed' && (c.obligation || c.change === 'removed') && (
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
                    {p.can.decide && (
                      <p class="govuk-body-s govuk-!-margin-top-2 govuk-!-margin-bottom-0">
                        <a class="govuk-link" href={candidateHref(r.id, c.id)}>
                          {t('compliance.req.review')}
                          <span class="govuk-visually-hidden"> {c.ref}</span>
                        </a>
                      </p>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      <Pagination ctx={ctx} page={view.page} pages={Math.ceil(view.total / view.pageSize)} />
    </Layout>
  );
}

/** The values the candidate form shows (the candidate's, or what the author sent back with errors). */
export interface CandidateFormValues {
  textSw: string;
  textEn: string;
  obligation: string;
  groupCode: string;
  appliesTo: string;
  institutionTypes: string[];
  sectors: string;
  publicFacing: string;
  personalData: string;
  integrates: string;
  govesb: string;
  hosting: string[];
  lifecycle: string[];
  reason: string;
}

function Checkboxes({ ctx, name, legend, options, values }: { ctx: PageCtx; name: string; legend: string; options: { value: string; label: string }[]; values: string[] }) {
  return (
    <div class="govuk-form-group" id={name}>
      <fieldset class="govuk-fieldset">
        <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">{legend}</legend>
        <div class="govuk-checkboxes govuk-checkboxes--small">
          {options.map((o, i) => (
            <div class="govuk-checkboxes__item">
              <input class="govuk-checkboxes__input" id={`${name}-${i}`} name={name} type="checkbox" value={o.value} checked={values.includes(o.value)} />
              <label class="govuk-label govuk-checkboxes__label" for={`${name}-${i}`}>
                {o.label}
              </label>
            </div>
          ))}
        </div>
      </fieldset>
    </div>
  );
}

export function CandidatePage(p: { ctx: PageCtx; revision: RevisionView['revision']; candidate: CandidateView; values: CandidateFormValues; errors?: FieldErrors; can: RevisionCan; groups: Group[]; conflict?: boolean }) {
  const { ctx, candidate: c, values: v } = p;
  const { t } = ctx;
  const r = p.revision;
  const yn = (name: keyof CandidateFormValues & string, key: string) => (
    <Select
      ctx={ctx}
      name={`cond_${name}`}
      label={label(ctx, 'compliance.req.cond', key)}
      value={v[name] as string}
      errors={p.errors}
      options={[
        { value: '', label: t('compliance.req.cond.either') },
        { value: 'yes', label: t('common.yes') },
        { value: 'no', label: t('common.no') },
      ]}
    />
  );
  const editable = p.can.decide && c.change !== 'removed';
  return (
    <Layout ctx={ctx} title={c.ref}>
      <RequirementsNav ctx={ctx} revisions={true} />
      <RevisionHeading ctx={ctx} r={r} />
      <ErrorSummary ctx={ctx} errors={p.errors} />
      {p.conflict && (
        <div class="govuk-inset-text" role="status">
          {t('compliance.req.conflict')}
        </div>
      )}
      <h1 class="govuk-heading-xl">{c.ref}</h1>
      <p class="govuk-body">
        <ChangeTag ctx={ctx} change={c.change} /> <DecisionTag ctx={ctx} decision={c.decision} />
      </p>
      <p class="govuk-body">{t(`compliance.req.changeHelp.${c.change}`)}</p>
      {c.decisionReason && <p class="govuk-body">{t('compliance.req.reasonGiven', { reason: c.decisionReason })}</p>}
      {c.current && c.change !== 'added' && (
        <>
          <h2 class="govuk-heading-m">{t('compliance.req.currentRequirement', { version: ctx.f.number(c.current.version) })}</h2>
          <dl class="govuk-summary-list">
            <SummaryRow k={t('compliance.req.textSw')}>
              <span lang="sw">{c.current.textSw || '—'}</span>
            </SummaryRow>
            <SummaryRow k={t('compliance.req.textEn')}>
              <span lang="en">{c.current.textEn || '—'}</span>
            </SummaryRow>
            <SummaryRow k={t('compliance.req.col.obligation')}>{label(ctx, 'compliance.obligation', c.current.obligation)}</SummaryRow>
          </dl>
          {c.requirementId && (
            <p class="govuk-body">
              <a class="govuk-link" href={requirementHref(c.requirementId)}>
                {t('compliance.req.openRequirement')}
              </a>
            </p>
          )}
        </>
      )}
      {!editable && c.change !== 'removed' && (
        <dl class="govuk-summary-list">
          <SummaryRow k={t('compliance.req.textSw')}>
            <span lang="sw">{c.textSw || '—'}</span>
          </SummaryRow>
          <SummaryRow k={t('compliance.req.textEn')}>
            <span lang="en">{c.textEn || '—'}</span>
          </SummaryRow>
          <SummaryRow k={t('compliance.req.col.obligation')}>{c.obligation ? label(ctx, 'compliance.obligation', c.obligation) : t('compliance.req.noObligation')}</SummaryRow>
          <SummaryRow k={t('compliance.req.col.group')}>{groupName(ctx, p.groups, c.groupCode)}</SummaryRow>
          <SummaryRow k={t('compliance.req.col.appliesTo')}>{c.appliesTo ? label(ctx, 'compliance.appliesTo', c.appliesTo) : '—'}</SummaryRow>
          <SummaryRow k={t('compliance.req.conditions')}>
            <ConditionsText ctx={ctx} c={c.conditions} />
          </SummaryRow>
        </dl>
      )}
      {p.can.decide && c.change === 'removed' && c.decision === 'proposed' && (
        <form method="post" action={candidateHref(r.id, c.id)}>
          <Csrf ctx={ctx} />
          <input type="hidden" name="revision" value={String(r.revision)} />
          <p class="govuk-body">{t('compliance.req.removedHelp')}</p>
          <Button name="decision" value="confirm">
            {t('compliance.req.confirmRemoval')}
          </Button>
        </form>
      )}
      {editable && (
        <>
          <form method="post" action={candidateHref(r.id, c.id)} novalidate>
            <Csrf ctx={ctx} />
            <input type="hidden" name="revision" value={String(r.revision)} />
            <h2 class="govuk-heading-m">{t('compliance.req.proposed')}</h2>
            {!c.obligation && c.decision === 'proposed' && <div class="govuk-inset-text">{t('compliance.req.noObligationHelp')}</div>}
            <TextArea ctx={ctx} name="textSw" label={t('compliance.req.textSw')} value={v.textSw} errors={p.errors} rows={4} />
            <TextArea ctx={ctx} name="textEn" label={t('compliance.req.textEn')} value={v.textEn} errors={p.errors} rows={4} />
            <Select ctx={ctx} name="obligation" label={t('compliance.req.col.obligation')} value={v.obligation} errors={p.errors} options={[{ value: '', label: t('compliance.req.noObligation') }, ...OBLIGATIONS.map((o) => ({ value: o, label: label(ctx, 'compliance.obligation', o) }))]} />
            <Select ctx={ctx} name="groupCode" label={t('compliance.req.col.group')} value={v.groupCode} errors={p.errors} options={[{ value: '', label: '—' }, ...p.groups.map((g) => ({ value: g.code, label: groupName(ctx, p.groups, g.code) }))]} />
            <Select ctx={ctx} name="appliesTo" label={t('compliance.req.col.appliesTo')} value={v.appliesTo} errors={p.errors} options={[{ value: '', label: '—' }, ...APPLIES_TO.map((o) => ({ value: o, label: label(ctx, 'compliance.appliesTo', o) }))]} />
            <h3 class="govuk-heading-s">{t('compliance.req.conditions')}</h3>
            <p class="govuk-body">{t('compliance.req.conditions.help')}</p>
            <Checkboxes ctx={ctx} name="cond_institutionTypes" legend={t('compliance.req.cond.institutionTypes')} values={v.institutionTypes} options={INSTITUTION_TYPES.map((x) => ({ value: x, label: label(ctx, 'instType', x) }))} />
            <TextInput ctx={ctx} name="cond_sectors" label={t('compliance.req.cond.sectors')} hint={t('compliance.req.cond.sectorsHint')} value={v.sectors} errors={p.errors} />
            {yn('publicFacing', 'publicFacing')}
            {yn('personalData', 'personalData')}
            {yn('integrates', 'integrates')}
            {yn('govesb', 'govesb')}
            <Checkboxes ctx={ctx} name="cond_hosting" legend={t('compliance.req.cond.hosting')} values={v.hosting} options={HOSTINGS.map((x) => ({ value: x, label: label(ctx, 'portfolio.hosting', x) }))} />
            <Checkboxes ctx={ctx} name="cond_lifecycle" legend={t('compliance.req.cond.lifecycle')} values={v.lifecycle} options={LIFECYCLES.map((x) => ({ value: x, label: label(ctx, 'portfolio.lifecycle', x) }))} />
            <Button name="decision" value="confirm">
              {t('compliance.req.confirmAs')}
            </Button>
          </form>
          <form method="post" action={candidateHref(r.id, c.id)} novalidate>
            <Csrf ctx={ctx} />
            <input type="hidden" name="revision" value={String(r.revision)} />
            <h2 class="govuk-heading-m">{t('compliance.req.rejectTitle')}</h2>
            <TextArea ctx={ctx} name="reason" label={t('compliance.req.reason')} hint={t(c.change === 'added' ? 'compliance.req.reasonHint' : 'compliance.req.reasonHintRetire')} value={v.reason} errors={p.errors} rows={3} />
            <Button name="decision" value="reject" warning>
              {t('compliance.req.reject')}
            </Button>
          </form>
        </>
      )}
      <p class="govuk-body">
        <a class="govuk-link" href={revisionHref(r.id)}>
          {t('compliance.req.backToRevision')}
        </a>
      </p>
    </Layout>
  );
}

function PreviewTable({ ctx, id, caption, items, diff }: { ctx: PageCtx; id: string; caption: string; items: PreviewItem[]; diff?: boolean }) {
  const { t } = ctx;
  return (
    <TableWrap>
      <table class="govuk-table" id={id}>
        <caption class="govuk-table__caption govuk-table__caption--m">{caption}</caption>
        <thead class="govuk-table__head">
          <tr class="govuk-table__row">
            <th scope="col" class="govuk-table__header">{t('compliance.req.col.ref')}</th>
            <th scope="col" class="govuk-table__header">{t(diff ? 'compliance.req.col.wordChanges' : 'compliance.req.col.text')}</th>
            <th scope="col" class="govuk-table__header">{t('compliance.req.col.obligation')}</th>
          </tr>
        </thead>
        <tbody class="govuk-table__body">
          {items.map((i) => (
            <tr class="govuk-table__row">
              <td class="govuk-table__cell">
                <span class="vw-code">{i.ref}</span>
              </td>
              <td class="govuk-table__cell">{diff && i.diff ? <Parts ctx={ctx} parts={ctx.lang === 'sw' ? i.diff.sw : i.diff.en} /> : textOf({ textSw: i.text.sw, textEn: i.text.en }, ctx.lang)}</td>
              <td class="govuk-table__cell">{i.obligation ? label(ctx, 'compliance.obligation', i.obligation) : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

/** What the page says after an apply (the counts come back in the redirect's query). */
export type AppliedNotice = Pick<ApplySummary, 'added' | 'changed' | 'unchanged' | 'retired' | 'answersReset' | 'institutionsNotified'>;

export function PreviewPage(p: { ctx: PageCtx; preview: Preview; can: RevisionCan; errors?: FieldErrors; deadline: string; summary?: AppliedNotice; conflict?: boolean }) {
  const { ctx, preview } = p;
  const { t } = ctx;
  const r = preview.revision;
  const b = preview.buckets;
  const a = preview.affected;
  const shown: Outcome[] = OUTCOMES.filter((o) => b[o].length > 0);
  return (
    <Layout ctx={ctx} title={t('compliance.req.preview.title', { code: r.documentCode, version: r.editionVersion })}>
      <RequirementsNav ctx={ctx} revisions={true} />
      <RevisionHeading ctx={ctx} r={r} />
      <ErrorSummary ctx={ctx} errors={p.errors} />
      {p.conflict && (
        <div class="govuk-inset-text" role="status">
          {t('compliance.req.conflict')}
        </div>
      )}
      {p.summary && (
        <div class="govuk-notification-banner govuk-notification-banner--success" role="alert" aria-labelledby="applied-title">
          <div class="govuk-notification-banner__header">
            <h2 class="govuk-notification-banner__title" id="applied-title">
              {t('common.success')}
            </h2>
          </div>
          <div class="govuk-notification-banner__content">
            <p class="govuk-notification-banner__heading">{t('compliance.req.applied', { ...p.summary })}</p>
          </div>
        </div>
      )}
      <h1 class="govuk-heading-xl">{t('compliance.req.preview.title', { code: r.documentCode, version: r.editionVersion })}</h1>
      <p class="govuk-body-l">{t(r.status === 'open' ? 'compliance.req.preview.lead' : 'compliance.req.preview.leadDone')}</p>
      <TableWrap>
        <table class="govuk-table" id="buckets">
          <caption class="govuk-table__caption govuk-table__caption--m">{t('compliance.req.preview.summary')}</caption>
          <thead class="govuk-table__head">
            <tr class="govuk-table__row">
              <th scope="col" class="govuk-table__header">{t('compliance.req.col.outcome')}</th>
              <th scope="col" class="govuk-table__header govuk-table__header--numeric">{t('compliance.req.col.count')}</th>
            </tr>
          </thead>
          <tbody class="govuk-table__body">
            {OUTCOMES.map((o) => (
              <tr class="govuk-table__row">
                <th scope="row" class="govuk-table__header">
                  {b[o].length > 0 ? <a class="govuk-link" href={`#bucket-${o}`}>{outcomeLabel(ctx, o)}</a> : outcomeLabel(ctx, o)}
                </th>
                <td class="govuk-table__cell govuk-table__cell--numeric">{ctx.f.number(b[o].length)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
      {shown.map((o) => (
        <PreviewTable ctx={ctx} id={`bucket-${o}`} caption={`${outcomeLabel(ctx, o)} (${ctx.f.number(b[o].length)})`} items={b[o]} diff={o === 'changed'} />
      ))}
      <h2 class="govuk-heading-l">{t('compliance.req.affected')}</h2>
      <p class="govuk-body">{t('compliance.req.affected.lead')}</p>
      <h3 class="govuk-heading-m">{t('compliance.req.affected.institutions', { n: ctx.f.number(a.institutions.length) })}</h3>
      {a.institutions.length ? (
        <ul class="govuk-list govuk-list--bullet" id="affected-institutions">
          {a.institutions.map((i) => (
            <li>
              {i.acronym} — {ctx.lang === 'sw' ? i.nameSw : i.nameEn}
            </li>
          ))}
        </ul>
      ) : (
        <p class="govuk-body">{t('compliance.req.affected.none')}</p>
      )}
      {a.assessments.length > 0 && (
        <TableWrap>
          <table class="govuk-table" id="affected-assessments">
            <caption class="govuk-table__caption govuk-table__caption--m">{t('compliance.req.affected.assessments', { n: ctx.f.number(a.assessments.length) })}</caption>
            <thead class="govuk-table__head">
              <tr class="govuk-table__row">
                <th scope="col" class="govuk-table__header">{t('compliance.req.col.institution')}</th>
                <th scope="col" class="govuk-table__header">{t('compliance.req.col.cycle')}</th>
                <th scope="col" class="govuk-table__header govuk-table__header--numeric">{t('compliance.req.col.answers')}</th>
              </tr>
            </thead>
            <tbody class="govuk-table__body">
              {a.assessments.map((x) => (
                <tr class="govuk-table__row">
                  <td class="govuk-table__cell">{x.institution}</td>
                  <td class="govuk-table__cell">{x.cycle}</td>
                  <td class="govuk-table__cell govuk-table__cell--numeric">{ctx.f.number(x.answers)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      {a.findings.length > 0 && (
        <TableWrap>
          <table class="govuk-table" id="affected-findings">
            <caption class="govuk-table__caption govuk-table__caption--m">{t('compliance.req.affected.findings', { n: ctx.f.number(a.findings.length) })}</caption>
            <thead class="govuk-table__head">
              <tr class="govuk-table__row">
                <th scope="col" class="govuk-table__header">{t('compliance.req.col.institution')}</th>
                <th scope="col" class="govuk-table__header">{t('compliance.req.col.ref')}</th>
                <th scope="col" class="govuk-table__header">{t('compliance.req.col.severity')}</th>
                <th scope="col" class="govuk-table__header">{t('compliance.req.col.due')}</th>
              </tr>
            </thead>
            <tbody class="govuk-table__body">
              {a.findings.map((x) => (
                <tr class="govuk-table__row">
                  <td class="govuk-table__cell">{x.institution}</td>
                  <td class="govuk-table__cell">{x.ref}</td>
                  <td class="govuk-table__cell">{label(ctx, 'compliance.severity', x.severity)}</td>
                  <td class="govuk-table__cell">{x.dueOn}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      {a.directives.length > 0 && (
        <TableWrap>
          <table class="govuk-table" id="affected-directives">
            <caption class="govuk-table__caption govuk-table__caption--m">{t('compliance.req.affected.directives', { n: ctx.f.number(a.directives.length) })}</caption>
            <thead class="govuk-table__head">
              <tr class="govuk-table__row">
                <th scope="col" class="govuk-table__header">{t('compliance.req.col.directive')}</th>
                <th scope="col" class="govuk-table__header">{t('compliance.req.col.due')}</th>
                <th scope="col" class="govuk-table__header govuk-table__header--numeric">{t('compliance.req.col.institutions')}</th>
              </tr>
            </thead>
            <tbody class="govuk-table__body">
              {a.directives.map((x) => (
                <tr class="govuk-table__row">
                  <td class="govuk-table__cell">
                    {x.code} {titleOf(x, ctx.lang)}
                  </td>
                  <td class="govuk-table__cell">{x.deadline}</td>
                  <td class="govuk-table__cell govuk-table__cell--numeric">{ctx.f.number(x.institutions)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      <h3 class="govuk-heading-m">{t('compliance.req.affected.documents', { n: ctx.f.number(a.documents.length) })}</h3>
      {a.documents.length ? (
        <ul class="govuk-list govuk-list--bullet" id="affected-documents">
          {a.documents.map((d) => (
            <li>
              <a class="govuk-link" href={`/library/documents/${d.slug}`}>
                {d.code} {titleOf(d, ctx.lang)}
              </a>{' '}
              ({d.issuer})
            </li>
          ))}
        </ul>
      ) : (
        <p class="govuk-body">{t('compliance.req.affected.none')}</p>
      )}
      {p.can.apply && (
        <form method="post" action={`${revisionHref(r.id)}/apply`} novalidate>
          <Csrf ctx={ctx} />
          <input type="hidden" name="revision" value={String(r.revision)} />
          <h2 class="govuk-heading-l">{t('compliance.req.apply.title')}</h2>
          {b.undecided.length > 0 ? (
            <div class="govuk-warning-text">
              <span class="govuk-warning-text__icon" aria-hidden="true">
                !
              </span>
              <strong class="govuk-warning-text__text">
                <span class="govuk-visually-hidden">{t('common.important')}</span>
                {t('compliance.req.error.undecided', { n: b.undecided.length })}
              </strong>
            </div>
          ) : (
            <>
              <p class="govuk-body">{t('compliance.req.apply.lead')}</p>
              <TextInput ctx={ctx} name="transitionDeadline" type="date" label={t('compliance.req.deadline')} hint={t('compliance.req.deadlineHint')} value={p.deadline} errors={p.errors} width="10" />
              <Button>{t('compliance.req.apply.button')}</Button>
            </>
          )}
        </form>
      )}
      <p class="govuk-body">
        <a class="govuk-link" href={revisionHref(r.id)}>
          {t('compliance.req.backToRevision')}
        </a>
      </p>
    </Layout>
  );
}
