import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestDb, type TestDb } from '../../test/helpers.ts';
import { SYSTEM, verifyAudit } from './audit.ts';
import { defineAuditEvents, emailDomain, event, redactDetails, REDACTED } from './audit-events.ts';

const probe = defineAuditEvents({ module: 'probe', en: 'Probe', sw: 'Kipimo' }, {
  'probe.secretive': event<{ name: string; code?: string; note?: string; email?: string }>({
    entity: 'probe',
    en: 'Probe with secrets',
    sw: 'Kipimo chenye siri',
    redact: { code: 'omit', note: 'mask', email: 'emailDomain' },
  }),
  'probe.plain': event<{ password?: string; n?: number }>({ entity: 'probe', en: 'Plain probe', sw: 'Kipimo cha kawaida' }),
});

let t: TestDb;
before(async () => {
  t = await createTestDb();
});
after(() => t.close());

test('declared redactions: omitted fields are gone, masked ones marked, addresses kept as their domain', () => {
  const spec = probe.events['probe.secretive'];
  assert.deepEqual(redactDetails('probe.secretive', spec, { name: 'x', code: '123456', note: 'private', email: 'Juma@EGA.go.tz' }), { name: 'x', note: REDACTED, email: '…@ega.go.tz' });
  assert.deepEqual(redactDetails('probe.secretive', spec, { name: 'x' }), { name: 'x' });
  assert.equal(emailDomain('not an address'), REDACTED);
  assert.equal(emailDomain('a@b'), REDACTED);
});

test('a detail that names a secret but has no declared redaction is refused, not stored', async () => {
  const before = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_log');
  await assert.rejects(
    t.db.orm.transaction((tx) => probe.audit({ tx, source: SYSTEM }, 'probe.plain', { details: { password: 'hunter2' } })),
    /looks secret/,
  );
  const after = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_log');
  assert.equal(after[0].n, before[0].n);
});

test('the stored entry is the redacted one, and the chain verifies over it', async () => {
  await t.db.orm.transaction((tx) => probe.audit({ tx, source: SYSTEM }, 'probe.secretive', { entityId: 'p1', details: { name: 'kept', code: '654321', note: 'hidden', email: 'a@ega.go.tz' } }));
  const [row] = await t.db.query<{ entity_type: string; summary: Record<string, unknown> }>(`SELECT entity_type, summary FROM audit_log WHERE action = 'probe.secretive'`);
  assert.equal(row.entity_type, 'probe', 'the entity kind comes from the catalog');
  assert.deepEqual(row.summary, { name: 'kept', note: REDACTED, email: '…@ega.go.tz' });
  assert.deepEqual(await verifyAudit(t.db), { ok: true, checked: (await t.db.query('SELECT 1 FROM audit_log')).length });
});

test('an event name is declared by one module only, and an undeclared name is refused', async () => {
  assert.throws(() => defineAuditEvents({ module: 'other', en: 'Other', sw: 'Nyingine' }, { 'probe.plain': event({ entity: 'probe', en: 'x', sw: 'y' }) }), /declared by probe and other/);
  // A name that is not declared cannot be passed without a cast; at run time it is refused too.
  await assert.rejects(t.db.orm.transaction((tx) => probe.audit({ tx, source: SYSTEM }, 'probe.missing' as 'probe.plain', { details: {} })), /undeclared audit event probe\.missing/);
});
