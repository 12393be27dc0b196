// Where secrets are kept in the database, and re-sealing them: plain values left by a version that
// did not seal (at start-up) and values under an older key (`viwango secrets rotate`).
// A module that stores a new kind of secret adds its column here, so rotation cannot miss it.
import { sql } from 'drizzle-orm';
import type { Database } from './db/database.ts';
import { SYSTEM, type AuditSource } from './audit.ts';
import { isSealed, type SecretBox } from './secrets.ts';
import { audit } from './platform-audit-events.ts';

/** Settings in app_settings whose value is a secret. */
export const SECRET_SETTINGS = ['cookie_secret'];

export const totpSecretContext = (userId: string) => `users.totp_secret:${userId}`;
export const settingContext = (key: string) => `app_settings:${key}`;

interface StoredSecretColumn {
  table: string;
  id: string;
  column: string;
  only?: string[];
  context(id: string): string;
}

const COLUMNS: StoredSecretColumn[] = [
  { table: 'users', id: 'id', column: 'totp_secret', context: totpSecretContext },
  { table: 'app_settings', id: 'key', column: 'value', only: SECRET_SETTINGS, context: settingContext },
];

/**
 * 'plain' seals values stored before sealing existed; 'rotate' also re-seals values under an
 * older key. Each value is replaced only if nobody changed it meanwhile, so instances starting
 * together do not overwrite each other. One transaction with its audit entry.
 */
export async function resealStoredSecrets(db: Database, box: SecretBox, mode: 'plain' | 'rotate', source: AuditSource = SYSTEM): Promise<{ resealed: number }> {
  return db.orm.transaction(async (tx) => {
    let resealed = 0;
    for (const c of COLUMNS) {
      const col = sql.identifier(c.column);
      const idCol = sql.identifier(c.id);
      const only = c.only ? sql` AND ${idCol}::text = ANY(${`{${c.only.join(',')}}`}::text[])` : sql``;
      const rows = (await tx.execute(sql`SELECT ${idCol}::text AS id, ${col} AS v FROM ${sql.identifier(c.table)} WHERE ${col} IS NOT NULL${only}`)).rows as { id: string; v: string }[];
      for (const r of rows) {
        if (!box.needsReseal(r.v) || (mode === 'plain' && isSealed(r.v))) continue;
        const sealed = box.seal(box.open(r.v, c.context(r.id)), c.context(r.id));
        const done = await tx.execute(sql`UPDATE ${sql.identifier(c.table)} SET ${col} = ${sealed} WHERE ${idCol}::text = ${r.id} AND ${col} = ${r.v} RETURNING 1`);
        resealed += done.rows.length;
      }
    }
    if (resealed) await audit({ tx, source }, mode === 'rotate' ? 'secrets.rotate' : 'secrets.seal', { details: { resealed, keyId: box.currentId } });
    return { resealed };
  });
}
