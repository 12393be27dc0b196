// The pure rules: applicability over institution and system facts, the answer state machine, the
// completeness check, cycle and evidence validation, and the canonical hash of an attestation.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { answerLocked, answerProblems, answerTargets, applies, attestationOf, completenessGaps, cycleProblems, evidenceProblems, expiresSoon, sameAnswers, signOffRefusal, type SystemFacts } from './rules.ts';
import { canonical } from '../../../platform/audit.ts';

const ministry = { type: 'ministry', sector: 'health' };
const agency = { type: 'executive_agency', sector: 'finance' };
const sys = (o: Partial<SystemFacts> & { id: string }): SystemFacts & { id: string } => ({ publicFacing: false, personalData: false, integrates: false, govesb: false, hosting: 'govdc', lifecycle: 'production', ...o });

test('applicability: absent keys do not restrict; type, sector and each system attribute do', () => {
  assert.ok(applies({}, ministry));
  assert.ok(applies({ institutionTypes: ['ministry'] }, ministry));
  assert.ok(!applies({ institutionTypes: ['ministry'] }, agency));
  assert.ok(!applies({ sectors: ['finance'] }, ministry));
  assert.ok(applies({ institutionTypes: [] }, agency), 'an empty list does not restrict');
  const pub = sys({ id: 'a', publicFacing: true, personalData: true, hosting: 'gov_cloud' });
  assert.ok(applies({ system: { publicFacing: true } }, ministry, pub));
  assert.ok(!applies({ system: { publicFacing: false } }, ministry, pub), 'false means: only systems that are not public-facing');
  assert.ok(!applies({ system: { integrates: true } }, ministry, pub));
  assert.ok(applies({ system: { hosting: ['gov_cloud', 'govdc'] } }, ministry, pub));
  assert.ok(!applies({ system: { lifecycle: ['planned'] } }, ministry, pub));
  assert.ok(applies({ system: { govesb: true } }, ministry), 'without system facts only institution conditions count');
});

test('answer targets: one institution question, one per applicable system, none when nothing applies', () => {
  const systems = [sys({ id: 's1', personalData: true }), sys({ id: 's2' }), sys({ id: 's3', integrates: true })];
  assert.deepEqual(answerTargets({ appliesTo: 'institution', conditions: {} }, ministry, systems), [null]);
  assert.deepEqual(answerTargets({ appliesTo: 'system', conditions: {} }, ministry, systems), ['s1', 's2', 's3']);
  assert.deepEqual(answerTargets({ appliesTo: 'system', conditions: { system: { personalData: true } } }, ministry, systems), ['s1']);
  assert.deepEqual(answerTargets({ appliesTo: 'system', conditions: { institutionTypes: ['executive_agency'] } }, ministry, systems), []);
  assert.deepEqual(answerTargets({ appliesTo: 'institution', conditions: { system: { integrates: true } } }, ministry, systems), [null], 'an institution requirement on integrating institutions');
  assert.deepEqual(answerTargets({ appliesTo: 'institution', conditions: { system: { govesb: true } } }, ministry, systems), [], 'no system on GovESB: it does not apply');
  assert.deepEqual(answerTargets({ appliesTo: 'system', conditions: {} }, ministry, []), []);
});

test('state machine: open answers are editable; returned only where the authority returned them; signed off or reviewed locked', () => {
  assert.equal(answerLocked('open', 'pending'), null);
  assert.equal(answerLocked('returned', 'returned'), null);
  assert.equal(answerLocked('returned', 'accepted'), 'assessments.locked.notReturned');
  assert.equal(answerLocked('signed_off', 'pending'), 'assessments.locked.signedOff');
  assert.equal(answerLocked('reviewed', 'returned'), 'assessments.locked.signedOff');
  assert.equal(signOffRefusal('open', '2026-06-30', '2026-06-30'), null, 'the whole submission day counts');
  assert.equal(signOffRefusal('open', '2026-06-30', '2026-07-01'), 'assessments.signOff.late');
  assert.equal(signOffRefusal('returned', '2026-06-30', '2026-06-01'), null, 'a returned assessment is signed off again');
  assert.equal(signOffRefusal('signed_off', '2026-06-30', '2026-06-01'), 'assessments.locked.signedOff');
});

test('answers and completeness: N/A needs a justification; mandatory non-compliance a comment; carried answers a confirmation', () => {
  assert.deepEqual(answerProblems({ result: 'not_applicable', justification: '  ', comment: '' }), { justification: 'assessments.field.justification' });
  assert.deepEqual(answerProblems({ result: 'nope', justification: '', comment: '' }), { result: 'assessments.field.result' });
  assert.deepEqual(answerProblems({ result: '', justification: '', comment: '' }), {}, 'empty clears the answer');
  const base = { justification: '', comment: '', obligation: 'mandatory' as const, unconfirmed: false };
  const gaps = completenessGaps([
    { ...base, answerId: 'a', result: null },
    { ...base, answerId: 'b', result: 'compliant', unconfirmed: true },
    { ...base, answerId: 'c', result: 'not_applicable' },
    { ...base, answerId: 'd', result: 'non_compliant' },
    { ...base, answerId: 'e', result: 'partial', obligation: 'recommended' },
    { ...base, answerId: 'f', result: 'non_compliant', comment: 'Planned for Q3' },
  ]);
  assert.deepEqual(gaps, [
    { answerId: 'a', gap: 'unanswered' },
    { answerId: 'b', gap: 'carriedUnconfirmed' },
    { answerId: 'c', gap: 'naWithoutJustification' },
    { answerId: 'd', gap: 'nonCompliantWithoutComment' },
  ]);
});

test('cycles and evidence: a past submission date, dates out of order, no requirements; a file or a link, not both', () => {
  const ok = { code: 'ICT-2026', nameSw: 'Tathmini', nameEn: 'Assessment', submissionDue: '2026-12-01', reviewDue: '2026-12-15', challengeUntil: '2027-01-15' };
  assert.deepEqual(cycleProblems(ok, '2026-11-27', { requirements: 10 }), {});
  assert.equal(cycleProblems({ ...ok, submissionDue: '2026-11-26' }, '2026-11-27', { requirements: 10 }).submissionDue, 'assessments.cycle.field.past');
  assert.equal(cycleProblems({ ...ok, reviewDue: '2026-11-30' }, '2026-11-27', { requirements: 10 }).reviewDue, 'assessments.cycle.field.order');
  assert.equal(cycleProblems({ ...ok, submissionDue: '2026-02-30' }, '2026-01-01', { requirements: 10 }).submissionDue, 'assessments.cycle.field.date');
  assert.equal(cycleProblems(ok, '2026-11-27', { requirements: 0 }).standards, 'assessments.cycle.field.noRequirements');
  assert.equal(cycleProblems({ ...ok, code: 'has space' }, '2026-11-27', { requirements: 1 }).code, 'assessments.cycle.field.code');
  assert.deepEqual(evidenceProblems({ title: 'Policy', expiresOn: '', hasFile: true }), {});
  assert.equal(evidenceProblems({ title: 'Policy', expiresOn: '', hasFile: true, url: 'https://x.go.tz' }).url, 'assessments.evidence.field.fileOrLink');
  assert.equal(evidenceProblems({ title: 'Policy', expiresOn: '', hasFile: false, url: 'ftp://x' }).url, 'assessments.evidence.field.url');
  assert.ok(expiresSoon('2026-12-20', '2026-11-27'));
  assert.ok(!expiresSoon('2027-02-01', '2026-11-27'));
  assert.ok(!expiresSoon('2026-11-01', '2026-11-27'), 'already expired is not "soon"');
});

test('attestation: the same content in any order gives the same hash; a changed answer or evidence changes it', () => {
  const answer = (requirement: string, system: string | null, result: 'compliant' | 'partial', evidence: string[] = []) => ({ requirement, version: 1, system, result, justification: '', comment: '', evidence });
  const content = (answers: ReturnType<typeof answer>[]) => ({ assessment: 'a1', cycle: 'C', institution: 'NIDA', signer: { id: 'u1', name: 'Head' }, signedAt: '2026-11-27T10:00:00.000Z', answers });
  const one = attestationOf(content([answer('X §1', null, 'compliant', ['sha256:bb', 'sha256:aa']), answer('X §2', 'S1', 'partial')]));
  const two = attestationOf(content([answer('X §2', 'S1', 'partial'), answer('X §1', null, 'compliant', ['sha256:aa', 'sha256:bb'])]));
  assert.equal(one.sha256, two.sha256);
  assert.match(one.sha256, /^[0-9a-f]{64}$/);
  assert.notEqual(attestationOf(content([answer('X §1', null, 'partial', ['sha256:aa', 'sha256:bb']), answer('X §2', 'S1', 'partial')])).sha256, one.sha256);
  assert.notEqual(attestationOf(content([answer('X §1', null, 'compliant', ['sha256:aa']), answer('X §2', 'S1', 'partial')])).sha256, one.sha256);
  assert.equal(canonical({ b: 1, a: [2, { d: 1, c: null }] }), '{"a":[2,{"c":null,"d":1}],"b":1}');
  assert.ok(sameAnswers(one.content.answers, two.content.answers));
  assert.ok(!sameAnswers(one.content.answers, [answer('X §1', null, 'compliant')]));
});
