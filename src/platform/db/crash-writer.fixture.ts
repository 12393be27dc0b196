// Used by embedded-server.test.ts: opens the embedded database in DATA_DIR and commits audited rows
// from four concurrent writers until it is killed, printing each number once its commit returned.
import { sql } from 'drizzle-orm';
import { SYSTEM } from '../audit.ts';
import { openDatabase } from './database.ts';
import { migrate } from './migrate.ts';
import { defineAuditEvents, event } from '../audit-events.ts';

// The probe's own event: it is not part of the product, so no module's catalog declares it.
const { audit } = defineAuditEvents({ module: 'test', en: 'Tests', sw: 'Majaribio' }, { 'crash.probe': event({ entity: 'crash_probe', en: 'Crash probe', sw: 'Jaribio la kuzimika ghafla' }) });

const db = await openDatabase({ dataDir: process.env.DATA_DIR! });
await migrate(db);
await db.query('CREATE TABLE IF NOT EXISTS crash_probe (n bigint PRIMARY KEY, payload text NOT NULL)');
let next = Number(process.env.START_AT ?? 1);
process.stdout.write('ready\n');
async function writer(): Promise<never> {
  for (;;) {
    const n = next++;
    await db.orm.transaction(async (tx) => {
      await tx.execute(sql`INSERT INTO crash_probe (n, payload) VALUES (${n}, ${'x'.repeat(2000)})`);
      await audit({ tx, source: SYSTEM }, 'crash.probe', { entityId: String(n) });
    });
    process.stdout.write(`${n}\n`);
  }
}
await Promise.all([writer(), writer(), writer(), writer()]);
