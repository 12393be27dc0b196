const DOWN_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'EHOSTUNREACH', '57P01', '57P02', '57P03', '08000', '08001', '08003', '08006']);

/** True when an error means the database is not answering (as opposed to a bad query). */
export function isDatabaseDown(err: unknown): boolean {
  let e: unknown = err;
  for (let depth = 0; e && depth < 4; depth++) {
    const x = e as { code?: string; message?: string; cause?: unknown };
    if (x.code && DOWN_CODES.has(x.code)) return true;
    if (x.message && /Connection terminated|connect ECONNREFUSED|timeout exceeded when trying to connect|PGlite is closed|Cannot use a pool after calling end/i.test(x.message)) return true;
    e = x.cause;
  }
  return false;
}

/**
 * True for PostgreSQL's data exceptions (class 22: a value out of range, not a valid uuid or date,
 * a NUL in text…) and for program limits (class 54: e.g. a value too large for an index): the
 * caller sent a value the database cannot hold, which is a bad request and not a server fault.
 */
export function isBadValue(err: unknown): boolean {
  let e: unknown = err;
  for (let depth = 0; e && depth < 4; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^(22|54)[0-9A-Z]{3}$/.test(code)) return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}
