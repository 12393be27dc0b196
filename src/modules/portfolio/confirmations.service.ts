// The head of institution's yearly confirmation that the portfolio is complete and correct.
import { eq, sql } from 'drizzle-orm';
import { command } from '../../platform/context.ts';
import { authorize } from '../../platform/auth/access.ts';
import { AppError } from '../../platform/http/errors.ts';
import { institutionPortfolioPolicy } from './access.ts';
import { confirmationYear } from './rules.ts';
import { confirmations, systems } from './schema.ts';
import { audit } from './audit-events.ts';

export const confirmPortfolio = command(async (ctx, input: { institutionId: string }) => {
  authorize(ctx.actor, institutionPortfolioPolicy, 'confirm', input);
  const year = confirmationYear(new Date());
  const [{ n }] = await ctx.tx.select({ n: sql<number>`count(*)::int` }).from(systems).where(eq(systems.institutionId, input.institutionId));
  const rows = await ctx.tx
    .insert(confirmations)
    .values({ institutionId: input.institutionId, year, confirmedBy: ctx.actor!.userId, confirmedName: ctx.actor!.name, systems: n })
    .onConflictDoNothing()
    .returning();
  if (!rows[0]) throw new AppError(409, 'portfolio.confirm.already');
  await audit(ctx, 'portfolio.confirm', { entityId: rows[0].id, institutionId: input.institutionId, details: { year, systems: n } });
  return rows[0];
});
