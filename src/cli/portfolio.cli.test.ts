// The portfolio commands of the real `viwango` binary, in a child process on the embedded database
// (or a fresh PostgreSQL database when TEST_DATABASE_URL is set): the bulk import with its exit
// codes, the overlap clusters as JSON, and the ArchiMate model on standard output.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { cliHarness, type CliHarness } from '../../test/cli.ts';
import { IMPORT_HEADER } from '../modules/portfolio/import.file.ts';

let cli: CliHarness;
const run = (args: string[]) => cli.run(args);

function file(name: string, ...rows: string[]) {
  const p = path.join(cli.dataDir, name);
  fs.writeFileSync(p, [IMPORT_HEADER, ...rows].join('\n') + '\n');
  return p;
}

async function query<T>(sql: string): Promise<T[]> {
  const db = await cli.open();
  try {
    return await db.query<T>(sql);
  } finally {
    await db.close();
  }
}

before(async () => {
  cli = await cliHarness({ USER: 'operator1' });
  const seeded = run(['seed']);
  assert.equal(seeded.code, 0, seeded.err);
});
after(() => cli.close());

const GOOD = [
  'NIDA,NIDA-HRMIS,Human Resource Management Information System,Mfumo wa Taarifa za Rasilimali Watu,Keeps staff records: appointments leave and promotions,HR.CORE,production,govdc,300,yes,no,,In-house,2020-01-01,,',
  'BRELA,BRELA-HR,Staff Records Management System,Mfumo wa Kumbukumbu za Watumishi,Keeps employee records: appointments leave and promotions,HR.CORE,production,on_premises,120,yes,no,,Vendor Ltd,,5000000,',
];

test('portfolio import: a dry run stores nothing, the import prints its counts and is audited once as the CLI (idempotence: import.test.ts)', async () => {
  const help = run(['portfolio', 'import', '--help']);
  assert.equal(help.code, 0);
  assert.match(help.out, /trusted bulk load/);
  assert.match(help.out, new RegExp(IMPORT_HEADER));

  const good = file('good.csv', ...GOOD);
  const dry = run(['portfolio', 'import', good, '--dry-run']);
  assert.equal(dry.code, 0, dry.err);
  assert.match(dry.out, /^2 would be created, 0 updated, 0 unchanged \(dry run: nothing stored\)/);
  const first = run(['portfolio', 'import', good]);
  assert.equal(first.code, 0, first.err);
  assert.match(first.out, /^2 created, 0 updated, 0 unchanged/);
  const audits = await query<{ via: string; actor_label: string }>("SELECT via, actor_label FROM audit_log WHERE action = 'portfolio.import'");
  assert.deepEqual(audits, [{ via: 'cli', actor_label: 'cli:operator1' }]);
});

test('portfolio import with bad rows: exit code 1, each problem on standard error by row and column, nothing stored (file-level problems: import.test.ts)', async () => {
  const bad = file('bad.csv', 'NIDA,NIDA-NEW,New,,,,production,govdc,,no,no,,,,,', 'NIDA,NIDA-X,X,,,HR.NOPE,production,govdc,,no,no,,,,,', 'NOBODY,N-1,Y,,,,production,mars,,no,no,,,,,');
  const r = run(['portfolio', 'import', bad]);
  assert.equal(r.code, 1);
  assert.equal(r.out, '');
  assert.match(r.err, /^row 3, column capabilities: Unknown capability code: HR\.NOPE$/m);
  assert.match(r.err, /^row 4, column institution: There is no institution with this acronym$/m);
  assert.match(r.err, /^row 4, column hosting: /m);
  assert.match(r.err, /nothing was stored/);
  assert.equal((await query("SELECT 1 FROM portfolio_systems WHERE code = 'NIDA-NEW'")).length, 0);
  assert.equal(run(['portfolio', 'import']).code, 2, 'the file is required');
});

test('portfolio overlaps --json prints exactly the documented shape', () => {
  const r = run(['portfolio', 'overlaps', '--json']);
  assert.equal(r.code, 0, r.err);
  const doc = JSON.parse(r.out) as { clusters: Record<string, unknown>[] };
  assert.deepEqual(Object.keys(doc), ['clusters']);
  assert.ok(doc.clusters.length > 0, 'the two staff-records systems (and the shared systems) give at least one cluster');
  for (const c of doc.clusters) {
    assert.deepEqual(Object.keys(c), ['id', 'score', 'capability', 'systems', 'reasons']);
    assert.equal(typeof c.score, 'number');
    assert.ok((c.systems as unknown[]).length >= 2);
    for (const s of c.systems as Record<string, unknown>[]) assert.deepEqual(Object.keys(s), ['institution', 'code', 'name']);
    assert.ok((c.reasons as unknown[]).every((x) => typeof x === 'string'));
  }
  const ours = doc.clusters.find((c) => (c.systems as { code: string }[]).some((s) => s.code === 'BRELA-HR'));
  assert.ok(ours && (ours.systems as { code: string }[]).some((s) => s.code === 'NIDA-HRMIS'), JSON.stringify(doc.clusters.slice(0, 3)));
});

test('portfolio export --format archimate prints one institution’s model, which validates', () => {
  const one = run(['portfolio', 'export', '--format', 'archimate', '--institution', 'NIDA']);
  assert.match(one.out, /Human Resource Management Information System/);
  assert.doesNotMatch(one.out, /Staff Records Management System/);
  assert.equal(one.code, 0, one.err);
  const p = path.join(cli.dataDir, 'nida.xml');
  fs.writeFileSync(p, one.out);
  const v = spawnSync('xmllint', ['--noout', '--schema', path.resolve('../shared/archimate/archimate3_Model.xsd'), p], { encoding: 'utf8' });
  assert.equal(v.status, 0, v.stderr);
});
