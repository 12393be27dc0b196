// Issue 4's end-to-end story in Chromium: an e-GA author imports a DOCX as a new level-2 standard and
// submits it; an e-GA approver (enrolling two-factor) approves and publishes it; a visitor finds it
// with a misspelt Kiswahili query and sees it in force; a revised edition goes through the same steps
// and the redline shows; NIDA starts its level-3 policy from the model template and records that it
// implements the standard, which only NIDA people see. English and Kiswahili along the way; every
// distinct page is checked with axe-core; reading and searching also work without JavaScript.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { Document as Docx, Packer, Paragraph, HeadingLevel } from 'docx';
import { startE2E, axeViolations, type E2E } from './support.ts';
import { makeUser, TEST_PASSWORD } from '../helpers.ts';
import { currentCode } from '../../src/modules/identity/totp.service.ts';
import { loadLibraryReference } from '../../src/modules/library/seed.ts';
import type { User } from '../../src/modules/identity/users.service.ts';
import { tanzaniaDate } from '../../src/platform/calendar.ts';

let e: E2E;
let dataDir: string;
const contexts: BrowserContext[] = [];
before(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'viwango-e2e-lib-'));
  e = await startE2E({ dataDir });
  await loadLibraryReference(e.db);
});
after(async () => {
  for (const c of contexts) await c.close().catch(() => {});
  await e?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const CODE = 'eGA/EXT/ISA/050';
const SLUG = 'ega-ext-isa-050';
const today = tanzaniaDate();

async function clean(page: Page, where: string) {
  assert.deepEqual(await axeViolations(page), [], `accessibility of ${where}`);
}

async function newPage(opts: { javaScriptEnabled?: boolean } = {}): Promise<Page> {
  const ctx = await e.browser.newContext(opts);
  contexts.push(ctx);
  return ctx.newPage();
}

async function standardDocx(): Promise<Buffer> {
  const doc = new Docx({
    sections: [{ children: [
      new Paragraph({ text: 'Madhumuni', heading: HeadingLevel.HEADING_1 }),
      new Paragraph('Kiwango hiki kinaweka masharti ya ngomemtandao kwa mifumo yote ya taasisi za umma.'),
      new Paragraph({ text: 'Matakwa', heading: HeadingLevel.HEADING_1 }),
      new Paragraph('Kila taasisi itasimika ngomemtandao katika kila lango la mtandao wake.'),
      new Paragraph('Kumbukumbu za ngomemtandao zitakaguliwa kila mwezi na afisa TEHAMA.'),
    ] }],
  });
  return Buffer.from(await Packer.toBuffer(doc));
}

const loginChecked = new Set<string>();

/** Signs in through the pages; a role that needs two-factor enrols on the way (the first time). */
async function signIn(page: Page, user: User, lang: 'sw' | 'en') {
  await page.goto(`${e.base}/login?lang=${lang}`);
  if (!loginChecked.has(lang)) {
    loginChecked.add(lang);
    await clean(page, `sign-in page (${lang})`);
  }
  await page.fill('#email', user.email);
  await page.fill('#password', TEST_PASSWORD);
  await page.getByRole('button', { name: lang === 'en' ? 'Sign in' : 'Ingia' }).click();
  await page.waitForURL((u) => u.pathname !== '/login');
  if (new URL(page.url()).pathname === '/login/two-factor/setup') {
    await clean(page, 'two-factor set-up page');
    const secret = (await page.locator('#totp-secret').innerText()).trim();
    await page.fill('#code', currentCode(user.email, secret));
    await page.locator('form button[type=submit]').click();
    await page.locator('#recovery-codes').waitFor();
    await clean(page, 'recovery codes page');
    await page.getByRole('link', { name: lang === 'en' ? 'Continue' : 'Endelea' }).click();
    await page.waitForURL((u) => !u.pathname.startsWith('/login'));
  }
}

const mainText = (page: Page) => page.locator('main').innerText();

/** The approver opens the edition from their workbench, approves it and publishes it. */
async function approveAndPublish(page: Page, version: string, firstTime: boolean) {
  await page.goto(`${e.base}/library/manage`);
  if (firstTime) await clean(page, 'workbench (sw)');
  await page.locator('main table a', { hasText: CODE }).click();
  await page.waitForURL(/\/library\/manage\/editions\//);
  assert.match(await mainText(page), /Inapitiwa/, 'in review');
  if (firstTime) await clean(page, 'editor, in review (sw)');
  await page.getByRole('button', { name: 'Idhinisha', exact: true }).click();
  await page.locator('#effectiveDate').waitFor();
  if (firstTime) await clean(page, 'editor, approved (sw)');
  await page.fill('#effectiveDate', today);
  await page.getByRole('button', { name: 'Chapisha: toleo hili lianze kutumika' }).click();
  await page.waitForURL(new RegExp(`/library/documents/${SLUG}/editions/${version.replace('.', '\\.')}$`));
  assert.match(await page.locator('.vw-edition-banner').innerText(), /Inatumika/);
}

test('a standard is imported, approved, published, found with a typo, revised with a redline, and traced to by an institution’s policy', async () => {
  const author = await makeUser(e.db, 'issuer_author', 'e-GA', { name: 'Amani Author' });
  const approver = await makeUser(e.db, 'issuer_approver', 'e-GA', { name: 'Baraka Approver' });
  const officer = await makeUser(e.db, 'institution_officer', 'NIDA', { name: 'Neema NIDA' });
  const brela = await makeUser(e.db, 'institution_officer', 'BRELA', { name: 'Bakari BRELA' });

  // 1. The e-GA author, in English, imports a DOCX as a new level-2 standard and submits it.
  const a = await newPage();
  await signIn(a, author, 'en');
  await a.goto(`${e.base}/library/manage`);
  await clean(a, 'workbench (en)');
  await a.getByRole('link', { name: 'Create a document' }).click();
  await a.waitForURL(/\/library\/manage\/new/);
  await clean(a, 'new document form (en)');
  await a.fill('#code', CODE);
  await a.selectOption('#level', '2');
  await a.selectOption('#kind', 'technical_standard');
  await a.fill('#titleSw', 'Kiwango cha ngomemtandao za taasisi za umma');
  await a.fill('#titleEn', 'Firewall standard for public institutions');
  await a.selectOption('#groupCode', 'SA');
  await a.selectOption('#audience', 'public');
  await a.setInputFiles('#file', { name: 'ngomemtandao.docx', mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', buffer: await standardDocx() });
  await a.getByRole('button', { name: 'Create the draft' }).click();
  await a.waitForURL(/\/library\/manage\/editions\/[0-9a-f-]{36}$/);
  assert.equal(await a.inputValue('#s0_hsw'), 'Madhumuni', 'the DOCX headings became sections');
  assert.match(await a.inputValue('#s1_c0_sw'), /itasimika ngomemtandao/);
  await clean(a, 'editor, draft (en)');
  await a.getByRole('button', { name: 'Submit for approval' }).click();
  await a.waitForLoadState();
  assert.match(await mainText(a), /In review/);

  // Not yet public.
  const v = await newPage();
  assert.equal((await v.goto(`${e.base}/library/documents/${SLUG}`))!.status(), 404);

  // 2. The e-GA approver, in Kiswahili, enrols two-factor, approves and publishes with an effective date.
  const p = await newPage();
  await signIn(p, approver, 'sw');
  await approveAndPublish(p, '1.0', true);
  await clean(p, 'edition page signed in (sw)');

  // 3. A visitor (Kiswahili) finds it with a misspelt word and sees it in force.
  await v.goto(`${e.base}/library`);
  await clean(v, 'library (sw)');
  await v.fill('#q', 'ngomemtandau');
  await v.locator('form[role=search] button[type=submit]').click();
  await v.waitForURL(/\/library\?q=ngomemtandau/);
  await clean(v, 'search results (sw)');
  const hit = v.locator('.vw-result a', { hasText: CODE });
  assert.equal(await hit.count(), 1, 'the misspelt query finds the new standard');
  await hit.click();
  await v.waitForURL(new RegExp(`/library/documents/${SLUG}/editions/1\\.0$`));
  assert.match(await v.locator('.vw-edition-banner').innerText(), /Inatumika/);
  assert.match(await mainText(v), /itasimika ngomemtandao/);
  await clean(v, 'edition page (sw)');

  // 4. The author starts a revised edition from the document page and changes a clause.
  await a.goto(`${e.base}/library/documents/${SLUG}`);
  await clean(a, 'document page for the issuer (en)');
  await a.getByRole('button', { name: 'Start a new edition' }).click();
  await a.waitForURL(/\/library\/manage\/editions\/[0-9a-f-]{36}$/);
  assert.equal(await a.inputValue('#version'), '1.1');
  await a.fill('#s1_c0_sw', 'Kila taasisi itasimika ngomemtandao mbili zinazojitegemea katika kila lango la mtandao wake.');
  await a.fill('#s1_c0_en', 'Every institution shall install two independent firewalls at every gateway of its network.');
  await a.fill('#changeSummary', 'Ngomemtandao mbili kila lango / Two firewalls at every gateway');
  await a.getByRole('button', { name: 'Save', exact: true }).click();
  await a.waitForURL(/\?saved=1$/);
  await clean(a, 'editor after saving (en)');
  await a.getByRole('button', { name: 'Submit for approval' }).click();
  await a.waitForLoadState();
  assert.match(await mainText(a), /In review/);

  await approveAndPublish(p, '1.1', false);

  // The visitor sees the redline on the document page and the earlier edition as superseded.
  await v.goto(`${e.base}/library/documents/${SLUG}?lang=en`);
  assert.match(await v.locator('.vw-edition-banner').innerText(), /In force/);
  assert.match(await v.locator('.vw-edition-banner').innerText(), /1\.1/);
  await clean(v, 'document page (en)');
  await v.getByRole('button', { name: 'Show changes' }).click();
  await v.waitForURL(/from=1\.0&to=1\.1/);
  const red = v.locator('.vw-redline');
  assert.match(await red.locator('ins').first().innerText(), /mbili|two/i);
  assert.match(await red.innerText(), /Two firewalls at every gateway/);
  await clean(v, 'document page with redline (en)');
  await v.locator('.vw-history a', { hasText: '1.0' }).click();
  await v.waitForURL(/\/editions\/1\.0$/);
  assert.match(await v.locator('.vw-edition-banner').innerText(), /Superseded/);
  assert.match(await v.locator('.vw-edition-banner').innerText(), /Two firewalls at every gateway/, 'the reason is the change summary');
  await clean(v, 'superseded edition page (en)');
  await v.goto(`${e.base}/library/documents/${SLUG}/editions/1.1?lang=sw`);
  assert.match(await v.locator('.vw-redline').innerText(), /mbili/);
  await clean(v, 'edition page with what changed (sw)');

  // 5. NIDA's ICT officer (Kiswahili) starts the institution's policy from the model template and
  //    records that it implements the new standard.
  const o = await newPage();
  await signIn(o, officer, 'sw');
  await o.goto(`${e.base}/library/templates`);
  await clean(o, 'templates page (sw)');
  await o.locator('main .vw-result a').first().click();
  await o.waitForURL(/\/library\/documents\/.+\/editions\//);
  await clean(o, 'template page (sw)');
  await o.getByRole('link', { name: 'Anzisha hati ya taasisi yako kutoka kiolezo hiki' }).click();
  await o.waitForURL(/\/library\/manage\/new\?/);
  assert.notEqual(await o.inputValue('#templateEditionId'), '', 'the template is chosen');
  assert.equal(await o.inputValue('#level'), '3');
  await clean(o, 'new document form from a template (sw)');
  await o.fill('#code', 'NIDA/ICT/POL/050');
  await o.fill('#titleSw', 'Sera ya ngomemtandao ya NIDA');
  await o.fill('#titleEn', 'NIDA firewall policy');
  await o.selectOption('#groupCode', 'SA');
  await o.fill('#implements', CODE);
  await o.getByRole('button', { name: 'Anzisha rasimu' }).click();
  await o.waitForURL(/\/library\/manage\/editions\/[0-9a-f-]{36}$/);
  assert.ok((await o.locator('.vw-editor-section').count()) > 0, 'the draft starts with the template’s sections');
  await clean(o, 'policy editor (sw)');

  // It traces to the standard, and NIDA people see the link both ways.
  await o.goto(`${e.base}/library/documents/nida-ict-pol-050`);
  const aside = o.locator('aside.vw-sidebar');
  assert.match(await aside.innerText(), /Inatekeleza/);
  assert.equal(await aside.locator('a', { hasText: CODE }).count(), 1);
  await clean(o, 'policy page (sw)');
  await o.goto(`${e.base}/library/documents/${SLUG}`);
  assert.equal(await o.locator('aside.vw-sidebar a', { hasText: 'NIDA/ICT/POL/050' }).count(), 1, 'the standard shows the policy that implements it');
  await clean(o, 'standard page with its implementing policy (sw)');

  // The policy stays invisible to a visitor and to another institution's officer.
  const missing = await v.goto(`${e.base}/library/documents/nida-ict-pol-050`);
  assert.equal(missing!.status(), 404);
  await clean(v, 'not found page (en)');
  await v.goto(`${e.base}/library/documents/${SLUG}`);
  assert.equal(await v.locator('aside.vw-sidebar a', { hasText: 'NIDA/ICT/POL/050' }).count(), 0);
  const b = await newPage();
  await signIn(b, brela, 'en');
  assert.equal((await b.goto(`${e.base}/library/documents/nida-ict-pol-050`))!.status(), 404);
  await b.goto(`${e.base}/library/documents/${SLUG}`);
  assert.equal(await b.locator('aside.vw-sidebar a', { hasText: 'NIDA/ICT/POL/050' }).count(), 0);
});

test('reading a document and searching work with JavaScript turned off', async () => {
  const page = await newPage({ javaScriptEnabled: false });
  await page.goto(`${e.base}/library?lang=en`);
  await page.fill('#q', 'ngomemtandau');
  await page.locator('form[role=search] button[type=submit]').click();
  await page.waitForURL(/q=ngomemtandau/);
  // Both published editions match; the one in force comes first.
  await page.locator('.vw-result a', { hasText: CODE }).first().click();
  await page.waitForURL(new RegExp(`/library/documents/${SLUG}/editions/1\\.1$`));
  assert.match(await mainText(page), /two independent firewalls/);
  await page.goto(`${e.base}/library/documents/${SLUG}`);
  await page.getByRole('button', { name: 'Show changes' }).click();
  await page.waitForURL(/from=1\.0&to=1\.1/);
  assert.ok((await page.locator('.vw-redline ins').count()) > 0);
});
