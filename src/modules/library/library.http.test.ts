import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Document as Docx, Packer, Paragraph, HeadingLevel } from 'docx';
import JSZip from 'jszip';
import SwaggerParser from '@apidevtools/swagger-parser';
import { createTestApp, makeUser, testConfig, type TestApp } from '../../../test/helpers.ts';
import { actorFor } from '../identity/users.service.ts';
import { findInstitutionByAcronym } from '../reference/reference.service.ts';
import { AppError } from '../../platform/http/errors.ts';
import { loadLibraryReference } from './seed.ts';
import { inspectFile } from './files.service.ts';
import { importNewDocument } from './import.service.ts';
import { createCtx } from '../../platform/context.ts';

let t: TestApp;
let dataDir: string;
before(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'viwango-lib-'));
  t = await createTestApp({ dataDir });
  await loadLibraryReference(t.db);
});
after(async () => {
  await t.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function docxBytes(): Promise<Buffer> {
  const doc = new Docx({
    sections: [{ children: [
      new Paragraph({ text: 'Madhumuni', heading: HeadingLevel.HEADING_1 }),
      new Paragraph('Kiwango hiki kinaweka masharti ya usalama wa mitandao ya Serikali kwa taasisi zote za umma.'),
      new Paragraph({ text: 'Matakwa', heading: HeadingLevel.HEADING_1 }),
      new Paragraph('Kila taasisi itasimika ngome ya mtandao na kukagua kumbukumbu zake kila wiki.'),
    ] }],
  });
  return Buffer.from(await Packer.toBuffer(doc));
}

const rejectsWith = async (p: Promise<unknown>, key: string) =>
  assert.rejects(p, (e: unknown) => e instanceof AppError && (e.key === key || Object.values(e.fields ?? {}).includes(key as never)));

test('a DOCX becomes sections and clauses; a renamed, corrupt or bomb file is refused with a clear reason', async () => {
  const good = await inspectFile(await docxBytes(), 1024 * 1024);
  assert.equal(good.type, 'docx');
  assert.equal(good.lang, 'sw');
  assert.deepEqual(good.content.map((s) => s.headingSw), ['Madhumuni', 'Matakwa']);
  assert.match(good.sha256, /^[0-9a-f]{64}$/);
  await rejectsWith(inspectFile(Buffer.from('just some text pretending to be a pdf'), 1024 * 1024), 'library.file.notPdfOrDocx');
  await rejectsWith(inspectFile(Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(200, 7)]), 1024 * 1024), 'files.corrupt');
  const truncated = (await docxBytes()).subarray(0, 400);
  await rejectsWith(inspectFile(truncated, 1024 * 1024), 'files.corrupt');
  const bomb = new JSZip();
  bomb.file('[Content_Types].xml', '<Types/>');
  bomb.file('word/document.xml', 'a'.repeat(20 * 1024 * 1024));
  const bombBytes = await bomb.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 } });
  assert.ok(bombBytes.length < 1024 * 1024, 'the bomb itself is small');
  await rejectsWith(inspectFile(bombBytes, 5 * 1024 * 1024), 'files.zipBomb');
  await assert.rejects(inspectFile(await docxBytes(), 100), (e: AppError) => e.status === 413);
});

test('importing a DOCX as a new level-2 standard stores the original by hash; a bad file stores nothing', async () => {
  const author = createCtx({ db: t.db, config: { ...testConfig({ dataDir }), uploadLimit: 1 << 20 }, actor: await actorFor(t.db.orm, await makeUser(t.db, 'issuer_author', 'e-GA'), 'web') });
  const egaId = (await findInstitutionByAcronym(t.db.orm, 'e-GA'))!.id;
  const before = fs.existsSync(path.join(dataDir, 'files')) ? fs.readdirSync(path.join(dataDir, 'files')).length : 0;
  await rejectsWith(importNewDocument(author, { code: 'eGA/EXT/NET/009', level: 2, kind: 'technical_standard', issuerId: egaId, titleSw: 'X', titleEn: 'X', upload: { buffer: Buffer.from('nope'), filename: 'x.docx' } }), 'library.file.notPdfOrDocx');
  assert.equal(fs.existsSync(path.join(dataDir, 'files')) ? fs.readdirSync(path.join(dataDir, 'files')).length : 0, before);
  const rows = await t.db.query(`SELECT 1 FROM library_documents WHERE code = 'eGA/EXT/NET/009'`);
  assert.equal(rows.length, 0);
  const r = await importNewDocument(author, { code: 'eGA/EXT/NET/009', level: 2, kind: 'technical_standard', groupCode: 'SA', issuerId: egaId, titleSw: 'Kiwango cha usalama wa mitandao', titleEn: 'Network security standard', upload: { buffer: await docxBytes(), filename: 'network.docx' } });
  const [e] = await t.db.query<{ file_sha256: string; file_type: string; content: unknown }>('SELECT file_sha256, file_type, content FROM library_editions WHERE id = $1', [r.edition.id]);
  assert.equal(e.file_type, 'docx');
  assert.ok(fs.existsSync(path.join(dataDir, 'files', e.file_sha256.slice(0, 2), e.file_sha256)));
});

test('the public portal: browse, a document in force with history and citation link, search with a typo, in both languages', async () => {
  const list = await t.app.inject('/library?level=2&group=ITA&lang=en');
  assert.equal(list.statusCode, 200);
  assert.match(list.body, /eGA\/EXT\/ITA\/001/);
  assert.doesNotMatch(list.body, /eGA\/EXT\/GIF\/001/);
  const doc = await t.app.inject('/library/documents/ega-ext-ita-001');
  assert.equal(doc.statusCode, 200);
  assert.match(doc.body, /<html lang="sw"/);
  assert.match(doc.body, /Inatumika/);
  assert.match(doc.body, /\/library\/documents\/ega-ext-ita-001\/editions\/1\.1/);
  const cite = await t.app.inject('/library/documents/ega-ext-ita-001/editions/1.1?lang=en');
  assert.match(cite.body, /In force/);
  assert.match(cite.body, /sample text/);
  const print = await t.app.inject('/library/documents/ega-ext-ita-001/editions/1.1/print');
  assert.equal(print.statusCode, 200);
  const search = await t.app.inject('/library?q=usalma+taarifa');
  assert.equal(search.statusCode, 200);
  assert.match(search.body, /<mark>/);
  const missing = await t.app.inject('/library/documents/no-such-doc');
  assert.equal(missing.statusCode, 404);
  const draft = await t.app.inject('/library/documents/ega-ext-net-009');
  assert.equal(draft.statusCode, 404, 'a draft-only document is invisible to the public');
  for (const p of ['/library/structure', '/library/templates', '/library/subscribe']) assert.equal((await t.app.inject(p)).statusCode, 200, p);
  const feed = await t.app.inject('/library/feed.atom');
  assert.match(String(feed.headers['content-type']), /atom\+xml/);
  assert.match(feed.body, /<entry>/);
});

test('the JSON API lists, shows and searches, and its operations are in a valid OpenAPI document', async () => {
  const list = await t.app.inject('/api/v1/documents?level=1&pageSize=5');
  assert.equal(list.statusCode, 200);
  const body = list.json();
  assert.equal(body.items.length, 5);
  assert.ok(body.total > 5);
  const doc = (await t.app.inject('/api/v1/documents/eGA%2FEXT%2FAPA%2F001')).json();
  assert.equal(doc.slug, 'ega-ext-apa-001');
  assert.ok(doc.related.some((d: { code: string }) => d.code === 'eGA/EXT/APA/002'));
  const ed = (await t.app.inject('/api/v1/documents/ega-ext-apa-001/editions/1.1')).json();
  assert.equal(ed.status, 'in_force');
  assert.ok(ed.sections.length > 0);
  const s = (await t.app.inject('/api/v1/search?q=interoperabilty')).json();
  assert.ok(s.hits.some((h: { code: string }) => h.code === 'eGA/EXT/GIF/001'));
  const anon = await t.app.inject({ method: 'POST', url: '/api/v1/documents', payload: {} });
  assert.ok([400, 401].includes(anon.statusCode));
  const spec = (await t.app.inject('/api/openapi.json')).json();
  assert.ok(spec.paths['/api/v1/documents/{slug}/editions/{version}']);
  await SwaggerParser.validate(spec);
});

test('subscribing from a page queues a confirmation e-mail; a bad address gets the form back with the error', async () => {
  const page = await t.app.inject('/library/subscribe');
  const token = page.body.match(/name="_csrf" value="([^"]+)"/)![1];
  const cookie = page.cookies.map((c: { name: string; value: string }) => `${c.name}=${c.value}`).join('; ');
  const post = (email: string) => t.app.inject({ method: 'POST', url: '/library/subscribe?lang=en', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams({ _csrf: token, type: 'level', target: '2', email }).toString() });
  const bad = await post('nope');
  assert.equal(bad.statusCode, 422);
  assert.match(bad.body, /right format/);
  const ok = await post('follower@example.go.tz');
  assert.equal(ok.statusCode, 200);
  const mails = await t.db.query(`SELECT 1 FROM mail_outbox WHERE to_address = 'follower@example.go.tz'`);
  assert.equal(mails.length, 1);
});
