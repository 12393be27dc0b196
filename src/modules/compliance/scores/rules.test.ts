// The scoring rules on their own: weights, points, N/A, verified results, retired requirements.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bandOf, closeRefusal, effectiveResult, publishRefusal, scoreOf, tally, type ScoredAnswer } from './rules.ts';

test('a mandatory requirement weighs three times a recommended one', () => {
  // mandatory compliant (3 of 3) + recommended non-compliant (0 of 1) = 75 %
  assert.equal(tally([{ obligation: 'mandatory', result: 'compliant' }, { obligation: 'recommended', result: 'non_compliant' }]).score, 75);
  // the other way round: 1 of 4 = 25 %
  assert.equal(tally([{ obligation: 'mandatory', result: 'non_compliant' }, { obligation: 'recommended', result: 'compliant' }]).score, 25);
});

test('partly compliant earns half; unanswered earns nothing but still counts', () => {
  const t = tally([{ obligation: 'mandatory', result: 'partial' }, { obligation: 'mandatory', result: null }]);
  assert.deepEqual(t, { earned: 1.5, possible: 6, answered: 1, applicable: 2, score: 25 });
});

test('not applicable is left out of earned and possible, but is an answer', () => {
  const t = tally([{ obligation: 'mandatory', result: 'compliant' }, { obligation: 'mandatory', result: 'not_applicable' }]);
  assert.deepEqual(t, { earned: 3, possible: 3, answered: 2, applicable: 1, score: 100 });
  assert.equal(tally([{ obligation: 'recommended', result: 'not_applicable' }]).score, null, 'nothing counts: no score rather than 0 or 100');
  assert.equal(tally([]).score, null);
});

test('the on-site verified result replaces the self-assessed one', () => {
  const a: ScoredAnswer = { obligation: 'mandatory', result: 'compliant', verifiedResult: 'non_compliant' };
  assert.equal(effectiveResult(a), 'non_compliant');
  assert.equal(tally([a]).score, 0);
  assert.equal(tally([{ obligation: 'mandatory', result: 'not_applicable', verifiedResult: 'partial' }]).score, 50, 'a verifier may find an N/A claim wrong');
  assert.equal(effectiveResult({ result: 'partial', verifiedResult: null }), 'partial');
});

test('answers to retired requirements are not counted', () => {
  const t = tally([{ obligation: 'mandatory', result: 'compliant' }, { obligation: 'mandatory', result: 'non_compliant', retired: true }]);
  assert.equal(t.score, 100);
  assert.equal(t.applicable, 1);
});

test('scores are rounded to two decimals; bands split at 80 and 50', () => {
  assert.equal(scoreOf(1, 3), 33.33);
  assert.equal(scoreOf(2, 3), 66.67);
  assert.equal(bandOf(80), 'high');
  assert.equal(bandOf(79.99), 'medium');
  assert.equal(bandOf(50), 'medium');
  assert.equal(bandOf(49.99), 'low');
  assert.equal(bandOf(null), 'none');
});

test('only an open cycle closes; only a closed cycle is published', () => {
  assert.equal(closeRefusal('open'), null);
  for (const s of ['draft', 'opening', 'closed']) assert.equal(closeRefusal(s), 'compliance.scores.refused.notOpen');
  assert.equal(publishRefusal('closed'), null);
  assert.equal(publishRefusal('open'), 'compliance.scores.refused.notClosed');
});
