// The audit browser: filters, newest-first entries with keyset links, CSV link and chain check.
import type { ComponentChildren } from 'preact';
import type { PageCtx } from '../../../web/context.ts';
import { Layout } from '../../../web/layout.tsx';
import { ErrorSummary, Notice, Select, TextInput, type FieldErrors } from '../../../web/components/forms.tsx';
import type { AnchoredResult, CheckpointCheck } from '../../../platform/audit-checkpoints.ts';
import type { AuditRow } from '../audit-browser.service.ts';
import { institutionSelectOptions, type InstitutionOption } from './people.tsx';
import { AdminSections, Email, FilterForm, withQuery } from './parts.tsx';
import { DataTable } from '../../../web/components/table.tsx';
import { auditEvents, auditLabel, auditModules } from '../../../audit-events.ts';

/** The module filter: every module with audit events, in the reader's language. */
function moduleOptions(ctx: PageCtx) {
  return [{ value: '', label: ctx.t('admin.audit.anyModule') }, ...auditModules.map((m) => ({ value: m.module, label: m.label[ctx.lang] }))];
}

/** The event filter: every declared event (its module's name, its label and its code); a code typed into the address stays offered. */
function eventOptions(ctx: PageCtx, current: string | undefined) {
  const moduleName = new Map(auditModules.map((m) => [m.module, m.label[ctx.lang]]));
  const options = auditEvents.map((e) => ({ value: e.name, label: `${moduleName.get(e.module)}: ${e.label[ctx.lang]} (${e.name})` }));
  const typed = current && !options.some((o) => o.value === current) ? [{ value: current, label: current }] : [];
  return [{ value: '', label: ctx.t('admin.audit.anyAction') }, ...typed, ...options];
}

export interface AuditView {
  items: AuditRow[];
  newer: number | null;
  older: number | null;
  form: Record<string, string>;
  institutions: InstitutionOption[];
  entityTypes: string[];
  /** Whether the reader sees every institution's entries (and so may run the chain check). */
  everything: boolean;
  verify?: AnchoredResult;
  errors?: FieldErrors;
}

/** The summary as short `key: value` lines; the raw JSON is in the CSV and the API. */
function Summary({ s }: { s: Record<string, unknown> }) {
  const keys = Object.keys(s);
  if (!keys.length) return null;
  return (
    <ul class="govuk-list govuk-body-s vw-audit-summary">
      {keys.map((k) => (
        <li>
          <span class="vw-muted">{k}:</span> <span class="vw-break">{typeof s[k] === 'string' ? (s[k] as string) : JSON.stringify(s[k])}</span>
        </li>
      ))}
    </ul>
  );
}

/** What the signed checkpoints outside the database say about the chain. */
function CheckpointResult({ ctx, c }: { ctx: PageCtx; c: CheckpointCheck }) {
  const { t, f } = ctx;
  let text: string;
  if (!c.ok) {
    const params = { line: String(c.line), seq: String(c.seq ?? ''), end: String(c.end), key: c.keyId ?? '' };
    text = t('admin.audit.checkpoints.failed', { reason: t(`admin.audit.checkpoints.problem.${c.problem}`, params), count: f.number(c.count) });
  } else if (c.newest) {
    text = t('admin.audit.checkpoints.ok', { count: f.number(c.count), seq: String(c.newest.seq), when: f.dateTime(c.newest.at) });
  } else text = t('admin.audit.checkpoints.none');
  return (
    <p class="govuk-body" id="checkpoint-result">
      {text}
    </p>
  );
}

/** The link to newer (`prev`) or older (`next`) entries. */
function PageLink({ dir, href, children }: { dir: 'prev' | 'next'; href: string; children: ComponentChildren }) {
  return (
    <div class={`govuk-pagination__${dir}`}>
      <a class="govuk-link govuk-pagination__link" href={href} rel={dir}>
        <span class="govuk-pagination__link-title">{children}</span>
      </a>
    </div>
  );
}

export function AuditPage({ ctx, v }: { ctx: PageCtx; v: AuditView }) {
  const { t, f } = ctx;
  const csv = '/admin/audit.csv' + withQuery(ctx, { before: undefined, after: undefined, page: undefined, lang: undefined }).replace(/^[^?]*/, '');
  return (
    <Layout ctx={ctx} title={t('admin.audit.title')}>
      <AdminSections ctx={ctx} />
      <ErrorSummary ctx={ctx} errors={v.errors} />
      {v.verify && (
        <Notice ctx={ctx} success={v.verify.chain.ok && v.verify.checkpoints?.ok}>
          <p class="govuk-notification-banner__heading" id="verify-result">
            {v.verify.chain.ok
              ? t('admin.audit.intact', { count: f.number(v.verify.chain.checked) })
              : t('admin.audit.broken', { seq: String(v.verify.chain.badSeq), reason: t(`admin.audit.problem.${v.verify.chain.problem}`), count: f.number(v.verify.chain.checked) })}
          </p>
          {v.verify.checkpoints && <CheckpointResult ctx={ctx} c={v.verify.checkpoints} />}
        </Notice>
      )}
      <h1 class="govuk-heading-xl">{t('admin.audit.title')}</h1>
      <p class="govuk-body">{t('admin.audit.lead')}</p>
      {!v.everything && <p class="govuk-inset-text">{t('admin.audit.ownOnly')}</p>}
      <FilterForm ctx={ctx} action="/admin/audit" clearHref="/admin/audit">
        <TextInput ctx={ctx} name="email" label={t('admin.audit.person')} value={v.form.email} spellcheck={false} />
        <Select ctx={ctx} name="institution" label={t('admin.audit.institution')} value={v.form.institution} options={institutionSelectOptions(ctx, v.institutions, 'admin.people.anyInstitution')} />
        <Select ctx={ctx} name="entity" label={t('admin.audit.entity')} value={v.form.entity} options={[{ value: '', label: t('admin.audit.anyEntity') }, ...v.entityTypes.map((e) => ({ value: e, label: e }))]} />
        <Select ctx={ctx} name="module" label={t('admin.audit.module')} value={v.form.module} options={moduleOptions(ctx)} />
        <Select ctx={ctx} name="action" label={t('admin.audit.action')} value={v.form.action} options={eventOptions(ctx, v.form.action)} />
        <TextInput ctx={ctx} name="from" label={t('admin.audit.from')} value={v.form.from} errors={v.errors} type="date" />
        <TextInput ctx={ctx} name="to" label={t('admin.audit.to')} value={v.form.to} errors={v.errors} type="date" />
      </FilterForm>
      <p class="govuk-body">
        <a class="govuk-link" href={csv} download>
          {t('admin.audit.csv')}
        </a>
      </p>
      {v.items.length === 0 ? (
        <p class="govuk-body">{t('common.none')}</p>
      ) : (
        <DataTable
          id="audit"
          class="vw-table-small"
          caption={t('admin.audit.title')}
          rows={v.items}
          columns={[
            { head: '#', cell: (e) => e.seq },
            { head: t('admin.audit.when'), cellClass: () => 'vw-nowrap', cell: (e) => f.dateTime(e.at) },
            {
              head: t('admin.audit.who'),
              cell: (e) => (
                <>
                  <Email address={e.actorLabel} />
                  <br />
                  <span class="govuk-body-s vw-muted">
                    {e.via}
                    {e.institutionAcronym ? ` · ${e.institutionAcronym}` : ''}
                  </span>
                </>
              ),
            },
            {
              head: t('admin.audit.what'),
              cell: (e) => (
                <>
                  {auditLabel(e.action, ctx.lang) && (
                    <>
                      <span class="vw-audit-label">{auditLabel(e.action, ctx.lang)}</span>
                      <br />
                    </>
                  )}
                  <code class="vw-code">{e.action}</code>
                  <br />
                  <span class="govuk-body-s vw-muted vw-break">
                    {e.entityType}
                    {e.entityId ? ` ${e.entityId}` : ''}
                  </span>
                </>
              ),
            },
            { head: t('admin.audit.details'), cell: (e) => <Summary s={e.summary} /> },
          ]}
        />
      )}
      {(v.newer !== null || v.older !== null) && (
        <nav class="govuk-pagination govuk-pagination--block" aria-label={t('admin.pagination')}>
          {v.newer !== null && (
            <PageLink dir="prev" href={withQuery(ctx, { after: v.newer, before: undefined, verify: undefined })}>
              {t('admin.audit.newer')}
            </PageLink>
          )}
          {v.older !== null && (
            <PageLink dir="next" href={withQuery(ctx, { before: v.older, after: undefined, verify: undefined })}>
              {t('admin.audit.older')}
            </PageLink>
          )}
        </nav>
      )}
      {v.everything && (
        <form method="get" action="/admin/audit" class="govuk-!-margin-top-6">
          <input type="hidden" name="verify" value="1" />
          <p class="govuk-body">{t('admin.audit.verifyHint')}</p>
          <button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button">
            {t('admin.audit.verify')}
          </button>
        </form>
      )}
    </Layout>
  );
}
