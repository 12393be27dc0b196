import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { FileProblemError, fileStore } from './index.ts';

let dir: string;
before(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'viwango-files-'));
});
after(() => fs.rmSync(dir, { recursive: true, force: true }));

const leftovers = () => {
  const tmp = path.join(dir, 'files', '.tmp');
  return fs.existsSync(tmp) ? fs.readdirSync(tmp) : [];
};

test('bytes are stored once under their SHA-256 and read back', async () => {
  const store = fileStore(dir);
  const bytes = Buffer.from('Kiwango cha usalama wa taarifa');
  const sha = crypto.createHash('sha256').update(bytes).digest('hex');
  const a = await store.put(bytes);
  assert.deepEqual(a, { sha256: sha, size: bytes.length });
  assert.equal(store.pathOf(sha), path.join(dir, 'files', sha.slice(0, 2), sha));
  assert.ok(store.exists(sha));
  assert.equal(await text(store.read(sha)!), 'Kiwango cha usalama wa taarifa');
  assert.deepEqual(await store.put(Buffer.from(bytes)), a, 'the same bytes again');
  assert.equal(fs.readdirSync(path.dirname(store.pathOf(sha))).length, 1, 'kept once');
  assert.deepEqual(leftovers(), []);
});

test('a stream is stored as it arrives; one past its limit is refused and leaves nothing behind', async () => {
  const store = fileStore(dir);
  const chunks = Array.from({ length: 50 }, (_, i) => Buffer.alloc(64 * 1024, i));
  const r = await store.put(Readable.from(chunks));
  assert.equal(r.size, 50 * 64 * 1024);
  assert.equal(r.sha256, crypto.createHash('sha256').update(Buffer.concat(chunks)).digest('hex'));
  const before = fs.readdirSync(path.join(dir, 'files')).length;
  const big = Readable.from(Array.from({ length: 50 }, () => crypto.randomBytes(64 * 1024)));
  await assert.rejects(store.put(big, { maxBytes: 1024 * 1024 }), (e: unknown) => e instanceof FileProblemError && e.problem === 'tooLarge');
  assert.equal(fs.readdirSync(path.join(dir, 'files')).length, before, 'nothing stored');
  assert.deepEqual(leftovers(), [], 'no temporary file left');
});

test('only a real hash names a file: anything else is neither found nor turned into a path', () => {
  const store = fileStore(dir);
  for (const bad of ['../../etc/passwd', 'a'.repeat(63), `${'a'.repeat(64)}/..`, 'A'.repeat(64)]) {
    assert.equal(store.exists(bad), false);
    assert.equal(store.read(bad), undefined);
    assert.throws(() => store.pathOf(bad));
  }
  assert.equal(store.read('0'.repeat(64)), undefined, 'a hash that was never stored');
});
