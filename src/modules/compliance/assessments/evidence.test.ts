// Evidence on the real database: a PDF and a link are added to NIDA's library; a file of the wrong
// type or too large is refused with its message and nothing is stored; another institution's officer
// neither sees nor downloads NIDA's evidence, and cannot attach it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ctxAs, createTestDb, institutionId, makeUser, type TestDb } from '../../../../test/helpers.ts';
import { AppError } from '../../../platform/http/errors.ts';
import type { Ctx } from '../../../platform/context.ts';
import { addEvidence, evidenceFile, evidenceList, loadEvidence, requireEvidence } from './evidence.service.ts';

let t: TestDb;
let nida: Ctx;
let brela: Ctx;
let nidaId: string;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vw-evidence-'));
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

before(async () => {
  t = await createTestDb();
  const base = await ctxAs(t.db, await makeUser(t.db, 'institution_officer', 'NIDA'));
  nida = { ...base, config: { ...base.config, dataDir, uploadLimit: 2000 } };
  const b = await ctxAs(t.db, await makeUser(t.db, 'institution_officer', 'BRELA'));
  brela = { ...b, config: { ...b.config, dataDir } };
  nidaId = await institutionId(t.db, 'NIDA');
});
after(async () => {
  await t.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const storedFiles = () => (fs.existsSync(path.join(dataDir, 'files')) ? fs.readdirSync(path.join(dataDir, 'files'), { recursive: true }).filter((f) => /[0-9a-f]{64}$/.test(String(f))) : []);
const refusal = (field: string, key: string, status = 422) => (err: unknown) => err instanceof AppError && err.status === status && err.fields?.[field] === key;

test('a PDF and a link are added to the library; the file is stored by its hash and downloads for the institution only', async () => {
  const file = await addEvidence(nida, { institutionId: nidaId, title: 'ICT security policy 2026', expiresOn: '2027-06-30', file: { bytes: PDF, name: 'sera.pdf' } });
  assert.equal(file.kind, 'file');
  assert.equal(file.fileType, 'application/pdf');
  assert.match(file.fileSha256 ?? '', /^[0-9a-f]{64}$/);
  assert.equal(storedFiles().length, 1);
  const link = await addEvidence(nida, { institutionId: nidaId, title: 'Published policy', url: 'https://nida.go.tz/policy' });
  assert.equal(link.kind, 'link');
  const list = await evidenceList(nida, nidaId);
  assert.deepEqual(new Set(list.items.map((e) => e.title)), new Set(['ICT security policy 2026', 'Published policy']));

  const dl = await evidenceFile(nida, file.id);
  const chunks: Buffer[] = [];
  for await (const c of dl.stream) chunks.push(c as Buffer);
  assert.deepEqual(Buffer.concat(chunks), PDF);

  await assert.rejects(evidenceFile(brela, file.id), (e: unknown) => e instanceof AppError && e.status === 404, 'BRELA does not learn NIDA’s evidence exists');
  await assert.rejects(loadEvidence(brela, link.id), (e: unknown) => e instanceof AppError && e.status === 404);
  assert.equal((await evidenceList(brela, nidaId)).total, 0);
  await assert.rejects(requireEvidence(brela, await institutionId(t.db, 'BRELA'), [file.id]), refusal('evidence', 'assessments.evidence.field.unknown'));
  await assert.rejects(addEvidence(brela, { institutionId: nidaId, title: 'x', url: 'https://x.example' }), (e: unknown) => e instanceof AppError && e.status === 404, 'NIDA’s library is not BRELA’s to add to');
});

test('wrong type, too large, no title, both or neither of file and link: refused with its message, nothing stored', async () => {
  const before = storedFiles().length;
  const [{ n: rows }] = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM compliance_evidence');
  await assert.rejects(addEvidence(nida, { institutionId: nidaId, title: 'Script', file: { bytes: Buffer.from('#!/bin/sh\necho hi\n'), name: 'policy.pdf' } }), refusal('file', 'assessments.evidence.field.wrongType'));
  await assert.rejects(addEvidence(nida, { institutionId: nidaId, title: 'Big', file: { bytes: Buffer.concat([PDF, Buffer.alloc(3000, 32)]), name: 'big.pdf' } }), refusal('file', 'assessments.evidence.field.tooLarge', 413));
  await assert.rejects(addEvidence(nida, { institutionId: nidaId, title: ' ', file: { bytes: PDF, name: 'a.pdf' } }), refusal('title', 'assessments.evidence.field.title'));
  await assert.rejects(addEvidence(nida, { institutionId: nidaId, title: 'Neither' }), refusal('file', 'assessments.evidence.field.fileOrLink'));
  await assert.rejects(addEvidence(nida, { institutionId: nidaId, title: 'Bad link', url: 'javascript:alert(1)' }), refusal('url', 'assessments.evidence.field.url'));
  await assert.rejects(addEvidence(nida, { institutionId: nidaId, title: 'Bad date', url: 'https://a.example', expiresOn: '2026-02-30' }), refusal('expiresOn', 'assessments.evidence.field.expiresOn'));
  assert.equal(storedFiles().length, before, 'no file kept');
  const [{ n: after }] = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM compliance_evidence');
  assert.equal(after, rows, 'no row written');
});
