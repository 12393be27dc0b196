import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp } from '../../../test/helpers.ts';

test('healthz answers 503 when the database stops answering, and pages say the service is unavailable', async () => {
  const t = await createTestApp();
  try {
    assert.equal((await t.app.inject('/healthz')).statusCode, 200);
    await t.db.close();
    const res = await t.app.inject('/healthz');
    assert.equal(res.statusCode, 503);
    assert.equal(res.json().status, 'unavailable');
    const page = await t.app.inject('/?lang=en');
    assert.equal(page.statusCode, 503);
    assert.match(page.body, /The service is temporarily unavailable/);
    const api = await t.app.inject({ url: '/api/v1/me', headers: { authorization: 'Bearer vw_00000000_' + 'a'.repeat(32) } });
    assert.equal(api.statusCode, 503);
    assert.match(String(api.headers['content-type']), /problem\+json/);
  } finally {
    await t.app.close();
  }
});
