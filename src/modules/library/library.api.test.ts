// The library's write API with bearer tokens (create, draft with optimistic concurrency, submit,
// approve, publish; scopes and institutions), uploads between the JSON body limit and the upload
// limit through a real multipart request (CSRF token in the body, never the URL), and the original
// file of a draft uploaded through the API.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Document as Docx, Packer, Paragraph, HeadingLevel } from 'docx';
import JSZip from 'jszip';
import { apiToken, createTestApp, csrfToken, makeUser, signIn, type TestApp } from '../../../test/helpers.ts';
import { loadLibraryReference } from './seed.ts';
import { FILE_KINDS } from '../../platform/files/index.ts';
import { docxParts, zeros, zipOf } from '../../../test/zip.ts';

let t: TestApp;
let dataDir: string;
before(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'viwango-lib-api-'));
  t = await createTestApp({ dataDir });
  await loadLibraryReference(t.db);
});
after(async () => {
  await t.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

type Method = 'GET' | 'POST' | 'PUT';
const call = (method: Method, url: string, token?: string, payload?: unknown, headers: Record<string, string> = {}) =>
  t.app.inject({ method, url, headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers }, ...(payload !== undefined ? { payload: payload as object } : {}) });

const problem = (res: { headers: Record<string, unknown>; json(): unknown }) => {
  assert.match(String(res.headers['content-type']), /application\/problem\+json/);
  return res.json() as { status: number; title: string; errors?: { field: string; message: string }[]; current?: { revision: number; version: string; content: unknown[] } };
};

const sections = (word: string) => [
  { headingSw: 'Madhumuni', headingEn: 'Purpose', clauses: [{ textSw: `Kiwango hiki kinahusu ${word} za taasisi.`, textEn: `This standard covers institutions' ${word}.` }] },
];

test('a write token creates a document, saves a draft (a stale revision gets 409 with the current draft), and it goes through submit, approve and publish', async () => {
  const author = await makeUser(t.db, 'issuer_author', 'e-GA');
  const approver = await makeUser(t.db, 'issuer_approver', 'e-GA');
  const write = await apiToken(t.db, author, 'write');
  const read = await apiToken(t.db, author, 'read');
  const approve = await apiToken(t.db, approver, 'write');
  const brela = await apiToken(t.db, await makeUser(t.db, 'issuer_author', 'BRELA'), 'write');
  const nida = await apiToken(t.db, await makeUser(t.db, 'institution_officer', 'NIDA'), 'write');

  const body = { code: 'eGA/EXT/NET/021', level: 2, kind: 'technical_standard', issuer: 'e-GA', groupCode: 'SA', titleSw: 'Kiwango cha kumbukumbu za mifumo', titleEn: 'System logging standard', audience: 'public', sections: sections('kumbukumbu') };
  assert.equal((await call('POST', '/api/v1/documents', read, body)).statusCode, 403, 'a read token may not write');
  const other = await call('POST', '/api/v1/documents', brela, body);
  assert.equal(other.statusCode, 403, 'another institution may not issue for e-GA');
  problem(other);

  const created = await call('POST', '/api/v1/documents', write, body);
  assert.equal(created.statusCode, 201, created.body);
  const ed = created.json() as { id: string; revision: number; status: string; version: string };
  assert.equal(ed.status, 'draft');
  assert.equal(ed.version, '1.0');

  // Drafts are invisible to the public and to other institutions.
  assert.equal((await call('GET', '/api/v1/documents/ega-ext-net-021/editions/1.0')).statusCode, 404);
  assert.equal((await call('GET', '/api/v1/documents/ega-ext-net-021/editions/1.0', nida)).statusCode, 404);

  const saved = await call('PUT', `/api/v1/editions/${ed.id}`, write, { revision: ed.revision, changeSummary: 'Rasimu ya kwanza', sections: sections('kumbukumbu muhimu') });
  assert.equal(saved.statusCode, 200, saved.body);
  assert.equal(saved.json().revision, ed.revision + 1);
  const stale = await call('PUT', `/api/v1/editions/${ed.id}`, write, { revision: ed.revision, sections: sections('kitu kingine') });
  assert.equal(stale.statusCode, 409);
  const conflict = problem(stale);
  assert.equal(conflict.current!.revision, ed.revision + 1, 'the conflict carries the current draft');
  assert.match(JSON.stringify(conflict.current!.content), /kumbukumbu muhimu/);
  assert.equal((await call('PUT', `/api/v1/editions/${ed.id}`, read, { revision: ed.revision + 1 })).statusCode, 403, 'a read token may not save');
  const foreign = await call('PUT', `/api/v1/editions/${ed.id}`, nida, { revision: ed.revision + 1 });
  assert.equal(foreign.statusCode, 404, 'another institution does not see the draft');
  problem(foreign);

  // An invalid transition: a clear problem in the caller's language.
  const early = await call('POST', `/api/v1/editions/${ed.id}/publish`, approve, {}, { 'accept-language': 'en-GB,en;q=0.9' });
  assert.equal(early.statusCode, 409);
  assert.equal(problem(early).title, 'Only an approved edition can be published');
  const earlySw = await call('POST', `/api/v1/editions/${ed.id}/approve`, approve, {}, { 'accept-language': 'sw-TZ' });
  assert.equal(earlySw.statusCode, 409);
  const sw = problem(earlySw);
  assert.notEqual(sw.title, 'This edition is not at a stage where that can be done');
  assert.ok(sw.title.length > 10, 'the Kiswahili message is there');
  assert.equal((await call('POST', `/api/v1/editions/${ed.id}/approve`, write, {})).statusCode, 403, 'an author may not approve');

  assert.equal((await call('POST', `/api/v1/editions/${ed.id}/submit`, read, {})).statusCode, 403);
  const submitted = await call('POST', `/api/v1/editions/${ed.id}/submit`, write, {});
  assert.equal(submitted.statusCode, 200, submitted.body);
  assert.equal(submitted.json().status, 'in_review');
  assert.equal((await call('POST', `/api/v1/editions/${ed.id}/approve`, brela, {})).statusCode, 403, 'an author of another institution may not approve at all');
  const brelaApprover = await apiToken(t.db, await makeUser(t.db, 'issuer_approver', 'BRELA'), 'write');
  assert.equal((await call('POST', `/api/v1/editions/${ed.id}/approve`, brelaApprover, {})).statusCode, 404, 'another institution’s approver does not see the draft');
  const approved = await call('POST', `/api/v1/editions/${ed.id}/approve`, approve, {});
  assert.equal(approved.statusCode, 200, approved.body);
  assert.equal(approved.json().status, 'approved');
  const published = await call('POST', `/api/v1/editions/${ed.id}/publish`, approve, { effectiveDate: '2026-07-01' });
  assert.equal(published.statusCode, 200, published.body);
  assert.equal(published.json().status, 'in_force');

  const pub = await call('GET', '/api/v1/documents/ega-ext-net-021/editions/1.0');
  assert.equal(pub.statusCode, 200);
  assert.equal(pub.json().effectiveDate, '2026-07-01');
  assert.match(JSON.stringify(pub.json().sections), /kumbukumbu muhimu/);

  // A new edition through the API, edited and published: it supersedes the first.
  assert.equal((await call('POST', '/api/v1/documents/ega-ext-net-021/editions', read, {})).statusCode, 403);
  const next = await call('POST', '/api/v1/documents/ega-ext-net-021/editions', write, { changeSummary: 'Kumbukumbu zihifadhiwe miezi 12' });
  assert.equal(next.statusCode, 201, next.body);
  const e2 = next.json() as { id: string; version: string; revision: number };
  assert.equal(e2.version, '1.1');
  assert.equal((await call('PUT', `/api/v1/editions/${e2.id}`, write, { revision: e2.revision, sections: sections('kumbukumbu za miezi kumi na mbili') })).statusCode, 200);
  assert.equal((await call('POST', `/api/v1/editions/${e2.id}/submit`, write, {})).statusCode, 200);
  assert.equal((await call('POST', `/api/v1/editions/${e2.id}/approve`, approve, {})).statusCode, 200);
  assert.equal((await call('POST', `/api/v1/editions/${e2.id}/publish`, approve, {})).statusCode, 200);
  const v11 = await call('GET', '/api/v1/documents/ega-ext-net-021/editions/1.1');
  assert.equal(v11.statusCode, 200);
  assert.equal(v11.json().status, 'in_force');
  assert.match(JSON.stringify(v11.json().sections), /miezi kumi na mbili/);
  const v10 = (await call('GET', '/api/v1/documents/ega-ext-net-021/editions/1.0')).json();
  assert.equal(v10.status, 'superseded');
  assert.equal(v10.statusReason, 'Kumbukumbu zihifadhiwe miezi 12');
  const edited = await call('PUT', `/api/v1/editions/${e2.id}`, write, { revision: 99 }, { 'accept-language': 'en' });
  assert.equal(edited.statusCode, 409);
  assert.equal(problem(edited).title, 'An edition in force is never changed. Start a new edition to correct it');
});

// ---- Uploads through real multipart requests ----

async function docxWithPadding(padBytes: number): Promise<Buffer> {
  const doc = new Docx({
    sections: [{ children: [
      new Paragraph({ text: 'Madhumuni', heading: HeadingLevel.HEADING_1 }),
      new Paragraph('Kiwango hiki kinaweka masharti ya kuhifadhi nakala za akiba za mifumo ya taasisi za umma.'),
    ] }],
  });
  const zip = await JSZip.loadAsync(await Packer.toBuffer(doc));
  // Random bytes do not compress: the file stays as large as asked (like a DOCX with pictures).
  zip.file('word/media/padding.bin', crypto.randomBytes(padBytes));
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

function multipart(fields: Record<string, string>, file: { name: string; filename: string; data: Buffer }) {
  const boundary = `----viwango${crypto.randomBytes(8).toString('hex')}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${file.name}"; filename="${file.filename}"\r\nContent-Type: application/vnd.openxmlformats-officedocument.wordprocessingml.document\r\n\r\n`));
  parts.push(file.data, Buffer.from(`\r\n--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

const storedFiles = () => {
  const dir = path.join(dataDir, 'files');
  return fs.existsSync(dir) ? fs.readdirSync(dir).flatMap((d) => fs.readdirSync(path.join(dir, d))) : [];
};

test('an upload above the JSON body limit but within the upload limit is imported; one over the upload limit gets 413 in both languages and stores nothing', async () => {
  assert.ok(t.config.uploadLimit > 2 * t.config.bodyLimit, 'the limits differ as configured');
  const author = await makeUser(t.db, 'issuer_author', 'e-GA');
  const b = await signIn(t.app, author);
  const form = await b.get('/library/manage/new');
  const csrf = csrfToken(form.body);
  const egaId = form.body.match(/<option value="([0-9a-f-]{36})"[^>]*>e-GA/)![1];
  const upload = async (code: string, data: Buffer, lang: 'sw' | 'en') => {
    const { payload, contentType } = multipart(
      { _csrf: csrf, issuer: egaId, code, level: '2', kind: 'technical_standard', titleSw: 'Kiwango cha nakala za akiba', titleEn: 'Backup standard', groupCode: 'SA', version: '1.0' },
      { name: 'file', filename: 'nakala.docx', data },
    );
    return t.app.inject({
      method: 'POST',
      url: `/library/manage/new?lang=${lang}`,
      headers: { cookie: [...b.cookies].map(([k, v]) => `${k}=${v}`).join('; '), 'content-type': contentType },
      payload,
    });
  };

  const before = storedFiles().length;
  const medium = await docxWithPadding(3 * 1024 * 1024);
  assert.ok(medium.length > t.config.bodyLimit && medium.length < t.config.uploadLimit);
  const ok = await upload('eGA/EXT/NET/031', medium, 'sw');
  assert.equal(ok.statusCode, 303, ok.body.slice(0, 2000));
  assert.match(String(ok.headers.location), /\/library\/manage\/editions\/[0-9a-f-]{36}$/);
  const [row] = await t.db.query<{ file_size: number; file_sha256: string; content: unknown }>(
    `SELECT e.file_size, e.file_sha256, e.content FROM library_editions e JOIN library_documents d ON d.id = e.document_id WHERE d.code = 'eGA/EXT/NET/031'`,
  );
  assert.equal(Number(row.file_size), medium.length);
  assert.match(JSON.stringify(row.content), /nakala za akiba/);
  assert.equal(storedFiles().length, before + 1);

  const big = await docxWithPadding(t.config.uploadLimit + 512 * 1024);
  for (const lang of ['en', 'sw'] as const) {
    const res = await upload(`eGA/EXT/NET/03${lang === 'en' ? 2 : 3}`, big, lang);
    assert.equal(res.statusCode, 413);
    assert.match(res.body, new RegExp(`<html lang="${lang}"`));
    assert.match(res.body, /20 MB/, 'the message names the limit');
    assert.match(res.body, lang === 'en' ? /The upload is too large/ : /Faili ni kubwa mno/);
  }
  assert.equal(storedFiles().length, before + 1, 'nothing more is stored');
  const none = await t.db.query(`SELECT 1 FROM library_documents WHERE code IN ('eGA/EXT/NET/032', 'eGA/EXT/NET/033')`);
  assert.equal(none.length, 0);
});

test('the same upload limits hold over a real HTTP connection (fetch against the listening app)', async () => {
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(t.app.server.address() as { port: number }).port}`;
  const author = await makeUser(t.db, 'issuer_author', 'e-GA');
  const b = await signIn(t.app, author);
  const formPage = await b.get('/library/manage/new');
  const csrf = csrfToken(formPage.body);
  const egaId = formPage.body.match(/<option value="([0-9a-f-]{36})"[^>]*>e-GA/)![1];
  const cookie = [...b.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  const send = async (code: string, data: Buffer) => {
    const form = new FormData();
    for (const [k, v] of Object.entries({ _csrf: csrf, issuer: egaId, code, level: '2', kind: 'technical_standard', titleSw: 'Kiwango cha nakala za akiba', titleEn: 'Backup standard', version: '1.0' })) form.append(k, v);
    form.append('file', new Blob([new Uint8Array(data)]), 'nakala.docx');
    try {
      return await fetch(`${base}/library/manage/new?lang=en`, { method: 'POST', body: form, headers: { cookie }, redirect: 'manual' });
    } catch (err) {
      return err as Error;
    }
  };
  const before = storedFiles().length;
  const ok = await send('eGA/EXT/NET/041', await docxWithPadding(2 * 1024 * 1024));
  assert.ok(!(ok instanceof Error), String(ok));
  assert.equal(ok.status, 303, await ok.text());
  assert.equal(storedFiles().length, before + 1);
  const big = await send('eGA/EXT/NET/042', await docxWithPadding(t.config.uploadLimit + 512 * 1024));
  // The server may answer before the client has sent everything; either way nothing is stored.
  if (!(big instanceof Error)) {
    assert.equal(big.status, 413);
    assert.match(await big.text(), /too large/i);
  }
  assert.equal(storedFiles().length, before + 1);
  assert.equal((await t.db.query(`SELECT 1 FROM library_documents WHERE code = 'eGA/EXT/NET/042'`)).length, 0);
});

test('an upload form is accepted with its CSRF token in the body and refused with the token only in the URL', async () => {
  const author = await makeUser(t.db, 'issuer_author', 'e-GA');
  const b = await signIn(t.app, author);
  const page = await b.get('/library/manage/new');
  const csrf = csrfToken(page.body);
  assert.doesNotMatch(page.body, /action="[^"]*_csrf=/, 'no form puts its token in the URL');
  const egaId = page.body.match(/<option value="([0-9a-f-]{36})"[^>]*>e-GA/)![1];
  const cookie = [...b.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  const fields = { issuer: egaId, level: '2', kind: 'technical_standard', titleSw: 'Kiwango cha faili', titleEn: 'File standard', version: '1.0' };
  const data = await docxWithPadding(1024);
  const before = storedFiles().length;

  const inUrl = multipart({ ...fields, code: 'eGA/EXT/NET/051' }, { name: 'file', filename: 'a.docx', data });
  const refused = await t.app.inject({ method: 'POST', url: `/library/manage/new?lang=en&_csrf=${encodeURIComponent(csrf)}`, headers: { cookie, 'content-type': inUrl.contentType }, payload: inUrl.payload });
  assert.equal(refused.statusCode, 403);
  assert.equal(storedFiles().length, before, 'nothing stored');
  assert.equal((await t.db.query(`SELECT 1 FROM library_documents WHERE code = 'eGA/EXT/NET/051'`)).length, 0);

  const inBody = multipart({ _csrf: csrf, ...fields, code: 'eGA/EXT/NET/052' }, { name: 'file', filename: 'a.docx', data });
  const accepted = await t.app.inject({ method: 'POST', url: '/library/manage/new?lang=en', headers: { cookie, 'content-type': inBody.contentType }, payload: inBody.payload });
  assert.equal(accepted.statusCode, 303, accepted.body.slice(0, 500));
  assert.equal(storedFiles().length, before + 1);

  // The editor's attach form works the same way, with its token as the first field.
  const editionUrl = String(accepted.headers.location);
  const editor = await b.get(editionUrl);
  const attachForm = editor.body.match(/<form method="post" action="([^"]+\/file)" enctype="multipart\/form-data"[^>]*>\s*<input type="hidden" name="_csrf" value="([^"]+)"/);
  assert.ok(attachForm, 'the attach form starts with its token');
  const attach = multipart({ _csrf: attachForm[2], replace: '1' }, { name: 'file', filename: 'b.docx', data: await docxWithPadding(2048) });
  const attached = await t.app.inject({ method: 'POST', url: attachForm[1], headers: { cookie, 'content-type': attach.contentType }, payload: attach.payload });
  assert.equal(attached.statusCode, 303, attached.body.slice(0, 500));
  assert.equal(storedFiles().length, before + 2);
});

test('PUT /api/v1/editions/{id}/file uploads a draft’s original: checked by content, audited, only on one’s own draft', async () => {
  const author = await makeUser(t.db, 'issuer_author', 'e-GA');
  const write = await apiToken(t.db, author, 'write');
  const read = await apiToken(t.db, author, 'read');
  const approver = await apiToken(t.db, await makeUser(t.db, 'issuer_approver', 'e-GA'), 'write');
  const nida = await apiToken(t.db, await makeUser(t.db, 'institution_officer', 'NIDA'), 'write');
  const created = await call('POST', '/api/v1/documents', write, { code: 'eGA/EXT/NET/061', level: 2, kind: 'technical_standard', issuer: 'e-GA', titleSw: 'Kiwango cha API ya faili', titleEn: 'File API standard', sections: sections('faili') });
  assert.equal(created.statusCode, 201, created.body);
  const ed = created.json() as { id: string };
  const docx: string = FILE_KINDS.docx;
  const put = (token: string | undefined, data: Buffer, type = docx, query = '', lang = 'en') =>
    t.app.inject({ method: 'PUT', url: `/api/v1/editions/${ed.id}/file${query}`, headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), 'content-type': type, 'accept-language': lang }, payload: data });
  const data = await docxWithPadding(4096);
  const before = storedFiles().length;

  assert.equal((await put(undefined, data)).statusCode, 401);
  assert.equal((await put(read, data)).statusCode, 403, 'a read token may not upload');
  assert.equal((await put(nida, data)).statusCode, 404, 'another institution does not see the draft');
  assert.equal((await put(approver, data)).statusCode, 403, 'an approver sees the draft but may not edit it');
  assert.equal((await put(write, data, 'text/html')).statusCode, 415, 'only the PDF and DOCX types are taken');
  const exe = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff', 'latin1'), Buffer.alloc(4096, 1)]);
  const wrong = await put(write, exe, FILE_KINDS.pdf);
  assert.equal(wrong.statusCode, 422);
  assert.match(problem(wrong).errors![0].message, /not a PDF or a Word \.docx document/);
  const wrongSw = problem(await put(write, exe, FILE_KINDS.pdf, '', 'sw'));
  assert.match(wrongSw.errors![0].message, /Faili si PDF wala hati ya Word/);
  const badName = await put(write, data, docx, `?filename=${encodeURIComponent('..\\..\\boot.ini')}`);
  assert.equal(badName.statusCode, 422);
  assert.match(problem(badName).errors![0].message, /file name contains characters that are not allowed/);
  const bomb = zipOf([...docxParts().slice(0, 2), zeros('word/document.xml', 512 * 1024 * 1024, 1000)]);
  const boom = await put(write, bomb);
  assert.equal(boom.statusCode, 422, 'a zip bomb whose headers understate its size');
  assert.match(problem(boom).errors![0].message, /expands to far more data than a document should/);
  assert.equal(storedFiles().length, before, 'nothing refused is stored');

  const ok = await put(write, data, docx, '?filename=Kiwango%20cha%20faili.docx&replaceContent=true');
  assert.equal(ok.statusCode, 200, ok.body);
  const body = ok.json() as { file: { sha256: string; type: string; size: number }; revision: number };
  assert.equal(body.file.type, 'docx');
  assert.equal(body.file.size, data.length);
  assert.equal(body.file.sha256, crypto.createHash('sha256').update(data).digest('hex'));
  assert.equal(storedFiles().length, before + 1);
  const [row] = await t.db.query<{ file_name: string; content: unknown }>('SELECT file_name, content FROM library_editions WHERE id = $1', [ed.id]);
  assert.equal(row.file_name, 'Kiwango cha faili.docx');
  assert.match(JSON.stringify(row.content), /nakala za akiba/, 'replaceContent put the file’s text into the draft');
  const audit = await t.db.query<{ summary: { sha256: string } }>(`SELECT summary FROM audit_log WHERE action = 'library.edition.file' AND entity_id = $1`, [ed.id]);
  assert.equal(audit.length, 1);
  assert.equal(audit[0].summary.sha256, body.file.sha256);

  assert.equal((await call('POST', `/api/v1/editions/${ed.id}/submit`, write, {})).statusCode, 200);
  const late = await put(write, data);
  assert.equal(late.statusCode, 409, 'not a draft any more');
  problem(late);

  const spec = (await t.app.inject('/api/openapi.json')).json() as { paths: Record<string, { put?: { requestBody?: { content: Record<string, unknown> } } }> };
  assert.deepEqual(Object.keys(spec.paths['/api/v1/editions/{id}/file'].put!.requestBody!.content).sort(), [FILE_KINDS.pdf, FILE_KINDS.docx].sort());
});
