// The working-day clock's reminders and escalations: once an hour, each open case whose deadline is
// near gets one reminder to its reviewer, and each overdue case one escalation to all the authority's
// reviewers. Idempotent: a case is marked when its message is queued, in the same transaction.
import { eq, sql } from 'drizzle-orm';
import type { Database } from '../../platform/db/database.ts';
import type { Config } from '../../config.ts';
import { systemCtx, transaction } from '../../platform/context.ts';
import { defineJob, schedule } from '../../platform/jobs/index.ts';
import { holidaySet } from './clock.ts';
import { notify } from './notify.ts';
import { localDate, slaAction } from './rules.ts';
import { cases } from './schema.ts';

export async function runSla(db: Database, config: Config, today = localDate(new Date())): Promise<{ reminded: number; escalated: number }> {
  const ctx = systemCtx(db, config);
  const h = await holidaySet(ctx);
  const open = await db.orm.select().from(cases).where(sql`${cases.stage} IN ('submitted', 'in_review') AND ${cases.dueOn} IS NOT NULL`);
  let reminded = 0;
  let escalated = 0;
  for (const c of open) {
    const action = slaAction({ due: c.dueOn, today, reminded: !!c.remindedAt, escalated: !!c.escalatedAt, holidays: h });
    if (!action) continue;
    await transaction(ctx, async (tx) => {
      if (action === 'remind') {
        await tx.tx.update(cases).set({ remindedAt: new Date() }).where(eq(cases.id, c.id));
        await notify(tx, c, ['reviewer'], 'reviews.mail.reminder.subject', 'reviews.mail.reminder.body', { due: c.dueOn ?? '' });
        reminded++;
      } else {
        await tx.tx.update(cases).set({ escalatedAt: new Date() }).where(eq(cases.id, c.id));
        await notify(tx, { ...c, reviewerId: null }, ['authority'], 'reviews.mail.escalation.subject', 'reviews.mail.escalation.body', { due: c.dueOn ?? '' });
        escalated++;
      }
    });
  }
  return { reminded, escalated };
}

export const slaJob = defineJob<Record<string, never>>('reviews.sla', {
  maxAttempts: 3,
  handler: ({ db, config }) => runSla(db, config),
});
schedule(slaJob, 3600);
