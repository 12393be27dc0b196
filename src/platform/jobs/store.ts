// The job table's statements. Each is one short statement or transaction: a runner never keeps a
// transaction open while a handler runs, because the embedded database has a single connection.
// A running job belongs to whoever holds its lease (locked_by + attempts); every write about a
// running job checks that, so a runner that lost its lease cannot overwrite the new holder's work.
import { sql } from 'drizzle-orm';
import type { Database, Orm, Tx } from '../db/database.ts';
import { jobDefinition, type JobDefinition } from './registry.ts';

export interface EnqueueOptions {
  /** Not before this time (a delayed job). */
  runAt?: Date;
  /** While a job of this type with this key is queued or running, enqueue returns that job instead of adding one. */
  dedupeKey?: string;
  maxAttempts?: number;
  /** The person who asked for the work; they may follow its progress. */
  createdBy?: string | null;
}

/**
 * Adds a job in the caller's transaction, so it exists exactly when the change that needs it
 * commits. Returns the job's id (or the id of the queued/running job with the same dedupe key).
 */
export async function enqueue<P>(tx: Tx | Orm, type: string | JobDefinition<P>, payload: P, opts: EnqueueOptions = {}): Promise<number> {
  const name = typeof type === 'string' ? type : type.type;
  const def = jobDefinition(name);
  if (!def) throw new Error(`enqueue: no job type "${name}" is defined`);
  const maxAttempts = opts.maxAttempts ?? def.maxAttempts;
  const runAt = opts.runAt ? opts.runAt.toISOString() : null;
  const key = opts.dedupeKey ?? null;
  // A conflicting job may finish between the insert and the look-up; then the insert succeeds next time.
  for (let i = 0; i < 3; i++) {
    const ins = await tx.execute(sql`INSERT INTO jobs (type, payload, run_at, max_attempts, dedupe_key, created_by)
      VALUES (${name}, ${JSON.stringify(payload ?? {})}::jsonb, coalesce(${runAt}::timestamptz, now()), ${maxAttempts}, ${key}, ${opts.createdBy ?? null})
      ON CONFLICT (type, dedupe_key) WHERE dedupe_key IS NOT NULL AND status IN ('queued', 'running') DO NOTHING
      RETURNING id`);
    if (ins.rows[0]) return Number((ins.rows[0] as { id: unknown }).id);
    const existing = await tx.execute(sql`SELECT id FROM jobs WHERE type = ${name} AND dedupe_key = ${key} AND status IN ('queued', 'running')`);
    if (existing.rows[0]) return Number((existing.rows[0] as { id: unknown }).id);
  }
  throw new Error(`enqueue: could not add job "${name}" with key "${key}"`);
}

/** A job as a runner holds it: the lease is (lockedBy, attempt). */
export interface Claimed {
  id: number;
  type: string;
  payload: unknown;
  attempt: number;
  maxAttempts: number;
  lockedBy: string;
}

const lease = (seconds: number) => `now() + ${Number(seconds)} * interval '1 second'`;

/** Claims the oldest due job of a type this process knows, or returns null. */
export async function claimNext(db: Database, runnerId: string, types: string[], leaseSeconds: number): Promise<Claimed | null> {
  if (types.length === 0) return null;
  const rows = await db.query<{ id: unknown; type: string; payload: unknown; attempts: number; max_attempts: number }>(
    `UPDATE jobs SET status = 'running', attempts = attempts + 1, locked_by = $1, locked_until = ${lease(leaseSeconds)},
            started_at = coalesce(started_at, now())
      WHERE id = (SELECT id FROM jobs WHERE status = 'queued' AND run_at <= now() AND type = ANY(string_to_array($2, ','))
                   ORDER BY run_at, id LIMIT 1 FOR UPDATE SKIP LOCKED)
      RETURNING id, type, payload, attempts, max_attempts`,
    [runnerId, types.join(',')],
  );
  const r = rows[0];
  if (!r) return null;
  return { id: Number(r.id), type: r.type, payload: r.payload, attempt: r.attempts, maxAttempts: r.max_attempts, lockedBy: runnerId };
}

const HELD = `id = $1 AND locked_by = $2 AND attempts = $3 AND status = 'running'`;
const held = (c: Claimed) => [c.id, c.lockedBy, c.attempt];

/** Stores progress and renews the lease; false when the job is no longer ours. */
export async function recordProgress(db: Database, c: Claimed, leaseSeconds: number, p?: { done: number; total: number; note?: string }): Promise<boolean> {
  const rows = p
    ? await db.query(
        `UPDATE jobs SET locked_until = ${lease(leaseSeconds)}, progress_done = $4, progress_total = $5, progress_note = $6 WHERE ${HELD} RETURNING id`,
        [...held(c), Math.max(0, Math.floor(p.done)), Math.max(0, Math.floor(p.total)), p.note?.slice(0, 500) ?? null],
      )
    : await db.query(`UPDATE jobs SET locked_until = ${lease(leaseSeconds)} WHERE ${HELD} RETURNING id`, held(c));
  return rows.length > 0;
}

export async function recordSuccess(db: Database, c: Claimed, result: unknown): Promise<void> {
  await db.query(`UPDATE jobs SET status = 'done', finished_at = now(), locked_by = NULL, locked_until = NULL, result = $4::jsonb WHERE ${HELD}`, [
    ...held(c),
    result === undefined ? null : JSON.stringify(result),
  ]);
}

/** After an error: queued again after `retryInSeconds`, or failed for good once the attempts are used up. */
export async function recordFailure(db: Database, c: Claimed, error: string, retryInSeconds: number): Promise<'queued' | 'failed' | null> {
  const rows = await db.query<{ status: 'queued' | 'failed' }>(
    `UPDATE jobs SET last_error = $4, locked_by = NULL, locked_until = NULL,
            status = CASE WHEN attempts >= max_attempts THEN 'failed' ELSE 'queued' END,
            run_at = CASE WHEN attempts >= max_attempts THEN run_at ELSE now() + $5 * interval '1 second' END,
            finished_at = CASE WHEN attempts >= max_attempts THEN now() END
      WHERE ${HELD} RETURNING status`,
    [...held(c), error.slice(0, 2000), Math.max(0, retryInSeconds)],
  );
  return rows[0]?.status ?? null;
}

/** Gives a job back unfinished (the runner is stopping); the attempt does not count. */
export async function release(db: Database, c: Claimed): Promise<void> {
  await db.query(`UPDATE jobs SET status = 'queued', attempts = attempts - 1, locked_by = NULL, locked_until = NULL, run_at = now() WHERE ${HELD}`, held(c));
}

export const LEASE_EXPIRED = 'The runner holding this job stopped renewing its lease (it crashed or lost the database).';

/** Jobs whose runner died: queued again, or failed when that was their last attempt. */
export async function reclaimExpired(db: Database): Promise<number> {
  const rows = await db.query(
    `UPDATE jobs SET locked_by = NULL, locked_until = NULL, last_error = $1,
            status = CASE WHEN attempts >= max_attempts THEN 'failed' ELSE 'queued' END,
            finished_at = CASE WHEN attempts >= max_attempts THEN now() END, run_at = now()
      WHERE status = 'running' AND locked_until < now() RETURNING id`,
    [LEASE_EXPIRED],
  );
  return rows.length;
}
