// A public document page against nginx serving the same compressed bytes from a file, in one run:
// the same client (autocannon), connections and duration for every target. Targets: nginx; Viwango
// on the embedded default; Viwango on a PostgreSQL server; each Viwango also with its page cache
// off (PAGE_CACHE_MB=0), which shows what rendering every request costs; and bare Fastify sending the
// same bytes from memory, the ceiling of any Node.js server here. A visitor's request: no
// cookie, Accept-Encoding: gzip (nginx-light has no brotli, so both sides send gzip bytes).
// Usage: node --import tsx bench/pages.ts
//   SECONDS=10 CONNECTIONS=50 WARMUP=2 PAGE=/library/documents/ega-ext-ita-001 NGINX_WORKERS=auto
//   ONLY='nginx|embedded|postgres|bare'  (parts of the names as printed)   BENCH_PG_URL=postgres://…/postgres
import autocannon from 'autocannon';
import { scratchDatabase, scratchDir, settle, startBareFastify, startNginx, startViwango, runViwango, sampleTree, type Server } from './support.ts';

const SECONDS = Number(process.env.SECONDS ?? 10);
const CONNECTIONS = Number(process.env.CONNECTIONS ?? 50);
const WARMUP = Number(process.env.WARMUP ?? 2);
const PAGE = process.env.PAGE ?? '/library/documents/ega-ext-ita-001';
const only = process.env.ONLY?.split('|');
const wanted = (name: string) => !only || only.some((o) => name.toLowerCase().includes(o.toLowerCase()));
const HEADERS = { 'accept-encoding': 'gzip' };

interface Row {
  name: string;
  rps: number;
  p50: number;
  p99: number;
  bytes: number;
  bad: number;
  cpu: number;
  rss: number;
}

function hammer(url: string, seconds: number): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    autocannon({ url, connections: CONNECTIONS, duration: seconds, headers: HEADERS }, (err, res) => (err ? reject(err) : resolve(res)));
  });
}

async function measure(name: string, server: Server, path: string): Promise<Row> {
  await settle(server.pid);
  if (WARMUP > 0) await hammer(server.url + path, WARMUP);
  const tree = sampleTree(server.pid);
  const r = await hammer(server.url + path, SECONDS);
  const use = tree.stop();
  const row = {
    name,
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    bytes: r.throughput.total / Math.max(1, r.requests.total),
    bad: r.non2xx + r.errors + r.timeouts,
    cpu: use.cpuPercent,
    rss: use.peakRss,
  };
  process.stderr.write(`${name}: ${row.rps.toFixed(0)} req/s, p50 ${row.p50} ms, p99 ${row.p99} ms, ${row.bad} failed\n`);
  return row;
}

async function pageBytes(base: string): Promise<{ body: Buffer; etag: string }> {
  // Node's fetch would decompress; ask for the raw gzip bytes over plain HTTP instead.
  const http = await import('node:http');
  return new Promise((resolve, reject) => {
    http
      .get(base + PAGE, { headers: HEADERS }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          if (res.statusCode !== 200 || res.headers['content-encoding'] !== 'gzip') reject(new Error(`${PAGE}: ${res.statusCode} ${res.headers['content-encoding']}`));
          else resolve({ body: Buffer.concat(chunks), etag: String(res.headers.etag) });
        });
      })
      .on('error', reject);
  });
}

const rows: Row[] = [];
let page: Buffer | undefined;
const data = scratchDir('viwango-bench-pages-');
const PG_TARGETS = ['Viwango, PostgreSQL server', 'Viwango, PostgreSQL server, page cache off'] as const;
const pgdb = PG_TARGETS.some(wanted) ? await scratchDatabase('viwango_bench_pages') : undefined;
try {
  // The embedded default, with and without the page cache (the same data folder).
  for (const [name, env] of [
    ['Viwango, embedded default', {}],
    ['Viwango, embedded, page cache off', { PAGE_CACHE_MB: '0' }],
  ] as const) {
    if (!wanted(name) && !(wanted('nginx') && !page)) continue;
    const s = await startViwango({ DATA_DIR: data.dir, ...env });
    try {
      page ??= (await pageBytes(s.url)).body;
      if (wanted(name)) rows.push(await measure(name, s, PAGE));
    } finally {
      await s.stop();
    }
  }
  if (pgdb) {
    await runViwango(['seed', '--demo'], { DATABASE_URL: pgdb.url });
    for (const [name, env] of [
      [PG_TARGETS[0], {}],
      [PG_TARGETS[1], { PAGE_CACHE_MB: '0' }],
    ] as const) {
      if (!wanted(name)) continue;
      const s = await startViwango({ DATABASE_URL: pgdb.url, DATA_DIR: data.dir, ...env });
      try {
        rows.push(await measure(name, s, PAGE));
      } finally {
        await s.stop();
      }
    }
  }
  if (wanted('nginx') && page) {
    const n = await startNginx(page, { 'Content-Encoding': 'gzip', Vary: 'Accept-Encoding' });
    try {
      rows.unshift(await measure(`nginx (static file, workers: ${process.env.NGINX_WORKERS ?? 'auto'})`, n, '/page'));
    } finally {
      await n.stop();
    }
  }
  if (wanted('bare') && page) {
    const f = await startBareFastify(page, { 'content-encoding': 'gzip', vary: 'Accept-Encoding' });
    try {
      rows.push(await measure('bare Fastify, the same bytes from memory (ceiling of a Node.js server)', f, '/page'));
    } finally {
      await f.stop();
    }
  }
} finally {
  await pgdb?.drop();
  data.remove();
}

const nginx = rows.find((r) => r.name.startsWith('nginx'));
console.log(`\n${PAGE}, ${page?.length ?? '?'} bytes gzip; autocannon, ${CONNECTIONS} connections, ${SECONDS} s after ${WARMUP} s warm-up, one target at a time\n`);
console.log('| target | requests/s | × nginx | p50 ms | p99 ms | bytes/response (with headers) | failed | server CPU | requests per server CPU-second | × nginx per CPU | server RSS peak |');
console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
const perCpu = (r: Row) => r.rps / Math.max(r.cpu / 100, 0.01);
for (const r of rows) {
  const ratio = nginx ? (r.rps / nginx.rps).toFixed(2) : '–';
  const cpuRatio = nginx ? (perCpu(r) / perCpu(nginx)).toFixed(2) : '–';
  console.log(`| ${r.name} | ${r.rps.toFixed(0)} | ${ratio} | ${r.p50} | ${r.p99} | ${r.bytes.toFixed(0)} | ${r.bad} | ${r.cpu.toFixed(0)} % | ${perCpu(r).toFixed(0)} | ${cpuRatio} | ${r.rss.toFixed(0)} MiB |`);
}
console.log('\nServer CPU and memory: the server process tree (for the embedded default, Viwango and its database server; on a PostgreSQL server, Viwango alone). CPU is a share of one core.');
