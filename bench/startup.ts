// Start time and idle memory of `viwango serve`, for each way of running the embedded database,
// side by side in one run. For each candidate: a first start on an empty data folder, then three
// starts on the existing folder; after each, 10 s idle, then the memory of the whole process tree
// (Viwango and any database server it started) is read.
// Usage: node --import tsx bench/startup.ts
//   BEFORE=/path/to/a/checkout  also measures that checkout (e.g. the main branch) as "before"
//   ONLY='part of a name|another'            only these candidates (names as printed)
import { spawn, spawnSync } from 'node:child_process';
import { build, freshBuild } from '../scripts/build.mjs';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, treeMemory, waitHealthy } from './support.ts';

interface Candidate {
  name: string;
  /** The command that runs `viwango` (absolute paths); `serve` is appended. */
  argv: string[];
  env: Record<string, string>;
}

const here = path.resolve('.');

interface Run {
  ready: number;
  rss: number;
  pss: number;
  processes: number;
  stages: string;
}

async function once(c: Candidate, dataDir: string): Promise<Run> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(c.argv[0], [...c.argv.slice(1), 'serve'], {
    env: { ...process.env, ...c.env, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'silent', DEMO_PASSWORD: 'bench-demo-password-2026', NODE_ENV: 'development' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  try {
    await waitHealthy(`http://127.0.0.1:${port}/healthz`, Date.now() + 300_000);
  } catch (err) {
    child.kill('SIGKILL');
    throw err;
  }
  const ready = performance.now() - started;
  await new Promise((r) => setTimeout(r, 10_000));
  const mem = treeMemory(child.pid!);
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
  return { ready, ...mem, stages: out.match(/ready in [^)]*: ([^)]*)\)/)?.[1] ?? '' };
}

const candidates: Candidate[] = [];
// Through tsx, as bin/viwango.js did before decision 0010; compiled: bin/viwango.js with the install-time build.
const viaTsx = (root: string) => [process.execPath, '--import', 'tsx', path.join(root, 'src/cli/main.ts')];
if (process.env.BEFORE) candidates.push({ name: 'before: PGlite (defaults), tsx', argv: viaTsx(path.resolve(process.env.BEFORE)), env: {} });
candidates.push({ name: 'PGlite tuned, tsx', argv: viaTsx(here), env: { EMBEDDED_DB: 'pglite' } });
candidates.push({ name: 'PostgreSQL child process, tsx', argv: viaTsx(here), env: { EMBEDDED_DB: 'postgres' } });
if (!freshBuild()) await build();
const compiled = [process.execPath, path.join(here, 'bin/viwango.js')];
candidates.push({ name: 'PGlite tuned, compiled', argv: compiled, env: { EMBEDDED_DB: 'pglite' } });
candidates.push({ name: 'PostgreSQL child process, compiled (chosen)', argv: compiled, env: { EMBEDDED_DB: 'postgres' } });
const only = process.env.ONLY?.split('|');

const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const rows: string[] = [];
for (const c of candidates) {
  if (only && !only.some((o) => c.name.includes(o))) continue;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'viwango-bench-'));
  try {
    const first = await once(c, dir);
    const warm: Run[] = [];
    for (let i = 0; i < 3; i++) warm.push(await once(c, dir));
    const size = spawnSync('du', ['-sm', dir], { encoding: 'utf8' }).stdout.split('\t')[0];
    const w = (k: 'ready' | 'rss' | 'pss') => med(warm.map((x) => x[k]));
    rows.push(
      `| ${c.name} | ${(first.ready / 1000).toFixed(1)} s | ${(w('ready') / 1000).toFixed(1)} s | ${w('pss').toFixed(0)} MiB | ${w('rss').toFixed(0)} MiB | ${warm[0].processes} | ${size} MB |`,
    );
    process.stderr.write(`${c.name}\n  first start: ${first.stages}\n  later start: ${warm[1].stages}\n`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
console.log('| candidate | first start, empty folder | later start (median of 3) | idle memory, PSS of the tree | idle RSS summed over the tree | processes | data folder |');
console.log('|---|---|---|---|---|---|---|');
for (const r of rows) console.log(r);
