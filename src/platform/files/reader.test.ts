// Reading hostile uploads: zip bombs that say how large they are and ones that lie, polyglots,
// renamed executables and web pages, oversized files and slow reads. Each is refused for a stated
// reason, in a worker, while the main thread's memory stays low and its event loop keeps running.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { docxParts, entry, zeros, zipOf } from '../../../test/zip.ts';
import { translator } from '../../messages.ts';
import { AppError } from '../http/errors.ts';
import { FileProblemError, fileRefusal, inflateZip, readUpload, type FileProblem } from './index.ts';

const refusedFor = (problem: FileProblem) => (err: unknown) => {
  assert.ok(err instanceof FileProblemError, String(err));
  assert.equal(err.problem, problem);
  return true;
};
const docxOnly = { allow: ['docx'] as const, maxBytes: 20 * 1024 * 1024, extract: true };
const GiB = 1024 * 1024 * 1024;

test('a sound DOCX is read in the worker into paragraphs', async () => {
  const r = await readUpload(zipOf(docxParts('Taasisi zitahifadhi nakala za akiba kila siku.')), { ...docxOnly, allow: ['pdf', 'docx'] });
  assert.equal(r.kind, 'docx');
  assert.deepEqual(r.paragraphs.map((p) => p.text), ['Taasisi zitahifadhi nakala za akiba kila siku.']);
});

test('an honest zip bomb (its headers say 1 GiB) is refused before anything is inflated', async () => {
  const bomb = zipOf([...docxParts().slice(0, 2), zeros('word/document.xml', GiB)]);
  assert.ok(bomb.length < 2 * 1024 * 1024, 'the bomb itself is small');
  await assert.rejects(readUpload(bomb, docxOnly), refusedFor('zipBomb'));
});

test('a lying zip bomb (1 GiB declared as 1 KB) is stopped while inflating, with the main thread’s memory and event loop unharmed', async (t) => {
  const lying = zipOf([...docxParts().slice(0, 2), zeros('word/document.xml', GiB, 1000)]);
  assert.ok(lying.length < 2 * 1024 * 1024);
  // Warm up once, so loading code is not counted as the bomb's memory.
  await readUpload(zipOf(docxParts()), docxOnly);
  const rssBefore = process.memoryUsage().rss;
  let peak = rssBefore;
  let ticks = 0;
  let last = performance.now();
  let maxGap = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    maxGap = Math.max(maxGap, now - last);
    last = now;
    ticks++;
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 5);
  try {
    await assert.rejects(readUpload(lying, docxOnly), refusedFor('zipBomb'));
  } finally {
    clearInterval(timer);
  }
  const grew = (peak - rssBefore) / (1024 * 1024);
  t.diagnostic(`bomb ${lying.length} bytes; rss grew ${grew.toFixed(1)} MB; timer fired ${ticks} times, longest gap ${maxGap.toFixed(0)} ms`);
  assert.ok(grew < 100, `the process grew by ${grew.toFixed(0)} MB`);
  assert.ok(ticks >= 5, `the timer fired ${ticks} times during the read`);
  assert.ok(maxGap < 1000, `the event loop was blocked for ${maxGap.toFixed(0)} ms`);
});

test('a bomb that tells the truth per entry but adds up past the cap is refused, and so is one over the cap however it lies', async () => {
  const many = zipOf([...docxParts(), ...Array.from({ length: 6 }, (_, i) => entry(`word/part${i}.xml`, 'x'.repeat(1024 * 1024)))]);
  await assert.rejects(readUpload(many, { ...docxOnly, limits: { maxInflatedBytes: 4 * 1024 * 1024 } }), refusedFor('zipBomb'));
  const tooMany = zipOf(Array.from({ length: 30 }, (_, i) => entry(`word/p${i}.xml`, 'y')));
  await assert.rejects(readUpload(tooMany, { ...docxOnly, limits: { maxEntries: 20 } }), refusedFor('zipBomb'));
});

test('polyglots are refused: a PDF with a zip after it, and a zip that a PDF reader would open', async () => {
  const pdfThenZip = Buffer.concat([Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n'), zipOf(docxParts())]);
  await assert.rejects(readUpload(pdfThenZip, { ...docxOnly, allow: ['pdf', 'docx'] }), refusedFor('polyglot'));
  const zipWithPdfHeader = zipOf([entry('a.txt', '%PDF-1.4 not really', { store: true }), ...docxParts()]);
  await assert.rejects(readUpload(zipWithPdfHeader, { ...docxOnly, allow: ['pdf', 'docx'] }), refusedFor('polyglot'));
});

test('wrong types are refused whatever they are called: an executable, a web page, a plain zip, a spreadsheet where a document is wanted', async () => {
  const exe = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00', 'latin1'), Buffer.alloc(2048, 0x41)]);
  await assert.rejects(readUpload(exe, docxOnly), refusedFor('wrongType'));
  const html = Buffer.from('<!doctype html><html><body><script>alert(1)</script></body></html>');
  await assert.rejects(readUpload(html, docxOnly), refusedFor('wrongType'));
  await assert.rejects(readUpload(zipOf([entry('notes.txt', 'hello')]), docxOnly), refusedFor('wrongType'));
  const xlsx = zipOf([entry('[Content_Types].xml', '<Types/>'), entry('xl/workbook.xml', '<workbook/>')]);
  await assert.rejects(readUpload(xlsx, docxOnly), refusedFor('wrongType'));
  assert.equal((await readUpload(xlsx, { allow: ['xlsx'], maxBytes: 1 << 20 })).kind, 'xlsx', 'the same file where a spreadsheet is wanted');
  await assert.rejects(readUpload(zipOf(docxParts()), { allow: ['pdf'], maxBytes: 1 << 20 }), refusedFor('wrongType'));
});

test('empty, oversized, damaged and too slow files are refused', async () => {
  await assert.rejects(readUpload(Buffer.alloc(0), docxOnly), refusedFor('empty'));
  await assert.rejects(readUpload(zipOf(docxParts()), { ...docxOnly, maxBytes: 100 }), refusedFor('tooLarge'));
  await assert.rejects(readUpload(zipOf(docxParts()).subarray(0, 300), docxOnly), refusedFor('corrupt'));
  await assert.rejects(readUpload(Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(200, 7)]), { ...docxOnly, allow: ['pdf'] }), refusedFor('corrupt'));
  // A worker that cannot finish within the time cap is terminated.
  await assert.rejects(readUpload(zipOf(docxParts()), { ...docxOnly, limits: { timeoutMs: 1 } }), refusedFor('tooDemanding'));
});

test('inflateZip gives another module (an XLSX import) a zip’s entries within the caps', async () => {
  const xlsx = zipOf([entry('[Content_Types].xml', '<Types/>'), entry('xl/workbook.xml', '<workbook/>'), entry('xl/worksheets/sheet1.xml', '<sheetData/>'), entry('xl/media/logo.png', 'png')]);
  const entries = await inflateZip(xlsx, { include: /^xl\/.*\.xml$/ });
  assert.deepEqual([...entries.keys()].sort(), ['xl/workbook.xml', 'xl/worksheets/sheet1.xml']);
  assert.equal(entries.get('xl/worksheets/sheet1.xml')!.toString(), '<sheetData/>');
  await assert.rejects(inflateZip(zipOf([zeros('xl/worksheets/sheet1.xml', 64 * 1024 * 1024, 10)])), refusedFor('zipBomb'));
});

test('every refusal has a clear message in both languages', () => {
  const en = translator('en');
  const sw = translator('sw');
  for (const problem of ['empty', 'wrongType', 'polyglot', 'corrupt', 'zipBomb', 'tooDemanding', 'badName'] as const) {
    const err = fileRefusal(problem);
    assert.equal(err.status, 422);
    const key = err.fields!.file;
    assert.notEqual(en(key), key);
    assert.notEqual(sw(key), en(key), `${problem} is translated`);
  }
  const big = fileRefusal('tooLarge');
  assert.ok(big instanceof AppError && big.status === 413);
  assert.equal(fileRefusal('wrongType', 'library.file.notPdfOrDocx').fields!.file, 'library.file.notPdfOrDocx', 'a use may name its accepted types');
});
