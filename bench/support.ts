// What the benches share: starting `viwango serve` (compiled) on the embedded database or on a
// PostgreSQL server, a throw-away database on that server, nginx on a loopback port, a free port,
// and the memory and CPU time of a process tree read from /proc.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import pg from 'pg';
import { build, freshBuild } from '../scripts/build.mjs';
import { openDatabase, type Database } from '../src/platform/db/database.ts';
import { startEmbeddedServer, THROWAWAY_SETTINGS } from '../src/platform/db/embedded-server.ts';

const require = createRequire(import.meta.url);
export const here = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
export const DEMO_PASSWORD = 'bench-demo-password-2026';
/** The PostgreSQL server the benches use besides the embedded default. */
export const PG_SERVER = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export function treeOf(root: number): number[] {
  const parents = new Map<number, number[]>();
  for (const p of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(p)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${p}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parents.set(ppid, [...(parents.get(ppid) ?? []), Number(p)]);
    } catch {
      /* gone */
    }
  }
  const out = [root];
  for (let i = 0; i < out.length; i++) out.push(...(parents.get(out[i]) ?? []));
  return out;
}

/** Resident memory of a process tree: RSS summed (counts shared pages once per process) and PSS (shares them out). */
export function treeMemory(root: number): { rss: number; pss: number; processes: number } {
  let rss = 0;
  let pss = 0;
  const pids = treeOf(root);
  for (const pid of pids) {
    try {
      const rollup = fs.readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
      rss += Number(rollup.match(/^Rss:\s+(\d+) kB/m)![1]);
      pss += Number(rollup.match(/^Pss:\s+(\d+) kB/m)![1]);
    } catch {
      /* gone */
    }
  }
  return { rss: rss / 1024, pss: pss / 1024, processes: pids.length };
}

const TICKS = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;

/** CPU seconds (user + system) used so far by the processes of a tree that are alive now. */
export function treeCpuSeconds(root: number): number {
  let ticks = 0;
  for (const pid of treeOf(root)) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(f[11]) + Number(f[12]);
    } catch {
      /* gone */
    }
  }
  return ticks / TICKS;
}

/** Samples memory (RSS summed over the tree) and CPU of a process tree once a second. */
export function sampleTree(root: number) {
  const cpu0 = treeCpuSeconds(root);
  const t0 = performance.now();
  const rss: number[] = [];
  const timer = setInterval(() => rss.push(treeMemory(root).rss), 1000);
  return {
    stop() {
      clearInterval(timer);
      const seconds = (performance.now() - t0) / 1000;
      const cpu = treeCpuSeconds(root) - cpu0;
      return { peakRss: Math.max(0, ...rss), meanRss: rss.length ? rss.reduce((a, b) => a + b, 0) / rss.length : 0, cpuPercent: (100 * cpu) / seconds };
    },
  };
}

export async function waitHealthy(url: string, deadline: number): Promise<void> {
  while (Date.now() < deadline) {
    try {
      const r = await fetch(url);
      if (r.ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`${url} did not become healthy in time`);
}

/** Waits until a freshly started tree stops working on its own (background jobs after a first start), at most `maxSeconds`. */
export async function settle(root: number, maxSeconds = 120): Promise<void> {
  const deadline = Date.now() + maxSeconds * 1000;
  let last = treeCpuSeconds(root);
  while (Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 1000));
    const now = treeCpuSeconds(root);
    if (now - last < 0.05) return;
    last = now;
  }
}

/**
 * Bare Fastify in a child process answering every request with `body` and `headers` from memory:
 * the ceiling of any Node.js application on this machine, for comparison.
 */
export async function startBareFastify(body: Buffer, headers: Record<string, string>): Promise<Server> {
  const { dir, remove } = scratchDir('viwango-bare-');
  fs.writeFileSync(path.join(dir, 'page'), body);
  const port = await freePort();
  const code = `const f = require(${JSON.stringify(require.resolve('fastify'))})();
const body = require('node:fs').readFileSync(${JSON.stringify(path.join(dir, 'page'))});
const headers = ${JSON.stringify({ 'content-type': 'text/html; charset=utf-8', ...headers })};
f.get('/page', (req, reply) => reply.headers(headers).send(body));
f.listen({ port: ${port}, host: '127.0.0.1' });`;
  const child = spawn(process.execPath, ['-e', code], { stdio: ['ignore', 'ignore', 'inherit'] });
  const url = `http://127.0.0.1:${port}`;
  await waitHealthy(`${url}/page`, Date.now() + 20_000);
  return {
    url,
    pid: child.pid!,
    async stop() {
      await stopChild(child);
      remove();
    },
  };
}

/** A port nothing listens on now, so a leftover server can never answer for the one under test. */
export async function freePort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const port = (srv.address() as net.AddressInfo).port;
  await new Promise((r) => srv.close(r));
  return port;
}

/** The compiled `viwango` command (built first when a source is newer than the build). */
export async function viwangoCommand(): Promise<string[]> {
  if (!freshBuild()) await build();
  // SERVER_NODE_ARGS: Node.js flags for the servers a bench starts (e.g. --cpu-prof --cpu-prof-dir=DIR).
  return [process.execPath, ...(process.env.SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? []), path.join(here, 'bin/viwango.js')];
}

/** Environment for a server under load from one address: the per-address limits would measure themselves. */
export const BENCH_ENV = {
  NODE_ENV: 'development',
  LOG_LEVEL: 'warn',
  DEMO_PASSWORD,
  RATE_LIMIT_PER_MINUTE: '100000000',
  LOGIN_RATE_LIMIT_PER_MINUTE: '100000',
};

export interface Server {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

/** `viwango serve` on a free loopback port; `env` picks the database (DATA_DIR or DATABASE_URL). */
export async function startViwango(env: Record<string, string>): Promise<Server> {
  const argv = await viwangoCommand();
  const port = await freePort();
  const child = spawn(argv[0], [...argv.slice(1), 'serve'], {
    env: { ...process.env, ...BENCH_ENV, ...env, PORT: String(port), HOST: '127.0.0.1', PUBLIC_URL: `http://127.0.0.1:${port}` },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitHealthy(`${url}/healthz`, Date.now() + 600_000);
  } catch (err) {
    child.kill('SIGKILL');
    throw err;
  }
  return { url, pid: child.pid!, stop: () => stopChild(child) };
}

/** Runs a `viwango` command to completion (e.g. `seed --demo`). */
export async function runViwango(args: string[], env: Record<string, string>): Promise<void> {
  const argv = await viwangoCommand();
  const r = spawnSync(argv[0], [...argv.slice(1), ...args], { env: { ...process.env, ...BENCH_ENV, ...env }, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`viwango ${args.join(' ')} failed: ${r.stderr || r.stdout}`);
}

/** A new database on the PostgreSQL server, dropped by `drop()`. */
export async function scratchDatabase(prefix: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `${prefix}_${crypto.randomBytes(4).toString('hex')}`;
  const admin = async (sql: string) => {
    const c = new pg.Client({ connectionString: PG_SERVER });
    await c.connect();
    try {
      await c.query(sql);
    } finally {
      await c.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  const u = new URL(PG_SERVER);
  u.pathname = `/${name}`;
  return { url: u.toString(), drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

/** A temporary folder that is removed by `remove()`. */
export function scratchDir(prefix: string) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/**
 * nginx (Debian's nginx-light) on a free loopback port, serving `body` from a file at `/page` with
 * the given headers (e.g. Content-Encoding for bytes already compressed). No access log, like the
 * server it is compared with (which runs with LOG_LEVEL=warn).
 */
export async function startNginx(body: Buffer, headers: Record<string, string>, workers = process.env.NGINX_WORKERS ?? 'auto'): Promise<Server> {
  const bin = ['/usr/sbin/nginx', '/usr/bin/nginx'].find((p) => fs.existsSync(p));
  if (!bin) throw new Error('nginx is not installed (as root: apt-get install -y nginx-light)');
  const { dir, remove } = scratchDir('viwango-nginx-');
  fs.chmodSync(dir, 0o755);
  fs.mkdirSync(path.join(dir, 'www'), { mode: 0o755 });
  fs.writeFileSync(path.join(dir, 'www', 'page'), body, { mode: 0o644 });
  const port = await freePort();
  const add = Object.entries(headers)
    .map(([k, v]) => `add_header ${k} "${v}";`)
    .join(' ');
  const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((k) => `${k}_temp_path ${dir}/${k};`).join('\n  ');
  fs.writeFileSync(
    path.join(dir, 'nginx.conf'),
    `worker_processes ${workers};
daemon off;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  keepalive_requests 1000000;
  ${temp}
  server {
    listen 127.0.0.1:${port};
    root ${dir}/www;
    location = /page { default_type "text/html; charset=utf-8"; ${add} }
  }
}
`,
  );
  const child = spawn(bin, ['-c', path.join(dir, 'nginx.conf'), '-p', dir, '-e', path.join(dir, 'error.log')], { stdio: ['ignore', 'ignore', 'inherit'] });
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitHealthy(`${url}/page`, Date.now() + 20_000);
  } catch (err) {
    child.kill('SIGKILL');
    remove();
    throw err;
  }
  return {
    url,
    pid: child.pid!,
    async stop() {
      // SIGQUIT: graceful stop of master and workers.
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGQUIT');
        await exited;
      }
      remove();
    },
  };
}

/**
 * A fresh database for a bench that runs the app in its own process: `viwango_bench_…_<random>` on
 * the server at DATABASE_URL (default postgres://postgres@127.0.0.1:5432/), or with `embedded` on an
 * embedded PostgreSQL server in a temporary folder. `drop()` closes and removes it (`keep` keeps the
 * server's database and says its name).
 */
export async function benchDatabase(prefix: string, opts: { embedded?: boolean; keep?: boolean } = {}): Promise<{ db: Database; label: string; drop: () => Promise<void> }> {
  const name = `${prefix}_${crypto.randomBytes(4).toString('hex')}`;
  if (opts.embedded) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `${prefix.replace(/_/g, '-')}-`));
    const server = await startEmbeddedServer(path.join(dir, 'pg'), THROWAWAY_SETTINGS);
    const admin = new pg.Client(server.connection);
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const db = await openDatabase({ embeddedConnection: { ...server.connection, database: name }, poolSize: 4 });
    return { db, label: 'embedded PostgreSQL server', drop: async () => { await db.close(); await server.stop?.(); fs.rmSync(dir, { recursive: true, force: true }); } };
  }
  const base = new URL(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/');
  const admin = new pg.Client({ connectionString: base.toString() });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(base.toString());
  url.pathname = `/${name}`;
  const db = await openDatabase({ databaseUrl: url.toString(), poolSize: 4 });
  return {
    db,
    label: `PostgreSQL server (${base.host})`,
    drop: async () => {
      await db.close();
      if (opts.keep) console.error(`kept database ${name}`);
      else await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

/** Synthetic institutions (BENCH1, BENCH2, …) across types and 12 sectors, up to `total` with the reference ones; none left without a sector. */
export async function fillInstitutions(db: Database, total: number): Promise<void> {
  const [{ n: have }] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM institutions`);
  await db.query(`INSERT INTO institutions (acronym, name_sw, name_en, type, sector)
    SELECT 'BENCH' || g, 'Taasisi ya majaribio ' || g, 'Bench institution ' || g,
           (ARRAY['ministry','public_authority','executive_agency','public_corporation','local_government_authority'])[1 + g % 5],
           (ARRAY['health','education','finance','agriculture','transport','energy','identity','water','trade','local government','justice','tourism'])[1 + g % 12]
    FROM generate_series(1, $1::int) g`, [Math.max(0, total - have)]);
  await db.query(`UPDATE institutions SET sector = 'general' WHERE sector = ''`);
}
