// Oversight over real HTTP (app.inject): the pages as a reviewer and an institution's officer use
// them, in both languages and without JavaScript (plain form posts), and the JSON API with its
// refusals: a reviewer of their own institution (403 with the reason), another institution (404),
// a past deadline (422), a challenge after the window (409).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { apiToken, createTestApp, makeUser, signIn, TEST_PASSWORD, type Browser, type TestApp } from '../../../../test/helpers.ts';
import { systemCtxOf } from '../../../../test/helpers.ts';
import { complianceWorld, type ComplianceWorld } from '../../../../test/compliance-fixture.ts';
import { createUser } from '../../identity/index.ts';

let t: TestApp;
let w: ComplianceWorld;
let reviewer: Browser;
let officer: Browser;
let brelaOfficer: Browser;
let tokens: { reviewer: string; nida: string; brela: string; conflicted: string };

const day = (offset: number) => new Date(Date.now() + 3 * 3_600_000 + offset * 86_400_000).toISOString().slice(0, 10);
const call = (method: 'GET' | 'POST' | 'PUT', url: string, token: string, payload?: unknown) =>
  t.app.inject({ method, url, headers: { authorization: `Bearer ${token}`, 'accept-language': 'en' }, ...(payload !== undefined ? { payload: payload as object } : {}) });
const answersOf = (acronym: string) => t.db.query<{ id: string }>(`SELECT id FROM compliance_answers WHERE assessment_id = $1 ORDER BY position`, [w.assessments[acronym]]);

before(async () => {
  t = await createTestApp();
  w = await complianceWorld(t.db, { institutions: ['NIDA', 'BRELA', 'e-GA'], answers: 'mixed' });
  await t.db.query(`UPDATE compliance_assessments SET status = 'signed_off', signed_off_at = now()`);
  const rev = await makeUser(t.db, 'authority_reviewer');
  const nida = await makeUser(t.db, 'institution_officer', 'NIDA');
  const brela = await makeUser(t.db, 'institution_officer', 'BRELA');
  const conflicted = await createUser(systemCtxOf(t.db), { email: 'both@e-ga.go.tz', name: 'Reviewer at e-GA', lang: 'en', password: TEST_PASSWORD, roles: [{ role: 'authority_reviewer', institution: null }, { role: 'institution_officer', institution: 'e-GA' }] });
  reviewer = await signIn(t.app, rev);
  officer = await signIn(t.app, nida);
  brelaOfficer = await signIn(t.app, brela);
  tokens = { reviewer: await apiToken(t.db, rev), nida: await apiToken(t.db, nida), brela: await apiToken(t.db, brela), conflicted: await apiToken(t.db, conflicted) };
});
after(() => t.close());

test('the reviewer\'s pages without JavaScript: queue, review with a refused empty return, return with a comment, raise a finding', async () => {
  const queue = await reviewer.get('/compliance/reviews?lang=en');
  assert.equal(queue.statusCode, 200);
  assert.match(queue.body, new RegExp(`href="/compliance/assessments/${w.assessments.NIDA}/review"`));
  const url = `/compliance/assessments/${w.assessments.NIDA}/review`;
  const page = await reviewer.get(`${url}?lang=en&review=pending`);
  assert.equal(page.statusCode, 200);
  const [a1, a2] = await answersOf('NIDA');
  const empty = await reviewer.post(`${url}/answers/${a1.id}?lang=en`, { decision: 'return', comment: '', back: `${url}?review=pending` }, { csrfFrom: url });
  assert.equal(empty.statusCode, 422);
  assert.match(empty.body, /Say why the answer is returned/);
  assert.match(empty.body, new RegExp(`href="#comment-${a1.id}"`), 'the error summary links to the comment box');
  const ok = await reviewer.post(`${url}/answers/${a1.id}`, { decision: 'return', comment: 'Attach the register', back: `${url}?review=pending` }, { csrfFrom: url });
  assert.equal(ok.statusCode, 303);
  assert.equal(ok.headers.location, `${url}?review=pending&saved=1#a-${a1.id}`);
  assert.match((await reviewer.get(`${url}?lang=sw`)).body, /Imerudishwa kwa taasisi/);

  const form = await reviewer.get(`/compliance/findings/new?answer=${a2.id}&lang=en`);
  assert.equal(form.statusCode, 200);
  const bad = await reviewer.post(`/compliance/findings/new?answer=${a2.id}&lang=en`, { severity: 'high', dueOn: day(-3), description: 'x' }, { csrfFrom: `/compliance/findings/new?answer=${a2.id}` });
  assert.equal(bad.statusCode, 422);
  assert.match(bad.body, /The due date cannot be in the past/);
  const raised = await reviewer.post(`/compliance/findings/new?answer=${a2.id}`, { severity: 'high', dueOn: day(20), description: 'No security officer.' }, { csrfFrom: `/compliance/findings/new?answer=${a2.id}` });
  assert.equal(raised.statusCode, 303);
  const findingUrl = String(raised.headers.location).split('?')[0];

  // The officer sees it, challenges it through the page; the reviewer upholds it.
  const seen = await officer.get(`${findingUrl}?lang=en`);
  assert.equal(seen.statusCode, 200);
  assert.match(seen.body, /Challenge the finding/);
  const ch = await officer.post(`${findingUrl}/challenge`, { reason: 'Appointed in March.' }, { csrfFrom: findingUrl });
  assert.equal(ch.statusCode, 303);
  const decided = await reviewer.post(`${findingUrl}/decision`, { outcome: 'upheld', outcomeReason: 'No letter.' }, { csrfFrom: findingUrl });
  assert.equal(decided.statusCode, 303);
  const again = await officer.post(`${findingUrl}/challenge?lang=en`, { reason: 'Again' }, { csrfFrom: findingUrl });
  assert.equal(again.statusCode, 409);
  assert.match(again.body, /already been challenged once/);

  // A plan with milestones through the form.
  const planForm = await officer.get(`${findingUrl}/plan?lang=en`);
  assert.equal(planForm.statusCode, 200);
  const badPlan = await officer.post(`${findingUrl}/plan?lang=en`, { ownerName: 'Asha', plan: 'Appoint', 'm1-title': 'Letter', 'm1-planned': '2026-02-30' }, { csrfFrom: `${findingUrl}/plan` });
  assert.equal(badPlan.statusCode, 422);
  assert.match(badPlan.body, /href="#m1-planned"/);
  const saved = await officer.post(`${findingUrl}/plan`, { ownerName: 'Asha', plan: 'Appoint an officer', 'm1-title': 'Letter signed', 'm1-planned': day(10), 'm3-title': 'Officer trained', 'm3-planned': day(30) }, { csrfFrom: `${findingUrl}/plan` });
  assert.equal(saved.statusCode, 303);
  const detail = await officer.get(`${findingUrl}?lang=en`);
  assert.match(detail.body, /Letter signed[\s\S]*Officer trained/);
  assert.match(detail.body, /Plan drafted/);
  assert.equal((await t.app.inject({ method: 'GET', url: findingUrl, headers: { cookie: '' } })).statusCode, 302, 'signed-out visitors are sent to sign in');
});

test('API: the review, findings scoped to their institution, 403 for a reviewer of their own institution, 404 for another institution', async () => {
  const [e1] = await answersOf('e-GA');
  const own = await call('POST', `/api/v1/compliance/assessments/${w.assessments['e-GA']}/review/answers/${e1.id}`, tokens.conflicted, { decision: 'accept' });
  assert.equal(own.statusCode, 403);
  assert.match(own.body, /institution you work for/);
  const [b1] = await answersOf('BRELA');
  const accepted = await call('POST', `/api/v1/compliance/assessments/${w.assessments.BRELA}/review/answers/${b1.id}`, tokens.conflicted, { decision: 'accept' });
  assert.equal(accepted.statusCode, 200, accepted.body);
  assert.equal((accepted.json() as { answerStatus: string }).answerStatus, 'accepted');
  const list = await call('GET', `/api/v1/compliance/assessments/${w.assessments.BRELA}/review?review=accepted`, tokens.reviewer);
  assert.equal((list.json() as { answers: { total: number } }).answers.total, 1);
  assert.equal((await call('GET', `/api/v1/compliance/assessments/${w.assessments.BRELA}/review`, tokens.nida)).statusCode, 404);

  const raised = await call('POST', '/api/v1/compliance/findings', tokens.reviewer, { answerId: b1.id, severity: 'moderate', dueOn: day(15), description: 'Inventory incomplete.' });
  assert.equal(raised.statusCode, 201, raised.body);
  const f = raised.json() as { id: string; institution: string; plan: unknown };
  assert.equal(f.institution, 'BRELA');
  assert.equal((await call('GET', `/api/v1/compliance/findings/${f.id}`, tokens.nida)).statusCode, 404);
  assert.equal((await call('GET', `/api/v1/compliance/findings/${f.id}`, tokens.brela)).statusCode, 200);
  const nidaList = (await call('GET', '/api/v1/compliance/findings', tokens.nida)).json() as { items: { institution: string }[] };
  assert.ok(nidaList.items.every((i) => i.institution === 'NIDA'));

  const plan = await call('PUT', `/api/v1/compliance/findings/${f.id}/plan`, tokens.brela, { ownerName: 'Juma', plan: 'Complete it', milestones: [{ title: 'Count', plannedOn: day(5) }] });
  assert.equal(plan.statusCode, 200, plan.body);
  assert.equal((plan.json() as { plan: { status: string; history: unknown[] } }).plan.status, 'draft');
  assert.equal((await call('POST', `/api/v1/compliance/findings/${f.id}/plan/complete`, tokens.brela, {})).statusCode, 409);
  assert.equal((await call('POST', `/api/v1/compliance/findings/${f.id}/plan/submit`, tokens.brela, {})).statusCode, 200);

  // After the challenge window, a challenge is refused with the reason.
  await t.db.query(`UPDATE compliance_cycles SET submission_due = $2, review_due = $2, challenge_until = $2 WHERE id = $1`, [w.cycleId, day(-1)]);
  const late = await call('POST', `/api/v1/compliance/findings/${f.id}/challenge`, tokens.brela, { reason: 'Late' });
  assert.equal(late.statusCode, 409);
  assert.match(late.body, /challenge window of this cycle has closed/);
});

test('API: directives — a past deadline refused in both languages, targets by sector, status reported only for one\'s own institution', async () => {
  const past = await call('POST', '/api/v1/compliance/directives', tokens.reviewer, { code: 'DIR-1', titleSw: 'Agizo', titleEn: 'Directive', deadline: day(-1), sectors: ['local government'] });
  assert.equal(past.statusCode, 422);
  assert.match(past.body, /deadline cannot be in the past/);
  const sw = await t.app.inject({ method: 'POST', url: '/api/v1/compliance/directives', headers: { authorization: `Bearer ${tokens.reviewer}`, 'accept-language': 'sw' }, payload: { code: 'DIR-1', titleSw: 'Agizo', titleEn: 'Directive', deadline: day(-1), sectors: ['local government'] } });
  assert.match(sw.body, /Tarehe ya mwisho haiwezi kuwa iliyopita/);
  const ok = await call('POST', '/api/v1/compliance/directives', tokens.reviewer, { code: 'DIR-1', titleSw: 'Agizo', titleEn: 'Directive', deadline: day(10), institutions: ['NIDA', 'BRELA'] });
  assert.equal(ok.statusCode, 201, ok.body);
  const d = ok.json() as { id: string; targets: { total: number } };
  assert.equal(d.targets.total, 2);
  assert.equal((await call('PUT', `/api/v1/compliance/directives/${d.id}/status`, tokens.nida, { institution: 'BRELA', status: 'done' })).statusCode, 404);
  const done = await call('PUT', `/api/v1/compliance/directives/${d.id}/status`, tokens.nida, { institution: 'NIDA', status: 'done', note: 'Connected' });
  assert.equal(done.statusCode, 200, done.body);
  const mine = (await call('GET', `/api/v1/compliance/directives/${d.id}`, tokens.nida)).json() as { targets: { items: { institution: string }[] } };
  assert.deepEqual(mine.targets.items.map((i) => i.institution), ['NIDA'], 'an institution sees only its own row');
  const page = await officer.get(`/compliance/directives/${d.id}?lang=en`);
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /Your institution&#39;s status|Your institution's status/);
  const list = await reviewer.get('/compliance/directives?lang=sw');
  assert.match(list.body, /Taasisi 1 kati ya 2 zimekamilisha/);
  assert.equal((await reviewer.get('/compliance/directives/new?lang=en')).statusCode, 200);
  assert.equal((await reviewer.get('/compliance/reviews/sample?lang=en')).statusCode, 200);
});

test('text people write (finding, challenge, plan, directive, review comment) is shown escaped on every page', async () => {
  const payload = '<img src=x onerror=xss(1)><script>xss(2)</script>';
  await t.db.query(`UPDATE compliance_cycles SET submission_due = $2, review_due = $3, challenge_until = $4 WHERE id = $1`, [w.cycleId, day(30), day(45), day(60)]);
  const [, , a3] = await answersOf('BRELA');
  await call('POST', `/api/v1/compliance/assessments/${w.assessments.BRELA}/review/answers/${a3.id}`, tokens.reviewer, { decision: 'return', comment: payload });
  const f = (await call('POST', '/api/v1/compliance/findings', tokens.reviewer, { answerId: a3.id, severity: 'low', dueOn: day(15), description: payload })).json() as { id: string };
  assert.equal((await call('POST', `/api/v1/compliance/findings/${f.id}/challenge`, tokens.brela, { reason: payload })).statusCode, 200);
  assert.equal((await call('PUT', `/api/v1/compliance/findings/${f.id}/plan`, tokens.brela, { ownerName: payload, plan: payload, milestones: [{ title: payload, plannedOn: day(5) }] })).statusCode, 200);
  const d = (await call('POST', '/api/v1/compliance/directives', tokens.reviewer, { code: 'DIR-XSS', titleSw: payload, titleEn: payload, bodyEn: payload, deadline: day(10), institutions: ['BRELA'] })).json() as { id: string };
  for (const url of [`/compliance/findings/${f.id}`, `/compliance/assessments/${w.assessments.BRELA}/review`, `/compliance/directives/${d.id}`, '/compliance/directives', '/compliance/findings']) {
    const body = (await reviewer.get(`${url}?lang=en`)).body;
    assert.doesNotMatch(body, /<img src=x|<script>xss/, url);
  }
  assert.match((await reviewer.get(`/compliance/findings/${f.id}`)).body, /&lt;img src=x/);
});

test('evidence uploaded on the plan\'s progress form (for a milestone) and on the directive report: listed with a download link, 404 for another institution, a wrong file type refused with the message and nothing saved', async () => {
  const pdf = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
  const script = { name: 'report.pdf', type: 'application/pdf', bytes: Buffer.from('#!/bin/sh\nrm -rf /\n') };
  const wrongType = /Evidence must be a PDF, Word \(DOCX\), Excel \(XLSX\), PNG or JPEG file/;
  const evidenceCount = async () => (await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM compliance_evidence'))[0]!.n;
  const downloadLink = (html: string, title: string) => html.match(new RegExp(`href="(/compliance/evidence/[0-9a-f-]+/download)">${title}<`))?.[1];

  // A finding on NIDA with a plan of two milestones.
  const [, , a3] = await answersOf('NIDA');
  const raised = await call('POST', '/api/v1/compliance/findings', tokens.reviewer, { answerId: a3.id, severity: 'moderate', dueOn: day(20), description: 'Backups never restored.' });
  assert.equal(raised.statusCode, 201, raised.body);
  const findingUrl = `/compliance/findings/${(raised.json() as { id: string }).id}`;
  const planned = await call('PUT', `/api/v1/compliance/findings/${(raised.json() as { id: string }).id}/plan`, tokens.nida, { ownerName: 'Neema', plan: 'Test the backups', milestones: [{ title: 'Restore drill', plannedOn: day(5) }, { title: 'Drill report', plannedOn: day(10) }] });
  assert.equal(planned.statusCode, 200, planned.body);
  const revision = String((planned.json() as { plan: { revision: number } }).plan.revision);
  const form = { revision, ownerName: 'Neema', plan: 'Test the backups', 'm1-title': 'Restore drill', 'm1-planned': day(5), 'm1-actual': day(0), 'm2-title': 'Drill report', 'm2-planned': day(10), evidenceMilestone: '1', expiresOn: '' };

  // A script named .pdf: refused with the message in the page's language; neither the evidence nor the progress is saved.
  const before = await evidenceCount();
  const bad = await officer.postMultipart(`${findingUrl}/plan?lang=en`, { ...form, title: 'Drill log' }, script, { csrfFrom: `${findingUrl}/plan` });
  assert.equal(bad.statusCode, 422);
  assert.match(bad.body, wrongType);
  assert.match(bad.body, /href="#file"/, 'the error summary points at the file field');
  const badSw = await officer.postMultipart(`${findingUrl}/plan?lang=sw`, { ...form, title: 'Drill log' }, script, { csrfFrom: `${findingUrl}/plan` });
  assert.equal(badSw.statusCode, 422);
  assert.match(badSw.body, /Ushahidi lazima uwe faili la PDF, Word \(DOCX\), Excel \(XLSX\), PNG au JPEG/);
  assert.equal(await evidenceCount(), before);
  const [m1] = await t.db.query<{ actual_on: string | null }>(`SELECT m.actual_on FROM compliance_milestones m JOIN compliance_poam_items p ON p.id = m.poam_id JOIN compliance_findings f ON f.id = p.finding_id WHERE f.answer_id = $1 AND m.position = 1`, [a3.id]);
  assert.equal(m1!.actual_on, null, 'the milestone\'s progress was not saved either');

  // A PDF for milestone 1, with the milestone's progress, in one save.
  const [{ seq }] = await t.db.query<{ seq: string }>('SELECT coalesce(max(seq), 0)::text AS seq FROM audit_log');
  const good = await officer.postMultipart(`${findingUrl}/plan?lang=en`, { ...form, title: 'Restore drill log' }, { name: 'drill.pdf', type: 'application/pdf', bytes: pdf }, { csrfFrom: `${findingUrl}/plan` });
  assert.equal(good.statusCode, 303, good.body.slice(0, 800));
  assert.equal(await evidenceCount(), before + 1);
  const page = await officer.get(`${findingUrl}?lang=en`);
  assert.match(page.body, /Milestone 1: Restore drill — <a class="govuk-link" href="\/compliance\/evidence\/[0-9a-f-]+\/download">Restore drill log</);
  assert.match(page.body, /Evidence attached for milestone 1: Restore drill log/);
  const planLink = downloadLink(page.body, 'Restore drill log')!;
  const dl = await officer.get(planLink);
  assert.equal(dl.statusCode, 200);
  assert.equal(dl.headers['content-type'], 'application/pdf');
  assert.deepEqual(dl.rawPayload, pdf);
  assert.equal((await brelaOfficer.get(planLink)).statusCode, 404, 'another institution cannot download it');
  assert.equal((await brelaOfficer.get(findingUrl)).statusCode, 404);
  assert.ok(downloadLink((await reviewer.get(`${findingUrl}?lang=en`)).body, 'Restore drill log'), 'the reviewer sees it with its link');
  const actions = (await t.db.query<{ action: string }>(`SELECT action FROM audit_log WHERE action IN ('compliance.evidence.add', 'compliance.poam.evidence', 'compliance.poam.update') AND seq > $1 ORDER BY seq`, [seq])).map((r) => r.action);
  assert.deepEqual(actions, ['compliance.poam.update', 'compliance.evidence.add', 'compliance.poam.evidence']);

  // A directive to NIDA and BRELA; NIDA reports progress with a file.
  const issued = await call('POST', '/api/v1/compliance/directives', tokens.reviewer, { code: 'DIR-EVIDENCE', titleSw: 'Agizo la ushahidi', titleEn: 'Evidence directive', deadline: day(10), institutions: ['NIDA', 'BRELA'] });
  assert.equal(issued.statusCode, 201, issued.body);
  const dUrl = `/compliance/directives/${(issued.json() as { id: string }).id}`;
  const refused = await officer.postMultipart(`${dUrl}/status?institution=NIDA&lang=en`, { status: 'done', note: 'Connected', title: 'ESB certificate', expiresOn: '' }, script, { csrfFrom: dUrl });
  assert.equal(refused.statusCode, 422);
  assert.match(refused.body, wrongType);
  assert.equal(await evidenceCount(), before + 1);
  const [target] = await t.db.query<{ status: string }>(`SELECT t.status FROM compliance_directive_targets t JOIN institutions i ON i.id = t.institution_id WHERE t.directive_id = $1 AND i.acronym = 'NIDA'`, [(issued.json() as { id: string }).id]);
  assert.equal(target!.status, 'pending', 'the refused report changed nothing');
  const reported = await officer.postMultipart(`${dUrl}/status?institution=NIDA&lang=en`, { status: 'in_progress', note: 'Half connected', title: 'ESB certificate', expiresOn: day(300) }, { name: 'esb.pdf', type: 'application/pdf', bytes: pdf }, { csrfFrom: dUrl });
  assert.equal(reported.statusCode, 303, reported.body.slice(0, 800));
  const dPage = await officer.get(`${dUrl}?lang=en`);
  const reportLink = downloadLink(dPage.body, 'ESB certificate')!;
  assert.ok(reportLink, 'the report\'s evidence is listed with a download link');
  assert.equal((await officer.get(reportLink)).statusCode, 200);
  assert.equal((await brelaOfficer.get(reportLink)).statusCode, 404, 'another institution cannot download it');
  assert.equal(downloadLink((await brelaOfficer.get(`${dUrl}?lang=en`)).body, 'ESB certificate'), undefined, 'nor sees it on the directive');
  assert.equal(downloadLink((await reviewer.get(`${dUrl}?lang=en`)).body, 'ESB certificate'), reportLink, 'the authority sees it in the targets table');
});

/** The values of every id attribute in a page, in order. */
const idsIn = (html: string) => [...html.matchAll(/\sid="([^"]*)"/g)].map((m) => m[1]!);
const duplicates = (xs: string[]) => [...new Set(xs.filter((x, i) => xs.indexOf(x) !== i))];

test('a person with grants in two institutions gets one report form per institution on a directive, with no id twice and every label bound to its own field; a refused report shows its errors in its own form', async () => {
  const two = await createUser(systemCtxOf(t.db), { email: 'two@nida.go.tz', name: 'Officer of NIDA and BRELA', lang: 'en', password: TEST_PASSWORD, roles: [{ role: 'institution_officer', institution: 'NIDA' }, { role: 'institution_officer', institution: 'BRELA' }] });
  const b = await signIn(t.app, two);
  const issued = await call('POST', '/api/v1/compliance/directives', tokens.reviewer, { code: 'DIR-TWO', titleSw: 'Agizo la taasisi mbili', titleEn: 'Two institutions', deadline: day(10), institutions: ['NIDA', 'BRELA'] });
  assert.equal(issued.statusCode, 201, issued.body);
  const url = `/compliance/directives/${(issued.json() as { id: string }).id}`;
  const { NIDA: nida, BRELA: brela } = w.institutionIds;

  const page = await b.get(`${url}?lang=en`);
  assert.equal(page.statusCode, 200);
  assert.equal((page.body.match(/<form [^>]*action="[^"]*\/status\?institution=/g) ?? []).length, 2, 'a report form for each institution');
  const ids = idsIn(page.body);
  assert.deepEqual(duplicates(ids), []);
  for (const name of ['status', 'note', 'title', 'expiresOn', 'url', 'file']) for (const inst of [nida, brela]) assert.ok(ids.includes(`${name}-${inst}`), `${name}-${inst}`);
  const unbound = [...page.body.matchAll(/<label [^>]*for="([^"]*)"/g)].map((m) => m[1]!).filter((f) => !ids.includes(f));
  assert.deepEqual(unbound, [], 'every label names a field on the page');

  // BRELA's report with a status no one offers: the page again, in Swahili, the error in BRELA's form only.
  const bad = await b.postMultipart(`${url}/status?institution=BRELA&lang=sw`, { status: 'finished', note: 'Karibu tayari', title: '', expiresOn: '' }, undefined, { csrfFrom: url });
  assert.equal(bad.statusCode, 422);
  assert.match(bad.body, /Chagua hali\./);
  assert.match(bad.body, new RegExp(`href="#status-${brela}"`), 'the error summary links to BRELA\'s status field');
  assert.match(bad.body, new RegExp(`id="status-${brela}-error"`));
  assert.match(bad.body, new RegExp(`<select [^>]*id="status-${brela}" name="status" aria-describedby="status-${brela}-error"`), 'the field is described by its own error');
  assert.doesNotMatch(bad.body, new RegExp(`id="status-${nida}-error"`), 'NIDA\'s form shows no error');
  assert.equal((bad.body.match(/Karibu tayari/g) ?? []).length, 1, 'the note typed comes back in BRELA\'s form only');
  assert.deepEqual(duplicates(idsIn(bad.body)), []);

  // The same form url-encoded (no file field): taken as well.
  const good = await b.post(`${url}/status?institution=BRELA`, { status: 'done', note: 'Connected' }, { csrfFrom: url });
  assert.equal(good.statusCode, 303, good.body.slice(0, 500));
  const rows = await t.db.query<{ acronym: string; status: string }>(`SELECT i.acronym, t.status FROM compliance_directive_targets t JOIN institutions i ON i.id = t.institution_id WHERE t.directive_id = $1 ORDER BY i.acronym`, [(issued.json() as { id: string }).id]);
  assert.deepEqual(rows, [{ acronym: 'BRELA', status: 'done' }, { acronym: 'NIDA', status: 'pending' }]);
});

test('forms with a group of checkboxes: a directive to two institution types, refused and kept in Swahili, then issued; an on-site sample chosen by hand', async () => {
  const form = '/compliance/directives/new';
  const fields = { code: 'DIR-TYPES', titleSw: 'Agizo kwa aina', titleEn: 'By type', bodySw: '', bodyEn: '', requirement: '', institutions: '' };
  const late = await reviewer.post(`${form}?lang=sw`, { ...fields, deadline: day(-2), institutionTypes: ['ministry', 'executive_agency'] }, { csrfFrom: form });
  assert.equal(late.statusCode, 422);
  assert.match(late.body, /Tarehe ya mwisho haiwezi kuwa iliyopita/);
  assert.match(late.body, /value="ministry" checked/);
  assert.match(late.body, /value="executive_agency" checked/);
  const ok = await reviewer.post(form, { ...fields, deadline: day(20), institutionTypes: ['ministry', 'executive_agency'] }, { csrfFrom: form });
  assert.equal(ok.statusCode, 303, ok.body.slice(0, 500));
  const id = String(ok.headers.location).match(/directives\/([0-9a-f-]{36})\?issued=\d+$/)![1];
  const types = await t.db.query<{ type: string }>(`SELECT DISTINCT i.type FROM compliance_directive_targets t JOIN institutions i ON i.id = t.institution_id WHERE t.directive_id = $1 ORDER BY i.type`, [id]);
  assert.deepEqual(types.map((r) => r.type), ['executive_agency', 'ministry']);

  const sample = `/compliance/reviews/sample?cycle=${w.cycleId}`;
  const chosen = await reviewer.post(sample, { mode: 'hand', institutions: [w.institutionIds.NIDA!, w.institutionIds.BRELA!] }, { csrfFrom: sample });
  assert.equal(chosen.statusCode, 303, chosen.body.slice(0, 500));
  const sampled = await t.db.query<{ id: string }>(`SELECT institution_id AS id FROM compliance_assessments WHERE cycle_id = $1 AND sampled ORDER BY institution_id`, [w.cycleId]);
  assert.deepEqual(sampled.map((r) => r.id), [w.institutionIds.NIDA!, w.institutionIds.BRELA!].sort());
});
