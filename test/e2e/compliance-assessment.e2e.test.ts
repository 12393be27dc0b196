// The self-assessment in Chromium: an authority reviewer creates and opens a cycle from the pages (the
// assessments are created in the background); NIDA's officer, without JavaScript, answers a question
// with a plain form, uploads a PDF as evidence, downloads the questionnaire, fills it offline and
// uploads it; NIDA's head, in Kiswahili, checks completeness and signs off; the attestation verifies.
// Every page is checked with axe-core.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { BrowserContext, Page } from 'playwright-core';
import { readSheet } from 'read-excel-file/node';
import writeXlsxFile from 'write-excel-file/node';
import { startE2E, axeViolations, type E2E } from './support.ts';
import { makeUser, testConfig, TEST_PASSWORD } from '../helpers.ts';
import { complianceWorld, type ComplianceWorld } from '../compliance-fixture.ts';
import { currentCode } from '../../src/modules/identity/totp.service.ts';
import { runJobsNow } from '../../src/platform/jobs/index.ts';
import type { User } from '../../src/modules/identity/users.service.ts';

let e: E2E;
let world: ComplianceWorld;
const contexts: BrowserContext[] = [];
before(async () => {
  e = await startE2E({ dataDir: `/tmp/vw-e2e-asm-${process.pid}` });
  world = await complianceWorld(e.db, { institutions: [], documentCode: 'eGA/EXT/ISA/001', cycleCode: 'SEED-0' });
});
after(async () => {
  for (const c of contexts) await c.close().catch(() => {});
  await e?.close();
});

async function clean(page: Page, where: string) {
  assert.deepEqual(await axeViolations(page), [], `accessibility of ${where}`);
}

async function newPage(js = true): Promise<Page> {
  const c = await e.browser.newContext({ javaScriptEnabled: js });
  contexts.push(c);
  return c.newPage();
}

async function signIn(page: Page, user: User, lang: 'sw' | 'en') {
  await page.goto(`${e.base}/login?lang=${lang}`);
  await page.fill('#email', user.email);
  await page.fill('#password', TEST_PASSWORD);
  await page.getByRole('button', { name: lang === 'en' ? 'Sign in' : 'Ingia' }).click();
  await page.waitForURL((u) => u.pathname !== '/login');
  if (new URL(page.url()).pathname === '/login/two-factor/setup') {
    const secret = (await page.locator('#totp-secret').innerText()).trim();
    await page.fill('#code', currentCode(user.email, secret));
    await page.locator('form button[type=submit]').click();
    await page.locator('#recovery-codes').waitFor();
    await page.getByRole('link', { name: lang === 'en' ? 'Continue' : 'Endelea' }).click();
    await page.waitForURL((u) => !u.pathname.startsWith('/login'));
  }
}

const main = (page: Page) => page.locator('main').innerText();
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

test('a cycle is opened; NIDA’s officer answers with evidence and a spreadsheet, without JavaScript; NIDA’s head signs off in Kiswahili', async () => {
  // 1. The authority creates and opens the cycle.
  const reviewer = await makeUser(e.db, 'authority_reviewer');
  const r = await newPage();
  await signIn(r, reviewer, 'en');
  await r.goto(`${e.base}/compliance/cycles?lang=en`);
  await clean(r, 'cycle list');
  await r.getByRole('button', { name: 'New assessment cycle' }).click();
  await clean(r, 'new cycle form');
  await r.fill('#code', 'ICT-2026');
  await r.fill('#nameSw', 'Tathmini ya TEHAMA 2026');
  await r.fill('#nameEn', 'ICT assessment 2026');
  await r.getByLabel(/eGA\/EXT\/ISA\/001/).check();
  await r.fill('#institutions', 'NIDA');
  await r.fill('#submissionDue', day(-3));
  await r.fill('#reviewDue', day(20));
  await r.fill('#challengeUntil', day(30));
  await r.getByRole('button', { name: 'Create the cycle' }).click();
  assert.match(await main(r), /The submission date may not be in the past/);
  await clean(r, 'new cycle form with errors');
  await r.fill('#submissionDue', day(10));
  await r.getByRole('button', { name: 'Create the cycle' }).click();
  await r.waitForURL(/\/compliance\/cycles\/[0-9a-f-]{36}$/);
  await r.getByRole('button', { name: 'Open the cycle' }).click();
  await r.waitForURL(/\/compliance\/cycles\/[0-9a-f-]{36}$/);
  assert.match(await main(r), /Creating the assessments/);
  await clean(r, 'cycle page while opening');
  await runJobsNow(e.db, { config: testConfig(), until: 'idle' });
  await r.reload();
  assert.match(await main(r), /NIDA/);
  await clean(r, 'cycle page when open');
  const [{ id: assessmentId }] = await e.db.query<{ id: string }>(`SELECT a.id FROM compliance_assessments a JOIN compliance_cycles c ON c.id = a.cycle_id WHERE c.code = 'ICT-2026'`);

  // 2. NIDA's officer, no JavaScript.
  const officer = await makeUser(e.db, 'institution_officer', 'NIDA');
  const o = await newPage(false);
  await signIn(o, officer, 'en');
  // axe needs JavaScript: the same pages are checked in a second, scripted window of the same officer.
  const oa = await newPage();
  await signIn(oa, officer, 'en');
  const cleanO = async (where: string) => {
    await oa.goto(o.url());
    await clean(oa, where);
  };
  await o.goto(`${e.base}/compliance/institutions/NIDA?lang=en`);
  await cleanO('institution compliance page');
  await o.getByRole('link', { name: 'ICT-2026' }).click();
  await o.waitForURL(new RegExp(`/compliance/assessments/${assessmentId}`));
  await cleanO('questionnaire');
  const first = o.locator('section.vw-question').first();
  await first.getByLabel('Compliant', { exact: true }).check();
  await first.getByLabel('Comment').fill('Asset register kept in GAMIS.');
  await first.getByRole('button', { name: /Save answer/ }).click();
  await o.waitForURL(/saved=1/);
  assert.match(await main(o), /Your answer was saved/);
  assert.match(await main(o), /1 of 3 answered/);

  // Evidence on the second question.
  await o.locator('section.vw-question').nth(1).getByRole('link', { name: /Evidence and assignment/ }).click();
  await cleanO('answer page');
  await o.fill('#title', 'Appointment letter of the ICT security officer');
  await o.setInputFiles('#file', { name: 'appointment.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n') });
  await o.getByRole('button', { name: 'Add evidence', exact: true }).click();
  await o.waitForURL(/done=1/);
  assert.match(await main(o), /Appointment letter of the ICT security officer/);
  await cleanO('answer page with evidence');

  // The spreadsheet: download, fill offline, upload.
  const xlsx = await o.context().request.get(`${e.base}/compliance/assessments/${assessmentId}/questionnaire.xlsx?lang=en`);
  assert.equal(xlsx.status(), 200);
  const rows = (await readSheet(await xlsx.body())) as unknown as (string | null)[][];
  const filled = rows.map((row, i) => (i === 0 ? row : i === 1 ? row : [row[0], row[1], row[2], row[3], row[4], i === 3 ? 'not_applicable' : 'Compliant', i === 3 ? 'No policy review this year: the policy is new.' : '', 'Filled offline', '']));
  const bytes = await writeXlsxFile(filled.map((row) => row.map((v) => ({ value: v ?? '' }))), {}).toBuffer();
  await o.goto(`${e.base}/compliance/assessments/${assessmentId}/import?lang=en`);
  await cleanO('upload page');
  await o.setInputFiles('#file', { name: 'questionnaire.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: Buffer.from(bytes) });
  await o.getByRole('button', { name: 'Upload and save answers' }).click();
  await o.waitForURL(/applied=2/);
  assert.match(await main(o), /2 answers were saved from the spreadsheet/);
  await o.goto(`${e.base}/compliance/assessments/${assessmentId}/submit?lang=en`);
  assert.match(await main(o), /Every question is answered/);
  assert.match(await main(o), /Only the head of the institution signs off/);
  await cleanO('submit page for an officer');

  // 3. NIDA's head, in Kiswahili.
  const head = await makeUser(e.db, 'institution_head', 'NIDA', { lang: 'sw' });
  const h = await newPage();
  await signIn(h, head, 'sw');
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
  void world;
});
