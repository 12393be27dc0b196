// Compliance oversight from end to end in Chromium, one chained journey on one database:
//  1. an e-GA author, without JavaScript, confirms requirements proposed from a published standard
//     (confirming from the list, editing the scope of one, rejecting the rest, in both languages),
//     previews and applies the revision; a visitor reads the requirements;
//  2. an authority reviewer creates a cycle for NIDA and TANESCO and opens it (a background job whose
//     progress the cycle page shows);
//  3. NIDA's officer, without JavaScript, answers with a plain form, adds evidence, fills the
//     downloaded spreadsheet offline and uploads it; NIDA's head signs off in Kiswahili;
//  4. the reviewer returns one answer and raises a finding on another; the officer (Kiswahili, no
//     JavaScript) challenges it; the reviewer upholds it; the officer submits a remediation plan with
//     milestones, records them done and completes it; the reviewer closes it;
//  5. the reviewer closes the cycle from the national dashboard; the heatmap, the league table, NIDA's
//     view, the standard's page, NIDA's PDF report and NIDA's published summary show the frozen
//     scores, worked out below from what NIDA answered;
//  6. a second cycle carries NIDA's answers over; a revised edition of the standard changes one clause:
//     its preview lists NIDA as affected, and applying it keeps the unchanged answers and clears the
//     changed one.
// A second test issues a directive that NIDA reports on without JavaScript. Every page is checked
// with axe-core, in the language it is read in.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { readSheet } from 'read-excel-file/node';
import writeXlsxFile from 'write-excel-file/node';
import { startE2E, assertAccessible, mainText, type E2E } from './support.ts';
import { ctxAs, makeUser, testConfig } from '../helpers.ts';
import { runJobsNow } from '../../src/platform/jobs/index.ts';
import { loadLibraryReference } from '../../src/modules/library/seed.ts';
import { createEdition, transition } from '../../src/modules/library/editions.service.ts';
import { loadPortfolioDemo } from '../../src/modules/portfolio/demo.ts';

let e: E2E;
before(async () => {
  e = await startE2E({ dataDir: `/tmp/vw-e2e-journey-${process.pid}` });
  await loadLibraryReference(e.db);
  await loadPortfolioDemo(e.db, testConfig());
});
after(async () => {
  await e?.close();
});

const ISA = 'eGA/EXT/ISA/001';
const clean = assertAccessible;
const main = mainText;
/** Dates in Tanzania (UTC+3), `days` from today. */
const day = (days: number) => new Date(Date.now() + 3 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);
const runJobs = () => runJobsNow(e.db, { config: testConfig(), until: 'idle' });

/**
 * axe needs JavaScript, so a page used without it is checked by opening the same address, with the
 * same session, in a second context that has JavaScript.
 */
let checker: Page | undefined;
async function cleanNoJs(page: Page, where: string) {
  checker ??= await e.newPage(true);
  await checker.context().clearCookies();
  await checker.context().addCookies(await page.context().cookies());
  await checker.goto(page.url());
  await clean(checker, where);
}

test('compliance from a published standard to frozen scores and a revised edition, in both languages', async () => {
  // ── 1. Requirements: the e-GA author, without JavaScript ────────────────────────────────────
  const author = await makeUser(e.db, 'issuer_author', 'e-GA');
  const p = await e.newPage(false);
  await e.signIn(p, author, 'en');

  // Propose from the security standard, in force before requirements were kept.
  await p.goto(`${e.base}/compliance/revisions?lang=en`);
  await cleanNoJs(p, 'revisions list');
  const isa = await p.locator('#editionId option', { hasText: `${ISA} ` }).first().getAttribute('value');
  await p.getByLabel('Edition in force').selectOption(isa!);
  await p.getByRole('button', { name: 'Propose requirements' }).click();
  await p.waitForURL(/\/compliance\/revisions\/[0-9a-f-]{36}$/);
  const revisionUrl = p.url().split('?')[0];
  const text = await main(p);
  assert.match(text, /Requirements from eGA\/EXT\/ISA\/001/);
  assert.match(text, /eGA\/EXT\/ISA\/001 §3\.1/);
  assert.match(text, /No obligation found/, 'the sample sentences have no obligation');
  await cleanNoJs(p, 'revision page');

  // Confirm §3.1 straight from the list.
  await p.getByRole('button', { name: `Confirm ${ISA} §3.1` }).click();
  await p.waitForURL(/#candidates$/);
  assert.match(await p.locator('#candidates tr', { hasText: '§3.1' }).innerText(), /Confirmed/);

  // Review §3.3: it is about systems; narrow it to public-facing systems in government hosting.
  await p.getByRole('link', { name: `Review and edit ${ISA} §3.3` }).click();
  await cleanNoJs(p, 'candidate page');
  await p.getByLabel('Applies to', { exact: true }).selectOption('system');
  await p.getByLabel('System is public-facing').selectOption('yes');
  await p.getByLabel('Government Data Centre').check();
  await p.getByRole('button', { name: 'Confirm this requirement' }).click();
  await p.waitForURL(/#candidates$/);
  assert.match(await p.locator('#candidates tr', { hasText: '§3.3' }).innerText(), /Confirmed/);

  // Rejecting without a reason is refused with a clear message, in Kiswahili.
  await p.locator('#candidates tr', { hasText: '§1.1' }).getByRole('link', { name: /Review and edit/ }).click();
  await p.goto(`${p.url()}?lang=sw`);
  await p.getByRole('button', { name: 'Kataa' }).click();
  assert.match(await main(p), /Toa sababu ya angalau herufi 3/);
  await p.getByLabel('Sababu').fill('Ni maelezo ya sampuli, si takwa.');
  await p.getByRole('button', { name: 'Kataa' }).click();
  await p.waitForURL(/#candidates$/);

  // The remaining sentences are not requirements either, except §3.2 which is confirmed.
  await decideTheRest(p, revisionUrl, '§3.2');

  // Preview, then apply with a transition deadline.
  await p.goto(`${revisionUrl}?lang=en`);
  await p.getByRole('button', { name: 'Preview and apply' }).click();
  const preview = await main(p);
  assert.match(preview, /Added \(3\)/);
  assert.match(preview, /Rejected clauses \(not requirements\)/);
  await cleanNoJs(p, 'preview page');
  await p.getByLabel('Transition deadline').fill(day(60));
  await p.getByRole('button', { name: 'Apply the revision' }).click();
  await p.waitForURL(/applied=1/);
  assert.match(await main(p), /Revision applied: 3 added, 0 changed, 0 unchanged, 0 retired/);
  await cleanNoJs(p, 'preview after apply');

  // A visitor reads the requirements in both languages.
  const v = await e.newPage();
  await v.goto(`${e.base}/compliance/requirements?lang=en&document=${encodeURIComponent(ISA)}`);
  const en = await main(v);
  assert.match(en, /Showing 1 to 3 of 3/);
  assert.match(en, /Each public institution shall name an ICT officer/);
  await clean(v, 'requirements catalogue en');
  await v.goto(`${e.base}/compliance/requirements?lang=sw&document=${encodeURIComponent(ISA)}&applies_to=system`);
  const sw = await main(v);
  assert.match(sw, /Usalama wa taarifa utazingatiwa/);
  assert.match(sw, /Kila mfumo/);
  await clean(v, 'requirements catalogue sw');
  await v.getByRole('link', { name: `${ISA} §3.3` }).click();
  const one = await main(v);
  assert.match(one, /Mfumo unatumiwa na umma: Ndiyo/);
  assert.match(one, /Kituo cha Data cha Serikali|Government Data Centre/);
  await clean(v, 'requirement page sw');

  // ── 2. The authority creates and opens the cycle ─────────────────────────────────────────────
  const reviewer = await makeUser(e.db, 'authority_reviewer');
  const r = await e.newPage();
  await e.signIn(r, reviewer, 'en');
  await r.goto(`${e.base}/compliance/cycles?lang=en`);
  await clean(r, 'cycle list');
  await r.getByRole('button', { name: 'New assessment cycle' }).click();
  await clean(r, 'new cycle form');
  await r.fill('#code', 'ICT-2026');
  await r.fill('#nameSw', 'Tathmini ya TEHAMA 2026');
  await r.fill('#nameEn', 'ICT assessment 2026');
  await r.getByLabel(/eGA\/EXT\/ISA\/001/).check();
  await r.fill('#institutions', 'NIDA, TANESCO');
  await r.fill('#submissionDue', day(-3));
  await r.fill('#reviewDue', day(20));
  await r.fill('#challengeUntil', day(30));
  await r.getByRole('button', { name: 'Create the cycle' }).click();
  assert.match(await main(r), /The submission date may not be in the past/);
  await clean(r, 'new cycle form with errors');
  await r.fill('#submissionDue', day(10));
  await r.getByRole('button', { name: 'Create the cycle' }).click();
  await r.waitForURL(/\/compliance\/cycles\/[0-9a-f-]{36}$/);
  const cycleUrl = r.url();
  await r.getByRole('button', { name: 'Open the cycle' }).click();
  await r.waitForURL(/\/compliance\/cycles\/[0-9a-f-]{36}$/);
  assert.match(await main(r), /Creating the assessments/);
  await clean(r, 'cycle page while opening');
  await runJobs();
  await r.reload();
  assert.match(await main(r), /NIDA/);
  assert.match(await main(r), /TANESCO/);
  await clean(r, 'cycle page when open');
  const [{ id: assessmentId }] = await e.db.query<{ id: string }>(
    `SELECT a.id FROM compliance_assessments a JOIN compliance_cycles c ON c.id = a.cycle_id JOIN institutions i ON i.id = a.institution_id
     WHERE c.code = 'ICT-2026' AND i.acronym = 'NIDA'`,
  );
  const cycleId = cycleUrl.split('/').pop()!;

  // ── 3. NIDA's officer answers, without JavaScript ────────────────────────────────────────────
  const officer = await makeUser(e.db, 'institution_officer', 'NIDA');
  const o = await e.newPage(false);
  await e.signIn(o, officer, 'en');
  await o.goto(`${e.base}/compliance/institutions/NIDA?lang=en`);
  await cleanNoJs(o, 'institution compliance page');
  await o.getByRole('link', { name: 'ICT-2026' }).click();
  await o.waitForURL(new RegExp(`/compliance/assessments/${assessmentId}`));
  await cleanNoJs(o, 'questionnaire');
  const questions = o.locator('section.vw-question');
  const questionCount = await questions.count();
  // §3.1 and §3.2 for the institution; §3.3 for NIDS, NIDA's one public-facing system in the Government Data Centre.
  assert.equal(questionCount, 3);
  const first = questions.first();
  await first.getByLabel('Compliant', { exact: true }).check();
  await first.getByLabel('Comment').fill('ICT officer named in the staff establishment.');
  await first.getByRole('button', { name: /Save answer/ }).click();
  await o.waitForURL(/saved=1/);
  assert.match(await main(o), /Your answer was saved/);
  assert.match(await main(o), new RegExp(`1 of ${questionCount} answered`));

  // Evidence on the second question.
  await questions.nth(1).getByRole('link', { name: /Evidence and assignment/ }).click();
  await cleanNoJs(o, 'answer page');
  await o.fill('#title', 'Register of implementation records');
  await o.setInputFiles('#file', { name: 'records.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n') });
  await o.getByRole('button', { name: 'Add evidence', exact: true }).click();
  await o.waitForURL(/done=1/);
  assert.match(await main(o), /Register of implementation records/);
  await cleanNoJs(o, 'answer page with evidence');

  // The spreadsheet: download, fill offline (§3.2 partly, NIDS compliant), upload.
  const xlsx = await o.context().request.get(`${e.base}/compliance/assessments/${assessmentId}/questionnaire.xlsx?lang=en`);
  assert.equal(xlsx.status(), 200);
  const rows = (await readSheet(await xlsx.body())) as unknown as (string | null)[][];
  assert.equal(rows.length, 1 + questionCount);
  const offline: Record<number, string> = { 2: 'Partly compliant', 3: 'Compliant' };
  const filled = rows.map((row, i) => (offline[i] ? [row[0], row[1], row[2], row[3], row[4], offline[i], '', 'Filled offline', ''] : row));
  const bytes = await writeXlsxFile(filled.map((row) => row.map((v) => ({ value: v ?? '' }))), {}).toBuffer();
  await o.goto(`${e.base}/compliance/assessments/${assessmentId}/import?lang=en`);
  await cleanNoJs(o, 'upload page');
  await o.setInputFiles('#file', { name: 'questionnaire.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: Buffer.from(bytes) });
  await o.getByRole('button', { name: 'Upload and save answers' }).click();
  await o.waitForURL(/applied=2/);
  assert.match(await main(o), /2 answers were saved from the spreadsheet/);
  await o.goto(`${e.base}/compliance/assessments/${assessmentId}/submit?lang=en`);
  assert.match(await main(o), /Every question is answered/);
  assert.match(await main(o), /Only the head of the institution signs off/);
  await cleanNoJs(o, 'submit page for an officer');

  // NIDA's head signs off, in Kiswahili.
  const head = await makeUser(e.db, 'institution_head', 'NIDA', { lang: 'sw' });
  const h = await e.newPage();
  await e.signIn(h, head, 'sw');
  await h.goto(`${e.base}/compliance/assessments/${assessmentId}/submit?lang=sw`);
  await clean(h, 'sign-off page (sw)');
  await h.getByRole('button', { name: 'Idhinisha tathmini' }).click();
  await h.waitForURL(/attestations\?signed=1/);
  const done = await main(h);
  assert.match(done, /Tathmini imeidhinishwa na sasa imefungwa/);
  assert.match(done, /Maudhui yaliyohifadhiwa yanalingana na hash yake\s*Ndiyo/);
  assert.match(done, /Majibu ya sasa yanalingana na yaliyoidhinishwa\s*Ndiyo/);
  await clean(h, 'attestations (sw)');
  await h.goto(`${e.base}/compliance/assessments/${assessmentId}?lang=sw`);
  assert.equal(await h.locator('section.vw-question form').count(), 0, 'locked: no answer forms');
  assert.match(await main(h), /Imeidhinishwa/);
  await clean(h, 'locked questionnaire (sw)');

  // ── 4. Review, a finding, a challenge, a remediation plan ────────────────────────────────────
  const answers = await e.db.query<{ id: string }>(`SELECT id FROM compliance_answers WHERE assessment_id = $1 ORDER BY position`, [assessmentId]);
  await r.goto(`${e.base}/compliance/reviews?lang=en`);
  await clean(r, 'review queue');
  await r.getByRole('link', { name: 'NIDA', exact: true }).click();
  await r.waitForURL(/\/compliance\/assessments\/[0-9a-f-]{36}\/review/);
  await clean(r, 'review of NIDA');
  await r.locator(`#a-${answers[0].id}`).getByRole('button', { name: 'Return' }).click();
  await r.waitForLoadState();
  assert.match(await main(r), /Say why the answer is returned/, 'a return needs a comment');
  await clean(r, 'review with an error');
  await r.fill(`#comment-${answers[0].id}`, 'Attach the letter naming the ICT officer.');
  await r.locator(`#a-${answers[0].id}`).getByRole('button', { name: 'Return' }).click();
  await r.waitForURL(/saved=1/);
  assert.match(await main(r), /Returned to the institution/);
  await r.locator(`#a-${answers[1].id}`).getByRole('link', { name: /Raise a finding/ }).click();
  await r.waitForURL(/\/compliance\/findings\/new/);
  await clean(r, 'raise a finding');
  await r.selectOption('#severity', 'high');
  await r.fill('#dueOn', day(30));
  await r.fill('#description', 'Implementation records are not submitted to the Authority.');
  await r.getByRole('button', { name: 'Raise the finding' }).click();
  await r.waitForURL(/\/compliance\/findings\/[0-9a-f-]{36}\?saved=1/);
  const findingUrl = r.url().split('?')[0];
  await clean(r, 'finding (reviewer)');

  // NIDA's officer, in Kiswahili and without JavaScript, challenges it.
  await o.goto(`${e.base}/compliance/findings?lang=sw`);
  assert.match(await main(o), /Hoja za ukaguzi/);
  await cleanNoJs(o, 'findings (sw)');
  await o.goto(`${findingUrl}?lang=sw`);
  assert.match(await main(o), /Taasisi inaweza kupinga hoja hii hadi/);
  await o.fill('#reason', 'Kumbukumbu ziliwasilishwa mwezi Machi; barua imeambatishwa.');
  await o.getByRole('button', { name: 'Pinga hoja' }).click();
  await o.waitForURL(/saved=1/);
  assert.match(await main(o), /Inasubiri uamuzi wa mpitiaji/);
  await cleanNoJs(o, 'challenged finding (sw)');

  // The reviewer upholds it.
  await r.goto(`${findingUrl}?lang=en`);
  await r.fill('#outcomeReason', 'The letter lists no records.');
  await r.getByRole('button', { name: 'Uphold the finding' }).click();
  await r.waitForURL(/saved=1/);
  assert.match(await main(r), /upheld the finding/);

  // The officer drafts a plan with milestones and submits it, records progress and completes it.
  await o.goto(`${findingUrl}?lang=sw`);
  await o.getByRole('button', { name: 'Andaa rasimu ya mpango' }).click();
  await o.waitForURL(/\/plan/);
  await o.fill('#ownerName', 'Asha Mussa');
  await o.fill('#plan', 'Kuandaa rejista ya kumbukumbu za utekelezaji na kuiwasilisha kwa Mamlaka kila robo mwaka.');
  await o.fill('#m1-title', 'Rejista kuandaliwa');
  await o.fill('#m1-planned', day(7));
  await o.fill('#m2-title', 'Rejista kuwasilishwa');
  await o.fill('#m2-planned', day(21));
  await o.getByRole('button', { name: 'Hifadhi mpango' }).click();
  await o.waitForURL(/saved=1/);
  await o.getByRole('button', { name: 'Wasilisha mpango kwa mamlaka' }).click();
  await o.waitForURL(/saved=1/);
  assert.match(await main(o), /Umewasilishwa/);
  await o.getByRole('button', { name: 'Sasisha mpango na maendeleo' }).click();
  await o.waitForURL(/\/plan/);
  await cleanNoJs(o, 'plan form (sw)');
  await o.fill('#m1-actual', day(0));
  await o.fill('#m2-actual', day(0));
  await o.getByRole('button', { name: 'Hifadhi mpango' }).click();
  await o.waitForURL(/saved=1/);
  await o.getByRole('button', { name: 'Weka mpango kuwa umekamilika' }).click();
  await o.waitForURL(/saved=1/);
  assert.match(await main(o), /Umekamilika, unasubiri mpitiaji/);
  await cleanNoJs(o, 'finding with a plan (sw)');

  // The reviewer closes the plan and the finding; the history shows every step.
  await r.goto(`${findingUrl}?lang=en`);
  await r.getByRole('button', { name: 'Close the plan and the finding' }).click();
  await r.waitForURL(/saved=1/);
  const closedFinding = await main(r);
  assert.match(closedFinding, /Closed/);
  assert.match(closedFinding, /Plan drafted/);
  assert.match(closedFinding, /Status: Submitted → In progress|Status: Draft → Submitted/);
  await clean(r, 'closed finding');
  const [finding] = await e.db.query<{ status: string }>(`SELECT status FROM compliance_findings WHERE id = $1`, [findingUrl.split('/').pop()]);
  assert.equal(finding.status, 'closed');

  // ── 5. The cycle closes; the scores are frozen ──────────────────────────────────────────────
  // Every question is mandatory (weight 3). NIDA answered §3.1 compliant (1), §3.2 partly (0.5) and
  // §3.3 for NIDS compliant (1): 3 × 2.5 of 3 × 3 = 83.33 %. TANESCO answered nothing: 0 %.
  const nidaScore = (100 * (3 * 1 + 3 * 0.5 + 3 * 1)) / (3 * 3);
  const shown = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2 }).format(nidaScore);
  assert.equal(shown, '83.33');
  await r.goto(`${e.base}/?lang=sw`);
  await r.getByRole('link', { name: 'Uzingatiaji' }).first().click();
  await r.waitForURL((u) => u.pathname === '/compliance');
  assert.match(await main(r), /Dashibodi ya uzingatiaji/);
  assert.match(await main(r), /Wazi — alama hubadilika/);
  await clean(r, 'dashboard open sw');
  await r.getByRole('button', { name: 'Funga mzunguko na ugandishe alama zake' }).click();
  await r.waitForURL((u) => u.searchParams.get('done') === 'closed');
  const dash = await main(r);
  assert.match(dash, /Mzunguko ICT-2026 umefungwa/);
  assert.match(dash, /Taasisi kwa kundi la usanifu/);
  const heat = r.locator('#heatmap');
  for (const a of ['NIDA', 'TANESCO']) assert.equal(await heat.getByRole('link', { name: a, exact: true }).count(), 1);
  assert.equal(await heat.locator('tbody tr').count(), 2);
  // The row: the overall score, then one cell per architecture group (only SA has requirements).
  assert.match(await heat.locator('tbody tr', { hasText: 'NIDA' }).innerText(), new RegExp(`^NIDA\\s+${shown}\\s.*\\s${shown}\\s+—\\s*$`, 's'));
  assert.match(await heat.locator('tbody tr', { hasText: 'TANESCO' }).innerText(), /^TANESCO\s+0\s.*\s0\s+—\s*$/s);
  const top = await r.locator('#league tbody tr').first().innerText();
  assert.match(top, /NIDA/);
  assert.match(top, new RegExp(`\\s${shown}\\s+3 / 3\\s`), 'NIDA leads with its score, all 3 questions answered');
  await clean(r, 'dashboard closed sw');
  await r.getByRole('link', { name: /Jedwali la msimamo/ }).first().click();
  await r.waitForURL((u) => u.pathname === '/compliance/league');
  assert.equal(await r.locator('#league tbody tr').count(), 2);
  await clean(r, 'league sw');

  // NIDA's officer, in English (with JavaScript): NIDA's view and the standard's.
  const oj = await e.newPage();
  await e.signIn(oj, officer, 'en');
  await oj.goto(`${e.base}/compliance?lang=en`);
  assert.match(await main(oj), /You see the institutions you work for/);
  assert.equal(await oj.locator('#heatmap tbody tr').count(), 1);
  await oj.getByRole('link', { name: 'Compliance of NIDA' }).click();
  await oj.waitForURL((u) => u.pathname === '/compliance/institutions/NIDA/scores');
  const mine = await main(oj);
  assert.match(mine, /What applies to us/);
  assert.match(mine, /3 questions in this cycle \(3 answered\)/);
  assert.match(mine, new RegExp(`Overall score:\\s*${shown} %`));
  assert.match(mine, /Rank 1 of 2 institutions/);
  assert.match(await oj.locator('#by-system').innerText(), /NIDS National Identification System\s+100\s+3 \/ 3\s+1/);
  assert.match(mine, /Scores frozen|Closed — scores frozen/);
  assert.ok(await oj.locator('#by-group').isVisible());
  assert.ok(await oj.locator('#by-system').isVisible(), 'NIDA\'s systems are scored one by one');
  assert.equal(await oj.getByRole('link', { name: /English \(PDF\)/ }).count(), 1);
  await clean(oj, 'institution en');
  await oj.locator('#by-standard').getByRole('link').first().click();
  await oj.waitForURL((u) => u.pathname.startsWith('/compliance/standards/'));
  assert.match(await main(oj), /How widely eGA\/EXT\/ISA\/001 is met/);
  assert.equal(await oj.locator('#requirements tbody tr').count(), 3);
  await clean(oj, 'standard en');

  // NIDA's PDF report, in both languages.
  const { extractText } = await import('unpdf');
  for (const lang of ['en', 'sw'] as const) {
    const res = await oj.context().request.get(`${e.base}/compliance/institutions/NIDA/cycles/${cycleId}/report.pdf?lang=${lang}`);
    assert.equal(res.status(), 200);
    assert.equal(res.headers()['content-type'], 'application/pdf');
    const { text: pages } = await extractText(new Uint8Array(await res.body()), { mergePages: true });
    const pdfText = String(pages).replace(/\s+/g, ' ');
    if (lang === 'en') {
      assert.match(pdfText, /Compliance report National Identification Authority/);
      assert.match(pdfText, new RegExp(`Overall score ${shown} % Rank Rank 1 of 2 institutions Questions 3 / 3`));
      assert.match(pdfText, new RegExp(`SA Security Architecture ${shown} % 7\\.5 / 9`));
      assert.match(pdfText, /NIDS National Identification System 100 % 3 \/ 3/);
      assert.match(pdfText, /High closed 1/, 'the closed finding is listed');
    } else {
      assert.match(pdfText, /Ripoti ya uzingatiaji Mamlaka ya Vitambulisho vya Taifa/);
      assert.match(pdfText, /Alama zimegandishwa/);
      assert.match(pdfText, new RegExp(`Alama ya jumla ${shown} % Nafasi Nafasi ya 1 kati ya taasisi 2`));
    }
  }

  // The reviewer publishes NIDA's summary; a visitor reads it without JavaScript.
  await r.goto(`${e.base}/compliance/institutions/NIDA/scores?lang=sw&cycle=${cycleId}`);
  await clean(r, 'institution sw');
  await r.getByRole('button', { name: 'Chapisha muhtasari' }).click();
  await r.waitForURL((u) => u.searchParams.get('done') === 'published');
  assert.match(await main(r), /Ulichapishwa tarehe/);
  const visitor = await e.newPage(false);
  await visitor.goto(`${e.base}/compliance/public/NIDA?lang=en`);
  assert.match(await main(visitor), /Compliance summary: National Identification Authority/);
  assert.ok((await visitor.locator('#public-by-group tbody tr').count()) > 0);
  assert.match(await main(visitor), new RegExp(`Overall score:\\s*${shown} %`));
  await cleanNoJs(visitor, 'public en');
  await visitor.goto(`${e.base}/compliance/public/NIDA?lang=sw`);
  assert.match(await main(visitor), /Muhtasari wa uzingatiaji: Mamlaka ya Vitambulisho vya Taifa/);
  await cleanNoJs(visitor, 'public sw');

  // ── 6. A second cycle carries the answers over; a revised edition changes one clause ────────
  await r.goto(`${e.base}/compliance/cycles/new?lang=en`);
  await r.fill('#code', 'ICT-2027');
  await r.fill('#nameSw', 'Tathmini ya TEHAMA 2027');
  await r.fill('#nameEn', 'ICT assessment 2027');
  await r.getByLabel(/eGA\/EXT\/ISA\/001/).check();
  await r.fill('#institutions', 'NIDA');
  await r.fill('#submissionDue', day(10));
  await r.fill('#reviewDue', day(20));
  await r.fill('#challengeUntil', day(30));
  await r.getByRole('button', { name: 'Create the cycle' }).click();
  await r.waitForURL(/\/compliance\/cycles\/[0-9a-f-]{36}$/);
  await r.getByRole('button', { name: 'Open the cycle' }).click();
  await r.waitForURL(/\/compliance\/cycles\/[0-9a-f-]{36}$/);
  await runJobs();
  const [{ id: nextId }] = await e.db.query<{ id: string }>(
    `SELECT a.id FROM compliance_assessments a JOIN compliance_cycles c ON c.id = a.cycle_id WHERE c.code = 'ICT-2027'`,
  );
  await o.goto(`${e.base}/compliance/assessments/${nextId}?lang=en`);
  assert.equal((await main(o)).match(/Carried over from the last cycle — confirm or change/g)?.length, 3, 'every answer is carried over');
  await cleanNoJs(o, 'questionnaire with answers carried over');

  // e-GA publishes edition 2.0: §3.2 reworded, the rest as it was.
  const [{ documentId }] = await e.db.query<{ documentId: string }>(`SELECT id AS "documentId" FROM library_documents WHERE code = $1`, [ISA]);
  const authorCtx = await ctxAs(e.db, author);
  const approverCtx = await ctxAs(e.db, await makeUser(e.db, 'issuer_approver', 'e-GA'));
  const { edition } = await createEdition(authorCtx, { documentId, version: '2.0', changeSummary: 'Records are submitted every quarter.' });
  const [{ content }] = await e.db.query<{ content: { clauses: { textEn: string; textSw: string }[] }[] }>(`SELECT content FROM library_editions WHERE id = $1`, [edition.id]);
  content[2].clauses[1] = { ...content[2].clauses[1], textEn: 'The institution shall keep records of implementation and submit them to the Authority every quarter.', textSw: 'Taasisi itahifadhi kumbukumbu za utekelezaji na kuziwasilisha kwa Mamlaka kila robo mwaka.' };
  await e.db.query(`UPDATE library_editions SET content = $2 WHERE id = $1`, [edition.id, JSON.stringify(content)]);
  await transition(authorCtx, { editionId: edition.id, action: 'submit' });
  await transition(approverCtx, { editionId: edition.id, action: 'approve' });
  await transition(approverCtx, { editionId: edition.id, action: 'publish' });
  await runJobs();
  const [{ id: revisionId }] = await e.db.query<{ id: string }>(`SELECT id FROM compliance_revisions WHERE edition_id = $1`, [edition.id]);
  const revised = `${e.base}/compliance/revisions/${revisionId}`;
  await p.goto(`${revised}?lang=en`);
  await p.getByRole('button', { name: 'Confirm every unchanged clause' }).click();
  await p.waitForURL(/confirmed=2/);
  await decideTheRest(p, revised, '§3.2');
  await p.goto(`${revised}?lang=en`);
  await p.getByRole('button', { name: 'Preview and apply' }).click();
  const preview2 = await main(p);
  assert.match(preview2, /Unchanged \(answers carry over\) \(2\)/);
  assert.match(preview2, /Changed \(new version\) \(1\)/);
  assert.match(preview2, /Institutions \(1\)/);
  assert.match(preview2, /Open assessments \(1\)/);
  assert.match(preview2, /National Identification Authority|NIDA/);
  await cleanNoJs(p, 'preview of the revised edition');
  await p.goto(`${p.url().split('?')[0]}?lang=sw`);
  assert.match(await main(p), /Wanaoguswa/);
  await cleanNoJs(p, 'preview of the revised edition (sw)');
  await p.getByLabel('Tarehe ya mwisho ya mpito').fill(day(90));
  await p.getByRole('button', { name: 'Tekeleza marekebisho' }).click();
  await p.waitForURL(/applied=1/);
  assert.match(await main(p), /Marekebisho yametekelezwa: 0 yameongezwa, 1 yamebadilika, 2 hayajabadilika, 0 yamestaafishwa; majibu 1 ya kujibiwa upya; taasisi 1 zimearifiwa/);

  // NIDA's open assessment: the unchanged answers stay carried over, the changed one is to be answered again.
  await o.goto(`${e.base}/compliance/assessments/${nextId}?lang=en`);
  const after = await main(o);
  assert.equal(after.match(/Carried over from the last cycle — confirm or change/g)?.length, 2);
  assert.match(after, /§3\.2 — Not answered/);
  assert.match(after, /submit them to the Authority every quarter/);
  await cleanNoJs(o, 'questionnaire after the revision');
});


test('directives: the reviewer issues one to named institutions; NIDA reports its status without JavaScript', async () => {
  const reviewer = await makeUser(e.db, 'authority_reviewer');
  const r = await e.newPage();
  await e.signIn(r, reviewer, 'en');
  await r.goto(`${e.base}/compliance/directives/new?lang=en`);
  await clean(r, 'new directive');
  await r.fill('#code', 'DIR-2026-07');
  await r.fill('#titleSw', 'Unganisha mifumo yote na GovESB');
  await r.fill('#titleEn', 'Connect all systems to GovESB');
  await r.fill('#bodyEn', 'Every system that exchanges data with another institution shall do so through GovESB.');
  await r.fill('#deadline', day(-2));
  await r.fill('#institutions', 'NIDA, BRELA');
  await r.getByRole('button', { name: 'Issue the directive' }).click();
  await r.waitForLoadState();
  assert.match(await main(r), /The deadline cannot be in the past/);
  await clean(r, 'new directive with an error');
  await r.fill('#deadline', day(30));
  await r.getByRole('button', { name: 'Issue the directive' }).click();
  await r.waitForURL(/\/compliance\/directives\/[0-9a-f-]{36}\?issued=2/);
  await clean(r, 'directive (authority)');
  const url = r.url().split('?')[0];

  const officer = await makeUser(e.db, 'institution_officer', 'NIDA', { lang: 'sw' });
  const o = await e.newPage(false);
  await e.signIn(o, officer, 'sw');
  await o.goto(`${url}?lang=sw`);
  // The report form's fields carry the institution's id (a person of two institutions has two forms).
  await o.selectOption('select[name="status"]', 'done');
  await o.fill('textarea[name="note"]', 'Mifumo yote minne imeunganishwa.');
  await o.getByRole('button', { name: 'Hifadhi hali' }).click();
  await o.waitForURL(/saved=1/);
  assert.match(await main(o), /Imekamilika/);
  await r.goto(`${url}?lang=en`);
  assert.match(await main(r), /1 of 2 institutions done/);
  await cleanNoJs(o, 'directive (institution, sw)');
  await o.goto(`${e.base}/compliance/directives?lang=sw`);
  await cleanNoJs(o, 'directives (sw)');
});

/** Decides every candidate still proposed: confirms `keep`, rejects the others as sample wording. */
async function decideTheRest(p: Page, revisionUrl: string, keep: string) {
  await p.goto(`${revisionUrl}?lang=en&decision=proposed`);
  for (;;) {
    const rows = p.locator('#candidates tbody tr');
    if ((await rows.count()) === 0) break;
    const first = rows.first();
    const ref = (await first.locator('.vw-code').innerText()).trim();
    if (ref.endsWith(keep)) {
      await first.getByRole('button', { name: `Confirm ${ref}` }).click();
    } else {
      await first.getByRole('link', { name: `Review and edit ${ref}` }).click();
      await p.getByLabel('Reason').fill('Sample wording, not a requirement.');
      await p.getByRole('button', { name: 'Reject' }).click();
    }
    await p.waitForURL(/#candidates$/);
    await p.goto(`${revisionUrl}?lang=en&decision=proposed`);
  }
}
