// Reviews on the real database through the API: a NIDA proposal for a records system is refused
// while incomplete, submitted by the head, screened against the portfolio (e-Office and two other
// institutions' records systems), reviewed (checklist, deficiencies, clarification with the clock
// stopped), decided with a condition, its letter produced in both languages, and registered in the
// portfolio with its lineage once live. Scoping: other institutions get 404, auditors read all, a
// reviewer who acts for the institution is refused.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { apiToken, createTestApp, ctxAs, institutionId, makeUser, type TestApp } from '../../../test/helpers.ts';
import { loadPortfolioDemo } from '../portfolio/index.ts';
import type { User } from '../identity/index.ts';
import { addAttachment } from './cases.service.ts';
import { sampleProposal } from './demo.ts';
import { runSla } from './sla.ts';
import { PdfWriter } from '../../platform/pdf/index.ts';
import { fileStore } from '../../platform/files/index.ts';
import fs from 'node:fs';

let t: TestApp;
let officer: User;
let head: User;
let reviewerUser: User;
const tok: Record<string, string> = {};
before(async () => {
  t = await createTestApp({ dataDir: `/tmp/viwango-reviews-test-${process.pid}` });
  await loadPortfolioDemo(t.db, t.config);
  officer = await makeUser(t.db, 'institution_officer', 'NIDA');
  head = await makeUser(t.db, 'institution_head', 'NIDA');
  reviewerUser = await makeUser(t.db, 'authority_reviewer');
  tok.officer = await apiToken(t.db, officer, 'write');
  tok.head = await apiToken(t.db, head, 'write');
  tok.reviewer = await apiToken(t.db, reviewerUser, 'write');
  tok.brela = await apiToken(t.db, await makeUser(t.db, 'institution_officer', 'BRELA'), 'write');
  tok.auditor = await apiToken(t.db, await makeUser(t.db, 'auditor'), 'read');
});
after(() => t.close());

const call = (method: 'GET' | 'POST' | 'PUT', url: string, token?: string, payload?: unknown, lang = 'en') =>
  t.app.inject({ method, url, headers: token ? { authorization: `Bearer ${token}`, 'accept-language': lang } : { 'accept-language': lang }, ...(payload !== undefined ? { payload: payload as object } : {}) });

type CaseJson = {
  id: string; stage: string; revision: number; missing: string[]; screening: { overlaps: { institution: string; code: string; name: string; shared: boolean; score: number; reasons: string[] }[]; sharedCoverage: unknown[] } | null;
  deficiencies: { id: string; status: string }[]; clock: { due: string | null; stopped: boolean }; conditions: { id: string; status: string; text: string }[]; decision: { outcome: string } | null; liveSystemId: string | null;
  valueForMoney: { tco: number; sharedAlternative: number | null; score: number } | null;
};

async function pdfBytes(title: string) {
  const w = await PdfWriter.create({ title, lang: 'en' });
  return w.heading(title).bytes();
}

const records = sampleProposal({ title: 'Electronic records management system', systemName: 'Electronic Records and Document Management System', problem: 'Keep letters, memos, files and documents electronically instead of on paper.', capabilities: ['ADM.REC'], capex: [400_000_000, 50_000_000, 0, 0, 0], opex: [20_000_000, 30_000_000, 30_000_000, 30_000_000, 30_000_000] });

test('a proposal end to end: completeness, head-only submission, screening, review, decision with a condition, letters, lineage', async () => {
  // Costs that do not add up are refused with the field named, nothing stored.
  const bad = await call('POST', '/api/v1/reviews/proposals', tok.officer, { institution: 'NIDA', ...records, capexTotal: 1 });
  assert.equal(bad.statusCode, 422, bad.body);
  assert.deepEqual((bad.json() as { errors: { field: string }[] }).errors.map((e) => e.field), ['capexTotal']);

  const created = await call('POST', '/api/v1/reviews/proposals', tok.officer, { institution: 'NIDA', ...records });
  assert.equal(created.statusCode, 201, created.body);
  const c = created.json() as CaseJson;
  assert.deepEqual(c.missing, ['Attachment: the concept note', 'Attachment: the business case', 'Attachment: the requirements']);

  const ctx = await ctxAs(t.db, officer);
  for (const kind of ['concept_note', 'requirements']) await addAttachment(ctx, { caseId: c.id, kind, fileName: `${kind}.pdf`, bytes: await pdfBytes(kind) });

  // The officer may not submit; the head is refused with what is missing, in the caller's language.
  assert.equal((await call('POST', `/api/v1/reviews/proposals/${c.id}/submit`, tok.officer, {})).statusCode, 403);
  const incomplete = await call('POST', `/api/v1/reviews/proposals/${c.id}/submit`, tok.head, {}, 'sw');
  assert.equal(incomplete.statusCode, 422);
  assert.match(incomplete.body, /uchambuzi wa kibiashara/);
  // The business case through the API, as the raw body; a file that is not a PDF, Word or Excel file is refused.
  const notPdf = await t.app.inject({ method: 'POST', url: `/api/v1/reviews/proposals/${c.id}/attachments?kind=business_case&filename=bc.pdf`, headers: { authorization: `Bearer ${tok.officer}`, 'content-type': 'application/pdf' }, payload: Buffer.from('hello, not a pdf') });
  assert.equal(notPdf.statusCode, 422);
  const other = await t.app.inject({ method: 'POST', url: `/api/v1/reviews/proposals/${c.id}/attachments?kind=business_case&filename=bc.pdf`, headers: { authorization: `Bearer ${tok.brela}`, 'content-type': 'application/pdf' }, payload: Buffer.from(await pdfBytes('bc')) });
  assert.equal(other.statusCode, 404, 'another institution cannot attach');
  const up = await t.app.inject({ method: 'POST', url: `/api/v1/reviews/proposals/${c.id}/attachments?kind=business_case&filename=business-case.pdf`, headers: { authorization: `Bearer ${tok.officer}`, 'content-type': 'application/pdf' }, payload: Buffer.from(await pdfBytes('bc')) });
  assert.equal(up.statusCode, 200, up.body);
  const submitted = await call('POST', `/api/v1/reviews/proposals/${c.id}/submit`, tok.head, {});
  assert.equal(submitted.statusCode, 200, submitted.body);
  const s = submitted.json() as CaseJson;
  assert.equal(s.stage, 'submitted');
  assert.ok(s.clock.due, 'the clock started');

  // The screening names e-Office (shared) and the records systems of TCU and NECTA, with reasons.
  const one = (await call('GET', `/api/v1/reviews/proposals/${c.id}`, tok.reviewer)).json() as CaseJson;
  const overlaps = one.screening!.overlaps;

  assert.ok(overlaps.some((o) => o.shared && /office/i.test(`${o.code} ${o.name}`)), JSON.stringify(overlaps.map((o) => o.name)));
  const others = new Set(overlaps.filter((o) => !o.shared).map((o) => o.institution));
  assert.ok(others.has('TCU') && others.has('NECTA'), [...others].join(','));
  for (const o of overlaps) assert.ok(o.reasons.length > 0 && o.score > 0);
  assert.ok(one.valueForMoney!.sharedAlternative! < one.valueForMoney!.tco);

  // Once submitted the institution cannot edit it.
  assert.equal((await call('PUT', `/api/v1/reviews/proposals/${c.id}`, tok.officer, { ...records, revision: one.revision })).statusCode, 409);

  // Review: ratings, two deficiencies, a clarification that stops the clock.
  const rated = await call('POST', `/api/v1/reviews/proposals/${c.id}/ratings`, tok.reviewer, { ratings: [{ criterion: 'reuse', rating: 'red' }] });
  assert.equal(rated.statusCode, 422, 'a red rating needs its comment');
  assert.equal((await call('POST', `/api/v1/reviews/proposals/${c.id}/ratings`, tok.reviewer, { ratings: [{ criterion: 'reuse', rating: 'red', comment: 'e-Office does this.' }, { criterion: 'strategic_alignment', rating: 'green' }] })).statusCode, 200);
  for (const text of ['Why not e-Office?', 'Show the data migration plan.']) assert.equal((await call('POST', `/api/v1/reviews/proposals/${c.id}/deficiencies`, tok.reviewer, { text })).statusCode, 200);
  const asked = (await call('POST', `/api/v1/reviews/proposals/${c.id}/clarification`, tok.reviewer, { text: 'Who funds year 2?' })).json() as CaseJson;
  assert.equal(asked.stage, 'clarification');
  assert.equal(asked.clock.due, null);
  // The case is with the institution: the reviewer cannot decide now.
  assert.equal((await call('POST', `/api/v1/reviews/proposals/${c.id}/decision`, tok.reviewer, { outcome: 'approved', reasons: 'x' })).statusCode, 409);
  const back = (await call('POST', `/api/v1/reviews/proposals/${c.id}/clarification/answer`, tok.officer, { text: 'The development budget.' })).json() as CaseJson;
  assert.equal(back.stage, 'in_review');
  assert.ok(back.clock.due);
  for (const d of back.deficiencies) assert.equal((await call('POST', `/api/v1/reviews/deficiencies/${d.id}/answer`, tok.officer, { text: 'Answered.' })).statusCode, 200);
  const answered = (await call('GET', `/api/v1/reviews/proposals/${c.id}`, tok.reviewer)).json() as CaseJson;
  assert.deepEqual(answered.deficiencies.map((d) => d.status), ['answered', 'answered']);

  // A decision without reasons is refused; with reasons and a condition it is recorded and e-mailed.
  const noReasons = await call('POST', `/api/v1/reviews/proposals/${c.id}/decision`, tok.reviewer, { outcome: 'approved', reasons: '' });
  assert.equal(noReasons.statusCode, 422);
  assert.match(noReasons.body, /without reasons/);
  const decided = await call('POST', `/api/v1/reviews/proposals/${c.id}/decision`, tok.reviewer, { outcome: 'approved_with_conditions', reasons: 'Approved as an extension of e-Office.', conditions: [{ text: 'Use the shared e-Office.' }] });
  assert.equal(decided.statusCode, 200, decided.body);
  const d = decided.json() as CaseJson;
  const mail = await t.db.query<{ to_address: string; body_text: string; attachments: { filename: string; sha256: string }[] }>('SELECT to_address, body_text, attachments FROM mail_outbox WHERE subject LIKE $1', ['%Electronic records management system%']);
  const told = mail.find((m) => m.to_address === officer.email && /decision\.pdf\?lang=sw/.test(m.body_text));
  assert.ok(told, 'the institution is told, with links to the letters');
  assert.match(told.body_text, /: Approved with conditions\./, 'the outcome in words, not its code');
  // The letters travel with the e-mail, in both languages, the same bytes the API serves.
  assert.deepEqual(told.attachments.map((a) => a.filename.slice(-7)), ['-sw.pdf', '-en.pdf']);
  for (const a of told.attachments) {
    const stored = fs.readFileSync(fileStore(t.config.dataDir).pathOf(a.sha256));
    const lang = a.filename.slice(-6, -4);
    const served = await call('GET', `/api/v1/reviews/proposals/${c.id}/decision.pdf?lang=${lang}`, tok.officer);
    assert.deepEqual(stored, served.rawPayload, `the ${lang} letter sent is the letter served`);
  }

  for (const lang of ['sw', 'en']) {
    const pdf = await call('GET', `/api/v1/reviews/proposals/${c.id}/decision.pdf?lang=${lang}`, tok.officer);
    assert.equal(pdf.statusCode, 200);
    assert.equal(pdf.headers['content-type'], 'application/pdf');
    assert.equal(pdf.rawPayload.subarray(0, 5).toString(), '%PDF-');
  }

  // A condition is closed only on evidence.
  const k = d.conditions[0];
  const noEvidence = await call('POST', `/api/v1/reviews/conditions/${k.id}/close`, tok.reviewer, {});
  assert.equal(noEvidence.statusCode, 422);
  assert.equal((await call('POST', `/api/v1/reviews/conditions/${k.id}/report`, tok.officer, { evidence: 'Module built on e-Office; see the handover note.' })).statusCode, 200);
  const closed = (await call('POST', `/api/v1/reviews/conditions/${k.id}/close`, tok.reviewer, {})).json() as CaseJson;
  assert.equal(closed.conditions[0].status, 'closed');

  // Live: the project becomes a portfolio system whose origin is the proposal.
  const live = (await call('POST', `/api/v1/reviews/proposals/${c.id}/live`, tok.officer, { code: 'RMS-EXT' })).json() as CaseJson;
  assert.ok(live.liveSystemId);
  const [sys] = await t.db.query<{ origin_proposal_id: string; name: string }>('SELECT origin_proposal_id, name FROM portfolio_systems WHERE id = $1', [live.liveSystemId]);
  assert.equal(sys.origin_proposal_id, c.id);
  assert.equal((await call('POST', `/api/v1/reviews/proposals/${c.id}/live`, tok.officer, { code: 'RMS-2' })).statusCode, 409, 'only once');

  const audit = await t.db.query<{ action: string }>("SELECT action FROM audit_log WHERE entity_id = $1 ORDER BY seq", [c.id]);
  for (const a of ['reviews.proposal.create', 'reviews.case.submit', 'reviews.case.rate', 'reviews.clarification.request', 'reviews.case.decide', 'reviews.case.live']) assert.ok(audit.some((x) => x.action === a), a);
});

test('institutions see only their own cases, auditors read all; a reviewer acting for the institution is refused', async () => {
  const created = (await call('POST', '/api/v1/reviews/proposals', tok.officer, { institution: 'NIDA', title: 'Scoping probe' })).json() as CaseJson;
  assert.equal((await call('GET', `/api/v1/reviews/proposals/${created.id}`, tok.brela)).statusCode, 404);
  assert.ok(!((await call('GET', '/api/v1/reviews/proposals', tok.brela)).json() as { items: { id: string }[] }).items.some((i) => i.id === created.id));
  assert.ok(((await call('GET', '/api/v1/reviews/proposals', tok.auditor)).json() as { items: { id: string }[] }).items.some((i) => i.id === created.id));
  assert.equal((await call('GET', `/api/v1/reviews/proposals/${created.id}`, tok.auditor)).statusCode, 200);
  assert.equal((await call('POST', '/api/v1/reviews/proposals', tok.brela, { institution: 'NIDA', title: 'Not mine' })).statusCode, 403);

  // A reviewer who is also NIDA's officer may not review NIDA's case, nor be assigned to it.
  const both = await makeUser(t.db, 'authority_reviewer');
  await t.db.query("INSERT INTO role_grants (user_id, role, institution_id) VALUES ($1, 'institution_officer', $2)", [both.id, await institutionId(t.db, 'NIDA')]);
  const full = (await call('POST', '/api/v1/reviews/proposals', tok.officer, { institution: 'NIDA', ...records, title: 'Conflict probe' })).json() as CaseJson;
  const ctx = await ctxAs(t.db, officer);
  for (const kind of ['concept_note', 'business_case', 'requirements']) await addAttachment(ctx, { caseId: full.id, kind, fileName: `${kind}.pdf`, bytes: await pdfBytes(kind) });
  assert.equal((await call('POST', `/api/v1/reviews/proposals/${full.id}/submit`, tok.head, {})).statusCode, 200);
  const conflicted = await apiToken(t.db, both, 'write');
  const refused = await call('POST', `/api/v1/reviews/proposals/${full.id}/deficiencies`, conflicted, { text: 'x' });
  assert.equal(refused.statusCode, 403);
  assert.match(refused.body, /act for this institution/);
  const assign = await call('POST', `/api/v1/reviews/proposals/${full.id}/assign`, tok.reviewer, { reviewerId: both.id });
  assert.equal(assign.statusCode, 403);
  assert.match(assign.body, /acts for the submitting institution/);
});

test('the hourly job reminds before the deadline and escalates once after it', async () => {
  const rows = await t.db.query<{ id: string; due_on: string }>("SELECT id, due_on::text FROM review_cases WHERE stage IN ('submitted', 'in_review') AND due_on IS NOT NULL");
  assert.ok(rows.length > 0);
  const due = rows[0].due_on;
  const after = new Date(Date.parse(`${due}T00:00:00Z`) + 3 * 86_400_000).toISOString().slice(0, 10);
  const first = await runSla(t.db, t.config, after);
  assert.ok(first.escalated >= 1);
  const again = await runSla(t.db, t.config, after);
  assert.equal(again.escalated, 0, 'once');
});

test('an institutional ICT document: clause comments, documents to implement, advice, and the revised edition shows what changed since', async () => {
  const ctx = await ctxAs(t.db, officer);
  const { createDocumentReview } = await import('./cases.service.ts');
  const { commentClause, decideCase } = await import('./review.service.ts');
  const { caseView } = await import('./queries.ts');
  const text = '1 Purpose. This policy guides ICT at NIDA.\n2 Hosting. Systems may be hosted anywhere.\n3 Passwords shall be changed every 90 days.';
  const doc = await createDocumentReview(ctx, { institutionId: await institutionId(t.db, 'NIDA'), title: 'NIDA ICT Policy', docKind: 'policy', text });
  assert.equal((await call('POST', `/api/v1/reviews/proposals/${doc.id}/submit`, tok.head, {})).statusCode, 200);
  const rctx = await ctxAs(t.db, reviewerUser);
  await commentClause(rctx, { id: doc.id, clauseNumber: '2', comment: 'Government systems are hosted in the Government Data Centre.' });
  const [lib] = await t.db.query<{ id: string }>("SELECT id FROM library_documents WHERE level IN (1, 2) ORDER BY code LIMIT 1");
  await decideCase(rctx, { id: doc.id, outcome: 'approved_with_conditions', reasons: 'Align clause 2 with the hosting standard.', conditions: [{ text: 'Revise clause 2.' }], advice: 'Revise clause 2 and cite the hosting standard.', implements: lib ? [lib.id] : [] });
  const advised = await caseView(rctx, doc.id);
  assert.equal(advised.comments[0].clauseNumber, '2');
  assert.equal(advised.document!.advice, 'Revise clause 2 and cite the hosting standard.');
  if (lib) assert.equal(advised.implementsDocs.length, 1);

  const revised = await createDocumentReview(ctx, { institutionId: await institutionId(t.db, 'NIDA'), title: 'NIDA ICT Policy (revised)', docKind: 'policy', previousId: doc.id, text: text.replace('may be hosted anywhere', 'shall be hosted in the Government Data Centre') });
  const v = await caseView(ctx, revised.id);
  assert.equal(v.previous?.id, doc.id);
  assert.equal(v.sinceAdvice?.length, 1, 'one clause changed');
  assert.ok(v.sinceAdvice![0].parts.some((p) => p.added && /Government Data Centre/.test(p.value)));
});
