// Versioned SQL migrations: migrations/NNNN_name.sql, applied in order, each in its own transaction
// together with its row in schema_migrations. See docs/decisions/0002-plain-sql-migrations.md.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database } from './database.ts';

export const migrationsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../migrations');

export interface Migration {
  version: string;
  name: string;
  sql: string;
  checksum: string;
}

export function listMigrations(dir = migrationsDir): Migration[] {
  return fs
    .readdirSync(dir)
    .filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((f) => {
      const sql = fs.readFileSync(path.join(dir, f), 'utf8');
      return {
        version: f.slice(0, 4),
        name: f.slice(5, -4),
        sql,
        checksum: crypto.createHash('sha256').update(sql).digest('hex'),
      };
    });
}

async function applied(db: Database): Promise<Map<string, string>> {
  await db.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version text PRIMARY KEY, name text NOT NULL, checksum text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now())`);
  const rows = await db.query<{ version: string; checksum: string }>('SELECT version, checksum FROM schema_migrations');
  return new Map(rows.map((r) => [r.version, r.checksum]));
}

/** Applies pending migrations; returns the versions applied. Safe to run from several instances at once. */
export async function migrate(db: Database, dir = migrationsDir): Promise<string[]> {
  const done: string[] = [];
  let have = await applied(db);
  for (const m of listMigrations(dir)) {
    const existing = have.get(m.version);
    if (existing) {
      if (existing !== m.checksum) {
        throw new Error(`migration ${m.version}_${m.name} was changed after it was applied; add a new migration instead`);
      }
      continue;
    }
    const record = `INSERT INTO schema_migrations (version, name, checksum) VALUES ('${m.version}', '${m.name}', '${m.checksum}');`;
    try {
      await db.execScript(`SELECT pg_advisory_xact_lock(727001);\n${m.sql}\n${record}`);
      done.push(m.version);
    } catch (err) {
      // Another instance may have applied it while we waited for the lock.
      have = await applied(db);
      if (have.get(m.version) === m.checksum) continue;
      throw new Error(`migration ${m.version}_${m.name} failed: ${(err as Error).message}`);
    }
  }
  return done;
}
