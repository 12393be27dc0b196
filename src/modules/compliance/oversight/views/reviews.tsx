// The reviewers' pages: the queue of signed-off assessments, one assessment's answers to accept or
// return (with on-site results for sampled institutions), and the on-site sample of a cycle.
import type { PageCtx } from '../../../../web/context.ts';
import { Layout } from '../../../../web/layout.tsx';
import { Button, Csrf, ErrorSummary, type FieldErrors } from '../../../../web/components/forms.tsx';
import { FilterForm, Pagination, Showing } from '../../../../web/components/lists.tsx';
import { PagedTable } from '../../../../web/components/table.tsx';
import { RESULTS } from '../../schema.ts';
import type { Paged, QueueRow, ReviewAnswerRow } from '../queries.ts';
import { FilterSelect, label, OversightNav, resultLabel, reviewHref, Saved, Tag } from './common.tsx';

const pages = (p: { total: number; pageSize: number }) => Math.max(1, Math.ceil(p.total / p.pageSize));

export function ReviewQueuePage({ ctx, result, filters, cycles }: { ctx: PageCtx; result: Paged<QueueRow>; filters: Record<string, string>; cycles: { code: string }[] }) {
  const { t, f } = ctx;
  return (
    <Layout ctx={ctx} title={t('oversight.reviews.title')}>
      <OversightNav ctx={ctx} />
      <h1 class="govuk-heading-xl">{t('oversight.reviews.title')}</h1>
      <p class="govuk-body-l">{t('oversight.reviews.lead')}</p>
      <FilterForm ctx={ctx} action="/compliance/reviews" clearHref="/compliance/reviews">
        <FilterSelect ctx={ctx} name="cycle" label={t('oversight.col.cycle')} value={filters.cycle} options={cycles.map((c) => ({ value: c.code, label: c.code }))} />
        <FilterSelect ctx={ctx} name="status" label={t('oversight.col.status')} value={filters.status} options={['signed_off', 'returned', 'reviewed'].map((s) => ({ value: s, label: label(ctx, 'oversight.assessmentStatus', s) }))} />
        <div class="govuk-form-group">
          <label class="govuk-label" for="f-institution">{t('oversight.col.institution')}</label>
          <input class="govuk-input govuk-input--width-10" id="f-institution" name="institution" value={filters.institution} />
        </div>
        <FilterSelect ctx={ctx} name="sampled" label={t('oversight.col.sampled')} value={filters.sampled} options={[{ value: 'yes', label: t('oversight.yes') }, { value: 'no', label: t('oversight.no') }]} />
      </FilterForm>
      <PagedTable
        ctx={ctx}
        result={result}
        caption={t('oversight.reviews.caption')}
        rowHeader
        columns={[
          { head: t('oversight.col.institution'), cell: (r) => <a class="govuk-link" href={reviewHref(r.id)}>{r.institution}</a> },
          { head: t('oversight.col.cycle'), cell: (r) => r.cycle },
          { head: t('oversight.col.status'), cell: (r) => <Tag value={r.status}>{label(ctx, 'oversight.assessmentStatus', r.status)}</Tag> },
          { head: t('oversight.col.signedOff'), cell: (r) => (r.signedOffAt ? f.date(r.signedOffAt) : '—') },
          { head: t('oversight.col.progress'), cell: (r) => t('oversight.progress', { accepted: r.accepted, returned: r.returned, total: r.questions }) },
          { head: t('oversight.col.sampled'), cell: (r) => (r.sampled ? t('oversight.yes') : t('oversight.no')) },
        ]}
      />
    </Layout>
  );
}

export interface ReviewPageProps {
  ctx: PageCtx;
  view: {
    assessment: { id: string; status: string; sampled: boolean };
    meta: { cycle: string; acronym: string; nameSw: string; nameEn: string };
    answers: Paged<ReviewAnswerRow>;
    groups: string[];
    counts: Partial<Record<string, number>>;
  };
  filters: Record<string, string>;
  can: { review: boolean; raiseFinding: boolean; verify: boolean };
  /** Why the reviewer may not act here (e.g. their own institution), shown instead of the forms. */
  refusal?: string | null;
  errors?: FieldErrors;
  values?: Record<string, string>;
  saved?: boolean;
}

export function ReviewPage(p: ReviewPageProps) {
  const { ctx, view } = p;
  const { t } = ctx;
  const a = view.assessment;
  const title = t('oversight.review.title', { institution: view.meta.acronym, cycle: view.meta.cycle });
  const back = ctx.url;
  return (
    <Layout ctx={ctx} title={title}>
      <OversightNav ctx={ctx} />
      <Saved ctx={ctx} show={!!p.saved} />
      <ErrorSummary ctx={ctx} errors={p.errors} />
      <span class="govuk-caption-l">{ctx.lang === 'sw' ? view.meta.nameSw : view.meta.nameEn}</span>
      <h1 class="govuk-heading-xl">{title}</h1>
      <p class="govuk-body">
        <Tag value={a.status}>{label(ctx, 'oversight.assessmentStatus', a.status)}</Tag>{' '}
        {t('oversight.review.counts', { accepted: view.counts.accepted ?? 0, returned: view.counts.returned ?? 0, pending: view.counts.pending ?? 0 })}
      </p>
      {p.refusal && <div class="govuk-warning-text"><span class="govuk-warning-text__icon" aria-hidden="true">!</span><strong class="govuk-warning-text__text">{p.refusal}</strong></div>}
      {a.sampled && p.can.verify && <p class="govuk-inset-text">{t('oversight.review.sampledNote')}</p>}
      <FilterForm ctx={ctx} action={reviewHref(a.id)} clearHref={reviewHref(a.id)}>
        <FilterSelect ctx={ctx} name="result" label={t('oversight.col.answer')} value={p.filters.result} options={[...RESULTS, 'none'].map((r) => ({ value: r, label: resultLabel(ctx, r === 'none' ? null : r) }))} />
        <FilterSelect ctx={ctx} name="review" label={t('oversight.col.review')} value={p.filters.review} options={['pending', 'accepted', 'returned'].map((s) => ({ value: s, label: label(ctx, 'oversight.reviewStatus', s) }))} />
        <FilterSelect ctx={ctx} name="group" label={t('oversight.col.group')} value={p.filters.group} options={view.groups.map((g) => ({ value: g, label: g }))} />
      </FilterForm>
      <Showing ctx={ctx} page={view.answers.page} size={view.answers.pageSize} total={view.answers.total} />
      <h2 class="govuk-visually-hidden">{t('oversight.review.caption')}</h2>
      {view.answers.items.map((r) => {
        const commentId = `comment-${r.id}`;
        const verifyId = `verified-${r.id}`;
        return (
          <section class="vw-box" id={`a-${r.id}`} aria-labelledby={`h-${r.id}`}>
            <h3 class="govuk-heading-s" id={`h-${r.id}`}>{r.ref}{r.system ? ` · ${r.system}` : ''}</h3>
            <p class="govuk-body">{ctx.lang === 'sw' ? r.textSw : r.textEn}</p>
            <ul class="govuk-list">
              <li>{t('oversight.review.selfAssessed', { result: resultLabel(ctx, r.result) })}{r.comment ? ` — ${r.comment}` : ''}</li>
              {r.justification && <li>{t('oversight.review.justification', { text: r.justification })}</li>}
              <li><Tag value={r.reviewStatus}>{label(ctx, 'oversight.reviewStatus', r.reviewStatus)}</Tag>{r.reviewComment ? ` ${r.reviewComment}` : ''}</li>
              {r.verifiedResult && <li>{t('oversight.review.verifiedAs', { result: resultLabel(ctx, r.verifiedResult) })}{r.verifiedComment ? ` — ${r.verifiedComment}` : ''}</li>}
              {r.findings > 0 && <li><a class="govuk-link" href={`/compliance/findings?answer=${r.id}`}>{t('oversight.review.findings', { n: r.findings })}</a></li>}
            </ul>
            {p.can.review && !(a.status === 'returned' && r.reviewStatus === 'returned') && (
              <form method="post" action={`${reviewHref(a.id)}/answers/${r.id}`} novalidate>
                <Csrf ctx={ctx} />
                <input type="hidden" name="revision" value={String(r.revision)} />
                <input type="hidden" name="back" value={back} />
                <div class={`govuk-form-group${p.errors?.[commentId] ? ' govuk-form-group--error' : ''}`}>
                  <label class="govuk-label" for={commentId}>{t('oversight.review.comment')}</label>
                  <div class="govuk-hint" id={`${commentId}-hint`}>{t('oversight.review.commentHint')}</div>
                  {p.errors?.[commentId] && <p class="govuk-error-message" id={`${commentId}-error`}>{t(p.errors[commentId])}</p>}
                  <textarea class="govuk-textarea" id={commentId} name="comment" rows={2} aria-describedby={`${commentId}-hint${p.errors?.[commentId] ? ` ${commentId}-error` : ''}`}>{p.values?.[commentId] ?? r.reviewComment}</textarea>
                </div>
                <div class="govuk-button-group">
                  <Button name="decision" value="accept">{t('oversight.review.accept')}</Button>
                  <Button name="decision" value="return" secondary>{t('oversight.review.return')}</Button>
                  {p.can.raiseFinding && <RaiseLink ctx={ctx} id={r.id} refText={r.ref} />}
                </div>
              </form>
            )}
            {p.can.raiseFinding && !(p.can.review && !(a.status === 'returned' && r.reviewStatus === 'returned')) && <p class="govuk-body"><RaiseLink ctx={ctx} id={r.id} refText={r.ref} /></p>}
            {p.can.verify && (
              <form method="post" action={`${reviewHref(a.id)}/answers/${r.id}/verify`} novalidate>
                <Csrf ctx={ctx} />
                <input type="hidden" name="back" value={back} />
                <div class="govuk-form-group">
                  <label class="govuk-label" for={verifyId}>{t('oversight.review.verifyResult', { ref: r.ref })}</label>
                  <select class="govuk-select" id={verifyId} name="result">
                    {RESULTS.map((x) => <option value={x} selected={x === (r.verifiedResult ?? r.result)}>{resultLabel(ctx, x)}</option>)}
                  </select>
                </div>
                <div class="govuk-form-group">
                  <label class="govuk-label" for={`${verifyId}-comment`}>{t('oversight.review.verifyComment')}</label>
                  <input class="govuk-input" id={`${verifyId}-comment`} name="comment" value={r.verifiedComment} />
                </div>
                <Button secondary>{t('oversight.review.verify')}</Button>
              </form>
            )}
          </section>
        );
      })}
      <Pagination ctx={ctx} page={view.answers.page} pages={pages(view.answers)} />
    </Layout>
  );
}

function RaiseLink({ ctx, id, refText }: { ctx: PageCtx; id: string; refText: string }) {
  return <a class="govuk-link" href={`/compliance/findings/new?answer=${id}`}>{ctx.t('oversight.review.raise')}<span class="govuk-visually-hidden"> {refText}</span></a>;
}

export interface SamplePageProps {
  ctx: PageCtx;
  cycles: { id: string; code: string }[];
  cycleId: string;
  institutions: { id: string; acronym: string; sampled: boolean }[];
  last: { seed: string | null; size: number; at: Date } | null;
  errors?: FieldErrors;
  values?: Record<string, string>;
}

export function SamplePage(p: SamplePageProps) {
  const { ctx } = p;
  const { t, f } = ctx;
  const sampled = p.institutions.filter((i) => i.sampled);
  return (
    <Layout ctx={ctx} title={t('oversight.sample.title')}>
      <OversightNav ctx={ctx} />
      <ErrorSummary ctx={ctx} errors={p.errors} />
      <h1 class="govuk-heading-xl">{t('oversight.sample.title')}</h1>
      <p class="govuk-body-l">{t('oversight.sample.lead')}</p>
      <form method="get" action="/compliance/reviews/sample" class="vw-filters">
        <div class="govuk-form-group">
          <label class="govuk-label" for="cycle">{t('oversight.sample.cycle')}</label>
          <select class="govuk-select" id="cycle" name="cycle">
            {p.cycles.map((c) => <option value={c.id} selected={c.id === p.cycleId}>{c.code}</option>)}
          </select>
        </div>
        <Button secondary>{t('admin.apply')}</Button>
      </form>
      {p.cycleId && (
        <>
          <p class="govuk-body" id="sample-state">
            {p.last ? (p.last.seed ? t('oversight.sample.last', { size: p.last.size, seed: p.last.seed, date: f.dateTime(p.last.at) }) : t('oversight.sample.lastByHand', { size: p.last.size, date: f.dateTime(p.last.at) })) : t('oversight.sample.none')}
          </p>
          {sampled.length > 0 && (
            <>
              <h2 class="govuk-heading-m">{t('oversight.sample.current')}</h2>
              <ul class="govuk-list govuk-list--bullet">
                {sampled.map((i) => <li>{i.acronym}</li>)}
              </ul>
            </>
          )}
          <h2 class="govuk-heading-m">{t('oversight.sample.random')}</h2>
          <form method="post" action={`/compliance/reviews/sample?cycle=${p.cycleId}`} novalidate>
            <Csrf ctx={ctx} />
            <input type="hidden" name="mode" value="random" />
            <div class={`govuk-form-group${p.errors?.size ? ' govuk-form-group--error' : ''}`}>
              <label class="govuk-label" for="size">{t('oversight.sample.size')}</label>
              {p.errors?.size && <p class="govuk-error-message" id="size-error">{t(p.errors.size)}</p>}
              <input class="govuk-input govuk-input--width-5" id="size" name="size" inputMode="numeric" value={p.values?.size ?? ''} aria-describedby={p.errors?.size ? 'size-error' : undefined} />
            </div>
            <div class={`govuk-form-group${p.errors?.seed ? ' govuk-form-group--error' : ''}`}>
              <label class="govuk-label" for="seed">{t('oversight.sample.seed')}</label>
              <div class="govuk-hint" id="seed-hint">{t('oversight.sample.seedHint')}</div>
              {p.errors?.seed && <p class="govuk-error-message" id="seed-error">{t(p.errors.seed)}</p>}
              <input class="govuk-input govuk-input--width-20" id="seed" name="seed" value={p.values?.seed ?? ''} aria-describedby={`seed-hint${p.errors?.seed ? ' seed-error' : ''}`} />
            </div>
            <Button>{t('oversight.sample.draw')}</Button>
          </form>
          <h2 class="govuk-heading-m">{t('oversight.sample.byHand')}</h2>
          <form method="post" action={`/compliance/reviews/sample?cycle=${p.cycleId}`} novalidate>
            <Csrf ctx={ctx} />
            <input type="hidden" name="mode" value="hand" />
            <div class={`govuk-form-group${p.errors?.institutions ? ' govuk-form-group--error' : ''}`}>
              <fieldset class="govuk-fieldset" id="institutions">
                <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">{t('oversight.sample.institutions')}</legend>
                {p.errors?.institutions && <p class="govuk-error-message">{t(p.errors.institutions)}</p>}
                <div class="govuk-checkboxes govuk-checkboxes--small" data-module="govuk-checkboxes">
                  {p.institutions.map((i) => (
                    <div class="govuk-checkboxes__item">
                      <input class="govuk-checkboxes__input" id={`inst-${i.id}`} name="institutions" type="checkbox" value={i.id} checked={i.sampled} />
                      <label class="govuk-label govuk-checkboxes__label" for={`inst-${i.id}`}>{i.acronym}</label>
                    </div>
                  ))}
                </div>
              </fieldset>
            </div>
            <Button secondary>{t('oversight.sample.choose')}</Button>
          </form>
        </>
      )}
    </Layout>
  );
}
