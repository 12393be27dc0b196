import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { auditProbe, createTestDb, testConfig, type TestDb } from '../../test/helpers.ts';
import { rewriteTail, truncateTail } from '../../test/audit-attacker.ts';
import { ConfigError, type Config } from '../config.ts';
import { verifyAudit } from './audit.ts';
import { checkpointFile, readCheckpoints, signatureValid, verifyAnchored, verifyCheckpoints, writeCheckpoint, CheckpointRefused } from './audit-checkpoints.ts';
import { loadSigningKey, parsePublicKey, signingKeyFile } from './audit-signing-key.ts';
import { requestCheckpoint, startAuditCheckpoints } from './audit-checkpoint-schedule.ts';

let dirs: string[] = [];
function freshConfig(extra: Partial<Config> = {}): Config {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'viwango-checkpoints-'));
  dirs.push(dataDir);
  return testConfig({ dataDir, ...extra });
}

async function addEntries(t: TestDb, n: number) {
  for (let i = 0; i < n; i++) await auditProbe(t.db, { entityId: String(i) });
}

let t: TestDb;
before(async () => {
  t = await createTestDb();
});
after(async () => {
  await t.close();
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

/**
 * Each scenario starts a new checkpoint file on the one database. The attacks below keep the hash
 * chain itself valid (that is the point), so a new file sees a sound chain every time.
 */
async function scenario(fn: (db: TestDb, config: Config) => Promise<void>) {
  await addEntries(t, 6);
  await fn(t, freshConfig());
}

test('the default key is made once, readable by its owner only, and a configured key must exist', () => {
  const config = freshConfig();
  const a = loadSigningKey(config);
  const b = loadSigningKey(config);
  assert.equal(a.keyId, b.keyId);
  assert.match(a.keyId, /^[0-9a-f]{16}$/);
  const file = signingKeyFile(config);
  assert.equal(file, path.join(config.dataDir, 'keys', 'audit-ed25519.pem'));
  assert.equal(fs.statSync(file).mode & 0o777, 0o600);
  assert.match(a.publicPem, /^-----BEGIN PUBLIC KEY-----/);
  assert.ok(!fs.readFileSync(file, 'utf8').includes(a.publicPem.split('\n')[1]), 'the file holds the private key');

  const missing = path.join(config.dataDir, 'elsewhere.pem');
  assert.throws(() => loadSigningKey({ ...config, auditSigningKeyFile: missing }), (e: unknown) => e instanceof ConfigError && /AUDIT_SIGNING_KEY_FILE: cannot use the audit signing key .*ENOENT/.test(e.message));
  assert.equal(fs.existsSync(missing), false, 'a configured key is never generated');
  const rsa = crypto.generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' });
  fs.writeFileSync(missing, rsa);
  assert.throws(() => loadSigningKey({ ...config, auditSigningKeyFile: missing }), /is not an Ed25519 private key/);
});

test('a checkpoint is signed, appended with its key, and the chain verifies against it', async () => {
  await addEntries(t, 3);
  const config = freshConfig();
  const c = await writeCheckpoint(t.db, config);
  assert.ok(c);
  const head = (await t.db.query<{ seq: string; hash: string }>('SELECT seq, hash FROM audit_head'))[0];
  assert.equal(c.seq, Number(head.seq));
  assert.equal(c.hash, head.hash);
  const key = loadSigningKey(config);
  assert.equal(c.keyId, key.keyId);
  assert.ok(signatureValid(c, key.publicKey));
  assert.equal(signatureValid({ ...c, seq: c.seq - 1 }, key.publicKey), false, 'the signature covers the seq');

  const lines = fs.readFileSync(checkpointFile(config), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  assert.deepEqual(Object.keys(lines[0]).sort(), ['at', 'keyId', 'publicKey']);
  assert.deepEqual(Object.keys(lines[1]).sort(), ['at', 'hash', 'keyId', 'seq', 'signature']);
  assert.equal(fs.statSync(checkpointFile(config)).mode & 0o777, 0o600);

  // Nothing new: with onlyIfNew nothing is written; a second key line is never added.
  assert.equal(await writeCheckpoint(t.db, config, { onlyIfNew: true }), null);
  await addEntries(t, 1);
  assert.ok(await writeCheckpoint(t.db, config, { onlyIfNew: true }));
  const content = readCheckpoints(checkpointFile(config));
  assert.equal(content.keys.length, 1);
  assert.equal(content.lines.length, 2);
  const r = await verifyAnchored(t.db, config);
  assert.equal(r.chain.ok, true);
  assert.equal(r.checkpoints?.ok, true);
  assert.equal(r.checkpoints?.ok && r.checkpoints.count, 2);
});

test('a consistent rewrite of the tail passes the chain check but not the checkpoints', () =>
  scenario(async (f, config) => {
    const c = await writeCheckpoint(f.db, config);
    await addEntries(f, 2);
    const rewritten = await rewriteTail(f.db, 4);
    assert.equal((await verifyAudit(f.db)).ok, true, 'the hash chain alone cannot tell');
    const r = await verifyCheckpoints(f.db, config);
    assert.equal(r.ok, false);
    assert.ok(!r.ok && r.problem === 'rewritten' && r.seq === c!.seq && r.line === 2, JSON.stringify(r));
    assert.ok(rewritten.includes(c!.seq));
    // And the server refuses to vouch for the rewritten chain.
    await assert.rejects(writeCheckpoint(f.db, config), (e: unknown) => e instanceof CheckpointRefused && new RegExp(`entry ${c!.seq} no longer has the hash`).test(e.message));
  }));

test('cutting the tail and moving the head back is reported as truncation', () =>
  scenario(async (f, config) => {
    const c = await writeCheckpoint(f.db, config);
    await truncateTail(f.db, 2);
    assert.equal((await verifyAudit(f.db)).ok, true);
    const r = await verifyCheckpoints(f.db, config);
    assert.ok(!r.ok && r.problem === 'truncated' && r.seq === c!.seq && r.end === c!.seq - 2, JSON.stringify(r));
  }));

test('a forged or altered checkpoint line, an unknown key and a garbled line are each reported', () =>
  scenario(async (f, config) => {
    const c = (await writeCheckpoint(f.db, config))!;
    const file = checkpointFile(config);
    const original = fs.readFileSync(file, 'utf8');
    // Someone moves the checkpoint back to an older entry without the key.
    const older = (await f.db.query<{ seq: string; hash: string }>('SELECT seq, hash FROM audit_log WHERE seq < $1 ORDER BY seq DESC LIMIT 1', [c.seq]))[0];
    fs.appendFileSync(file, JSON.stringify({ ...c, seq: Number(older.seq), hash: older.hash }) + '\n');
    let r = await verifyCheckpoints(f.db, config);
    assert.ok(!r.ok && r.problem === 'bad_signature' && r.line === 3 && r.count === 1, JSON.stringify(r));

    // A checkpoint signed with a key of the forger's own is not trusted when only the real key is.
    fs.writeFileSync(file, original);
    const forger = freshConfig();
    await writeCheckpoint(f.db, { ...forger, auditCheckpointFile: file });
    assert.equal((await verifyCheckpoints(f.db, config)).ok, true, 'both keys are listed in the file');
    r = await verifyCheckpoints(f.db, config, [loadSigningKey(config).publicKey]);
    assert.ok(!r.ok && r.problem === 'unknown_key' && r.keyId === loadSigningKey(forger).keyId, JSON.stringify(r));

    fs.writeFileSync(file, original + '{"seq": 1, "hash": "not a hash"\n');
    r = await verifyCheckpoints(f.db, config);
    assert.ok(!r.ok && r.problem === 'unreadable' && r.line === 3, JSON.stringify(r));
  }));

test('a rotated key: old checkpoints keep verifying with the old public key kept in the file', () =>
  scenario(async (f, config) => {
    await writeCheckpoint(f.db, config);
    const newKey = path.join(config.dataDir, 'new-key.pem');
    fs.writeFileSync(newKey, crypto.generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
    const rotated = { ...config, auditSigningKeyFile: newKey };
    await addEntries(f, 1);
    const c2 = (await writeCheckpoint(f.db, rotated))!;
    assert.notEqual(c2.keyId, loadSigningKey(config).keyId);
    const content = readCheckpoints(checkpointFile(config));
    assert.equal(content.keys.length, 2);
    const r = await verifyCheckpoints(f.db, rotated);
    assert.ok(r.ok && r.count === 2);
    assert.ok(parsePublicKey(content.keys[0].publicKey));
  }));

test('requests for a checkpoint made together share one; the schedule writes only when entries are new', () =>
  scenario(async (f, config) => {
    const errors: unknown[] = [];
    const stop = startAuditCheckpoints(f.db, config, (e) => errors.push(e), 60_000);
    try {
      const first = await requestCheckpoint();
      assert.ok(first);
      assert.equal(await requestCheckpoint(), null, 'no new entries, nothing written');
      await addEntries(f, 1);
      const together = await Promise.all([requestCheckpoint(), requestCheckpoint(), requestCheckpoint()]);
      assert.ok(together[0]);
      assert.ok(together.every((c) => c === together[0]));
      assert.equal(readCheckpoints(checkpointFile(config)).lines.length, 2);
      // A failure is logged, never thrown at the caller.
      await rewriteTail(f.db, 1);
      await addEntries(f, 1);
      assert.equal(await requestCheckpoint(), null);
      assert.equal(errors.length, 1);
      assert.ok(errors[0] instanceof CheckpointRefused);
    } finally {
      await stop();
    }
    assert.equal(await requestCheckpoint(), null, 'after stop, requests do nothing');
  }));
