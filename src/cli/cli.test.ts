// Drives the real `viwango` command in a child process, on the embedded database (or on a fresh
// PostgreSQL database when TEST_DATABASE_URL is set).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { cliHarness, type CliHarness } from '../../test/cli.ts';

let cli: CliHarness;
const bin = path.resolve('bin/viwango.js');
const run: CliHarness['run'] = (args, opts) => cli.run(args, opts);

before(async () => {
  cli = await cliHarness();
});
after(() => cli.close());

test('--help lists the commands; an unknown command fails with one line and exit code 2', () => {
  const help = run(['--help']);
  assert.equal(help.code, 0);
  for (const c of ['serve', 'migrate', 'seed', 'users create', 'tokens create', 'audit verify']) assert.ok(help.out.includes(c), c);
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
  const db = await cli.open();
  const [row] = await db.query<{ seq: string }>("SELECT seq FROM audit_log WHERE action = 'user.create' LIMIT 1");
  await db.query(`UPDATE audit_log SET actor_label = 'someone-else' WHERE seq = $1`, [row.seq]);
  await db.close();
  const bad = run(['audit', 'verify']);
  assert.equal(bad.code, 1);
  assert.match(bad.err, new RegExp(`audit trail broken at entry ${row.seq}:`));
});

test('serve answers health checks and shuts down cleanly on SIGTERM', async () => {
  const { spawn } = await import('node:child_process');
  const port = 3700 + Math.floor(Math.random() * 200);
  const child = spawn(process.execPath, [bin, 'serve'], { env: { ...cli.env, PORT: String(port), HOST: '127.0.0.1', DEMO_PASSWORD: 'demo-password-for-tests' }, stdio: ['ignore', 'pipe', 'pipe'] });
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
