// Stores for @fastify/rate-limit. Both limits hold across instances. Route limits (sign-in, second
// factor, password reset) count in the database on every request, so more instances do not give a
// guesser more tries. The global limit (every route, a guard against floods) counts in memory and
// adds its counts to the database once a second per instance, learning the others' counts in the
// same statement. See docs/decisions/0008-rate-limits-and-lockout.md and 0601.
import type { Database } from '../db/database.ts';

type Result = { current: number; ttl: number };
type Callback = (err: Error | null, res?: Result) => void;
interface Store {
  incr(key: string, cb: Callback, timeWindow: number, max: number): void;
  child(params: never): Store;
}
interface StoreParams {
  continueExceeding?: boolean;
  exponentialBackoff?: boolean;
  cache?: number;
}


// One statement per request: add a hit, or start a new window when the old one has run out.
// Times come from the database clock, the same for every instance.
const UPSERT = `INSERT INTO rate_limit_counters AS c (key, window_start, hits) VALUES ($1, now(), 1)
  ON CONFLICT (key) DO UPDATE SET
    hits = CASE WHEN c.window_start <= now() - make_interval(secs => $2::float8 / 1000) THEN 1 ELSE c.hits + 1 END,
    window_start = CASE WHEN c.window_start <= now() - make_interval(secs => $2::float8 / 1000) THEN now() ELSE c.window_start END
  RETURNING hits, ceil(extract(epoch FROM c.window_start + make_interval(secs => $2::float8 / 1000) - now()) * 1000)::int AS ttl`;

export class DatabaseRateLimitStore implements Store {
  constructor(private readonly db: Database) {}

  incr(key: string, cb: Callback, timeWindow: number): void {
    this.db
      .query<{ hits: number; ttl: number }>(UPSERT, [key.slice(0, 200), timeWindow])
      .then(([r]) => cb(null, { current: Number(r.hits), ttl: Math.max(0, Number(r.ttl)) }), (err: Error) => cb(err));
  }

  child(): Store {
    return this;
  }
}

// Adds a batch of counts to fixed windows (key|window) and returns the totals of all instances.
const FLUSH = `INSERT INTO rate_limit_counters AS c (key, window_start, hits)
  SELECT k, to_timestamp(w / 1000.0), n FROM unnest($1::text[], $2::float8[], $3::int[]) AS x(k, w, n)
  ON CONFLICT (key) DO UPDATE SET hits = c.hits + EXCLUDED.hits
  RETURNING key, hits`;

/**
 * The global per-address count, shared by all instances at the price of one statement a second per
 * instance (not one per request). Windows are fixed minutes of the clock, so instances agree on
 * them. A request is judged by the total the database last reported plus this instance's hits not
 * yet sent: another instance's hits are seen within about a second.
 */
export class SharedWindowCounter {
  /** key|window → hits not yet sent, and the last total the database reported (all instances). */
  private readonly pending = new Map<string, number>();
  private readonly known = new Map<string, number>();
  private readonly timer: NodeJS.Timeout;
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly db: Database,
    private readonly onError: (err: unknown) => void = () => {},
    flushEveryMs = 1000,
  ) {
    this.timer = setInterval(() => void this.flush(), flushEveryMs).unref();
  }

  incr(key: string, cb: Callback, timeWindow: number): void {
    const now = Date.now();
    const start = now - (now % timeWindow);
    const k = `g|${key.slice(0, 150)}|${start}`;
    const mine = (this.pending.get(k) ?? 0) + 1;
    this.pending.set(k, mine);
    cb(null, { current: (this.known.get(k) ?? 0) + mine, ttl: start + timeWindow - now });
  }

  /** Sends the counts gathered since the last flush; learns the totals. */
  flush(): Promise<void> {
    this.flushing = this.flushing.then(async () => {
      if (!this.pending.size) return;
      const batch = [...this.pending];
      this.pending.clear();
      try {
        const rows = await this.db.query<{ key: string; hits: number }>(FLUSH, [batch.map(([k]) => k), batch.map(([k]) => Number(k.slice(k.lastIndexOf('|') + 1))), batch.map(([, n]) => n)]);
        for (const r of rows) this.known.set(r.key, Number(r.hits));
      } catch (err) {
        // Not lost: counted again with the next batch.
        for (const [k, n] of batch) this.pending.set(k, (this.pending.get(k) ?? 0) + n);
        this.onError(err);
      }
      // Windows that have ended are forgotten.
      const now = Date.now();
      for (const k of this.known.keys()) if (Number(k.slice(k.lastIndexOf('|') + 1)) < now - 120_000) this.known.delete(k);
    });
    return this.flushing;
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }
}

/** The store class handed to @fastify/rate-limit: the shared window counter for the global limit, the database for route limits. */
export function rateLimitStore(db: Database, global: SharedWindowCounter) {
  return class implements Store {
    constructor(_params: StoreParams) {}
    incr(key: string, cb: Callback, timeWindow: number) {
      global.incr(key, cb, timeWindow);
    }
    child(): Store {
      return new DatabaseRateLimitStore(db);
    }
  };
}

/** Drops counters whose window ended long ago (run now and then; they are recreated on demand). */
export async function pruneRateLimitCounters(db: Database): Promise<void> {
  await db.query("DELETE FROM rate_limit_counters WHERE window_start < now() - interval '1 day'");
}
