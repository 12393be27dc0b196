import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import Fastify from 'fastify';
import { formatLogLine, prettyLogStream } from './log-format.ts';

test('a finished request reads as one line: time, level, method, path, status, duration, request id', () => {
  const line = JSON.stringify({ level: 30, time: Date.UTC(2026, 0, 2, 12, 4, 5, 120), pid: 1, hostname: 'h', reqId: '4f2a9c1e-0000', req: { method: 'GET', url: '/library' }, res: { statusCode: 200 }, responseTime: 14.2, msg: 'request completed' });
  assert.equal(formatLogLine(line), '12:04:05.120 INFO  request completed  GET /library  → 200 in 14 ms  req=4f2a9c1e');
});

test('an error keeps its stack, indented under its line; other fields follow as key=value', () => {
  const out = formatLogLine(JSON.stringify({ level: 50, time: 0, msg: 'mail delivery failed', attempt: 3, err: { type: 'Error', message: 'boom', stack: 'Error: boom\n    at send (mail.ts:1)' } }));
  assert.match(out, /^00:00:00\.000 ERROR mail delivery failed {2}attempt=3\n {4}Error: boom\n {8}at send/);
});

test('Fastify\'s logger writing through the stream gives readable lines, not JSON', async () => {
  const sink = new PassThrough();
  let text = '';
  sink.on('data', (d) => (text += d));
  const app = Fastify({ logger: { level: 'info', stream: prettyLogStream(sink) } });
  const log = app.log;
  log.info({ user: 'a@b.tz' }, 'signed in');
  log.debug('not shown at info');
  await new Promise((r) => setImmediate(r));
  await app.close();
  assert.match(text, /^\d\d:\d\d:\d\d\.\d{3} INFO {2}signed in {2}user=a@b\.tz\n$/);
});
