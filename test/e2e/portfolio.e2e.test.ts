// The portfolio in Chromium: a NIDA officer registers a records system and is shown, before saving,
// that the shared e-Office and other institutions' systems already do the job; an authority reviewer
// (enrolling two-factor, in Kiswahili) confirms one overlap cluster and rejects another, and a later
// run keeps both decisions; the capability matrix, the integration map and the dashboard render; a
// visitor reads the e-services catalogue without JavaScript. The officer also files an integration's
// data-sharing agreement. Every page is checked with axe-core.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { startE2E, assertAccessible, mainText, type E2E } from './support.ts';
import { makeUser, testConfig } from '../helpers.ts';
import { runJobsNow } from '../../src/platform/jobs/index.ts';
import { loadPortfolioDemo } from '../../src/modules/portfolio/demo.ts';

let e: E2E;
before(async () => {
  e = await startE2E();
  await loadPortfolioDemo(e.db, testConfig());
});
after(async () => {
  await e?.close();
});

test('an officer registers a system after seeing reuse advice; a reviewer decides on overlaps; national views render', async () => {
  // 1. NIDA's officer, in English.
  const officer = await makeUser(e.db, 'institution_officer', 'NIDA');
  const p = await e.newPage();
  await e.signIn(p, officer, 'en');
  await p.goto(`${e.base}/portfolio/institutions/NIDA?lang=en`);
  await assertAccessible(p, 'institution portfolio');
  await p.getByRole('button', { name: 'Register a system' }).click();
  await p.waitForURL(/\/portfolio\/systems\/new/);
  await assertAccessible(p, 'register form');
  await p.fill('#name', 'Records Management System');
  await p.fill('#purpose', 'Keeps incoming and outgoing letters, memos and electronic files of the authority.');
  await p.getByRole('button', { name: 'Check for existing systems' }).click();
  await p.locator('#reuse').waitFor();
  const advice = await p.locator('#reuse').innerText();
  assert.match(advice, /Shared system/, 'the shared e-Office is offered');
  assert.match(advice, /TCU|NECTA/, 'another institution\'s records system is offered');
  await assertAccessible(p, 'register form with reuse advice');
  // Nothing was saved by the check; now save it.
  await p.fill('#code', 'RMS');
  await p.getByRole('button', { name: 'Save', exact: true }).click();
  await p.waitForURL(/\/portfolio\/systems\/[0-9a-f-]{36}\?saved=1/);
  assert.match(await mainText(p), /Records Management System/);
  await assertAccessible(p, 'system page');

  // The officer files the data-sharing agreement of one of NIDA's integrations (decision 0215).
  const [{ id: verify }] = await e.db.query<{ id: string }>("SELECT s.id FROM portfolio_systems s JOIN institutions i ON i.id = s.institution_id WHERE i.acronym = 'NIDA' AND s.code = 'VERIFY'");
  await p.goto(`${e.base}/portfolio/systems/${verify}?lang=en`);
  await p.getByRole('link', { name: 'Identity of company directors' }).click();
  await p.waitForURL(/\/portfolio\/integrations\/[0-9a-f-]{36}/);
  await assertAccessible(p, 'integration page');
  const agreement = await PDFDocument.create();
  agreement.addPage().drawText('Data-sharing agreement NIDA and BRELA', { x: 50, y: 700, size: 12, font: await agreement.embedFont(StandardFonts.Helvetica) });
  await p.setInputFiles('#file', { name: 'NIDA-BRELA agreement.pdf', mimeType: 'application/pdf', buffer: Buffer.from(await agreement.save()) });
  await p.getByRole('button', { name: 'Upload the agreement' }).click();
  await p.waitForURL(/saved=1/);
  assert.match(await mainText(p), /The agreement file was saved/);
  assert.equal(await p.getByRole('link', { name: 'NIDA-BRELA agreement.pdf' }).count(), 1, 'the file is linked for download');
  await assertAccessible(p, 'integration page with its agreement');

  // 2. An authority reviewer, in Kiswahili, after the overlaps are recomputed in the background.
  await runJobsNow(e.db, { until: 'idle' });
  const reviewer = await makeUser(e.db, 'authority_reviewer');
  const r = await e.newPage();
  await e.signIn(r, reviewer, 'sw');
  await r.goto(`${e.base}/portfolio/overlaps?lang=sw`);
  await assertAccessible(r, 'overlaps (sw)');
  const clusterWith = (text: string) => r.locator('section.vw-box', { hasText: text });
  const hr = clusterWith('TEMESA');
  const complaints = clusterWith('MALALAMIKO');
  assert.equal(await hr.count(), 1, 'the HR cluster is there');
  assert.equal(await complaints.count(), 1, 'the complaints cluster is there');
  await hr.locator('select[name=verdict]').selectOption('confirmed');
  await hr.getByRole('button', { name: 'Hifadhi uamuzi' }).click();
  await r.waitForURL(/\/portfolio\/overlaps/);
  await clusterWith('MALALAMIKO').locator('select[name=verdict]').selectOption('not_overlap');
  await clusterWith('MALALAMIKO').getByRole('button', { name: 'Hifadhi uamuzi' }).click();
  await r.waitForURL(/\/portfolio\/overlaps/);
  // A later run keeps both decisions.
  await runJobsNow(e.db, { until: 'idle' });
  await r.goto(`${e.base}/portfolio/overlaps?lang=sw`);
  assert.match(await clusterWith('TEMESA').innerText(), /Urudufu umethibitishwa/);
  assert.equal(await clusterWith('MALALAMIKO').count(), 0, 'the rejected cluster does not come back');

  // 3. National views.
  for (const [path, what] of [['/portfolio/matrix', 'matrix'], ['/portfolio/map', 'integration map'], ['/portfolio/dashboard', 'dashboard'], ['/portfolio?capability=HR', 'catalogue']] as const) {
    await r.goto(`${e.base}${path}${path.includes('?') ? '&' : '?'}lang=en`);
    await assertAccessible(r, what);
  }
  await r.goto(`${e.base}/portfolio/map?lang=en`);
  assert.ok(await r.locator('svg.vw-map a').count() >= 5, 'systems on the map are links');
  await r.locator('svg.vw-map a').first().focus();
  assert.equal(await r.evaluate(() => document.activeElement?.tagName.toLowerCase()), 'a', 'the map is keyboard-reachable');
  assert.ok(await r.locator('#integrations tbody tr').count() >= 5, 'the map has its table');
});

test('a visitor reads the e-services and shared-systems catalogues without JavaScript', async () => {
  const v = await e.newPage(false);
  await v.goto(`${e.base}/portfolio/eservices?lang=sw`);
  assert.match(await mainText(v), /Kusajili kampuni/);
  await v.goto(`${e.base}/portfolio/eservices?lang=en&audience=businesses`);
  assert.match(await mainText(v), /Register a company/);
  assert.doesNotMatch(await mainText(v), /Apply for a national ID/);
  await v.goto(`${e.base}/portfolio/shared?lang=en`);
  assert.match(await mainText(v), /e-Office/);
  // axe-core itself needs JavaScript: the same pages in an ordinary browser.
  const a = await e.newPage();
  for (const path of ['/portfolio/eservices?lang=sw', '/portfolio/shared?lang=en']) {
    await a.goto(`${e.base}${path}`);
    await assertAccessible(a, path);
  }
});
