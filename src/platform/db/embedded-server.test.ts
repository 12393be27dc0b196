// The embedded server's data folder survives crashes: Viwango killed with kill -9 in the middle of
// writes (its server then stops by itself), and everything killed at once (the server must recover
// from its write-ahead log and a stale postmaster.pid). Every commit that was acknowledged is there
// afterwards and the audit chain verifies. A second process on the same folder gets a clear error.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from './database.ts';
import { verifyAudit } from '../audit.ts';

const bin = path.resolve('bin/viwango.js');
const writerScript = path.resolve('src/platform/db/crash-writer.fixture.ts');

/** Runs the writer until `commits` numbers were acknowledged, then kills it; returns what was acknowledged. */
async function writeThenKill(dataDir: string, startAt: number, commits: number, killGroup: boolean): Promise<number[]> {
  const child = spawn(process.execPath, ['--import', 'tsx', writerScript], {
    env: { ...process.env, DATA_DIR: dataDir, START_AT: String(startAt) },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let out = '';
  let err = '';
  child.stderr.on('data', (d) => (err += d));
  const acknowledged = await new Promise<number[]>((resolve, reject) => {
    child.stdout.on('data', (d) => {
      out += d;
      const done = out.split('\n').filter((l) => /^\d+$/.test(l)).map(Number);
      if (done.length >= commits) resolve(done);
    });
    child.once('exit', (code) => reject(new Error(`writer exited early (${code}): ${err}`)));
  });
  const exited = new Promise((r) => child.once('exit', r));
  // The whole process group is Viwango, the namespace helpers and the database server with its workers.
  if (killGroup) process.kill(-child.pid!, 'SIGKILL');
  else child.kill('SIGKILL');
  await exited;
  // Lines already written when the kill landed count as acknowledged too.
  return out.split('\n').filter((l) => /^\d+$/.test(l)).map(Number).concat(acknowledged).filter((n, i, a) => a.indexOf(n) === i);
}

test('kill -9 during writes loses no acknowledged commit, and the audit chain verifies after restart', { timeout: 600_000, skip: process.env.TEST_DATABASE_URL ? 'about the embedded server only' : false }, async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'viwango-crash-'));
  try {
    const first = await writeThenKill(dataDir, 1, 150, false);
    // Straight away: the old server may still be shutting down, which the next start must wait for.
    const second = await writeThenKill(dataDir, 100_000, 150, true);
    assert.ok(fs.existsSync(path.join(dataDir, 'pg', 'postmaster.pid')), 'a stale postmaster.pid is left behind');

    const db = await openDatabase({ dataDir });
    try {
      const rows = await db.query<{ n: string }>('SELECT n FROM crash_probe');
      const have = new Set(rows.map((r) => Number(r.n)));
      const lost = [...first, ...second].filter((n) => !have.has(n));
      assert.deepEqual(lost, [], 'acknowledged commits missing after the crashes');
      const audited = await db.query<{ c: string }>("SELECT count(*) AS c FROM audit_log WHERE action = 'crash.probe'");
      assert.equal(Number(audited[0].c), have.size, 'each row has its audit entry and no entry lacks its row');
      const chain = await verifyAudit(db);
      assert.equal(chain.ok, true);

      // While this process holds the folder, another one is turned away with a clear message.
      const other = spawnSync(process.execPath, [bin, 'audit', 'verify'], { env: { ...process.env, DATA_DIR: dataDir, NODE_ENV: 'test' }, encoding: 'utf8', timeout: 120_000 });
      assert.equal(other.status, 2, other.stderr);
      assert.match(other.stderr, /DATA_DIR: .* is in use by another Viwango process \(PID \d+\)/);
    } finally {
      await db.close();
    }
    const verify = spawnSync(process.execPath, [bin, 'audit', 'verify'], { env: { ...process.env, DATA_DIR: dataDir, NODE_ENV: 'test' }, encoding: 'utf8', timeout: 120_000 });
    assert.equal(verify.status, 0, verify.stderr);
    assert.match(verify.stdout, /audit trail intact/);
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
