import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { ConfigError, SETTINGS, configTable, loadConfig } from './config.ts';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');

test('config: the README table is the one generated from the declared settings', () => {
  const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
  const between = readme.split('<!-- config-table:start -->\n')[1]?.split('\n<!-- config-table:end -->')[0];
  assert.equal(between, configTable(), 'README.md is out of date: run node scripts/config-table.mjs');
});

test('config: `viwango serve --help` lists every setting with its default', () => {
  const r = spawnSync(process.execPath, [path.join(root, 'bin/viwango.js'), 'serve', '--help'], { encoding: 'utf8', env: { ...process.env, NODE_ENV: 'test' } });
  assert.equal(r.status, 0, r.stderr);
  for (const name of Object.keys(SETTINGS)) assert.match(r.stdout, new RegExp(`\\b${name} \\(default: `), name);
  assert.match(r.stdout, /PORT \(default: 3000\)\n\s+HTTP port\./);
});

test('config: no environment variable is read outside the declared settings', () => {
  const found = new Set<string>();
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.tsx?$/.test(e.name) && !/\.(test|fixture)\.tsx?$/.test(e.name) && p !== path.join(root, 'src/config.ts')) {
        for (const m of fs.readFileSync(p, 'utf8').matchAll(/process\.env\.([A-Z][A-Z0-9_]+)|process\.env\[['"]([A-Z][A-Z0-9_]+)['"]\]/g)) found.add(m[1] ?? m[2]!);
      }
    }
  };
  walk(path.join(root, 'src'));
  // Not settings of Viwango: the operating system's user name (audit label of CLI commands) and the colour convention.
  const outside = [...found].filter((n) => !(n in SETTINGS) && !['USER', 'NO_COLOR'].includes(n));
  assert.deepEqual(outside, [], 'declare these in src/config.ts SETTINGS');
});

test('config: wrong values are refused with the variable named; defaults follow NODE_ENV', () => {
  assert.throws(() => loadConfig({ PORT: '70000' }), (e: Error) => e instanceof ConfigError && /PORT must be between 0 and 65535/.test(e.message));
  assert.throws(() => loadConfig({ PORT: 'eighty' }), /PORT must be a whole number/);
  assert.throws(() => loadConfig({ DATABASE_URL: 'mysql://x' }), /DATABASE_URL must start with postgres/);
  assert.throws(() => loadConfig({ LOG_FORMAT: 'xml' }), /LOG_FORMAT must be json or pretty/);
  assert.throws(() => loadConfig({ SECRETS_KEY: 'short' }), /SECRETS_KEY must be 32 random bytes/);
  assert.throws(() => loadConfig({ NODE_ENV: 'production' }), /SESSION_SECRET must be set/);
  const prod = loadConfig({ NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(40) });
  assert.equal(prod.logFormat, 'json');
  assert.equal(prod.demoRelaxTwoFactor, false);
  const dev = loadConfig({ PORT: '8080' });
  assert.equal(dev.logFormat, 'pretty');
  assert.equal(dev.publicUrl, 'http://localhost:8080');
  assert.equal(dev.demoRelaxTwoFactor, true);
  assert.equal(loadConfig({ DEMO_REQUIRE_2FA: '1' }).demoRelaxTwoFactor, false);
  assert.equal(loadConfig({ PUBLIC_URL: 'https://viwango.go.tz/' }).publicUrl, 'https://viwango.go.tz');
});
