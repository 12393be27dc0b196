// The version of what visitors see (content_versions, bumped by triggers in the transaction of
// every change; migration 0016, decision 0501). Each request that may answer from the page cache
// reads it first, so an instance never serves a page older than a change committed before the
// request arrived, whichever instance made the change. Reads are coalesced: a request joins the
// next read that starts after it arrived, so at most two are in flight however many requests wait,
// on a connection of their own (db.quick) so that they never queue behind the pages' own queries.
import type { Database } from './db/database.ts';

export type VersionReader = () => Promise<bigint>;

export function contentVersionReader(db: Database, scope = 'public'): VersionReader {
  let inFlight: Promise<bigint> | null = null;
  let next: Promise<bigint> | null = null;
  const start = (): Promise<bigint> => {
    const p: Promise<bigint> = (db.quick ?? db.query)
      .call(db, 'SELECT version FROM content_versions WHERE scope = $1', [scope])
      .then((rows) => BigInt((rows[0] as { version?: string } | undefined)?.version ?? 0))
      .finally(() => {
        if (inFlight === p) inFlight = null;
      });
    inFlight = p;
    return p;
  };
  return () => {
    // A read already under way may have started before this request: wait for the one after it.
    if (next) return next;
    if (!inFlight) return start();
    const quiet = () => undefined;
    next = inFlight.then(quiet, quiet).then(() => {
      next = null;
      return start();
    });
    return next;
  };
}
