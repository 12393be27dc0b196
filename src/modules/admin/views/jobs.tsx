// Background jobs: the list with a status filter, and one job with its input, errors, progress
// and the "run again" action for a failed job.
import type { PageCtx } from '../../../web/context.ts';
import { Layout } from '../../../web/layout.tsx';
import { Button, Csrf, Notice, Select } from '../../../web/components/forms.tsx';
import { JobProgress, JobStatusTag, jobPercent } from '../../../web/components/JobProgress.tsx';
import { mayAtAll } from '../../../platform/auth/access.ts';
import { JOB_STATUSES, JOBS_PAGE_SIZE, type Job, type JobPage } from '../../../platform/jobs/index.ts';
import { AdminSections, FilterForm, Pagination, Showing, SummaryRow as Row, withQuery } from './parts.tsx';
import { DataTable } from '../../../web/components/table.tsx';

export function JobsPage({ ctx, v }: { ctx: PageCtx; v: { result: JobPage; status: string } }) {
  const { t, f } = ctx;
  return (
    <Layout ctx={ctx} title={t('admin.jobs.title')}>
      <AdminSections ctx={ctx} />
      <h1 class="govuk-heading-xl">{t('admin.jobs.title')}</h1>
      <p class="govuk-body-l">{t('admin.jobs.lead')}</p>
      <FilterForm ctx={ctx} action="/admin/jobs" clearHref="/admin/jobs">
        <Select
          ctx={ctx}
          name="status"
          label={t('admin.jobs.status')}
          value={v.status}
          options={[{ value: '', label: t('admin.jobs.anyStatus') }, ...JOB_STATUSES.map((s) => ({ value: s, label: t(`job.status.${s}`) }))]}
        />
      </FilterForm>
      <Showing ctx={ctx} page={v.result.page} size={JOBS_PAGE_SIZE} total={v.result.total} />
      {v.result.items.length > 0 && (
        <DataTable
          id="jobs"
          caption={t('admin.jobs.title')}
          rows={v.result.items}
          columns={[
            {
              head: t('admin.jobs.number'),
              cell: (j) => (
                <a class="govuk-link" href={`/admin/jobs/${j.id}`}>
                  {j.id}
                </a>
              ),
            },
            { head: t('admin.jobs.type'), cell: (j) => j.type, class: 'vw-code vw-break' },
            { head: t('admin.jobs.status'), cell: (j) => <JobStatusTag ctx={ctx} status={j.status} /> },
            {
              head: t('admin.jobs.progress'),
              cell: (j) => {
                const percent = jobPercent(j.progress);
                return percent === null ? '—' : `${f.number(percent)}%`;
              },
            },
            { head: t('admin.jobs.attempts'), cell: (j) => t('admin.jobs.attemptsOf', { attempts: f.number(j.attempts), max: f.number(j.maxAttempts) }) },
            { head: t('admin.jobs.created'), cell: (j) => f.dateTime(j.createdAt), class: 'vw-nowrap' },
          ]}
        />
      )}
      <Pagination ctx={ctx} page={v.result.page} pages={v.result.pages} />
    </Layout>
  );
}

const json = (v: unknown) => JSON.stringify(v, null, 2);

export function JobPage({ ctx, job, retried }: { ctx: PageCtx; job: Job; retried?: boolean }) {
  const { t, f } = ctx;
  const heading = t('admin.jobs.heading', { id: String(job.id), type: job.type });
  return (
    <Layout ctx={ctx} title={heading}>
      <AdminSections ctx={ctx} />
      <a class="govuk-back-link" href="/admin/jobs">
        {t('admin.jobs.title')}
      </a>
      {retried && (
        <Notice ctx={ctx} success>
          <p class="govuk-notification-banner__heading">{t('admin.jobs.done.retried')}</p>
        </Notice>
      )}
      <h1 class="govuk-heading-xl vw-break">{heading}</h1>
      <JobProgress ctx={ctx} job={job} refreshHref={withQuery(ctx, { done: undefined })} />
      <dl class="govuk-summary-list">
        <Row k={t('admin.jobs.createdBy')}>{job.createdByName ?? t('admin.jobs.system')}</Row>
        <Row k={t('admin.jobs.created')}>{f.dateTime(job.createdAt)}</Row>
        <Row k={t('admin.jobs.runAt')}>{f.dateTime(job.runAt)}</Row>
        <Row k={t('admin.jobs.started')}>{job.startedAt ? f.dateTime(job.startedAt) : '—'}</Row>
        <Row k={t('admin.jobs.finished')}>{job.finishedAt ? f.dateTime(job.finishedAt) : '—'}</Row>
        <Row k={t('admin.jobs.attempts')}>{t('admin.jobs.attemptsOf', { attempts: f.number(job.attempts), max: f.number(job.maxAttempts) })}</Row>
        {job.lockedBy && job.lockedUntil && <Row k={t('admin.jobs.lease')}>{t('admin.jobs.leaseUntil', { runner: job.lockedBy, until: f.dateTime(job.lockedUntil) })}</Row>}
        {job.dedupeKey && (
          <Row k={t('admin.jobs.dedupe')}>
            <code class="vw-code vw-break">{job.dedupeKey}</code>
          </Row>
        )}
        {job.lastError && (
          <Row k={t('admin.jobs.lastError')}>
            <pre class="vw-pre vw-break" id="job-error">
              {job.lastError}
            </pre>
          </Row>
        )}
        <Row k={t('admin.jobs.payload')}>
          <pre class="vw-pre vw-break">{json(job.payload)}</pre>
        </Row>
        {job.result !== null && (
          <Row k={t('admin.jobs.result')}>
            <pre class="vw-pre vw-break">{json(job.result)}</pre>
          </Row>
        )}
      </dl>
      {job.status === 'failed' && mayAtAll(ctx.actor, 'jobs:manage') && (
        <form method="post" action={`/admin/jobs/${job.id}/retry`}>
          <Csrf ctx={ctx} />
          <p class="govuk-body">{t('admin.jobs.retryHint')}</p>
          <Button>{t('admin.jobs.retry')}</Button>
        </form>
      )}
    </Layout>
  );
}
