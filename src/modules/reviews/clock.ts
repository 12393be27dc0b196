// The working-day clock of a case, from the database: the authority's holidays and the periods a
// clarification stopped the clock, handed to the pure rules (rules.ts).
import { asc, eq } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.ts';
import { dueDate, localDate, workingDaysUsed, type Pause } from './rules.ts';
import { clarifications, holidays, type Case } from './schema.ts';

export async function holidaySet(ctx: Pick<Ctx, 'q'>): Promise<Set<string>> {
  return new Set((await ctx.q.select({ day: holidays.day }).from(holidays)).map((h) => h.day));
}

export async function pausesOf(ctx: Pick<Ctx, 'q'>, caseId: string): Promise<Pause[]> {
  const rows = await ctx.q.select().from(clarifications).where(eq(clarifications.caseId, caseId)).orderBy(asc(clarifications.askedAt));
  return rows.map((r) => ({ from: localDate(r.askedAt), to: r.answeredAt ? localDate(r.answeredAt) : null }));
}

export interface Clock {
  start: string | null;
  due: string | null;
  used: number;
  days: number;
  stopped: boolean;
  overdue: boolean;
}

/** Where a case's clock stands today (or on `today`). */
export async function clockOf(ctx: Pick<Ctx, 'q'>, c: Pick<Case, 'id' | 'submittedAt' | 'slaDays' | 'stage' | 'decidedAt'>, today = localDate(new Date())): Promise<Clock> {
  if (!c.submittedAt || c.stage === 'returned' || c.stage === 'draft') return { start: null, due: null, used: 0, days: c.slaDays, stopped: false, overdue: false };
  const start = localDate(c.submittedAt);
  const h = await holidaySet(ctx);
  const pauses = (await pausesOf(ctx, c.id)).filter((p) => p.to === null || p.to >= start);
  const due = dueDate(start, c.slaDays, h, pauses);
  const stopped = c.stage === 'clarification';
  // A decided case's clock stopped at the decision.
  const used = workingDaysUsed(start, c.decidedAt ? localDate(c.decidedAt) : today, h, pauses);
  return { start, due, used, days: c.slaDays, stopped, overdue: !!due && today > due && c.stage !== 'decided' };
}
