import { chromium } from 'playwright-core';
const [,, url, out, width] = process.argv;
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-gpu','--disable-background-networking','--disable-component-update','--disable-sync','--no-first-run'] });
const p = await b.newPage({ viewport: { width: Number(width||1200), height: 900 } });
await p.goto(url);
await p.screenshot({ path: out, fullPage: true });
await b.close();
