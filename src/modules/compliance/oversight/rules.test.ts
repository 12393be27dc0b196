// The oversight rules without a database: review decisions, the sample, findings and challenges,
// the remediation plan's life, escalation steps by date, and directives.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  assessmentAfterDecision, answerReviewState, challengeState, checkDirective, checkFinding, checkPlan, checkReviewDecision, completeProblems, daysBetween, directiveStep,
  effectiveDue, escalationStep, findingAfterChallenge, milestonePositionOfRow, planChanges, poamAfter, reviewState, seededSample, stepRecipients, stepToSend, todayIso, STEP,
} from './rules.ts';

test('dates are Tanzanian days; whole days between two dates', () => {
  assert.equal(todayIso(new Date('2026-11-27T21:30:00Z')), '2026-11-28', 'half past midnight in Dar es Salaam is already the next day');
  assert.equal(daysBetween('2026-07-30', '2026-08-02'), 3);
  assert.equal(daysBetween('2026-08-02', '2026-07-30'), -3);
});

test('review: only signed-off work; returning needs a comment; any return sends it back, all accepted makes it reviewed', () => {
  assert.equal(reviewState('open'), 'oversight.refused.notSignedOff');
  assert.equal(reviewState('signed_off'), null);
  assert.equal(reviewState('returned'), null, 'the rest is reviewed while returned answers are being fixed');
  assert.equal(answerReviewState('returned', 'returned'), 'oversight.refused.awaitingInstitution');
  assert.equal(answerReviewState('signed_off', 'returned'), null, 'after the head signs off again the answer can be decided');
  assert.deepEqual(checkReviewDecision({ decision: 'return', comment: '  ' }), { problems: { comment: 'oversight.field.returnComment' } });
  assert.deepEqual(checkReviewDecision({ decision: 'accept' }), { decision: 'accept', comment: '' });
  assert.ok('problems' in checkReviewDecision({ decision: 'maybe' }));
  assert.equal(assessmentAfterDecision('signed_off', 'return', ['accepted', 'returned']), 'returned');
  assert.equal(assessmentAfterDecision('signed_off', 'accept', ['accepted', 'pending']), 'signed_off');
  assert.equal(assessmentAfterDecision('signed_off', 'accept', ['accepted', 'accepted']), 'reviewed');
  assert.equal(assessmentAfterDecision('returned', 'accept', ['accepted', 'returned']), 'returned');
});

test('the random sample is reproducible by seed and independent of the order institutions are listed in', () => {
  const ids = Array.from({ length: 40 }, (_, i) => `inst-${i}`);
  const a = seededSample(ids, 5, 'cycle-2026');
  assert.equal(a.length, 5);
  assert.deepEqual(seededSample([...ids].reverse(), 5, 'cycle-2026'), a);
  assert.notDeepEqual(seededSample(ids, 5, 'another-seed'), a);
  assert.equal(seededSample(ids, 100, 'x').length, 40);
});

test('a finding needs a severity, a description and a due date not in the past', () => {
  const today = '2026-07-01';
  assert.deepEqual(checkFinding({ severity: 'high', dueOn: '2026-07-01', description: ' Keys kept in the code ' }, today), { severity: 'high', dueOn: '2026-07-01', description: 'Keys kept in the code' });
  const bad = checkFinding({ severity: 'huge', dueOn: '2026-06-30', description: '' }, today);
  assert.deepEqual(bad, { problems: { severity: 'oversight.field.severity', dueOn: 'oversight.field.dueInPast', description: 'oversight.field.description' } });
  assert.deepEqual(checkFinding({ severity: 'low', dueOn: '2026-02-30', description: 'x' }, today), { problems: { dueOn: 'oversight.field.date' } });
});

test('challenge: an open finding, once, up to and including the last day of the window; upheld opens it again, withdrawn ends it', () => {
  const f = { status: 'open' as const, challengedBefore: false, challengeUntil: '2026-07-10' };
  assert.equal(challengeState(f, '2026-07-10'), null);
  assert.equal(challengeState(f, '2026-07-11'), 'oversight.refused.challengeClosed');
  assert.equal(challengeState({ ...f, challengedBefore: true }, '2026-07-01'), 'oversight.refused.challengedBefore');
  assert.equal(challengeState({ ...f, status: 'challenged' }, '2026-07-01'), 'oversight.refused.findingNotOpen');
  assert.equal(findingAfterChallenge('upheld'), 'open');
  assert.equal(findingAfterChallenge('withdrawn'), 'withdrawn');
});

test('the plan: draft → submitted → in progress → completed → closed, or sent back to work', () => {
  assert.equal(poamAfter(null, 'save'), 'draft');
  assert.equal(poamAfter('draft', 'submit'), 'submitted');
  assert.equal(poamAfter('submitted', 'progress'), 'in_progress');
  assert.equal(poamAfter('in_progress', 'complete'), 'completed');
  assert.equal(poamAfter('completed', 'sendBack'), 'in_progress');
  assert.equal(poamAfter('completed', 'close'), 'closed');
  assert.equal(poamAfter('draft', 'complete'), null, 'a draft is submitted first');
  assert.equal(poamAfter('closed', 'save'), null, 'a closed plan is not edited');
  assert.equal(poamAfter('in_progress', 'close'), null, 'only a completed plan is closed');
  assert.equal(completeProblems([{ actualOn: '2026-07-01' }, { actualOn: null }]), 'oversight.refused.milestonesOpen');
  assert.equal(completeProblems([{ actualOn: '2026-07-01' }]), null);
});

test('a plan needs an owner, a text and milestones with real dates; actual dates are not in the future; its history lists what changed', () => {
  const today = '2026-07-01';
  const ok = checkPlan({ ownerName: 'Asha', ownerEmail: 'asha@nida.go.tz', plan: 'Encrypt the database', milestones: [{ title: 'Keys in HSM', plannedOn: '2026-08-01' }, { title: '', plannedOn: '' }] }, today);
  assert.ok('values' in ok);
  assert.equal(ok.values.milestones.length, 1, 'empty rows are ignored');
  const bad = checkPlan({ ownerName: '', ownerEmail: 'nope', plan: '', milestones: [{ title: 'x', plannedOn: '2026-13-01', actualOn: '2026-07-02' }] }, today);
  assert.deepEqual(bad, { problems: { ownerName: 'oversight.field.ownerName', ownerEmail: 'oversight.field.email', plan: 'oversight.field.plan', 'm1-planned': 'oversight.field.date', 'm1-actual': 'oversight.field.actualInFuture' } });
  assert.deepEqual(checkPlan({ ownerName: 'A', plan: 'B', milestones: [] }, today), { problems: { 'm1-title': 'oversight.field.milestones' } });
  const before = { ownerName: 'Asha', ownerEmail: '', plan: 'P', milestones: [{ title: 'M', plannedOn: '2026-08-01', actualOn: null }] };
  const after = { ...before, milestones: [{ title: 'M', plannedOn: '2026-08-01', actualOn: '2026-07-01' }] };
  assert.deepEqual(Object.keys(planChanges(before, after)), ['milestone1']);
  assert.deepEqual(Object.keys(planChanges(null, before)).sort(), ['milestone1', 'ownerEmail', 'ownerName', 'plan']);
});

test('evidence on the plan\'s form names a row; it gets the position that row\'s milestone keeps once empty rows are skipped', () => {
  const rows = [{ title: 'Letter', plannedOn: '2026-12-01', actualOn: null }, { title: '', plannedOn: '', actualOn: null }, { title: 'Training', plannedOn: '2026-12-20', actualOn: null }];
  assert.equal(milestonePositionOfRow(rows, null), null, 'no row: the plan as a whole');
  assert.equal(milestonePositionOfRow(rows, 1), 1);
  assert.equal(milestonePositionOfRow(rows, 3), 2, 'the empty second row is skipped when saved');
  assert.equal(milestonePositionOfRow(rows, 2), undefined, 'an empty row holds no milestone');
  assert.equal(milestonePositionOfRow(rows, 4), undefined);
  assert.equal(milestonePositionOfRow(rows, 0), undefined);
  assert.equal(milestonePositionOfRow(rows, -1), undefined);
});

test('escalation by date: reminder a week before, officers after, the head a week late, the authority three weeks late; each step once', () => {
  const due = '2026-07-30';
  assert.equal(escalationStep(due, '2026-07-20'), STEP.none);
  assert.equal(escalationStep(due, '2026-07-23'), STEP.reminder);
  assert.equal(escalationStep(due, '2026-07-30'), STEP.reminder, 'the due day itself is not late');
  assert.equal(escalationStep(due, '2026-07-31'), STEP.officer);
  assert.equal(escalationStep(due, '2026-08-06'), STEP.head);
  assert.equal(escalationStep(due, '2026-08-20'), STEP.authority);
  assert.equal(stepToSend(STEP.officer, due, '2026-08-01'), null, 'already sent');
  assert.equal(stepToSend(STEP.officer, due, '2026-08-06'), STEP.head);
  assert.equal(stepToSend(STEP.none, due, '2026-09-30'), STEP.authority, 'a late run sends the highest step reached, once');
  assert.deepEqual(stepRecipients(STEP.head), ['head', 'officers']);
  assert.deepEqual(stepRecipients(STEP.authority), ['authority', 'head']);
  assert.equal(effectiveDue('2026-09-30', [{ plannedOn: '2026-07-15', actualOn: null }, { plannedOn: '2026-07-01', actualOn: '2026-07-01' }]), '2026-07-15', 'a late milestone brings the finding due earlier');
  assert.equal(directiveStep('2026-07-30', '2026-07-22'), 0);
  assert.equal(directiveStep('2026-07-30', '2026-07-25'), 1);
  assert.equal(directiveStep('2026-07-30', '2026-07-31'), 2);
});

test('a directive: titles in both languages, a deadline not in the past, and known targets', () => {
  const known = { types: ['ministry', 'public_authority'], sectors: ['Health', 'ICT'] };
  const base = { code: 'DIR-2026-01', titleSw: 'Unganisha mifumo na GovESB', titleEn: 'Connect all systems to GovESB', deadline: '2026-07-30', sectors: ['ICT'] };
  const ok = checkDirective(base, '2026-07-01', known);
  assert.ok('values' in ok);
  assert.deepEqual(ok.values.target, { sectors: ['ICT'] });
  assert.deepEqual(checkDirective({ ...base, deadline: '2026-06-30' }, '2026-07-01', known), { problems: { deadline: 'oversight.field.deadlineInPast' } });
  assert.deepEqual(checkDirective({ ...base, sectors: [] }, '2026-07-01', known), { problems: { institutionTypes: 'oversight.field.target' } });
  assert.deepEqual(checkDirective({ ...base, sectors: ['Mining'] }, '2026-07-01', known), { problems: { sectors: 'oversight.field.sector' } });
  assert.ok('values' in checkDirective({ ...base, sectors: [], institutions: ['NIDA'] }, '2026-07-01', known), 'named institutions are a target on their own');
});
