import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createTestDb } from '../../../test/helpers.ts';
import { listMigrations, migrate, migrationsDir } from './migrate.ts';
import { openDatabase } from './database.ts';

test('migrations apply once, are recorded, and a second run applies nothing', async () => {
  const { db, close } = await createTestDb();
  try {
    const rows = await db.query<{ version: string }>('SELECT version FROM schema_migrations ORDER BY version');
    assert.deepEqual(rows.map((r) => r.version), listMigrations().map((m) => m.version));
    assert.deepEqual(await migrate(db), []);
  } finally {
    await close();
  }
});

test('a migration edited after it was applied stops the start with a clear message', async () => {
  const { db, close } = await createTestDb();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vw-mig-'));
  try {
    for (const f of fs.readdirSync(migrationsDir)) fs.copyFileSync(path.join(migrationsDir, f), path.join(dir, f));
    fs.appendFileSync(path.join(dir, '0001_foundation.sql'), '\n-- edited\n');
    await assert.rejects(migrate(db, dir), /0001_foundation was changed after it was applied/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
    await close();
  }
});

test('a failing migration leaves nothing half-applied', async () => {
  const { db, close } = await createTestDb();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vw-mig-'));
  try {
    for (const f of fs.readdirSync(migrationsDir)) fs.copyFileSync(path.join(migrationsDir, f), path.join(dir, f));
    fs.writeFileSync(path.join(dir, '9999_broken.sql'), 'CREATE TABLE half_done (id int);\nSELECT * FROM no_such_table;\n');
    await assert.rejects(migrate(db, dir), /9999_broken failed/);
    const t = await db.query("SELECT to_regclass('half_done') AS t");
    assert.equal(t[0].t, null);
    const v = await db.query("SELECT 1 FROM schema_migrations WHERE version = '9999'");
    assert.equal(v.length, 0);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
    await close();
  }
});

test('the same migrations apply on PGlite, the embedded engine kept for EMBEDDED_DB=pglite', { timeout: 300_000, skip: process.env.TEST_DATABASE_URL ? 'about the embedded engines only' : false }, async () => {
  const db = await openDatabase({ engine: 'pglite' });
  try {
    assert.equal(db.kind, 'embedded');
    assert.deepEqual(await migrate(db), listMigrations().map((m) => m.version));
    const ext = await db.query<{ extname: string }>("SELECT extname FROM pg_extension WHERE extname IN ('pg_trgm', 'unaccent', 'pgcrypto') ORDER BY extname");
    assert.deepEqual(ext.map((e) => e.extname), ['pg_trgm', 'pgcrypto', 'unaccent']);
  } finally {
    await db.close();
  }
});
