// Drives the real `viwango` command in a child process, on the embedded database (or on a fresh
// PostgreSQL database when TEST_DATABASE_URL is set).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openDatabase } from '../platform/db/database.ts';
import { rewriteTail, truncateTail } from '../../test/audit-attacker.ts';

const bin = path.resolve('bin/viwango.js');
let env: NodeJS.ProcessEnv;
let dataDir: string;

// Each run starts the embedded database from scratch; on a loaded machine that can pass a minute.
function run(args: string[], opts: { input?: string; env?: NodeJS.ProcessEnv } = {}) {
  const r = spawnSync(process.execPath, [bin, ...args], { input: opts.input ?? '', env: { ...env, ...opts.env }, encoding: 'utf8', timeout: 180_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const made: { dataDir: string; dbName?: string }[] = [];

/** A new data folder, and on PostgreSQL a new database: the environment of a fresh install. */
async function freshEnv(): Promise<NodeJS.ProcessEnv> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'viwango-cli-'));
  const e: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'test', DATA_DIR: dir, LOG_LEVEL: 'silent' };
  const url = process.env.TEST_DATABASE_URL;
  let name: string | undefined;
  if (url) {
    name = `viwango_cli_${crypto.randomBytes(5).toString('hex')}`;
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    await c.query(`CREATE DATABASE ${name}`);
    await c.end();
    const u = new URL(url);
    u.pathname = `/${name}`;
    e.DATABASE_URL = u.toString();
  }
  made.push({ dataDir: dir, dbName: name });
  return e;
}

before(async () => {
  env = await freshEnv();
  dataDir = env.DATA_DIR!;
});

after(async () => {
  for (const m of made) {
    fs.rmSync(m.dataDir, { recursive: true, force: true });
    if (!m.dbName) continue;
    const c = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS ${m.dbName} WITH (FORCE)`);
    await c.end();
  }
});

test('--help lists the commands; an unknown command fails with one line and exit code 2', () => {
  const help = run(['--help']);
  assert.equal(help.code, 0);
  for (const c of ['serve', 'migrate', 'seed', 'users create', 'tokens create', 'audit verify', 'audit checkpoint', 'audit public-key']) assert.ok(help.out.includes(c), c);
  const sub = run(['users', 'create', '--help']);
  assert.equal(sub.code, 0);
  assert.match(sub.out, /--password-stdin/);
  const bad = run(['frobnicate']);
  assert.equal(bad.code, 2);
  assert.equal(bad.err.trim().split('\n').length, 1);
  assert.match(bad.err, /unknown command 'frobnicate'/);
});

test('an unreachable DATABASE_URL is one clear line naming the setting, and exit code 2', () => {
  const r = run(['migrate'], { env: { DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' } });
  assert.equal(r.code, 2);
  assert.equal(r.err.trim().split('\n').length, 1, r.err);
  assert.match(r.err, /^viwango: DATABASE_URL: cannot reach PostgreSQL at 127\.0\.0\.1:1/);
});

test('a data folder that cannot be written is reported clearly', { skip: !!process.env.TEST_DATABASE_URL }, () => {
  const r = run(['migrate'], { env: { DATA_DIR: '/etc/hostname/viwango' } });
  assert.equal(r.code, 2);
  assert.match(r.err, /DATA_DIR: the data folder \/etc\/hostname\/viwango is not writable/);
});

test('users create, tokens create and audit verify work together; an edited audit row is named', async () => {
  assert.equal(run(['migrate']).code, 0);
  const weak = run(['users', 'create', '--email', 'cli@test.go.tz', '--name', 'Cli Person', '--role', 'institution_officer', '--institution', 'NIDA', '--password-stdin'], { input: 'short\n' });
  assert.equal(weak.code, 1);
  assert.match(weak.err, /12 characters/);
  const noInst = run(['users', 'create', '--email', 'cli@test.go.tz', '--name', 'Cli Person', '--role', 'institution_officer', '--password-stdin'], { input: 'a-good-long-passphrase\n' });
  assert.equal(noInst.code, 1);
  assert.match(noInst.err, /institution/);
  const ok = run(['users', 'create', '--email', 'cli@test.go.tz', '--name', 'Cli Person', '--role', 'institution_officer', '--institution', 'NIDA', '--password-stdin'], { input: 'a-good-long-passphrase\n' });
  assert.equal(ok.code, 0, ok.err);
  assert.match(ok.out, /created cli@test\.go\.tz/);

  const tok = run(['tokens', 'create', '--user', 'cli@test.go.tz', '--scope', 'read', '--expires-days', '30']);
  assert.equal(tok.code, 0, tok.err);
  assert.match(tok.out.trim(), /^vw_[0-9a-f]{8}_[A-Za-z0-9_-]+$/);

  const good = run(['audit', 'verify']);
  assert.equal(good.code, 0, good.err);
  const checked = Number(good.out.match(/(\d+) entries checked/)![1]);
  assert.ok(checked >= 3);

  // Tamper with one row directly in the database, as an insider with SQL access might.
  const db = await openDatabase(env.DATABASE_URL ? { databaseUrl: env.DATABASE_URL } : { dataDir });
  const [row] = await db.query<{ seq: string }>("SELECT seq FROM audit_log WHERE action = 'user.create' LIMIT 1");
  await db.query(`UPDATE audit_log SET actor_label = 'someone-else' WHERE seq = $1`, [row.seq]);
  await db.close();
  const bad = run(['audit', 'verify']);
  assert.equal(bad.code, 1);
  assert.match(bad.err, new RegExp(`audit trail broken at entry ${row.seq}:`));
});

test('audit verify catches a consistent rewrite or a cut of the tail once a checkpoint anchors it, and not before', async () => {
  const e = await freshEnv();
  const cli = (args: string[], extra: NodeJS.ProcessEnv = {}) => run(args, { env: { ...e, ...extra } });
  const open = () => openDatabase(e.DATABASE_URL ? { databaseUrl: e.DATABASE_URL } : { dataDir: e.DATA_DIR! });
  for (const n of [1, 2, 3]) {
    const r = run(['users', 'create', '--email', `anchor${n}@test.go.tz`, '--name', `Anchor ${n}`, '--role', 'auditor', '--password-stdin'], { input: 'a-good-long-passphrase\n', env: e });
    assert.equal(r.code, 0, r.err);
  }
  const none = cli(['audit', 'verify']);
  assert.equal(none.code, 0, none.err);
  assert.match(none.out, /no checkpoints yet/);

  const cp = cli(['audit', 'checkpoint']);
  assert.equal(cp.code, 0, cp.err);
  const checkpoint = JSON.parse(cp.out) as { seq: number; hash: string; keyId: string; signature: string };
  assert.deepEqual(Object.keys(checkpoint).sort(), ['at', 'hash', 'keyId', 'seq', 'signature']);
  const pub = cli(['audit', 'public-key']);
  assert.match(pub.out, /^-----BEGIN PUBLIC KEY-----\n[\s\S]+-----END PUBLIC KEY-----\n$/);
  const pubFile = path.join(e.DATA_DIR!, 'authority-copy.pub.pem');
  fs.writeFileSync(pubFile, pub.out);
  const held = cli(['audit', 'verify', '--public-key', pubFile]);
  assert.equal(held.code, 0, held.err);
  assert.match(held.out, new RegExp(`checkpoints hold: 1 checked .* vouches for entry ${checkpoint.seq}`));

  // The insider rewrites who created the last two accounts, hashes and head included.
  const db = await open();
  await rewriteTail(db, 2);
  await db.close();
  const elsewhere = path.join(e.DATA_DIR!, 'no-checkpoints.jsonl');
  const blind = cli(['audit', 'verify'], { AUDIT_CHECKPOINT_FILE: elsewhere });
  assert.equal(blind.code, 0, 'without a checkpoint the rewrite goes unnoticed');
  assert.match(blind.out, /audit trail intact/);
  const caught = cli(['audit', 'verify']);
  assert.equal(caught.code, 1);
  assert.match(caught.out, /audit trail intact/, 'the chain itself still verifies');
  assert.equal(caught.err.trim().split('\n').length, 1);
  assert.match(caught.err, new RegExp(`^viwango: audit trail does not match its checkpoints: entry ${checkpoint.seq} is not the one the checkpoint of .* vouches for: the chain was rewritten since`));
  // Signing the rewritten chain is refused too.
  const refused = cli(['audit', 'checkpoint']);
  assert.equal(refused.code, 1);
  assert.match(refused.err, /refusing to sign/);

  // Cutting the tail instead, on a chain that was anchored at its true end.
  const e2 = { AUDIT_CHECKPOINT_FILE: path.join(e.DATA_DIR!, 'second.jsonl') };
  assert.equal(cli(['audit', 'checkpoint'], e2).code, 0);
  const db2 = await open();
  await truncateTail(db2, 1);
  await db2.close();
  const cut = cli(['audit', 'verify'], e2);
  assert.equal(cut.code, 1);
  assert.match(cut.err, /the chain ends at entry \d+, but the checkpoint of .* vouches for entry \d+: entries were removed since/);
});

test('serve answers health checks and shuts down cleanly on SIGTERM', async () => {
  const { spawn } = await import('node:child_process');
  const port = 3700 + Math.floor(Math.random() * 200);
  const child = spawn(process.execPath, [bin, 'serve'], { env: { ...env, PORT: String(port), HOST: '127.0.0.1', DEMO_PASSWORD: 'demo-password-for-tests' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  try {
    let health: Response | undefined;
    for (let i = 0; i < 600 && !health; i++) {
      try {
        health = await fetch(`http://127.0.0.1:${port}/healthz`);
      } catch {
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    assert.ok(health, out);
    assert.deepEqual(Object.keys(await health.json()).sort(), ['db', 'status', 'version']);
    assert.match(out, /Viwango is running at http:\/\/localhost:\d+/);
  } finally {
    child.kill('SIGTERM');
  }
  const code = await new Promise((r) => child.once('exit', r));
  assert.equal(code, 0);
  assert.match(out, /SIGTERM received/);
});

test('seed --demo is refused in production', () => {
  const r = run(['seed', '--demo'], { env: { NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(40) } });
  assert.equal(r.code, 1);
  assert.match(r.err, /never created when NODE_ENV=production/);
});

test('secrets rotate re-seals stored secrets under the new key; an unknown key is one clear line', async () => {
  const { keyId, SecretBox } = await import('../platform/secrets.ts');
  const { settingContext } = await import('../platform/stored-secrets.ts');
  const [oldKey, newKey, otherKey] = Array.from({ length: 3 }, () => crypto.randomBytes(32));
  const withKeys = (current: Buffer, previous?: Buffer) => ({ env: { SECRETS_KEY: current.toString('base64'), ...(previous ? { SECRETS_KEY_PREVIOUS: previous.toString('base64') } : {}) } });
  const open = () => openDatabase(env.DATABASE_URL ? { databaseUrl: env.DATABASE_URL } : { dataDir });
  assert.equal(run(['migrate']).code, 0);
  let db = await open();
  const sealedOld = new SecretBox({ current: oldKey, previous: [] }).seal('the-cookie-secret', settingContext('cookie_secret'));
  await db.query("INSERT INTO app_settings (key, value) VALUES ('cookie_secret', $1) ON CONFLICT (key) DO UPDATE SET value = $1", [sealedOld]);
  await db.close();

  const stranger = run(['secrets', 'rotate'], withKeys(otherKey));
  assert.equal(stranger.code, 1);
  assert.equal(stranger.err.trim().split('\n').length, 1, stranger.err);
  assert.match(stranger.err, new RegExp(`key ${keyId(oldKey)}, which is neither SECRETS_KEY nor SECRETS_KEY_PREVIOUS`));

  const r = run(['secrets', 'rotate'], withKeys(newKey, oldKey));
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, new RegExp(`re-sealed 1 stored secrets under key ${keyId(newKey)}`));
  db = await open();
  const [row] = await db.query<{ value: string }>("SELECT value FROM app_settings WHERE key = 'cookie_secret'");
  const [audit] = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM audit_log WHERE action = 'secrets.rotate' AND actor_label LIKE 'cli:%'");
  await db.close();
  assert.equal(new SecretBox({ current: newKey, previous: [] }).open(row.value, settingContext('cookie_secret')), 'the-cookie-secret');
  assert.equal(Number(audit.n), 1);
});
