// Scores on the real database with the compliance fixture: the stored figures follow the rules
// (weights, N/A, verified results, retired requirements), the recompute job picks up changed
// assessments only, and closing a cycle freezes its scores against later edits.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, ctxAs, makeUser, type TestApp } from '../../../../test/helpers.ts';
import { complianceWorld, DEFAULT_CLAUSES, type ComplianceWorld } from '../../../../test/compliance-fixture.ts';
import { loadPortfolioDemo } from '../../portfolio/index.ts';
import { runJobsNow, enqueue } from '../../../platform/jobs/index.ts';
import { closeCycle, recomputeStale, RECOMPUTE_JOB } from './scores.service.ts';
import { tally, type ScoredAnswer } from './rules.ts';
import type { Obligation, Result } from '../schema.ts';

let t: TestApp;
before(async () => {
  t = await createTestApp();
  await loadPortfolioDemo(t.db, t.config);
});
after(() => t.close());

type ScoreRow = { scope_kind: string; scope_key: string; score: string | null; earned: string; possible: string; answered: number; applicable: number; frozen: boolean };
const scoresOf = (w: ComplianceWorld, acronym: string) =>
  t.db.query<ScoreRow>(`SELECT scope_kind, scope_key, score, earned, possible, answered, applicable, frozen FROM compliance_scores WHERE cycle_id = $1 AND institution_id = $2 ORDER BY 1, 2`, [w.cycleId, w.institutionIds[acronym]]);
const overall = async (w: ComplianceWorld, acronym: string) => (await scoresOf(w, acronym)).find((r) => r.scope_kind === 'institution')!;
const bump = (assessmentId: string) => t.db.query(`UPDATE compliance_assessments SET updated_at = clock_timestamp() WHERE id = $1`, [assessmentId]);

test('an institution with three questions: mixed answers give exactly the weighted score, per group too', async () => {
  const clauses = DEFAULT_CLAUSES.filter((c) => c.appliesTo === 'institution'); // mandatory SA, mandatory SA, recommended BA
  const w = await complianceWorld(t.db, { institutions: ['TANESCO'], clauses, answers: 'mixed', documentCode: 'eGA/EXT/SCR/001', cycleCode: 'SCR-1' });
  const r = await recomputeStale(t.db);
  assert.ok(r.assessments >= 1);
  // compliant (3 of 3) + partial (1.5 of 3) + non-compliant (0 of 1) = 4.5 / 7
  const o = await overall(w, 'TANESCO');
  assert.equal(Number(o.score), 64.29);
  assert.equal(Number(o.earned), 4.5);
  assert.equal(Number(o.possible), 7);
  assert.equal(o.answered, 3);
  const rows = await scoresOf(w, 'TANESCO');
  assert.equal(Number(rows.find((x) => x.scope_kind === 'group' && x.scope_key === 'SA')!.score), 75);
  assert.equal(Number(rows.find((x) => x.scope_kind === 'group' && x.scope_key === 'BA')!.score), 0);
  assert.equal(Number(rows.find((x) => x.scope_kind === 'document' && x.scope_key === w.documentId)!.score), 64.29);
  assert.equal(rows.filter((x) => x.scope_kind === 'system').length, 0);

  // Not applicable leaves the question out of both sides; the on-site verification replaces the self-assessment.
  const [a1, a2, a3] = await t.db.query<{ id: string }>(`SELECT id FROM compliance_answers WHERE assessment_id = $1 ORDER BY position`, [w.assessments.TANESCO]);
  await t.db.query(`UPDATE compliance_answers SET result = 'not_applicable', justification = 'No policy yet' WHERE id = $1`, [a3.id]);
  await t.db.query(`UPDATE compliance_answers SET verified_result = 'non_compliant' WHERE id = $1`, [a1.id]);
  await t.db.query(`UPDATE compliance_answers SET verified_result = 'compliant' WHERE id = $1`, [a2.id]);
  await recomputeStale(t.db);
  assert.equal(Number((await overall(w, 'TANESCO')).score), 64.29, 'not recomputed: the assessment did not say it changed');
  await bump(w.assessments.TANESCO);
  await recomputeStale(t.db);
  const after = await overall(w, 'TANESCO');
  assert.equal(Number(after.score), 50, 'verified: non-compliant 0 of 3 + compliant 3 of 3; the N/A question is out');
  assert.equal(Number(after.possible), 6);
  assert.equal(after.applicable, 2);
  assert.equal(after.answered, 3);
  assert.equal((await scoresOf(w, 'TANESCO')).find((x) => x.scope_key === 'BA')!.score, null, 'a group with only N/A answers has no score');
});

test('every scope of institutions with systems matches the pure rules; retired requirements are not counted', async () => {
  const w = await complianceWorld(t.db, { institutions: ['NIDA', 'BRELA', 'TRA'], answers: 'mixed', documentCode: 'eGA/EXT/SCR/002', cycleCode: 'SCR-2' });
  await t.db.query(`UPDATE compliance_answers SET verified_result = 'partial' WHERE assessment_id = $1 AND position % 5 = 0`, [w.assessments.NIDA]);
  await t.db.query(`UPDATE compliance_requirements SET status = 'retired', retired_at = now() WHERE id = $1`, [w.requirementIds[1]]);
  await enqueue(t.db.orm, RECOMPUTE_JOB, {}, { dedupeKey: 'all' });
  await runJobsNow(t.db, { until: 'idle' });
  const answers = await t.db.query<{ institution_id: string; obligation: Obligation; result: Result | null; verified_result: Result | null; status: string; group_code: string | null; system_id: string | null }>(
    `SELECT a.institution_id, r.obligation, ans.result, ans.verified_result, r.status, r.group_code, ans.system_id
     FROM compliance_answers ans JOIN compliance_assessments a ON a.id = ans.assessment_id JOIN compliance_requirements r ON r.id = ans.requirement_id WHERE a.cycle_id = $1`,
    [w.cycleId],
  );
  const asRule = (xs: typeof answers): ScoredAnswer[] => xs.map((x) => ({ obligation: x.obligation, result: x.result, verifiedResult: x.verified_result, retired: x.status === 'retired' }));
  let systemsSeen = 0;
  for (const acronym of ['NIDA', 'BRELA', 'TRA']) {
    const mine = answers.filter((x) => x.institution_id === w.institutionIds[acronym]);
    const stored = await scoresOf(w, acronym);
    const expect = (kind: string, key: string, xs: typeof answers) => {
      const row = stored.find((s) => s.scope_kind === kind && s.scope_key === key);
      const want = tally(asRule(xs));
      assert.ok(row, `${acronym} has a ${kind} ${key} row`);
      assert.equal(row.score === null ? null : Number(row.score), want.score, `${acronym} ${kind} ${key}`);
      assert.equal(Number(row.possible), want.possible);
      assert.equal(row.applicable, want.applicable);
    };
    expect('institution', '', mine);
    for (const g of ['SA', 'INA', 'BA']) expect('group', g, mine.filter((x) => x.group_code === g && x.status === 'active'));
    for (const s of new Set(mine.map((x) => x.system_id).filter((x): x is string => !!x))) {
      expect('system', s, mine.filter((x) => x.system_id === s));
      systemsSeen++;
    }
  }
  assert.ok(systemsSeen > 0, 'the demo portfolio gives some institutions systems');
  // Per requirement across the cycle: the retired requirement has no row, the others count every answer.
  const req = await t.db.query<{ requirement_id: string; compliant: number; partial: number; non_compliant: number; not_applicable: number; unanswered: number }>(`SELECT * FROM compliance_requirement_scores WHERE cycle_id = $1`, [w.cycleId]);
  assert.ok(!req.some((r) => r.requirement_id === w.requirementIds[1]));
  const first = req.find((r) => r.requirement_id === w.requirementIds[0])!;
  assert.equal(first.compliant + first.partial + first.non_compliant + first.not_applicable + first.unanswered, 3, 'one institution-level answer per institution');
});

test('closing freezes the scores: later edits to answers or requirements never change them; a closed cycle cannot close again', async () => {
  const w = await complianceWorld(t.db, { institutions: ['NIDA', 'TANESCO'], answers: 'all', documentCode: 'eGA/EXT/SCR/003', cycleCode: 'SCR-3' });
  const reviewer = await ctxAs(t.db, await makeUser(t.db, 'authority_reviewer'));
  const officer = await ctxAs(t.db, await makeUser(t.db, 'institution_officer', 'NIDA'));
  await assert.rejects(closeCycle(officer, { cycleId: w.cycleId }), (e: { status?: number }) => e.status === 403);
  const done = await closeCycle(reviewer, { cycleId: w.cycleId });
  assert.equal(done.assessments, 2);
  const [c] = await t.db.query<{ status: string; closed_at: Date | null }>(`SELECT status, closed_at FROM compliance_cycles WHERE id = $1`, [w.cycleId]);
  assert.equal(c.status, 'closed');
  assert.ok(c.closed_at);
  const frozen = await scoresOf(w, 'NIDA');
  assert.ok(frozen.length > 1 && frozen.every((r) => r.frozen));
  assert.equal(Number(frozen.find((r) => r.scope_kind === 'institution')!.score), 100);
  const [audit] = await t.db.query<{ action: string }>(`SELECT action FROM audit_log WHERE entity_id = $1 ORDER BY seq DESC LIMIT 1`, [w.cycleId]);
  assert.equal(audit?.action, 'compliance.cycle.close');

  // Later: every NIDA answer turned non-compliant, a requirement retired; the job runs.
  await t.db.query(`UPDATE compliance_answers SET result = 'non_compliant' WHERE assessment_id = $1`, [w.assessments.NIDA]);
  await t.db.query(`UPDATE compliance_requirements SET status = 'retired', retired_at = now() WHERE id = $1`, [w.requirementIds[0]]);
  await bump(w.assessments.NIDA);
  await recomputeStale(t.db);
  assert.deepEqual(await scoresOf(w, 'NIDA'), frozen, 'frozen rows are untouched');
  const req = await t.db.query<{ frozen: boolean; compliant: number }>(`SELECT frozen, compliant FROM compliance_requirement_scores WHERE cycle_id = $1 AND requirement_id = $2`, [w.cycleId, w.requirementIds[0]]);
  assert.equal(req[0].frozen, true);
  assert.equal(req[0].compliant, 2);

  await assert.rejects(closeCycle(reviewer, { cycleId: w.cycleId }), (e: { status?: number; key?: string }) => e.status === 409 && e.key === 'compliance.scores.refused.notOpen');
});
