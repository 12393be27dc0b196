// Reviews in Chromium: a NIDA officer prepares a proposal for a records-management
// system, the completeness check catches a missing attachment, the head (without JavaScript) submits it; the screening
// shows that the shared e-Office and two other institutions' systems already do the job; a reviewer
// (enrolling two-factor, in Kiswahili) rates the checklist and raises two deficiencies, NIDA answers
// them, and the reviewer approves on condition of using the shared system; the decision letter is a
// PDF in both languages; the working-day clock skips a public holiday the authority added; once live
// the project is in the portfolio with its lineage. Every page is checked with axe-core.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { startE2E, assertAccessible, mainText, type E2E } from './support.ts';
import { makeUser, testConfig } from '../helpers.ts';
import { loadPortfolioDemo } from '../../src/modules/portfolio/index.ts';
import { PdfWriter } from '../../src/platform/pdf/index.ts';
import { addDays, dueDate, isWorkingDay, localDate } from '../../src/modules/reviews/rules.ts';

let e: E2E;
before(async () => {
  e = await startE2E({ dataDir: `/tmp/viwango-reviews-e2e-${process.pid}` });
  await loadPortfolioDemo(e.db, testConfig());
});
after(async () => {
  await e?.close();
});

async function pdf(title: string): Promise<Buffer> {
  const w = await PdfWriter.create({ title, lang: 'en' });
  return Buffer.from(await w.heading(title).paragraph('Attachment for the review.').bytes());
}

async function attach(page: Page, kind: string, label: string) {
  await page.selectOption('#kind', kind);
  await page.setInputFiles('#file', { name: `${kind}.pdf`, mimeType: 'application/pdf', buffer: await pdf(label) });
  await page.getByRole('button', { name: 'Attach the file' }).click();
  await page.waitForLoadState();
}

test('a records-management proposal from preparation to a live system, in both languages, the head without JavaScript', async () => {
  // 0. The authority adds a public holiday on the next working day: the clock must skip it.
  const reviewer = await makeUser(e.db, 'authority_reviewer', undefined, { lang: 'sw' });
  const r = await e.newPage();
  await e.signIn(r, reviewer, 'sw');
  const today = localDate(new Date());
  let holiday = addDays(today, 1);
  const existing = new Set((await e.db.query<{ day: string }>('SELECT day::text AS day FROM review_holidays')).map((h) => h.day));
  while (!isWorkingDay(holiday, existing)) holiday = addDays(holiday, 1);
  await r.goto(`${e.base}/reviews/holidays?lang=sw`);
  await assertAccessible(r, 'holidays (sw)');
  await r.fill('#day', holiday);
  await r.fill('#nameSw', 'Sikukuu ya majaribio');
  await r.fill('#nameEn', 'Test holiday');
  await r.getByRole('button', { name: 'Hifadhi sikukuu' }).click();
  assert.match(await mainText(r), /Sikukuu ya majaribio/);

  // 1. NIDA's officer prepares the proposal, in English.
  const officer = await makeUser(e.db, 'institution_officer', 'NIDA');
  const o = await e.newPage();
  await e.signIn(o, officer, 'en');
  await o.goto(`${e.base}/reviews?lang=en`);
  await assertAccessible(o, 'reviews list');
  await o.getByRole('button', { name: 'New project proposal' }).click();
  await assertAccessible(o, 'proposal form');
  const fill: [string, string][] = [
    ['#title', 'Electronic records management system'], ['#systemName', 'Electronic Records and Document Management System'],
    ['#problem', 'Keep letters, memos, files and documents electronically instead of on paper.'], ['#objectives', 'No lost files; faster replies to citizens.'],
    ['#capabilities', 'ADM.REC'], ['#options', 'In-house build, a commercial product, the shared e-Office.'], ['#scope', 'Headquarters and 28 regional offices.'],
    ['#integrations', 'GovESB for identity verification.'], ['#dataDescription', 'Correspondence and files.'], ['#standards', 'Records management guideline.'],
    ['#usersCount', '400'], ['#capex1', '400000000'], ['#capex2', '50000000'], ['#capex3', '0'], ['#capex4', '0'], ['#capex5', '0'],
    ['#opex1', '20000000'], ['#opex2', '30000000'], ['#opex3', '30000000'], ['#opex4', '30000000'], ['#opex5', '30000000'],
    ['#capexTotal', '450000000'], ['#opexTotal', '150000000'], ['#fundingSource', 'Development budget'], ['#timeline', '12 months'], ['#benefits', 'Faster service'], ['#risks', 'Adoption'],
  ];
  for (const [sel, v] of fill) await o.fill(sel, v);
  await o.selectOption('#hosting', 'govdc');
  await o.selectOption('#personalData', 'yes');
  await o.getByRole('button', { name: 'Save the draft' }).click();
  // The operating total does not add up (140,000,000): the form says so, nothing is saved.
  assert.match(await mainText(o), /total operating cost does not equal the sum/);
  await assertAccessible(o, 'proposal form with errors');
  await o.fill('#opexTotal', '140000000');
  await o.getByRole('button', { name: 'Save the draft' }).click();
  await o.waitForURL(/\/reviews\/cases\//);
  const caseUrl = o.url().split('?')[0];
  await attach(o, 'concept_note', 'Concept note');
  await attach(o, 'requirements', 'Requirements');
  // The completeness check lists the missing business case.
  const missing = await o.locator('#missing-list').innerText();
  assert.match(missing, /Attachment: the business case/);
  await assertAccessible(o, 'case page with what is missing');

  // 2. The head (without JavaScript: axe needs it, so these pages are checked on the others' pages)
  // cannot submit while it is incomplete; once the business case is attached, submits.
  const headUser = await makeUser(e.db, 'institution_head', 'NIDA', { lang: 'sw' });
  const h = await e.newPage(false);
  await e.signIn(h, headUser, 'sw');
  await h.goto(`${caseUrl}?lang=sw`);
  await h.getByRole('button', { name: 'Wasilisha kwa Mamlaka' }).click();
  assert.match(await mainText(h), /Kiambatisho: uchambuzi wa kibiashara/);
  await attach(o, 'business_case', 'Business case');
  await h.goto(`${caseUrl}?lang=sw`);
  await h.getByRole('button', { name: 'Wasilisha kwa Mamlaka' }).click();
  await h.waitForLoadState();
  assert.match(await mainText(h), /Imewasilishwa/);

  // 3. The reviewer sees the screening: the shared e-Office and TCU's and NECTA's records systems.
  await r.goto(`${caseUrl}?lang=sw`);
  const overlaps = await r.locator('#screening-overlaps').innerText();
  assert.match(overlaps, /Mfumo wa Ofisi Mtandao \(e-GA\)/);
  assert.match(overlaps, /Mfumo shirikishi/);
  assert.match(overlaps, /Document Management System \(TCU\)/);
  assert.match(overlaps, /Mfumo wa Kumbukumbu na Nyaraka \(NECTA\)/);
  await assertAccessible(r, 'case page for the reviewer (sw)');

  // The working-day clock skipped the holiday the authority added.
  const holidays = new Set((await e.db.query<{ day: string }>('SELECT day::text AS day FROM review_holidays')).map((x) => x.day));
  const withHoliday = dueDate(today, 20, holidays)!;
  const without = dueDate(today, 20, new Set([...holidays].filter((d) => d !== holiday)))!;
  assert.notEqual(withHoliday, without);
  const [row] = await e.db.query<{ due_on: string }>("SELECT due_on::text AS due_on FROM review_cases WHERE title = 'Electronic records management system'");
  assert.equal(row.due_on, withHoliday);

  // Checklist, two deficiencies.
  await r.selectOption('#rating_reuse', 'red');
  await r.fill('#comment_reuse', 'Mfumo shirikishi wa e-Office tayari unafanya kazi hii.');
  await r.selectOption('#rating_duplication', 'red');
  await r.fill('#comment_duplication', 'Unarudia mifumo ya TCU na NECTA.');
  await r.selectOption('#rating_strategic_alignment', 'green');
  await r.getByRole('button', { name: 'Hifadhi alama' }).click();
  for (const text of ['Eleza kwa nini e-Office haitoshi.', 'Wasilisha mpango wa kuhamisha kumbukumbu.']) {
    await r.fill('#text', text);
    await r.getByRole('button', { name: 'Ibua upungufu' }).click();
    await r.waitForLoadState();
  }
  assert.match(await mainText(r), /Upungufu 2/);

  // 4. NIDA answers both.
  await o.goto(`${caseUrl}?lang=en`);
  for (const n of [1, 2]) {
    await o.fill(`#answer_${n}`, `Answer to deficiency ${n}.`);
    await o.locator(`#deficiency-${n}`).getByRole('button', { name: 'Send the answer' }).click();
    await o.waitForLoadState();
  }
  assert.equal(await o.getByText('Answered', { exact: false }).count() > 0, true);

  // 5. Approved on condition of using the shared system.
  await r.goto(`${caseUrl}?lang=sw`);
  await r.selectOption('#outcome', 'approved_with_conditions');
  await r.getByRole('button', { name: 'Rekodi uamuzi' }).click();
  assert.match(await mainText(r), /uamuzi usio na sababu/);
  await r.selectOption('#outcome', 'approved_with_conditions');
  await r.fill('#reasons', 'Hitaji ni la kweli, lakini e-Office inatoa huduma hii.');
  await r.fill('#conditions', 'Tumia mfumo shirikishi wa e-Office kwa barua na majalada.');
  await r.getByRole('button', { name: 'Rekodi uamuzi' }).click();
  await r.waitForLoadState();
  assert.match(await mainText(r), /Imeidhinishwa kwa masharti/);
  await assertAccessible(r, 'decided case (sw)');

  // The letter in both languages: two different PDFs.
  const letters: Buffer[] = [];
  for (const lang of ['sw', 'en']) {
    const res = await o.context().request.get(`${caseUrl}/decision.pdf?lang=${lang}`);
    assert.equal(res.status(), 200);
    assert.equal(res.headers()['content-type'], 'application/pdf');
    const body = await res.body();
    assert.equal(body.subarray(0, 5).toString(), '%PDF-');
    letters.push(body);
  }
  assert.ok(!letters[0].equals(letters[1]), 'the Kiswahili and English letters differ');

  // 6. Live: it becomes a portfolio system with its lineage.
  await o.goto(`${caseUrl}?lang=en`);
  await o.fill('#code', 'EDRMS');
  await o.getByRole('button', { name: 'Register it in the portfolio' }).click();
  await o.waitForLoadState();
  await o.getByRole('link', { name: /Went live as the portfolio system/ }).click();
  await o.waitForURL(/\/portfolio\/systems\//);
  assert.match(await mainText(o), /Electronic Records and Document Management System/);
  await o.locator('#lineage a').click();
  assert.equal(o.url().split('?')[0].split('#')[0], caseUrl);
  await assertAccessible(o, 'live case (en)');

  // The pipeline shows it among what reviews redirected.
  await r.goto(`${e.base}/reviews/pipeline?lang=en`);
  assert.match(await mainText(r), /Electronic records management system/);
  await assertAccessible(r, 'pipeline');
});
