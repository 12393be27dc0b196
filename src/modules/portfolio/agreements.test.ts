// An integration's data-sharing agreement with its file (decision 0215): the service (checked by
// content, stored by hash, recorded with history and an audit entry, nothing written when refused)
// and over HTTP (the integration page's upload form, the download, the API and its OpenAPI entry),
// with the integration's visibility: another institution's officer gets 404.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { Document as Docx, Packer, Paragraph } from 'docx';
import JSZip from 'jszip';
import { apiToken, createTestApp, makeUser, signIn, type Browser, type TestApp } from '../../../test/helpers.ts';
import { createCtx, type Ctx } from '../../platform/context.ts';
import { AppError } from '../../platform/http/errors.ts';
import { actorFor } from '../identity/users.service.ts';
import { addIntegration } from './integrations.service.ts';
import { buildSystem } from './testing.ts';
import { agreementFile, agreementsOf, uploadAgreement } from './agreements.service.ts';

let t: TestApp;
let dataDir: string;
let nida: Ctx;
let brela: Ctx;
let nidaBrowser: Browser;
let brelaBrowser: Browser;
let nidaToken: string;
let brelaToken: string;
let integration: string;
let crossIntegration: string;

async function pdf(text: string): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const page = doc.addPage();
  page.drawText(text, { x: 50, y: 700, size: 12, font: await doc.embedFont(StandardFonts.Helvetica) });
  return Buffer.from(await doc.save());
}
async function docx(text: string): Promise<Buffer> {
  return Buffer.from(await Packer.toBuffer(new Docx({ sections: [{ children: [new Paragraph(text)] }] })));
}
const storedFiles = () => (fs.existsSync(path.join(dataDir, 'files')) ? fs.readdirSync(path.join(dataDir, 'files'), { recursive: true }).filter((f) => /[0-9a-f]{64}$/.test(String(f))).length : 0);
const fieldOf = (err: unknown) => (err instanceof AppError ? Object.values(err.fields ?? {})[0] : undefined);

before(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'viwango-agreements-'));
  t = await createTestApp({ dataDir, uploadLimit: 2 * 1024 * 1024, archive: { maxInflatedBytes: 5 * 1024 * 1024, maxEntries: 2000, timeoutMs: 10_000 } });
  const nidaOfficer = await makeUser(t.db, 'institution_officer', 'NIDA', { name: 'Neema NIDA' });
  const brelaOfficer = await makeUser(t.db, 'institution_officer', 'BRELA');
  nida = createCtx({ db: t.db, config: t.config, actor: await actorFor(t.db.orm, nidaOfficer, 'web') });
  brela = createCtx({ db: t.db, config: t.config, actor: await actorFor(t.db.orm, brelaOfficer, 'web') });
  const [a, b, c] = [await buildSystem(nida, { code: 'AGR-A' }), await buildSystem(nida, { code: 'AGR-B' }), await buildSystem(brela, { code: 'AGR-C' })];
  integration = (await addIntegration(nida, { provider: a.id, consumer: b.id, dataExchanged: 'Identity records', channel: 'govesb', legalBasis: 'Registration and Identification of Persons Act', status: 'active' })).id;
  crossIntegration = (await addIntegration(nida, { provider: a.id, consumer: c.id, dataExchanged: 'Identity checks for business owners', channel: 'govesb', status: 'active' })).id;
  nidaBrowser = await signIn(t.app, nidaOfficer);
  brelaBrowser = await signIn(t.app, brelaOfficer);
  nidaToken = await apiToken(t.db, nidaOfficer, 'write');
  brelaToken = await apiToken(t.db, brelaOfficer, 'write');
});
after(async () => {
  await t.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

test('an upload is stored by hash and recorded on the integration, with history on both systems and an audit entry; a replacement keeps the earlier file', async () => {
  const first = await pdf('Data-sharing agreement NIDA 2026');
  const { integration: g, agreement } = await uploadAgreement(nida, { integrationId: integration, fileName: 'Mkataba wa NIDA.pdf', bytes: first });
  assert.equal(g.agreementName, 'Mkataba wa NIDA.pdf');
  assert.equal(agreement.fileType, 'application/pdf');
  assert.ok(fs.existsSync(path.join(dataDir, 'files', agreement.sha256.slice(0, 2), agreement.sha256)), 'the bytes are in the file store under their hash');

  const [entry] = await t.db.query<{ action: string; entity_id: string; summary: { file: string; sha256: string; replaced: string | null } }>("SELECT action, entity_id, summary FROM audit_log WHERE action = 'portfolio.integration.agreement' ORDER BY seq DESC LIMIT 1");
  assert.equal(entry.entity_id, integration);
  assert.equal(entry.summary.file, 'Mkataba wa NIDA.pdf');
  assert.equal(entry.summary.sha256, agreement.sha256);
  assert.equal(entry.summary.replaced, null);
  const history = await t.db.query<{ fields: { agreement: { to: string } } }>("SELECT h.fields FROM portfolio_history h JOIN portfolio_systems s ON s.id = h.system_id WHERE s.code IN ('AGR-A', 'AGR-B') AND h.fields ? 'agreement'");
  assert.deepEqual(history.map((h) => h.fields.agreement.to), ['Mkataba wa NIDA.pdf', 'Mkataba wa NIDA.pdf'], 'a history line on each side');

  const second = await uploadAgreement(nida, { integrationId: integration, fileName: 'agreement-v2.docx', bytes: await docx('Amended agreement') });
  assert.equal(second.integration.agreementName, 'agreement-v2.docx');
  const all = await agreementsOf(nida, integration);
  assert.deepEqual(all.map((a) => a.fileName), ['Mkataba wa NIDA.pdf', 'agreement-v2.docx']);
  const old = await agreementFile(nida, integration, all[0].id);
  const bytes = Buffer.concat(await old.stream.toArray());
  assert.ok(bytes.equals(first), 'the earlier file is still there to download');
  assert.equal((await agreementFile(nida, integration)).agreement.fileName, 'agreement-v2.docx', 'the current file is the new one');
});

test('a wrong type, an empty file, a zip bomb or a file over the limit is refused with its reason and nothing is written', async () => {
  const files = storedFiles();
  const versions = (await agreementsOf(nida, integration)).length;
  const refused = async (bytes: Buffer, key: string, status = 422) =>
    assert.rejects(uploadAgreement(nida, { integrationId: integration, fileName: 'agreement.pdf', bytes }), (e: unknown) => e instanceof AppError && e.status === status && fieldOf(e) === key);
  await refused(Buffer.from('This is only text, whatever the name says.'), 'portfolio.agreement.wrongType');
  await refused(Buffer.alloc(0), 'files.empty');
  await refused(Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(200, 7)]), 'files.corrupt');
  const bomb = new JSZip();
  bomb.file('[Content_Types].xml', '<Types/>');
  bomb.file('word/document.xml', 'a'.repeat(20 * 1024 * 1024));
  await refused(await bomb.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 } }), 'files.zipBomb');
  await refused(Buffer.concat([await pdf('big'), Buffer.alloc(3 * 1024 * 1024)]), 'portfolio.agreement.tooLarge', 413);
  assert.equal(storedFiles(), files, 'no file stored');
  assert.equal((await agreementsOf(nida, integration)).length, versions, 'no version recorded');
});

test('another institution\'s officer learns nothing: 404 for the upload and the download; the other side of a cross-institution integration may read and upload', async () => {
  await assert.rejects(uploadAgreement(brela, { integrationId: integration, fileName: 'x.pdf', bytes: await pdf('x') }), (e: unknown) => e instanceof AppError && e.status === 404);
  await assert.rejects(agreementFile(brela, integration), (e: unknown) => e instanceof AppError && e.status === 404);
  const { integration: g } = await uploadAgreement(brela, { integrationId: crossIntegration, fileName: 'brela-nida.pdf', bytes: await pdf('BRELA and NIDA') });
  assert.equal(g.agreementName, 'brela-nida.pdf');
  assert.equal((await agreementFile(nida, crossIntegration)).agreement.fileName, 'brela-nida.pdf', 'the provider institution reads what the consumer uploaded');
});

test('the integration page: upload form, the file name and download link, a refused file explained in both languages, 404 to another institution', async () => {
  const page = await nidaBrowser.get(`/portfolio/integrations/${integration}?lang=en`);
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /Registration and Identification of Persons Act/);
  assert.match(page.body, /enctype="multipart\/form-data"/);
  const bytes = await pdf('Agreement signed 2026');
  const posted = await nidaBrowser.postMultipart(`/portfolio/integrations/${integration}/agreement`, {}, { name: 'signed agreement.pdf', type: 'application/pdf', bytes }, { csrfFrom: `/portfolio/integrations/${integration}` });
  assert.equal(posted.statusCode, 303, posted.body.slice(0, 300));
  const after = await nidaBrowser.get(String(posted.headers.location));
  assert.match(after.body, /The agreement file was saved/);
  assert.match(after.body, new RegExp(`href="/portfolio/integrations/${integration}/agreement" download>signed agreement\\.pdf<`));
  assert.match(after.body, /Earlier files/);
  const download = await nidaBrowser.get(`/portfolio/integrations/${integration}/agreement`);
  assert.equal(download.statusCode, 200);
  assert.equal(download.headers['content-type'], 'application/pdf');
  assert.match(String(download.headers['content-disposition']), /attachment; filename="signed agreement\.pdf"/);
  assert.ok(download.rawPayload.equals(bytes));

  // The system page and the integration map name the file and link to it.
  const [{ id: systemId }] = await t.db.query<{ id: string }>("SELECT id FROM portfolio_systems WHERE code = 'AGR-A'");
  const system = await nidaBrowser.get(`/portfolio/systems/${systemId}?lang=en`);
  assert.match(system.body, /signed agreement\.pdf/);
  assert.match(system.body, /Agreement file: signed agreement\.pdf/, 'the history names the file');

  const wrong = await nidaBrowser.postMultipart(`/portfolio/integrations/${integration}/agreement?lang=en`, {}, { name: 'agreement.pdf', type: 'application/pdf', bytes: Buffer.from('not a pdf at all') }, { csrfFrom: `/portfolio/integrations/${integration}` });
  assert.equal(wrong.statusCode, 422);
  assert.match(wrong.body, /The agreement must be a PDF or Word \(DOCX\) document/);
  const sw = await nidaBrowser.postMultipart(`/portfolio/integrations/${integration}/agreement?lang=sw`, {}, { name: 'agreement.pdf', type: 'application/pdf', bytes: Buffer.from('not a pdf at all') }, { csrfFrom: `/portfolio/integrations/${integration}` });
  assert.match(sw.body, /Makubaliano lazima yawe hati ya PDF au Word \(DOCX\)/);
  const none = await nidaBrowser.postMultipart(`/portfolio/integrations/${integration}/agreement?lang=en`, {}, undefined, { csrfFrom: `/portfolio/integrations/${integration}` });
  assert.equal(none.statusCode, 422);
  assert.match(none.body, /Choose the agreement file to upload/);

  assert.equal((await brelaBrowser.get(`/portfolio/integrations/${integration}`)).statusCode, 404);
  assert.equal((await brelaBrowser.get(`/portfolio/integrations/${integration}/agreement`)).statusCode, 404);
});

test('the API: PUT the raw file, GET it back; 404 for another institution; a wrong type is 422 with its message; both in the OpenAPI document', async () => {
  const bytes = await pdf('API agreement');
  const put = (token: string, body: Buffer, type = 'application/pdf', id = integration) =>
    t.app.inject({ method: 'PUT', url: `/api/v1/portfolio/integrations/${id}/agreement?filename=api-agreement.pdf`, headers: { authorization: `Bearer ${token}`, 'content-type': type, 'accept-language': 'en' }, payload: body });
  const ok = await put(nidaToken, bytes);
  assert.equal(ok.statusCode, 200, ok.body);
  const json = ok.json() as { agreementName: string; agreement: { fileName: string; sha256: string }; earlierAgreements: unknown[] };
  assert.equal(json.agreementName, 'api-agreement.pdf');
  assert.equal(json.agreement.fileName, 'api-agreement.pdf');
  assert.ok(json.earlierAgreements.length >= 1);
  const get = await t.app.inject({ method: 'GET', url: `/api/v1/portfolio/integrations/${integration}/agreement`, headers: { authorization: `Bearer ${nidaToken}` } });
  assert.equal(get.statusCode, 200);
  assert.ok(get.rawPayload.equals(bytes));
  assert.equal((await t.app.inject({ method: 'GET', url: `/api/v1/portfolio/integrations/${integration}`, headers: { authorization: `Bearer ${nidaToken}` } })).statusCode, 200);

  assert.equal((await put(brelaToken, bytes)).statusCode, 404);
  assert.equal((await t.app.inject({ method: 'GET', url: `/api/v1/portfolio/integrations/${integration}/agreement`, headers: { authorization: `Bearer ${brelaToken}` } })).statusCode, 404);
  assert.equal((await t.app.inject({ method: 'GET', url: `/api/v1/portfolio/integrations/${integration}`, headers: { authorization: `Bearer ${brelaToken}` } })).statusCode, 404);

  const wrong = await put(nidaToken, Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(64, 7)]));
  assert.equal(wrong.statusCode, 422);
  assert.ok((wrong.json() as { errors: { field: string; message: string }[] }).errors.some((e) => e.field === 'file' && /damaged/.test(e.message)));
  const png = await put(nidaToken, Buffer.from('plain'), 'text/plain');
  assert.ok([400, 415].includes(png.statusCode), `a body that is not PDF or DOCX by its type is refused: ${png.statusCode}`);

  const spec = (await t.app.inject('/api/openapi.json')).json() as { paths: Record<string, Record<string, { requestBody?: { content: Record<string, unknown> } }>> };
  const path = spec.paths['/api/v1/portfolio/integrations/{id}/agreement'];
  assert.ok(path?.put && path.get, 'PUT and GET are documented');
  assert.deepEqual(Object.keys(path.put.requestBody!.content).sort(), ['application/pdf', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document']);
});
