// Requirements on a real database: an edition coming into force proposes candidates, authors decide
// them (others may not), a revision's preview lists what changes and who is affected, and applying it
// carries answers to unchanged requirements over, retires removed ones without deleting anything, and
// tells the affected institutions.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestDb, ctxAs, makeUser, testConfig, type TestDb } from '../../../../test/helpers.ts';
import { complianceWorld, type ComplianceWorld } from '../../../../test/compliance-fixture.ts';
import type { Ctx } from '../../../platform/context.ts';
import { AppError } from '../../../platform/http/errors.ts';
import { verifyAudit } from '../../../platform/audit.ts';
import { runJobsNow } from '../../../platform/jobs/index.ts';
import { loadLibraryReference } from '../../library/seed.ts';
import { createEdition, transition } from '../../library/editions.service.ts';
import { confirmUnchanged, decideCandidate, proposeRequirements } from './revisions.service.ts';
import { applyRevision } from './apply-revision.service.ts';
import { listRequirements, previewRevision, requirementView, revisionView } from './queries.ts';
import { loadRequirementsDemo } from './demo.ts';
import { tanzaniaDate } from '../../../platform/calendar.ts';

let t: TestDb;
let world: ComplianceWorld;
let author: Ctx;
let approver: Ctx;
const today = () => tanzaniaDate();
const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

const rejects = async (p: Promise<unknown>, status: number, key?: string) => {
  await assert.rejects(p, (e: unknown) => {
    assert.ok(e instanceof AppError, String(e));
    assert.equal(e.status, status, `${e.key} ${JSON.stringify(e.fields)}`);
    if (key) assert.ok(e.key === key || Object.values(e.fields ?? {}).includes(key as never), `expected ${key}, got ${e.key} ${JSON.stringify(e.fields)}`);
    return true;
  });
};

before(async () => {
  t = await createTestDb();
  await loadLibraryReference(t.db);
  world = await complianceWorld(t.db, { institutions: ['NIDA', 'TRA'], answers: 'all' });
  author = await ctxAs(t.db, await makeUser(t.db, 'issuer_author', 'e-GA'));
  approver = await ctxAs(t.db, await makeUser(t.db, 'issuer_approver', 'e-GA'));
  await makeUser(t.db, 'institution_officer', 'NIDA', { email: 'officer@nida.go.tz', lang: 'sw' });
  await makeUser(t.db, 'institution_head', 'TRA', { email: 'head@tra.go.tz', lang: 'en' });
});
after(() => t.close());

/** Publishes edition 2.0 of the fixture standard: clause 1 as it was, clause 2 reworded, clause 3 gone, a new clause and a scope sentence. */
async function publishRevisedEdition(): Promise<string> {
  const { edition } = await createEdition(author, { documentId: world.documentId, version: '2.0', changeSummary: 'Security officer and deputy; encryption moved to the data standard.' });
  const [old] = await t.db.query<{ content: { id: string; headingSw: string; headingEn: string; clauses: { id: string; textSw: string; textEn: string }[] }[] }>(`SELECT content FROM library_editions WHERE id = $1`, [world.editionId]);
  const s = old.content[0];
  const [c1, c2, , c4, c5] = s.clauses;
  const content = [
    { ...s, clauses: [c1, { ...c2, textEn: 'The institution shall appoint an ICT security officer and a deputy.', textSw: 'Taasisi lazima imteue afisa wa usalama wa TEHAMA na msaidizi wake.' }, c4, c5, { id: 'c6', textEn: 'The institution shall publish its ICT strategy.', textSw: 'Taasisi itahakikisha inachapisha mkakati wake wa TEHAMA.' }] },
    { id: 's2', headingSw: 'Wigo', headingEn: 'Scope', clauses: [{ id: 'c7', textEn: 'This standard applies to all public institutions.', textSw: 'Kiwango hiki kinahusu taasisi zote za umma.' }] },
  ];
  // Written straight in, so the fixture's short clause ids are kept as a new edition keeps them.
  await t.db.query(`UPDATE library_editions SET content = $2 WHERE id = $1`, [edition.id, JSON.stringify(content)]);
  await transition(author, { editionId: edition.id, action: 'submit' });
  await transition(approver, { editionId: edition.id, action: 'approve' });
  await transition(approver, { editionId: edition.id, action: 'publish' });
  return edition.id;
}

let revisionId = '';
let editionId = '';
const candidateBy = async (ref: string) => (await revisionView(author, revisionId, { pageSize: 500 })).candidates.find((c) => c.ref === ref)!;
const currentRevision = async () => (await revisionView(author, revisionId)).revision.revision;

test('publishing a level-2 edition proposes candidates clause by clause, compared with the current requirements', async () => {
  editionId = await publishRevisedEdition();
  const [job] = await t.db.query<{ type: string; payload: { editionId: string } }>(`SELECT type, payload FROM jobs WHERE type = 'compliance.requirements.propose'`);
  assert.equal(job.payload.editionId, editionId, 'publishing queued the proposal');
  await runJobsNow(t.db, { until: 'idle' });
  const [rev] = await t.db.query<{ id: string; previous_edition_id: string; status: string }>(`SELECT id, previous_edition_id, status FROM compliance_revisions WHERE edition_id = $1`, [editionId]);
  assert.equal(rev.status, 'open');
  assert.equal(rev.previous_edition_id, world.editionId);
  revisionId = rev.id;
  const v = await revisionView(author, revisionId, { pageSize: 500 });
  const code = world.documentCode;
  assert.deepEqual(
    v.candidates.map((c) => [c.ref, c.change, c.obligation, c.appliesTo]),
    [
      [`${code} §1.1`, 'unchanged', 'mandatory', 'institution'],
      [`${code} §1.2`, 'changed', 'mandatory', 'institution'],
      [`${code} §1.4`, 'unchanged', 'recommended', 'system'],
      [`${code} §1.5`, 'unchanged', 'recommended', 'institution'],
      // The new clause is 1.5 now; that ref belongs to a requirement, so it gets its own.
      [`${code} §1.5 (2)`, 'added', 'mandatory', 'institution'],
      [`${code} §2.1`, 'added', null, 'institution'],
      [`${code} §1.3`, 'removed', 'mandatory', 'system'],
    ],
  );
  const added = v.candidates.find((c) => c.clauseId === 'c6')!;
  assert.equal(added.textSw, 'Taasisi itahakikisha inachapisha mkakati wake wa TEHAMA.');
  assert.equal(added.groupCode, 'SA', 'group from the document');
  assert.equal(added.clauseNumber, '1.5');
  // Proposing again (the job re-run, or an author) finds the same revision.
  const again = await proposeRequirements(author, { editionId });
  assert.equal(again.created, false);
  assert.equal(again.revision.id, revisionId);
});

test('only authors of the issuing body decide; officers and other issuers do not see revisions; reviewers read but may not decide', async () => {
  const c = await candidateBy(`${world.documentCode} §1.1`);
  const rev = await currentRevision();
  const officer = await ctxAs(t.db, await makeUser(t.db, 'institution_officer', 'NIDA'));
  const moh = await ctxAs(t.db, await makeUser(t.db, 'issuer_author', 'MoH'));
  const reviewer = await ctxAs(t.db, await makeUser(t.db, 'authority_reviewer'));
  const input = { revisionId, candidateId: c.id, revision: rev, decision: 'confirm' as const };
  await rejects(decideCandidate(officer, input), 404);
  await rejects(decideCandidate(moh, input), 404);
  await rejects(revisionView(moh, revisionId), 404);
  await rejects(decideCandidate(reviewer, input), 403);
  assert.equal((await revisionView(reviewer, revisionId)).revision.id, revisionId, 'the authority reads revisions');
  await rejects(proposeRequirements(officer, { editionId }), 403);
  assert.equal((await currentRevision()), rev, 'nothing was decided');
});

test('confirm with edits, reject with a reason, a stale decision gives 409, nothing becomes a requirement before applying', async () => {
  const code = world.documentCode;
  const noObligation = await candidateBy(`${code} §2.1`);
  let rev = await currentRevision();
  await rejects(decideCandidate(author, { revisionId, candidateId: noObligation.id, revision: rev, decision: 'confirm' }), 422, 'compliance.req.field.obligation');
  await rejects(decideCandidate(author, { revisionId, candidateId: noObligation.id, revision: rev, decision: 'reject', reason: '' }), 422, 'compliance.req.field.reason');
  const r1 = await decideCandidate(author, { revisionId, candidateId: noObligation.id, revision: rev, decision: 'reject', reason: 'States the scope; not a requirement.' });
  assert.equal(r1.revision, rev + 1);
  // The same page, submitted again with the old revision number, is refused and says which revision is current.
  const added = await candidateBy(`${code} §1.5 (2)`);
  await assert.rejects(decideCandidate(author, { revisionId, candidateId: added.id, revision: rev, decision: 'confirm' }), (e: AppError) => e.status === 409 && (e.extra?.current as { revision: number }).revision === rev + 1);
  rev = r1.revision;
  const r2 = await decideCandidate(author, {
    revisionId,
    candidateId: added.id,
    revision: rev,
    decision: 'confirm',
    edits: { textEn: 'The institution shall publish its ICT strategy on its website.', appliesTo: 'institution', conditions: { institutionTypes: ['ministry', 'executive_agency'], sectors: [' Health '], system: {} } },
  });
  assert.equal(r2.candidate.decision, 'confirmed');
  assert.equal(r2.candidate.textEn, 'The institution shall publish its ICT strategy on its website.');
  assert.deepEqual(r2.candidate.conditions, { institutionTypes: ['ministry', 'executive_agency'], sectors: ['Health'] });
  await rejects(decideCandidate(author, { revisionId, candidateId: added.id, revision: r2.revision, decision: 'confirm', edits: { conditions: { institutionTypes: ['castle'] } } }), 422, 'compliance.req.field.conditions');
  const removed = await candidateBy(`${code} §1.3`);
  await rejects(decideCandidate(author, { revisionId, candidateId: removed.id, revision: r2.revision, decision: 'reject', reason: 'Keep it' }), 409, 'compliance.req.error.removedReject');
  const listed = await listRequirements(author, { document: code });
  assert.ok(!listed.items.some((r) => r.ref.endsWith('(2)')), 'a confirmed candidate is not a requirement yet');
  // Applying while candidates are undecided is refused.
  await rejects(applyRevision(author, { revisionId, revision: r2.revision, transitionDeadline: inDays(90) }), 409, 'compliance.req.error.undecidedApply');
});

test('the preview shows the buckets with a word diff, and who is affected: institutions, open assessments, findings, directives, level-3 documents', async () => {
  const code = world.documentCode;
  const [c2, c3] = [world.requirementIds[1], world.requirementIds[2]];
  const nida = world.institutionIds.NIDA;
  await t.db.query(
    `INSERT INTO compliance_findings (assessment_id, institution_id, cycle_id, requirement_id, severity, description, due_on) VALUES ($1, $2, $3, $4, 'high', 'No security officer', current_date + 30)`,
    [world.assessments.NIDA, nida, world.cycleId, c2],
  );
  const [d] = await t.db.query<{ id: string }>(`INSERT INTO compliance_directives (code, title_sw, title_en, deadline, requirement_id) VALUES ('DIR-ENC', 'Simba data', 'Encrypt data', current_date + 60, $1) RETURNING id`, [c3]);
  await t.db.query(`INSERT INTO compliance_directive_targets (directive_id, institution_id) VALUES ($1, $2)`, [d.id, nida]);
  await t.db.query(`INSERT INTO library_links (document_id, target_id) SELECT id, $1 FROM library_documents WHERE code = 'LOCAL-TPL-AUP'`, [world.documentId]);

  let rev = await currentRevision();
  rev = (await decideCandidate(author, { revisionId, candidateId: (await candidateBy(`${code} §1.2`)).id, revision: rev, decision: 'confirm' })).revision;
  rev = (await decideCandidate(author, { revisionId, candidateId: (await candidateBy(`${code} §1.3`)).id, revision: rev, decision: 'confirm' })).revision;
  const bulk = await confirmUnchanged(author, { revisionId, revision: rev });
  assert.equal(bulk.confirmed, 3);

  const p = await previewRevision(author, { revisionId });
  const refs = (o: keyof typeof p.buckets) => p.buckets[o].map((i) => i.ref);
  assert.deepEqual(refs('unchanged'), [`${code} §1.1`, `${code} §1.4`, `${code} §1.5`]);
  assert.deepEqual(refs('changed'), [`${code} §1.2`]);
  assert.deepEqual(refs('added'), [`${code} §1.5 (2)`]);
  assert.deepEqual(refs('retired'), [`${code} §1.3`]);
  assert.deepEqual(refs('skipped'), [`${code} §2.1`]);
  assert.deepEqual(refs('undecided'), []);
  const diff = p.buckets.changed[0].diff!;
  assert.deepEqual(diff.en.filter((x) => x.added).map((x) => x.value.trim()), ['and a deputy']);
  assert.ok(diff.sw.some((x) => x.added && x.value.includes('msaidizi')));
  assert.deepEqual(p.affected.institutions.map((i) => i.acronym), ['NIDA', 'TRA']);
  assert.deepEqual(p.affected.assessments.map((a) => a.institution), ['NIDA', 'TRA']);
  assert.deepEqual(p.affected.findings.map((f) => [f.institution, f.ref]), [['NIDA', `${code} §1.2`]]);
  assert.deepEqual(p.affected.directives.map((x) => [x.code, x.institutions]), [['DIR-ENC', 1]]);
  assert.deepEqual(p.affected.documents.map((x) => x.code), ['LOCAL-TPL-AUP']);
});

test('applying: one transaction; unchanged answers carry over, changed ones are asked again, retired requirements keep their answers but stop counting; notices go out', async () => {
  const [r1, r2, r3] = world.requirementIds;
  const a = world.assessments.NIDA;
  const before = await t.db.query<{ id: string; requirement_id: string; result: string | null }>(`SELECT id, requirement_id, result FROM compliance_answers WHERE assessment_id = $1`, [a]);
  const [{ question_count: q0 }] = await t.db.query<{ question_count: number }>(`SELECT question_count FROM compliance_assessments WHERE id = $1`, [a]);
  const rev = await currentRevision();
  await rejects(applyRevision(author, { revisionId, revision: rev, transitionDeadline: '2020-01-01' }), 422, 'compliance.req.field.deadlinePast');
  await rejects(applyRevision(author, { revisionId, revision: rev - 1, transitionDeadline: inDays(90) }), 409, 'compliance.req.conflict');
  const mailsBefore = (await t.db.query(`SELECT 1 FROM mail_outbox`)).length;
  const summary = await applyRevision(author, { revisionId, revision: rev, transitionDeadline: inDays(90) });
  assert.deepEqual({ ...summary, answersReset: undefined, notices: undefined }, { added: 1, changed: 1, unchanged: 3, retired: 1, answersReset: undefined, assessmentsUpdated: 2, institutionsNotified: 2, notices: undefined });
  assert.equal(summary.answersReset, 2, "NIDA's and TRA's answer to the changed requirement");

  const after = await t.db.query<{ id: string; requirement_id: string; result: string | null; requirement_version: number }>(`SELECT id, requirement_id, result, requirement_version FROM compliance_answers WHERE assessment_id = $1`, [a]);
  assert.deepEqual(after.map((x) => x.id).sort(), before.map((x) => x.id).sort(), 'no answer was deleted or added');
  const ans = (rid: string) => after.filter((x) => x.requirement_id === rid);
  assert.ok(ans(r1).every((x) => x.result === 'compliant' && x.requirement_version === 1), 'unchanged: the answer stays');
  assert.ok(ans(r2).every((x) => x.result === null && x.requirement_version === 2), 'changed: asked again, of version 2');
  assert.ok(ans(r3).every((x) => x.result === 'compliant'), 'retired: the answer is left in place');
  const [asmt] = await t.db.query<{ question_count: number; answered_count: number }>(`SELECT question_count, answered_count FROM compliance_assessments WHERE id = $1`, [a]);
  assert.equal(asmt.question_count, q0 - ans(r3).length, 'answers to a retired requirement are no longer counted');
  assert.equal(asmt.answered_count, asmt.question_count - ans(r2).length);

  // The requirement keeps its id and ref; its history has both versions.
  const v2 = await requirementView(author, r2);
  assert.equal(v2.requirement.version, 2);
  assert.equal(v2.requirement.ref, `${world.documentCode} §1.2`);
  assert.equal(v2.requirement.editionVersion, '2.0');
  assert.deepEqual(v2.versions.map((v) => [v.version, v.editionVersion]), [[2, '2.0'], [1, '1.0']]);
  assert.match(v2.versions[0].textEn, /and a deputy/);
  // Unchanged: moved to the new edition, same version.
  const v1 = await requirementView(author, r1);
  assert.equal(v1.requirement.editionVersion, '2.0');
  assert.equal(v1.requirement.version, 1);
  // Removed: retired, never deleted.
  const v3 = await requirementView(author, r3);
  assert.equal(v3.requirement.status, 'retired');
  assert.ok(v3.requirement.retiredAt);
  assert.deepEqual((await listRequirements(author, { document: world.documentCode, status: 'retired' })).items.map((r) => r.id), [r3]);
  const added = (await listRequirements(author, { document: world.documentCode })).items.find((r) => r.ref.endsWith('(2)'))!;
  assert.equal(added.textEn, 'The institution shall publish its ICT strategy on its website.');
  assert.deepEqual(added.conditions.institutionTypes, ['ministry', 'executive_agency']);

  const mails = await t.db.query<{ to_address: string; subject: string; body_text: string }>(`SELECT to_address, subject, body_text FROM mail_outbox ORDER BY id OFFSET $1`, [mailsBefore]);
  const nida = mails.find((m) => m.to_address === 'officer@nida.go.tz')!;
  assert.match(nida.subject, /Matakwa yamebadilika/);
  assert.ok(nida.body_text.includes(inDays(90)), 'the notice carries the deadline');
  assert.match(mails.find((m) => m.to_address === 'head@tra.go.tz')!.body_text, /by \d{4}-\d{2}-\d{2}/);

  const [r] = await t.db.query<{ status: string; transition_deadline: string }>(`SELECT status, to_char(transition_deadline, 'YYYY-MM-DD') AS transition_deadline FROM compliance_revisions WHERE id = $1`, [revisionId]);
  assert.deepEqual(r, { status: 'applied', transition_deadline: inDays(90) });
  const [entry] = await t.db.query<{ summary: { changed: number } }>(`SELECT summary FROM audit_log WHERE action = 'compliance.revision.apply'`);
  assert.equal(entry.summary.changed, 1);
  await rejects(applyRevision(author, { revisionId, revision: rev + 1, transitionDeadline: inDays(90) }), 409, 'compliance.req.error.notOpen');
  assert.equal((await verifyAudit(t.db)).ok, true);
  assert.ok(today() <= inDays(90));
});

test('a manual proposal for an edition already in force; not for level-3 documents or editions not in force', async () => {
  const [isa] = await t.db.query<{ id: string }>(`SELECT e.id FROM library_editions e JOIN library_documents d ON d.id = e.document_id WHERE d.code = 'eGA/EXT/ISA/001' AND e.status = 'in_force'`);
  const { revision, created } = await proposeRequirements(author, { editionId: isa.id });
  assert.equal(created, true);
  const v = await revisionView(author, revision.id, { pageSize: 500 });
  assert.ok(v.candidates.length >= 4 && v.candidates.every((c) => c.change === 'added'));
  assert.ok(v.candidates.some((c) => c.obligation === 'mandatory' && /^eGA\/EXT\/ISA\/001 §3\.\d$/.test(c.ref)));
  const [tpl] = await t.db.query<{ id: string }>(`SELECT e.id FROM library_editions e JOIN library_documents d ON d.id = e.document_id WHERE d.code = 'LOCAL-TPL-AUP'`);
  if (tpl) await rejects(proposeRequirements(author, { editionId: tpl.id }), 409, 'compliance.req.error.level');
  await rejects(proposeRequirements(author, { editionId: world.editionId }), 409, 'compliance.req.error.notInForce');
  await rejects(proposeRequirements(author, { editionId: 'not-a-uuid' }), 404);
});

test('the demo loader makes requirements from e-GA\'s standards in force through the same commands, once', async () => {
  await makeUser(t.db, 'issuer_author', 'e-GA', { email: 'author.ega@demo.test' });
  const first = await loadRequirementsDemo(t.db, testConfig(), { domain: 'demo.test' });
  assert.ok(first.revisions >= 3, `${first.revisions} revisions`);
  assert.equal(first.requirements, first.revisions * 3, 'the sample text of each standard has three clauses with "shall"');
  const open = await t.db.query(`SELECT 1 FROM compliance_revisions WHERE status = 'open'`);
  assert.equal(open.length, 1, 'only the ISA revision proposed by hand above stays open');
  assert.deepEqual(await loadRequirementsDemo(t.db, testConfig(), { domain: 'demo.test' }), { revisions: 0, requirements: 0 });
});
