// Keeps the portfolio's derived state in step: every change to the registry bumps its version and
// queues the recomputation of overlaps, in the same transaction as the change.
import { sql } from 'drizzle-orm';
import type { TxCtx } from '../../platform/context.ts';
import { defineJob, enqueue } from '../../platform/jobs/index.ts';
import { history } from './schema.ts';

export const OVERLAP_JOB = 'portfolio.overlaps';

// Defined here, next to the only place that queues it, so it exists wherever the registry can change.
defineJob(OVERLAP_JOB, {
  maxAttempts: 3,
  handler: async (job) => (await import('./overlaps.service.ts')).computeOverlaps(job.db),
});

export async function registryChanged(ctx: TxCtx): Promise<void> {
  await ctx.tx.execute(sql`UPDATE portfolio_state SET registry_version = registry_version + 1 WHERE id = 1`);
  // A short delay lets a burst of edits (or an import) settle into one run.
  await enqueue(ctx.tx, OVERLAP_JOB, {}, { dedupeKey: 'all', runAt: new Date(Date.now() + 2000) });
}

export async function recordHistory(ctx: TxCtx, systemId: string, change: string, fields: Record<string, { from: unknown; to: unknown }> = {}): Promise<void> {
  await ctx.tx.insert(history).values({ systemId, change, fields, actorLabel: ctx.actor?.name ?? ctx.source.actorLabel } as typeof history.$inferInsert);
}
