// The call context every service takes as its first argument: the database (or the open
// transaction), who is acting, where the audit entry says the change came from, the configuration
// and the caller's language. Built once per request (platform/http/request-context.ts) and by the
// CLI for its commands. A command run inside another shares its transaction and audit sequence.
import type { Config } from '../config.ts';
import type { Lang } from './i18n/catalog.ts';
import type { Actor } from './auth/actor.ts';
import type { Database, Orm, Tx } from './db/database.ts';
import { auditSourceOf, SYSTEM, type AuditSource } from './audit.ts';

export interface Ctx {
  readonly db: Database;
  /** The open transaction inside a command, otherwise the database's query builder. */
  readonly q: Orm | Tx;
  readonly tx: Tx | null;
  readonly actor: Actor | null;
  readonly source: AuditSource;
  readonly config: Config;
  readonly lang: Lang;
}

/** A context inside a transaction: what a command's body gets. */
export interface TxCtx extends Ctx {
  readonly q: Tx;
  readonly tx: Tx;
}

export function createCtx(opts: { db: Database; config: Config; actor?: Actor | null; ip?: string | null; lang?: Lang; source?: AuditSource }): Ctx {
  const actor = opts.actor ?? null;
  return {
    db: opts.db,
    q: opts.db.orm,
    tx: null,
    actor,
    source: opts.source ?? (actor ? auditSourceOf(actor, opts.ip) : { ...SYSTEM, ...(opts.ip !== undefined ? { actorLabel: 'anonymous', via: 'web' as const, ip: opts.ip } : {}) }),
    config: opts.config,
    lang: opts.lang ?? actor?.lang ?? 'sw',
  };
}

/** The system acting on its own (seeds, background jobs): no actor, audited as "system". */
export function systemCtx(db: Database, config: Config): Ctx {
  return createCtx({ db, config, source: SYSTEM });
}

/** The same context acting as someone else (e.g. a job acting for the person who queued it). */
export function withActor(ctx: Ctx, actor: Actor | null): Ctx {
  return { ...ctx, actor, source: actor ? auditSourceOf(actor, ctx.source.ip) : ctx.source };
}

/**
 * The same context audited under another source: steps before sign-in (a password checked, a code
 * entered, a link redeemed) are recorded as the person they concern, who is not yet the actor.
 */
export function withSource(ctx: Ctx, source: AuditSource): Ctx {
  return { ...ctx, source };
}

/** Runs fn in the context's transaction, opening one when there is none. */
export async function transaction<T>(ctx: Ctx, fn: (ctx: TxCtx) => Promise<T>): Promise<T> {
  if (ctx.tx) return fn(ctx as TxCtx);
  return ctx.db.orm.transaction((tx) => fn({ ...ctx, q: tx, tx }));
}

/**
 * A command: `fn(ctx, input)` that checks, writes and records its audit entry in one transaction
 * (with the `audit(ctx, event, …)` of its module's audit-event catalog; platform/audit-events.ts).
 * Called from a route, the CLI, a job or another command (then it joins that transaction).
 */
export function command<I, O>(fn: (ctx: TxCtx, input: I) => Promise<O>): (ctx: Ctx, input: I) => Promise<O> {
  return (ctx, input) => transaction(ctx, (tx) => fn(tx, input));
}
