// The import pages: the upload form with its templates and the meaning of each column, and the
// preview of what the file will change (or what is wrong with it, row by row).
import type { PageCtx } from '../../../web/context.ts';
import { Layout } from '../../../web/layout.tsx';
import { Button, Csrf, ErrorSummary, Notice } from '../../../web/components/forms.tsx';
import type { MessageKey } from '../../../messages.ts';
import { IMPORT_COLUMNS, MAX_IMPORT_ROWS } from '../import.file.ts';
import type { ImportResult } from '../import.service.ts';

/** Rows of changes shown on the preview; the counts cover all of them. */
const SHOWN = 1000;

export function ImportPage({ ctx, error, done }: { ctx: PageCtx; error?: MessageKey; done?: { created: number; updated: number; unchanged: number } }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('portfolio.import.title')}>
      {error && <ErrorSummary ctx={ctx} errors={{ file: error }} />}
      {done && (
        <Notice ctx={ctx} success>
          <p class="govuk-notification-banner__heading">{t('portfolio.import.done', done)}</p>
        </Notice>
      )}
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
      <table class="govuk-table">
        <caption class="govuk-table__caption govuk-table__caption--m">{t('portfolio.import.columns')}</caption>
        <thead class="govuk-table__head">
          <tr class="govuk-table__row">
            <th scope="col" class="govuk-table__header">{t('portfolio.import.column')}</th>
            <th scope="col" class="govuk-table__header">{t('portfolio.import.meaning')}</th>
          </tr>
        </thead>
        <tbody class="govuk-table__body">
          {IMPORT_COLUMNS.map((c) => (
            <tr class="govuk-table__row">
              <th scope="row" class="govuk-table__header"><code>{c}</code></th>
              <td class="govuk-table__cell">{t(`portfolio.import.col.${c}` as MessageKey)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Layout>
  );
}

export function ImportPreviewPage({ ctx, result, fileName }: { ctx: PageCtx; result: ImportResult; fileName: string }) {
  const { t } = ctx;
  const bad = result.errors.length > 0;
  const changing = result.rows.filter((r) => r.outcome !== 'unchanged');
  const badRows = [...new Set(result.errors.map((e) => e.row))];
  const rowErrors = (row: number) => result.errors.filter((e) => e.row === row);
  return (
    <Layout ctx={ctx} title={t('portfolio.import.previewTitle')}>
      {bad && <ErrorSummary ctx={ctx} messages={result.errors.slice(0, SHOWN).map((e) => ({ field: `row-${e.row}`, message: t('portfolio.import.rowError', { row: e.row, column: e.column, message: e.message }) }))} />}
      <h1 class="govuk-heading-l">{t('portfolio.import.previewTitle')}</h1>
      <p class="govuk-body">{t('portfolio.import.fileName', { name: fileName })}</p>
      <p class="govuk-body govuk-!-font-weight-bold">{t('portfolio.import.counts', { created: result.created, updated: result.updated, unchanged: result.unchanged })}</p>
      {bad ? (
        <>
          <p class="govuk-body">{t('portfolio.import.fixAndRetry')}</p>
          <table class="govuk-table">
            <thead class="govuk-table__head">
              <tr class="govuk-table__row">
                <th scope="col" class="govuk-table__header">{t('portfolio.import.row')}</th>
                <th scope="col" class="govuk-table__header">{t('portfolio.import.column')}</th>
                <th scope="col" class="govuk-table__header">{t('error.summary')}</th>
              </tr>
            </thead>
            <tbody class="govuk-table__body">
              {badRows.slice(0, SHOWN).flatMap((row) =>
                rowErrors(row).map((e, i) => (
                  <tr class="govuk-table__row" id={i === 0 ? `row-${row}` : undefined} tabIndex={i === 0 ? -1 : undefined}>
                    <td class="govuk-table__cell">{row}</td>
                    <td class="govuk-table__cell"><code>{e.column}</code></td>
                    <td class="govuk-table__cell">{e.message}</td>
                  </tr>
                )),
              )}
            </tbody>
          </table>
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
