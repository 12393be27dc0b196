// Sensitive actions (issue 13, item 2): a role change, a deactivation, a new API token… is followed
// by a signed checkpoint at once, not at the next quarter hour; several within a minute share one.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { auditProbe, createTestDb, makeUser, testConfig, type TestDb } from '../../test/helpers.ts';
import { checkpointFile, readCheckpoints } from './audit-checkpoints.ts';
import { startAuditCheckpoints } from './audit-checkpoint-schedule.ts';
import { createCtx } from './context.ts';
import { actorFor } from '../modules/identity/users.service.ts';
import { createToken } from '../modules/identity/tokens.service.ts';

let t: TestDb;
let dataDir: string;
before(async () => {
  t = await createTestDb();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'viwango-sensitive-'));
});
after(async () => {
  await t.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

test('a sensitive action leads to a new checkpoint line soon; others within the gap share the next; ordinary actions wait for the schedule', async () => {
  const config = testConfig({ dataDir });
  const file = checkpointFile(config);
  const lines = () => (fs.existsSync(file) ? readCheckpoints(file).lines.length : 0);
  const until = async (n: number, ms: number) => {
    const end = Date.now() + ms;
    while (lines() < n && Date.now() < end) await sleep(25);
    return lines();
  };
  const user = await makeUser(t.db, 'institution_officer', 'NIDA');
  const ctx = createCtx({ db: t.db, config, actor: await actorFor(t.db.orm, user, 'web') });
  const errors: unknown[] = [];
  const gap = 1500;
  const stop = startAuditCheckpoints(t.db, config, (e) => errors.push(e), 3_600_000, { sensitiveGapMs: gap, settleMs: 20 });
  try {
    // Start-up writes one for the entries already there.
    const start = await until(1, 5000);
    assert.equal(start, 1);

    // An ordinary change: nothing until the schedule's next turn (an hour here).
    await auditProbe(t.db);
    await sleep(300);
    assert.equal(lines(), 1, 'no checkpoint after an ordinary action');

    // A new API token: a checkpoint follows within moments, covering the token's entry.
    const made = Date.now();
    await createToken(ctx, { name: 'sensitive', scope: 'read', institutionId: null });
    assert.equal(await until(2, 3000), 2, 'a checkpoint after the token was made');
    assert.ok(Date.now() - made < gap, 'the first one comes at once');
    const [head] = await t.db.query<{ seq: string }>('SELECT seq FROM audit_head');
    assert.equal((readCheckpoints(file).lines.at(-1) as { checkpoint: { seq: number } }).checkpoint.seq, Number(head.seq), 'it names the new head');

    // Three more within the gap: one checkpoint, after the gap, covering all three.
    for (let i = 0; i < 3; i++) await createToken(ctx, { name: `sensitive ${i}`, scope: 'read', institutionId: null });
    await sleep(gap / 3);
    assert.equal(lines(), 2, 'not before the gap has passed');
    assert.equal(await until(3, gap * 3), 3);
    await sleep(400);
    assert.equal(lines(), 3, 'one checkpoint for the three');
    const [head2] = await t.db.query<{ seq: string }>('SELECT seq FROM audit_head');
    assert.equal((readCheckpoints(file).lines.at(-1) as { checkpoint: { seq: number } }).checkpoint.seq, Number(head2.seq));
    assert.deepEqual(errors, []);
  } finally {
    await stop();
  }
});
