// OSCAL in Chromium: an authority reviewer loads the NIST SP 800-53 moderate baseline through the
// upload page (checked at once, loaded by a background job whose page shows it) and sees 18 groups
// and 287 controls; an e-GA author, in Kiswahili, finds a control and
// maps a requirement to it, then removes the mapping; a visitor reads the OSCAL page without
// JavaScript. Every page is checked with axe-core.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { startE2E, assertAccessible, type E2E } from './support.ts';
import { makeUser, testConfig } from '../helpers.ts';
import { runJobsNow } from '../../src/platform/jobs/index.ts';
import { complianceWorld, type ComplianceWorld } from '../compliance-fixture.ts';

const NIST = path.resolve('../shared/oscal/NIST_SP-800-53_rev5_MODERATE-baseline-resolved-profile_catalog-min.json');
let e: E2E;
let world: ComplianceWorld;
before(async () => {
  e = await startE2E();
  world = await complianceWorld(e.db, { institutions: ['NIDA'], answers: 'all' });
});
after(async () => {
  await e?.close();
});

test('a reviewer uploads the NIST catalog; an author maps a requirement in Kiswahili; a visitor reads the page without JavaScript', async () => {
  const reviewer = await makeUser(e.db, 'authority_reviewer', 'e-GA');
  const page = await e.newPage();
  await e.signIn(page, reviewer, 'en');
  await page.goto(`${e.base}/compliance/oscal/import`);
  await assertAccessible(page, 'the catalog upload page');
  await page.setInputFiles('#file', NIST);
  await page.getByRole('button', { name: 'Load the catalog' }).click();
  // Checked at once, loaded in the background: the job's page shows it waiting, then (the page's
  // script swaps the block in) what it loaded.
  await page.waitForURL((u) => /^\/compliance\/oscal\/import\/jobs\/[0-9]+$/.test(u.pathname));
  assert.match(await page.locator('main').innerText(), /Waiting/);
  await assertAccessible(page, 'the catalog load waiting');
  await runJobsNow(e.db, { config: testConfig(), until: 'idle' });
  await page.getByText(/18 groups and 287 controls loaded/).waitFor();
  assert.match(await page.locator('main').innerText(), /MODERATE IMPACT BASELINE/);
  await assertAccessible(page, 'the catalog load finished');
  await page.locator('main').getByRole('link', { name: 'OSCAL exchange' }).click();
  await page.waitForURL((u) => u.pathname === '/compliance/oscal');
  assert.match(await page.locator('main').innerText(), /MODERATE IMPACT BASELINE/);
  await assertAccessible(page, 'the OSCAL page after loading');

  const author = await makeUser(e.db, 'issuer_author', 'e-GA', { lang: 'sw' });
  const ap = await e.newPage();
  await e.signIn(ap, author, 'sw');
  await ap.goto(`${e.base}/compliance/oscal?lang=sw`);
  await assertAccessible(ap, 'the OSCAL page for an author, with the requirements to map');
  await ap.getByRole('link', { name: `${world.documentCode} §1.3` }).click();
  await ap.waitForURL((u) => u.pathname === `/compliance/oscal/requirements/${world.requirementIds[2]}/mappings`);
  await assertAccessible(ap, 'the mapping page');
  await ap.fill('#q', 'sc-28');
  await ap.getByRole('button', { name: 'Tafuta' }).click();
  await ap.locator('table').first().waitFor();
  await assertAccessible(ap, 'the control search results');
  await ap.selectOption('#relation-0', 'subset');
  await ap.getByRole('button', { name: /Oanisha na .*sc-28$/ }).click();
  await ap.getByText('Uoanishaji umehifadhiwa.').waitFor();
  assert.match(await ap.locator('main').innerText(), /sc-28[\s\S]*Sehemu/);
  await assertAccessible(ap, 'the mapping page with a mapping');
  const catalog = await (await fetch(`${e.base}/api/v1/compliance/oscal/catalog`)).json() as { catalog: { groups: { controls: { props: { name: string; value: string; class?: string }[] }[] }[] } };
  const props = catalog.catalog.groups.flatMap((g) => g.controls).flatMap((c) => c.props);
  assert.ok(props.some((p) => p.name === 'maps-to' && p.value.endsWith(':sc-28') && p.class === 'subset'));
  await ap.getByRole('button', { name: /Ondoa uoanishaji na .*sc-28$/ }).click();
  await ap.getByText('Uoanishaji umeondolewa.').waitFor();

  const visitor = await e.newPage(false);
  await visitor.goto(`${e.base}/compliance/oscal?lang=sw`);
  assert.match(await visitor.locator('main').innerText(), /Mifumo rejea[\s\S]*287/);
  const withJs = await e.newPage();
  await withJs.goto(`${e.base}/compliance/oscal?lang=sw`);
  await assertAccessible(withJs, 'the OSCAL page for a visitor');
  await withJs.screenshot({ path: '/tmp/oscal-visitor.png', fullPage: true });
  await ap.goto(`${e.base}/compliance/oscal/requirements/${world.requirementIds[2]}/mappings?lang=sw&q=ac-2`);
  await ap.screenshot({ path: '/tmp/oscal-mapping.png', fullPage: true });
});
