// Compliance dashboards in Chromium: an authority reviewer (in Kiswahili, two-factor) closes a cycle
// from the national dashboard and reads the heatmap and the league table; NIDA's officer (in English)
// reads NIDA's scores and the standard's page; the reviewer publishes NIDA's summary, which a visitor
// then reads without JavaScript. Every page is checked with axe-core.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { BrowserContext, Page } from 'playwright-core';
import { startE2E, axeViolations, type E2E } from './support.ts';
import { makeUser, testConfig, TEST_PASSWORD } from '../helpers.ts';
import { complianceWorld, type ComplianceWorld } from '../compliance-fixture.ts';
import { currentCode } from '../../src/modules/identity/totp.service.ts';
import { loadPortfolioDemo } from '../../src/modules/portfolio/demo.ts';
import { recomputeStale } from '../../src/modules/compliance/scores/scores.service.ts';
import type { User } from '../../src/modules/identity/users.service.ts';

let e: E2E;
let w: ComplianceWorld;
const contexts: BrowserContext[] = [];
const shots = process.env.SCREENSHOTS;
before(async () => {
  e = await startE2E();
  await loadPortfolioDemo(e.db, testConfig());
  w = await complianceWorld(e.db, { institutions: ['NIDA', 'BRELA', 'TANESCO', 'TRA'], answers: 'mixed', cycleCode: 'TATHMINI-2026' });
  await e.db.query(`UPDATE compliance_answers SET result = 'compliant' WHERE assessment_id = $1`, [w.assessments.TANESCO]);
  await recomputeStale(e.db);
});
after(async () => {
  for (const c of contexts) await c.close().catch(() => {});
  await e?.close();
});

async function clean(page: Page, where: string) {
  if (shots) await page.screenshot({ path: `${shots}/${where.replace(/[^a-z0-9]+/gi, '-')}.png`, fullPage: true });
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

test('national heatmap and league table, an institution\'s view and the standard page, in both languages; the public summary after publishing', async () => {
  // 1. The reviewer, in Kiswahili: the dashboard of the open cycle, then closing it.
  const reviewer = await makeUser(e.db, 'authority_reviewer', undefined, { lang: 'sw' });
  const r = await newPage();
  await signIn(r, reviewer, 'sw');
  await r.goto(`${e.base}/?lang=sw`);
  await r.getByRole('link', { name: 'Uzingatiaji' }).first().click();
  await r.waitForURL((u) => u.pathname === '/compliance');
  assert.match(await main(r), /Dashibodi ya uzingatiaji/);
  assert.match(await main(r), /Wazi — alama hubadilika/);
  await clean(r, 'dashboard open sw');
  await r.getByRole('button', { name: 'Funga mzunguko na ugandishe alama zake' }).click();
  await r.waitForURL((u) => u.searchParams.get('done') === 'closed');
  const dash = await main(r);
  assert.match(dash, /Mzunguko TATHMINI-2026 umefungwa/);
  assert.match(dash, /Taasisi kwa kundi la usanifu/);
  const heat = r.locator('#heatmap');
  for (const a of ['NIDA', 'BRELA', 'TANESCO', 'TRA']) assert.equal(await heat.getByRole('link', { name: a, exact: true }).count(), 1);
  assert.equal(await heat.locator('tbody tr').count(), 4);
  assert.match(await r.locator('#league tbody tr').first().innerText(), /TANESCO/);
  await clean(r, 'dashboard closed sw');

  await r.getByRole('link', { name: /Jedwali la msimamo/ }).first().click();
  await r.waitForURL((u) => u.pathname === '/compliance/league');
  assert.equal(await r.locator('#league tbody tr').count(), 4);
  await clean(r, 'league sw');

  // 2. NIDA's officer, in English: NIDA's view and the standard's.
  const officer = await makeUser(e.db, 'institution_officer', 'NIDA', { lang: 'en' });
  const o = await newPage();
  await signIn(o, officer, 'en');
  await o.goto(`${e.base}/compliance?lang=en`);
  assert.match(await main(o), /You see the institutions you work for/);
  assert.equal(await o.locator('#heatmap tbody tr').count(), 1);
  await o.getByRole('link', { name: 'Compliance of NIDA' }).click();
  await o.waitForURL((u) => u.pathname === '/compliance/institutions/NIDA/scores');
  const mine = await main(o);
  assert.match(mine, /What applies to us/);
  assert.match(mine, /Scores frozen|Closed — scores frozen/);
  assert.ok(await o.locator('#by-group').isVisible());
  assert.ok(await o.locator('#by-system').isVisible(), 'NIDA\'s systems are scored one by one');
  assert.equal(await o.getByRole('link', { name: /English \(PDF\)/ }).count(), 1);
  await clean(o, 'institution en');
  await o.locator('#by-standard').getByRole('link').first().click();
  await o.waitForURL((u) => u.pathname.startsWith('/compliance/standards/'));
  assert.match(await main(o), /How widely eGA\/EXT\/TST\/001 is met/);
  assert.equal(await o.locator('#requirements tbody tr').count(), 5);
  await clean(o, 'standard en');

  // 3. The reviewer publishes NIDA's summary; a visitor reads it without JavaScript.
  await r.goto(`${e.base}/compliance/institutions/NIDA/scores?lang=sw&cycle=${w.cycleId}`);
  await clean(r, 'institution sw');
  await r.getByRole('button', { name: 'Chapisha muhtasari' }).click();
  await r.waitForURL((u) => u.searchParams.get('done') === 'published');
  assert.match(await main(r), /Ulichapishwa tarehe/);
  const noJs = await newPage(false);
  await noJs.goto(`${e.base}/compliance/public/NIDA?lang=en`);
  assert.match(await main(noJs), /Compliance summary: National Identification Authority/);
  assert.equal(await noJs.locator('#public-by-group tbody tr').count() > 0, true);
  // axe runs in the page's JavaScript, so the same pages are checked in a page that has it.
  const visitor = await newPage();
  await visitor.goto(`${e.base}/compliance/public/NIDA?lang=en`);
  await clean(visitor, 'public en');
  await visitor.goto(`${e.base}/compliance/public/NIDA?lang=sw`);
  assert.match(await main(visitor), /Muhtasari wa uzingatiaji: Mamlaka ya Vitambulisho vya Taifa/);
  await clean(visitor, 'public sw');
});
