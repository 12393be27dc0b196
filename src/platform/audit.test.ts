import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { auditProbe, createTestDb, type TestDb } from '../../test/helpers.ts';
import { verifyAudit } from './audit.ts';

let t: TestDb;
before(async () => {
  t = await createTestDb();
  for (let i = 0; i < 5; i++) {
    await auditProbe(t.db, { entityId: String(i), details: { n: i, nested: { b: 2, a: 1 } } });
  }
});
after(() => t.close());

async function seqs(): Promise<number[]> {
  return (await t.db.query<{ seq: string }>('SELECT seq FROM audit_log ORDER BY seq')).map((r) => Number(r.seq));
}

test('an intact chain verifies and reports how many entries it checked', async () => {
  const r = await verifyAudit(t.db);
  assert.deepEqual(r, { ok: true, checked: (await seqs()).length });
});

test('an entry written while the chain is checked is not taken for a missing tail', async () => {
  // Another instance appends just after the walk reached the end and before the head is read.
  let injected = false;
  const racing: typeof t.db = {
    ...t.db,
    query: async (text, params) => {
      if (!injected && text.includes('FROM audit_head')) {
        injected = true;
        await auditProbe(t.db);
      }
      return t.db.query(text, params);
    },
  };
  const r = await verifyAudit(racing);
  assert.ok(injected);
  assert.deepEqual(r, { ok: true, checked: (await seqs()).length });
});

test('a change that fails rolls back its audit entry with it', async () => {
  const before = (await seqs()).length;
  await assert.rejects(
    auditProbe(t.db, {}, async () => {
      throw new Error('boom');
    }),
  );
  assert.equal((await seqs()).length, before);
  assert.equal((await verifyAudit(t.db)).ok, true);
});

test('editing an entry is detected and the entry is named', async () => {
  const s = await seqs();
  const target = s[3];
  await t.db.query(`UPDATE audit_log SET summary = '{"n": 99}'::jsonb WHERE seq = $1`, [target]);
  const r = await verifyAudit(t.db);
  assert.equal(r.ok, false);
  assert.equal(!r.ok && r.badSeq, target);
});

test('deleting an entry, or the newest one, is detected', async () => {
  const fresh = await createTestDb();
  try {
    for (let i = 0; i < 3; i++) await auditProbe(fresh.db);
    const all = (await fresh.db.query<{ seq: string }>('SELECT seq FROM audit_log ORDER BY seq')).map((r) => Number(r.seq));
    await fresh.db.query('DELETE FROM audit_log WHERE seq = $1', [all[all.length - 1]]);
    const tail = await verifyAudit(fresh.db);
    assert.equal(tail.ok, false, 'removing the newest entry is noticed through the head record');
    await fresh.db.query('DELETE FROM audit_log WHERE seq = $1', [all[1]]);
    const mid = await verifyAudit(fresh.db);
    assert.equal(mid.ok, false);
    assert.equal(!mid.ok && mid.badSeq, all[2]);
  } finally {
    await fresh.close();
  }
});
