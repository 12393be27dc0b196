// The import pages: the upload form with its templates and the meaning of each column, and the
// preview of what the file will change (or what is wrong with it, row by row), and the page of the
// background job applying it: its progress, then its result.
import type { PageCtx } from '../../../web/context.ts';
import { Layout } from '../../../web/layout.tsx';
import { Button, Csrf, ErrorSummary, Notice } from '../../../web/components/forms.tsx';
import { DataTable } from '../../../web/components/table.tsx';
import type { MessageKey } from '../../../messages.ts';
import { IMPORT_COLUMNS, MAX_IMPORT_ROWS } from '../import.file.ts';
import type { ImportJobResult, ImportResult, RowError } from '../import.service.ts';
import { JobProgress } from '../../../web/components/JobProgress.tsx';
import type { Job } from '../../../platform/jobs/index.ts';

/** Rows of changes shown on the preview; the counts cover all of them. */
const SHOWN = 1000;

export function ImportPage({ ctx, error }: { ctx: PageCtx; error?: MessageKey }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('portfolio.import.title')}>
      {error && <ErrorSummary ctx={ctx} errors={{ file: error }} />}
      <h1 class="govuk-heading-l">{t('portfolio.import.title')}</h1>
      <p class="govuk-body">{t('portfolio.import.lead')}</p>
      <h2 class="govuk-heading-m">{t('portfolio.import.template')}</h2>
      <ul class="govuk-list">
        <li><a class="govuk-link" href="/portfolio/import/template.csv" download>{t('portfolio.import.templateCsv')}</a></li>
        <li><a class="govuk-link" href="/portfolio/import/template.xlsx" download>{t('portfolio.import.templateXlsx')}</a></li>
      </ul>
      <form method="post" action="/portfolio/import" enctype="multipart/form-data" novalidate>
        <Csrf ctx={ctx} />
        <div class={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
          <label class="govuk-label govuk-label--s" for="file">{t('portfolio.import.file')}</label>
          <div id="file-hint" class="govuk-hint">{t('portfolio.import.fileHint', { max: ctx.f.number(MAX_IMPORT_ROWS) })}</div>
          {error && (
            <p id="file-error" class="govuk-error-message">
              <span class="govuk-visually-hidden">{ctx.lang === 'sw' ? 'Kosa:' : 'Error:'}</span> {t(error)}
            </p>
          )}
          <input class={`govuk-file-upload${error ? ' govuk-file-upload--error' : ''}`} id="file" name="file" type="file" accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" aria-describedby={error ? 'file-hint file-error' : 'file-hint'} />
        </div>
        <Button>{t('portfolio.import.preview')}</Button>
      </form>
      <DataTable
        caption={t('portfolio.import.columns')}
        showCaption
        rowHeader
        rows={[...IMPORT_COLUMNS]}
        columns={[
          { head: t('portfolio.import.column'), cell: (c) => <code>{c}</code> },
          { head: t('portfolio.import.meaning'), cell: (c) => t(`portfolio.import.col.${c}` as MessageKey) },
        ]}
      />
    </Layout>
  );
}

export function ImportPreviewPage({ ctx, result, fileName }: { ctx: PageCtx; result: ImportResult; fileName: string }) {
  const { t } = ctx;
  const bad = result.errors.length > 0;
  const changing = result.rows.filter((r) => r.outcome !== 'unchanged');
  return (
    <Layout ctx={ctx} title={t('portfolio.import.previewTitle')}>
      {bad && <ErrorSummary ctx={ctx} messages={result.errors.slice(0, SHOWN).map((e) => ({ field: `row-${e.row}`, message: t('portfolio.import.rowError', { row: e.row, column: e.column, message: e.message }) }))} />}
      <h1 class="govuk-heading-l">{t('portfolio.import.previewTitle')}</h1>
      <p class="govuk-body">{t('portfolio.import.fileName', { name: fileName })}</p>
      <p class="govuk-body govuk-!-font-weight-bold">{t('portfolio.import.counts', { created: result.created, updated: result.updated, unchanged: result.unchanged })}</p>
      {bad ? (
        <>
          <p class="govuk-body">{t('portfolio.import.fixAndRetry')}</p>
          <RowErrorTable ctx={ctx} errors={result.errors} />
        </>
      ) : changing.length === 0 ? (
        <p class="govuk-body">{t('portfolio.import.nothingToDo')}</p>
      ) : null}
      {changing.length > 0 && (
        <table class="govuk-table">
          <thead class="govuk-table__head">
            <tr class="govuk-table__row">
              <th scope="col" class="govuk-table__header">{t('portfolio.import.row')}</th>
              <th scope="col" class="govuk-table__header">institution</th>
              <th scope="col" class="govuk-table__header">code</th>
              <th scope="col" class="govuk-table__header">name</th>
              <th scope="col" class="govuk-table__header">{t('portfolio.import.outcome')}</th>
            </tr>
          </thead>
          <tbody class="govuk-table__body">
            {changing.slice(0, SHOWN).map((r) => (
              <tr class="govuk-table__row">
                <td class="govuk-table__cell">{r.row}</td>
                <td class="govuk-table__cell">{r.institution}</td>
                <td class="govuk-table__cell">{r.code}</td>
                <td class="govuk-table__cell">{r.name}</td>
                <td class="govuk-table__cell">{r.outcome === 'create' ? t('portfolio.import.outcome.create') : t('portfolio.import.outcome.update', { fields: r.changes.join(', ') })}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {changing.length > SHOWN && <p class="govuk-body">{t('portfolio.import.shownFirst', { shown: SHOWN, total: changing.length })}</p>}
      <div class="govuk-button-group">
        {!bad && changing.length > 0 && (
          <form method="post" action="/portfolio/import/apply" novalidate>
            <Csrf ctx={ctx} />
            <input type="hidden" name="sha256" value={result.sha256} />
            <input type="hidden" name="name" value={fileName} />
            <Button>{t('portfolio.import.apply')}</Button>
          </form>
        )}
        <a class="govuk-link" href="/portfolio/import">{t('portfolio.import.another')}</a>
      </div>
    </Layout>
  );
}

/** Every problem, grouped by row; the first line of a row carries `row-N`, which the error summary links to. */
function RowErrorTable({ ctx, errors }: { ctx: PageCtx; errors: RowError[] }) {
  const { t } = ctx;
  const rows = [...new Set(errors.map((e) => e.row))].slice(0, SHOWN);
  return (
    <table class="govuk-table">
      <caption class="govuk-table__caption govuk-table__caption--s">{t('portfolio.import.rowErrors')}</caption>
      <thead class="govuk-table__head">
        <tr class="govuk-table__row">
          <th scope="col" class="govuk-table__header">{t('portfolio.import.row')}</th>
          <th scope="col" class="govuk-table__header">{t('portfolio.import.column')}</th>
          <th scope="col" class="govuk-table__header">{t('error.summary')}</th>
        </tr>
      </thead>
      <tbody class="govuk-table__body">
        {rows.flatMap((row) =>
          errors
            .filter((e) => e.row === row)
            .map((e, i) => (
              <tr class="govuk-table__row" id={i === 0 ? `row-${row}` : undefined} tabIndex={i === 0 ? -1 : undefined}>
                <td class="govuk-table__cell">{row}</td>
                <td class="govuk-table__cell"><code>{e.column}</code></td>
                <td class="govuk-table__cell">{e.key ? t(e.key, e.params) : e.message}</td>
              </tr>
            )),
        )}
      </tbody>
    </table>
  );
}

/** What the ended job did, shown inside its progress block (so the refreshed block brings it in). */
function ImportJobOutcome({ ctx, job, result }: { ctx: PageCtx; job: Job; result: ImportJobResult | null }) {
  const { t } = ctx;
  if (job.status === 'failed' || job.status === 'cancelled' || (job.status === 'done' && !result)) {
    return <p class="govuk-body govuk-!-font-weight-bold">{t('portfolio.import.job.failed', { job: job.id })}</p>;
  }
  if (job.status === 'queued' && job.lastError) return <p class="govuk-body">{t('portfolio.import.job.retrying')}</p>;
  if (job.status !== 'done' || !result) return null;
  if (!result.applied) {
    return (
      <>
        <p class="govuk-body govuk-!-font-weight-bold">{t('portfolio.import.job.refused')}</p>
        <RowErrorTable ctx={ctx} errors={result.errors} />
        {result.moreErrors > 0 && <p class="govuk-body">{t('portfolio.import.job.moreErrors', { count: ctx.f.number(result.moreErrors) })}</p>}
        <p class="govuk-body"><a class="govuk-link" href="/portfolio/import">{t('portfolio.import.another')}</a></p>
      </>
    );
  }
  return (
    <>
      <Notice ctx={ctx} success>
        <p class="govuk-notification-banner__heading">{t('portfolio.import.done', { created: result.created, updated: result.updated, unchanged: result.unchanged })}</p>
      </Notice>
      <ul class="govuk-list">
        <li><a class="govuk-link" href="/portfolio">{t('portfolio.import.job.catalogue')}</a></li>
        <li><a class="govuk-link" href="/portfolio/import">{t('portfolio.import.another')}</a></li>
      </ul>
    </>
  );
}

/** The background job applying an import: progress while it runs (a refresh link; app.js refreshes it), then its result. */
export function ImportJobPage({ ctx, job, fileName, result }: { ctx: PageCtx; job: Job; fileName: string | null; result: ImportJobResult | null }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('portfolio.import.job.title')}>
      <h1 class="govuk-heading-l">{t('portfolio.import.job.title')}</h1>
      {fileName && <p class="govuk-body">{t('portfolio.import.fileName', { name: fileName })}</p>}
      <p class="govuk-body">{t('portfolio.import.job.lead')}</p>
      <JobProgress ctx={ctx} job={job}>
        <ImportJobOutcome ctx={ctx} job={job} result={result} />
      </JobProgress>
    </Layout>
  );
}
