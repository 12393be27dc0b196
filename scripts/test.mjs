// Runs the test suite with Node's test runner: unit and integration tests next to the code
// (src/**/*.test.ts[x]), cross-cutting tests in test/, and end-to-end tests in test/e2e.
// Without TEST_DATABASE_URL, the tests run on one embedded PostgreSQL server started here for the
// whole run (each test file makes its own database on it).
// Usage: node scripts/test.mjs [--only unit|e2e] [--skip part-of-a-path]... [files...]
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { register } from 'tsx/esm/api';

const args = process.argv.slice(2);
let only;
/** Files whose path contains any of these are left out (`--skip part`, repeatable). */
const skip = [];
const explicit = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--only') only = args[++i];
  else if (args[i] === '--skip') skip.push(args[++i]);
  else explicit.push(args[i]);
}

function walk(dir, out = []) {
  if (!fs.existsSync(dir)) return out;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else if (/\.test\.tsx?$/.test(e.name)) out.push(p);
  }
  return out;
}

let files = explicit.length ? explicit : [...walk('src'), ...walk('test')];
if (only === 'unit') files = files.filter((f) => !f.includes(`${path.sep}e2e${path.sep}`));
if (only === 'e2e') files = files.filter((f) => f.includes(`${path.sep}e2e${path.sep}`));
files = files.filter((f) => !skip.some((part) => f.includes(part)));
// The longest files start first, so that the run does not end with one of them alone on a core
// (the slowest-files report at the end of a run shows which they are); the rest in name order.
const LONGEST_FIRST = ['test/e2e/compliance-journey', 'test/e2e/xss', 'test/attacks/authz-matrix', 'test/e2e/', 'test/attacks/'];
const rank = (f) => {
  const i = LONGEST_FIRST.findIndex((part) => f.includes(part));
  return i < 0 ? LONGEST_FIRST.length : i;
};
files.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));

const env = { ...process.env, NODE_ENV: 'test' };
let server;
let serverDir;
if (!process.env.TEST_DATABASE_URL) {
  register();
  const { startEmbeddedServer, THROWAWAY_SETTINGS } = await import('../src/platform/db/embedded-server.ts');
  const { SHARED_SERVER_ENV } = await import('../test/helpers.ts');
  serverDir = fs.mkdtempSync(path.join(os.tmpdir(), 'viwango-test-pg-'));
  server = await startEmbeddedServer(path.join(serverDir, 'pg'), THROWAWAY_SETTINGS);
  env[SHARED_SERVER_ENV] = server.connection.host;
}

const child = spawn(
  process.execPath,
  [
    '--import', 'tsx', '--test',
    '--test-reporter=spec', '--test-reporter-destination=stdout',
    '--test-reporter=./scripts/slowest-files-reporter.mjs', '--test-reporter-destination=stdout',
    `--test-concurrency=${process.env.TEST_CONCURRENCY ?? 2}`, ...files,
  ],
  { stdio: 'inherit', env },
);
const code = await new Promise((resolve) => child.once('exit', (c) => resolve(c ?? 1)));
if (server) {
  await server.stop();
  fs.rmSync(serverDir, { recursive: true, force: true });
}
process.exit(code);
