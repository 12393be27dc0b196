// The OSCAL pages: the downloads and the frameworks loaded, the catalog upload, and a requirement's
// mappings to reference controls.
import type { PageCtx } from '../../../../web/context.ts';
import { Layout } from '../../../../web/layout.tsx';
import { Button, Csrf, ErrorSummary, Notice, Select, TextInput, type FieldErrors } from '../../../../web/components/forms.tsx';
import { DataTable } from '../../../../web/components/table.tsx';
import type { MessageKey } from '../../../../messages.ts';
import { MAX_CATALOG_BYTES, RELATIONS } from '../rules.ts';
import type { ControlRow, FrameworkRow, MappingRow } from '../queries.ts';
import type { MappedRequirement } from '../mappings.service.ts';
import type { CatalogImportOutcome } from '../import.job.ts';
import { JobProgress, type JobProgressView } from '../../../../web/components/JobProgress.tsx';

export interface OscalPageData {
  frameworks: FrameworkRow[];
  cycles: { id: string; code: string }[];
  /** Whether the caller reads every institution (the national results) or only their own. */
  national: boolean;
  /** The caller's own institutions whose remediation plans they read. */
  own: string[];
  mayImport: boolean;
  /** Requirements the caller may map (of the standards their institution issued). */
  mappable: { id: string; ref: string; textEn: string; textSw: string; mappings: number }[];
}

/** A reference control as it is named in the tables: its framework's code and its id. */
const ControlCode = ({ c }: { c: { frameworkCode: string; controlId: string } }) => (
  <code>
    {c.frameworkCode} {c.controlId}
  </code>
);

export function OscalPage({ ctx, data }: { ctx: PageCtx; data: OscalPageData }) {
  const { t, f } = ctx;
  return (
    <Layout ctx={ctx} title={t('oscal.title')}>
      <h1 class="govuk-heading-l">{t('oscal.title')}</h1>
      <p class="govuk-body">{t('oscal.lead')}</p>
      <h2 class="govuk-heading-m">{t('oscal.downloads')}</h2>
      <ul class="govuk-list govuk-list--bullet">
        <li>
          <a class="govuk-link" href="/api/v1/compliance/oscal/catalog" download="viwango-catalog.json">
            {t('oscal.download.catalog')}
          </a>
        </li>
        {ctx.actor &&
          data.cycles.map((c) => (
            <li>
              <a class="govuk-link" href={`/api/v1/compliance/oscal/assessment-results?cycle=${c.id}`} download={`viwango-assessment-results-${c.code}.json`}>
                {t(data.national ? 'oscal.download.results' : 'oscal.download.resultsOwn', { code: c.code })}
              </a>
            </li>
          ))}
        {data.own.map((acronym) => (
          <li>
            <a class="govuk-link" href={`/api/v1/compliance/oscal/poam?institution=${encodeURIComponent(acronym)}`} download={`viwango-poam-${acronym}.json`}>
              {t('oscal.download.poam', { acronym })}
            </a>
          </li>
        ))}
      </ul>
      {ctx.actor && data.cycles.length === 0 && <p class="govuk-body">{t('oscal.noClosedCycles')}</p>}
      {data.national && <p class="govuk-body">{t('oscal.poamHint')}</p>}
      <h2 class="govuk-heading-m">{t('oscal.frameworks')}</h2>
      {data.frameworks.length === 0 ? (
        <p class="govuk-body">{t('oscal.frameworks.none')}</p>
      ) : (
        <DataTable
          caption={t('oscal.frameworks.caption')}
          rows={data.frameworks}
          columns={[
            { head: t('oscal.col.code'), cell: (fw) => <code>{fw.code}</code> },
            { head: t('oscal.col.title'), cell: (fw) => fw.title },
            { head: t('oscal.col.version'), cell: (fw) => fw.version },
            { head: t('oscal.col.groups'), numeric: true, cell: (fw) => f.number(fw.groupCount) },
            { head: t('oscal.col.controls'), numeric: true, cell: (fw) => f.number(fw.controlCount) },
            { head: t('oscal.col.loaded'), cell: (fw) => f.date(fw.loadedAt) },
          ]}
        />
      )}
      {data.mappable.length > 0 && (
        <>
          <h2 class="govuk-heading-m">{t('oscal.mappable')}</h2>
          <DataTable
            caption={t('oscal.mappable')}
            rows={data.mappable}
            columns={[
              {
                head: t('oscal.mapping.requirement'),
                cell: (r) => (
                  <a class="govuk-link" href={`/compliance/oscal/requirements/${r.id}/mappings`}>
                    {r.ref}
                  </a>
                ),
              },
              { head: t('oscal.col.text'), cell: (r) => (ctx.lang === 'sw' ? r.textSw : r.textEn) },
              { head: t('oscal.col.mapped'), numeric: true, cell: (r) => f.number(r.mappings) },
            ]}
          />
        </>
      )}
      {data.mayImport && (
        <p class="govuk-body">
          <a class="govuk-link" href="/compliance/oscal/import">
            {t('oscal.import.link')}
          </a>
        </p>
      )}
    </Layout>
  );
}

export function ImportPage({ ctx, error, status }: { ctx: PageCtx; error?: MessageKey; status?: string }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('oscal.import.title')}>
      {error && <ErrorSummary ctx={ctx} errors={{ file: error }} />}
      <h1 class="govuk-heading-l">{t('oscal.import.title')}</h1>
      <p class="govuk-body">{t('oscal.import.lead', { max: `${MAX_CATALOG_BYTES / 1024 / 1024} MB` })}</p>
      {status && <p class="govuk-body">{status}</p>}
      <form method="post" action="/compliance/oscal/import" enctype="multipart/form-data" novalidate>
        <Csrf ctx={ctx} />
        <div class={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
          <label class="govuk-label govuk-label--s" for="file">
            {t('oscal.import.file')}
          </label>
          {error && (
            <p id="file-error" class="govuk-error-message">
              <span class="govuk-visually-hidden">{ctx.lang === 'sw' ? 'Kosa:' : 'Error:'}</span> {t(error)}
            </p>
          )}
          <input class={`govuk-file-upload${error ? ' govuk-file-upload--error' : ''}`} id="file" name="file" type="file" accept=".json,application/json" aria-describedby={error ? 'file-error' : undefined} />
        </div>
        <Button>{t('oscal.import.submit')}</Button>
      </form>
      <p class="govuk-body">
        <a class="govuk-link" href="/compliance/oscal">
          {t('oscal.title')}
        </a>
      </p>
    </Layout>
  );
}

/**
 * Where a catalog upload stands: the job's progress while it is queued or running (refreshed by the
 * link, or by app.js), then what it loaded or why it did not. The ended block keeps the progress
 * block's id, so the script swaps it in and stops.
 */
export function ImportJobPage({ ctx, job, outcome }: { ctx: PageCtx; job: JobProgressView; outcome: CatalogImportOutcome | null }) {
  const { t, f } = ctx;
  const ended = job.status === 'done' || job.status === 'failed' || job.status === 'cancelled';
  return (
    <Layout ctx={ctx} title={t('oscal.import.job.title')}>
      <h1 class="govuk-heading-l">{t('oscal.import.job.title')}</h1>
      {!ended ? (
        <>
          <p class="govuk-body">{t('oscal.import.job.lead')}</p>
          <JobProgress ctx={ctx} job={job} />
        </>
      ) : (
        <div id={`job-${job.id}`} aria-live="polite">
          {outcome?.ok ? (
            <>
              <div class="govuk-panel govuk-panel--confirmation">
                <h2 class="govuk-panel__title">{outcome.title}</h2>
                <div class="govuk-panel__body">{t('oscal.import.done', { title: outcome.code, groups: f.number(outcome.groups), controls: f.number(outcome.controls) })}</div>
              </div>
              <p class="govuk-body">{t(outcome.created ? 'oscal.import.job.created' : 'oscal.import.job.updated', { code: outcome.code })}</p>
              {outcome.keptMapped > 0 && <p class="govuk-body">{t('oscal.import.job.keptMapped', { n: f.number(outcome.keptMapped) })}</p>}
            </>
          ) : (
            <div class="govuk-error-summary" role="alert" tabindex={-1}>
              <h2 class="govuk-error-summary__title">{t('oscal.import.job.refused')}</h2>
              <div class="govuk-error-summary__body">
                <p class="govuk-body">{outcome ? t(outcome.error, outcome.params) : t('oscal.import.job.failed', { id: String(job.id) })}</p>
              </div>
            </div>
          )}
          <ul class="govuk-list">
            <li>
              <a class="govuk-link" href="/compliance/oscal">
                {t('oscal.title')}
              </a>
            </li>
            <li>
              <a class="govuk-link" href="/compliance/oscal/import">
                {t('oscal.import.job.again')}
              </a>
            </li>
          </ul>
        </div>
      )}
    </Layout>
  );
}

export interface MappingPageData {
  requirement: MappedRequirement;
  mappings: MappingRow[];
  frameworks: FrameworkRow[];
  results: ControlRow[] | null;
  query: { framework: string; q: string };
  mayMap: boolean;
  notice?: 'added' | 'removed';
  errors?: FieldErrors;
}

export function MappingPage({ ctx, data }: { ctx: PageCtx; data: MappingPageData }) {
  const { t } = ctx;
  const r = data.requirement;
  const base = `/compliance/oscal/requirements/${r.id}/mappings`;
  const relationOptions = RELATIONS.map((v) => ({ value: v, label: t(`oscal.relation.${v}` as MessageKey) }));
  const mapped = new Set(data.mappings.map((m) => m.id));
  return (
    <Layout ctx={ctx} title={t('oscal.mapping.title', { ref: r.ref })}>
      {data.errors && <ErrorSummary ctx={ctx} errors={data.errors} />}
      {data.notice && (
        <Notice ctx={ctx} success>
          <p class="govuk-notification-banner__heading">{t(data.notice === 'added' ? 'oscal.mapping.added' : 'oscal.mapping.removed')}</p>
        </Notice>
      )}
      <h1 class="govuk-heading-l">{t('oscal.mapping.title', { ref: r.ref })}</h1>
      <dl class="govuk-summary-list">
        <div class="govuk-summary-list__row">
          <dt class="govuk-summary-list__key">{t('oscal.mapping.standard')}</dt>
          <dd class="govuk-summary-list__value">
            <a class="govuk-link" href={`/library/documents/${encodeURIComponent(r.documentSlug)}`}>
              {r.documentCode}
            </a>
          </dd>
        </div>
        <div class="govuk-summary-list__row">
          <dt class="govuk-summary-list__key">{t('oscal.mapping.requirement')}</dt>
          <dd class="govuk-summary-list__value" lang={ctx.lang}>
            {ctx.lang === 'sw' ? r.textSw : r.textEn}
          </dd>
        </div>
      </dl>
      {r.status === 'retired' && <p class="govuk-body">{t('oscal.mapping.retired')}</p>}
      <p class="govuk-body">{t('oscal.mapping.lead')}</p>
      <h2 class="govuk-heading-m">{t('oscal.mapping.current')}</h2>
      {data.mappings.length === 0 ? (
        <p class="govuk-body">{t('oscal.mapping.none')}</p>
      ) : (
        <DataTable
          caption={t('oscal.mapping.current')}
          rows={data.mappings}
          columns={[
            { head: t('oscal.col.control'), cell: (m) => <ControlCode c={m} /> },
            { head: t('oscal.col.title'), cell: (m) => m.title },
            { head: t('oscal.col.relation'), cell: (m) => t(`oscal.relation.${m.relation}` as MessageKey) },
            ...(data.mayMap ? [{ head: t('oscal.col.action'), cell: (m: MappingRow) => <RemoveMapping ctx={ctx} action={`${base}/remove`} m={m} /> }] : []),
          ]}
        />
      )}
      {data.mayMap && (
        <>
          <h2 class="govuk-heading-m">{t('oscal.mapping.search')}</h2>
          {data.frameworks.length === 0 ? (
            <p class="govuk-body">{t('oscal.mapping.noFrameworks')}</p>
          ) : (
            <form method="get" action={base} role="search">
              <Select ctx={ctx} name="framework" label={t('oscal.mapping.framework')} value={data.query.framework} options={[{ value: '', label: t('oscal.mapping.anyFramework') }, ...data.frameworks.map((fw) => ({ value: fw.id, label: `${fw.code} (${fw.version})` }))]} />
              <TextInput ctx={ctx} name="q" label={t('oscal.mapping.query')} value={data.query.q} width="20" spellcheck={false} />
              <Button secondary>{t('oscal.mapping.searchButton')}</Button>
            </form>
          )}
          {data.results && (
            <>
              <h3 class="govuk-heading-s">{t('oscal.mapping.results')}</h3>
              {data.results.length === 0 ? (
                <p class="govuk-body">{t('oscal.mapping.noResults')}</p>
              ) : (
                <DataTable
                  caption={t('oscal.mapping.results')}
                  rows={data.results.map((c, i) => ({ c, i }))}
                  columns={[
                    { head: t('oscal.col.control'), cell: ({ c }) => <ControlCode c={c} /> },
                    { head: t('oscal.col.title'), cell: ({ c }) => c.title },
                    { head: t('oscal.col.group'), cell: ({ c }) => c.groupTitle },
                    { head: t('oscal.col.action'), cell: ({ c, i }) => (mapped.has(c.id) ? '✓' : <AddMapping ctx={ctx} action={`${base}/add`} c={c} i={i} query={data.query} relations={relationOptions} />) },
                  ]}
                />
              )}
            </>
          )}
        </>
      )}
    </Layout>
  );
}

function RemoveMapping({ ctx, action, m }: { ctx: PageCtx; action: string; m: MappingRow }) {
  return (
    <form method="post" action={action} novalidate>
      <Csrf ctx={ctx} />
      <input type="hidden" name="control" value={m.id} />
      <button type="submit" class="govuk-button govuk-button--warning govuk-!-margin-bottom-0" data-module="govuk-button" aria-label={ctx.t('oscal.mapping.removeLabel', { control: `${m.frameworkCode} ${m.controlId}` })}>
        {ctx.t('oscal.mapping.remove')}
      </button>
    </form>
  );
}

/** The form of one search result: the relation to map it with, and the button (the search is kept). */
function AddMapping(p: { ctx: PageCtx; action: string; c: ControlRow; i: number; query: MappingPageData['query']; relations: { value: string; label: string }[] }) {
  const { ctx, c, i } = p;
  return (
    <form method="post" action={p.action} novalidate class="vw-inline-form">
      <Csrf ctx={ctx} />
      <input type="hidden" name="control" value={c.id} />
      <input type="hidden" name="framework" value={p.query.framework} />
      <input type="hidden" name="q" value={p.query.q} />
      <label class="govuk-label govuk-visually-hidden" for={`relation-${i}`}>
        {ctx.t('oscal.col.relation')} ({c.controlId})
      </label>
      <select class="govuk-select" id={`relation-${i}`} name="relation">
        {p.relations.map((o) => (
          <option value={o.value}>{o.label}</option>
        ))}
      </select>{' '}
      <button type="submit" class="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" data-module="govuk-button" aria-label={ctx.t('oscal.mapping.addLabel', { control: `${c.frameworkCode} ${c.controlId}` })}>
        {ctx.t('oscal.mapping.add')}
      </button>
    </form>
  );
}
