// The preview of what applying a revision does — its buckets (added, changed with word changes,
// unchanged, retired, undecided) and who is affected (institutions, assessments, findings,
// directives, documents) — with the apply form.
import type { PageCtx } from '../../../../web/context.ts';
import { Layout } from '../../../../web/layout.tsx';
import { Button, Csrf, TextInput, type FieldErrors } from '../../../../web/components/forms.tsx';
import { DataTable, type Column } from '../../../../web/components/table.tsx';
import { Parts } from '../../../library/index.ts';
import { OUTCOMES, type Outcome } from '../rules.ts';
import type { Preview, PreviewItem } from '../queries.ts';
import type { ApplySummary } from '../apply-revision.service.ts';
import { BackToRevision, label, outcomeLabel, revisionHref, textOf, titleOf } from './common.tsx';
import { RevisionHeading, type RevisionCan } from './revisions.tsx';

function PreviewTable({ ctx, id, caption, items, diff }: { ctx: PageCtx; id: string; caption: string; items: PreviewItem[]; diff?: boolean }) {
  const { t } = ctx;
  return (
    <DataTable
      id={id}
      caption={caption}
      showCaption
      rows={items}
      columns={[
        { head: t('compliance.req.col.ref'), cell: (i) => <span class="vw-code">{i.ref}</span> },
        {
          head: t(diff ? 'compliance.req.col.wordChanges' : 'compliance.req.col.text'),
          cell: (i) => (diff && i.diff ? <Parts ctx={ctx} parts={ctx.lang === 'sw' ? i.diff.sw : i.diff.en} /> : textOf({ textSw: i.text.sw, textEn: i.text.en }, ctx.lang)),
        },
        { head: t('compliance.req.col.obligation'), cell: (i) => (i.obligation ? label(ctx, 'compliance.obligation', i.obligation) : '—') },
      ]}
    />
  );
}

/** One kind of record an apply touches, counted in its caption; nothing when there is none. */
function AffectedTable<R>({ ctx, kind, rows, columns }: { ctx: PageCtx; kind: 'assessments' | 'findings' | 'directives'; rows: R[]; columns: Column<R>[] }) {
  if (rows.length === 0) return null;
  return <DataTable id={`affected-${kind}`} caption={ctx.t(`compliance.req.affected.${kind}`, { n: ctx.f.number(rows.length) })} showCaption rows={rows} columns={columns} />;
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
      <RevisionHeading ctx={ctx} r={r} errors={p.errors} conflict={p.conflict} />
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
      <DataTable
        id="buckets"
        caption={t('compliance.req.preview.summary')}
        showCaption
        rowHeader
        rows={[...OUTCOMES]}
        columns={[
          { head: t('compliance.req.col.outcome'), cell: (o) => (b[o].length > 0 ? <a class="govuk-link" href={`#bucket-${o}`}>{outcomeLabel(ctx, o)}</a> : outcomeLabel(ctx, o)) },
          { head: t('compliance.req.col.count'), numeric: true, cell: (o) => ctx.f.number(b[o].length) },
        ]}
      />
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
      <AffectedTable
        ctx={ctx}
        kind="assessments"
        rows={a.assessments}
        columns={[
          { head: t('compliance.req.col.institution'), cell: (x) => x.institution },
          { head: t('compliance.req.col.cycle'), cell: (x) => x.cycle },
          { head: t('compliance.req.col.answers'), numeric: true, cell: (x) => ctx.f.number(x.answers) },
        ]}
      />
      <AffectedTable
        ctx={ctx}
        kind="findings"
        rows={a.findings}
        columns={[
          { head: t('compliance.req.col.institution'), cell: (x) => x.institution },
          { head: t('compliance.req.col.ref'), cell: (x) => x.ref },
          { head: t('compliance.req.col.severity'), cell: (x) => label(ctx, 'compliance.severity', x.severity) },
          { head: t('compliance.req.col.due'), cell: (x) => x.dueOn },
        ]}
      />
      <AffectedTable
        ctx={ctx}
        kind="directives"
        rows={a.directives}
        columns={[
          { head: t('compliance.req.col.directive'), cell: (x) => `${x.code} ${titleOf(x, ctx.lang)}` },
          { head: t('compliance.req.col.due'), cell: (x) => x.deadline },
          { head: t('compliance.req.col.institutions'), numeric: true, cell: (x) => ctx.f.number(x.institutions) },
        ]}
      />
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
      <BackToRevision ctx={ctx} id={r.id} />
    </Layout>
  );
}
