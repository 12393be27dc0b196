// The import pages, the import API and the export URLs over real HTTP (app.inject) on a real
// database: upload, row errors linked from the error summary, preview, apply; the API's counts and
// 422; downloads with the caller's visibility.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readSheet } from 'read-excel-file/node';
import { apiToken, createTestApp, csrfToken, makeUser, signIn, type Browser, type TestApp } from '../../../test/helpers.ts';
import { IMPORT_HEADER, XLSX_TYPE } from './import.file.ts';

let t: TestApp;
let officer: Browser;
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

before(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'viwango-import-http-'));
  t = await createTestApp({ dataDir });
  officer = await signIn(t.app, await makeUser(t.db, 'institution_officer', 'NIDA'));
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
  assert.equal(await count('NIDA-WEB'), 1);
  const done = await officer.get(`${applied.headers.location}&lang=en`);
  assert.match(done.body, /Import applied: 2 new, 0 changed, 0 unchanged/);

  const again = await upload(officer, csrf, csv(GOOD, 'NIDA,NIDA-A,A,,,,production,govdc,,no,no,,,,,'));
  assert.match(again.body, /there is nothing to apply/);
  const wrong = await upload(officer, csrf, Buffer.from('a,b\n1,2\n'));
  assert.equal(wrong.statusCode, 422);
  assert.match(wrong.body, /The first row must be exactly: institution,code,name,/);
  const gone = await officer.post('/portfolio/import/apply', { sha256: 'f'.repeat(64) }, { csrfFrom: '/portfolio/import' });
  assert.equal(gone.statusCode, 422);
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
