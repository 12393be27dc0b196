// Stores for @fastify/rate-limit. The global limit (every route, a guard against floods) counts in
// each process's memory: cheap, and a few instances multiply it harmlessly. Route limits (sign-in,
// second factor, password reset) count in the database, so every instance shares them and more
// instances do not give a guesser more tries. See docs/decisions/0008-rate-limits-and-lockout.md.
import { createRequire } from 'node:module';
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

const LocalStore = createRequire(import.meta.url)('@fastify/rate-limit/store/LocalStore.js') as new (continueExceeding?: boolean, exponentialBackoff?: boolean, cache?: number) => Store;

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

/** The store class handed to @fastify/rate-limit: memory for the global limit, the database for route limits. */
export function rateLimitStore(db: Database) {
  return class implements Store {
    private readonly local: Store;
    constructor(params: StoreParams) {
      this.local = new LocalStore(params.continueExceeding, params.exponentialBackoff, params.cache);
    }
    incr(key: string, cb: Callback, timeWindow: number, max: number) {
      this.local.incr(key, cb, timeWindow, max);
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
