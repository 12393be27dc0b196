// Exports on a real database: formula injection never reaches a spreadsheet unescaped, filters and
// visibility carry through, an export imports back unchanged, and the ArchiMate model validates
// against the Open Group's schema with xmllint.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readSheet } from 'read-excel-file/node';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { createTestDb, ctxAs, makeUser, type TestDb } from '../../../test/helpers.ts';
import type { Ctx } from '../../platform/context.ts';
import { applyImport } from './import.service.ts';
import { IMPORT_HEADER } from './import.file.ts';
import { catalogueCsv, catalogueXlsx, filtersFromQuery } from './export.ts';
import { archimateModel } from './archimate.ts';
import { addEService } from './eservices.service.ts';
import { addIntegration } from './integrations.service.ts';

const SCHEMA = path.resolve('../shared/archimate/archimate3_Model.xsd');
let t: TestDb;
let nida: Ctx;
let brela: Ctx;
let reviewer: Ctx;

const csv = (...rows: string[]) => ({ bytes: Buffer.from([IMPORT_HEADER, ...rows].join('\n')) });
const EVIL = ['=cmd|\' /C calc\'!A0', '+SUM(1,2)', '-2+3', '@HYPERLINK("http://x")'];

before(async () => {
  t = await createTestDb();
  nida = await ctxAs(t.db, await makeUser(t.db, 'institution_officer', 'NIDA'));
  brela = await ctxAs(t.db, await makeUser(t.db, 'institution_officer', 'BRELA'));
  reviewer = await ctxAs(t.db, await makeUser(t.db, 'auditor'));
  const r = await applyImport(nida, csv(
    stringify([['NIDA', 'NIDA-EVIL', EVIL[0], EVIL[1], EVIL[2], '', 'production', 'govdc', '', 'yes', 'no', '', EVIL[3], '', '', '']]).trim(),
    'NIDA,NIDA-REG,Usajili wa Utambulisho,Usajili,Registers people & issues <IDs>,REG.ID;ICT.IAM,production,govdc,5000,yes,yes,,In-house,2019-03-01,250000000,12000000',
  ));
  assert.deepEqual(r.errors, []);
  assert.equal((await applyImport(brela, csv('BRELA,BRELA-ORS,Online Registration System,,Registers businesses,REG.BUS,production,gov_cloud,,no,yes,,,,,'))).created, 1);
  await addEService(nida, { systemId: (await t.db.query<{ id: string }>("SELECT id FROM portfolio_systems WHERE code = 'NIDA-REG'"))[0].id, nameSw: 'Kupata namba ya NIDA', nameEn: 'Get a NIDA number', audience: 'citizens', channels: ['web'], url: 'https://services.nida.go.tz' });
  await addIntegration(nida, { provider: 'NIDA/NIDA-REG', consumer: 'BRELA/BRELA-ORS', dataExchanged: 'Identity verification', channel: 'govesb', status: 'active' });
});
after(() => t.close());

test('formula injection: stored as text, every export prefixes it with an apostrophe (CSV and XLSX)', async () => {
  const [s] = await t.db.query<{ name: string }>("SELECT name FROM portfolio_systems WHERE code = 'NIDA-EVIL'");
  assert.equal(s.name, EVIL[0], 'the value is kept as it was written');
  const f = filtersFromQuery({ q: 'NIDA-EVIL' });

  const text = (await catalogueCsv(nida, f)).toString('utf8');
  assert.ok(text.startsWith('\ufeff' + IMPORT_HEADER + '\r\n'));
  const [, row] = parse(text, { bom: true }) as string[][];
  assert.deepEqual([row[2], row[3], row[4], row[12]], EVIL.map((v) => `'${v}`));
  assert.ok(!/(^|,)"?[=+\-@]/m.test(text.split('\r\n').slice(1).join('\n')), 'no cell starts with a formula character');

  const sheet = await readSheet(await catalogueXlsx(nida, f));
  assert.deepEqual(sheet[0], IMPORT_HEADER.split(','));
  assert.deepEqual([sheet[1][2], sheet[1][3], sheet[1][4], sheet[1][12]], EVIL.map((v) => `'${v}`));
});

test('exports follow the filters and the caller’s visibility, and an export imports back unchanged', async () => {
  const rowsOf = async (ctx: Ctx, q: Record<string, string>) => (parse((await catalogueCsv(ctx, filtersFromQuery(q))).toString('utf8'), { bom: true }) as string[][]).slice(1);
  assert.deepEqual((await rowsOf(nida, {})).map((r) => r[1]).sort(), ['NIDA-EVIL', 'NIDA-REG'], 'an officer sees only their institution');
  const all = await rowsOf(reviewer, {});
  assert.ok(all.some((r) => r[1] === 'BRELA-ORS') && all.some((r) => r[1] === 'NIDA-REG'));
  const reg = await rowsOf(reviewer, { capability: 'REG', govesb: 'yes' });
  assert.ok(reg.some((r) => r[1] === 'BRELA-ORS') && reg.some((r) => r[1] === 'NIDA-REG'));
  assert.ok(reg.every((r) => /(^|;)REG\./.test(r[5]) && r[10] === 'yes'), 'every row matches both filters');
  assert.deepEqual((await rowsOf(reviewer, { institution: 'brela', hosting: 'gov_cloud' })).map((r) => r[1]), ['BRELA-ORS']);
  assert.deepEqual(await rowsOf(reviewer, { personal_data: 'yes', lifecycle: 'retired' }), []);

  assert.deepEqual((await rowsOf(nida, { q: 'NIDA-REG' }))[0], ['NIDA', 'NIDA-REG', 'Usajili wa Utambulisho', 'Usajili', 'Registers people & issues <IDs>', 'REG.ID;ICT.IAM', 'production', 'govdc', '5000', 'yes', 'yes', '', 'In-house', '2019-03-01', '250000000', '12000000']);
  const again = await applyImport(nida, { bytes: await catalogueXlsx(nida, filtersFromQuery({ q: 'NIDA-REG' })) });
  assert.deepEqual([again.errors, again.unchanged, again.created, again.updated], [[], 1, 0, 0]);
});

test('the ArchiMate model validates with xmllint and carries actors, components, capabilities, services, flows', async () => {
  assert.ok(!spawnSync('xmllint', ['--version']).error, 'xmllint is needed: apt-get install libxml2-utils (.ci/run installs it)');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'viwango-archimate-'));
  try {
    for (const [name, xml] of [['all', await archimateModel(reviewer)], ['nida', await archimateModel(reviewer, { institution: 'nida' })]] as const) {
      const file = path.join(dir, `${name}.xml`);
      fs.writeFileSync(file, xml);
      const r = spawnSync('xmllint', ['--noout', '--schema', SCHEMA, file], { encoding: 'utf8' });
      assert.equal(r.status, 0, `${name}: ${r.stderr}`);
    }
    const nidaModel = await archimateModel(reviewer, { institution: 'NIDA' });
    for (const type of ['BusinessActor', 'ApplicationComponent', 'Capability', 'ApplicationService', 'Assignment', 'Realization', 'Serving', 'Flow']) assert.match(nidaModel, new RegExp(`xsi:type="${type}"`), type);
    assert.match(nidaModel, /Online Registration System/, 'the partner system of an integration is in one institution’s model');
    assert.match(nidaModel, /Registers people &amp; issues &lt;IDs&gt;/);
    assert.doesNotMatch(await archimateModel(brela), /NIDA-EVIL|Usajili wa Utambulisho/, 'an officer’s model holds only what they may read');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
