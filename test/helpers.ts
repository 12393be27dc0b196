// Test support: a fresh database per test file, an app built on it, and factories for people and
// sign-in. The database is a new one on a PostgreSQL server: TEST_DATABASE_URL's, or else an embedded
// server (the one scripts/test.mjs started for the whole run, or one this process starts for itself).
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../src/app.ts';
import { loadConfig, type Config } from '../src/config.ts';
import { openDatabase, type Database } from '../src/platform/db/database.ts';
import { startEmbeddedServer, THROWAWAY_SETTINGS } from '../src/platform/db/embedded-server.ts';
import { listMigrations, migrate } from '../src/platform/db/migrate.ts';
import { loadReferenceData } from '../src/modules/reference/seed.ts';
import { loadPortfolioReference } from '../src/modules/portfolio/seed.ts';

const seedsDir = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../seeds/reference');
import { SYSTEM } from '../src/platform/audit.ts';
import type { Role } from '../src/platform/auth/actor.ts';
import { actorFor, createUser, type User } from '../src/modules/identity/users.service.ts';
import { createToken } from '../src/modules/identity/tokens.service.ts';
import { currentCode, unusedCode } from '../src/modules/identity/totp.service.ts';
import { totpSecretContext } from '../src/platform/stored-secrets.ts';
import { createCtx, type Ctx } from '../src/platform/context.ts';
import { defineAuditEvents, event } from '../src/platform/audit-events.ts';

/** One sealing key per test process, so no test writes a key file. */
const TEST_SECRETS_KEY = crypto.randomBytes(32).toString('base64');

/** Set by scripts/test.mjs: the socket folder of the embedded server it runs for all test files. */
export const SHARED_SERVER_ENV = 'VIWANGO_TEST_PG_HOST';

let ownServer: Promise<pg.ClientConfig> | undefined;

/** Connection settings of the server test databases are made on. */
function testServer(): Promise<pg.ClientConfig> {
  if (process.env.TEST_DATABASE_URL) return Promise.resolve({ connectionString: process.env.TEST_DATABASE_URL });
  const shared = process.env[SHARED_SERVER_ENV];
  if (shared) return Promise.resolve({ host: shared, port: 5432, user: 'viwango', database: 'postgres' });
  // A test file run on its own: a throw-away server for this process, gone with it.
  ownServer ??= (async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'viwango-test-pg-'));
    const server = await startEmbeddedServer(path.join(dir, 'pg'), THROWAWAY_SETTINGS);
    server.unref();
    process.once('exit', () => {
      try {
        fs.rmSync(dir, { recursive: true, force: true });
      } catch {
        /* the server may still be writing as it stops; a leftover temporary folder is harmless */
      }
    });
    return server.connection;
  })();
  return ownServer;
}

function openOn(server: pg.ClientConfig, name: string): Promise<Database> {
  const target = withDatabase(server, name);
  return target.connectionString
    ? openDatabase({ databaseUrl: target.connectionString, poolSize: 4 })
    : openDatabase({ embeddedConnection: target, poolSize: 4 });
}

async function withAdmin<T>(server: pg.ClientConfig, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client(server);
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

function withDatabase(server: pg.ClientConfig, name: string): pg.ClientConfig {
  if (!server.connectionString) return { ...server, database: name };
  const u = new URL(server.connectionString);
  u.pathname = `/${name}`;
  return { connectionString: u.toString() };
}

/**
 * A migrated database with reference data, made once per server and copied for every test file:
 * copying takes a fraction of a second, migrating and seeding a new one a few. The name carries a
 * hash of the migrations and seeds, so a change makes a new template.
 */
async function templateDatabase(server: pg.ClientConfig): Promise<string> {
  const h = crypto.createHash('sha256');
  for (const m of listMigrations()) h.update(m.checksum);
  for (const f of fs.readdirSync(seedsDir).sort()) h.update(fs.readFileSync(path.join(seedsDir, f)));
  const name = `viwango_template_${h.digest('hex').slice(0, 16)}`;
  await withAdmin(server, async (admin) => {
    // Test files start in parallel: one builds the template, the others wait for it.
    await admin.query('SELECT pg_advisory_lock(727002)');
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (exists.rowCount) return;
    const building = `${name}_building`;
    await admin.query(`DROP DATABASE IF EXISTS ${building}`);
    await admin.query(`CREATE DATABASE ${building}`);
    const db = await openOn(server, building);
    try {
      await migrate(db);
      await loadReferenceData(db);
      await loadPortfolioReference(db);
    } finally {
      await db.close();
    }
    await admin.query(`ALTER DATABASE ${building} RENAME TO ${name}`);
  });
  return name;
}

/** Events only tests write: entries for the chain and checkpoint tests to work on. */
export const probeEvents = defineAuditEvents({ module: 'test', en: 'Tests', sw: 'Majaribio' }, {
  'test.event': event<{ n?: number; nested?: { a: number; b: number } }>({ entity: 'thing', en: 'Test entry', sw: 'Kumbukumbu ya majaribio' }),
});

/** Writes one probe entry in a transaction of its own; `then` runs after it in the same transaction. */
export async function auditProbe(db: Database, entry: { entityId?: string; details?: { n?: number; nested?: { a: number; b: number } } } = {}, then?: () => Promise<void>): Promise<void> {
  await db.orm.transaction(async (tx) => {
    await probeEvents.audit({ tx, source: SYSTEM }, 'test.event', { entityId: entry.entityId, details: entry.details ?? {} });
    await then?.();
  });
}

export interface TestDb {
  db: Database;
  /** Another connection pool on the same database, as a second instance of Viwango would have (closed with the test database). */
  openAnother(): Promise<Database>;
  close(): Promise<void>;
}

export async function createTestDb(): Promise<TestDb> {
  const server = await testServer();
  const template = await templateDatabase(server);
  const name = `viwango_test_${crypto.randomBytes(6).toString('hex')}`;
  await withAdmin(server, (a) => a.query(`CREATE DATABASE ${name} TEMPLATE ${template}`));
  const db = await openOn(server, name);
  await migrate(db);
  const others: Database[] = [];
  return {
    db,
    async openAnother() {
      const other = await openOn(server, name);
      others.push(other);
      return other;
    },
    async close() {
      for (const o of others) await o.close();
      await db.close();
      await withAdmin(server, (a) => a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

export function testConfig(overrides: Partial<Config> = {}): Config {
  const base = loadConfig({ NODE_ENV: 'test', DATA_DIR: '/tmp/viwango-test-unused' });
  // Every test request comes from one address; tests of the limits themselves set them low again.
  return { ...base, rateLimitPerMinute: 100_000, loginRateLimitPerMinute: 100_000, secretsKey: TEST_SECRETS_KEY, ...overrides };
}

export interface TestApp extends TestDb {
  app: FastifyInstance;
  config: Config;
}

export async function createTestApp(overrides: Partial<Config> = {}): Promise<TestApp> {
  const tdb = await createTestDb();
  const config = testConfig(overrides);
  const app = await buildApp({ config, db: tdb.db });
  await app.ready();
  return {
    ...tdb,
    app,
    config,
    async close() {
      await app.close();
      await tdb.close();
    },
  };
}

export const TEST_PASSWORD = 'correct-horse-battery-staple-42';

let counter = 0;

/** The system acting on a test database (seeds, set-up): no actor, audited as "system". */
export function systemCtxOf(db: Database): Ctx {
  return createCtx({ db, config: testConfig(), source: SYSTEM });
}

export async function makeUser(db: Database, role: Role, institution?: string, extra: { email?: string; name?: string; lang?: 'sw' | 'en' } = {}): Promise<User> {
  counter++;
  return createUser(systemCtxOf(db), {
    email: extra.email ?? `${role}.${counter}.${crypto.randomBytes(3).toString('hex')}@test.go.tz`,
    name: extra.name ?? `Test ${role} ${counter}`,
    lang: extra.lang ?? 'en',
    roles: [{ role, institution: institution ?? null }],
    password: TEST_PASSWORD,
  });
}

/** A tiny cookie jar for app.inject: keeps cookies between requests like a browser would. */
export class Browser {
  cookies = new Map<string, string>();
  /** `ip` is the client address the app sees (several browsers can stand for several people or places). */
  constructor(
    readonly app: FastifyInstance,
    readonly ip = '127.0.0.1',
  ) {}

  private absorb(res: LightMyRequestResponse) {
    for (const c of res.cookies as { name: string; value: string; maxAge?: number; expires?: Date }[]) {
      if (c.value === '' || (c.expires && c.expires.getTime() < Date.now()) || c.maxAge === 0) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
  }

  private header() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async get(url: string, headers: Record<string, string> = {}) {
    const res = await this.app.inject({ method: 'GET', url, remoteAddress: this.ip, headers: { cookie: this.header(), ...headers } });
    this.absorb(res);
    return res;
  }

  /** Posts a form the way a browser would, with the CSRF token taken from the page it came from. */
  async post(url: string, form: Record<string, string | string[]>, opts: { csrfFrom?: string; csrf?: string; headers?: Record<string, string> } = {}) {
    let token = opts.csrf;
    if (token === undefined) {
      const page = await this.get(opts.csrfFrom ?? url);
      token = csrfToken(page.body);
    }
    const body = new URLSearchParams();
    for (const [k, v] of Object.entries({ _csrf: token, ...form })) {
      for (const x of [v].flat()) body.append(k, x);
    }
    const res = await this.app.inject({
      method: 'POST',
      url,
      remoteAddress: this.ip,
      headers: { cookie: this.header(), 'content-type': 'application/x-www-form-urlencoded', ...opts.headers },
      payload: body.toString(),
    });
    this.absorb(res);
    return res;
  }

  /** Posts a multipart form (fields, then one file under `file`) the way a browser would: the CSRF token is its first field. */
  async postMultipart(url: string, form: Record<string, string>, file: { name: string; type: string; bytes: Buffer | Uint8Array } | undefined, opts: { csrfFrom?: string } = {}) {
    const token = csrfToken((await this.get(opts.csrfFrom ?? url)).body);
    const boundary = `----vw${crypto.randomBytes(8).toString('hex')}`;
    const part = (name: string, extra = '') => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"${extra}\r\n`;
    const parts = Object.entries({ _csrf: token, ...form }).map(([k, v]) => Buffer.from(`${part(k)}\r\n${v}\r\n`));
    if (file) parts.push(Buffer.from(`${part('file', `; filename="${file.name}"`)}Content-Type: ${file.type}\r\n\r\n`), Buffer.from(file.bytes), Buffer.from('\r\n'));
    parts.push(Buffer.from(`--${boundary}--\r\n`));
    const res = await this.app.inject({ method: 'POST', url, remoteAddress: this.ip, headers: { cookie: this.header(), 'content-type': `multipart/form-data; boundary=${boundary}` }, payload: Buffer.concat(parts) });
    this.absorb(res);
    return res;
  }
}

export function csrfToken(html: string): string {
  const m = html.match(/name="_csrf" value="([^"]+)"/);
  if (!m) throw new Error('no CSRF token on the page');
  return m[1];
}

/**
 * Signs a person in through the real pages, as a browser would: password, then (for roles that
 * need it) enrolling or entering a TOTP code. Returns the browser, now carrying the session cookie.
 */
export async function signIn(app: FastifyInstance, user: Pick<User, 'email'>, password = TEST_PASSWORD): Promise<Browser> {
  const b = new Browser(app);
  const res = await b.post('/login', { email: user.email, password }, { csrfFrom: '/login' });
  if (res.statusCode !== 303) throw new Error(`sign-in failed for ${user.email}: ${res.statusCode}`);
  const location = String(res.headers.location);
  if (location.startsWith('/login/two-factor/setup')) {
    const page = await b.get(location);
    const secret = page.body.match(/id="totp-secret">([A-Z2-7]+)</)![1];
    const done = await b.post(location, { code: currentCode(user.email, secret) }, { csrf: csrfToken(page.body) });
    if (done.statusCode !== 200) throw new Error(`two-factor enrolment failed: ${done.statusCode}`);
  } else if (location.startsWith('/login/two-factor')) {
    const [row] = await app.db.query<{ id: string; totp_secret: string; totp_last_step: string | null }>('SELECT id, totp_secret, totp_last_step FROM users WHERE lower(email) = lower($1)', [user.email]);
    const secret = app.secrets.open(row.totp_secret, totpSecretContext(row.id));
    const page = await b.get(location);
    const lastStep = row.totp_last_step === null ? null : Number(row.totp_last_step);
    const done = await b.post(location, { code: unusedCode(user.email, secret, lastStep) }, { csrf: csrfToken(page.body) });
    if (done.statusCode !== 303) throw new Error(`two-factor sign-in failed: ${done.statusCode}`);
  }
  return b;
}

/** A bearer token for a user, made through the service (as the account page would). */
export async function apiToken(db: Database, user: User, scope: 'read' | 'write' = 'write', institutionId?: string): Promise<string> {
  const actor = await actorFor(db.orm, user, 'web');
  const { token } = await createToken(createCtx({ db, config: testConfig(), actor }), { name: `test ${scope}`, scope, institutionId: institutionId ?? null });
  return token;
}

export async function institutionId(db: Database, acronym: string): Promise<string> {
  const rows = await db.query<{ id: string }>('SELECT id FROM institutions WHERE lower(acronym) = lower($1)', [acronym]);
  if (!rows[0]) throw new Error(`no institution ${acronym}`);
  return rows[0].id;
}

/** The call context of a person, for calling services directly as they would through a page. */
export async function ctxAs(db: Database, user: User | null): Promise<Ctx> {
  return createCtx({ db, config: testConfig(), actor: user ? await actorFor(db.orm, user, 'web') : null });
}

/** The SQL statements the app sends while fn runs, with their parameters, as the driver gets them. */
export async function captureQueries(fn: () => Promise<unknown>): Promise<{ text: string; values: unknown[] }[]> {
  const proto = pg.Client.prototype as unknown as { query: (...a: unknown[]) => unknown };
  const original = proto.query;
  const seen: { text: string; values: unknown[] }[] = [];
  proto.query = function (this: unknown, ...args: unknown[]) {
    const [first, second] = args;
    const config = typeof first === 'string' ? { text: first } : ((first ?? {}) as { text?: string; values?: unknown[] });
    seen.push({ text: config.text ?? '', values: config.values ?? (Array.isArray(second) ? second : []) });
    return original.apply(this, args);
  };
  try {
    await fn();
  } finally {
    proto.query = original;
  }
  return seen;
}

/** Counts the SQL statements the app sends while fn runs. */
export async function countQueries(fn: () => Promise<unknown>): Promise<number> {
  return (await captureQueries(fn)).length;
}
