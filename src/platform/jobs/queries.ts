// Reading jobs for progress pages and the administration page, and the one administrative action:
// running a failed job again.
import type { Actor } from '../auth/actor.ts';
import { can } from '../auth/policy.ts';
import { type AuditSource } from '../audit.ts';
import type { Database } from '../db/database.ts';
import { AppError, notFound } from '../http/errors.ts';
import { sql } from 'drizzle-orm';
import { audit } from '../platform-audit-events.ts';

export const JOB_STATUSES = ['queued', 'running', 'done', 'failed', 'cancelled'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];
export const isJobStatus = (v: unknown): v is JobStatus => JOB_STATUSES.includes(v as JobStatus);

export interface Job {
  id: number;
  type: string;
  status: JobStatus;
  payload: unknown;
  runAt: Date;
  attempts: number;
  maxAttempts: number;
  lastError: string | null;
  progress: { done: number; total: number | null; note: string | null };
  dedupeKey: string | null;
  lockedBy: string | null;
  lockedUntil: Date | null;
  createdBy: string | null;
  createdByName: string | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  result: unknown;
}

type Row = Record<string, unknown>;
const date = (v: unknown) => (v == null ? null : new Date(v as string));

function toJob(r: Row): Job {
  return {
    id: Number(r.id),
    type: r.type as string,
    status: r.status as JobStatus,
    payload: r.payload,
    runAt: new Date(r.run_at as string),
    attempts: r.attempts as number,
    maxAttempts: r.max_attempts as number,
    lastError: (r.last_error as string | null) ?? null,
    progress: { done: r.progress_done as number, total: (r.progress_total as number | null) ?? null, note: (r.progress_note as string | null) ?? null },
    dedupeKey: (r.dedupe_key as string | null) ?? null,
    lockedBy: (r.locked_by as string | null) ?? null,
    lockedUntil: date(r.locked_until),
    createdBy: (r.created_by as string | null) ?? null,
    createdByName: (r.created_by_name as string | null) ?? null,
    createdAt: new Date(r.created_at as string),
    startedAt: date(r.started_at),
    finishedAt: date(r.finished_at),
    result: r.result ?? null,
  };
}

/** Drizzle wraps the driver's error; the SQLSTATE is on it or on its cause. */
function isUniqueViolation(err: unknown): boolean {
  for (let e = err as { code?: string; cause?: unknown } | undefined, depth = 0; e && depth < 4; e = e.cause as typeof e, depth++) {
    if (e.code === '23505') return true;
  }
  return false;
}

const SELECT = `SELECT j.*, u.name AS created_by_name FROM jobs j LEFT JOIN users u ON u.id = j.created_by`;

/** Parses an id from a URL; anything that is not a positive whole number finds nothing. */
export function parseJobId(v: unknown): number | null {
  const s = String(v ?? '');
  if (!/^[1-9][0-9]{0,17}$/.test(s)) return null;
  const n = Number(s);
  return Number.isSafeInteger(n) ? n : null;
}

export async function getJob(db: Database, id: number): Promise<Job | null> {
  const rows = await db.query<Row>(`${SELECT} WHERE j.id = $1`, [id]);
  return rows[0] ? toJob(rows[0]) : null;
}

/** Whether the caller may know a job exists: its creator, or someone who may read every job. */
export function jobVisible(actor: Actor | null, job: Pick<Job, 'createdBy'>): boolean {
  return !!actor && (job.createdBy === actor.userId || can(actor, 'jobs:read'));
}

/** A job for whoever may see it (jobVisible); anyone else is told it does not exist. */
export async function jobFor(db: Database, actor: Actor | null, id: unknown): Promise<Job> {
  const n = parseJobId(id);
  const job = n === null ? null : await getJob(db, n);
  if (!job || !jobVisible(actor, job)) throw notFound();
  return job;
}

export const JOBS_PAGE_SIZE = 50;

export interface JobPage {
  items: Job[];
  total: number;
  page: number;
  pages: number;
}

/** Newest first, optionally of one status. */
export async function listJobs(db: Database, filter: { status?: string; page?: number }): Promise<JobPage> {
  const status = isJobStatus(filter.status) ? filter.status : null;
  const where = status ? 'WHERE j.status = $1' : '';
  const params = status ? [status] : [];
  const [{ n }] = await db.query<{ n: string | number }>(`SELECT count(*) AS n FROM jobs j ${where}`, params);
  const total = Number(n);
  const pages = Math.max(1, Math.ceil(total / JOBS_PAGE_SIZE));
  const page = Math.min(pages, Math.max(1, Math.floor(filter.page ?? 1)));
  const rows = await db.query<Row>(`${SELECT} ${where} ORDER BY j.id DESC LIMIT ${JOBS_PAGE_SIZE} OFFSET ${(page - 1) * JOBS_PAGE_SIZE}`, params);
  return { items: rows.map(toJob), total, page, pages };
}

/** Queues a failed job to run at once with a fresh set of attempts; its last error is kept until then. */
export async function retryJob(db: Database, source: AuditSource, id: unknown): Promise<void> {
  const n = parseJobId(id);
  if (n === null) throw notFound();
  try {
    await db.orm.transaction(async (tx) => {
      const found = await tx.execute(sql`SELECT type, status, attempts, last_error FROM jobs WHERE id = ${n} FOR UPDATE`);
      const job = found.rows[0] as { type: string; status: string; attempts: number; last_error: string | null } | undefined;
      if (!job) throw notFound();
      if (job.status !== 'failed') throw new AppError(409, 'job.error.notFailed');
      await tx.execute(sql`UPDATE jobs SET status = 'queued', attempts = 0, run_at = now(), finished_at = NULL WHERE id = ${n}`);
      await audit({ tx, source }, 'job.retry', {
        entityId: String(n),
        details: { type: job.type, attempts: job.attempts, lastError: job.last_error?.slice(0, 200) ?? null },
      });
    });
  } catch (err) {
    // Another job with the same de-duplication key is already waiting or running.
    if (isUniqueViolation(err)) throw new AppError(409, 'job.error.duplicate');
    throw err;
  }
}
