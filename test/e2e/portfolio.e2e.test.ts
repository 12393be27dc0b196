// The portfolio in Chromium: a NIDA officer registers a records system and is shown, before saving,
// that the shared e-Office and other institutions' systems already do the job; an authority reviewer
// (enrolling two-factor, in Kiswahili) confirms one overlap cluster and rejects another, and a later
// run keeps both decisions; the capability matrix, the integration map and the dashboard render; a
// visitor reads the e-services catalogue without JavaScript. The officer also files an integration's
// data-sharing agreement. A NIDA officer uploads a spreadsheet with two bad rows, sees the row errors
// (in English and in Kiswahili), uploads it corrected, previews and applies it, and follows the
// background job to its result. Every page is checked with axe-core.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { startE2E, assertAccessible, mainText, type E2E } from './support.ts';
import { makeUser, testConfig } from '../helpers.ts';
import { runJobsNow } from '../../src/platform/jobs/index.ts';
import { loadPortfolioDemo } from '../../src/modules/portfolio/demo.ts';
import { IMPORT_HEADER } from '../../src/modules/portfolio/import.file.ts';

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

test('an officer imports a spreadsheet: row errors, corrected file, preview, apply in the background, result', async () => {
  const officer = await makeUser(e.db, 'institution_officer', 'NIDA');
  const p = await e.newPage();
  await e.signIn(p, officer, 'en');
  const file = (...rows: string[]) => ({ name: 'nida-systems.csv', mimeType: 'text/csv', buffer: Buffer.from([IMPORT_HEADER, ...rows].join('\r\n') + '\r\n') });
  const good = [
    'NIDA,NIDA-BIO,Biometric Enrolment Gateway,Lango la Usajili wa Alama za Vidole,Captures fingerprints and photographs at registration centres,,production,govdc,1200,yes,yes,,In-house,2019-07-01,450000000,120000000',
    'NIDA,NIDA-VERIFY,Identity Verification Service,Huduma ya Uthibitishaji wa Utambulisho,Lets banks and telecoms verify national ID numbers,,production,gov_cloud,,yes,yes,,In-house,2021-03-15,,',
  ];
  const bad = [
    'NIDA,NIDA-CARD,Card Printing System,Mfumo wa Kuchapisha Vitambulisho,Prints and tracks national ID cards,,live,on_premises,40,yes,no,,Vendor Ltd,,,',
    'NIDA,NIDA-HELP,Help Desk,Dawati la Msaada,Answers citizens’ questions about registration,,production,govdc,,no,no,,,31/12/2020,,',
  ];
  const fixed = [
    'NIDA,NIDA-CARD,Card Printing System,Mfumo wa Kuchapisha Vitambulisho,Prints and tracks national ID cards,,production,on_premises,40,yes,no,,Vendor Ltd,,,',
    'NIDA,NIDA-HELP,Help Desk,Dawati la Msaada,Answers citizens’ questions about registration,,production,govdc,,no,no,,,2020-12-31,,',
  ];

  // 1. The file with two bad rows: the errors name each row and column; nothing can be applied.
  await p.goto(`${e.base}/portfolio/import?lang=en`);
  await assertAccessible(p, 'import upload page');
  await p.setInputFiles('#file', file(...good, ...bad));
  await p.getByRole('button', { name: 'Preview the import' }).click();
  await p.locator('.govuk-error-summary').waitFor();
  const summary = await p.locator('.govuk-error-summary').innerText();
  assert.match(summary, /Row 4, column lifecycle/);
  assert.match(summary, /Row 5, column go_live/);
  assert.equal(await p.getByRole('button', { name: 'Apply the import' }).count(), 0, 'nothing to apply while rows are bad');
  await assertAccessible(p, 'import preview with row errors');
  // The same in Kiswahili.
  await p.goto(`${e.base}/portfolio/import?lang=sw`);
  await p.setInputFiles('#file', file(...good, ...bad));
  await p.getByRole('button', { name: 'Hakiki uingizaji' }).click();
  await p.locator('.govuk-error-summary').waitFor();
  assert.match(await p.locator('.govuk-error-summary').innerText(), /Safu 4, safuwima lifecycle/);
  await assertAccessible(p, 'import preview with row errors (sw)');

  // 2. The corrected file: the preview says what will change; nothing is stored yet.
  await p.goto(`${e.base}/portfolio/import?lang=en`);
  await p.setInputFiles('#file', file(...good, ...fixed));
  await p.getByRole('button', { name: 'Preview the import' }).click();
  await p.getByRole('button', { name: 'Apply the import' }).waitFor();
  assert.match(await mainText(p), /4 new, 0 changed, 0 unchanged/);
  assert.match(await mainText(p), /Card Printing System/);
  await assertAccessible(p, 'import preview');
  const stored = async () => (await e.db.query(`SELECT code FROM portfolio_systems WHERE code IN ('NIDA-BIO', 'NIDA-VERIFY', 'NIDA-CARD', 'NIDA-HELP')`)).length;
  assert.equal(await stored(), 0);

  // 3. Apply: the background job's page shows where it stands, then its result.
  await p.getByRole('button', { name: 'Apply the import' }).click();
  await p.waitForURL(/\/portfolio\/import\/jobs\/\d+/);
  assert.match(await mainText(p), /Applying the import/);
  assert.match(await mainText(p), /Waiting/);
  assert.equal(await p.getByRole('link', { name: 'Refresh to see the latest progress' }).count(), 1);
  await assertAccessible(p, 'import job waiting');
  assert.equal(await stored(), 0, 'nothing is stored before the job runs');
  await runJobsNow(e.db, { until: 'idle', config: e.app.config });
  // The page refreshes its progress block by itself (app.js) and brings in the result.
  await p.getByText('Import applied: 4 new, 0 changed, 0 unchanged.').waitFor({ timeout: 15_000 });
  assert.match(await p.locator('.vw-job-progress').innerText(), /Finished/);
  await assertAccessible(p, 'import job done');
  assert.equal(await stored(), 4);
  // Without JavaScript the refresh link shows the same; and in Kiswahili.
  const jobPage = new URL(p.url()).pathname;
  const nojs = await e.newPage(false);
  await e.signIn(nojs, officer, 'sw');
  await nojs.goto(`${e.base}${jobPage}?lang=sw`);
  assert.match(await mainText(nojs), /Uingizaji umetekelezwa: 4 mipya, 0 imebadilika, 0 haijabadilika/);
  await p.goto(`${e.base}${jobPage}?lang=sw`);
  await assertAccessible(p, 'import job done (sw)');

  // 4. The new systems are in the registry.
  await p.goto(`${e.base}/portfolio/institutions/NIDA?lang=en`);
  const registry = await mainText(p);
  for (const name of ['Biometric Enrolment Gateway', 'Identity Verification Service', 'Card Printing System', 'Help Desk']) assert.match(registry, new RegExp(name));
});
