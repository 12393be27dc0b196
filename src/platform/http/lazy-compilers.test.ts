import { test } from 'node:test';
import assert from 'node:assert/strict';
import Fastify from 'fastify';
import { lazyCompilers } from './lazy-compilers.ts';

const body = { type: 'object', required: ['n'], properties: { n: { type: 'integer', minimum: 1, maximum: 9 } } };
const reply = { 200: { type: 'object', properties: { n: { type: 'integer' } } } };

test('routes keep their validation and response shape when their schemas are compiled on first use', async () => {
  const app = Fastify({ schemaController: { compilersFactory: lazyCompilers() }, ajv: { customOptions: { coerceTypes: 'array', allErrors: true } } });
  app.post('/n', { schema: { body, response: reply } }, async (req) => ({ n: (req.body as { n: number }).n, secret: 'not in the schema' }));
  await app.ready();
  const bad = await app.inject({ method: 'POST', url: '/n', payload: { n: 12 } });
  assert.equal(bad.statusCode, 400);
  assert.match(bad.json().message, /body\/n must be <= 9/);
  const good = await app.inject({ method: 'POST', url: '/n', payload: { n: '3' } });
  assert.equal(good.statusCode, 200);
  assert.deepEqual(good.json(), { n: 3 }, 'coerced by the validator; only the declared field serialized');
  const again = await app.inject({ method: 'POST', url: '/n', payload: {} });
  assert.match(again.json().message, /must have required property 'n'/);
  await app.close();
});

test('a broken schema no longer stops start-up: it fails its own route, on first use', async () => {
  const app = Fastify({ schemaController: { compilersFactory: lazyCompilers() } });
  app.post('/broken', { schema: { body: { type: 'no-such-type' } } }, async () => ({}));
  await app.ready();
  assert.equal((await app.inject({ method: 'POST', url: '/broken', payload: {} })).statusCode, 500);
  await app.close();
});
