// Signed checkpoints of the audit chain's head, kept in an append-only file outside the database.
// The hash chain (audit.ts) shows that entries fit together; it cannot show that someone with
// database access did not rewrite the tail and the head together. A checkpoint signed with a key
// the database never sees can: the entry it names must keep its hash for ever, and the chain must
// never end before it. See docs/decisions/0007-audit-checkpoints.md.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../config.ts';
import type { Database } from './db/database.ts';
import { verifyAudit, type ChainPoint, type VerifyResult } from './audit.ts';
import { keyIdOf, loadSigningKey, parsePublicKey, type SigningKey } from './audit-signing-key.ts';

export interface Checkpoint {
  seq: number;
  hash: string;
  /** When it was signed (ISO 8601, UTC). */
  at: string;
  keyId: string;
  /** Ed25519 signature of signedText(), base64. */
  signature: string;
}

/** A key line: the public key that verifies the checkpoints after it, written when a key first signs. */
export interface KeyRecord {
  keyId: string;
  publicKey: string;
  at: string;
}

type FileConfig = Pick<Config, 'dataDir' | 'auditCheckpointFile' | 'auditSigningKeyFile'>;

export function checkpointFile(config: FileConfig): string {
  return config.auditCheckpointFile ?? path.join(config.dataDir, 'audit-checkpoints.jsonl');
}

/** Exactly the bytes that are signed; documented so that anyone can check a copy with their own tools. */
export function signedText(c: Omit<Checkpoint, 'signature'>): string {
  return ['viwango-audit-checkpoint/1', String(c.seq), c.hash, c.at, c.keyId].join('\n');
}

export function signCheckpoint(key: SigningKey, point: ChainPoint, at = new Date()): Checkpoint {
  const unsigned = { seq: point.seq, hash: point.hash, at: at.toISOString(), keyId: key.keyId };
  return { ...unsigned, signature: crypto.sign(null, Buffer.from(signedText(unsigned)), key.privateKey).toString('base64') };
}

export function signatureValid(c: Checkpoint, publicKey: crypto.KeyObject): boolean {
  try {
    return crypto.verify(null, Buffer.from(signedText(c)), publicKey, Buffer.from(c.signature, 'base64'));
  } catch {
    return false;
  }
}

export type CheckpointLine = { line: number; checkpoint: Checkpoint } | { line: number; unreadable: string };

export interface CheckpointFileContent {
  keys: KeyRecord[];
  lines: CheckpointLine[];
}

const HASH = /^[0-9a-f]{64}$/;

function parseLine(text: string): Checkpoint | KeyRecord | null {
  let v: Record<string, unknown>;
  try {
    v = JSON.parse(text) as Record<string, unknown>;
  } catch {
    return null;
  }
  if (!v || typeof v !== 'object') return null;
  if (typeof v.publicKey === 'string' && typeof v.keyId === 'string' && typeof v.at === 'string') {
    // A key line must name its own key: its id is derived from the key, not chosen.
    const key = parsePublicKey(v.publicKey);
    return key && keyIdOf(key) === v.keyId ? { keyId: v.keyId, publicKey: v.publicKey, at: v.at } : null;
  }
  const { seq, hash, at, keyId, signature } = v;
  if (!Number.isSafeInteger(seq) || (seq as number) < 1) return null;
  if (typeof hash !== 'string' || !HASH.test(hash) || typeof at !== 'string' || typeof keyId !== 'string' || typeof signature !== 'string') return null;
  return { seq: seq as number, hash, at, keyId, signature };
}

/** Reads the whole file; a missing file is an empty one (no checkpoint written yet). */
export function readCheckpoints(file: string): CheckpointFileContent {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { keys: [], lines: [] };
    throw err;
  }
  const keys: KeyRecord[] = [];
  const lines: CheckpointLine[] = [];
  text.split('\n').forEach((raw, i) => {
    if (!raw.trim()) return;
    const parsed = parseLine(raw);
    if (parsed && 'publicKey' in parsed) keys.push(parsed);
    else if (parsed) lines.push({ line: i + 1, checkpoint: parsed });
    else lines.push({ line: i + 1, unreadable: raw.slice(0, 80) });
  });
  return { keys, lines };
}

/** Appends in one write and forces it to disk before returning; the folder too when the file is new. */
async function appendDurably(file: string, text: string): Promise<void> {
  const dir = path.dirname(file);
  await fs.promises.mkdir(dir, { recursive: true });
  const isNew = !fs.existsSync(file);
  const fh = await fs.promises.open(file, 'a', 0o600);
  try {
    await fh.write(text);
    await fh.sync();
  } finally {
    await fh.close();
  }
  if (isNew) {
    const d = await fs.promises.open(dir, 'r');
    try {
      await d.sync();
    } finally {
      await d.close();
    }
  }
}

function trustedKeysOf(content: CheckpointFileContent): Map<string, crypto.KeyObject> {
  return new Map(content.keys.map((k) => [k.keyId, parsePublicKey(k.publicKey)!]));
}

/** The checkpoint naming the longest chain whose signature holds: where the next check may start. */
function newestValid(content: CheckpointFileContent): Checkpoint | null {
  const keys = trustedKeysOf(content);
  const candidates = content.lines.flatMap((l) => ('checkpoint' in l ? [l.checkpoint] : [])).sort((a, b) => b.seq - a.seq);
  for (const c of candidates) {
    const key = keys.get(c.keyId);
    if (key && signatureValid(c, key)) return c;
  }
  return null;
}

async function hashesAt(db: Database, seqs: number[]): Promise<Map<number, string>> {
  const found = new Map<number, string>();
  const unique = [...new Set(seqs)];
  for (let i = 0; i < unique.length; i += 1000) {
    const rows = await db.query<{ seq: string | number; hash: string }>(
      `SELECT seq, hash FROM audit_log WHERE seq = ANY(string_to_array($1, ',')::bigint[])`,
      [unique.slice(i, i + 1000).join(',')],
    );
    for (const r of rows) found.set(Number(r.seq), r.hash);
  }
  return found;
}

export class CheckpointRefused extends Error {}

/**
 * Signs the current head and appends it to the file. Before signing, the entries written since
 * the newest checkpoint are verified, so a tampered tail is never vouched for. With `onlyIfNew`,
 * nothing is written when the head has not moved since the newest checkpoint. Returns null when
 * there is nothing to sign.
 */
export async function writeCheckpoint(db: Database, config: FileConfig, opts: { onlyIfNew?: boolean } = {}): Promise<Checkpoint | null> {
  const key = loadSigningKey(config);
  const file = checkpointFile(config);
  const content = readCheckpoints(file);
  const head = (await db.query<{ seq: string | number; hash: string }>('SELECT seq, hash FROM audit_head WHERE id = 1'))[0];
  if (!head) return null;
  const point = { seq: Number(head.seq), hash: head.hash };
  const last = newestValid(content);
  if (opts.onlyIfNew && last && last.seq === point.seq && last.hash === point.hash) return null;
  if (last && (await hashesAt(db, [last.seq])).get(last.seq) !== last.hash) {
    throw new CheckpointRefused(`refusing to sign: entry ${last.seq} no longer has the hash its checkpoint of ${last.at} records; run viwango audit verify`);
  }
  const chain = await verifyAudit(db, last ?? undefined);
  if (!chain.ok) throw new CheckpointRefused(`refusing to sign: the audit chain is broken at entry ${chain.badSeq} (${chain.reason}); run viwango audit verify`);
  const checkpoint = signCheckpoint(key, point);
  const keyLine = content.keys.some((k) => k.keyId === key.keyId) ? '' : JSON.stringify({ keyId: key.keyId, publicKey: key.publicPem, at: checkpoint.at }) + '\n';
  await appendDurably(file, keyLine + JSON.stringify(checkpoint) + '\n');
  return checkpoint;
}

export type CheckpointProblem = 'unreadable' | 'unknown_key' | 'bad_signature' | 'truncated' | 'rewritten';

export type CheckpointCheck =
  | { ok: true; count: number; newest: Checkpoint | null; file: string }
  | { ok: false; count: number; file: string; line: number; seq: number | null; end: number; keyId: string | null; problem: CheckpointProblem; reason: string };

/**
 * Checks the chain as it is now against every checkpoint in the file: each must be signed by a
 * trusted key, name an entry that still has exactly that hash, and the chain must reach it.
 * Trusted keys are those the file lists, or only `trusted` when given (keys the authority copied).
 * Names the first line that fails.
 */
export async function verifyCheckpoints(db: Database, config: FileConfig, trusted?: crypto.KeyObject[]): Promise<CheckpointCheck> {
  const file = checkpointFile(config);
  const content = readCheckpoints(file);
  const keys = trusted ? new Map(trusted.map((k) => [keyIdOf(k), k])) : trustedKeysOf(content);
  const checkpoints = content.lines.flatMap((l) => ('checkpoint' in l ? [l.checkpoint] : []));
  const hashes = await hashesAt(db, checkpoints.map((c) => c.seq));
  const end = Number((await db.query<{ seq: string | number | null }>('SELECT max(seq) AS seq FROM audit_log'))[0]?.seq ?? 0);
  let count = 0;
  let newest: Checkpoint | null = null;
  for (const l of content.lines) {
    const fail = (problem: CheckpointProblem, reason: string) =>
      ({ ok: false, count, file, line: l.line, seq: 'checkpoint' in l ? l.checkpoint.seq : null, end, keyId: 'checkpoint' in l ? l.checkpoint.keyId : null, problem, reason }) as const;
    if ('unreadable' in l) return fail('unreadable', `line ${l.line} of ${file} is not a checkpoint`);
    const c = l.checkpoint;
    const key = keys.get(c.keyId);
    if (!key) return fail('unknown_key', `the checkpoint on line ${l.line} is signed by key ${c.keyId}, which is not a trusted key`);
    if (!signatureValid(c, key)) return fail('bad_signature', `the signature of the checkpoint on line ${l.line} (entry ${c.seq}) is not valid: the line was forged or altered`);
    if (c.seq > end) return fail('truncated', `the chain ends at entry ${end}, but the checkpoint of ${c.at} (line ${l.line}) vouches for entry ${c.seq}: entries were removed since`);
    if (hashes.get(c.seq) !== c.hash) {
      return fail('rewritten', `entry ${c.seq} is not the one the checkpoint of ${c.at} (line ${l.line}) vouches for: the chain was rewritten since`);
    }
    count++;
    if (!newest || c.seq >= newest.seq) newest = c;
  }
  return { ok: true, count, newest, file };
}

export interface AnchoredResult {
  chain: VerifyResult;
  /** Only when the chain itself holds: checkpoints say nothing useful about a broken chain. */
  checkpoints?: CheckpointCheck;
}

/** The full check behind `viwango audit verify` and the audit page: the chain, then its checkpoints. */
export async function verifyAnchored(db: Database, config: FileConfig, trusted?: crypto.KeyObject[]): Promise<AnchoredResult> {
  const chain = await verifyAudit(db);
  if (!chain.ok) return { chain };
  return { chain, checkpoints: await verifyCheckpoints(db, config, trusted) };
}

/** One page of checkpoints in file order (oldest first), for copying elsewhere: `after` is the last `n` already held. */
export function checkpointPage(config: FileConfig, after: number, limit: number) {
  const content = readCheckpoints(checkpointFile(config));
  const all = content.lines.flatMap((l) => ('checkpoint' in l ? [l.checkpoint] : []));
  const items = all.slice(after, after + limit).map((c, i) => ({ n: after + i + 1, ...c }));
  return { keys: content.keys, items, total: all.length, nextCursor: after + items.length < all.length ? after + items.length : null };
}
