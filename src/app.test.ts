import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import SwaggerParser from '@apidevtools/swagger-parser';
import { createTestApp, type TestApp } from '../test/helpers.ts';

let t: TestApp;
before(async () => {
  t = await createTestApp({ bodyLimit: 2048 });
});
after(() => t.close());

test('healthz reports ok, the database kind and the version', async () => {
  const res = await t.app.inject('/healthz');
  assert.equal(res.statusCode, 200);
  const body = res.json();
  assert.equal(body.status, 'ok');
  assert.equal(body.db, process.env.TEST_DATABASE_URL ? 'postgres' : 'embedded');
  assert.match(body.version, /^\d+\.\d+\.\d+/);
});

test('pages carry a strict Content-Security-Policy without inline script, and a request id', async () => {
  const res = await t.app.inject('/');
  const csp = String(res.headers['content-security-policy']);
  assert.match(csp, /script-src 'self'/);
  assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
  assert.match(csp, /frame-ancestors 'none'/);
  assert.match(String(res.headers['x-request-id']), /^[0-9a-f-]{36}$/);
  assert.equal(res.headers['x-content-type-options'], 'nosniff');
  assert.doesNotMatch(res.body, /<script(?![^>]*\bsrc=)[^>]*>/, 'no inline <script> blocks');
});

test('malformed JSON gets 400 problem+json', async () => {
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/tokens', headers: { 'content-type': 'application/json' }, payload: '{"name":' });
  assert.equal(res.statusCode, 400);
  assert.match(String(res.headers['content-type']), /application\/problem\+json/);
  assert.equal(res.json().status, 400);
});

test('an oversized body gets 413 with a message in the caller’s language', async () => {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/tokens',
    headers: { 'content-type': 'application/json', 'accept-language': 'en' },
    payload: JSON.stringify({ name: 'x'.repeat(5000) }),
  });
  assert.equal(res.statusCode, 413);
  assert.equal(res.json().title, 'The upload is too large');
});

test('unknown API paths answer 404 problem+json; unknown pages a 404 page in Kiswahili by default', async () => {
  const api = await t.app.inject('/api/v1/nothing-here');
  assert.equal(api.statusCode, 404);
  assert.match(String(api.headers['content-type']), /problem\+json/);
  const page = await t.app.inject('/no-such-page');
  assert.equal(page.statusCode, 404);
  assert.match(page.body, /<html lang="sw"/);
  assert.match(page.body, /Ukurasa haukupatikana/);
  const en = await t.app.inject('/no-such-page?lang=en');
  assert.match(en.body, /Page not found/);
});

test('the OpenAPI document is valid OpenAPI 3.1 and lists only /api/v1 routes', async () => {
  const res = await t.app.inject('/api/openapi.json');
  assert.equal(res.statusCode, 200);
  const doc = res.json();
  assert.equal(doc.openapi, '3.1.0');
  await SwaggerParser.validate(structuredClone(doc));
  const paths = Object.keys(doc.paths);
  assert.ok(paths.length > 0);
  for (const p of paths) assert.ok(p.startsWith('/api/v1/'), p);
  const docs = await t.app.inject('/api/docs?lang=en');
  assert.equal(docs.statusCode, 200);
  assert.match(docs.body, /API reference/);
  assert.match(docs.body, /\/api\/v1\/me/);
});

test('every registered route declares the permission it needs', () => {
  assert.ok(t.app.routeList.length > 5);
  for (const r of t.app.routeList) assert.ok(r.action, `${r.method} ${r.url}`);
});

test('every route schema compiles: start-up builds none of them, so a broken one must fail here', async () => {
  const built = t.app.compileRouteSchemas();
  assert.ok(built > 300, `${built} validators and serializers built`);
  assert.equal(t.app.compileRouteSchemas(), 0, 'each is built once');
});
