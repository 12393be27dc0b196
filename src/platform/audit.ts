// The audit trail. Every state change records its entry (through its module's audit-event catalog,
// platform/audit-events.ts) inside its own transaction, so the change
// and its entry commit or fail together. Entries form a hash chain (each hash covers the previous
// hash and the entry's fields); verifyAudit() recomputes it. See docs/decisions/0003-audit-hash-chain.md.
import crypto from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Actor } from './auth/actor.ts';
import type { Database, Tx } from './db/database.ts';

export interface AuditSource {
  actorId: string | null;
  actorLabel: string;
  via: 'web' | 'api' | 'cli' | 'system';
  ip?: string | null;
  tokenId?: string | null;
}

export const SYSTEM: AuditSource = { actorId: null, actorLabel: 'system', via: 'system' };

export function auditSourceOf(actor: Actor | null, ip?: string | null): AuditSource {
  if (!actor) return { actorId: null, actorLabel: 'anonymous', via: 'web', ip: ip ?? null };
  return { actorId: actor.userId, actorLabel: actor.email, via: actor.via, ip: ip ?? null, tokenId: actor.tokenId ?? null };
}

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId?: string | null;
  institutionId?: string | null;
  /** A short before→after summary; never secrets. */
  summary?: Record<string, unknown>;
}

/** JSON with sorted keys, so the hash does not depend on how jsonb orders them. */
export function canonical(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v ?? null);
  if (v instanceof Date) return JSON.stringify(v.toISOString());
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  const o = v as Record<string, unknown>;
  return `{${Object.keys(o)
    .filter((k) => o[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`)
    .join(',')}}`;
}

interface HashedFields {
  seq: number;
  at: number;
  actorId: string | null;
  actorLabel: string;
  via: string;
  ip: string | null;
  institutionId: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  summary: unknown;
}

export function entryHash(prevHash: string, f: HashedFields): string {
  return crypto.createHash('sha256').update(prevHash).update('\n').update(canonical(f)).digest('hex');
}

const GENESIS = '0'.repeat(64);

let sensitiveListener: ((seq: number) => void) | null = null;

/** Called with the entry's sequence number whenever a sensitive action is recorded (audit-checkpoint-schedule.ts listens). */
export function onSensitiveEntry(fn: ((seq: number) => void) | null): void {
  sensitiveListener = fn;
}

/**
 * Appends one entry. Modules do not call this: they write through their audit-event catalog
 * (platform/audit-events.ts), which names the entity, redacts the details and says whether the event
 * asks for a checkpoint at once (who may do what changed, a person was shut out, secrets were
 * re-sealed, an edition became or stopped being the law of the land, a new key to the API exists).
 */
export async function recordAudit(tx: Tx, source: AuditSource, entry: AuditEntry, opts: { checkpoint?: boolean } = {}): Promise<void> {
  // One writer at a time extends the chain; the lock is released when the transaction ends.
  await tx.execute(sql`SELECT pg_advisory_xact_lock(727002)`);
  const head = await tx.execute(sql`SELECT seq, hash FROM audit_head WHERE id = 1`);
  const prev = (head.rows[0] as { seq: string | number; hash: string } | undefined) ?? { seq: 0, hash: GENESIS };
  const seqRow = await tx.execute(sql`SELECT nextval(pg_get_serial_sequence('audit_log', 'seq')) AS seq`);
  const seq = Number((seqRow.rows[0] as { seq: string | number }).seq);
  const at = new Date();
  const fields: HashedFields = {
    seq,
    at: at.getTime(),
    actorId: source.actorId,
    actorLabel: source.actorLabel,
    via: source.via,
    ip: source.ip ?? null,
    institutionId: entry.institutionId ?? null,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId ?? null,
    summary: { ...(entry.summary ?? {}), ...(source.tokenId ? { tokenId: source.tokenId } : {}) },
  };
  const hash = entryHash(prev.hash, fields);
  await tx.execute(sql`INSERT INTO audit_log (seq, at, actor_id, actor_label, via, ip, institution_id, action, entity_type, entity_id, summary, prev_hash, hash)
    VALUES (${seq}, ${at.toISOString()}, ${fields.actorId}, ${fields.actorLabel}, ${fields.via}, ${fields.ip}, ${fields.institutionId},
      ${fields.action}, ${fields.entityType}, ${fields.entityId}, ${canonical(fields.summary)}::jsonb, ${prev.hash}, ${hash})`);
  await tx.execute(sql`INSERT INTO audit_head (id, seq, hash) VALUES (1, ${seq}, ${hash})
    ON CONFLICT (id) DO UPDATE SET seq = EXCLUDED.seq, hash = EXCLUDED.hash`);
  // The checkpoint is written after this transaction commits (the schedule waits for the head to reach seq).
  if (opts.checkpoint) sensitiveListener?.(seq);
}


/** Why the chain is broken: a code for pages to translate, and an English reason for the CLI. */
export type ChainProblem = 'broken_link' | 'edited' | 'missing_tail' | 'missing_head';
export type VerifyResult = { ok: true; checked: number } | { ok: false; checked: number; badSeq: number; problem: ChainProblem; reason: string };

/** The hashed fields of an audit_log row as the database returns it. */
export function hashedFieldsOf(r: Record<string, unknown>): HashedFields {
  return {
    seq: Number(r.seq),
    at: new Date(r.at as string).getTime(),
    actorId: (r.actor_id as string | null) ?? null,
    actorLabel: r.actor_label as string,
    via: r.via as string,
    ip: (r.ip as string | null) ?? null,
    institutionId: (r.institution_id as string | null) ?? null,
    action: r.action as string,
    entityType: r.entity_type as string,
    entityId: (r.entity_id as string | null) ?? null,
    summary: typeof r.summary === 'string' ? JSON.parse(r.summary) : r.summary,
  };
}

/** A position in the chain: an entry's sequence number and hash. */
export interface ChainPoint {
  seq: number;
  hash: string;
}

/**
 * Walks the chain in order, in pages, and names the first entry that does not fit. With `from`,
 * the walk starts after an entry already known to be good (a signed checkpoint), so a periodic
 * check costs only the entries written since.
 */
export async function verifyAudit(db: Database, from?: ChainPoint): Promise<VerifyResult> {
  let prevHash = from?.hash ?? GENESIS;
  let lastSeq = from?.seq ?? 0;
  let checked = 0;
  let head: { seq: string | number; hash: string } | undefined;
  let headReadAt = -1;
  for (;;) {
    const rows = await db.query<Record<string, unknown>>(
      `SELECT seq, at, actor_id, actor_label, via, ip, institution_id, action, entity_type, entity_id, summary, prev_hash, hash
         FROM audit_log WHERE seq > $1 ORDER BY seq LIMIT 5000`,
      [lastSeq],
    );
    if (rows.length === 0) {
      // On a live server entries keep arriving during the walk: a head beyond the end we reached
      // earns one more look before the tail is called missing.
      if (headReadAt === lastSeq) break;
      head = (await db.query<{ seq: string | number; hash: string }>('SELECT seq, hash FROM audit_head WHERE id = 1'))[0];
      headReadAt = lastSeq;
      if (head && Number(head.seq) > lastSeq) continue;
      break;
    }
    for (const r of rows) {
      const seq = Number(r.seq);
      if (r.prev_hash !== prevHash) return { ok: false, checked, badSeq: seq, problem: 'broken_link', reason: 'previous hash does not match (an entry before it was removed, changed or reordered)' };
      const expected = entryHash(prevHash, hashedFieldsOf(r));
      if (expected !== r.hash) return { ok: false, checked, badSeq: seq, problem: 'edited', reason: 'content does not match its hash (the entry was edited)' };
      prevHash = r.hash as string;
      lastSeq = seq;
      checked++;
    }
  }
  if (head && (Number(head.seq) !== lastSeq || head.hash !== prevHash)) {
    return { ok: false, checked, badSeq: Number(head.seq), problem: 'missing_tail', reason: 'the newest entries are missing (the chain ends before the recorded head)' };
  }
  if (!head && lastSeq > 0) return { ok: false, checked, badSeq: lastSeq, problem: 'missing_head', reason: 'the chain head record is missing' };
  return { ok: true, checked };
}
