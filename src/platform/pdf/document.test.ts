import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractText, getDocumentProxy } from 'unpdf';
import { PdfWriter } from './index.ts';

async function text(bytes: Uint8Array) {
  const pdf = await getDocumentProxy(new Uint8Array(bytes));
  const { text: pages, totalPages } = await extractText(pdf, { mergePages: false });
  return { pages: pages as string[], totalPages };
}

test('pdf: Kiswahili text, a long table over several pages with its header repeated, footer page numbers', async () => {
  const w = await PdfWriter.create({ title: 'Ripoti ya uzingatiaji', footer: 'NIDA — Mzunguko 2026', lang: 'sw', createdAt: new Date('2026-11-27T00:00:00Z') });
  w.heading('Ripoti ya uzingatiaji wa viwango');
  w.paragraph('Taasisi itahakikisha inatunza orodha ya rasilimali zake za TEHAMA. '.repeat(12));
  w.facts([['Taasisi', 'Mamlaka ya Vitambulisho vya Taifa (NIDA)'], ['Alama', '72.5%']]);
  const rows = Array.from({ length: 120 }, (_, i) => [`eGA/EXT/ISA/001 §3.${i + 1}`, 'Inazingatia kwa sehemu', `${i}%`]);
  w.table([{ label: 'Takwa', width: 3 }, { label: 'Matokeo', width: 2 }, { label: 'Alama', width: 1, align: 'right' }], rows);
  w.paragraph('Mshale → hauwezi kuonyeshwa na fonti ya kawaida 😀');
  const bytes = await w.bytes();
  assert.equal(Buffer.from(bytes.subarray(0, 5)).toString(), '%PDF-');
  const { pages, totalPages } = await text(bytes);
  assert.ok(totalPages >= 3, `a 120-row table runs over pages (got ${totalPages})`);
  assert.match(pages[0]!, /Ripoti ya uzingatiaji wa viwango/);
  assert.match(pages[0]!, /Mamlaka ya Vitambulisho vya Taifa \(NIDA\)/);
  // The header row is repeated on the pages the table runs onto.
  assert.match(pages[1]!, /Takwa/);
  assert.match(pages.join('\n'), /§3\.120/);
  assert.match(pages[totalPages - 1]!, new RegExp(`${totalPages} / ${totalPages}`));
  assert.match(pages[totalPages - 1]!, /Mshale \? hauwezi/);
});

test('pdf: the same input and date give the same bytes', async () => {
  const make = async () => {
    const w = await PdfWriter.create({ title: 'Letter', lang: 'en', createdAt: new Date('2026-01-01T00:00:00Z') });
    w.heading('Decision').paragraph('Approved with conditions.');
    return Buffer.from(await w.bytes()).toString('base64');
  };
  assert.equal(await make(), await make());
});
