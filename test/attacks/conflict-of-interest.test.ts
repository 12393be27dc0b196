// Decision 0610: the conflict of interest belongs to the person, not to the token they act through.
// A person who is an authority reviewer and also works for NIDA may never review NIDA's records —
// through their personal tokens (refused with the ownInstitution message), and through a service
// token (which carries no authority grant at all, so the reviewing permission is already missing;
// the conflict rule itself still sees the NIDA grant, so it would hold if that ever changed).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createUser, actorFor } from '../../src/modules/identity/users.service.ts';
import { authenticateToken } from '../../src/modules/identity/tokens.service.ts';
import { sampleProposal } from '../../src/modules/reviews/demo.ts';
import { casePolicy, type CaseRecord } from '../../src/modules/reviews/access.ts';
import { findingPolicy, assessmentReviewPolicy } from '../../src/modules/compliance/oversight/access.ts';
import { institutionScoresPolicy } from '../../src/modules/compliance/scores/access.ts';
import { actsFor, decide } from '../../src/platform/auth/access.ts';
import { PdfWriter } from '../../src/platform/pdf/index.ts';
import { apiToken, createTestApp, institutionId, systemCtxOf, TEST_PASSWORD, type TestApp } from '../helpers.ts';

let t: TestApp;
before(async () => {
  t = await createTestApp();
});
after(() => t.close());

const OWN_INSTITUTION = 'You act for this institution, so you may not review its case.';

test('a reviewer who works for NIDA is refused reviewing NIDA’s case through every token, and the conflict rule sees the NIDA grant through any token', async () => {
  const ctx = systemCtxOf(t.db);
  const nidaStaff = await createUser(ctx, { email: 'staff.nida@coi.go.tz', name: 'NIDA staff', lang: 'en', roles: [{ role: 'institution_officer', institution: 'NIDA' }, { role: 'institution_head', institution: 'NIDA' }], password: TEST_PASSWORD });
  const both = await createUser(ctx, {
    email: 'reviewer.nida@coi.go.tz',
    name: 'Reviewer who works for NIDA',
    lang: 'en',
    roles: [{ role: 'authority_reviewer', institution: null }, { role: 'institution_head', institution: 'NIDA' }, { role: 'institution_head', institution: 'BRELA' }],
    password: TEST_PASSWORD,
  });
  const other = await createUser(ctx, { email: 'reviewer@coi.go.tz', name: 'Reviewer', lang: 'en', roles: [{ role: 'authority_reviewer', institution: null }], password: TEST_PASSWORD });
  const call = (token: string, method: 'GET' | 'POST', url: string, payload?: object, type?: string) =>
    t.app.inject({ method, url, headers: { authorization: `Bearer ${token}`, 'accept-language': 'en', ...(type ? { 'content-type': type } : {}) }, ...(payload ? { payload } : {}) });

  // NIDA submits a proposal.
  const staff = await apiToken(t.db, nidaStaff, 'write');
  const made = await call(staff, 'POST', '/api/v1/reviews/proposals', { institution: 'NIDA', ...sampleProposal({ title: 'Records system', systemName: 'Records', problem: 'Paper files', capabilities: ['ADM.REC'], capex: [100, 0, 0, 0, 0], opex: [10, 10, 10, 10, 10] }) });
  assert.equal(made.statusCode, 201, made.body);
  const caseId = (made.json() as { id: string }).id;
  for (const kind of ['concept_note', 'business_case', 'requirements']) {
    const pdf = Buffer.from(await (await PdfWriter.create({ title: kind, lang: 'en' })).heading(kind).bytes());
    const res = await call(staff, 'POST', `/api/v1/reviews/proposals/${caseId}/attachments?kind=${kind}`, pdf as unknown as object, 'application/pdf');
    assert.equal(res.statusCode, 200, res.body);
  }
  assert.equal((await call(staff, 'POST', `/api/v1/reviews/proposals/${caseId}/submit`, {})).statusCode, 200);

  // Through the personal write token: the conflict of interest, by name.
  const personal = await apiToken(t.db, both, 'write');
  const raised = await call(personal, 'POST', `/api/v1/reviews/proposals/${caseId}/deficiencies`, { text: 'A deficiency' });
  assert.equal(raised.statusCode, 403);
  assert.ok(raised.body.includes(OWN_INSTITUTION), raised.body);
  const decided = await call(personal, 'POST', `/api/v1/reviews/proposals/${caseId}/decision`, { outcome: 'approved', reasons: 'Fine' });
  assert.equal(decided.statusCode, 403);
  assert.ok(decided.body.includes(OWN_INSTITUTION), decided.body);
  // Through a read token, a NIDA service token and a BRELA service token: refused all the same.
  const tokens = [await apiToken(t.db, both, 'read'), await apiToken(t.db, both, 'write', await institutionId(t.db, 'NIDA')), await apiToken(t.db, both, 'write', await institutionId(t.db, 'BRELA'))];
  for (const token of tokens) {
    const res = await call(token, 'POST', `/api/v1/reviews/proposals/${caseId}/deficiencies`, { text: 'A deficiency' });
    assert.equal(res.statusCode, 403, res.body);
  }
  // A reviewer who does not work for NIDA may: the refusal above is the conflict, not the case's state.
  const fine = await call(await apiToken(t.db, other, 'write'), 'POST', `/api/v1/reviews/proposals/${caseId}/deficiencies`, { text: 'A deficiency' });
  assert.equal(fine.statusCode, 200, fine.body);

  // The rule itself, for each token: the person's NIDA grant counts even through the BRELA service token.
  const nida = await institutionId(t.db, 'NIDA');
  const record: CaseRecord = { institutionId: nida, stage: 'in_review', kind: 'project', outcome: null, liveSystemId: null, reviewerId: null };
  const actors = [await actorFor(t.db.orm, both, 'web')];
  for (const token of [personal, ...tokens]) {
    const a = await authenticateToken(t.db.orm, token);
    assert.ok(a.ok);
    actors.push(a.actor);
  }
  for (const actor of actors) {
    assert.equal(actsFor(actor, nida), true, `${actor.serviceInstitutionId ?? actor.tokenScope ?? 'session'}`);
    assert.equal(casePolicy.actions.review.refuse!(actor, record), 'reviews.refused.ownInstitution');
    assert.equal(findingPolicy.actions.decideChallenge.refuse!(actor, { institutionId: nida, status: 'challenged', challengeUntil: '2099-01-01', challengedBefore: true, poamStatus: null, today: '2026-01-01' }), 'compliance.refused.ownInstitution');
    assert.equal(assessmentReviewPolicy.actions.review.refuse!(actor, { institutionId: nida, status: 'signed_off', sampled: false }), 'compliance.refused.ownInstitution');
    assert.equal(institutionScoresPolicy.actions.publish.refuse!(actor, { institutionId: nida, cycleStatus: 'closed' }), 'compliance.refused.ownInstitution');
    assert.equal(decide(actor, casePolicy, 'review', record).ok, false);
  }
});
