// The bulk import on a real database: what a good file creates, that the same file changes nothing,
// that a later file updates by (institution, code), and that bad files and rows are refused whole,
// each problem named by row and column in the caller's language.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import writeXlsxFile from 'write-excel-file/node';
import { createTestDb, ctxAs, makeUser, institutionId, countQueries, type TestDb } from '../../../test/helpers.ts';
import type { Ctx } from '../../platform/context.ts';
import { AppError } from '../../platform/http/errors.ts';
import { translator } from '../../messages.ts';
import { applyImport, previewImport } from './import.service.ts';
import { IMPORT_HEADER } from './import.file.ts';
import { entry, zipOf } from '../../../test/zip.ts';

let t: TestDb;
let nida: Ctx;
let nidaSw: Ctx;

const csv = (...rows: string[]) => ({ bytes: Buffer.from([IMPORT_HEADER, ...rows].join('\r\n') + '\r\n'), name: 'mifumo.csv' });
const HR = 'NIDA,NIDA-HR,Mfumo wa Watumishi,Mfumo wa Taarifa za Watumishi,Keeps staff records,HR.CORE,production,govdc,120,yes,no,,In-house,2021-07-01,"1,200,000",300000';
const ID = 'NIDA,NIDA-REG,Usajili wa Utambulisho,,Registers citizens,,production,govdc,5000,yes,yes,,Vendor Ltd,,,';

async function countSystems(acronym: string) {
  const rows = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM portfolio_systems WHERE institution_id = $1', [await institutionId(t.db, acronym)]);
  return rows[0].n;
}

const refusedWith = (key: string) => (err: unknown) => {
  assert.ok(err instanceof AppError, String(err));
  assert.equal(err.fields?.file, key);
  return true;
};

before(async () => {
  t = await createTestDb();
  const officer = await makeUser(t.db, 'institution_officer', 'NIDA', { lang: 'en' });
  nida = { ...(await ctxAs(t.db, officer)), lang: 'en' };
  nidaSw = { ...nida, lang: 'sw' };
});
after(() => t.close());

test('a good file creates its systems; the same file again changes nothing; a later file updates by (institution, code)', async () => {
  const file = csv(HR, ID);
  const preview = await previewImport(nida, file);
  assert.deepEqual([preview.created, preview.updated, preview.unchanged, preview.errors.length], [2, 0, 0, 0]);
  assert.equal(await countSystems('NIDA'), 0, 'a preview stores nothing');

  const first = await applyImport(nida, file);
  assert.deepEqual([first.applied, first.created, first.updated, first.unchanged], [true, 2, 0, 0]);
  const [hr] = await t.db.query<{ capex_tzs: string; capabilities: string[]; personal_data: boolean; go_live: string }>("SELECT capex_tzs, capabilities, personal_data, go_live::text FROM portfolio_systems WHERE code = 'NIDA-HR'");
  assert.equal(Number(hr.capex_tzs), 1_200_000);
  assert.deepEqual(hr.capabilities, ['HR.CORE']);
  assert.equal(hr.personal_data, true);
  assert.equal(hr.go_live, '2021-07-01');
  const audits = await t.db.query<{ summary: { sha256: string; created: number } }>("SELECT summary FROM audit_log WHERE action = 'portfolio.import'");
  assert.equal(audits.length, 1);
  assert.equal(audits[0].summary.created, 2);
  assert.equal(audits[0].summary.sha256, first.sha256);

  const again = await applyImport(nida, file);
  assert.deepEqual([again.created, again.updated, again.unchanged], [0, 0, 2]);
  assert.equal((await t.db.query("SELECT 1 FROM audit_log WHERE action = 'portfolio.import'")).length, 1, 'nothing changed, nothing audited');

  const later = csv(HR.replace('production,govdc', 'retiring,gov_cloud'), ID);
  const p = await previewImport(nida, later);
  assert.deepEqual(p.rows.find((r) => r.code === 'NIDA-HR')?.changes.sort(), ['hosting', 'lifecycle']);
  const upd = await applyImport(nida, later);
  assert.deepEqual([upd.created, upd.updated, upd.unchanged], [0, 1, 1]);
  const [after] = await t.db.query<{ lifecycle: string }>("SELECT lifecycle FROM portfolio_systems WHERE code = 'NIDA-HR'");
  assert.equal(after.lifecycle, 'retiring');
  assert.equal(await countSystems('NIDA'), 2);
});

test('a preview writes nothing, reads in bulk, and says exactly what applying then does: new, changed, unchanged and bad rows', async () => {
  const row = (code: string, lifecycle = 'production', shared = '') => `NIDA,${code},System ${code},,,HR.CORE,${lifecycle},govdc,10,no,no,${shared},,,,`;
  const kept = Array.from({ length: 100 }, (_, i) => `NIDA-PV${i}`);
  await applyImport(nida, csv(...kept.map((c) => row(c))));
  const snapshot = async () =>
    (await t.db.query<{ n: number }>("SELECT ((SELECT count(*) FROM portfolio_systems) + (SELECT count(*) FROM portfolio_history) + (SELECT count(*) FROM audit_log))::int AS n"))[0].n;
  const before = await snapshot();
  const good = [
    ...kept.slice(0, 60).map((c) => row(c)), // unchanged
    ...kept.slice(60).map((c) => row(c, 'retiring')), // changed
    ...Array.from({ length: 100 }, (_, i) => row(`NIDA-PVNEW${i}`, 'production', i % 10 === 0 ? 'GMS' : '')), // new
  ];
  const bad = [row('NIDA-PVBAD', 'live'), 'BRELA,BRELA-PV,X,,,,production,govdc,,no,no,,,,,', row('NIDA-PVX', 'production', 'NoSuchShared')];
  let withBad: Awaited<ReturnType<typeof previewImport>> | undefined;
  const queries = await countQueries(async () => {
    withBad = await previewImport(nida, csv(...good, ...bad));
  });
  assert.ok(queries < 20, `a 203-row preview ran ${queries} database statements`);
  assert.equal(await snapshot(), before, 'no system, history line or audit entry was written');
  assert.deepEqual([withBad!.created, withBad!.updated, withBad!.unchanged], [100, 40, 60]);
  assert.deepEqual(withBad!.errors.map((e) => [e.row, e.column]), [[202, 'lifecycle'], [203, 'institution'], [204, 'shared_system']]);
  assert.equal((await applyImport(nida, csv(...good, ...bad))).applied, false);

  const preview = await previewImport(nida, csv(...good));
  const applied = await applyImport(nida, csv(...good));
  assert.equal(applied.applied, true);
  assert.deepEqual(preview.rows, applied.rows, 'every row: the same outcome, code, name and changed columns');
  assert.deepEqual(applied.rows.find((r) => r.code === 'NIDA-PV70')?.changes, ['lifecycle']);
});

test('two bad rows are both named by row and column, in English and in Kiswahili, and nothing is stored', async () => {
  const before = await countSystems('NIDA');
  const file = csv(
    'NIDA,NIDA-NEW,New system,,,,production,govdc,,no,no,,,,,',
    'NIDA,NIDA-BAD1,Bad one,,,XX.NOPE,live,govdc,,maybe,no,,,2024-02-30,,',
    'NIDA,NIDA-BAD2,Bad two,,,,production,cloud,,no,no,,,,12x,',
    'NIDA,nida-new,Repeated code,,,,production,govdc,,no,no,,,,,',
  );
  const r = await applyImport(nida, file);
  assert.equal(r.applied, false);
  assert.equal(await countSystems('NIDA'), before, 'one bad row stores nothing');
  const where = r.errors.map((e) => `${e.row}:${e.column}`);
  assert.deepEqual([...new Set(r.errors.map((e) => e.row))], [3, 4, 5], 'the good row 2 is not named; the errors come in row order');
  for (const w of ['3:capabilities', '3:lifecycle', '3:personal_data', '3:go_live', '4:hosting', '4:capex_tzs', '5:code']) assert.ok(where.includes(w), `${w} in ${where.join(' ')}`);
  assert.match(r.errors.find((e) => e.column === 'capabilities')!.message, /Unknown capability code: XX\.NOPE/);
  assert.match(r.errors.find((e) => e.row === 5)!.message, /Row 2 already has the code/);
  const sw = await applyImport(nidaSw, file);
  assert.match(sw.errors.find((e) => e.column === 'capabilities')!.message, /Msimbo wa uwezo usiojulikana: XX\.NOPE/);
  assert.equal(sw.errors.find((e) => e.column === 'lifecycle')!.message, translator('sw')('portfolio.field.lifecycle'));
});

test('an officer of NIDA importing a BRELA row: that row is refused, naming BRELA', async () => {
  const brela = await countSystems('BRELA');
  const r = await previewImport(nida, csv(HR, 'BRELA,BRELA-ORS,Online Registration,,,,production,govdc,,no,yes,,,,,', 'XYZQ,X-1,Nobody,,,,production,govdc,,no,no,,,,,'));
  assert.deepEqual(r.errors.map((e) => [e.row, e.column]), [[3, 'institution'], [4, 'institution']]);
  assert.match(r.errors[0].message, /You may not change the portfolio of BRELA/);
  assert.match(r.errors[1].message, /no institution with this acronym/);
  assert.equal((await applyImport(nida, csv('BRELA,BRELA-ORS,Online Registration,,,,production,govdc,,no,yes,,,,,'))).applied, false);
  assert.equal(await countSystems('BRELA'), brela);
});

test('a use of a shared system is recorded as reuse; an unknown one is named', async () => {
  const r = await applyImport(nida, csv('NIDA,NIDA-GMS,GMS ya NIDA,,,,production,govdc,,no,no,GMS,,,,'));
  assert.equal(r.created, 1);
  const [s] = await t.db.query<{ uses_system_id: string | null }>("SELECT uses_system_id FROM portfolio_systems WHERE code = 'NIDA-GMS'");
  assert.ok(s.uses_system_id);
  const bad = await previewImport(nida, csv('NIDA,NIDA-X,X,,,,production,govdc,,no,no,NoSuchShared,,,,'));
  assert.deepEqual(bad.errors.map((e) => e.column), ['shared_system']);
});

test('files are refused whole: another header, 50,000 rows (fast), not a spreadsheet, a broken CSV', async () => {
  await assert.rejects(previewImport(nida, { bytes: Buffer.from('institution,code,name\nNIDA,A,B\n') }), refusedWith('portfolio.import.err.header'));
  assert.match(translator('en')('portfolio.import.err.header'), /institution,code,name,name_sw,purpose,capabilities,lifecycle,hosting,users,personal_data,govesb,shared_system,vendor,go_live,capex_tzs,opex_tzs/);

  const big = csv(...Array.from({ length: 50_000 }, (_, i) => `NIDA,S${i},System ${i},,,,production,govdc,,no,no,,,,,`));
  const started = performance.now();
  await assert.rejects(applyImport(nida, big), refusedWith('portfolio.import.err.tooManyRows'));
  const ms = performance.now() - started;
  assert.ok(ms < 3000, `refused in ${ms.toFixed(0)} ms`);

  const notXlsx = zipOf([entry('[Content_Types].xml', '<Types/>'), entry('word/document.xml', '<w:document/>')]);
  await assert.rejects(previewImport(nida, { bytes: notXlsx, name: 'systems.xlsx', declared: 'xlsx' }), refusedWith('portfolio.import.err.notSpreadsheet'));
  await assert.rejects(previewImport(nida, { bytes: Buffer.from('this is not a zip at all'), declared: 'xlsx' }), refusedWith('portfolio.import.err.notSpreadsheet'));
  await assert.rejects(previewImport(nida, { bytes: Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0xff, 0xfe, 0x00, 0x01]) }), refusedWith('portfolio.import.err.notSpreadsheet'));
  await assert.rejects(previewImport(nida, csv('NIDA,"unclosed,x')), refusedWith('portfolio.import.err.malformed'));
});

test('an XLSX with the same rows imports like the CSV; a BOM in a CSV is tolerated', async () => {
  const header = IMPORT_HEADER.split(',');
  const row = ['NIDA', 'NIDA-XL', 'Excel System', '', 'From a workbook', 'HR.PAY', 'development', 'on_premises', 42, 'no', 'yes', '', 'Vendor', new Date('2025-01-15T00:00:00Z'), 5000000, ''];
  const bytes = await writeXlsxFile([header, row] as never, { dateFormat: 'yyyy-mm-dd' } as never).toBuffer();
  const r = await applyImport(nida, { bytes, name: 'systems.xlsx', declared: 'xlsx' });
  assert.deepEqual(r.errors, []);
  assert.equal(r.created, 1);
  const [s] = await t.db.query<{ users_count: number; go_live: string; capex_tzs: string; govesb: boolean }>("SELECT users_count, go_live::text, capex_tzs, govesb FROM portfolio_systems WHERE code = 'NIDA-XL'");
  assert.deepEqual([s.users_count, s.go_live, Number(s.capex_tzs), s.govesb], [42, '2025-01-15', 5_000_000, true]);
  assert.equal((await applyImport(nida, { bytes })).unchanged, 1, 'the same workbook again changes nothing');

  const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), csv('NIDA,NIDA-BOM,With BOM,,,,planned,govdc,,no,no,,,,,').bytes]);
  assert.equal((await previewImport(nida, { bytes: bom })).created, 1);
});
