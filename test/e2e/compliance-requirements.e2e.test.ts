// Requirements in Chromium: an e-GA author, without JavaScript, proposes requirements from a
// published standard, confirms one from the list, edits and confirms another (scope and conditions
// from plain fields), rejects the sentences that are not requirements (in Kiswahili), previews and
// applies the revision; a visitor then reads the new requirements in both languages. Every page is
// checked with axe-core.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { BrowserContext, Page } from 'playwright-core';
import { startE2E, axeViolations, type E2E } from './support.ts';
import { makeUser, TEST_PASSWORD } from '../helpers.ts';
import { currentCode } from '../../src/modules/identity/totp.service.ts';
import { loadLibraryReference } from '../../src/modules/library/seed.ts';
import type { User } from '../../src/modules/identity/users.service.ts';

let e: E2E;
const contexts: BrowserContext[] = [];
const SHOTS = process.env.E2E_SCREENSHOTS;
before(async () => {
  e = await startE2E();
  await loadLibraryReference(e.db);
});
after(async () => {
  for (const c of contexts) await c.close().catch(() => {});
  await e?.close();
});

async function clean(page: Page, where: string) {
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/${where.replace(/[^a-z0-9]+/gi, '-')}.png`, fullPage: true });
  assert.deepEqual(await axeViolations(page), [], `accessibility of ${where}`);
}

/**
 * axe needs JavaScript, so a page used without it is checked by opening the same address, with the
 * same session, in a second context that has JavaScript.
 */
let checker: Page | undefined;
async function cleanNoJs(page: Page, where: string) {
  if (!checker) checker = await newPage(true);
  await checker.context().clearCookies();
  await checker.context().addCookies(await page.context().cookies());
  await checker.goto(page.url());
  await clean(checker, where);
}

async function newPage(js: boolean): Promise<Page> {
  const c = await e.browser.newContext({ javaScriptEnabled: js });
  contexts.push(c);
  c.setDefaultTimeout(20_000);
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

test('an e-GA author confirms requirements proposed from a published standard, without JavaScript, in both languages', async () => {
  const author = await makeUser(e.db, 'issuer_author', 'e-GA');
  const p = await newPage(false);
  await signIn(p, author, 'en');

  // 1. Propose from the security standard, in force before requirements were kept.
  await p.goto(`${e.base}/compliance/revisions?lang=en`);
  await cleanNoJs(p, 'revisions list');
  const isa = await p.locator('#editionId option', { hasText: 'eGA/EXT/ISA/001 ' }).first().getAttribute('value');
  await p.getByLabel('Edition in force').selectOption(isa!);
  await p.getByRole('button', { name: 'Propose requirements' }).click();
  await p.waitForURL(/\/compliance\/revisions\/[0-9a-f-]{36}$/);
  const revisionUrl = p.url().split('?')[0];
  const text = await main(p);
  assert.match(text, /Requirements from eGA\/EXT\/ISA\/001/);
  assert.match(text, /eGA\/EXT\/ISA\/001 §3\.1/);
  assert.match(text, /No obligation found/, 'the sample sentences have no obligation');
  await cleanNoJs(p, 'revision page');

  // 2. Confirm §3.1 straight from the list.
  await p.getByRole('button', { name: 'Confirm eGA/EXT/ISA/001 §3.1' }).click();
  await p.waitForURL(/#candidates$/);
  const row31 = p.locator('#candidates tr', { hasText: '§3.1' });
  assert.match(await row31.innerText(), /Confirmed/);

  // 3. Review §3.3: it is about systems; narrow it to public-facing systems in government hosting.
  await p.getByRole('link', { name: 'Review and edit eGA/EXT/ISA/001 §3.3' }).click();
  await cleanNoJs(p, 'candidate page');
  await p.getByLabel('Applies to', { exact: true }).selectOption('system');
  await p.getByLabel('System is public-facing').selectOption('yes');
  await p.getByLabel('Government Data Centre').check();
  await p.getByRole('button', { name: 'Confirm this requirement' }).click();
  await p.waitForURL(/#candidates$/);
  assert.match(await p.locator('#candidates tr', { hasText: '§3.3' }).innerText(), /Confirmed/);

  // 4. Rejecting without a reason is refused with a clear message, in Kiswahili.
  const row11 = p.locator('#candidates tr', { hasText: '§1.1' });
  await row11.getByRole('link', { name: /Review and edit/ }).click();
  await p.goto(`${p.url()}?lang=sw`);
  await p.getByRole('button', { name: 'Kataa' }).click();
  assert.match(await main(p), /Toa sababu ya angalau herufi 3/);
  await p.getByLabel('Sababu').fill('Ni maelezo ya sampuli, si takwa.');
  await p.getByRole('button', { name: 'Kataa' }).click();
  await p.waitForURL(/#candidates$/);

  // The remaining sentences are not requirements either, except §3.2 which is confirmed.
  await p.goto(`${revisionUrl}?lang=en&decision=proposed`);
  for (;;) {
    const rows = p.locator('#candidates tbody tr');
    if ((await rows.count()) === 0) break;
    const first = rows.first();
    const ref = (await first.locator('.vw-code').innerText()).trim();
    if (ref.endsWith('§3.2')) {
      await first.getByRole('button', { name: `Confirm ${ref}` }).click();
    } else {
      await first.getByRole('link', { name: `Review and edit ${ref}` }).click();
      await p.getByLabel('Reason').fill('Sample wording, not a requirement.');
      await p.getByRole('button', { name: 'Reject' }).click();
    }
    await p.waitForURL(/#candidates$/);
    await p.goto(`${revisionUrl}?lang=en&decision=proposed`);
  }

  // 5. Preview, then apply with a transition deadline.
  await p.goto(`${revisionUrl}?lang=en`);
  await p.getByRole('button', { name: 'Preview and apply' }).click();
  const preview = await main(p);
  assert.match(preview, /Added \(3\)/);
  assert.match(preview, /Rejected clauses \(not requirements\)/);
  await cleanNoJs(p, 'preview page');
  const deadline = new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10);
  await p.getByLabel('Transition deadline').fill(deadline);
  await p.getByRole('button', { name: 'Apply the revision' }).click();
  await p.waitForURL(/applied=1/);
  assert.match(await main(p), /Revision applied: 3 added, 0 changed, 0 unchanged, 0 retired/);
  await cleanNoJs(p, 'preview after apply');

  // 6. A visitor reads the requirements in both languages (with JavaScript this time).
  const v = await newPage(true);
  await v.goto(`${e.base}/compliance/requirements?lang=en&document=${encodeURIComponent('eGA/EXT/ISA/001')}`);
  const en = await main(v);
  assert.match(en, /Showing 1 to 3 of 3/);
  assert.match(en, /Each public institution shall name an ICT officer/);
  await clean(v, 'requirements catalogue en');
  await v.goto(`${e.base}/compliance/requirements?lang=sw&document=${encodeURIComponent('eGA/EXT/ISA/001')}&applies_to=system`);
  const sw = await main(v);
  assert.match(sw, /Usalama wa taarifa utazingatiwa/);
  assert.match(sw, /Kila mfumo/);
  await clean(v, 'requirements catalogue sw');
  await v.getByRole('link', { name: 'eGA/EXT/ISA/001 §3.3' }).click();
  const one = await main(v);
  assert.match(one, /Mfumo unatumiwa na umma: Ndiyo/);
  assert.match(one, /Kituo cha Data cha Serikali|Government Data Centre/);
  await clean(v, 'requirement page sw');
});
