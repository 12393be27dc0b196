// The job runner on a real database: claims, retries, leases, schedules, progress, transactions,
// de-duplication, graceful stop, mail delivery over a real (tiny) SMTP server, and the pages and
// API that show jobs.
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { createTestApp, makeUser, signIn, apiToken, type TestApp } from '../../../test/helpers.ts';
import { queueMail } from '../mail.ts';
import { fileStore } from '../files/index.ts';
import { defineJob, schedule, enqueue, startJobRunner, runJobsNow, getJob, type JobContext } from './index.ts';
import { claimNext, recordSuccess } from './store.ts';
import { fireDueSchedules, registerSchedules } from './schedules.ts';

let t: TestApp;
before(async () => {
  t = await createTestApp();
});
after(() => t.close());
beforeEach(async () => {
  await t.db.query('DELETE FROM jobs');
  await t.db.query('DELETE FROM job_schedules');
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until(check: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await sleep(20);
  }
}
const statusOf = async (id: number) => (await getJob(t.db, id))!.status;
const add = <P>(type: string, payload: P, opts = {}) => t.db.orm.transaction((tx) => enqueue(tx, type, payload, opts));

const runs = new Map<number, number>();
defineJob<{ n: number }>('test.count', {
  async handler(job) {
    runs.set(job.id, (runs.get(job.id) ?? 0) + 1);
    await sleep(2);
    return { doubled: job.payload.n * 2 };
  },
});

test('a job enqueued in a transaction that rolls back does not exist; one that commits runs with its payload', async () => {
  await assert.rejects(
    t.db.orm.transaction(async (tx) => {
      await enqueue(tx, 'test.count', { n: 1 });
      throw new Error('the change failed');
    }),
    /the change failed/,
  );
  assert.equal((await t.db.query('SELECT 1 FROM jobs')).length, 0);
  const id = await add('test.count', { n: 21 });
  assert.equal(await runJobsNow(t.db, { until: 'idle', config: t.config }), 1);
  const job = (await getJob(t.db, id))!;
  assert.equal(job.status, 'done');
  assert.deepEqual(job.result, { doubled: 42 });
  assert.equal(job.attempts, 1);
});

test('a dedupe key gives one job while it waits or runs, and a new one after it finished', async () => {
  const a = await add('test.count', { n: 1 }, { dedupeKey: 'inst-7' });
  const b = await add('test.count', { n: 2 }, { dedupeKey: 'inst-7' });
  const other = await add('test.count', { n: 3 }, { dedupeKey: 'inst-8' });
  assert.equal(a, b);
  assert.notEqual(a, other);
  await runJobsNow(t.db, { until: 'idle', config: t.config });
  const c = await add('test.count', { n: 4 }, { dedupeKey: 'inst-7' });
  assert.notEqual(c, a);
  assert.deepEqual((await getJob(t.db, a))!.payload, { n: 1 });
});

test('two runners working the same queue run every job exactly once', async () => {
  runs.clear();
  const ids: number[] = [];
  for (let i = 0; i < 40; i++) ids.push(await add('test.count', { n: i }));
  const one = startJobRunner(t.db, t.config, { concurrency: 3, pollMs: 20 });
  const two = startJobRunner(t.db, t.config, { concurrency: 3, pollMs: 20 });
  try {
    await until(async () => Number((await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM jobs WHERE type = 'test.count' AND status = 'done'`))[0].n) === 40);
  } finally {
    await Promise.all([one.stop(), two.stop()]);
  }
  assert.deepEqual(
    ids.filter((id) => runs.get(id) !== 1),
    [],
    'every job ran once',
  );
  const attempts = await t.db.query<{ attempts: number }>(`SELECT DISTINCT attempts FROM jobs WHERE type = 'test.count'`);
  assert.deepEqual(attempts, [{ attempts: 1 }]);
});

defineJob('test.broken', {
  maxAttempts: 3,
  async handler() {
    throw new Error('the registry is unreachable');
  },
});

test('a failing job is retried with growing back-off, then failed with its error kept', async () => {
  const id = await add('test.broken', {});
  const delays: number[] = [];
  for (let attempt = 1; attempt <= 3; attempt++) {
    assert.equal(await runJobsNow(t.db, { until: 'idle', config: t.config }), 1, `attempt ${attempt} runs`);
    const [row] = await t.db.query<{ status: string; attempts: number; last_error: string; wait: number }>(
      `SELECT status, attempts, last_error, extract(epoch FROM run_at - now())::float AS wait FROM jobs WHERE id = $1`,
      [id],
    );
    assert.equal(row.attempts, attempt);
    assert.match(row.last_error, /the registry is unreachable/);
    if (attempt < 3) {
      assert.equal(row.status, 'queued');
      delays.push(row.wait);
      // Not due yet: the queue is idle until the back-off has passed.
      assert.equal(await runJobsNow(t.db, { until: 'idle', config: t.config }), 0);
      await t.db.query('UPDATE jobs SET run_at = now() WHERE id = $1', [id]);
    } else {
      assert.equal(row.status, 'failed');
    }
  }
  // Default back-off: 10 s then 20 s, each with up to half of it as jitter.
  assert.ok(delays[0] >= 4 && delays[0] <= 10.5, `first wait ${delays[0]}`);
  assert.ok(delays[1] >= 9 && delays[1] <= 20.5, `second wait ${delays[1]}`);
  const job = (await getJob(t.db, id))!;
  assert.ok(job.finishedAt);
  assert.equal(await runJobsNow(t.db, { until: 'idle', config: t.config }), 0, 'a failed job is not run again by itself');
});

test('a job whose runner died is claimed again when its lease expires; the dead runner cannot record over it', async () => {
  const id = await add('test.count', { n: 5 });
  const dead = await claimNext(t.db, 'crashed-instance', ['test.count'], 60);
  assert.equal(dead?.id, id);
  // While the lease holds, nobody else takes it.
  assert.equal(await runJobsNow(t.db, { until: 'idle', config: t.config }), 0);
  await t.db.query(`UPDATE jobs SET locked_until = now() - interval '1 second' WHERE id = $1`, [id]);
  assert.equal(await runJobsNow(t.db, { until: 'idle', config: t.config }), 1);
  await recordSuccess(t.db, dead!, { from: 'the dead runner' });
  const job = (await getJob(t.db, id))!;
  assert.equal(job.status, 'done');
  assert.equal(job.attempts, 2);
  assert.deepEqual(job.result, { doubled: 10 });
});

let slowRuns = 0;
let slowRelease: () => void = () => {};
defineJob<{ steps: number }>('test.slow', {
  async handler(job: JobContext<{ steps: number }>) {
    slowRuns++;
    await job.progress(3, 10, 'Three institutions done');
    await new Promise<void>((resolve) => {
      slowRelease = resolve;
      job.signal.addEventListener('abort', () => resolve());
    });
    await job.progress(10, 10);
    return { ok: true };
  },
});

test('a running job renews its lease, so a job longer than the lease is not taken over', async () => {
  slowRuns = 0;
  const id = await add('test.slow', { steps: 10 });
  const runner = startJobRunner(t.db, t.config, { pollMs: 20, leaseSeconds: 1 });
  try {
    await until(async () => (await statusOf(id)) === 'running');
    const end = Date.now() + 2500;
    while (Date.now() < end) {
      // Another instance looking for work, expired leases included.
      await runJobsNow(t.db, { until: 'idle', config: t.config });
      await sleep(200);
    }
    slowRelease();
    await until(async () => (await statusOf(id)) === 'done');
  } finally {
    await runner.stop();
  }
  assert.equal(slowRuns, 1);
  assert.equal((await getJob(t.db, id))!.attempts, 1);
});

test('stopping a runner releases a job it cannot finish in time, without using up an attempt', async () => {
  const id = await add('test.slow', { steps: 10 });
  const runner = startJobRunner(t.db, t.config, { pollMs: 20, stopTimeoutMs: 100 });
  await until(async () => (await statusOf(id)) === 'running');
  await runner.stop();
  const job = (await getJob(t.db, id))!;
  assert.equal(job.status, 'queued');
  assert.equal(job.attempts, 0);
  assert.equal(job.lockedBy, null);
});

test('progress is visible while a job runs: to its creator and administrators, on the page and the API; 404 to others', async () => {
  const officer = await makeUser(t.db, 'institution_officer', 'NIDA');
  const otherOfficer = await makeUser(t.db, 'institution_officer', 'NIDA');
  const admin = await makeUser(t.db, 'admin');
  const id = await add('test.slow', { steps: 10 }, { createdBy: officer.id });
  const runner = startJobRunner(t.db, t.config, { pollMs: 20 });
  try {
    await until(async () => (await getJob(t.db, id))!.progress.done === 3);
    const api = (token?: string) => t.app.inject({ url: `/api/v1/jobs/${id}`, headers: token ? { authorization: `Bearer ${token}` } : {} });
    const mine = await api(await apiToken(t.db, officer, 'read'));
    assert.equal(mine.statusCode, 200);
    assert.deepEqual(mine.json(), { id, type: 'test.slow', status: 'running', progress: { done: 3, total: 10, note: 'Three institutions done' }, error: null, result: null });
    assert.equal((await api(await apiToken(t.db, admin, 'read'))).statusCode, 200);
    assert.equal((await api(await apiToken(t.db, otherOfficer, 'read'))).statusCode, 404);
    assert.equal((await api()).statusCode, 401);
    assert.equal((await t.app.inject({ url: '/api/v1/jobs/abc', headers: { authorization: `Bearer ${await apiToken(t.db, admin, 'read')}` } })).statusCode, 404);

    const page = await (await signIn(t.app, admin)).get(`/admin/jobs/${id}?lang=en`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<progress id="job-\d+-bar"[^>]*max="10"[^>]*value="3"/);
    assert.match(page.body, /30% complete — 3 of 10/);
    assert.match(page.body, /Three institutions done/);
    assert.match(page.body, /data-job-refresh="\/admin\/jobs\/\d+\?lang=en"/);
    slowRelease();
    await until(async () => (await statusOf(id)) === 'done');
    assert.deepEqual((await api(await apiToken(t.db, officer, 'read'))).json().result, { ok: true });
  } finally {
    await runner.stop();
  }
});

test('the jobs page lists and filters by status; an administrator runs a failed job again, audited; others are refused', async () => {
  const failed = await add('test.broken', {}, { maxAttempts: 1 });
  const done = await add('test.count', { n: 1 });
  await runJobsNow(t.db, { until: 'idle', config: t.config });
  const admin = await signIn(t.app, await makeUser(t.db, 'admin'));
  const list = await admin.get('/admin/jobs?status=failed&lang=en');
  assert.equal(list.statusCode, 200);
  assert.match(list.body, new RegExp(`href="/admin/jobs/${failed}"`));
  assert.doesNotMatch(list.body, new RegExp(`href="/admin/jobs/${done}"`));
  const home = await admin.get('/admin?lang=sw');
  assert.match(home.body, /href="\/admin\/jobs">Kazi za nyuma</);

  const detail = await admin.get(`/admin/jobs/${failed}?lang=en`);
  assert.match(detail.body, /Error: the registry is unreachable/);
  assert.match(detail.body, /Run again now/);
  const retry = await admin.post(`/admin/jobs/${failed}/retry`, {}, { csrfFrom: `/admin/jobs/${failed}` });
  assert.equal(retry.statusCode, 303);
  const job = (await getJob(t.db, failed))!;
  assert.equal(job.status, 'queued');
  assert.equal(job.attempts, 0);
  const [entry] = await t.db.query<{ entity_id: string; summary: { type: string } }>(`SELECT entity_id, summary FROM audit_log WHERE action = 'job.retry' ORDER BY seq DESC LIMIT 1`);
  assert.equal(entry.entity_id, String(failed));
  assert.equal(entry.summary.type, 'test.broken');
  // A job that is not failed cannot be retried; the answer says why.
  const again = await admin.post(`/admin/jobs/${failed}/retry?lang=en`, {}, { csrfFrom: `/admin/jobs/${failed}` });
  assert.equal(again.statusCode, 409);
  assert.match(again.body, /Only a failed job can be run again/);

  const auditor = await signIn(t.app, await makeUser(t.db, 'auditor'));
  assert.equal((await auditor.get('/admin/jobs')).statusCode, 403);
});

/** A minimal SMTP server that accepts every message and keeps what it received. */
function smtpServer(): Promise<{ port: number; received: string[]; close: () => void }> {
  const received: string[] = [];
  const server = net.createServer((socket) => {
    let buffer = '';
    let data = false;
    socket.write('220 test ESMTP\r\n');
    socket.on('data', (chunk) => {
      buffer += chunk.toString('utf8');
      for (;;) {
        if (data) {
          const end = buffer.indexOf('\r\n.\r\n');
          if (end < 0) return;
          received.push(buffer.slice(0, end));
          buffer = buffer.slice(end + 5);
          data = false;
          socket.write('250 queued\r\n');
          continue;
        }
        const nl = buffer.indexOf('\r\n');
        if (nl < 0) return;
        const line = buffer.slice(0, nl).toUpperCase();
        buffer = buffer.slice(nl + 2);
        if (line.startsWith('EHLO')) socket.write('250-test\r\n250 8BITMIME\r\n');
        else if (line.startsWith('DATA')) {
          data = true;
          socket.write('354 go ahead\r\n');
        } else if (line.startsWith('QUIT')) socket.end('221 bye\r\n');
        else socket.write('250 ok\r\n');
      }
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve({ port: (server.address() as net.AddressInfo).port, received, close: () => server.close() })),
  );
}

test('e-mail written in a transaction is delivered by the recurring mail job, over SMTP', async () => {
  const smtp = await smtpServer();
  try {
    await t.db.orm.transaction((tx) => queueMail(tx, { to: 'neema@nida.go.tz', subject: 'Your cycle opened', body: 'Hello Neema' }));
    // Without SMTP_URL nothing is scheduled and the message waits in the outbox.
    await runJobsNow(t.db, { until: 'idle', config: t.config, schedules: true });
    assert.equal((await t.db.query(`SELECT 1 FROM jobs WHERE type = 'mail.deliver'`)).length, 0);
    const config = { ...t.config, smtpUrl: `smtp://127.0.0.1:${smtp.port}` };
    await runJobsNow(t.db, { until: 'idle', config, schedules: true });
    const [mail] = await t.db.query<{ sent_at: Date | null; error: string | null }>(`SELECT sent_at, error FROM mail_outbox WHERE to_address = 'neema@nida.go.tz'`);
    assert.equal(mail.error, null);
    assert.ok(mail.sent_at, 'the outbox shows it sent');
    assert.equal(smtp.received.length, 1);
    assert.match(smtp.received[0], /Subject: Your cycle opened/);
    const [job] = await t.db.query<{ status: string; result: unknown }>(`SELECT status, result FROM jobs WHERE type = 'mail.deliver'`);
    assert.deepEqual(job, { status: 'done', result: { sent: 1, failed: 0 } });
  } finally {
    smtp.close();
  }
});

test('a message goes out with its files from the store; one whose file is gone is held back with the reason', async () => {
  const smtp = await smtpServer();
  try {
    const letter = Buffer.from('%PDF-1.7\nthe decision letter\n%%EOF\n');
    const { sha256 } = await fileStore(t.config.dataDir).put(letter);
    const missing = 'f'.repeat(64);
    await t.db.orm.transaction(async (tx) => {
      await queueMail(tx, { to: 'asha@nida.go.tz', subject: 'Decision', body: 'Attached.', attachments: [{ filename: 'barua-ya-uamuzi.pdf', contentType: 'application/pdf', sha256 }] });
      await queueMail(tx, { to: 'juma@nida.go.tz', subject: 'Decision', body: 'Attached.', attachments: [{ filename: 'lost.pdf', contentType: 'application/pdf', sha256: missing }] });
    });
    await runJobsNow(t.db, { until: 'idle', config: { ...t.config, smtpUrl: `smtp://127.0.0.1:${smtp.port}` }, schedules: true });
    const rows = await t.db.query<{ to_address: string; sent_at: Date | null; error: string | null }>(`SELECT to_address, sent_at, error FROM mail_outbox WHERE subject = 'Decision' ORDER BY id`);
    assert.ok(rows[0].sent_at, 'the message with its file is sent');
    assert.equal(rows[1].sent_at, null, 'a message whose file is missing is not sent without it');
    assert.match(rows[1].error ?? '', /lost\.pdf is missing/);
    const raw = smtp.received.find((m) => m.includes('asha@nida.go.tz'));
    assert.ok(raw, 'the SMTP server received the message');
    assert.match(raw, /Content-Type: application\/pdf; name=barua-ya-uamuzi\.pdf/);
    const base64 = raw.split(/filename=barua-ya-uamuzi\.pdf\r\n\r\n/)[1].split('\r\n--')[0].replace(/\s+/g, '');
    assert.deepEqual(Buffer.from(base64, 'base64'), letter, 'the file arrives byte for byte');
    assert.equal(smtp.received.filter((m) => m.includes('juma@nida.go.tz')).length, 0);
  } finally {
    smtp.close();
  }
});

let ticks = 0;
const tick = defineJob('test.tick', {
  async handler() {
    ticks++;
  },
});

test('a recurring job runs once per period however many instances fire schedules at once', async () => {
  schedule(tick, 60);
  await registerSchedules(t.db, t.config);
  const fired = await Promise.all([fireDueSchedules(t.db, t.config), fireDueSchedules(t.db, t.config), fireDueSchedules(t.db, t.config)]);
  assert.equal(fired.flat().filter((x) => x === 'test.tick').length, 1);
  assert.deepEqual(await fireDueSchedules(t.db, t.config), [], 'nothing more is due in this period');
  const [s] = await t.db.query<{ ahead: number }>(`SELECT extract(epoch FROM next_run_at - now())::float AS ahead FROM job_schedules WHERE type = 'test.tick'`);
  assert.ok(s.ahead > 55 && s.ahead <= 60, `next run in ${s.ahead} s`);
  await runJobsNow(t.db, { until: 'idle', config: t.config });
  assert.equal(ticks, 1);
  // Three periods later (the instances were down): one occurrence, not three, and the phase is kept.
  const [{ before }] = await t.db.query<{ before: number }>(`SELECT extract(epoch FROM next_run_at)::float AS before FROM job_schedules WHERE type = 'test.tick'`);
  await t.db.query(`UPDATE job_schedules SET next_run_at = next_run_at - interval '170 seconds' WHERE type = 'test.tick'`);
  const late = await Promise.all([fireDueSchedules(t.db, t.config), fireDueSchedules(t.db, t.config)]);
  assert.equal(late.flat().filter((x) => x === 'test.tick').length, 1);
  await runJobsNow(t.db, { until: 'idle', config: t.config });
  assert.equal(ticks, 2);
  const [{ next, ahead }] = await t.db.query<{ next: number; ahead: number }>(
    `SELECT extract(epoch FROM next_run_at)::float AS next, extract(epoch FROM next_run_at - now())::float AS ahead FROM job_schedules WHERE type = 'test.tick'`,
  );
  assert.ok(ahead > 0 && ahead <= 60, `next run in ${ahead} s`);
  const periods = (next - (before - 170)) / 60;
  assert.ok(Math.abs(periods - Math.round(periods)) < 0.001, 'the next run keeps the 60 s rhythm');

  // Two real runners polling fast for 2.5 s with a 1 s schedule: about three runs, never twice that.
  ticks = 0;
  schedule(tick, 1);
  await t.db.query('DELETE FROM job_schedules');
  const one = startJobRunner(t.db, t.config, { pollMs: 20 });
  const two = startJobRunner(t.db, t.config, { pollMs: 20 });
  await sleep(2500);
  await Promise.all([one.stop(), two.stop()]);
  assert.ok(ticks >= 2 && ticks <= 3, `ran ${ticks} times in 2.5 s`);
});
