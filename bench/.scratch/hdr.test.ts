import { test } from 'node:test';
import { createTestApp } from '../../test/helpers.ts';
test('headers', async () => {
  const t = await createTestApp();
  for (const u of ['/', '/static/app.js', '/nothing', '/api/v1/documents?pageSize=1', '/%E0%A4%A']) {
    const r = await t.app.inject(u);
    const h = { ...r.headers } as Record<string, unknown>;
    for (const k of ['date', 'x-request-id', 'etag', 'content-length', 'last-modified', 'x-ratelimit-reset', 'x-ratelimit-remaining', 'set-cookie']) delete h[k];
    console.log(u, r.statusCode, JSON.stringify(Object.keys(h).sort().map((k) => [k, h[k]])));
  }
  await t.close();
});
