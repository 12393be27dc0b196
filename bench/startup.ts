// Cold start and idle memory of `viwango serve` on the embedded database.
// Usage: node --import tsx bench/startup.ts   (prints a Markdown table row set)
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const bin = path.resolve('bin/viwango.js');

async function waitHealthy(url: string, deadline: number): Promise<void> {
  while (Date.now() < deadline) {
    try {
      const r = await fetch(url);
      if (r.ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('server did not become healthy in time');
}

function rssMiB(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(status.match(/VmRSS:\s+(\d+) kB/)![1]) / 1024;
}

async function once(dataDir: string, port: number) {
  const started = performance.now();
  const child = spawn(process.execPath, [bin, 'serve'], {
    env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'silent', DEMO_PASSWORD: 'bench-demo-password-2026', NODE_ENV: 'development' },
    stdio: 'ignore',
  });
  await waitHealthy(`http://127.0.0.1:${port}/healthz`, Date.now() + 120_000);
  const ready = performance.now() - started;
  await new Promise((r) => setTimeout(r, 10_000));
  const idle = rssMiB(child.pid!);
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
  return { ready, idle };
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'viwango-bench-'));
const first = await once(dir, 3911);
const warm = [];
for (let i = 0; i < 3; i++) warm.push(await once(dir, 3911));
fs.rmSync(dir, { recursive: true, force: true });
const med = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(`| first start, empty data folder (migrations, reference + demo data) | ${Math.round(first.ready)} ms | ${first.idle.toFixed(0)} MiB |`);
console.log(`| later start, existing data (median of 3) | ${Math.round(med(warm.map((w) => w.ready)))} ms | ${med(warm.map((w) => w.idle)).toFixed(0)} MiB |`);
