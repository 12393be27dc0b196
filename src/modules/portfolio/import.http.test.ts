// The import pages, the import API and the export URLs over real HTTP (app.inject) on a real
// database: upload, row errors linked from the error summary, preview, apply queued as a background
// job whose page shows its progress to the uploader and then its result; a failing apply stores
// nothing; the API's counts, 422 and 202 with a job; downloads with the caller's visibility.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readSheet } from 'read-excel-file/node';
import { apiToken, createTestApp, csrfToken, makeUser, signIn, type Browser, type TestApp } from '../../../test/helpers.ts';
import { runJobsNow } from '../../platform/jobs/index.ts';
import { IMPORT_HEADER, XLSX_TYPE } from './import.file.ts';
import { IMPORT_INLINE_ROWS } from './import.api.ts';

let t: TestApp;
let officer: Browser;
let officerEmail: string;
let dataDir: string;

const csv = (...rows: string[]) => Buffer.from([IMPORT_HEADER, ...rows].join('\n') + '\n');
const GOOD = 'NIDA,NIDA-WEB,NIDA Portal,Tovuti ya NIDA,Public website,ICT.WEB,production,govdc,,no,no,,,,,';

function upload(b: Browser, csrf: string, data: Buffer, filename = 'systems.csv') {
  const boundary = `----viwango${crypto.randomBytes(8).toString('hex')}`;
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${csrf}\r\n`),
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: text/csv\r\n\r\n`),
    data,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return t.app.inject({ method: 'POST', url: '/portfolio/import?lang=en', payload, headers: { cookie: [...b.cookies].map(([k, v]) => `${k}=${v}`).join('; '), 'content-type': `multipart/form-data; boundary=${boundary}` } });
}

const count = async (code: string) => (await t.db.query('SELECT 1 FROM portfolio_systems WHERE code = $1', [code])).length;
const runJobs = () => runJobsNow(t.db, { until: 'idle', config: t.app.config });
const jobOf = async (id: number) => (await t.db.query<{ status: string; attempts: number; progress_done: number; progress_total: number | null; last_error: string | null }>('SELECT status, attempts, progress_done, progress_total, last_error FROM jobs WHERE id = $1', [id]))[0];

/** Uploads, previews and asks to apply; returns the job page's path the apply redirected to. */
async function previewAndApply(b: Browser, data: Buffer): Promise<string> {
  const csrf = csrfToken((await b.get('/portfolio/import')).body);
  const preview = await upload(b, csrf, data);
  assert.equal(preview.statusCode, 200, preview.body);
  const sha256 = preview.body.match(/name="sha256" value="([0-9a-f]{64})"/)![1];
  const applied = await b.post('/portfolio/import/apply', { sha256, name: 'systems.csv' }, { csrf: csrfToken(preview.body) });
  assert.equal(applied.statusCode, 303);
  assert.match(applied.headers.location as string, /^\/portfolio\/import\/jobs\/\d+$/);
  return applied.headers.location as string;
}

before(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'viwango-import-http-'));
  t = await createTestApp({ dataDir });
  const user = await makeUser(t.db, 'institution_officer', 'NIDA');
  officerEmail = user.email;
  officer = await signIn(t.app, user);
});
after(async () => {
  await t.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

test('the upload page offers both templates; they carry exactly the header row', async () => {
  const page = await officer.get('/portfolio/import?lang=en');
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /href="\/portfolio\/import\/template\.csv"/);
  assert.match(page.body, /href="\/portfolio\/import\/template\.xlsx"/);
  const c = await officer.get('/portfolio/import/template.csv');
  assert.equal(c.body.trim(), IMPORT_HEADER);
  const x = await officer.get('/portfolio/import/template.xlsx');
  assert.equal(x.headers['content-type'], XLSX_TYPE);
  assert.deepEqual((await readSheet(x.rawPayload))[0], IMPORT_HEADER.split(','));
  const anon = await t.app.inject({ method: 'GET', url: '/portfolio/import' });
  assert.equal(anon.statusCode, 302, 'signed-out visitors are sent to sign in');
});

test('upload with two bad rows: the error summary links to each row, nothing is stored; fixed, previewed and applied', async () => {
  const csrf = csrfToken((await officer.get('/portfolio/import')).body);
  const bad = await upload(officer, csrf, csv(GOOD, 'NIDA,NIDA-A,A,,,,live,govdc,,no,no,,,,,', 'NIDA,NIDA-B,B,,,,production,govdc,,no,no,,,31/12/2020,,'));
  assert.equal(bad.statusCode, 422);
  assert.match(bad.body, /govuk-error-summary/);
  assert.match(bad.body, /<a href="#row-3">Row 3, column lifecycle: /);
  assert.match(bad.body, /<a href="#row-4">Row 4, column go_live: /);
  assert.match(bad.body, /id="row-3"/);
  assert.doesNotMatch(bad.body, /action="\/portfolio\/import\/apply"/, 'nothing to apply while rows are bad');
  assert.equal(await count('NIDA-WEB'), 0);

  const good = await upload(officer, csrf, csv(GOOD, 'NIDA,NIDA-A,A,,,,production,govdc,,no,no,,,,,'));
  assert.equal(good.statusCode, 200);
  assert.match(good.body, /2 new, 0 changed, 0 unchanged/);
  assert.equal(await count('NIDA-WEB'), 0, 'a preview stores nothing');
  const sha256 = good.body.match(/name="sha256" value="([0-9a-f]{64})"/)![1];
  const applied = await officer.post('/portfolio/import/apply', { sha256, name: 'systems.csv' }, { csrf: csrfToken(good.body) });
  assert.equal(applied.statusCode, 303);
  const jobPage = applied.headers.location as string;
  assert.match(jobPage, /^\/portfolio\/import\/jobs\/\d+$/, 'applying is handed to a background job');
  assert.equal(await count('NIDA-WEB'), 0, 'nothing is written in the request');
  const waiting = await officer.get(`${jobPage}?lang=en`);
  assert.equal(waiting.statusCode, 200);
  assert.match(waiting.body, /Applying the import/);
  assert.match(waiting.body, /Waiting/);
  assert.match(waiting.body, new RegExp(`<a class="govuk-link" href="${jobPage}\\?lang=en">Refresh to see the latest progress</a>`), 'a refresh link, no JavaScript needed');
  assert.doesNotMatch(waiting.body, /Import applied/);
  const colleague = await signIn(t.app, await makeUser(t.db, 'institution_officer', 'NIDA'));
  assert.equal((await colleague.get(jobPage)).statusCode, 404, 'only the uploader follows the job');
  // Asking twice (a double click) queues the same job again, not a second one.
  const twice = await officer.post('/portfolio/import/apply', { sha256, name: 'systems.csv' }, { csrf: csrfToken(good.body) });
  assert.equal(twice.headers.location, jobPage);

  await runJobs();
  assert.equal(await count('NIDA-WEB'), 1);
  assert.equal(await count('NIDA-A'), 1);
  const id = Number(jobPage.split('/').pop());
  assert.deepEqual(await jobOf(id), { status: 'done', attempts: 1, progress_done: 2, progress_total: 2, last_error: null });
  const done = await officer.get(`${jobPage}?lang=en`);
  assert.match(done.body, /Finished/);
  assert.match(done.body, /Import applied: 2 new, 0 changed, 0 unchanged/);
  assert.match(done.body, /2 of 2/);
  assert.doesNotMatch(done.body, /Refresh to see the latest progress/, 'nothing more to wait for');
  const sw = await officer.get(`${jobPage}?lang=sw`);
  assert.match(sw.body, /Uingizaji umetekelezwa: 2 mipya, 0 imebadilika, 0 haijabadilika/);
  const [entry] = await t.db.query<{ actor_label: string; summary: { job?: number; created?: number } }>(`SELECT actor_label, summary FROM audit_log WHERE action = 'portfolio.import' ORDER BY seq DESC LIMIT 1`);
  assert.equal(entry.actor_label, officerEmail);
  assert.equal(entry.summary.job, id, 'the audit entry names the job and the uploader');
  assert.equal(entry.summary.created, 2);
  const overlaps = await t.db.query(`SELECT 1 FROM jobs WHERE type = 'portfolio.overlaps' AND status = 'queued'`);
  assert.equal(overlaps.length, 1, 'the import queued the recomputation of overlaps');

  const again = await upload(officer, csrf, csv(GOOD, 'NIDA,NIDA-A,A,,,,production,govdc,,no,no,,,,,'));
  assert.match(again.body, /there is nothing to apply/);
  const wrong = await upload(officer, csrf, Buffer.from('a,b\n1,2\n'));
  assert.equal(wrong.statusCode, 422);
  assert.match(wrong.body, /The first row must be exactly: institution,code,name,/);
  const gone = await officer.post('/portfolio/import/apply', { sha256: 'f'.repeat(64) }, { csrfFrom: '/portfolio/import' });
  assert.equal(gone.statusCode, 422);
});

test('an apply that fails part-way stores nothing; the page says so in the uploader’s language', async () => {
  const jobPage = await previewAndApply(officer, csv('NIDA,NIDA-F1,F1,,,,production,govdc,,no,no,,,,,', 'NIDA,NIDA-F2,F2,,,,production,govdc,,no,no,,,,,', 'NIDA,NIDA-BOOM,Boom,,,,production,govdc,,no,no,,,,,'));
  const id = Number(jobPage.split('/').pop());
  // The third row's insert fails inside the job's transaction, after the first two were written.
  await t.db.query(`CREATE FUNCTION test_boom() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF NEW.code = 'NIDA-BOOM' THEN RAISE EXCEPTION 'boom'; END IF; RETURN NEW; END $$`);
  await t.db.query(`CREATE TRIGGER test_boom BEFORE INSERT ON portfolio_systems FOR EACH ROW EXECUTE FUNCTION test_boom()`);
  try {
    await runJobs();
    assert.equal(await count('NIDA-F1'), 0, 'the rows before the failing one were rolled back');
    assert.equal(await count('NIDA-F2'), 0);
    const first = await jobOf(id);
    assert.equal(first.status, 'queued', 'a failed attempt is tried again later');
    assert.match(first.last_error ?? '', /NIDA-BOOM/);
    assert.match((await officer.get(`${jobPage}?lang=en`)).body, /An attempt to apply the import failed and nothing was saved/);
    for (let i = 0; i < 2; i++) {
      await t.db.query(`UPDATE jobs SET run_at = now() WHERE id = $1`, [id]);
      await runJobs();
    }
    assert.equal((await jobOf(id)).status, 'failed');
    assert.equal(await count('NIDA-F1'), 0);
    const sw = await officer.get(`${jobPage}?lang=sw`);
    assert.match(sw.body, /Imeshindikana/);
    assert.match(sw.body, new RegExp(`Uingizaji haukuweza kutekelezwa, na hakuna kilichohifadhiwa\\. .*namba ya kazi ${id}`));
    assert.match((await officer.get(`${jobPage}?lang=en`)).body, /The import could not be applied, and nothing has been saved/);
    const audited = await t.db.query(`SELECT 1 FROM audit_log WHERE action = 'portfolio.import' AND (summary->>'job')::int = $1`, [id]);
    assert.equal(audited.length, 0, 'nothing applied, nothing audited');
  } finally {
    await t.db.query('DROP TRIGGER test_boom ON portfolio_systems');
    await t.db.query('DROP FUNCTION test_boom()');
  }
});

test('rows that became wrong between the check and the job: the job stores nothing and shows the row errors', async () => {
  const jobPage = await previewAndApply(officer, csv('NIDA,NIDA-R1,R1,,,,production,govdc,,no,no,,,,,', 'NIDA,NIDA-R2,R2,,,,production,govdc,,no,no,,,,,'));
  const id = Number(jobPage.split('/').pop());
  // The officer's rights as the file was checked are the job's; take NIDA away in the stored request.
  await t.db.query(`UPDATE jobs SET payload = jsonb_set(payload, '{actor,roles}', '[]'::jsonb) WHERE id = $1`, [id]);
  await runJobs();
  assert.equal((await jobOf(id)).status, 'done');
  assert.equal(await count('NIDA-R1'), 0);
  const page = await officer.get(`${jobPage}?lang=en`);
  assert.match(page.body, /The registry changed after the preview and some rows are no longer right\. Nothing has been saved/);
  assert.match(page.body, /You may not change the portfolio of NIDA/);
});

test('POST /api/v1/portfolio/import: dry run, apply, 422 with every row error in the caller’s language', async () => {
  const token = await apiToken(t.db, await makeUser(t.db, 'institution_officer', 'NIDA'));
  const call = (body: Buffer, query = '', headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'POST', url: `/api/v1/portfolio/import${query}`, payload: body, headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv', ...headers } });
  const file = csv('NIDA,NIDA-API,From the API,,,,planned,gov_cloud,,no,no,,,,,');
  const dry = await call(file, '?dryRun=true');
  assert.equal(dry.statusCode, 200);
  assert.deepEqual(dry.json(), { applied: false, created: 1, updated: 0, unchanged: 0, errors: [] });
  assert.equal(await count('NIDA-API'), 0);
  assert.deepEqual((await call(file)).json(), { applied: true, created: 1, updated: 0, unchanged: 0, errors: [] });
  assert.deepEqual((await call(file)).json(), { applied: true, created: 0, updated: 0, unchanged: 1, errors: [] });

  const bad = await call(csv('BRELA,BRELA-X,X,,,,planned,govdc,,no,no,,,,,', 'NIDA,NIDA-Y,Y,,,,planned,govdc,,kanyaga,no,,,,,'), '', { 'accept-language': 'sw' });
  assert.equal(bad.statusCode, 422);
  const body = bad.json() as { applied: boolean; errors: { row: number; column: string; message: string }[] };
  assert.equal(body.applied, false);
  assert.deepEqual(body.errors.map((e) => [e.row, e.column]), [[2, 'institution'], [3, 'personal_data']]);
  assert.match(body.errors[0].message, /Huruhusiwi kubadilisha jalada la mifumo la BRELA/);

  // Asked to answer at once: the file is checked, then applied by a job the caller follows.
  const later = await call(csv('NIDA,NIDA-ASYNC,Queued,,,,planned,gov_cloud,,no,no,,,,,'), '', { prefer: 'respond-async' });
  assert.equal(later.statusCode, 202);
  const queued = later.json() as { applied: boolean; rows: number; job: number; statusUrl: string };
  assert.deepEqual(queued, { applied: false, rows: 1, job: queued.job, statusUrl: `/api/v1/jobs/${queued.job}` });
  assert.equal(later.headers.location, queued.statusUrl);
  assert.equal(await count('NIDA-ASYNC'), 0);
  const status = () => t.app.inject({ url: queued.statusUrl, headers: { authorization: `Bearer ${token}` } });
  assert.equal((await status()).json().status, 'queued');
  await runJobs();
  const after = (await status()).json() as { status: string; progress: { done: number; total: number }; result: Record<string, unknown> };
  assert.equal(after.status, 'done');
  assert.deepEqual(after.progress, { done: 1, total: 1, note: null });
  assert.deepEqual({ ...after.result, sha256: undefined }, { applied: true, created: 1, updated: 0, unchanged: 0, errors: [], moreErrors: 0, sha256: undefined, file: null });
  assert.equal(await count('NIDA-ASYNC'), 1);
  const badLater = await call(csv('NIDA,NIDA-Z,Z,,,,someday,govdc,,no,no,,,,,'), '', { prefer: 'respond-async' });
  assert.equal(badLater.statusCode, 422, 'a bad row is refused in the request, nothing queued');
  // A file larger than what is applied in the request goes to a job without being asked.
  const many = csv(...Array.from({ length: IMPORT_INLINE_ROWS + 1 }, (_, i) => `NIDA,NIDA-MANY-${i},Many ${i},,,,planned,govdc,,no,no,,,,,`));
  const big = await call(many);
  assert.equal(big.statusCode, 202);
  assert.equal((big.json() as { rows: number }).rows, IMPORT_INLINE_ROWS + 1);
  assert.equal(await count('NIDA-MANY-0'), 0, 'stored only when the job runs');

  const header = await call(Buffer.from('x,y\n'));
  assert.equal(header.statusCode, 422);
  assert.match(header.headers['content-type'] as string, /problem\+json/);
  const notXlsx = await call(Buffer.from('plain text'), '', { 'content-type': XLSX_TYPE, 'accept-language': 'en' });
  assert.equal(notXlsx.statusCode, 422);
  assert.match(JSON.stringify(notXlsx.json()), /neither a CSV text file/);
});

test('catalogue downloads and the ArchiMate API answer with the caller’s visibility', async () => {
  const mine = await officer.get('/portfolio/systems.csv?institution=NIDA&lifecycle=production');
  assert.equal(mine.statusCode, 200);
  assert.match(mine.headers['content-type'] as string, /^text\/csv/);
  assert.match(mine.headers['content-disposition'] as string, /attachment; filename="viwango-systems-/);
  assert.match(mine.body, /NIDA-WEB/);
  assert.doesNotMatch(mine.body, /NIDA-API/, 'the lifecycle filter applies');
  const other = await officer.get('/portfolio/systems.xlsx?institution=BRELA');
  assert.deepEqual((await readSheet(other.rawPayload)).length, 1, 'another institution’s systems are not exported to an officer');

  const token = await apiToken(t.db, await makeUser(t.db, 'auditor'), 'read');
  const xml = await t.app.inject({ method: 'GET', url: '/api/v1/portfolio/archimate?institution=NIDA', headers: { authorization: `Bearer ${token}` } });
  assert.equal(xml.statusCode, 200);
  assert.match(xml.headers['content-type'] as string, /^application\/xml/);
  assert.match(xml.body, /xsi:type="ApplicationComponent"/);
  assert.match(xml.body, /NIDA Portal/);
  const none = await t.app.inject({ method: 'GET', url: '/api/v1/portfolio/archimate?institution=NOPE', headers: { authorization: `Bearer ${token}` } });
  assert.equal(none.statusCode, 404);
});
