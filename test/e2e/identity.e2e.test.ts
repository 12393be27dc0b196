// Issue 3's end-to-end story in Chromium: an administrator invites an ICT officer; the officer sets a
// password, enrols two-factor, signs in, sees only their own institution, and signs out. The admin
// works in English and the officer in Kiswahili; every page visited is checked with axe-core.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { startE2E, axeViolations, type E2E } from './support.ts';
import { ctxAs, makeUser, TEST_PASSWORD } from '../helpers.ts';
import { currentCode, unusedCode } from '../../src/modules/identity/totp.service.ts';
import { totpSecretContext } from '../../src/platform/stored-secrets.ts';
import { loadLibraryReference } from '../../src/modules/library/seed.ts';
import { createDocument } from '../../src/modules/library/documents.service.ts';

let e: E2E;
before(async () => {
  e = await startE2E();
});
after(() => e?.close());

async function clean(page: Page, where: string) {
  assert.deepEqual(await axeViolations(page), [], `accessibility of ${where}`);
}

async function enrolFromSetupPage(page: Page, email: string) {
  const secret = (await page.locator('#totp-secret').innerText()).trim();
  await page.fill('#code', currentCode(email, secret));
  await page.locator('main form button[type=submit]').click();
  await page.locator('#recovery-codes').waitFor();
  assert.equal(await page.locator('#recovery-codes li').count(), 10);
}

test('an admin invites an officer, who sets a password, enrols two-factor, signs in, sees only their institution and signs out', async () => {
  const admin = await makeUser(e.db, 'admin', undefined, { name: 'Asha Admin' });
  // Another institution's internal draft, which the NIDA officer must never see.
  await loadLibraryReference(e.db);
  const brelaOfficer = await ctxAs(e.db, await makeUser(e.db, 'institution_officer', 'BRELA'));
  const brelaId = (await e.db.query<{ id: string }>("SELECT id FROM institutions WHERE acronym = 'BRELA'"))[0].id;
  const brelaDraft = await createDocument(brelaOfficer, { code: 'BRELA/ICT/POL/001', level: 3, kind: 'policy', issuerId: brelaId, titleSw: 'Sera ya TEHAMA ya BRELA', titleEn: 'BRELA ICT policy' });
  const adminCtx = await e.browser.newContext();
  const a = await adminCtx.newPage();

  // The administrator signs in (in English) and must enrol two-factor first.
  await a.goto(`${e.base}/login?lang=en`);
  await clean(a, 'sign-in page');
  await a.fill('#email', admin.email);
  await a.fill('#password', TEST_PASSWORD);
  await a.getByRole('button', { name: 'Sign in' }).click();
  await a.waitForURL(/\/login\/two-factor\/setup/);
  await clean(a, 'two-factor set-up page');
  await enrolFromSetupPage(a, admin.email);
  await clean(a, 'recovery codes page');
  await a.getByRole('link', { name: 'Continue' }).click();

  // Invite the officer.
  await a.goto(`${e.base}/admin/people/new`);
  await clean(a, 'invite form');
  await a.getByRole('button', { name: /invit/i }).click();
  assert.ok(await a.locator('.govuk-error-summary').isVisible(), 'an empty form shows the error summary');
  await a.fill('#name', 'Neema Juma');
  await a.fill('#email', 'neema.juma@nida.go.tz');
  await a.selectOption('#lang', 'sw');
  await a.selectOption('#role', 'institution_officer');
  const nidaValue = await a.locator('#institution option', { hasText: 'NIDA' }).first().getAttribute('value');
  await a.selectOption('#institution', nidaValue!);
  await a.getByRole('button', { name: /invit/i }).click();
  await a.waitForURL(/\/admin\/people\/[0-9a-f-]{36}/);
  assert.match(await a.locator('main').innerText(), /neema\.juma@nida\.go\.tz/);
  await clean(a, 'person page');

  // The invitation e-mail (read from the outbox, as the development mailer keeps it).
  const [mail] = await e.db.query<{ body_text: string; subject: string }>("SELECT subject, body_text FROM mail_outbox WHERE to_address = 'neema.juma@nida.go.tz'");
  assert.match(mail.subject, /Umealikwa/, 'the e-mail is in the invitee’s language');
  const link = mail.body_text.match(/https?:\/\/\S+(\/invite\/\S+)/)![1];

  // The officer, in Kiswahili, sets a password.
  const officerCtx = await e.browser.newContext();
  const o = await officerCtx.newPage();
  await o.goto(`${e.base}${link}`);
  assert.equal(await o.getAttribute('html', 'lang'), 'sw');
  assert.match(await o.locator('h1').innerText(), /Andaa akaunti yako/);
  await clean(o, 'invitation page');
  await o.fill('#password', 'short');
  await o.fill('#confirm', 'short');
  await o.getByRole('button', { name: 'Hifadhi nenosiri' }).click();
  assert.match(await o.locator('.govuk-error-summary').innerText(), /herufi 12/);
  await clean(o, 'invitation page with errors');
  await o.fill('#password', 'mvua-ya-masika-inanyesha');
  await o.fill('#confirm', 'mvua-ya-masika-inanyesha');
  await o.getByRole('button', { name: 'Hifadhi nenosiri' }).click();
  await o.waitForURL(/\/login/);

  // Signs in, then enrols two-factor from the account page.
  await o.fill('#email', 'neema.juma@nida.go.tz');
  await o.fill('#password', 'mvua-ya-masika-inanyesha');
  await o.getByRole('button', { name: 'Ingia' }).click();
  await o.goto(`${e.base}/account`);
  assert.match(await o.locator('main').innerText(), /Afisa TEHAMA — NIDA/);
  await clean(o, 'account page');
  await o.getByRole('link', { name: 'Weka uthibitishaji wa hatua mbili' }).click();
  await enrolFromSetupPage(o, 'neema.juma@nida.go.tz');

  // Signs out and in again: now the code is asked for.
  await o.getByRole('link', { name: 'Endelea' }).click();
  await o.getByRole('button', { name: 'Toka' }).click();
  await o.waitForURL(/\/login/);
  await o.fill('#email', 'neema.juma@nida.go.tz');
  await o.fill('#password', 'mvua-ya-masika-inanyesha');
  await o.getByRole('button', { name: 'Ingia' }).click();
  await o.waitForURL(/\/login\/two-factor/);
  await clean(o, 'security code page');
  // The enrolment code's step is spent; the stored key is sealed.
  const [row] = await e.db.query<{ id: string; totp_secret: string; totp_last_step: string }>("SELECT id, totp_secret, totp_last_step FROM users WHERE email = 'neema.juma@nida.go.tz'");
  const secret = e.app.secrets.open(row.totp_secret, totpSecretContext(row.id));
  await o.fill('#code', unusedCode('neema.juma@nida.go.tz', secret, Number(row.totp_last_step)));
  await o.getByRole('button', { name: 'Endelea' }).click();
  await o.waitForURL((u) => !u.pathname.startsWith('/login'));

  // Only their own institution: administration is closed to them, and another institution's records are not found.
  const adminPage = await o.goto(`${e.base}/admin/people`);
  assert.equal(adminPage!.status(), 403);
  await clean(o, 'forbidden page');
  const audit = await o.goto(`${e.base}/admin/audit`);
  assert.equal(audit!.status(), 403);
  const other = await o.goto(`${e.base}/library/documents/${brelaDraft.doc.slug}`);
  assert.equal(other!.status(), 404);
  const otherDraft = await o.goto(`${e.base}/library/manage/editions/${brelaDraft.edition.id}`);
  assert.equal(otherDraft!.status(), 404);
  await o.goto(`${e.base}/library/manage`);
  assert.doesNotMatch(await o.locator('main').innerText(), /BRELA\/ICT\/POL\/001/);
  await clean(o, 'your documents page');

  await o.goto(`${e.base}/account`);
  await o.getByRole('button', { name: 'Toka' }).click();
  await o.waitForURL(/\/login/);
  const after = await o.goto(`${e.base}/account`);
  assert.match(after!.url(), /\/login\?next=/);
  await adminCtx.close();
  await officerCtx.close();
});
