// Recurring jobs. Each schedule is a row whose next_run_at is the shared clock of all instances:
// the runner whose UPDATE moves it forward enqueues that occurrence, in the same short transaction,
// so each period produces one job however many instances poll. An occurrence still queued or
// running from an earlier period (dedupe key) is not doubled.
import { sql } from 'drizzle-orm';
import type { Config } from '../../config.ts';
import type { Database } from '../db/database.ts';
import { activeSchedules } from './registry.ts';
import { enqueue } from './store.ts';

export const SCHEDULE_DEDUPE_KEY = 'schedule';

/** Makes the table agree with the code; a shorter period takes effect at once, a first schedule runs now. */
export async function registerSchedules(db: Database, config: Config): Promise<void> {
  for (const [type, every] of activeSchedules(config)) {
    await db.query(
      `INSERT INTO job_schedules (type, every_seconds) VALUES ($1, $2)
       ON CONFLICT (type) DO UPDATE SET every_seconds = EXCLUDED.every_seconds,
         next_run_at = LEAST(job_schedules.next_run_at, now() + EXCLUDED.every_seconds * interval '1 second')`,
      [type, every],
    );
  }
}

/** Enqueues the occurrences that are due; returns the types enqueued by this call. */
export async function fireDueSchedules(db: Database, config: Config): Promise<string[]> {
  const types = activeSchedules(config).map(([t]) => t);
  if (types.length === 0) return [];
  return db.orm.transaction(async (tx) => {
    // Whole periods are skipped after downtime (no burst of catch-up runs) and the phase is kept.
    const due = await tx.execute(sql`UPDATE job_schedules SET last_run_at = now(),
        next_run_at = next_run_at + every_seconds * (floor(extract(epoch FROM now() - next_run_at) / every_seconds) + 1) * interval '1 second'
      WHERE next_run_at <= now() AND type = ANY(string_to_array(${types.join(',')}, ','))
      RETURNING type`);
    const fired = (due.rows as { type: string }[]).map((r) => r.type);
    for (const type of fired) await enqueue(tx, type, {}, { dedupeKey: SCHEDULE_DEDUPE_KEY });
    return fired;
  });
}
