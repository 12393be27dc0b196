// The rules of requirements without a database: obligation words in both languages, what a clause
// applies to, numbering, clause-by-clause comparison with current requirements, outcomes and buckets.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bucketsOf, confirmProblems, conditionsProblems, deadlineProblem, detectAppliesTo, detectObligation, numberedClauses, outcomeOf, planCandidates, rejectProblems, tidyConditions, type CurrentRequirement } from './rules.ts';

test('obligation words are found in English and Kiswahili; mandatory wins; none gives null', () => {
  assert.equal(detectObligation('The institution shall keep an inventory.', ''), 'mandatory');
  assert.equal(detectObligation('Passwords MUST be hashed.', ''), 'mandatory');
  assert.equal(detectObligation('', 'Taasisi itahakikisha inatunza orodha.'), 'mandatory');
  assert.equal(detectObligation('', 'Ni lazima kila mfumo usimbe data.'), 'mandatory');
  assert.equal(detectObligation('', 'Wakala watahakikisha nakala zinahifadhiwa.'), 'mandatory');
  assert.equal(detectObligation('Systems should use GovESB.', ''), 'recommended');
  assert.equal(detectObligation('', 'Mifumo inapaswa kutumia GovESB.'), 'recommended');
  assert.equal(detectObligation('', 'Ingefaa taasisi kupitia sera kila mwaka.'), 'recommended');
  assert.equal(detectObligation('Systems should use GovESB.', 'Taasisi itahakikisha…'), 'mandatory');
  assert.equal(detectObligation('This standard applies to all public institutions.', 'Kiwango hiki kinahusu taasisi zote za umma.'), null);
  // Whole words only: "mustard" and "shallow" are not obligations.
  assert.equal(detectObligation('A shallow mustard-coloured logo.', ''), null);
});

test('a clause about systems applies to each system, otherwise to the institution', () => {
  assert.equal(detectAppliesTo('Every system shall log access.', ''), 'system');
  assert.equal(detectAppliesTo('', 'Kila mfumo lazima uweke kumbukumbu.'), 'system');
  assert.equal(detectAppliesTo('', 'Mifumo inapaswa kuunganishwa.'), 'system');
  assert.equal(detectAppliesTo('The institution shall appoint an officer.', 'Taasisi itateua afisa.'), 'institution');
  assert.equal(detectAppliesTo('Systematic reviews shall be held.', ''), 'institution');
});

const content = [
  { id: 'sA', headingSw: 'Wigo', headingEn: 'Scope', clauses: [{ id: 'a1', textSw: 'Kiwango hiki kinahusu taasisi zote.', textEn: 'This standard applies to all institutions.' }] },
  {
    id: 'sB',
    headingSw: 'Matakwa',
    headingEn: 'Requirements',
    clauses: [
      { id: 'b1', textSw: 'Taasisi itahakikisha orodha ya rasilimali.', textEn: 'The institution shall keep an asset inventory.' },
      { id: 'b2', textSw: '', textEn: '' },
      { id: 'b3', textSw: 'Mifumo inapaswa kutumia GovESB.', textEn: 'Systems should use GovESB.' },
    ],
  },
];

test('clauses are numbered as the library numbers them (section.clause), empty clauses left out', () => {
  assert.deepEqual(
    numberedClauses(content).map((c) => [c.id, c.number]),
    [
      ['a1', '1.1'],
      ['b1', '2.1'],
      ['b3', '2.3'],
    ],
  );
});

test('a first proposal has one added candidate per clause, with ref, group, detected obligation and scope', () => {
  const plan = planCandidates({ documentCode: 'eGA/EXT/ISA/001', groupCode: 'SA', clauses: numberedClauses(content), current: [], takenRefs: new Set() });
  assert.deepEqual(
    plan.map((c) => [c.ref, c.change, c.obligation, c.appliesTo, c.groupCode]),
    [
      ['eGA/EXT/ISA/001 §1.1', 'added', null, 'institution', 'SA'],
      ['eGA/EXT/ISA/001 §2.1', 'added', 'mandatory', 'institution', 'SA'],
      ['eGA/EXT/ISA/001 §2.3', 'added', 'recommended', 'system', 'SA'],
    ],
  );
  assert.equal(plan[1].textSw, 'Taasisi itahakikisha orodha ya rasilimali.');
  assert.deepEqual(plan[1].conditions, {});
});

const req = (over: Partial<CurrentRequirement>): CurrentRequirement => ({
  id: 'r',
  ref: 'X §1.1',
  clauseId: 'c',
  clauseNumber: '1.1',
  textSw: '',
  textEn: '',
  obligation: 'mandatory',
  groupCode: 'SA',
  appliesTo: 'institution',
  conditions: {},
  source: null,
  ...over,
});

test('clause by clause: unchanged, changed (text or obligation), added, removed; requirements keep their ref when clauses move', () => {
  const old = [
    req({ id: 'r1', ref: 'X §2.1', clauseId: 'b1', clauseNumber: '2.1', textSw: 'Taasisi itahakikisha orodha ya rasilimali.', textEn: 'The institution shall keep an asset inventory.', conditions: { sectors: ['Health'] } }),
    req({ id: 'r2', ref: 'X §2.3', clauseId: 'b3', clauseNumber: '2.3', textSw: 'Mifumo lazima itumie GovESB.', textEn: 'Systems shall use GovESB.', obligation: 'mandatory', appliesTo: 'system' }),
    req({ id: 'r3', ref: 'X §2.4', clauseId: 'gone', clauseNumber: '2.4', textSw: 'Taasisi itahakikisha nakala.', textEn: 'The institution shall keep backups.' }),
  ];
  // A new clause inserted before b1 moves it to 2.2.
  const next = [content[0], { ...content[1], clauses: [{ id: 'new', textSw: 'Taasisi lazima iteue afisa.', textEn: 'The institution must appoint an officer.' }, ...content[1].clauses] }];
  const plan = planCandidates({ documentCode: 'X', groupCode: 'SA', clauses: numberedClauses(next), current: old, takenRefs: new Set(old.map((r) => r.ref.toLowerCase())) });
  const by = Object.fromEntries(plan.map((c) => [c.clauseId ?? c.requirementId, c]));
  assert.equal(by.b1.change, 'unchanged');
  assert.equal(by.b1.ref, 'X §2.1', 'keeps its ref although the clause is now 2.2');
  assert.equal(by.b1.clauseNumber, '2.2');
  assert.deepEqual(by.b1.conditions, { sectors: ['Health'] }, 'keeps the author\'s conditions');
  assert.equal(by.b3.change, 'changed', 'obligation changed from shall to should');
  assert.equal(by.b3.obligation, 'recommended');
  assert.equal(by.b3.appliesTo, 'system');
  assert.equal(by.new.change, 'added');
  assert.equal(by.new.ref, 'X §2.1 (2)', 'the new clause 2.1 does not take a ref that is in use');
  assert.equal(by.r3.change, 'removed');
  assert.equal(by.r3.clauseId, null);
  assert.equal(by.a1.change, 'added');
  assert.deepEqual(plan.map((c) => c.position), [0, 1, 2, 3, 4]);
});

test('an author\'s earlier edit of a requirement is not a change: clauses are compared with the clause the requirement came from', () => {
  const clause = content[1].clauses[0];
  const edited = req({ id: 'r1', clauseId: 'b1', clauseNumber: '2.1', textEn: 'The institution shall keep an up-to-date asset inventory.', textSw: 'Taasisi itahakikisha orodha.', source: { textSw: clause.textSw, textEn: clause.textEn } });
  const [c] = planCandidates({ documentCode: 'X', groupCode: null, clauses: numberedClauses([{ ...content[1], clauses: [clause] }]), current: [edited], takenRefs: new Set() });
  assert.equal(c.change, 'unchanged');
  assert.equal(c.textEn, 'The institution shall keep an up-to-date asset inventory.', 'the edited text stays');
  // Whitespace alone is not a change either.
  const [d] = planCandidates({ documentCode: 'X', groupCode: null, clauses: numberedClauses([{ ...content[1], clauses: [{ ...clause, textEn: `  ${clause.textEn.replace(' ', '   ')} ` }] }]), current: [edited], takenRefs: new Set() });
  assert.equal(d.change, 'unchanged');
});

test('a requirement whose clause got a new id is followed by its number', () => {
  const r = req({ id: 'r1', clauseId: 'old-id', clauseNumber: '2.1', textSw: content[1].clauses[0].textSw, textEn: content[1].clauses[0].textEn });
  const plan = planCandidates({ documentCode: 'X', groupCode: null, clauses: numberedClauses(content), current: [r], takenRefs: new Set(['x §1.1']) });
  assert.equal(plan.find((c) => c.requirementId === 'r1')?.change, 'unchanged');
  assert.equal(plan.filter((c) => c.change === 'removed').length, 0);
});

test('outcomes: what applying each decided candidate does, and the buckets of a preview', () => {
  const cur = { textSw: 'a', textEn: 'b', obligation: 'mandatory' as const };
  const c = (change: 'added' | 'changed' | 'unchanged' | 'removed', decision: 'proposed' | 'confirmed' | 'rejected', over = {}) => ({ change, decision, textSw: 'a', textEn: 'b', obligation: 'mandatory' as const, ...over });
  assert.equal(outcomeOf(c('added', 'proposed')), 'undecided');
  assert.equal(outcomeOf(c('added', 'confirmed')), 'added');
  assert.equal(outcomeOf(c('added', 'rejected')), 'skipped');
  assert.equal(outcomeOf(c('unchanged', 'confirmed'), cur), 'unchanged');
  assert.equal(outcomeOf(c('unchanged', 'confirmed', { textEn: 'edited' }), cur), 'changed', 'an edited text is a new version');
  assert.equal(outcomeOf(c('changed', 'confirmed', { obligation: 'recommended' }), cur), 'changed');
  assert.equal(outcomeOf(c('changed', 'confirmed'), cur), 'unchanged', 'edited back to the current text');
  assert.equal(outcomeOf(c('changed', 'rejected'), cur), 'retired');
  assert.equal(outcomeOf(c('unchanged', 'rejected'), cur), 'retired');
  assert.equal(outcomeOf(c('removed', 'confirmed'), cur), 'retired');
  const b = bucketsOf([1, 2, 3, 4], (n) => (n % 2 ? 'added' : 'retired'));
  assert.deepEqual(b.added, [1, 3]);
  assert.deepEqual(b.retired, [2, 4]);
  assert.deepEqual(b.unchanged, []);
});

test('confirming needs a text, an obligation and a scope; conditions only from the lists', () => {
  const ok = { textSw: 'x', textEn: '', obligation: 'mandatory', appliesTo: 'system', groupCode: 'SA', conditions: {} };
  assert.deepEqual(confirmProblems(ok, ['SA']), {});
  assert.deepEqual(Object.keys(confirmProblems({ ...ok, textSw: ' ', obligation: null, appliesTo: 'world', groupCode: 'ZZ' }, ['SA'])).sort(), ['appliesTo', 'groupCode', 'obligation', 'textEn']);
  assert.deepEqual(conditionsProblems({ institutionTypes: ['ministry'], system: { hosting: ['govdc'], lifecycle: ['production'], govesb: true } }), {});
  assert.deepEqual(Object.keys(conditionsProblems({ institutionTypes: ['castle'], system: { hosting: ['moon'] } })).sort(), ['cond_hosting', 'cond_institutionTypes']);
  assert.deepEqual(tidyConditions({ institutionTypes: [], sectors: [' Health ', 'Health'], system: { publicFacing: undefined, hosting: [] } }), { sectors: ['Health'] });
  assert.deepEqual(rejectProblems(' '), { reason: 'compliance.req.field.reason' });
  assert.deepEqual(rejectProblems('Defines a term'), {});
  assert.equal(deadlineProblem('2026-02-30', '2026-01-01'), 'compliance.req.field.deadline');
  assert.equal(deadlineProblem('2025-12-31', '2026-01-01'), 'compliance.req.field.deadlinePast');
  assert.equal(deadlineProblem('2026-01-01', '2026-01-01'), null);
});
