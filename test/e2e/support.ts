// End-to-end support: a real server on a free port, Debian's Chromium through playwright-core,
// and an axe-core check that fails on any violation.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import assert from 'node:assert/strict';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.ts';
import { createTestDb, testConfig, TEST_PASSWORD, type TestDb } from '../helpers.ts';
import { currentCode } from '../../src/modules/identity/totp.service.ts';
import type { User } from '../../src/modules/identity/users.service.ts';
import type { Config } from '../../src/config.ts';

const require = createRequire(import.meta.url);
const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface E2E extends TestDb {
  app: FastifyInstance;
  base: string;
  browser: Browser;
  /** A page in a browser context of its own (its own cookies), with or without JavaScript; closed by close(). */
  newPage(js?: boolean): Promise<Page>;
  /** Signs the user in through the login page, enrolling two-factor authentication when asked. */
  signIn(page: Page, user: User, lang: 'sw' | 'en'): Promise<void>;
  close(): Promise<void>;
}

export async function startE2E(overrides: Partial<Config> = {}): Promise<E2E> {
  const tdb = await createTestDb();
  const app = await buildApp({ config: testConfig(overrides), db: tdb.db });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const port = (app.server.address() as { port: number }).port;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const base = `http://127.0.0.1:${port}`;
  const contexts: BrowserContext[] = [];
  return {
    ...tdb,
    app,
    base,
    browser,
    async newPage(js = true) {
      const c = await browser.newContext({ javaScriptEnabled: js });
      contexts.push(c);
      return c.newPage();
    },
    async signIn(page, user, lang) {
      await page.goto(`${base}/login?lang=${lang}`);
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
    },
    async close() {
      for (const c of contexts) await c.close().catch(() => {});
      await browser.close();
      await app.close();
      await tdb.close();
    },
  };
}

export interface AxeViolation {
  id: string;
  impact: string;
  help: string;
  nodes: { target: string[] }[];
}

/** Runs axe-core on the page (WCAG 2.1 A/AA rules) and returns its violations, formatted for a message. */
export async function axeViolations(page: Page): Promise<string[]> {
  // Evaluated through the DevTools protocol, which the page's CSP does not govern.
  await page.evaluate(axeSource);
  const violations = (await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: unknown[] }> } }).axe;
    const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } });
    return r.violations;
  })) as AxeViolation[];
  return violations.map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

const SCREENSHOTS = process.env.E2E_SCREENSHOTS;

/** Fails unless axe finds nothing on the page; with E2E_SCREENSHOTS=dir, also saves a screenshot named after `where`. */
export async function assertAccessible(page: Page, where: string): Promise<void> {
  if (SCREENSHOTS) await page.screenshot({ path: `${SCREENSHOTS}/${where.replace(/[^a-z0-9]+/gi, '-')}.png`, fullPage: true });
  assert.deepEqual(await axeViolations(page), [], `accessibility of ${where}`);
}

/** The text of the page's main element. */
export const mainText = (page: Page): Promise<string> => page.locator('main').innerText();
