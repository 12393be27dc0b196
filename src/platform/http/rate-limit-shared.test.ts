// The global per-address limit (RATE_LIMIT_PER_MINUTE) holds across instances (issue 13, item 6):
// two app instances on one database share one count, so a second instance does not double it.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp } from '../../app.ts';
import { createTestApp, type TestApp } from '../../../test/helpers.ts';

let t: TestApp;
after(() => t?.close());
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

test('two instances on one database share the per-address limit', async () => {
  // Windows are minutes of the clock: do not start just before one ends.
  const intoMinute = Date.now() % 60_000;
  if (intoMinute > 45_000) await sleep(60_000 - intoMinute + 200);
  t = await createTestApp({ rateLimitPerMinute: 20 });
  const second = await buildApp({ config: t.config, db: t.db });
  await second.ready();
  try {
    const hit = (app: typeof second, ip: string) => app.inject({ url: '/about', remoteAddress: ip }).then((r) => r.statusCode);
    const ip = '198.51.100.7';
    for (let i = 0; i < 14; i++) assert.equal(await hit(t.app, ip), 200);
    // Within about a second the first instance's count reaches the database.
    await sleep(1300);
    const statuses: number[] = [];
    statuses.push(await hit(second, ip));
    await sleep(1300);
    for (let i = 0; i < 10; i++) statuses.push(await hit(second, ip));
    const ok = statuses.filter((s) => s === 200).length;
    assert.equal(ok, 6, `the second instance allowed ${ok} of ${statuses.length}: ${statuses.join(' ')}`);
    assert.equal(statuses.at(-1), 429);
    // Another address has its own count on both instances.
    assert.equal(await hit(second, '198.51.100.8'), 200);
    assert.equal(await hit(t.app, '198.51.100.8'), 200);
  } finally {
    await second.close();
  }
});
