// Background jobs: the list with a status filter, and one job with its input, errors, progress
// and the "run again" action for a failed job.
import type { PageCtx } from '../../../web/context.ts';
import { Layout } from '../../../web/layout.tsx';
import { Button, Csrf, Notice, Select } from '../../../web/components/forms.tsx';
import { JobProgress, JobStatusTag, jobPercent } from '../../../web/components/JobProgress.tsx';
import { can } from '../../../platform/auth/policy.ts';
import { JOB_STATUSES, JOBS_PAGE_SIZE, type Job, type JobPage } from '../../../platform/jobs/index.ts';
import { AdminSections, FilterForm, Pagination, Showing, SummaryRow as Row, TableWrap, withQuery } from './parts.tsx';

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
        <TableWrap>
          <table class="govuk-table" id="jobs">
            <caption class="govuk-table__caption govuk-visually-hidden">{t('admin.jobs.title')}</caption>
            <thead class="govuk-table__head">
              <tr class="govuk-table__row">
                <th scope="col" class="govuk-table__header">{t('admin.jobs.number')}</th>
                <th scope="col" class="govuk-table__header">{t('admin.jobs.type')}</th>
                <th scope="col" class="govuk-table__header">{t('admin.jobs.status')}</th>
                <th scope="col" class="govuk-table__header">{t('admin.jobs.progress')}</th>
                <th scope="col" class="govuk-table__header">{t('admin.jobs.attempts')}</th>
                <th scope="col" class="govuk-table__header">{t('admin.jobs.created')}</th>
              </tr>
            </thead>
            <tbody class="govuk-table__body">
              {v.result.items.map((j) => {
                const percent = jobPercent(j.progress);
                return (
                  <tr class="govuk-table__row">
                    <td class="govuk-table__cell">
                      <a class="govuk-link" href={`/admin/jobs/${j.id}`}>
                        {j.id}
                      </a>
                    </td>
                    <td class="govuk-table__cell vw-code vw-break">{j.type}</td>
                    <td class="govuk-table__cell">
                      <JobStatusTag ctx={ctx} status={j.status} />
                    </td>
                    <td class="govuk-table__cell">{percent === null ? '—' : `${f.number(percent)}%`}</td>
                    <td class="govuk-table__cell">{t('admin.jobs.attemptsOf', { attempts: f.number(j.attempts), max: f.number(j.maxAttempts) })}</td>
                    <td class="govuk-table__cell vw-nowrap">{f.dateTime(j.createdAt)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableWrap>
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
      {job.status === 'failed' && can(ctx.actor, 'jobs:manage') && (
        <form method="post" action={`/admin/jobs/${job.id}/retry`}>
          <Csrf ctx={ctx} />
          <p class="govuk-body">{t('admin.jobs.retryHint')}</p>
          <Button>{t('admin.jobs.retry')}</Button>
        </form>
      )}
    </Layout>
  );
}
