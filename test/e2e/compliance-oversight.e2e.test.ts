// The authority's oversight in Chromium: a reviewer (English, two-factor) returns one of NIDA's
// answers and raises a finding on another; NIDA's officer (Kiswahili, JavaScript off) challenges it;
// the reviewer upholds it; the officer submits a remediation plan with milestones, records them
// done and marks it completed; the reviewer closes it. Every page is checked with axe-core.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { BrowserContext, Page } from 'playwright-core';
import { startE2E, axeViolations, type E2E } from './support.ts';
import { makeUser, TEST_PASSWORD } from '../helpers.ts';
import { complianceWorld, type ComplianceWorld } from '../compliance-fixture.ts';
import { currentCode } from '../../src/modules/identity/totp.service.ts';
import type { User } from '../../src/modules/identity/users.service.ts';

let e: E2E;
let w: ComplianceWorld;
const contexts: BrowserContext[] = [];
before(async () => {
  e = await startE2E();
  w = await complianceWorld(e.db, { institutions: ['NIDA', 'BRELA'], answers: 'mixed' });
  await e.db.query(`UPDATE compliance_assessments SET status = 'signed_off', signed_off_at = now()`);
});
after(async () => {
  for (const c of contexts) await c.close().catch(() => {});
  await e?.close();
});

const today = () => new Date(Date.now() + 3 * 3_600_000).toISOString().slice(0, 10);
const later = (days: number) => new Date(Date.now() + 3 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);

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

test('a reviewer returns an answer and raises a finding; NIDA challenges, the reviewer upholds; a plan with milestones is submitted and closed', async () => {
  const answers = await e.db.query<{ id: string }>(`SELECT id FROM compliance_answers WHERE assessment_id = $1 ORDER BY position`, [w.assessments.NIDA]);

  // 1. The reviewer, in English: the queue, NIDA's review, one answer returned, a finding raised.
  const reviewer = await makeUser(e.db, 'authority_reviewer');
  const r = await newPage();
  await signIn(r, reviewer, 'en');
  await r.goto(`${e.base}/compliance/reviews?lang=en`);
  await clean(r, 'review queue');
  await r.getByRole('link', { name: 'NIDA', exact: true }).click();
  await r.waitForURL(/\/compliance\/assessments\/[0-9a-f-]{36}\/review/);
  await clean(r, 'review of NIDA');
  const first = r.locator(`#a-${answers[0].id}`);
  await first.getByRole('button', { name: 'Return' }).click();
  await r.waitForLoadState();
  assert.match(await main(r), /Say why the answer is returned/, 'a return needs a comment');
  await clean(r, 'review with an error');
  await r.fill(`#comment-${answers[0].id}`, 'Attach the signed asset register.');
  await r.locator(`#a-${answers[0].id}`).getByRole('button', { name: 'Return' }).click();
  await r.waitForURL(/saved=1/);
  assert.match(await main(r), /Returned to the institution/);
  await r.locator(`#a-${answers[1].id}`).getByRole('link', { name: /Raise a finding/ }).click();
  await r.waitForURL(/\/compliance\/findings\/new/);
  await clean(r, 'raise a finding');
  await r.selectOption('#severity', 'high');
  await r.fill('#dueOn', later(30));
  await r.fill('#description', 'No ICT security officer has been appointed.');
  await r.getByRole('button', { name: 'Raise the finding' }).click();
  await r.waitForURL(/\/compliance\/findings\/[0-9a-f-]{36}\?saved=1/);
  const findingUrl = r.url().split('?')[0];
  await clean(r, 'finding (reviewer)');

  // 2. NIDA's officer, in Kiswahili and without JavaScript, challenges it.
  const officer = await makeUser(e.db, 'institution_officer', 'NIDA', { lang: 'sw' });
  const o = await newPage(false);
  await signIn(o, officer, 'sw');
  await o.goto(`${e.base}/compliance/findings?lang=sw`);
  assert.match(await main(o), /Hoja za ukaguzi/);
  await o.goto(`${findingUrl}?lang=sw`);
  assert.match(await main(o), /Taasisi inaweza kupinga hoja hii hadi/);
  await o.fill('#reason', 'Afisa aliteuliwa mwezi Machi; barua imeambatishwa.');
  await o.getByRole('button', { name: 'Pinga hoja' }).click();
  await o.waitForURL(/saved=1/);
  assert.match(await main(o), /Inasubiri uamuzi wa mpitiaji/);
  // The same pages with JavaScript, for axe.
  const oa = await newPage();
  await signIn(oa, officer, 'sw');
  await oa.goto(`${findingUrl}?lang=sw`);
  await clean(oa, 'challenged finding (sw)');
  await oa.goto(`${e.base}/compliance/findings?lang=sw`);
  await clean(oa, 'findings (sw)');

  // 3. The reviewer upholds it.
  await r.goto(`${findingUrl}?lang=en`);
  await r.fill('#outcomeReason', 'The letter names no security officer.');
  await r.getByRole('button', { name: 'Uphold the finding' }).click();
  await r.waitForURL(/saved=1/);
  assert.match(await main(r), /upheld the finding/);

  // 4. The officer drafts a plan with milestones and submits it, records progress and completes it.
  await o.goto(`${findingUrl}?lang=sw`);
  await o.getByRole('button', { name: 'Andaa rasimu ya mpango' }).click();
  await o.waitForURL(/\/plan/);
  await o.fill('#ownerName', 'Asha Mussa');
  await o.fill('#plan', 'Kumteua afisa wa usalama wa TEHAMA na kumpa mafunzo.');
  await o.fill('#m1-title', 'Barua ya uteuzi kusainiwa');
  await o.fill('#m1-planned', later(7));
  await o.fill('#m2-title', 'Mafunzo ya afisa');
  await o.fill('#m2-planned', later(21));
  await o.getByRole('button', { name: 'Hifadhi mpango' }).click();
  await o.waitForURL(/saved=1/);
  await o.getByRole('button', { name: 'Wasilisha mpango kwa mamlaka' }).click();
  await o.waitForURL(/saved=1/);
  assert.match(await main(o), /Umewasilishwa/);
  await o.getByRole('button', { name: 'Sasisha mpango na maendeleo' }).click();
  await o.waitForURL(/\/plan/);
  await o.fill('#m1-actual', today());
  await o.fill('#m2-actual', today());
  await o.getByRole('button', { name: 'Hifadhi mpango' }).click();
  await o.waitForURL(/saved=1/);
  await o.getByRole('button', { name: 'Weka mpango kuwa umekamilika' }).click();
  await o.waitForURL(/saved=1/);
  assert.match(await main(o), /Umekamilika, unasubiri mpitiaji/);
  await oa.goto(`${findingUrl}/plan?lang=sw`);
  await clean(oa, 'plan form (sw)');
  await oa.goto(`${findingUrl}?lang=sw`);
  await clean(oa, 'finding with a plan (sw)');

  // 5. The reviewer closes the plan and the finding; the history shows every step.
  await r.goto(`${findingUrl}?lang=en`);
  await r.getByRole('button', { name: 'Close the plan and the finding' }).click();
  await r.waitForURL(/saved=1/);
  const text = await main(r);
  assert.match(text, /Closed/);
  assert.match(text, /Plan drafted/);
  assert.match(text, /Status: Submitted → In progress|Status: Draft → Submitted/);
  await clean(r, 'closed finding');
  const [row] = await e.db.query<{ status: string }>(`SELECT status FROM compliance_findings WHERE id = $1`, [findingUrl.split('/').pop()]);
  assert.equal(row.status, 'closed');
});

test('directives: the reviewer issues one to named institutions; NIDA reports its status without JavaScript', async () => {
  const reviewer = await makeUser(e.db, 'authority_reviewer');
  const r = await newPage();
  await signIn(r, reviewer, 'en');
  await r.goto(`${e.base}/compliance/directives/new?lang=en`);
  await clean(r, 'new directive');
  await r.fill('#code', 'DIR-2026-07');
  await r.fill('#titleSw', 'Unganisha mifumo yote na GovESB');
  await r.fill('#titleEn', 'Connect all systems to GovESB');
  await r.fill('#bodyEn', 'Every system that exchanges data with another institution shall do so through GovESB.');
  await r.fill('#deadline', later(-2));
  await r.fill('#institutions', 'NIDA, BRELA');
  await r.getByRole('button', { name: 'Issue the directive' }).click();
  await r.waitForLoadState();
  assert.match(await main(r), /The deadline cannot be in the past/);
  await clean(r, 'new directive with an error');
  await r.fill('#deadline', later(30));
  await r.getByRole('button', { name: 'Issue the directive' }).click();
  await r.waitForURL(/\/compliance\/directives\/[0-9a-f-]{36}\?issued=2/);
  await clean(r, 'directive (authority)');
  const url = r.url().split('?')[0];

  const officer = await makeUser(e.db, 'institution_officer', 'NIDA', { lang: 'sw' });
  const o = await newPage(false);
  await signIn(o, officer, 'sw');
  await o.goto(`${url}?lang=sw`);
  await o.selectOption('#status', 'done');
  await o.fill('#note', 'Mifumo yote minne imeunganishwa.');
  await o.getByRole('button', { name: 'Hifadhi hali' }).click();
  await o.waitForURL(/saved=1/);
  assert.match(await main(o), /Imekamilika/);
  await r.goto(`${url}?lang=en`);
  assert.match(await main(r), /1 of 2 institutions done/);
  const oa = await newPage();
  await signIn(oa, officer, 'sw');
  await oa.goto(`${url}?lang=sw`);
  await clean(oa, 'directive (institution, sw)');
  await oa.goto(`${e.base}/compliance/directives?lang=sw`);
  await clean(oa, 'directives (sw)');
});
