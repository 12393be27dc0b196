// What a dishonest insider with database access can do to the audit trail without breaking the
// hash chain: rewrite the newest entries and the head together, or cut the tail and move the head
// back. Tests use these to show that only the signed checkpoints outside the database notice.
import { entryHash, hashedFieldsOf } from '../src/platform/audit.ts';
import type { Database } from '../src/platform/db/database.ts';

const COLUMNS = 'seq, at, actor_id, actor_label, via, ip, institution_id, action, entity_type, entity_id, summary, prev_hash, hash';

/** Changes the actor of the newest `count` entries and recomputes their hashes and the head. Returns the rewritten seqs. */
export async function rewriteTail(db: Database, count: number, actorLabel = 'someone-else@test.go.tz'): Promise<number[]> {
  const rows = (await db.query<Record<string, unknown>>(`SELECT ${COLUMNS} FROM audit_log ORDER BY seq DESC LIMIT $1`, [count])).reverse();
  let prev = rows[0].prev_hash as string;
  for (const r of rows) {
    const hash = entryHash(prev, { ...hashedFieldsOf(r), actorLabel });
    await db.query('UPDATE audit_log SET actor_label = $1, prev_hash = $2, hash = $3 WHERE seq = $4', [actorLabel, prev, hash, r.seq]);
    prev = hash;
  }
  await db.query('UPDATE audit_head SET seq = $1, hash = $2 WHERE id = 1', [rows[rows.length - 1].seq, prev]);
  return rows.map((r) => Number(r.seq));
}

/** Deletes the newest `count` entries and points the head at the entry left newest. */
export async function truncateTail(db: Database, count: number): Promise<void> {
  const rows = await db.query<{ seq: string }>('SELECT seq FROM audit_log ORDER BY seq DESC LIMIT $1', [count + 1]);
  const keep = rows[rows.length - 1].seq;
  await db.query('DELETE FROM audit_log WHERE seq > $1', [keep]);
  await db.query('UPDATE audit_head SET seq = seq_hash.seq, hash = seq_hash.hash FROM (SELECT seq, hash FROM audit_log WHERE seq = $1) AS seq_hash WHERE id = 1', [keep]);
}
