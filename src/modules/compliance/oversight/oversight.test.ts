// The oversight services on a real database: review of a signed-off assessment (return, accept,
// reviewed; a reviewer of their own institution is refused), findings and challenges (window,
// upheld, withdrawn), the remediation plan with milestones and history up to closing, escalation of
// an overdue finding one step at a time, directives (past deadline refused, targets by sector,
// another institution 404) and the overdue lists.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestDb, ctxAs, makeUser, testConfig, TEST_PASSWORD, type TestDb } from '../../../../test/helpers.ts';
import { systemCtxOf } from '../../../../test/helpers.ts';
import { complianceWorld, type ComplianceWorld } from '../../../../test/compliance-fixture.ts';
import { createUser, type User } from '../../identity/index.ts';
import { AppError } from '../../../platform/http/errors.ts';
import { chooseSample, reviewAnswer, verifyAnswer } from './review.service.ts';
import { attachPlanEvidence, challengeFinding, closePlan, completePlan, decideChallenge, raiseFinding, savePlan, sendBackPlan, submitPlan } from './findings.service.ts';
import { issueDirective, reportOnDirective, withdrawDirective } from './directives.service.ts';
import { remindDirectives, remindFindings } from './reminders.ts';
import { findingList, findingView, overdueDirectives, overdueFindings, reviewQueue } from './queries.ts';
import { daysBetween, seededSample, todayIso } from './rules.ts';

let t: TestDb;
let w: ComplianceWorld;
let reviewer: User;
let conflicted: User;
let nidaOfficer: User;
let nidaHead: User;
let brelaOfficer: User;

const day = (offset: number) => new Date(Date.now() + 3 * 3_600_000 + offset * 86_400_000).toISOString().slice(0, 10);

async function refused(p: Promise<unknown>, status: number, key?: string) {
  try {
    await p;
  } catch (err) {
    assert.ok(err instanceof AppError, String(err));
    assert.equal(err.status, status, `${err.key} ${JSON.stringify(err.fields ?? {})}`);
    if (key) assert.ok(err.key === key || Object.values(err.fields ?? {}).includes(key as never), `${key} expected, got ${err.key} ${JSON.stringify(err.fields ?? {})}`);
    return err;
  }
  assert.fail('expected a refusal');
}

const answersOf = (acronym: string) => t.db.query<{ id: string; review_status: string; result: string | null }>(`SELECT id, review_status, result FROM compliance_answers WHERE assessment_id = $1 ORDER BY position`, [w.assessments[acronym]]);
const assessment = async (acronym: string) => (await t.db.query<{ status: string; updated_at: Date; revision: number }>(`SELECT status, updated_at, revision FROM compliance_assessments WHERE id = $1`, [w.assessments[acronym]]))[0];
const mailTo = (u: User) => t.db.query<{ subject: string; body_text: string }>(`SELECT subject, body_text FROM mail_outbox WHERE to_address = $1 ORDER BY id`, [u.email]);

before(async () => {
  t = await createTestDb();
  w = await complianceWorld(t.db, { institutions: ['NIDA', 'BRELA', 'TRA', 'e-GA'], answers: 'mixed' });
  await t.db.query(`UPDATE compliance_assessments SET status = 'signed_off', signed_off_at = now() WHERE institution_id <> $1`, [w.institutionIds.TRA]);
  reviewer = await makeUser(t.db, 'authority_reviewer');
  nidaOfficer = await makeUser(t.db, 'institution_officer', 'NIDA');
  nidaHead = await makeUser(t.db, 'institution_head', 'NIDA');
  brelaOfficer = await makeUser(t.db, 'institution_officer', 'BRELA');
  conflicted = await createUser(systemCtxOf(t.db), { email: 'conflicted@e-ga.go.tz', name: 'Reviewer at e-GA', lang: 'en', password: TEST_PASSWORD, roles: [{ role: 'authority_reviewer', institution: null }, { role: 'institution_officer', institution: 'e-GA' }] });
});
after(() => t.close());

test('a reviewer returns one answer (with a comment) and accepts the rest; the assessment is returned, then reviewed once the head signs off again', async () => {
  const ctx = await ctxAs(t.db, reviewer);
  const [first, ...rest] = await answersOf('NIDA');
  const before = await assessment('NIDA');
  await refused(reviewAnswer(ctx, { assessmentId: w.assessments.NIDA, answerId: first.id, decision: 'return', comment: ' ' }), 422, 'oversight.field.returnComment');
  assert.equal((await answersOf('NIDA'))[0].review_status, 'pending', 'nothing half-written');

  const r = await reviewAnswer(ctx, { assessmentId: w.assessments.NIDA, answerId: first.id, decision: 'return', comment: 'Attach the asset register.' });
  assert.equal(r.assessmentStatus, 'returned');
  const now = await assessment('NIDA');
  assert.equal(now.status, 'returned');
  assert.ok(now.updated_at.getTime() > before.updated_at.getTime() && now.revision > before.revision, 'the assessment records the change');
  assert.match((await mailTo(nidaOfficer)).map((m) => m.subject).join('|'), /Answers returned/);
  assert.equal((await mailTo(nidaHead)).length, 1, 'the head is told too');

  await refused(reviewAnswer(ctx, { assessmentId: w.assessments.NIDA, answerId: first.id, decision: 'accept' }), 409, 'oversight.refused.awaitingInstitution');
  for (const a of rest) await reviewAnswer(ctx, { assessmentId: w.assessments.NIDA, answerId: a.id, decision: 'accept' });
  assert.equal((await assessment('NIDA')).status, 'returned', 'still with the institution');

  // The head signs off again (the assessments part does this); the corrected answer is accepted.
  await t.db.query(`UPDATE compliance_assessments SET status = 'signed_off' WHERE id = $1`, [w.assessments.NIDA]);
  const done = await reviewAnswer(ctx, { assessmentId: w.assessments.NIDA, answerId: first.id, decision: 'accept', comment: 'Register attached.' });
  assert.equal(done.assessmentStatus, 'reviewed');
  assert.match((await mailTo(nidaHead)).map((m) => m.subject).join('|'), /reviewed/);

  // A stale revision is a conflict, not a silent overwrite.
  const [b1] = await answersOf('BRELA');
  await refused(reviewAnswer(ctx, { assessmentId: w.assessments.BRELA, answerId: b1.id, decision: 'accept', revision: 99 }), 409, 'oversight.conflict');
});

test('a reviewer who works for the institution is refused (403); an assessment not signed off cannot be reviewed (409); institutions cannot review', async () => {
  const [a] = await answersOf('e-GA');
  const err = await refused(reviewAnswer(await ctxAs(t.db, conflicted), { assessmentId: w.assessments['e-GA'], answerId: a.id, decision: 'accept' }), 403, 'compliance.refused.ownInstitution');
  assert.equal(err.key, 'compliance.refused.ownInstitution');
  const [n] = await answersOf('NIDA');
  await refused(raiseFinding(await ctxAs(t.db, conflicted), { answerId: (await answersOf('e-GA'))[0].id, severity: 'low', dueOn: day(10), description: 'x' }), 403, 'compliance.refused.ownInstitution');
  assert.ok(n, 'the conflicted reviewer may still act on other institutions');
  const [tra] = await answersOf('TRA');
  await refused(reviewAnswer(await ctxAs(t.db, reviewer), { assessmentId: w.assessments.TRA, answerId: tra.id, decision: 'accept' }), 409, 'oversight.refused.notSignedOff');
  await refused(reviewAnswer(await ctxAs(t.db, nidaOfficer), { assessmentId: w.assessments.BRELA, answerId: (await answersOf('BRELA'))[0].id, decision: 'accept' }), 404);
  const queue = await reviewQueue(await ctxAs(t.db, reviewer), {});
  assert.deepEqual(queue.items.map((i) => i.institution).sort(), ['BRELA', 'e-GA'], 'signed-off and returned assessments wait; reviewed and open ones do not');
});

test('sampling: a reproducible random sample with its seed, then on-site results kept beside the self-assessed ones', async () => {
  const ctx = await ctxAs(t.db, reviewer);
  const s = await chooseSample(ctx, { cycleId: w.cycleId, size: 2, seed: 'onsite-2026' });
  assert.equal(s.seed, 'onsite-2026');
  assert.deepEqual(s.institutionIds, seededSample(Object.values(w.institutionIds), 2, 'onsite-2026'));
  const again = await chooseSample(ctx, { cycleId: w.cycleId, size: 2, seed: 'onsite-2026' });
  assert.deepEqual(again.institutionIds, s.institutionIds, 'the same seed draws the same sample');
  await refused(chooseSample(ctx, { cycleId: w.cycleId, size: 9 }), 422, 'oversight.field.sampleSize');
  await chooseSample(ctx, { cycleId: w.cycleId, institutionIds: [w.institutionIds.BRELA] });
  const sampled = await t.db.query<{ institution_id: string }>(`SELECT institution_id FROM compliance_assessments WHERE cycle_id = $1 AND sampled`, [w.cycleId]);
  assert.deepEqual(sampled.map((r) => r.institution_id), [w.institutionIds.BRELA]);
  const [b] = await answersOf('BRELA');
  await verifyAnswer(ctx, { assessmentId: w.assessments.BRELA, answerId: b.id, result: 'non_compliant', comment: 'No register found on site.' });
  const [row] = await t.db.query<{ result: string; verified_result: string }>(`SELECT result, verified_result FROM compliance_answers WHERE id = $1`, [b.id]);
  assert.deepEqual(row, { result: b.result, verified_result: 'non_compliant' }, 'both scores are kept');
  await refused(verifyAnswer(ctx, { assessmentId: w.assessments.NIDA, answerId: (await answersOf('NIDA'))[0].id, result: 'compliant' }), 409, 'oversight.refused.notSampled');
});

test('a finding is raised, seen only by its institution, challenged once within the window and upheld; another is withdrawn; after the window a challenge is refused', async () => {
  const rctx = await ctxAs(t.db, reviewer);
  const octx = await ctxAs(t.db, nidaOfficer);
  const answers = await answersOf('NIDA');
  await refused(raiseFinding(rctx, { answerId: answers[1 % answers.length].id, severity: 'high', dueOn: day(-1), description: 'Late' }), 422, 'oversight.field.dueInPast');
  const f = await raiseFinding(rctx, { answerId: answers[1 % answers.length].id, severity: 'high', dueOn: day(30), description: 'No security officer appointed.' });
  assert.equal(f.institutionId, w.institutionIds.NIDA);
  assert.match((await mailTo(nidaOfficer)).map((m) => m.subject).join('|'), /New finding/);

  assert.equal((await findingView(octx, f.id)).finding.id, f.id);
  await refused(findingView(await ctxAs(t.db, brelaOfficer), f.id), 404);
  assert.equal((await findingList(await ctxAs(t.db, brelaOfficer), {})).total, 0, 'BRELA lists none of NIDA\'s findings');
  assert.equal((await findingList(octx, {})).total, 1);

  await refused(challengeFinding(await ctxAs(t.db, brelaOfficer), { id: f.id, reason: 'Not ours' }), 404);
  await refused(challengeFinding(octx, { id: f.id, reason: '' }), 422, 'oversight.field.reason');
  await challengeFinding(octx, { id: f.id, reason: 'The officer was appointed in March; letter attached.' });
  await refused(challengeFinding(octx, { id: f.id, reason: 'Again' }), 409, 'oversight.refused.findingNotOpen');
  await refused(decideChallenge(await ctxAs(t.db, nidaHead), { id: f.id, outcome: 'withdrawn' }), 403);
  await decideChallenge(rctx, { id: f.id, outcome: 'upheld', reason: 'The letter names no security officer.' });
  const v = await findingView(octx, f.id);
  assert.equal(v.finding.status, 'open');
  assert.equal(v.challenges[0].outcome, 'upheld');
  await refused(challengeFinding(octx, { id: f.id, reason: 'Once more' }), 409, 'oversight.refused.challengedBefore');

  const g = await raiseFinding(rctx, { answerId: answers[2 % answers.length].id, severity: 'low', dueOn: day(30), description: 'Encryption not shown.' });
  await challengeFinding(octx, { id: g.id, reason: 'Shown in evidence 4.' });
  await decideChallenge(rctx, { id: g.id, outcome: 'withdrawn' });
  assert.equal((await findingView(octx, g.id)).finding.status, 'withdrawn');

  const h = await raiseFinding(rctx, { answerId: answers[3 % answers.length].id, severity: 'moderate', dueOn: day(30), description: 'Policy not reviewed.' });
  await t.db.query(`UPDATE compliance_cycles SET submission_due = $2, review_due = $2, challenge_until = $2 WHERE id = $1`, [w.cycleId, day(-1)]);
  try {
    await refused(challengeFinding(octx, { id: h.id, reason: 'Too late?' }), 409, 'oversight.refused.challengeClosed');
    assert.equal((await findingView(octx, h.id)).finding.status, 'open', 'nothing half-done');
  } finally {
    await t.db.query(`UPDATE compliance_cycles SET submission_due = $2, review_due = $3, challenge_until = $4 WHERE id = $1`, [w.cycleId, day(30), day(45), day(60)]);
  }
});

test('a remediation plan with milestones: drafted, submitted, progress with evidence, completed, sent back, completed again and closed with its finding; every change in its history', async () => {
  const rctx = await ctxAs(t.db, reviewer);
  const octx = await ctxAs(t.db, nidaOfficer);
  const answers = await answersOf('NIDA');
  const f = await raiseFinding(rctx, { answerId: answers[0 % answers.length].id, severity: 'critical', dueOn: day(60), description: 'No asset inventory.' });
  const plan = { findingId: f.id, ownerName: 'Asha Mussa', ownerEmail: 'asha@nida.go.tz', plan: 'Build the inventory from the CMDB.', milestones: [{ title: 'Export from CMDB', plannedOn: day(10) }, { title: 'Head approves', plannedOn: day(40) }] };
  await refused(savePlan(await ctxAs(t.db, brelaOfficer), plan), 404);
  await refused(savePlan(octx, { ...plan, milestones: [{ title: 'x', plannedOn: '2026-02-30' }] }), 422, 'oversight.field.date');
  const p = await savePlan(octx, plan);
  assert.equal(p.status, 'draft');
  await refused(completePlan(octx, { findingId: f.id }), 409, 'oversight.refused.planState');
  await submitPlan(octx, { findingId: f.id });
  assert.match((await mailTo(reviewer)).map((m) => m.subject).join('|'), /Remediation plan submitted/);
  await refused(completePlan(octx, { findingId: f.id }), 409, 'oversight.refused.milestonesOpen');

  const [ev] = await t.db.query<{ id: string }>(`INSERT INTO compliance_evidence (institution_id, title, kind, url) VALUES ($1, 'CMDB export', 'link', 'https://nida.go.tz/cmdb') RETURNING id`, [w.institutionIds.NIDA]);
  const [other] = await t.db.query<{ id: string }>(`INSERT INTO compliance_evidence (institution_id, title, kind, url) VALUES ($1, 'BRELA file', 'link', 'https://brela.go.tz/x') RETURNING id`, [w.institutionIds.BRELA]);
  await refused(attachPlanEvidence(octx, { findingId: f.id, evidenceId: other.id }), 422, 'assessments.evidence.field.unknown');
  await attachPlanEvidence(octx, { findingId: f.id, evidenceId: ev.id });
  const progressed = await savePlan(octx, { ...plan, milestones: [{ title: 'Export from CMDB', plannedOn: day(10), actualOn: day(0) }, { title: 'Head approves', plannedOn: day(40), actualOn: day(0) }], revision: (await findingView(octx, f.id)).poam!.revision });
  assert.equal(progressed.status, 'in_progress');
  await refused(savePlan(octx, { ...plan, revision: 1 }), 409, 'oversight.conflict');
  await completePlan(octx, { findingId: f.id });
  await refused(closePlan(octx, { findingId: f.id }), 403);
  await refused(sendBackPlan(rctx, { findingId: f.id, reason: '' }), 422, 'oversight.field.reason');
  await sendBackPlan(rctx, { findingId: f.id, reason: 'The inventory misses the DR site.' });
  await completePlan(octx, { findingId: f.id });
  await closePlan(rctx, { findingId: f.id });
  const v = await findingView(octx, f.id);
  assert.equal(v.poam!.status, 'closed');
  assert.equal(v.finding.status, 'closed');
  assert.deepEqual(v.milestones.map((m) => m.actualOn), [day(0), day(0)]);
  assert.deepEqual(v.evidence.map((e) => e.title), ['CMDB export']);
  const actions = v.history.map((h) => (h.change as { action: string }).action).reverse();
  assert.deepEqual(actions, ['create', 'submitPlan', 'evidence', 'update', 'completePlan', 'sendBackPlan', 'completePlan', 'closePlan']);
  await refused(savePlan(octx, plan), 409, 'oversight.refused.findingNotOpen');
});

test('an overdue finding: a reminder before the due date, then officers, head and the authority, each step sent once', async () => {
  const rctx = await ctxAs(t.db, reviewer);
  const answers = await answersOf('NIDA');
  const f = await raiseFinding(rctx, { answerId: answers[4 % answers.length].id, severity: 'moderate', dueOn: day(3), description: 'Policy older than three years.' });
  const due = day(3);
  const at = (n: number) => new Date(Date.parse(`${due}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
  const count = async (u: User) => (await mailTo(u)).filter((m) => !m.subject.startsWith('New finding') && m.body_text.includes(f.id)).length;
  const cfg = testConfig();
  const steps: number[] = [];
  const step = async () => (await t.db.query<{ escalation: number }>(`SELECT escalation FROM compliance_findings WHERE id = $1`, [f.id]))[0].escalation;
  assert.equal(await remindFindings(t.db, cfg, at(-10)), 0);
  for (const d of [-3, -2, 1, 2, 7, 8, 21, 30]) {
    await remindFindings(t.db, cfg, at(d));
    steps.push(await step());
  }
  assert.deepEqual(steps, [1, 1, 2, 2, 3, 3, 4, 4]);
  assert.equal(await count(nidaOfficer), 3, 'officers: reminder, overdue, and the copy of the escalation to the head');
  assert.equal(await count(nidaHead), 2, 'head: escalation to the head, then the copy of the escalation to the authority');
  assert.equal(await count(reviewer), 1, 'the authority once');
  assert.equal(daysBetween(todayIso(), due), 3);
  const overdue = await overdueFindings(rctx);
  assert.ok(!overdue.some((o) => o.id === f.id), 'not overdue by today\'s date');
});

test('directives: a past deadline is refused; a sector gets one target per institution; each institution reports only its own; overdue list', async () => {
  const rctx = await ctxAs(t.db, reviewer);
  const base = { code: 'DIR-2026-01', titleSw: 'Unganisha mifumo yote na GovESB', titleEn: 'Connect all systems to GovESB', bodyEn: 'Every system exchanging data with another institution shall use GovESB.', deadline: day(20), sectors: ['local government'] };
  await refused(issueDirective(rctx, { ...base, deadline: day(-1) }), 422, 'oversight.field.deadlineInPast');
  await refused(issueDirective(await ctxAs(t.db, nidaHead), base), 403);
  assert.equal((await t.db.query(`SELECT 1 FROM compliance_directives`)).length, 0, 'nothing half-written');
  const lga = await t.db.query<{ id: string }>(`SELECT id FROM institutions WHERE sector = 'local government' AND active`);
  const { directive, targets } = await issueDirective(rctx, base);
  assert.equal(targets, lga.length);
  assert.equal((await t.db.query(`SELECT 1 FROM compliance_directive_targets WHERE directive_id = $1`, [directive.id])).length, lga.length);
  await refused(issueDirective(rctx, base), 422, 'oversight.field.codeTaken');

  const named = await issueDirective(rctx, { ...base, code: 'DIR-2026-02', sectors: [], institutions: ['NIDA', 'BRELA'], deadline: day(5) });
  assert.equal(named.targets, 2);
  assert.match((await mailTo(nidaHead)).map((m) => m.subject).join('|'), /New directive DIR-2026-02/);
  const octx = await ctxAs(t.db, nidaOfficer);
  await refused(reportOnDirective(octx, { directiveId: named.directive.id, institutionId: w.institutionIds.BRELA, status: 'done' }), 404);
  await refused(reportOnDirective(octx, { directiveId: directive.id, institutionId: w.institutionIds.NIDA, status: 'done' }), 404, undefined);
  await refused(reportOnDirective(octx, { directiveId: named.directive.id, institutionId: w.institutionIds.NIDA, status: 'finished' }), 422, 'oversight.field.targetStatus');
  await reportOnDirective(octx, { directiveId: named.directive.id, institutionId: w.institutionIds.NIDA, status: 'done', note: 'All four systems on GovESB.' });

  // Reminders before the deadline and the overdue notice after it, each once.
  const cfg = testConfig();
  const deadline = day(5);
  const at = (n: number) => new Date(Date.parse(`${deadline}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
  assert.equal(await remindDirectives(t.db, cfg, at(-2)), 1, 'BRELA is reminded; NIDA is done');
  assert.equal(await remindDirectives(t.db, cfg, at(-1)), 0);
  assert.equal(await remindDirectives(t.db, cfg, at(1)), 1);
  assert.equal(await remindDirectives(t.db, cfg, at(2)), 0);
  assert.equal((await mailTo(brelaOfficer)).filter((m) => m.subject.includes('DIR-2026-02')).length, 3, 'issued, reminder, overdue');

  await t.db.query(`UPDATE compliance_directives SET deadline = $2 WHERE id = $1`, [named.directive.id, day(-2)]);
  const overdue = await overdueDirectives(rctx);
  assert.deepEqual(overdue.filter((o) => o.code === 'DIR-2026-02').map((o) => o.institution), ['BRELA']);
  assert.deepEqual((await overdueDirectives(await ctxAs(t.db, brelaOfficer))).map((o) => o.institution), ['BRELA'], 'an institution sees only itself');
  await withdrawDirective(rctx, { id: named.directive.id });
  assert.equal((await overdueDirectives(rctx)).filter((o) => o.code === 'DIR-2026-02').length, 0, 'a withdrawn directive is not overdue');
  await refused(reportOnDirective(await ctxAs(t.db, brelaOfficer), { directiveId: named.directive.id, institutionId: w.institutionIds.BRELA, status: 'done' }), 409, 'oversight.refused.directiveWithdrawn');
});

test('the demo: NIDA gets a returned answer, a finding with a submitted plan, and a directive it reports on; a second run adds nothing', async () => {
  const { loadOversightDemo } = await import('./demo.ts');
  const domain = 'demo.test.go.tz';
  await createUser(systemCtxOf(t.db), { email: `reviewer@${domain}`, name: 'Demo reviewer', lang: 'sw', password: TEST_PASSWORD, roles: [{ role: 'authority_reviewer', institution: null }] });
  await createUser(systemCtxOf(t.db), { email: `officer.nida@${domain}`, name: 'Demo officer', lang: 'sw', password: TEST_PASSWORD, roles: [{ role: 'institution_officer', institution: 'NIDA' }] });
  const w2 = await complianceWorld(t.db, { institutions: ['NIDA'], answers: 'mixed', documentCode: 'eGA/EXT/DEM/001', cycleCode: 'DEMO-2026' });
  await t.db.query(`UPDATE compliance_assessments SET status = 'signed_off' WHERE id = $1`, [w2.assessments.NIDA]);
  assert.deepEqual(await loadOversightDemo(t.db, testConfig(), { domain }), { findings: 1, directives: 1 });
  assert.deepEqual(await loadOversightDemo(t.db, testConfig(), { domain }), { findings: 0, directives: 0 });
  const [plan] = await t.db.query<{ status: string }>(`SELECT p.status FROM compliance_poam_items p JOIN compliance_findings f ON f.id = p.finding_id WHERE f.assessment_id = $1`, [w2.assessments.NIDA]);
  assert.equal(plan.status, 'submitted');
  const [target] = await t.db.query<{ status: string }>(`SELECT t.status FROM compliance_directive_targets t JOIN compliance_directives d ON d.id = t.directive_id WHERE d.code = 'DIR-GOVESB-01' AND t.institution_id = $1`, [w2.institutionIds.NIDA]);
  assert.equal(target.status, 'in_progress');
});
