import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkFileName, contentDisposition, FileProblemError, safeFileName } from './index.ts';

const hostile = {
  'path traversal': '../../etc/passwd',
  'Windows traversal': '..\\..\\boot.ini',
  'header splitting': 'report.pdf\r\nSet-Cookie: session=stolen',
  'a NUL byte': 'report.pdf\u0000.exe',
  'a double quote': 'report".pdf',
  'a right-to-left override hiding .exe': 'invoice\u202Efdp.exe',
  'an isolate': 'a\u2066b.docx',
  'a very long name': `${'a'.repeat(300)}.docx`,
  'only dots': '..',
};

test('hostile upload names are refused', () => {
  for (const [what, name] of Object.entries(hostile)) {
    assert.throws(() => checkFileName(name), (e: unknown) => e instanceof FileProblemError && e.problem === 'badName', what);
  }
});

test('ordinary names in either language are kept as they are', () => {
  for (const name of ['Mwongozo wa TEHAMA 2024 (rasimu).docx', "Director's guide – v1.2.pdf", 'Sera ya Usalama — toleo la 3.docx', 'Ripoti_ya_Mwaka.PDF', 'Café.docx']) {
    assert.equal(checkFileName(name), name.normalize('NFC'));
  }
  assert.equal(checkFileName('  padded.pdf  '), 'padded.pdf');
});

test('names are made safe again on the way out, and Content-Disposition carries the exact name in filename*', () => {
  assert.equal(safeFileName('../../etc/passwd'), '_.._etc_passwd');
  assert.equal(safeFileName('\u202Eexe.pdf'), '_exe.pdf');
  assert.equal(safeFileName('', 'document'), 'document');
  const long = safeFileName(`${'b'.repeat(500)}.docx`);
  assert.equal([...long].length, 120);
  assert.ok(long.endsWith('.docx'), 'the extension survives shortening');

  for (const name of [...Object.values(hostile), 'Sera ya Usalama — toleo la 3 "final".docx']) {
    const header = contentDisposition(name);
    assert.doesNotMatch(header, /[\r\n\u0000]/, 'no line breaks or NULs');
    assert.match(header, /^attachment; filename="[\x20-\x21\x23-\x7e]*"; filename\*=UTF-8''[A-Za-z0-9!#$&+.^_`|~%-]+$/, header);
    assert.doesNotMatch(header, /[\u202a-\u202e\u2066-\u2069]/);
  }
  const exact = contentDisposition('Sera ya Usalama — toleo la 3.docx');
  assert.equal(decodeURIComponent(exact.split("UTF-8''")[1]), 'Sera ya Usalama — toleo la 3.docx');
  assert.match(exact, /filename="Sera ya Usalama _ toleo la 3.docx"/);
});
