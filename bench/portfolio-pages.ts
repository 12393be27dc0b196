// The portfolio's catalogue pages on a registry of 10,000 systems (issue 9, item 7: p95 ≤ 100 ms).
// Builds 700 institutions and the synthetic registry of bench/portfolio-data.ts (template set a,
// loaded by bench/portfolio-load.ts) in a fresh database, computes the overlap clusters with the
// real engine, then samples each page through app.inject (signed in; 10 warm-up and 100 timed
// samples each, interleaved), as an authority reviewer (sees every institution) and as the officer
// of the institution with the most systems (sees their own; the overlaps, matrix and dashboard
// scoped to it). Beside each page: its main SQL statement alone (the slowest SELECT of the
// portfolio's tables the page sends, captured at the driver and replayed with the same parameters
// through the pool), and every SELECT it sends, in order; the statements one warm request sends
// are counted at the driver.
//
// Usage: node --import tsx bench/portfolio-pages.ts
//   SYSTEMS=10000 INSTITUTIONS=700 SEED=1   registry size (SYSTEMS=1000 INSTITUTIONS=100 for a quick check)
//   SAMPLES=100 WARMUP=10   Q=payroll (the text filter)   EXPLAIN=1 (print EXPLAIN ANALYZE of each main statement)
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/   server to use (a fresh viwango_bench_pf_<random> database,
//                                                   dropped at the end; KEEP=1 keeps it)   EMBEDDED=1 the embedded server instead
import { buildApp } from '../src/app.ts';
import { migrate } from '../src/platform/db/migrate.ts';
import { loadReferenceData } from '../src/modules/reference/index.ts';
import { computeOverlaps, loadPortfolioReference } from '../src/modules/portfolio/index.ts';
import { apiToken, captureQueries, countQueries, makeUser, signIn, testConfig, type Browser } from '../test/helpers.ts';
import { generateRegistry } from './portfolio-data.ts';
import { loadRegistry } from './portfolio-load.ts';
import { benchDatabase, fillInstitutions } from './support.ts';

const N = (k: string, d: number) => Number(process.env[k] ?? d);
const SYSTEMS = N('SYSTEMS', 10_000);
const INSTITUTIONS = N('INSTITUTIONS', SYSTEMS >= 10_000 ? 700 : Math.max(50, Math.round(SYSTEMS / 14)));
const SEED = N('SEED', 1);
const SAMPLES = Math.max(1, N('SAMPLES', 100));
const WARMUP = N('WARMUP', 10);
const Q = process.env.Q ?? 'payroll';
const LIMIT_MS = 100;
const hardStop = setTimeout(() => {
  console.error('bench: still running after 25 minutes, giving up');
  process.exit(2);
}, 25 * 60_000);
hardStop.unref();

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;
const ms = (x: number) => x.toFixed(1);
const log = (s: string) => console.error(`[${new Date().toISOString().slice(11, 19)}] ${s}`);

type Statement = Awaited<ReturnType<typeof captureQueries>>[number];

const isRead = (s: Statement) => /^\s*(SELECT|WITH)\b/i.test(s.text);

interface Case {
  page: string;
  role: string;
  url: string;
  run: () => Promise<void>;
  statements: number;
  main: Statement;
  reads: Statement[];
  times: number[];
  mainTimes: number[];
  readTimes: number[];
}

async function main() {
  const { db, label, drop } = await benchDatabase('viwango_bench_pf', { embedded: process.env.EMBEDDED === '1', keep: process.env.KEEP === '1' });
  const out: string[] = [];
  try {
    const t0 = performance.now();
    await migrate(db);
    await loadReferenceData(db);
    await loadPortfolioReference(db);
    await fillInstitutions(db, INSTITUTIONS);
    const reg = generateRegistry({ institutions: INSTITUTIONS, systems: SYSTEMS, seed: SEED, templates: 'a' });
    const { systems } = await loadRegistry(db, reg);
    log(`${INSTITUTIONS} institutions, ${systems} systems loaded in ${ms((performance.now() - t0) / 1000)} s`);
    let t = performance.now();
    const overlaps = await computeOverlaps(db);
    log(`${overlaps.clusters} overlap clusters in ${ms((performance.now() - t) / 1000)} s`);
    await db.query('VACUUM ANALYZE');

    const app = await buildApp({ config: testConfig(), db });
    await app.ready();
    // The officer's institution: the one with the most systems; their system page shows one in a cluster when it can.
    const [own] = await db.query<{ acronym: string; id: string; n: number }>(
      `SELECT i.acronym, i.id, count(*)::int AS n FROM portfolio_systems s JOIN institutions i ON i.id = s.institution_id GROUP BY 1, 2 ORDER BY 3 DESC, 1 LIMIT 1`);
    const [biggest] = await db.query<{ id: string; size: number }>(`SELECT members[1] AS id, cardinality(members) AS size FROM portfolio_overlap_clusters ORDER BY cardinality(members) DESC LIMIT 1`);
    const [ownSystem] = await db.query<{ id: string }>(
      `SELECT s.id FROM portfolio_systems s LEFT JOIN portfolio_overlap_clusters c ON s.id = ANY(c.members) WHERE s.institution_id = $1 ORDER BY (c.id IS NULL), s.code LIMIT 1`, [own.id]);
    const [cap] = await db.query<{ code: string; n: number }>(`SELECT c AS code, count(*)::int AS n FROM portfolio_systems, unnest(capabilities) c GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 1`);

    const reviewer = await makeUser(db, 'authority_reviewer');
    const officer = await makeUser(db, 'institution_officer', own.acronym);
    const roles: { role: string; browser: Browser; bearer: Record<string, string>; system: string }[] = [
      { role: 'authority reviewer', browser: await signIn(app, reviewer), bearer: { authorization: `Bearer ${await apiToken(db, reviewer, 'read')}` }, system: biggest?.id ?? ownSystem.id },
      { role: `officer of ${own.acronym} (${own.n} systems)`, browser: await signIn(app, officer), bearer: { authorization: `Bearer ${await apiToken(db, officer, 'read')}` }, system: ownSystem.id },
    ];
    // A later page: halfway through what the person sees (none when it all fits on one page).
    const laterPage = async (bearer: Record<string, string>) => Math.floor(Math.ceil((await app.inject({ url: '/api/v1/portfolio/systems', headers: bearer })).json().total / 50) / 2);
    const pages = (system: string, later: number): [string, string, boolean?][] => [
      ['catalogue, first page', '/portfolio'],
      [`catalogue, text filter (q=${Q})`, `/portfolio?q=${encodeURIComponent(Q)}`],
      [`catalogue, capability filter (${cap.code}, ${cap.n} systems)`, `/portfolio?capability=${encodeURIComponent(cap.code)}`],
      ...(later >= 2 ? [[`catalogue, page ${later}`, `/portfolio?page=${later}`] as [string, string]] : []),
      [`institution portfolio (${own.acronym})`, `/portfolio/institutions/${encodeURIComponent(own.acronym)}`],
      ['system page', `/portfolio/systems/${system}`],
      ['overlaps list', '/portfolio/overlaps'],
      ['capability matrix', '/portfolio/matrix'],
      ['dashboard', '/portfolio/dashboard'],
      ['API: systems list (JSON)', '/api/v1/portfolio/systems', true],
    ];

    const cases: Case[] = [];
    for (const r of roles) {
      for (const [page, path, api] of pages(r.system, await laterPage(r.bearer))) {
        const url = api ? path : `${path}${path.includes('?') ? '&' : '?'}lang=en`;
        const run = async () => {
          const res = api ? await app.inject({ method: 'GET', url, headers: r.bearer }) : await r.browser.get(url);
          if (res.statusCode !== 200) throw new Error(`${r.role}: ${url} answered ${res.statusCode}`);
        };
        await run();
        const statements = await countQueries(run);
        const reads = (await captureQueries(run)).filter(isRead);
        // The main statement: the slowest read of the portfolio's tables (not the session's or the
        // actor's), by the median of nine replays.
        const own = reads.filter((s) => /portfolio_|capabilit/.test(s.text));
        let main = own[0] ?? reads[0];
        let slowest = -1;
        for (const s of own) {
          const xs: number[] = [];
          for (let i = 0; i < 9; i++) {
            const s0 = performance.now();
            await db.query(s.text, s.values);
            xs.push(performance.now() - s0);
          }
          if (pct(xs, 50) > slowest) [main, slowest] = [s, pct(xs, 50)];
        }
        cases.push({ page, role: r.role, url, run, statements, main, reads, times: [], mainTimes: [], readTimes: [] });
        log(`${r.role}: ${page}: ${statements} statements, main ${ms(slowest)} ms`);
      }
    }

    const timed = async (fn: () => Promise<unknown>, into?: number[]) => {
      const s = performance.now();
      await fn();
      into?.push(performance.now() - s);
    };
    const allReads = (c: Case) => async () => {
      for (const s of c.reads) await db.query(s.text, s.values);
    };
    for (let i = 0; i < WARMUP; i++) for (const c of cases) await c.run();
    t = performance.now();
    for (let i = 0; i < SAMPLES; i++) {
      for (const c of cases) {
        await timed(c.run, c.times);
        await timed(() => db.query(c.main.text, c.main.values), c.mainTimes);
        await timed(allReads(c), c.readTimes);
      }
    }
    log(`sampled in ${ms((performance.now() - t) / 1000)} s`);
    await app.close();

    const [{ clusters, largest }] = await db.query<{ clusters: number; largest: number }>(`SELECT count(*)::int AS clusters, max(cardinality(members))::int AS largest FROM portfolio_overlap_clusters`);
    out.push(`Portfolio pages on ${label}: ${INSTITUTIONS} institutions, ${systems} systems, ${clusters} overlap clusters (largest ${largest} systems); app.inject, ${WARMUP} warm-up and ${SAMPLES} timed samples per page, interleaved (Node ${process.version}, ${new Date().toISOString().slice(0, 16)} UTC, load average ${(await import('node:os')).loadavg().map((x) => x.toFixed(1)).join(' ')})`, '');
    out.push(`| page | as | p50 ms | p95 ms | p99 ms | main SQL p50 / p95 ms | all its SQL p95 ms | ÷ SQL (p95 page ÷ main SQL) | statements | p95 ≤ ${LIMIT_MS} ms |`, '|---|---|---:|---:|---:|---:|---:|---:|---:|---|');
    for (const c of cases) {
      const p95 = pct(c.times, 95);
      out.push(`| ${c.page} | ${c.role} | ${ms(pct(c.times, 50))} | ${ms(p95)} | ${ms(pct(c.times, 99))} | ${ms(pct(c.mainTimes, 50))} / ${ms(pct(c.mainTimes, 95))} | ${ms(pct(c.readTimes, 95))} | ${(p95 / Math.max(pct(c.mainTimes, 95), 0.01)).toFixed(1)}× | ${c.statements} | ${p95 <= LIMIT_MS ? 'yes' : '**no**'} |`);
    }
    out.push('', 'Main statement of each page (the slowest SELECT of the portfolio\'s tables it sends):', '');
    for (const c of cases) out.push(`- ${c.page}, ${c.role}: \`${c.main.text.replace(/\s+/g, ' ').slice(0, 160)}${c.main.text.length > 160 ? '…' : ''}\``);
    if (process.env.EXPLAIN === '1') {
      for (const c of cases) {
        const plan = await db.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${c.main.text}`, c.main.values);
        out.push('', `EXPLAIN ANALYZE, ${c.page}, ${c.role}:`, '', ...plan.map((p) => `    ${p['QUERY PLAN']}`));
      }
    }
  } finally {
    await drop();
  }
  console.log(out.join('\n'));
}

await main();
process.exit(0);
