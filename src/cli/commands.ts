import type { ParseArgsConfig } from 'node:util';
import type { Config } from '../config.ts';
import { openConfiguredDatabase, printDemoAccounts, startServer } from '../server.ts';
import { migrate } from '../platform/db/migrate.ts';
import { verifyAudit, type AuditSource } from '../platform/audit.ts';
import { loadReferenceData } from '../modules/reference/seed.ts';
import { demoExists, seedDemo } from '../modules/demo/seed.ts';
import { ROLES, type Role } from '../platform/auth/actor.ts';
import { createUser } from '../modules/identity/users.service.ts';
import type { Database } from '../platform/db/database.ts';

export interface Command {
  name: string;
  summary: string;
  usage?: string;
  help?: string;
  options: NonNullable<ParseArgsConfig['options']>;
  run(opts: Record<string, string | boolean | undefined>, config: Config): Promise<void>;
}

const CLI: AuditSource = { actorId: null, actorLabel: `cli:${process.env.USER ?? 'operator'}`, via: 'cli' };

async function withDb<T>(config: Config, fn: (db: Database) => Promise<T>): Promise<T> {
  const db = await openConfiguredDatabase(config);
  try {
    await migrate(db);
    return await fn(db);
  } finally {
    await db.close();
  }
}

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) throw new Error('--password-stdin expects the password on standard input (e.g. printf %s "$PW" | viwango ...)');
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

export const commands: Command[] = [
  {
    name: 'serve',
    summary: 'Start the web server (applies migrations; loads demo data on a new embedded database).',
    options: {},
    async run(_o, config) {
      await startServer(config);
    },
  },
  {
    name: 'migrate',
    summary: 'Apply pending database migrations and exit.',
    options: {},
    async run(_o, config) {
      await withDb(config, async (db) => {
        const applied = await migrate(db);
        process.stdout.write(applied.length ? `applied migrations: ${applied.join(', ')}\n` : 'database is up to date\n');
      });
    },
  },
  {
    name: 'seed',
    summary: 'Load reference data into an empty database; with --demo also sample accounts and documents.',
    usage: '[--demo]',
    help: 'Demo accounts are refused when NODE_ENV=production. Their password is DEMO_PASSWORD, or a generated one printed once.',
    options: { demo: { type: 'boolean' } },
    async run(o, config) {
      if (o.demo && config.env === 'production') throw new Error('seed --demo: demo accounts are never created when NODE_ENV=production');
      await withDb(config, async (db) => {
        const loaded = await loadReferenceData(db);
        process.stdout.write(loaded ? 'reference data loaded\n' : 'reference data already present\n');
        if (!o.demo) return;
        if (await demoExists(db)) {
          process.stdout.write('demo data already present\n');
          return;
        }
        const r = await seedDemo(db, config);
        printDemoAccounts(r.accounts, r.passwordGenerated ? r.password : undefined);
      });
    },
  },
  {
    name: 'users create',
    summary: 'Create an account with one role.',
    usage: '--email E --name N --role R [--institution ACRONYM] [--lang sw|en] --password-stdin',
    help: `Roles: ${ROLES.join(', ')}.\nInstitution and issuer roles need --institution. The password is read from standard input.`,
    options: {
      email: { type: 'string' },
      name: { type: 'string' },
      role: { type: 'string' },
      institution: { type: 'string' },
      lang: { type: 'string' },
      'password-stdin': { type: 'boolean' },
    },
    async run(o, config) {
      for (const req of ['email', 'name', 'role'] as const) if (!o[req]) throw new Error(`users create: --${req} is required`);
      if (!ROLES.includes(o.role as Role)) throw new Error(`users create: --role must be one of ${ROLES.join(', ')}`);
      if (!o['password-stdin']) throw new Error('users create: --password-stdin is required (the password is never taken as an argument)');
      const lang = o.lang === 'en' ? 'en' : 'sw';
      const password = await readStdin();
      await withDb(config, async (db) => {
        await loadReferenceData(db);
        const u = await createUser(db, CLI, {
          email: o.email as string,
          name: o.name as string,
          lang,
          roles: [{ role: o.role as Role, institution: (o.institution as string | undefined) ?? null }],
          password,
        });
        process.stdout.write(`created ${u.email} (${o.role}${o.institution ? ' for ' + o.institution : ''})\n`);
      });
    },
  },
  {
    name: 'audit verify',
    summary: 'Check the audit trail hash chain; exits non-zero naming the first bad entry.',
    options: {},
    async run(_o, config) {
      const r = await withDb(config, (db) => verifyAudit(db));
      if (r.ok) {
        process.stdout.write(`audit trail intact: ${r.checked} entries checked\n`);
        return;
      }
      process.stderr.write(`viwango: audit trail broken at entry ${r.badSeq}: ${r.reason} (${r.checked} entries before it are intact)\n`);
      process.exit(1);
    },
  },
];
