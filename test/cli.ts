// Running the real `viwango` binary in a child process for tests, on its own data folder with the
// embedded database, or on a fresh PostgreSQL database when TEST_DATABASE_URL is set.
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openDatabase, type Database } from '../src/platform/db/database.ts';

export interface CliHarness {
  env: NodeJS.ProcessEnv;
  dataDir: string;
  run(args: string[], opts?: { input?: string; env?: NodeJS.ProcessEnv }): { code: number | null; out: string; err: string };
  /** The database the commands use, opened from the test (close it before the next command on PGlite). */
  open(): Promise<Database>;
  close(): Promise<void>;
}

const bin = path.resolve('bin/viwango.js');

async function admin(sql: string) {
  const c = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
  await c.connect();
  await c.query(sql);
  await c.end();
}

export async function cliHarness(extraEnv: NodeJS.ProcessEnv = {}): Promise<CliHarness> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'viwango-cli-'));
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'test', DATA_DIR: dataDir, LOG_LEVEL: 'silent', ...extraEnv };
  const url = process.env.TEST_DATABASE_URL;
  let dbName: string | undefined;
  if (url) {
    dbName = `viwango_cli_${crypto.randomBytes(5).toString('hex')}`;
    await admin(`CREATE DATABASE ${dbName}`);
    const u = new URL(url);
    u.pathname = `/${dbName}`;
    env.DATABASE_URL = u.toString();
  }
  return {
    env,
    dataDir,
    run(args, opts = {}) {
      const r = spawnSync(process.execPath, [bin, ...args], { input: opts.input ?? '', env: { ...env, ...opts.env }, encoding: 'utf8', timeout: 60_000, maxBuffer: 64 * 1024 * 1024 });
      return { code: r.status, out: r.stdout, err: r.stderr };
    },
    open: () => openDatabase(env.DATABASE_URL ? { databaseUrl: env.DATABASE_URL } : { dataDir }),
    async close() {
      fs.rmSync(dataDir, { recursive: true, force: true });
      if (dbName) await admin(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    },
  };
}
