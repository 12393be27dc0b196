// One schema, three ways to reach it: a PostgreSQL server (DATABASE_URL); the embedded default, a
// PostgreSQL server Viwango runs itself with its data in DATA_DIR/pg (embedded-server.ts); or PGlite,
// PostgreSQL compiled to WebAssembly (EMBEDDED_DB=pglite, and in-memory for a few tests).
// Everything above this file sees the same Drizzle API and the same raw `query`.
import fs from 'node:fs';
import path from 'node:path';
import { drizzle as drizzlePg, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { ConfigError } from '../../config.ts';
import { startEmbeddedServer } from './embedded-server.ts';

export type Orm = NodePgDatabase<Record<string, never>>;
/** A transaction handle: the same query API as Orm. */
export type Tx = Parameters<Parameters<Orm['transaction']>[0]>[0];
export type DbKind = 'embedded' | 'postgres';

export interface Database {
  kind: DbKind;
  orm: Orm;
  /** Raw parameterised query returning rows; for the few places where SQL reads better than the builder. */
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  /**
   * The same on a connection of its own, for one small read that every request makes and that must
   * not wait behind the pool's queue (the content version of public pages, decision 0501).
   * Absent where there is only one connection (PGlite).
   */
  quick?<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  /** Runs a multi-statement script (migrations) inside one transaction. */
  execScript(text: string): Promise<void>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

export type EmbeddedEngine = 'postgres' | 'pglite';

export interface OpenOptions {
  databaseUrl?: string;
  /** Folder for embedded data; undefined means in-memory PGlite. */
  dataDir?: string;
  /** A database on an embedded server that is already running (tests share one). */
  embeddedConnection?: pg.PoolConfig;
  /** What runs the embedded database in dataDir: a PostgreSQL child process (default) or PGlite. */
  engine?: EmbeddedEngine;
  poolSize?: number;
}

/** Opens the database the configuration names: DATABASE_URL, or the embedded one in DATA_DIR. */
export function openConfiguredDatabase(config: { databaseUrl?: string; dataDir: string; embeddedDb?: EmbeddedEngine }): Promise<Database> {
  return openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.databaseUrl ? undefined : config.dataDir, engine: config.embeddedDb });
}

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if (opts.databaseUrl) return openPostgres({ connectionString: opts.databaseUrl }, opts.poolSize ?? 10);
  if (opts.embeddedConnection) return { ...(await openPostgres(opts.embeddedConnection, opts.poolSize ?? 10)), kind: 'embedded' };
  if (opts.dataDir && (opts.engine ?? 'postgres') === 'postgres') return openEmbeddedServer(opts.dataDir, opts.poolSize ?? 10);
  return openPglite(opts.dataDir);
}

async function openEmbeddedServer(dataDir: string, max: number): Promise<Database> {
  ensureWritableDir(dataDir);
  if (fs.existsSync(path.join(dataDir, 'pgdata', 'PG_VERSION')) && !fs.existsSync(path.join(dataDir, 'pg'))) {
    throw new ConfigError(`DATA_DIR: ${dataDir}/pgdata holds a PGlite database from an earlier version; set EMBEDDED_DB=pglite to keep using it, or move it away to start afresh`);
  }
  const server = await startEmbeddedServer(path.join(dataDir, 'pg'));
  try {
    const db = await openPostgres(server.connection, max);
    return {
      ...db,
      kind: 'embedded',
      async close() {
        await db.close();
        await server.stop();
      },
    };
  } catch (err) {
    await server.stop();
    throw err;
  }
}

function describeUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || 5432}${u.pathname}`;
  } catch {
    return 'the given address';
  }
}

async function openPostgres(connection: pg.PoolConfig, max: number): Promise<Database> {
  const pool = new pg.Pool({ ...connection, max, connectionTimeoutMillis: 5000 });
  // An idle client that loses its server must not crash the process; the next query reports it.
  pool.on('error', () => {});
  try {
    const c = await pool.connect();
    c.release();
  } catch (err) {
    await pool.end().catch(() => {});
    const reason = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
    const where = connection.connectionString ? `DATABASE_URL: cannot reach PostgreSQL at ${describeUrl(connection.connectionString)}` : 'the embedded database does not answer';
    throw new ConfigError(`${where} (${reason})`);
  }
  const orm = drizzlePg(pool) as Orm;
  let side: pg.Pool | undefined;
  return {
    kind: 'postgres',
    orm,
    async query(text, params) {
      const r = await pool.query(text, params as unknown[]);
      return r.rows;
    },
    async quick(text, params) {
      if (!side) {
        side = new pg.Pool({ ...connection, max: 1, connectionTimeoutMillis: 5000 });
        side.on('error', () => {});
      }
      const r = await side.query(text, params as unknown[]);
      return r.rows;
    },
    async execScript(text) {
      const c = await pool.connect();
      try {
        await c.query('BEGIN');
        await c.query(text);
        await c.query('COMMIT');
      } catch (err) {
        await c.query('ROLLBACK').catch(() => {});
        throw err;
      } finally {
        c.release();
      }
    },
    async ping() {
      await pool.query('SELECT 1');
    },
    async close() {
      await side?.end();
      await pool.end();
    },
  };
}

export function ensureWritableDir(dir: string): void {
  try {
    fs.mkdirSync(dir, { recursive: true });
    const probe = path.join(dir, `.write-test-${process.pid}`);
    fs.writeFileSync(probe, '');
    fs.unlinkSync(probe);
  } catch (err) {
    throw new ConfigError(`DATA_DIR: the data folder ${dir} is not writable (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}

async function openPglite(dataDir: string | undefined): Promise<Database> {
  // Loaded only when chosen: PGlite's code and WebAssembly are large.
  const { PGlite } = await import('@electric-sql/pglite');
  const { drizzle: drizzlePglite } = await import('drizzle-orm/pglite');
  const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
  const { unaccent } = await import('@electric-sql/pglite/contrib/unaccent');
  const { pgcrypto } = await import('@electric-sql/pglite/contrib/pgcrypto');
  let dir: string | undefined;
  if (dataDir) {
    ensureWritableDir(dataDir);
    dir = path.join(dataDir, 'pgdata');
  }
  // A smaller buffer pool than PGlite's default. (Its WebAssembly heap cannot start below 128 MiB.)
  const client = await PGlite.create({
    dataDir: dir,
    extensions: { pg_trgm, unaccent, pgcrypto },
    startParams: [...PGlite.defaultStartParams, '-c', 'shared_buffers=16MB', '-c', 'work_mem=4MB'],
  });
  const orm = drizzlePglite(client) as unknown as Orm;
  // PGlite is a single connection: serialise our own scripts with everything else through its queue.
  return {
    kind: 'embedded',
    orm,
    async query(text, params) {
      const r = await client.query(text, params as unknown[]);
      return r.rows as never[];
    },
    async execScript(text) {
      await client.transaction(async (tx) => {
        await tx.exec(text);
      });
    },
    async ping() {
      await client.query('SELECT 1');
    },
    async close() {
      await client.close();
    },
  };
}
