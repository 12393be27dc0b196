// Page weight as a visitor's browser sees it: Chromium (playwright-core, /usr/bin/chromium) opens
// each page twice in one browser profile: a first visit with an empty cache, then a repeat visit
// (a new navigation, as when the visitor comes back; not a reload, which revalidates everything).
// Bytes are what crossed the network, headers included (DevTools' encodedDataLength), summed over
// every request the page made; requests answered from the browser's cache cost nothing.
// Usage: node --import tsx bench/page-weight.ts   (PAGES='/library|/' CHROMIUM_PATH=/usr/bin/chromium)
import { chromium } from 'playwright-core';
import { runViwango, scratchDatabase, scratchDir, startViwango } from './support.ts';

const PAGES = (process.env.PAGES ?? '/library|/library/documents/ega-ext-ita-001|/').split('|');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

interface Visit {
  bytes: number;
  requests: number;
  fromCache: number;
  byType: Map<string, number>;
}

const db = await scratchDatabase('viwango_bench_weight');
const data = scratchDir('viwango-bench-weight-');
const rows: string[] = [];
try {
  await runViwango(['seed', '--demo'], { DATABASE_URL: db.url });
  const server = await startViwango({ DATABASE_URL: db.url, DATA_DIR: data.dir });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
  try {
    for (const path of PAGES) {
      const context = await browser.newContext();
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send('Network.enable');
      let visit: Visit;
      const types = new Map<string, string>();
      cdp.on('Network.responseReceived', (e) => types.set(e.requestId, e.type));
      cdp.on('Network.loadingFinished', (e) => {
        // Nothing received: the browser answered from its own cache.
        if (e.encodedDataLength === 0) return void visit.fromCache++;
        visit.bytes += e.encodedDataLength;
        visit.requests++;
        const t = types.get(e.requestId) ?? 'Other';
        visit.byType.set(t, (visit.byType.get(t) ?? 0) + e.encodedDataLength);
      });
      const go = async () => {
        visit = { bytes: 0, requests: 0, fromCache: 0, byType: new Map() };
        await page.goto(server.url + path, { waitUntil: 'networkidle' });
        return visit;
      };
      const first = await go();
      // Away and back, as a reader following a link and returning later.
      await page.goto('about:blank');
      const again = await go();
      const kb = (n: number) => (n / 1024).toFixed(1);
      const parts = (v: Visit) => [...v.byType].map(([t, n]) => `${t.toLowerCase()} ${kb(n)}`).join(', ');
      rows.push(`| ${path} | ${kb(first.bytes)} KB (${first.requests} requests: ${parts(first)}) | ${kb(again.bytes)} KB (${again.requests} over the network: ${parts(again) || '–'}; ${again.fromCache} from the browser's cache) |`);
      await context.close();
    }
  } finally {
    await browser.close();
    await server.stop();
  }
} finally {
  await db.drop();
  data.remove();
}
console.log('| page | first visit, transferred | repeat visit, transferred |');
console.log('|---|---|---|');
for (const r of rows) console.log(r);
