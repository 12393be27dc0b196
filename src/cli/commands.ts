import type { ParseArgsConfig } from 'node:util';
import { configHelp, type Config } from '../config.ts';
import { migrate } from '../platform/db/migrate.ts';
import { createCtx } from '../platform/context.ts';
import fs from 'node:fs';
import type { AuditSource } from '../platform/audit.ts';
import { verifyAnchored, writeCheckpoint } from '../platform/audit-checkpoints.ts';
import { loadSigningKey, parsePublicKey } from '../platform/audit-signing-key.ts';
import { loadReferenceData } from '../modules/reference/index.ts';
import { loadPortfolioReference } from '../modules/portfolio/index.ts';
import { loadLibraryReference } from '../modules/library/index.ts';
import { demoExists, printDemoAccounts, seedDemo } from '../modules/demo/index.ts';
import { ROLES, type Role } from '../platform/auth/actor.ts';
import { actorFor, createUser, findUserByEmail } from '../modules/identity/index.ts';
import { createToken } from '../modules/identity/index.ts';
import { openConfiguredDatabase, type Database } from '../platform/db/database.ts';
import { freshOverlaps, importFromFile, operatorCtx } from '../modules/portfolio/index.ts';
import { archimateModel } from '../modules/portfolio/index.ts';
import { AppError } from '../platform/http/errors.ts';
import { MAX_IMPORT_ROWS, IMPORT_HEADER } from '../modules/portfolio/index.ts';
import { EXPORT_KINDS, exportDocument, importCatalogFile, oscalOperatorCtx, writeOut } from '../modules/compliance/index.ts';

export interface Command {
  name: string;
  summary: string;
  usage?: string;
  help?: string;
  options: NonNullable<ParseArgsConfig['options']>;
  /** How many arguments the command takes besides its options (none when unset). */
  positionals?: number;
  run(opts: Record<string, string | boolean | undefined>, config: Config, args: string[]): Promise<void>;
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
    help: configHelp(),
    options: {},
    async run(_o, config) {
      // Loaded only here, so the other commands start without the web application.
      const { startServer } = await import('../server.ts');
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
        if (await loadLibraryReference(db)) process.stdout.write('library reference documents loaded\n');
        if (await loadPortfolioReference(db)) process.stdout.write('capability model and shared systems loaded into the portfolio\n');
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
    name: 'secrets rotate',
    summary: 'Re-seal stored secrets (TOTP keys, cookie secret) under the current SECRETS_KEY.',
    help: 'Set the new key as SECRETS_KEY and the old one as SECRETS_KEY_PREVIOUS, run this, then drop SECRETS_KEY_PREVIOUS.\nSee docs/security-secrets.md.',
    options: {},
    async run(_o, config) {
      const { loadSecretKeys, SecretBox } = await import('../platform/secrets.ts');
      const { resealStoredSecrets } = await import('../platform/stored-secrets.ts');
      const box = new SecretBox(loadSecretKeys(config));
      const r = await withDb(config, (db) => resealStoredSecrets(db, box, 'rotate', CLI));
      process.stdout.write(`re-sealed ${r.resealed} stored secrets under key ${box.currentId}\n`);
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
        const u = await createUser(createCtx({ db, config, source: CLI }), {
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
    name: 'tokens create',
    summary: 'Create a personal API token for a person and print it once.',
    usage: '--user EMAIL [--scope read|write] [--expires-days N] [--name NAME]',
    help: 'The token is printed on standard output and never again; only its hash is stored.',
    options: { user: { type: 'string' }, scope: { type: 'string' }, 'expires-days': { type: 'string' }, name: { type: 'string' } },
    async run(o, config) {
      if (!o.user) throw new Error('tokens create: --user is required');
      const scope = (o.scope ?? 'read') as string;
      if (scope !== 'read' && scope !== 'write') throw new Error('tokens create: --scope must be read or write');
      const days = o['expires-days'] === undefined ? null : Number(o['expires-days']);
      if (days !== null && (!Number.isInteger(days) || days < 1 || days > 366)) throw new Error('tokens create: --expires-days must be a whole number from 1 to 366');
      await withDb(config, async (db) => {
        const user = await findUserByEmail(db.orm, o.user as string);
        if (!user || !user.active) throw new Error(`tokens create: no active account for ${o.user}`);
        const actor = await actorFor(db.orm, user, 'cli');
        const { token } = await createToken(createCtx({ db, config, actor }), { name: (o.name as string | undefined) ?? 'created with the viwango CLI', scope, expiresInDays: days });
        process.stdout.write(token + '\n');
      });
    },
  },
  {
    name: 'portfolio import',
    summary: 'Import systems into the portfolio from a CSV or XLSX file (the authority’s bulk load).',
    usage: 'FILE [--dry-run] [--lang sw|en]',
    help: `The file has one system per row under exactly this header row:
  ${IMPORT_HEADER}
at most ${MAX_IMPORT_ROWS.toLocaleString('en')} rows. Every row is checked first; with any bad row nothing is stored, each problem
is printed on standard error with its row and column, and the exit code is 1. A later file updates
systems by (institution, code); importing the same file again changes nothing.
The CLI is the authority's trusted bulk load: it may import systems of any institution. Each import
is recorded in the audit trail as one entry (via cli, your login name, the counts and the file's SHA-256).
--dry-run prints what would change and stores nothing.`,
    positionals: 1,
    options: { 'dry-run': { type: 'boolean' }, lang: { type: 'string' } },
    async run(o, config, [file]) {
      await withDb(config, async (db) => {
        const ctx = await operatorCtx(db, config, CLI, o.lang === 'sw' ? 'sw' : 'en');
        const r = await importFromFile(ctx, file, !!o['dry-run']);
        for (const e of r.errors) process.stderr.write(`row ${e.row}, column ${e.column}: ${e.message}\n`);
        if (r.errors.length) {
          process.stderr.write(`viwango: ${r.errors.length} problem(s) in ${new Set(r.errors.map((e) => e.row)).size} row(s); nothing was stored\n`);
          process.exitCode = 1;
          return;
        }
        const what = o['dry-run'] ? 'would be created' : 'created';
        process.stdout.write(`${r.created} ${what}, ${r.updated} updated, ${r.unchanged} unchanged${o['dry-run'] ? ' (dry run: nothing stored)' : ''}\n`);
      });
    },
  },
  {
    name: 'portfolio overlaps',
    summary: 'Print the overlap clusters (computed first when the registry changed since the last run).',
    usage: '--json [--lang sw|en]',
    help: 'Prints {"clusters":[{"id","score","capability","systems":[{"institution","code","name"}],"reasons":[…]}]}; pairs reviewers marked "not an overlap" are left out.',
    options: { json: { type: 'boolean' }, lang: { type: 'string' } },
    async run(o, config) {
      if (!o.json) throw new Error('portfolio overlaps: --json is required (the only output format)');
      await withDb(config, async (db) => {
        const ctx = await operatorCtx(db, config, CLI, o.lang === 'sw' ? 'sw' : 'en');
        process.stdout.write(JSON.stringify(await freshOverlaps(ctx)) + '\n');
      });
    },
  },
  {
    name: 'portfolio export',
    summary: 'Print the portfolio (or one institution’s) as an ArchiMate Open Exchange Format model.',
    usage: '--format archimate [--institution ACRONYM]',
    options: { format: { type: 'string' }, institution: { type: 'string' } },
    async run(o, config) {
      if (o.format !== 'archimate') throw new Error('portfolio export: --format archimate is required (the only format)');
      await withDb(config, async (db) => {
        const ctx = await operatorCtx(db, config, CLI);
        const institution = o.institution as string | undefined;
        const model = await archimateModel(ctx, { institution }).catch((err: unknown) => {
          throw err instanceof AppError && err.status === 404 ? new Error(`portfolio export: there is no institution ${institution}`) : err;
        });
        process.stdout.write(model);
      });
    },
  },
  {
    name: 'oscal export',
    summary: 'Print an OSCAL 1.0.6 document (catalog, assessment-results or poam) as JSON on standard output.',
    usage: 'catalog | assessment-results [--cycle ID] | poam --institution ACRONYM',
    help: `catalog             the active requirements, with their mappings to reference controls
assessment-results  a closed cycle (the latest closed one unless --cycle names one); exit code 1 when none is closed
poam                an institution's remediation plans (plan of action and milestones)`,
    positionals: 1,
    options: { cycle: { type: 'string' }, institution: { type: 'string' } },
    async run(o, config, [kind]) {
      if (!(EXPORT_KINDS as readonly string[]).includes(kind)) throw new Error(`oscal export: what to export must be one of ${EXPORT_KINDS.join(', ')}`);
      await withDb(config, async (db) => {
        await writeOut(await exportDocument(oscalOperatorCtx(db, config, CLI), kind, { cycle: o.cycle as string | undefined, institution: o.institution as string | undefined }));
      });
    },
  },
  {
    name: 'oscal import',
    summary: 'Load an OSCAL 1.0.6 catalog (JSON) as a reference framework and print how many groups and controls it loaded.',
    usage: 'FILE',
    help: 'The catalog is checked against the OSCAL 1.0.6 catalog schema first. Loading the same catalog (its uuid) again\nupdates the framework; mappings of requirements to its controls are kept. Audited as the CLI.',
    positionals: 1,
    options: {},
    async run(_o, config, [file]) {
      await withDb(config, async (db) => {
        const r = await importCatalogFile(oscalOperatorCtx(db, config, CLI), file);
        process.stdout.write(`${r.code}: ${r.groups} groups and ${r.controls} controls loaded (${r.created ? 'new framework' : 'updated'}: ${r.title} ${r.version})\n`);
      });
    },
  },
  {
    name: 'audit verify',
    summary: 'Check the audit trail hash chain and its signed checkpoints; exits non-zero naming the problem.',
    usage: '[--public-key PEM-FILE ...]',
    help:
      'Every checkpoint in the checkpoint file must carry a valid signature, name an entry that still has exactly\n' +
      'the hash it recorded, and the chain must reach it. By default the keys listed in the checkpoint file are\n' +
      'trusted; with --public-key (repeatable) only the keys in those files are.',
    options: { 'public-key': { type: 'string', multiple: true } },
    async run(o, config) {
      const files = (o['public-key'] as unknown as string[] | undefined) ?? [];
      const trusted = files.map((f) => {
        const key = parsePublicKey(fs.readFileSync(f, 'utf8'));
        if (!key) throw new Error(`audit verify: ${f} is not an Ed25519 public key in PEM`);
        return key;
      });
      const r = await withDb(config, (db) => verifyAnchored(db, config, files.length ? trusted : undefined));
      if (!r.chain.ok) {
        process.stderr.write(`viwango: audit trail broken at entry ${r.chain.badSeq}: ${r.chain.reason} (${r.chain.checked} entries before it are intact)\n`);
        process.exit(1);
      }
      process.stdout.write(`audit trail intact: ${r.chain.checked} entries checked\n`);
      const cp = r.checkpoints!;
      if (!cp.ok) {
        process.stderr.write(`viwango: audit trail does not match its checkpoints: ${cp.reason} (${cp.count} checkpoints before it hold)\n`);
        process.exit(1);
      }
      process.stdout.write(
        cp.newest
          ? `checkpoints hold: ${cp.count} checked in ${cp.file}, the newest vouches for entry ${cp.newest.seq} (${cp.newest.at})\n`
          : `no checkpoints yet in ${cp.file}: run 'viwango audit checkpoint' to anchor the chain\n`,
      );
    },
  },
  {
    name: 'audit checkpoint',
    summary: 'Sign the audit chain head now, append it to the checkpoint file and print it.',
    help: 'The entries written since the newest checkpoint are verified first; a chain that does not verify is never signed.',
    options: {},
    async run(_o, config) {
      const c = await withDb(config, (db) => writeCheckpoint(db, config));
      if (!c) throw new Error('audit checkpoint: the audit trail is empty, there is nothing to sign');
      process.stdout.write(JSON.stringify(c) + '\n');
    },
  },
  {
    name: 'audit public-key',
    summary: 'Print the public key (PEM) that verifies audit checkpoints.',
    options: {},
    async run(_o, config) {
      process.stdout.write(loadSigningKey(config).publicPem);
    },
  },
];
