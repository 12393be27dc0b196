// Secrets kept in the database (TOTP keys, the cookie-signing secret) are sealed with AES-256-GCM
// under a key that never lives in the database, so a stolen dump or backup does not give them away.
// A sealed value names its key (a short id), so keys can rotate: values sealed under the previous
// key still open until `viwango secrets rotate` re-seals them. See docs/security-secrets.md.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../config.ts';

const PREFIX = 'enc1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

export interface SecretKeys {
  current: Buffer;
  previous: Buffer[];
}

export class SecretError extends Error {}

/** A short, stable name for a key that does not reveal it. */
export function keyId(key: Buffer): string {
  return crypto.createHash('sha256').update('viwango-secrets-key-id').update(key).digest('hex').slice(0, 8);
}

export class SecretBox {
  private readonly byId = new Map<string, Buffer>();
  readonly currentId: string;

  constructor(keys: SecretKeys) {
    this.currentId = keyId(keys.current);
    for (const k of [keys.current, ...keys.previous]) this.byId.set(keyId(k), k);
  }

  /** `context` names where the value is kept (e.g. the row), so a sealed value moved elsewhere does not open. */
  seal(plain: string, context: string): string {
    const iv = crypto.randomBytes(IV_BYTES);
    const cipher = crypto.createCipheriv('aes-256-gcm', this.byId.get(this.currentId)!, iv);
    cipher.setAAD(Buffer.from(context));
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final(), cipher.getAuthTag()]);
    return `${PREFIX}:${this.currentId}:${iv.toString('base64url')}:${body.toString('base64url')}`;
  }

  open(stored: string, context: string): string {
    if (!isSealed(stored)) return stored; // written by a version before sealing; sealed at start-up
    const [, id, iv, body] = stored.split(':');
    const key = this.byId.get(id);
    if (!key) throw new SecretError(`a stored secret is sealed with key ${id}, which is neither SECRETS_KEY nor SECRETS_KEY_PREVIOUS`);
    try {
      const raw = Buffer.from(body, 'base64url');
      const decipher = crypto.createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
      decipher.setAAD(Buffer.from(context));
      decipher.setAuthTag(raw.subarray(raw.length - TAG_BYTES));
      return Buffer.concat([decipher.update(raw.subarray(0, raw.length - TAG_BYTES)), decipher.final()]).toString('utf8');
    } catch {
      throw new SecretError(`a stored secret (${context}) could not be decrypted: it was altered or moved`);
    }
  }

  /** Plain values and values under an older key. */
  needsReseal(stored: string): boolean {
    return !isSealed(stored) || stored.split(':')[1] !== this.currentId;
  }
}

export function isSealed(stored: string): boolean {
  return stored.startsWith(`${PREFIX}:`) && stored.split(':').length === 4;
}

/** Parses a configured key; undefined when it is not 32 bytes of base64. */
export function parseKey(value: string): Buffer | undefined {
  const trimmed = value.trim();
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(trimmed)) return undefined;
  const key = Buffer.from(trimmed, 'base64');
  return key.length === 32 ? key : undefined;
}

export function keyFile(dataDir: string): string {
  return path.join(dataDir, 'keys', 'secrets.key');
}

/**
 * The configured keys, or for the embedded default a key generated once into DATA_DIR/keys
 * (0600). Several processes may start together: the first to create the file wins, the others read it.
 */
export function loadSecretKeys(config: Pick<Config, 'secretsKey' | 'secretsKeyPrevious' | 'dataDir' | 'env' | 'databaseUrl'>): SecretKeys {
  const previous = config.secretsKeyPrevious ? [parseKey(config.secretsKeyPrevious)!] : [];
  if (config.secretsKey) return { current: parseKey(config.secretsKey)!, previous };
  // Instances sharing a PostgreSQL server must share the key; one generated per machine would not be.
  if (config.env === 'production' && config.databaseUrl) {
    throw new SecretError('SECRETS_KEY must be set when NODE_ENV=production and DATABASE_URL is used (openssl rand -base64 32)');
  }
  const file = keyFile(config.dataDir);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    try {
      fs.writeFileSync(file, crypto.randomBytes(32).toString('base64') + '\n', { flag: 'wx', mode: 0o600 });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
  const current = parseKey(fs.readFileSync(file, 'utf8'));
  if (!current) throw new SecretError(`${file} does not hold a 32-byte base64 key`);
  return { current, previous };
}
