// A system's e-services and integrations kept from its page, in Chromium (plain POST forms): NIDA's
// officer adds an e-service after a refused first try (the error summary links to the field), records
// an integration with a BRELA system, and removes both. Every page is checked with axe-core; the
// page with its forms open is saved as a screenshot for review (SCREENSHOT_DIR, when set).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { startE2E, assertAccessible, mainText, type E2E } from './support.ts';
import { makeUser, testConfig } from '../helpers.ts';
import { loadPortfolioDemo } from '../../src/modules/portfolio/demo.ts';

let e: E2E;
before(async () => {
  e = await startE2E();
  await loadPortfolioDemo(e.db, testConfig());
});
after(async () => {
  await e?.close();
});

test('an officer adds and removes an e-service and an integration from the system page', { timeout: 120_000 }, async () => {
  const officer = await makeUser(e.db, 'institution_officer', 'NIDA');
  const p = await e.newPage();
  p.setDefaultTimeout(15_000);
  await e.signIn(p, officer, 'en');
  const [{ id }] = await e.db.query<{ id: string }>("SELECT s.id FROM portfolio_systems s JOIN institutions i ON i.id = s.institution_id WHERE i.acronym = 'NIDA' AND s.code = 'VERIFY'");
  await p.goto(`${e.base}/portfolio/systems/${id}?lang=en`);
  await assertAccessible(p, 'system page with its forms');

  // The e-service: no channel ticked is refused with the message, the form open with what was typed.
  await p.locator('summary', { hasText: 'Add an e-service' }).click();
  await p.fill('#es-nameEn', 'Verify an identity number by USSD');
  await p.locator('#channels input[value=web]').uncheck();
  await p.getByRole('button', { name: 'Add the e-service' }).click();
  await p.locator('.govuk-error-summary').waitFor();
  assert.match(await p.locator('.govuk-error-summary').innerText(), /Choose at least one channel/);
  assert.equal(await p.inputValue('#es-nameEn'), 'Verify an identity number by USSD');
  await assertAccessible(p, 'system page with a refused e-service');
  await p.locator('#channels input[value=ussd]').check();
  await p.fill('#es-feeTzs', '500');
  await p.getByRole('button', { name: 'Add the e-service' }).click();
  await p.waitForURL(/saved=1#eservices-h/);
  assert.match(await mainText(p), /Verify an identity number by USSD · Citizens · USSD · TZS 500/);

  // The integration: VERIFY consumes from BRELA's e-Office.
  await p.locator('summary', { hasText: 'Add an integration' }).click();
  await p.selectOption('#ig-role', 'consumer');
  await p.fill('#ig-other', 'BRELA/EOFFICE');
  await p.fill('#ig-dataExchanged', 'Signed letters on identity queries');
  await p.selectOption('#ig-channel', 'file_transfer');
  await p.fill('#ig-legalBasis', 'Registration and Identification of Persons Act');
  await p.getByRole('button', { name: 'Add the integration' }).click();
  await p.waitForURL(/saved=1#integrations-h/);
  assert.match(await mainText(p), /Signed letters on identity queries/);
  await p.locator('summary', { hasText: 'Add an e-service' }).click();
  await p.locator('summary', { hasText: 'Add an integration' }).click();
  if (process.env.SCREENSHOT_DIR) await p.screenshot({ path: path.join(process.env.SCREENSHOT_DIR, 'portfolio-system-forms.png'), fullPage: true });
  await assertAccessible(p, 'system page with a new e-service and integration');

  // Removing both, each by its own button (its accessible name says what it removes).
  await p.getByRole('button', { name: /Remove .*Signed letters on identity queries/ }).click();
  await p.waitForURL(/removed=1#integrations-h/);
  assert.doesNotMatch(await mainText(p), /Signed letters on identity queries/);
  await p.getByRole('button', { name: 'Remove Verify an identity number by USSD' }).click();
  await p.waitForURL(/removed=1#eservices-h/);
  assert.match(await mainText(p), /Removed\./);
  assert.doesNotMatch(await mainText(p), /Verify an identity number by USSD/);
});
