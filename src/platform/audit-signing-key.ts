// The Ed25519 key that signs audit checkpoints. It lives in a file, never in the database: the
// point of a checkpoint is that someone who can rewrite the database cannot forge one.
// See docs/decisions/0007-audit-checkpoints.md for rotation.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ConfigError, type Config } from '../config.ts';

export interface SigningKey {
  /** First 16 hex digits of the SHA-256 of the public key (DER, SPKI): names the key in every checkpoint. */
  keyId: string;
  privateKey: crypto.KeyObject;
  publicKey: crypto.KeyObject;
  publicPem: string;
}

type KeyConfig = Pick<Config, 'dataDir' | 'auditSigningKeyFile'>;

export function signingKeyFile(config: KeyConfig): string {
  return config.auditSigningKeyFile ?? path.join(config.dataDir, 'keys', 'audit-ed25519.pem');
}

export function keyIdOf(publicKey: crypto.KeyObject): string {
  return crypto.createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('hex').slice(0, 16);
}

/** Reads a public key in PEM; null when the text is not an Ed25519 public key. */
export function parsePublicKey(pem: string): crypto.KeyObject | null {
  try {
    const key = crypto.createPublicKey(pem);
    return key.asymmetricKeyType === 'ed25519' ? key : null;
  } catch {
    return null;
  }
}

/**
 * Makes the default key once. Written under a temporary name and hard-linked into place, so two
 * processes starting together end up with one key, never a half-written file.
 */
function generateKeyFile(file: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const { privateKey } = crypto.generateKeyPairSync('ed25519');
  const tmp = `${file}.${process.pid}.${crypto.randomBytes(4).toString('hex')}`;
  fs.writeFileSync(tmp, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600, flag: 'wx' });
  try {
    fs.linkSync(tmp, file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  } finally {
    fs.unlinkSync(tmp);
  }
}

/**
 * The signing key. The default file under DATA_DIR is generated on first use; a file named by
 * AUDIT_SIGNING_KEY_FILE must already exist, since generating one there would hide a wrong path.
 */
export function loadSigningKey(config: KeyConfig): SigningKey {
  const file = signingKeyFile(config);
  const setting = config.auditSigningKeyFile ? 'AUDIT_SIGNING_KEY_FILE' : 'DATA_DIR';
  try {
    if (!config.auditSigningKeyFile && !fs.existsSync(file)) generateKeyFile(file);
    const privateKey = crypto.createPrivateKey(fs.readFileSync(file));
    if (privateKey.asymmetricKeyType !== 'ed25519') throw new ConfigError(`${setting}: ${file} is not an Ed25519 private key`);
    const publicKey = crypto.createPublicKey(privateKey);
    return { keyId: keyIdOf(publicKey), privateKey, publicKey, publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString() };
  } catch (err) {
    if (err instanceof ConfigError) throw err;
    const code = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
    throw new ConfigError(`${setting}: cannot use the audit signing key ${file} (${code})`);
  }
}
