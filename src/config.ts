// Validated configuration, read once from the environment. Every setting is documented in README.md.
import path from 'node:path';
import { parseKey } from './platform/secrets.ts';

export class ConfigError extends Error {}

export interface Config {
  env: 'development' | 'production' | 'test';
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

function key(name: string, value: string | undefined): string | undefined {
  if (!value?.trim()) return undefined;
  if (!parseKey(value)) throw new ConfigError(`${name} must be 32 random bytes in base64 (e.g. openssl rand -base64 32)`);
  return value.trim();
}

function int(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new ConfigError(`${name} must be a whole number, got "${value}"`);
  return n;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const nodeEnv = env.NODE_ENV === 'production' ? 'production' : env.NODE_ENV === 'test' ? 'test' : 'development';
  const port = int('PORT', env.PORT, 3000);
  if (port > 65535) throw new ConfigError(`PORT must be between 0 and 65535, got "${env.PORT}"`);
  const databaseUrl = env.DATABASE_URL?.trim() || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError('DATABASE_URL must start with postgres:// or postgresql://');
  }
  const embeddedDb = env.EMBEDDED_DB?.trim() || 'postgres';
  if (embeddedDb !== 'postgres' && embeddedDb !== 'pglite') throw new ConfigError(`EMBEDDED_DB must be postgres or pglite, got "${embeddedDb}"`);
  const logFormat = env.LOG_FORMAT?.trim() || (nodeEnv === 'production' ? 'json' : 'pretty');
  if (logFormat !== 'json' && logFormat !== 'pretty') throw new ConfigError(`LOG_FORMAT must be json or pretty, got "${logFormat}"`);
  const publicUrl = (env.PUBLIC_URL?.trim() || `http://localhost:${port}`).replace(/\/$/, '');
  if (nodeEnv === 'production' && !env.SESSION_SECRET) {
    throw new ConfigError('SESSION_SECRET must be set when NODE_ENV=production (32 or more random characters)');
  }
  return {
    env: nodeEnv,
    port,
    host: env.HOST?.trim() || '0.0.0.0',
    dataDir: path.resolve(env.DATA_DIR?.trim() || './data'),
    databaseUrl,
    embeddedDb,
    demoPassword: env.DEMO_PASSWORD || undefined,
    publicUrl,
    sessionSecret: env.SESSION_SECRET || undefined,
    smtpUrl: env.SMTP_URL?.trim() || undefined,
    mailFrom: env.MAIL_FROM?.trim() || 'Viwango <no-reply@viwango.go.tz>',
    logLevel: env.LOG_LEVEL?.trim() || (nodeEnv === 'test' ? 'silent' : 'info'),
    logFormat,
    bodyLimit: int('BODY_LIMIT_BYTES', env.BODY_LIMIT_BYTES, 1024 * 1024),
    uploadLimit: int('UPLOAD_LIMIT_BYTES', env.UPLOAD_LIMIT_BYTES, 20 * 1024 * 1024),
    archive: {
      maxInflatedBytes: int('ARCHIVE_LIMIT_BYTES', env.ARCHIVE_LIMIT_BYTES, 50 * 1024 * 1024),
      maxEntries: 2000,
      timeoutMs: int('FILE_READ_TIMEOUT_MS', env.FILE_READ_TIMEOUT_MS, 10_000),
    },
    demoRelaxTwoFactor: nodeEnv !== 'production' && env.DEMO_REQUIRE_2FA !== '1',
    trustProxy: env.TRUST_PROXY === '1',
    rateLimitPerMinute: int('RATE_LIMIT_PER_MINUTE', env.RATE_LIMIT_PER_MINUTE, 600),
    loginRateLimitPerMinute: int('LOGIN_RATE_LIMIT_PER_MINUTE', env.LOGIN_RATE_LIMIT_PER_MINUTE, 10),
    pageCacheMb: int('PAGE_CACHE_MB', env.PAGE_CACHE_MB, 16),
    publicMaxAge: int('PUBLIC_MAX_AGE', env.PUBLIC_MAX_AGE, 0),
    auditSigningKeyFile: env.AUDIT_SIGNING_KEY_FILE?.trim() ? path.resolve(env.AUDIT_SIGNING_KEY_FILE.trim()) : undefined,
    auditCheckpointFile: env.AUDIT_CHECKPOINT_FILE?.trim() ? path.resolve(env.AUDIT_CHECKPOINT_FILE.trim()) : undefined,
    secretsKey: key('SECRETS_KEY', env.SECRETS_KEY),
    secretsKeyPrevious: key('SECRETS_KEY_PREVIOUS', env.SECRETS_KEY_PREVIOUS),
  };
}
