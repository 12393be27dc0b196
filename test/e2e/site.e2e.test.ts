import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startE2E, axeViolations, type E2E } from './support.ts';

let e: E2E;
before(async () => {
  e = await startE2E();
});
after(() => e?.close());

test('home and About open in Kiswahili, switch to English and back, with no accessibility violations', async () => {
  const ctx = await e.browser.newContext();
  const page = await ctx.newPage();
  const errors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (err) => errors.push(err.message));

  await page.goto(e.base + '/');
  assert.equal(await page.getAttribute('html', 'lang'), 'sw');
  assert.equal(await page.locator('h1').innerText(), 'Viwango vya Serikali Mtandao mahali pamoja');
  assert.deepEqual(await axeViolations(page), []);

  await page.getByRole('link', { name: 'English' }).click();
  await page.waitForURL(/lang=en/);
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  assert.equal(await page.locator('h1').innerText(), 'e-Government standards in one place');
  assert.deepEqual(await axeViolations(page), []);

  // The choice sticks: the About page link opens in English without ?lang.
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'About' }).click();
  await page.waitForURL(/\/about$/);
  assert.equal(await page.locator('h1').innerText(), 'About the e-Government Authority');
  assert.deepEqual(await axeViolations(page), []);

  await page.getByRole('link', { name: 'Kiswahili' }).click();
  await page.waitForURL(/lang=sw/);
  assert.equal(await page.locator('h1').innerText(), 'Kuhusu Mamlaka ya Serikali Mtandao');
  assert.deepEqual(await axeViolations(page), []);

  await page.goto(e.base + '/framework?lang=sw');
  assert.deepEqual(await axeViolations(page), []);
  assert.deepEqual(errors, [], 'no script errors, missing files or CSP violations in the console');
  await page.goto(e.base + '/no-such-page');
  assert.deepEqual(await axeViolations(page), []);
  await ctx.close();
});

test('the keyboard reaches the skip link first, and it moves focus to the main content', async () => {
  const ctx = await e.browser.newContext();
  const page = await ctx.newPage();
  await page.goto(e.base + '/?lang=en');
  await page.keyboard.press('Tab');
  const focused = await page.evaluate(() => document.activeElement?.textContent?.trim());
  assert.equal(focused, 'Skip to main content');
  await page.keyboard.press('Enter');
  assert.match(page.url(), /#main-content$/);
  await ctx.close();
});

test('pages work with JavaScript turned off', async () => {
  const ctx = await e.browser.newContext({ javaScriptEnabled: false });
  const page = await ctx.newPage();
  await page.goto(e.base + '/framework?lang=en');
  assert.equal(await page.locator('h1').innerText(), 'The e-Government standards framework');
  assert.equal(await page.locator('ol.vw-groups > li').count(), 9);
  await ctx.close();
});
