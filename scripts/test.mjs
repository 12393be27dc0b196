// Runs the test suite with Node's test runner: unit and integration tests next to the code
// (src/**/*.test.ts[x]), cross-cutting tests in test/, and end-to-end tests in test/e2e.
// Usage: node scripts/test.mjs [--only unit|e2e] [files...]
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const args = process.argv.slice(2);
const onlyIdx = args.indexOf('--only');
const only = onlyIdx >= 0 ? args[onlyIdx + 1] : undefined;
const explicit = onlyIdx >= 0 ? args.filter((_, i) => i !== onlyIdx && i !== onlyIdx + 1) : args;

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
files.sort();

const r = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-reporter=spec', `--test-concurrency=${process.env.TEST_CONCURRENCY ?? 2}`, ...files],
  { stdio: 'inherit', env: { ...process.env, NODE_ENV: 'test' } },
);
process.exit(r.status ?? 1);
