// `viwango secrets rotate` in a child process, on the embedded database (or PostgreSQL with TEST_DATABASE_URL).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openDatabase } from '../platform/db/database.ts';
import { keyId, SecretBox } from '../platform/secrets.ts';
import { settingContext } from '../platform/stored-secrets.ts';

const bin = path.resolve('bin/viwango.js');
const [oldKey, newKey, otherKey] = Array.from({ length: 3 }, () => crypto.randomBytes(32));
let env: NodeJS.ProcessEnv;
let dataDir: string;
let dbName: string | undefined;

const run = (args: string[], extra: NodeJS.ProcessEnv) => spawnSync(process.execPath, [bin, ...args], { env: { ...env, ...extra }, encoding: 'utf8', timeout: 60_000 });
const open = () => openDatabase(env.DATABASE_URL ? { databaseUrl: env.DATABASE_URL } : { dataDir });

before(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'viwango-cli-secrets-'));
  env = { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'test', DATA_DIR: dataDir, LOG_LEVEL: 'silent' };
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    dbName = `viwango_cli_${crypto.randomBytes(5).toString('hex')}`;
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    await c.query(`CREATE DATABASE ${dbName}`);
    await c.end();
    const u = new URL(url);
    u.pathname = `/${dbName}`;
    env.DATABASE_URL = u.toString();
  }
});

after(async () => {
  fs.rmSync(dataDir, { recursive: true, force: true });
  if (dbName) {
    const c = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await c.end();
  }
});

test('secrets rotate re-seals stored secrets under the new key; an unknown key is one clear line', async () => {
  assert.equal(run(['migrate'], {}).status, 0);
  let db = await open();
  const sealedOld = new SecretBox({ current: oldKey, previous: [] }).seal('the-cookie-secret', settingContext('cookie_secret'));
  await db.query("INSERT INTO app_settings (key, value) VALUES ('cookie_secret', $1)", [sealedOld]);
  await db.close();

  const stranger = run(['secrets', 'rotate'], { SECRETS_KEY: otherKey.toString('base64') });
  assert.equal(stranger.status, 1);
  assert.equal(stranger.stderr.trim().split('\n').length, 1, stranger.stderr);
  assert.match(stranger.stderr, new RegExp(`key ${keyId(oldKey)}, which is neither SECRETS_KEY nor SECRETS_KEY_PREVIOUS`));

  const r = run(['secrets', 'rotate'], { SECRETS_KEY: newKey.toString('base64'), SECRETS_KEY_PREVIOUS: oldKey.toString('base64') });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, new RegExp(`re-sealed 1 stored secrets under key ${keyId(newKey)}`));
  db = await open();
  const [row] = await db.query<{ value: string }>("SELECT value FROM app_settings WHERE key = 'cookie_secret'");
  const [audit] = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM audit_log WHERE action = 'secrets.rotate' AND actor_label LIKE 'cli:%'");
  await db.close();
  assert.equal(new SecretBox({ current: newKey, previous: [] }).open(row.value, settingContext('cookie_secret')), 'the-cookie-secret');
  assert.equal(Number(audit.n), 1);
});
