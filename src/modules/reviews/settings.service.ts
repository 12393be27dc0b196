// What the authority keeps for every review: the checklist's criteria and weights, and the public
// holidays the working-day clock skips.
import { eq, sql } from 'drizzle-orm';
import { authorizeFor } from '../../platform/auth/access.ts';
import { command } from '../../platform/context.ts';
import { AppError, invalid, notFound } from '../../platform/http/errors.ts';
import { isCalendarDate } from '../../platform/input.ts';
import { criteria, holidays } from './schema.ts';
import { audit } from './audit-events.ts';

export const updateCriterion = command(async (ctx, input: { code: string; weight: number; active: boolean; revision: number }) => {
  authorizeFor(ctx.actor, 'reviews:manage', null);
  const [k] = await ctx.tx.select().from(criteria).where(eq(criteria.code, input.code));
  if (!k) throw notFound();
  if (!Number.isInteger(input.weight) || input.weight < 0 || input.weight > 100) throw invalid({ [`weight_${k.code}`]: 'reviews.field.weight' });
  const [saved] = await ctx.tx
    .update(criteria)
    .set({ weight: input.weight, active: input.active, revision: sql`${criteria.revision} + 1` })
    .where(sql`${criteria.code} = ${k.code} AND ${criteria.revision} = ${input.revision}`)
    .returning();
  if (!saved) throw new AppError(409, 'reviews.conflict');
  await audit(ctx, 'reviews.criterion.update', { details: { code: k.code, weight: { from: k.weight, to: input.weight }, active: input.active } });
  return saved;
});

export const addHoliday = command(async (ctx, input: { day: string; nameSw: string; nameEn: string }) => {
  authorizeFor(ctx.actor, 'reviews:manage', null);
  const problems: Record<string, 'reviews.field.date' | 'reviews.field.holidayName'> = {};
  if (!isCalendarDate(input.day)) problems.day = 'reviews.field.date';
  const nameSw = input.nameSw.trim().slice(0, 120);
  const nameEn = input.nameEn.trim().slice(0, 120);
  if (!nameSw) problems.nameSw = 'reviews.field.holidayName';
  if (!nameEn) problems.nameEn = 'reviews.field.holidayName';
  if (Object.keys(problems).length) throw invalid(problems);
  await ctx.tx.insert(holidays).values({ day: input.day, nameSw, nameEn }).onConflictDoUpdate({ target: holidays.day, set: { nameSw, nameEn } });
  await audit(ctx, 'reviews.holiday.set', { details: { day: input.day, nameEn } });
});

export const removeHoliday = command(async (ctx, input: { day: string }) => {
  authorizeFor(ctx.actor, 'reviews:manage', null);
  if (!isCalendarDate(input.day)) throw notFound();
  const gone = await ctx.tx.delete(holidays).where(eq(holidays.day, input.day)).returning();
  if (!gone.length) throw notFound();
  await audit(ctx, 'reviews.holiday.remove', { details: { day: input.day } });
});
