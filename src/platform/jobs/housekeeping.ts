// The job table's own upkeep: finished jobs are kept for a while (to look at on /admin/jobs), then
// removed, so recurring work such as mail delivery does not grow the table without end.
import { defineJob, schedule } from './registry.ts';

const KEEP_DONE_DAYS = 2;
const KEEP_FAILED_DAYS = 30;

export const pruneJobs = defineJob<Record<string, never>>('jobs.prune', {
  maxAttempts: 3,
  async handler({ db }) {
    const done = await db.query(`DELETE FROM jobs WHERE status = 'done' AND finished_at < now() - $1 * interval '1 day' RETURNING id`, [KEEP_DONE_DAYS]);
    const failed = await db.query(`DELETE FROM jobs WHERE status IN ('failed', 'cancelled') AND finished_at < now() - $1 * interval '1 day' RETURNING id`, [KEEP_FAILED_DAYS]);
    return { removed: done.length + failed.length };
  },
});

schedule(pruneJobs, 24 * 60 * 60);
