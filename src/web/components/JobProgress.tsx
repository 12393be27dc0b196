// Where a background job stands, rendered on the server: status, a native progress bar with the
// same figures in words, the job's latest note, and a plain refresh link. With JavaScript, app.js
// fetches the refresh link every few seconds and swaps in this block until the job has ended; what a
// page shows inside the block (children, e.g. the job's result once it ended) is swapped in with it.
import type { ComponentChildren } from 'preact';
import type { PageCtx } from '../context.ts';
import type { JobStatus } from '../../platform/jobs/index.ts';

const TAG: Record<JobStatus, string> = {
  queued: 'govuk-tag--grey',
  running: 'govuk-tag--blue',
  done: 'govuk-tag--green',
  failed: 'govuk-tag--red',
  cancelled: 'govuk-tag--grey',
};

export function JobStatusTag({ ctx, status }: { ctx: PageCtx; status: JobStatus }) {
  return <strong class={`govuk-tag ${TAG[status]}`}>{ctx.t(`job.status.${status}`)}</strong>;
}

export interface JobProgressView {
  id: number;
  status: JobStatus;
  progress: { done: number; total: number | null; note: string | null };
}

/** Percentage of the work done, or null while the amount of work is unknown. */
export function jobPercent(p: JobProgressView['progress']): number | null {
  if (!p.total) return null;
  return Math.min(100, Math.floor((p.done / p.total) * 100));
}

export function JobProgress({ ctx, job, refreshHref = ctx.url, children }: { ctx: PageCtx; job: JobProgressView; refreshHref?: string; children?: ComponentChildren }) {
  const { t, f } = ctx;
  const ended = job.status === 'done' || job.status === 'failed' || job.status === 'cancelled';
  const percent = jobPercent(job.progress);
  const bar = `job-${job.id}-bar`;
  return (
    <div class="vw-job-progress" id={`job-${job.id}`} data-job-refresh={ended ? undefined : refreshHref} aria-live="polite">
      <p class="govuk-body">
        <JobStatusTag ctx={ctx} status={job.status} />
      </p>
      {percent !== null ? (
        <>
          <label class="govuk-label govuk-!-font-weight-bold" for={bar}>
            {t('job.progress.label')}
          </label>
          <progress id={bar} class="govuk-!-width-full" max={job.progress.total!} value={Math.min(job.progress.done, job.progress.total!)}>
            {t('job.progress.percent', { percent: f.number(percent) })}
          </progress>
          <p class="govuk-body">
            {t('job.progress.percent', { percent: f.number(percent) })} — {t('job.progress.counts', { done: f.number(job.progress.done), total: f.number(job.progress.total!) })}
          </p>
        </>
      ) : (
        job.status === 'running' && <p class="govuk-body">{t('job.progress.unknown')}</p>
      )}
      {job.progress.note && <p class="govuk-body vw-muted">{job.progress.note}</p>}
      {!ended && (
        <p class="govuk-body">
          <a class="govuk-link" href={refreshHref}>
            {t('job.progress.refresh')}
          </a>
        </p>
      )}
      {children}
    </div>
  );
}
