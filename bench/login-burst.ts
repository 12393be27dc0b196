// A brute-force burst against /login from one address: how many password checks get through,
// and how fast the rest are turned away. Usage: node --import tsx bench/login-burst.ts
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const TOTAL = Number(process.env.BURST ?? 500);
const CONCURRENCY = 25;
/** ROTATE=1 guesses a different account each time, so only the per-address limits apply. */
const ROTATE = process.env.ROTATE === '1';
const port = 3912;
const base = `http://127.0.0.1:${port}`;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'viwango-burst-'));
const child = spawn(process.execPath, [path.resolve('bin/viwango.js'), 'serve'], {
  env: { ...process.env, DATA_DIR: dir, PORT: String(port), LOG_LEVEL: 'silent', DEMO_PASSWORD: 'bench-demo-password-2026' },
  stdio: 'ignore',
});
for (let i = 0; ; i++) {
  try {
    if ((await fetch(`${base}/healthz`)).ok) break;
  } catch {
    /* starting */
  }
  if (i > 2400) throw new Error('server did not start');
  await new Promise((r) => setTimeout(r, 50));
}

// A real browser session: CSRF cookie + token from the sign-in page.
const page = await fetch(`${base}/login`);
const cookie = page.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
const token = (await page.text()).match(/name="_csrf" value="([^"]+)"/)![1];

const counts = new Map<number, number>();
const latencies: number[] = [];
let next = 0;
const started = performance.now();
async function worker() {
  while (next < TOTAL) {
    const i = next++;
    const t0 = performance.now();
    const r = await fetch(`${base}/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
      body: new URLSearchParams({ _csrf: token, email: ROTATE ? `person${i}@demo.viwango.go.tz` : `admin@demo.viwango.go.tz`, password: `guess-number-${i}` }).toString(),
      redirect: 'manual',
    });
    await r.arrayBuffer();
    latencies.push(performance.now() - t0);
    counts.set(r.status, (counts.get(r.status) ?? 0) + 1);
  }
}
await Promise.all(Array.from({ length: CONCURRENCY }, worker));
const secs = (performance.now() - started) / 1000;
child.kill('SIGTERM');
await new Promise((r) => child.once('exit', r));
fs.rmSync(dir, { recursive: true, force: true });
latencies.sort((a, b) => a - b);
const p = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))].toFixed(1);
console.log(`burst of ${TOTAL} wrong-password posts from one address against ${ROTATE ? 'rotating accounts' : 'one account'}, ${CONCURRENCY} at a time, in ${secs.toFixed(2)} s`);
console.log(`status counts: ${[...counts].sort().map(([s, n]) => `${s}×${n}`).join(', ')}`);
console.log(`password checks that reached the account (401): ${counts.get(401) ?? 0}; refused by the limiter (429): ${counts.get(429) ?? 0}`);
console.log(`latency p50 ${p(0.5)} ms, p95 ${p(0.95)} ms`);
