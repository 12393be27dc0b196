// How long a password attempt must wait, from the failures recorded in login_attempts.
// Keyed per account+address, so one address (a ministry behind one NAT) cannot lock out the people
// behind it, and a guesser at one address is slowed with doubling waits. Across all addresses an
// account under attack is slowed too, but only by a short wait, so its owner still gets in.
// The rate of posts per address is limited separately (rate-limit-store.ts, 429 with Retry-After).
// See docs/decisions/0008-rate-limits-and-lockout.md.
import { sql } from 'drizzle-orm';
import type { Orm } from '../../platform/db/database.ts';

/** Failures one address may make for one account before it waits. */
export const PAIR_FREE_FAILURES = 5;
const PAIR_FIRST_WAIT_MS = 60_000;
const PAIR_LONGEST_WAIT_MS = 60 * 60_000;
const PAIR_WINDOW_MS = 24 * 3600_000;
/** Failures for one account from all addresses, within ACCOUNT_WINDOW_MS, before the account is "under attack". */
export const ACCOUNT_FREE_FAILURES = 20;
const ACCOUNT_WINDOW_MS = 60 * 60_000;
const ACCOUNT_FIRST_WAIT_MS = 5_000;
const ACCOUNT_LONGEST_WAIT_MS = 30_000;

/** Doubling waits once `failures` reaches `free`. */
export function waitAfter(failures: number, free: number, firstMs: number, longestMs: number): number {
  if (failures < free) return 0;
  return Math.min(longestMs, firstMs * 2 ** (failures - free));
}

/** Milliseconds this address must still wait before trying a password for this account (0: go ahead). */
export async function passwordWait(orm: Orm, email: string, ip: string): Promise<number> {
  const now = Date.now();
  const rows = await orm.execute(sql`SELECT
      count(*) FILTER (WHERE ip = ${ip})::int AS pair,
      max(at) FILTER (WHERE ip = ${ip}) AS pair_last,
      count(*) FILTER (WHERE at > ${new Date(now - ACCOUNT_WINDOW_MS).toISOString()})::int AS account,
      max(at) AS account_last
    FROM login_attempts WHERE email = ${email} AND at > ${new Date(now - PAIR_WINDOW_MS).toISOString()}`);
  const r = rows.rows[0] as { pair: number; pair_last: string | Date | null; account: number; account_last: string | Date | null };
  const underAttack = Number(r.account) >= ACCOUNT_FREE_FAILURES;
  // Under attack, an address that has already failed for this account waits from its first failure.
  const pairWait = waitAfter(Number(r.pair), underAttack ? 1 : PAIR_FREE_FAILURES, PAIR_FIRST_WAIT_MS, PAIR_LONGEST_WAIT_MS);
  const accountWait = waitAfter(Number(r.account), ACCOUNT_FREE_FAILURES, ACCOUNT_FIRST_WAIT_MS, ACCOUNT_LONGEST_WAIT_MS);
  const until = (last: string | Date | null, wait: number) => (last && wait ? new Date(last).getTime() + wait - now : 0);
  return Math.max(0, until(r.pair_last, pairWait), until(r.account_last, accountWait));
}
