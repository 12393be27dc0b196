// The OSCAL commands of the real `viwango` binary in a child process: each export writes a JSON
// document that validates against the OSCAL 1.0.6 schema, assessment-results exits 1 when no cycle is
// closed, and import prints how many groups and controls it loaded.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import AjvModule from 'ajv';
import formatsModule from 'ajv-formats';
import { cliHarness, type CliHarness } from '../../../../test/cli.ts';
import { complianceWorld } from '../../../../test/compliance-fixture.ts';

const SHARED = path.resolve('../shared/oscal');
const ajv = new AjvModule.default({ strict: false, allErrors: true });
formatsModule.default(ajv);
const validator = (kind: string) => ajv.compile(JSON.parse(fs.readFileSync(path.join(SHARED, `1.0.6-oscal_${kind}_schema.json`), 'utf8')));

let cli: CliHarness;
before(async () => {
  cli = await cliHarness({ USER: 'operator1' });
  const seeded = cli.run(['seed']);
  assert.equal(seeded.code, 0, seeded.err);
});
after(() => cli.close());

async function withDb<T>(fn: (db: Awaited<ReturnType<CliHarness['open']>>) => Promise<T>): Promise<T> {
  const db = await cli.open();
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

test('oscal export assessment-results without a closed cycle: one clear line and exit code 1; a bad kind is refused', () => {
  const r = cli.run(['oscal', 'export', 'assessment-results']);
  assert.equal(r.code, 1);
  assert.equal(r.out, '');
  assert.match(r.err, /^viwango: No assessment cycle has been closed yet\.\n$/);
  const bad = cli.run(['oscal', 'export', 'everything']);
  assert.equal(bad.code, 1);
  assert.match(bad.err, /must be one of catalog, assessment-results, poam/);
});

test('oscal import loads the NIST moderate baseline, printing 18 groups and 287 controls; a second load updates it', () => {
  const file = path.join(SHARED, 'NIST_SP-800-53_rev5_MODERATE-baseline-resolved-profile_catalog-min.json');
  const first = cli.run(['oscal', 'import', file]);
  assert.equal(first.code, 0, first.err);
  assert.match(first.out, /: 18 groups and 287 controls loaded \(new framework: /);
  const again = cli.run(['oscal', 'import', file]);
  assert.equal(again.code, 0, again.err);
  assert.match(again.out, /: 18 groups and 287 controls loaded \(updated: /);
  const junk = path.join(cli.dataDir, 'junk.json');
  fs.writeFileSync(junk, '{"catalog": {}}');
  const bad = cli.run(['oscal', 'import', junk]);
  assert.equal(bad.code, 1);
  assert.match(bad.err, /not a valid OSCAL 1\.0\.6 catalog/);
});

test('oscal export catalog, assessment-results (closed cycle) and poam write documents that validate', async () => {
  await withDb(async (db) => {
    const w = await complianceWorld(db, { institutions: ['NIDA', 'BRELA'], answers: 'mixed' });
    await db.query(`UPDATE compliance_cycles SET status = 'closed', closed_at = now() WHERE id = $1`, [w.cycleId]);
    const [f] = await db.query<{ id: string }>(
      `INSERT INTO compliance_findings (assessment_id, institution_id, cycle_id, requirement_id, severity, description, due_on) VALUES ($1, $2, $3, $4, 'moderate', 'No security officer appointed.', '2026-12-31') RETURNING id`,
      [w.assessments.NIDA, w.institutionIds.NIDA, w.cycleId, w.requirementIds[1]],
    );
    const [p] = await db.query<{ id: string }>(`INSERT INTO compliance_poam_items (finding_id, institution_id, owner_name, plan, status) VALUES ($1, $2, 'Director of ICT', 'Appoint and train an officer.', 'submitted') RETURNING id`, [f!.id, w.institutionIds.NIDA]);
    await db.query(`INSERT INTO compliance_milestones (poam_id, position, title, planned_on) VALUES ($1, 1, 'Officer appointed', '2026-11-01')`, [p!.id]);
  });
  const catalog = cli.run(['oscal', 'export', 'catalog']);
  assert.equal(catalog.code, 0, catalog.err);
  const v1 = validator('catalog');
  assert.ok(v1(JSON.parse(catalog.out)), JSON.stringify(v1.errors?.slice(0, 5)));
  assert.equal(JSON.parse(catalog.out).catalog.groups.flatMap((g: { controls: unknown[] }) => g.controls).length, 5);

  const results = cli.run(['oscal', 'export', 'assessment-results']);
  assert.equal(results.code, 0, results.err);
  const v2 = validator('assessment-results');
  const ar = JSON.parse(results.out) as { 'assessment-results': { results: { findings: unknown[] }[] } };
  assert.ok(v2(ar), JSON.stringify(v2.errors?.slice(0, 5)));
  assert.equal(ar['assessment-results'].results[0].findings.length, 1);
  const byId = cli.run(['oscal', 'export', 'assessment-results', '--cycle', '00000000-0000-4000-8000-000000000000']);
  assert.equal(byId.code, 1);
  assert.match(byId.err, /there is no cycle/);

  const poam = cli.run(['oscal', 'export', 'poam', '--institution', 'NIDA']);
  assert.equal(poam.code, 0, poam.err);
  const v3 = validator('poam');
  const doc = JSON.parse(poam.out) as { 'plan-of-action-and-milestones': { 'poam-items': { title: string }[] } };
  assert.ok(v3(doc), JSON.stringify(v3.errors?.slice(0, 5)));
  assert.equal(doc['plan-of-action-and-milestones']['poam-items'][0].title, 'eGA/EXT/TST/001 §1.2: remediation plan');
  const nobody = cli.run(['oscal', 'export', 'poam', '--institution', 'NOPE']);
  assert.equal(nobody.code, 1);
  assert.match(nobody.err, /there is no institution NOPE/);
});
