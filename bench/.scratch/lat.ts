import fs from 'node:fs';
import pg from 'pg';
import { startEmbeddedServer } from '../../src/platform/db/embedded-server.ts';
const dir = fs.mkdtempSync('/tmp/perf-lat-');
const server = await startEmbeddedServer(dir + '/pg');
async function run(name: string, cfg: pg.PoolConfig) {
  const pool = new pg.Pool({ ...cfg, max: 10 });
  await pool.query('select 1');
  for (const par of [1, 10]) {
    const t0 = performance.now(); let n = 0;
    await Promise.all(Array.from({ length: par }, async () => { while (performance.now() - t0 < 3000) { await pool.query('SELECT $1::int', [1]); n++; } }));
    console.log(name, 'parallel', par, (n / 3).toFixed(0), 'queries/s', ((3000 * par) / n).toFixed(2), 'ms each');
  }
  await pool.end();
}
await run('embedded', server.connection);
await run('system pg', { connectionString: 'postgres://postgres@127.0.0.1:5432/postgres' });
await server.stop();
fs.rmSync(dir, { recursive: true, force: true });
