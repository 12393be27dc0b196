// Validated configuration, read once from the environment. Every setting is declared once below with
// its parser, default and description; the README's configuration table and `viwango serve --help`
// are generated from these declarations (`node scripts/config-table.mjs`), and a test fails when the
// README disagrees.
import path from 'node:path';
import { parseKey } from './platform/secrets.ts';

export class ConfigError extends Error {}

type Mode = 'development' | 'production' | 'test';
type Env = NodeJS.ProcessEnv;

interface Setting<T> {
  /** The default as a person reads it in the README and --help. */
  shown: string;
  doc: string;
  /** Parses a value that is set (non-empty after trimming); throws ConfigError when it is wrong. */
  parse(raw: string, name: string): T;
  /** The value when the variable is unset. */
  fallback(mode: Mode, env: Env): T;
}

const text = (fallback: string | undefined, shown: string, doc: string): Setting<string | undefined> => ({
  shown,
  doc,
  parse: (raw) => raw,
  fallback: () => fallback,
});

function whole(fallback: number, doc: string, max = Number.MAX_SAFE_INTEGER): Setting<number> {
  return {
    shown: `\`${fallback}\``,
    doc,
    parse(raw, name) {
      const n = Number(raw);
      if (!Number.isInteger(n) || n < 0) throw new ConfigError(`${name} must be a whole number, got "${raw}"`);
      if (n > max) throw new ConfigError(`${name} must be between 0 and ${max}, got "${raw}"`);
      return n;
    },
    fallback: () => fallback,
  };
}

function oneOf<V extends string>(values: readonly V[], fallback: (mode: Mode) => V, shown: string, doc: string): Setting<V> {
  return {
    shown,
    doc,
    parse(raw, name) {
      if (!(values as readonly string[]).includes(raw)) throw new ConfigError(`${name} must be ${values.join(' or ')}, got "${raw}"`);
      return raw as V;
    },
    fallback,
  };
}

const flag = (doc: string): Setting<boolean> => ({ shown: 'off', doc, parse: (raw) => raw === '1', fallback: () => false });

const sealingKey = (shown: string, doc: string): Setting<string | undefined> => ({
  shown,
  doc,
  parse(raw, name) {
    if (!parseKey(raw)) throw new ConfigError(`${name} must be 32 random bytes in base64 (e.g. openssl rand -base64 32)`);
    return raw;
  },
  fallback: () => undefined,
});

const file = (shown: string, doc: string): Setting<string | undefined> => ({ shown, doc, parse: (raw) => path.resolve(raw), fallback: () => undefined });

/** Every environment variable Viwango reads, in the order the README lists them. */
export const SETTINGS = {
  PORT: whole(3000, 'HTTP port.', 65535),
  HOST: text('0.0.0.0', '`0.0.0.0`', 'Address to listen on.'),
  DATA_DIR: {
    shown: '`./data`',
    doc: 'Folder for the embedded database (`pg/`) and stored files. Must be writable. One Viwango process per folder.',
    parse: (raw: string) => path.resolve(raw),
    fallback: () => path.resolve('./data'),
  } satisfies Setting<string>,
  DATABASE_URL: {
    shown: '—',
    doc: '`postgres://…` of a PostgreSQL server (13 or newer, with the contrib extensions `pg_trgm`, `unaccent`, `pgcrypto`). When set, the embedded database is not used.',
    parse(raw: string, name: string) {
      if (!/^postgres(ql)?:\/\//.test(raw)) throw new ConfigError(`${name} must start with postgres:// or postgresql://`);
      return raw;
    },
    fallback: () => undefined,
  } satisfies Setting<string | undefined>,
  EMBEDDED_DB: oneOf(
    ['postgres', 'pglite'] as const,
    () => 'postgres',
    '`postgres`',
    'What runs the embedded database: `postgres` (a PostgreSQL server run as a child process) or `pglite` (PostgreSQL compiled to WebAssembly, in `DATA_DIR/pgdata`; slower to start and about twice the memory, for machines the server binaries do not cover).',
  ),
  DEMO_PASSWORD: text(undefined, 'generated', 'Password of the demo accounts. Demo accounts are never created when `NODE_ENV=production`.'),
  NODE_ENV: oneOf(['development', 'production', 'test'] as const, () => 'development', '`development`', '`production` turns off demo data and requires `SESSION_SECRET`.'),
  PUBLIC_URL: {
    shown: '`http://localhost:$PORT`',
    doc: 'Address people use; links in e-mails are built from it. When it starts with `https://`, cookies are `Secure` and HSTS is sent.',
    parse: (raw: string) => raw.replace(/\/$/, ''),
    fallback: (_mode: Mode, env: Env) => `http://localhost:${env.PORT?.trim() || 3000}`,
  } satisfies Setting<string>,
  SESSION_SECRET: text(undefined, 'generated and stored in the database', 'Secret that signs cookies (32+ random characters). Required in production.'),
  TRUST_PROXY: flag('Set to `1` behind a load balancer so client addresses (rate limits, audit) come from `X-Forwarded-For`.'),
  SMTP_URL: text(undefined, '—', 'e.g. `smtps://user:pass@mail.example.go.tz:465`. Without it, e-mails stay in the outbox at `/admin/outbox`.'),
  MAIL_FROM: text('Viwango <no-reply@viwango.go.tz>', '`Viwango <no-reply@viwango.go.tz>`', 'Sender of e-mails.'),
  LOG_LEVEL: {
    shown: '`info`',
    doc: '`fatal`…`trace`, or `silent`.',
    parse: (raw: string) => raw,
    fallback: (mode: Mode) => (mode === 'test' ? 'silent' : 'info'),
  } satisfies Setting<string>,
  LOG_FORMAT: oneOf(
    ['json', 'pretty'] as const,
    (mode) => (mode === 'production' ? 'json' : 'pretty'),
    '`json` in production, else `pretty`',
    '`pretty`: one readable line per event (`12:04:05.120 INFO  request completed  GET /library  → 200 in 14 ms  req=4f2a9c1e`); `json`: one JSON object per line with request ids, for log collectors.',
  ),
  BODY_LIMIT_BYTES: whole(1024 * 1024, 'Largest accepted form or JSON body.'),
  UPLOAD_LIMIT_BYTES: whole(20 * 1024 * 1024, 'Largest accepted uploaded file.'),
  ARCHIVE_LIMIT_BYTES: whole(50 * 1024 * 1024, 'Most bytes an uploaded DOCX or XLSX may expand to when it is read; more is refused as a zip bomb, whatever its headers claim.'),
  FILE_READ_TIMEOUT_MS: whole(10_000, 'Longest the server spends reading one uploaded file (in a worker thread, which is stopped after this).'),
  RATE_LIMIT_PER_MINUTE: whole(600, 'Requests per minute per address, all routes together, shared by all instances (each adds its counts to the database once a second).'),
  LOGIN_RATE_LIMIT_PER_MINUTE: whole(10, 'Sign-in, two-factor and password-reset posts per minute per address, counted in the database for all instances together.'),
  PAGE_CACHE_MB: whole(16, 'Memory each instance keeps for rendered public pages (library, document, edition, feed, home), per content version; `0` turns the page cache off. See [decision 0501](docs/decisions/0501-public-page-cache.md).'),
  PUBLIC_MAX_AGE: whole(0, 'Seconds browsers and shared caches (a CDN, a ministry’s proxy) may show a public page without asking again. `0`: they keep it but revalidate every time (a 304 when unchanged), so a publication shows at once; a larger value saves round trips and may show an older page for that long. Signed-in pages are always `private, no-store`.'),
  SECRETS_KEY: sealingKey(
    'generated into `DATA_DIR/keys/secrets.key`',
    '32 random bytes in base64 (`openssl rand -base64 32`) that seal stored secrets (TOTP keys, the cookie secret). Required in production with `DATABASE_URL`. See [docs/security.md](docs/security.md).',
  ),
  SECRETS_KEY_PREVIOUS: sealingKey('—', 'The key before a rotation; it still opens values sealed under it until `viwango secrets rotate` has run.'),
  DEMO_REQUIRE_2FA: flag('Set to `1` to make even demo accounts enrol two-factor.'),
  AUDIT_SIGNING_KEY_FILE: file(
    '`$DATA_DIR/keys/audit-ed25519.pem`, generated on first use',
    'Ed25519 private key (PEM) that signs audit checkpoints. Keep it outside the database and its backups; see [decision 0007](docs/decisions/0007-audit-checkpoints.md) for rotation.',
  ),
  AUDIT_CHECKPOINT_FILE: file('`$DATA_DIR/audit-checkpoints.jsonl`', 'Append-only file of signed audit checkpoints, written every 15 minutes while there are new entries.'),
};

type Settings = typeof SETTINGS;
type Values = { [K in keyof Settings]: ReturnType<Settings[K]['fallback']> };

/** Reads every declared setting from the environment: the parsed value, or the default when unset. */
export function readSettings(env: Env = process.env): Values {
  const rawMode = env.NODE_ENV?.trim();
  const mode: Mode = rawMode === 'production' ? 'production' : rawMode === 'test' ? 'test' : 'development';
  const out: Record<string, unknown> = {};
  for (const [name, s] of Object.entries(SETTINGS) as [string, Setting<unknown>][]) {
    const raw = name === 'DEMO_PASSWORD' || name === 'SESSION_SECRET' ? env[name] : env[name]?.trim();
    out[name] = raw ? s.parse(raw, name) : s.fallback(mode, env);
  }
  // NODE_ENV is forgiving: anything but production and test is development.
  out.NODE_ENV = mode;
  return out as Values;
}

/** The README's configuration table, generated from SETTINGS. */
export function configTable(): string {
  const rows = Object.entries(SETTINGS).map(([name, s]) => `| \`${name}\` | ${s.shown} | ${s.doc} |`);
  return ['| Variable | Default | What it does |', '|---|---|---|', ...rows].join('\n');
}

/** The settings as `viwango serve --help` prints them. */
export function configHelp(): string {
  const plain = (s: string) => s.replace(/\[([^\]]+)\]\([^)]+\)/g, '$1').replace(/`/g, '');
  return ['Settings (environment variables):', ...Object.entries(SETTINGS).map(([name, s]) => `  ${name} (default: ${plain(s.shown)})\n      ${plain(s.doc)}`)].join('\n');
}

export interface Config {
  env: Mode;
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  /** What runs the embedded database: a PostgreSQL child process (default) or PGlite (WebAssembly). */
  embeddedDb: 'postgres' | 'pglite';
  demoPassword: string | undefined;
  publicUrl: string;
  sessionSecret: string | undefined;
  smtpUrl: string | undefined;
  mailFrom: string;
  logLevel: string;
  /** `pretty`: readable lines (development); `json`: one JSON object a line (production). */
  logFormat: 'json' | 'pretty';
  bodyLimit: number;
  uploadLimit: number;
  /** Caps on reading an uploaded archive or document (platform/files): bytes inflated, entries, time. */
  archive: { maxInflatedBytes: number; maxEntries: number; timeoutMs: number };
  /** Sample accounts may skip two-factor enrolment; only ever true outside production. */
  demoRelaxTwoFactor: boolean;
  trustProxy: boolean;
  /** Requests per minute per address, for all routes together. */
  rateLimitPerMinute: number;
  /** Sign-in, second-factor and password-reset posts per minute per address. */
  loginRateLimitPerMinute: number;
  /** Rendered public pages kept in each process's memory, in MiB; 0 turns the page cache off (decision 0501). */
  pageCacheMb: number;
  /** How long browsers and shared caches may show a public page before asking again (seconds; 0: ask every time). */
  publicMaxAge: number;
  /** PEM of the Ed25519 key that signs audit checkpoints; undefined: DATA_DIR/keys/audit-ed25519.pem, made on first use. */
  auditSigningKeyFile: string | undefined;
  /** Append-only file of signed audit checkpoints; undefined: DATA_DIR/audit-checkpoints.jsonl. */
  auditCheckpointFile: string | undefined;
  /** Base64 of the 32-byte key that seals stored secrets; without it a key is generated under DATA_DIR. */
  secretsKey: string | undefined;
  /** The key before the last rotation: it still opens values sealed under it. */
  secretsKeyPrevious: string | undefined;
}

export function loadConfig(env: Env = process.env): Config {
  const v = readSettings(env);
  if (v.NODE_ENV === 'production' && !v.SESSION_SECRET) {
    throw new ConfigError('SESSION_SECRET must be set when NODE_ENV=production (32 or more random characters)');
  }
  return {
    env: v.NODE_ENV,
    port: v.PORT,
    host: v.HOST!,
    dataDir: v.DATA_DIR,
    databaseUrl: v.DATABASE_URL,
    embeddedDb: v.EMBEDDED_DB,
    demoPassword: v.DEMO_PASSWORD,
    publicUrl: v.PUBLIC_URL,
    sessionSecret: v.SESSION_SECRET,
    smtpUrl: v.SMTP_URL,
    mailFrom: v.MAIL_FROM!,
    logLevel: v.LOG_LEVEL,
    logFormat: v.LOG_FORMAT,
    bodyLimit: v.BODY_LIMIT_BYTES,
    uploadLimit: v.UPLOAD_LIMIT_BYTES,
    archive: { maxInflatedBytes: v.ARCHIVE_LIMIT_BYTES, maxEntries: 2000, timeoutMs: v.FILE_READ_TIMEOUT_MS },
    demoRelaxTwoFactor: v.NODE_ENV !== 'production' && !v.DEMO_REQUIRE_2FA,
    trustProxy: v.TRUST_PROXY,
    rateLimitPerMinute: v.RATE_LIMIT_PER_MINUTE,
    loginRateLimitPerMinute: v.LOGIN_RATE_LIMIT_PER_MINUTE,
    pageCacheMb: v.PAGE_CACHE_MB,
    publicMaxAge: v.PUBLIC_MAX_AGE,
    auditSigningKeyFile: v.AUDIT_SIGNING_KEY_FILE,
    auditCheckpointFile: v.AUDIT_CHECKPOINT_FILE,
    secretsKey: v.SECRETS_KEY,
    secretsKeyPrevious: v.SECRETS_KEY_PREVIOUS,
  };
}
