// Background jobs: the public surface other code imports. See docs/decisions/0006-job-table.md.
import './housekeeping.ts';

export { defineJob, schedule, exponentialBackoff, type JobContext, type JobDefinition, type Backoff, type JobLog } from './registry.ts';
export { enqueue, type EnqueueOptions } from './store.ts';
export { startJobRunner, runJobsNow, JobLeaseLost, type JobRunner, type RunnerOptions } from './runner.ts';
export { getJob, jobFor, jobVisible, listJobs, retryJob, parseJobId, JOB_STATUSES, JOBS_PAGE_SIZE, isJobStatus, type Job, type JobPage, type JobStatus } from './queries.ts';
