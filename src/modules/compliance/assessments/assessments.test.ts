// Cycles and self-assessment on the real database: a cycle is opened by its background job for
// institutions whose systems differ (public-facing, personal data, integrations with another
// institution, GovESB, hosting, retired), and the questions created are exactly those that apply;
// the rows match what test/compliance-fixture.ts writes; answers carry over to the next cycle;
// answering, stale revisions, other institutions, sign-off by the head only, the deadline and the
// lock after sign-off; the attestation verifies against its content and the current answers.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ctxAs, createTestDb, institutionId, makeUser, type TestDb } from '../../../../test/helpers.ts';
import { complianceWorld } from '../../../../test/compliance-fixture.ts';
import { AppError } from '../../../platform/http/errors.ts';
import { runJobsNow } from '../../../platform/jobs/index.ts';
import type { Ctx } from '../../../platform/context.ts';
import { createCycle, openCycle } from './cycles.service.ts';
import { assignAnswer, completeness, saveAnswer, signOff, verifyAttestation, attachEvidence } from './answers.service.ts';
import { addEvidence } from './evidence.service.ts';
import { testConfig } from '../../../../test/helpers.ts';
import { sendReminders } from './reminders.job.ts';
import { todayInTanzania } from './rules.ts';

let t: TestDb;
let reviewer: Ctx;
let nidaOfficer: Ctx;
let nidaHead: Ctx;
let brelaOfficer: Ctx;
const ids: Record<string, string> = {};
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

async function system(acronym: string, code: string, attrs: { personal?: boolean; govesb?: boolean; hosting?: string; lifecycle?: string } = {}) {
  const [s] = await t.db.query<{ id: string }>(
    `INSERT INTO portfolio_systems (institution_id, code, name, lifecycle, hosting, personal_data, govesb) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
    [ids[acronym], code, `${code} system`, attrs.lifecycle ?? 'production', attrs.hosting ?? 'govdc', attrs.personal ?? false, attrs.govesb ?? false],
  );
  return s.id;
}

const status = (n: number) => (e: unknown) => e instanceof AppError && e.status === n;

let sys: Record<string, string> = {};
before(async () => {
  t = await createTestDb();
  for (const a of ['NIDA', 'BRELA', 'RITA', 'MoH']) ids[a] = await institutionId(t.db, a);
  reviewer = await ctxAs(t.db, await makeUser(t.db, 'authority_reviewer'));
  nidaOfficer = await ctxAs(t.db, await makeUser(t.db, 'institution_officer', 'NIDA'));
  nidaHead = await ctxAs(t.db, await makeUser(t.db, 'institution_head', 'NIDA'));
  brelaOfficer = await ctxAs(t.db, await makeUser(t.db, 'institution_officer', 'BRELA'));
  // NIDA: a public-facing system with personal data on GovESB; an internal one integrated with RITA; a retired one.
  sys = {
    nidaPublic: await system('NIDA', 'NIDA-PUB', { personal: true, govesb: true }),
    nidaInternal: await system('NIDA', 'NIDA-INT', { hosting: 'on_premises' }),
    nidaRetired: await system('NIDA', 'NIDA-OLD', { personal: true, lifecycle: 'retired' }),
    ritaPortal: await system('RITA', 'RITA-ERS', { hosting: 'gov_cloud' }),
  };
  await t.db.query(`INSERT INTO portfolio_eservices (system_id, name_en, audience, channels) VALUES ($1, 'ID application', 'citizens', '{web}')`, [sys.nidaPublic]);
  await t.db.query(`INSERT INTO portfolio_integrations (provider_id, consumer_id, data_exchanged, channel, status) VALUES ($1, $2, 'identities', 'govesb', 'active')`, [sys.nidaInternal, sys.ritaPortal]);
});
after(() => t.close());

test('a cycle with a past submission date, no requirements or an unknown institution is refused; only the authority creates one', async () => {
  const world = await complianceWorld(t.db, { institutions: [], documentCode: 'eGA/EXT/OLD/001', cycleCode: 'OLD-1' });
  const base = { code: 'C-1', nameSw: 'Mzunguko', nameEn: 'Cycle', submissionDue: day(10), reviewDue: day(20), challengeUntil: day(30), documentIds: [world.documentId] };
  await assert.rejects(createCycle(reviewer, { ...base, submissionDue: day(-1) }), (e: unknown) => e instanceof AppError && e.fields?.submissionDue === 'assessments.cycle.field.past');
  await assert.rejects(createCycle(reviewer, { ...base, documentIds: [] , requirementIds: ['00000000-0000-4000-8000-000000000000'] }), (e: unknown) => e instanceof AppError && e.fields?.standards === 'assessments.cycle.field.noRequirements');
  await assert.rejects(createCycle(reviewer, { ...base, institutions: ['NOPE'] }), (e: unknown) => e instanceof AppError && e.fields?.institutions === 'assessments.cycle.field.institutions');
  await assert.rejects(createCycle(reviewer, { ...base, code: 'OLD-1' }), (e: unknown) => e instanceof AppError && e.fields?.code === 'assessments.cycle.field.codeTaken');
  await assert.rejects(createCycle(nidaOfficer, base), status(403));
  const [{ n }] = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM compliance_cycles WHERE code = 'C-1'`);
  assert.equal(n, 0);
});

let cycleId = '';
let nidaAssessment = '';
let reqs: Record<string, string> = {};

test('opening a cycle runs in the background and creates exactly the questions that apply, per institution and per system', async () => {
  const world = await complianceWorld(t.db, {
    institutions: [],
    documentCode: 'eGA/EXT/APP/001',
    cycleCode: 'SEED-APP',
    clauses: [
      { textEn: 'Institution keeps an asset register.', textSw: 'Taasisi itunze rejista ya rasilimali.', obligation: 'mandatory', appliesTo: 'institution' },
      { textEn: 'Systems log access.', textSw: 'Mifumo itunze kumbukumbu za ufikiaji.', obligation: 'mandatory', appliesTo: 'system' },
      { textEn: 'Public systems publish a privacy notice.', textSw: 'Mifumo ya umma ichapishe taarifa ya faragha.', obligation: 'mandatory', appliesTo: 'system' },
      { textEn: 'Integrating systems use GovESB.', textSw: 'Mifumo inayounganishwa itumie GovESB.', obligation: 'recommended', appliesTo: 'system' },
      { textEn: 'Ministries publish an ICT strategy.', textSw: 'Wizara zichapishe mkakati wa TEHAMA.', obligation: 'mandatory', appliesTo: 'institution' },
      { textEn: 'Institutions with personal data appoint a data protection officer.', textSw: 'Taasisi zenye data binafsi ziteue afisa wa ulinzi wa data.', obligation: 'mandatory', appliesTo: 'institution' },
    ],
  });
  // The fixture's own seed cycle is left aside (it is not in this test's scope); conditions are set here.
  const [r1, r2, r3, r4, r5, r6] = world.requirementIds;
  reqs = { r1, r2, r3, r4, r5, r6 };
  await t.db.query(`UPDATE compliance_requirements SET conditions = '{"system":{"publicFacing":true}}' WHERE id = $1`, [r3]);
  await t.db.query(`UPDATE compliance_requirements SET conditions = '{"system":{"integrates":true}}' WHERE id = $1`, [r4]);
  await t.db.query(`UPDATE compliance_requirements SET conditions = '{"institutionTypes":["ministry"]}' WHERE id = $1`, [r5]);
  await t.db.query(`UPDATE compliance_requirements SET conditions = '{"system":{"personalData":true}}' WHERE id = $1`, [r6]);
  await t.db.query(`DELETE FROM compliance_cycle_requirements WHERE cycle_id = $1`, [world.cycleId]);
  await t.db.query(`DELETE FROM compliance_cycles WHERE id = $1`, [world.cycleId]);

  const cycle = await createCycle(reviewer, { code: 'CY-2026', nameSw: 'Tathmini 2026', nameEn: 'Assessment 2026', submissionDue: day(20), reviewDue: day(30), challengeUntil: day(40), documentIds: [world.documentId], institutions: ['NIDA', 'RITA', 'MoH'] });
  cycleId = cycle.id;
  await assert.rejects(openCycle(nidaOfficer, { id: cycle.id }), status(403));
  const jobId = await openCycle(reviewer, { id: cycle.id });
  assert.ok(jobId > 0);
  const [mid] = await t.db.query<{ status: string; n: number }>(`SELECT status, (SELECT count(*)::int FROM compliance_assessments WHERE cycle_id = $1) AS n FROM compliance_cycles WHERE id = $1`, [cycle.id]);
  assert.deepEqual(mid, { status: 'opening', n: 0 }, 'nothing is created inside the request');
  await assert.rejects(openCycle(reviewer, { id: cycle.id }), status(409));
  await runJobsNow(t.db, { config: testConfig(), until: 'idle' });

  const [after] = await t.db.query<{ status: string }>(`SELECT status FROM compliance_cycles WHERE id = $1`, [cycle.id]);
  const jobs = await t.db.query<{ status: string; error: string | null }>(`SELECT status, last_error AS error FROM jobs WHERE type = 'compliance.cycle.open'`);
  assert.equal(after.status, 'open', JSON.stringify(jobs));
  const rows = await t.db.query<{ acronym: string; requirement_id: string; system_id: string | null; position: number; question_count: number }>(
    `SELECT i.acronym, n.requirement_id, n.system_id, n.position, a.question_count FROM compliance_answers n JOIN compliance_assessments a ON a.id = n.assessment_id
      JOIN institutions i ON i.id = a.institution_id WHERE a.cycle_id = $1 ORDER BY i.acronym, n.position`,
    [cycle.id],
  );
  const of = (acr: string) => rows.filter((r) => r.acronym === acr).map((r) => [Object.entries(reqs).find(([, v]) => v === r.requirement_id)![0], Object.entries(sys).find(([, v]) => v === r.system_id)?.[0] ?? null]);
  assert.deepEqual(of('NIDA'), [
    ['r1', null],
    ['r2', 'nidaInternal'],
    ['r2', 'nidaPublic'],
    ['r3', 'nidaPublic'],
    ['r4', 'nidaInternal'],
    ['r6', null],
  ], 'NIDA: the retired system has no questions; only the public-facing one gets the privacy notice; only the one integrated with RITA the GovESB question; personal data makes r6 apply');
  assert.deepEqual(of('RITA'), [['r1', null], ['r2', 'ritaPortal'], ['r4', 'ritaPortal']]);
  assert.deepEqual(of('MoH'), [['r1', null], ['r5', null]], 'MoH has no systems: institution questions only, and r5 because it is a ministry');
  assert.deepEqual(rows.map((r) => r.position), [...of('MoH').keys(), ...of('NIDA').keys(), ...of('RITA').keys()], 'positions run from 0 per assessment');
  assert.ok(rows.every((r) => r.question_count === of(r.acronym).length));
  const [v] = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM compliance_cycle_requirements WHERE cycle_id = $1 AND requirement_version = 1`, [cycle.id]);
  assert.equal(v.n, 6);
  nidaAssessment = (await t.db.query<{ id: string }>(`SELECT id FROM compliance_assessments WHERE cycle_id = $1 AND institution_id = $2`, [cycle.id, ids.NIDA]))[0].id;
});

test('the job writes the same rows the test fixture writes for a cycle without conditions', async () => {
  const fixture = await complianceWorld(t.db, { institutions: ['NIDA', 'BRELA'], documentCode: 'eGA/EXT/FIX/001', cycleCode: 'FIX-1' });
  const cycle = await createCycle(reviewer, { code: 'FIX-2', nameSw: 'x', nameEn: 'x', submissionDue: day(5), reviewDue: day(6), challengeUntil: day(7), documentIds: [fixture.documentId], institutions: ['NIDA', 'BRELA'] });
  await openCycle(reviewer, { id: cycle.id });
  await runJobsNow(t.db, { config: testConfig(), until: 'idle' });
  const shape = (cid: string) =>
    t.db.query(`SELECT i.acronym, n.requirement_id, n.requirement_version, n.system_id, n.position, a.question_count FROM compliance_answers n JOIN compliance_assessments a ON a.id = n.assessment_id
       JOIN institutions i ON i.id = a.institution_id WHERE a.cycle_id = $1 ORDER BY i.acronym, n.position`, [cid]);
  assert.deepEqual(await shape(cycle.id), await shape(fixture.cycleId));
});

test('answering: saved with who and when; a stale revision is 409 with the stored version; another institution gets 404; N/A needs a justification', async () => {
  const [first] = await t.db.query<{ id: string; revision: number }>(`SELECT id, revision FROM compliance_answers WHERE assessment_id = $1 ORDER BY position LIMIT 1`, [nidaAssessment]);
  const saved = await saveAnswer(nidaOfficer, { id: first.id, revision: first.revision, result: 'compliant', justification: '', comment: 'Register kept in the asset system.' });
  assert.equal(saved.answeredBy, nidaOfficer.actor!.userId);
  assert.ok(saved.answeredAt);
  const [a] = await t.db.query<{ answered_count: number; updated_at: Date; created_at: Date }>(`SELECT answered_count, updated_at, created_at FROM compliance_assessments WHERE id = $1`, [nidaAssessment]);
  assert.equal(a.answered_count, 1);
  assert.ok(a.updated_at > a.created_at, 'updated_at moves, so scores are recomputed');

  await assert.rejects(saveAnswer(nidaHead, { id: first.id, revision: first.revision, result: 'partial', justification: '', comment: '' }), (e: unknown) => e instanceof AppError && e.status === 409 && (e.extra?.current as { result: string }).result === 'compliant');
  await assert.rejects(saveAnswer(brelaOfficer, { id: first.id, revision: saved.revision, result: 'partial', justification: '', comment: '' }), status(404));
  await assert.rejects(saveAnswer(reviewer, { id: first.id, revision: saved.revision, result: 'partial', justification: '', comment: '' }), status(403));
  await assert.rejects(saveAnswer(nidaOfficer, { id: first.id, revision: saved.revision, result: 'not_applicable', justification: ' ', comment: '' }), (e: unknown) => e instanceof AppError && e.fields?.justification === 'assessments.field.justification');
  await assert.rejects(saveAnswer(nidaOfficer, { id: first.id, revision: saved.revision, result: 'maybe', justification: '', comment: '' }), (e: unknown) => e instanceof AppError && e.fields?.result === 'assessments.field.result');
});

test('assigning a question to a colleague e-mails them; someone of another institution cannot be assigned', async () => {
  const colleague = await makeUser(t.db, 'institution_officer', 'NIDA', { name: 'Asha Colleague' });
  const [q] = await t.db.query<{ id: string }>(`SELECT id FROM compliance_answers WHERE assessment_id = $1 ORDER BY position OFFSET 1 LIMIT 1`, [nidaAssessment]);
  await assignAnswer(nidaOfficer, { answerId: q.id, assigneeId: colleague.id, publicUrl: 'https://viwango.test' });
  const [mail] = await t.db.query<{ subject: string; body_text: string }>(`SELECT subject, body_text FROM mail_outbox WHERE to_address = $1`, [colleague.email]);
  assert.match(mail.subject, /assigned to you/);
  assert.match(mail.body_text, new RegExp(`/compliance/assessments/${nidaAssessment}/answers/${q.id}`));
  const outsider = await makeUser(t.db, 'institution_officer', 'BRELA');
  await assert.rejects(assignAnswer(nidaOfficer, { answerId: q.id, assigneeId: outsider.id, publicUrl: '' }), (e: unknown) => e instanceof AppError && e.fields?.assignee === 'assessments.field.assignee');
});

test('sign-off: the completeness check lists what is missing; only the head signs; then the assessment is locked and the attestation verifies', async () => {
  const gaps = await completeness(nidaHead, nidaAssessment);
  assert.equal(gaps.length, 5);
  assert.ok(gaps.every((g) => g.gap === 'unanswered'));
  const [{ revision }] = await t.db.query<{ revision: number }>(`SELECT revision FROM compliance_assessments WHERE id = $1`, [nidaAssessment]);
  await assert.rejects(signOff(nidaHead, { id: nidaAssessment, revision }), (e: unknown) => e instanceof AppError && e.status === 422 && e.key === 'assessments.signOff.incomplete');

  const ev = await addEvidence({ ...nidaOfficer, config: { ...nidaOfficer.config, dataDir: '/tmp/vw-asm-test' } }, { institutionId: ids.NIDA, title: 'Access log policy', url: 'https://nida.go.tz/logs' });
  const open = await t.db.query<{ id: string; revision: number; position: number }>(`SELECT id, revision, position FROM compliance_answers WHERE assessment_id = $1 AND result IS NULL ORDER BY position`, [nidaAssessment]);
  for (const a of open) {
    const result = a.position === 5 ? 'non_compliant' : 'compliant';
    await saveAnswer(nidaOfficer, { id: a.id, revision: a.revision, result, justification: '', comment: '', evidenceIds: a.position === 1 ? [ev.id] : undefined });
  }
  const left = await completeness(nidaHead, nidaAssessment);
  assert.deepEqual(left.map((g) => g.gap), ['nonCompliantWithoutComment'], 'a mandatory requirement not met needs a comment');
  const last = open.find((a) => a.position === 5)!;
  await saveAnswer(nidaOfficer, { id: last.id, revision: last.revision + 1, result: 'non_compliant', justification: '', comment: 'DPO to be appointed in Q3.' });

  const [{ revision: rev }] = await t.db.query<{ revision: number }>(`SELECT revision FROM compliance_assessments WHERE id = $1`, [nidaAssessment]);
  await assert.rejects(signOff(nidaOfficer, { id: nidaAssessment, revision: rev }), status(403), 'an officer may not sign off');
  const att = await signOff(nidaHead, { id: nidaAssessment, revision: rev });
  assert.match(att.contentSha256, /^[0-9a-f]{64}$/);
  const content = att.content as { answers: { evidence: string[]; result: string }[]; signer: { name: string } };
  assert.equal(content.answers.length, 6);
  assert.equal(content.signer.name, nidaHead.actor!.name);
  assert.ok(content.answers.some((x) => x.evidence.length === 1 && x.evidence[0].startsWith('url-sha256:')));

  const [locked] = await t.db.query<{ status: string }>(`SELECT status FROM compliance_assessments WHERE id = $1`, [nidaAssessment]);
  assert.equal(locked.status, 'signed_off');
  const [any] = await t.db.query<{ id: string; revision: number }>(`SELECT id, revision FROM compliance_answers WHERE assessment_id = $1 LIMIT 1`, [nidaAssessment]);
  await assert.rejects(saveAnswer(nidaOfficer, { id: any.id, revision: any.revision, result: 'partial', justification: '', comment: 'x' }), (e: unknown) => e instanceof AppError && e.status === 409 && e.key === 'assessments.locked.signedOff');
  await assert.rejects(attachEvidence(nidaOfficer, { answerId: any.id, evidenceIds: [ev.id] }), status(409));

  const ok = await verifyAttestation(brelaOfficer, att.id).catch((e) => e);
  assert.ok(ok instanceof AppError && ok.status === 404, 'another institution may not read it');
  const v = await verifyAttestation(reviewer, att.id);
  assert.deepEqual([v.contentIntact, v.matchesCurrent], [true, true]);
  // Tampering with the stored answers after sign-off shows.
  await t.db.query(`UPDATE compliance_answers SET comment = 'changed behind the lock' WHERE id = $1`, [any.id]);
  const v2 = await verifyAttestation(reviewer, att.id);
  assert.deepEqual([v2.contentIntact, v2.matchesCurrent], [true, false]);
  await t.db.query(`UPDATE compliance_attestations SET content = jsonb_set(content, '{signer,name}', '"Someone else"') WHERE id = $1`, [att.id]);
  assert.equal((await verifyAttestation(reviewer, att.id)).contentIntact, false);
});

test('returned answers are editable again, the others are not; after the submission date the head can no longer sign off', async () => {
  const rows = await t.db.query<{ id: string; revision: number }>(`SELECT id, revision FROM compliance_answers WHERE assessment_id = $1 ORDER BY position`, [nidaAssessment]);
  await t.db.query(`UPDATE compliance_answers SET review_status = 'returned' WHERE id = $1`, [rows[0].id]);
  await t.db.query(`UPDATE compliance_assessments SET status = 'returned' WHERE id = $1`, [nidaAssessment]);
  await saveAnswer(nidaOfficer, { id: rows[0].id, revision: rows[0].revision, result: 'partial', justification: '', comment: 'Register incomplete for regions.' });
  await assert.rejects(saveAnswer(nidaOfficer, { id: rows[1].id, revision: rows[1].revision, result: 'partial', justification: '', comment: 'x' }), (e: unknown) => e instanceof AppError && e.status === 409 && e.key === 'assessments.locked.notReturned');
  await t.db.query(`UPDATE compliance_cycles SET submission_due = current_date - 1, review_due = current_date, challenge_until = current_date WHERE id = $1`, [cycleId]);
  const [{ revision }] = await t.db.query<{ revision: number }>(`SELECT revision FROM compliance_assessments WHERE id = $1`, [nidaAssessment]);
  await assert.rejects(signOff(nidaHead, { id: nidaAssessment, revision }), (e: unknown) => e instanceof AppError && e.status === 409 && e.key === 'assessments.signOff.late');
});

test('carry-over: the next cycle pre-fills answers to requirements whose version is unchanged, with their evidence, shown as not yet confirmed', async () => {
  await t.db.query(`UPDATE compliance_requirements SET version = 2 WHERE id = $1`, [reqs.r2]);
  const cycle = await createCycle(reviewer, { code: 'CY-2027', nameSw: 'Tathmini 2027', nameEn: 'Assessment 2027', submissionDue: day(50), reviewDue: day(60), challengeUntil: day(70), requirementIds: Object.values(reqs), institutions: ['NIDA'] });
  await openCycle(reviewer, { id: cycle.id });
  await runJobsNow(t.db, { config: testConfig(), until: 'idle' });
  const rows = await t.db.query<{ requirement_id: string; result: string | null; comment: string; carried_from: string | null; answered_at: Date | null; evidence: number; answered_count: number }>(
    `SELECT n.requirement_id, n.result, n.comment, n.carried_from, n.answered_at, a.answered_count,
            (SELECT count(*)::int FROM compliance_answer_evidence e WHERE e.answer_id = n.id) AS evidence
       FROM compliance_answers n JOIN compliance_assessments a ON a.id = n.assessment_id WHERE a.cycle_id = $1 ORDER BY n.position`,
    [cycle.id],
  );
  const carried = rows.filter((r) => r.carried_from);
  assert.equal(rows.length, 6, JSON.stringify(await t.db.query(`SELECT status, attempts, last_error, payload FROM jobs WHERE type = 'compliance.cycle.open'`)));
  assert.equal(carried.length, 4, 'both r2 answers answered version 1; the requirement is now at version 2');
  assert.ok(rows.filter((r) => r.requirement_id === reqs.r2).every((r) => r.result === null && !r.carried_from));
  assert.ok(carried.every((r) => r.answered_at === null), 'pre-filled, to be confirmed');
  assert.equal(rows[0].answered_count, 0);
  assert.equal(rows.find((r) => r.requirement_id === reqs.r1)!.result, 'partial', 'the latest earlier answer is the one carried');
  const gaps = await completeness(nidaHead, (await t.db.query<{ id: string }>(`SELECT id FROM compliance_assessments WHERE cycle_id = $1`, [cycle.id]))[0].id);
  assert.equal(gaps.filter((g) => g.gap === 'carriedUnconfirmed').length, 4);
});

test('reminders: officers and heads of institutions with an open assessment are e-mailed 7 days before the date; evidence expiring in 30 days is announced', async () => {
  const today = todayInTanzania();
  const plus = (n: number) => new Date(Date.parse(`${today}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
  await t.db.query(`UPDATE compliance_cycles SET submission_due = $2, review_due = $3, challenge_until = $3 WHERE code = $1`, ['CY-2027', plus(7), plus(20)]);
  await addEvidence({ ...nidaOfficer, config: { ...nidaOfficer.config, dataDir: '/tmp/vw-asm-test' } }, { institutionId: ids.NIDA, title: 'Hosting contract', url: 'https://nida.go.tz/contract', expiresOn: plus(30) });
  await t.db.query('DELETE FROM mail_outbox');
  const r = await sendReminders(t.db, 'https://viwango.test', today);
  assert.equal(r.assessments, 1);
  assert.equal(r.evidence, 1);
  const mails = await t.db.query<{ to_address: string; subject: string; body_text: string }>('SELECT to_address, subject, body_text FROM mail_outbox ORDER BY id');
  const officerMail = mails.filter((m) => m.to_address === nidaOfficer.actor!.email);
  assert.equal(officerMail.length, 2);
  assert.match(officerMail[0].subject, /7 days to the submission date/);
  assert.match(officerMail[1].body_text, /Hosting contract/);
  assert.ok(mails.some((m) => m.to_address === nidaHead.actor!.email), 'the head too');
  assert.ok(!mails.some((m) => m.to_address === brelaOfficer.actor!.email), 'not other institutions');
  assert.equal((await sendReminders(t.db, 'https://viwango.test', plus(1))).mails, 0, 'not the day after');
});
