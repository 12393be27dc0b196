// kill -9 during writes on a PostgreSQL server (issue 13, 5f; embedded-server.test.ts does the same
// for the embedded default). Viwango runs as a child process (`viwango serve`) on its own database
// on TEST_DATABASE_URL's server; four clients create API tokens through it (each an audited,
// sensitive write that also asks for a signed checkpoint) until Viwango is killed with SIGKILL; it
// is started again and killed again; then every acknowledged write must be there with its audit
// entry, no row may lack its entry nor an entry its row, and `viwango audit verify` must pass.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createTestDb, makeUser, apiToken } from '../../../test/helpers.ts';

const bin = path.resolve('bin/viwango.js');
const skip = process.env.TEST_DATABASE_URL ? false : 'needs a PostgreSQL server: set TEST_DATABASE_URL (CI sets it for its second pass)';

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

test('kill -9 of Viwango on a PostgreSQL server during writes: nothing half-written, the audit trail verifies', { skip, timeout: 300_000 }, async () => {
  const tdb = await createTestDb();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'viwango-pgcrash-'));
  const children: ChildProcess[] = [];
  try {
    const [{ name }] = await tdb.db.query<{ name: string }>('SELECT current_database() AS name');
    const url = new URL(process.env.TEST_DATABASE_URL!);
    url.pathname = `/${name}`;
    const user = await makeUser(tdb.db, 'institution_officer', 'NIDA');
    const token = await apiToken(tdb.db, user, 'write');
    const env = {
      ...process.env,
      NODE_ENV: 'production',
      DATABASE_URL: url.toString(),
      DATA_DIR: dataDir,
      SECRETS_KEY: crypto.randomBytes(32).toString('base64'),
      SESSION_SECRET: crypto.randomBytes(32).toString('hex'),
      RATE_LIMIT_PER_MINUTE: '100000',
      LOG_LEVEL: 'warn',
    };

    /** Starts Viwango, writes until `commits` writes were acknowledged, kills it; returns the acknowledged ids. */
    async function writeThenKill(commits: number): Promise<string[]> {
      const port = await freePort();
      const child = spawn(process.execPath, [bin, 'serve'], { env: { ...env, PORT: String(port), HOST: '127.0.0.1' }, stdio: ['ignore', 'ignore', 'pipe'] });
      children.push(child);
      let err = '';
      child.stderr!.on('data', (d) => (err += d));
      const exited = new Promise((r) => child.once('exit', r));
      const base = `http://127.0.0.1:${port}`;
      for (let i = 0; ; i++) {
        if (child.exitCode !== null) throw new Error(`viwango serve exited: ${err}`);
        if (i > 600) throw new Error(`viwango serve did not answer within 60 s: ${err}`);
        const ok = await fetch(`${base}/healthz`).then((r) => r.ok, () => false);
        if (ok) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      const acknowledged: string[] = [];
      let stop = false;
      let n = 0;
      const writer = async () => {
        while (!stop) {
          const res = await fetch(`${base}/api/v1/tokens`, {
            method: 'POST',
            headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
            body: JSON.stringify({ name: `crash ${n++}`, scope: 'read' }),
          }).catch(() => null);
          if (!res) return;
          if (res.status === 201) acknowledged.push(((await res.json()) as { record: { id: string } }).record.id);
          else if (res.status >= 500) throw new Error(`write answered ${res.status}: ${await res.text()}`);
        }
      };
      const writers = [writer(), writer(), writer(), writer()];
      while (acknowledged.length < commits) {
        if (child.exitCode !== null) throw new Error(`viwango serve exited: ${err}`);
        await new Promise((r) => setTimeout(r, 10));
      }
      // Killed in the middle: the writers' requests are in flight.
      child.kill('SIGKILL');
      await exited;
      stop = true;
      await Promise.all(writers);
      return acknowledged;
    }

    const acknowledged = [...(await writeThenKill(80)), ...(await writeThenKill(80))];
    const rows = await tdb.db.query<{ id: string }>('SELECT id FROM api_tokens WHERE user_id = $1', [user.id]);
    const have = new Set(rows.map((r) => r.id));
    assert.deepEqual(acknowledged.filter((id) => !have.has(id)), [], 'acknowledged writes missing after the kills');
    const entries = await tdb.db.query<{ entity_id: string }>("SELECT entity_id FROM audit_log WHERE action = 'token.create' AND actor_id = $1", [user.id]);
    const logged = new Set(entries.map((e) => e.entity_id));
    assert.deepEqual([...have].filter((id) => !logged.has(id)), [], 'rows without their audit entry');
    assert.deepEqual([...logged].filter((id) => !have.has(id)), [], 'audit entries without their row');

    // The chain and the signed checkpoints written before and after the kills.
    const verify = spawnSync(process.execPath, [bin, 'audit', 'verify'], { env, encoding: 'utf8' });
    assert.equal(verify.status, 0, `${verify.stdout}${verify.stderr}`);
    assert.ok(fs.readFileSync(path.join(dataDir, 'audit-checkpoints.jsonl'), 'utf8').trim().split('\n').length >= 2, 'checkpoints were written');
  } finally {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    await tdb.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
