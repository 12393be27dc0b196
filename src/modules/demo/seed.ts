// Demo data: one sample account for each role and a few documents, so a fresh install can be tried.
// Never loaded when NODE_ENV=production (the CLI and the server both refuse).
import crypto from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Config } from '../../config.ts';
import type { Database } from '../../platform/db/database.ts';
import { systemCtx } from '../../platform/context.ts';
import type { Role } from '../../platform/auth/actor.ts';
import { createUser } from '../identity/index.ts';
import { loadLibraryDemo } from '../library/index.ts';
import { loadPortfolioDemo } from '../portfolio/index.ts';
import { loadComplianceDemo } from '../compliance/index.ts';
import { loadReviewsDemo } from '../reviews/index.ts';

export const DEMO_DOMAIN = 'demo.viwango.go.tz';

export const DEMO_ACCOUNTS: { email: string; name: string; role: Role; institution?: string; lang: 'sw' | 'en' }[] = [
  { email: `admin@${DEMO_DOMAIN}`, name: 'Amina Msimamizi', role: 'admin', lang: 'sw' },
  { email: `reviewer@${DEMO_DOMAIN}`, name: 'Baraka Mkaguzi', role: 'authority_reviewer', lang: 'sw' },
  { email: `auditor@${DEMO_DOMAIN}`, name: 'Chausiku Ukaguzi', role: 'auditor', lang: 'en' },
  { email: `author.ega@${DEMO_DOMAIN}`, name: 'Daudi Mwandishi', role: 'issuer_author', institution: 'e-GA', lang: 'sw' },
  { email: `approver.ega@${DEMO_DOMAIN}`, name: 'Esther Mwidhinishaji', role: 'issuer_approver', institution: 'e-GA', lang: 'en' },
  { email: `author.popsmgg@${DEMO_DOMAIN}`, name: 'Faraji Utumishi', role: 'issuer_author', institution: 'PO-PSMGG', lang: 'sw' },
  { email: `approver.popsmgg@${DEMO_DOMAIN}`, name: 'Grace Utawala', role: 'issuer_approver', institution: 'PO-PSMGG', lang: 'sw' },
  { email: `author.moh@${DEMO_DOMAIN}`, name: 'Hamisi Afya', role: 'issuer_author', institution: 'MoH', lang: 'en' },
  { email: `officer.nida@${DEMO_DOMAIN}`, name: 'Imani TEHAMA', role: 'institution_officer', institution: 'NIDA', lang: 'sw' },
  { email: `head.nida@${DEMO_DOMAIN}`, name: 'Juma Mkuu', role: 'institution_head', institution: 'NIDA', lang: 'sw' },
  { email: `officer.brela@${DEMO_DOMAIN}`, name: 'Kheri Mifumo', role: 'institution_officer', institution: 'BRELA', lang: 'en' },
];

export async function demoExists(db: Database): Promise<boolean> {
  const rows = await db.orm.execute(sql`SELECT 1 FROM users WHERE is_demo LIMIT 1`);
  return rows.rows.length > 0;
}

function generatedPassword(): string {
  return `Viwango-${crypto.randomBytes(9).toString('base64url')}`;
}

export interface DemoResult {
  accounts: { email: string; role: string }[];
  password: string;
  passwordGenerated: boolean;
}

/** Hooks that other modules add to load their demo content after the accounts exist. */
export const demoContentLoaders: ((db: Database, config: Config) => Promise<void>)[] = [];
demoContentLoaders.push(loadLibraryDemo, loadPortfolioDemo, loadComplianceDemo, loadReviewsDemo);

export async function seedDemo(db: Database, config: Config): Promise<DemoResult> {
  if (config.env === 'production') throw new Error('demo data is never loaded when NODE_ENV=production');
  const password = config.demoPassword ?? generatedPassword();
  const created: { email: string; role: string }[] = [];
  for (const a of DEMO_ACCOUNTS) {
    await createUser(systemCtx(db, config), {
      email: a.email,
      name: a.name,
      lang: a.lang,
      roles: [{ role: a.role, institution: a.institution ?? null }],
      password,
      isDemo: true,
    });
    created.push({ email: a.email, role: a.institution ? `${a.role} (${a.institution})` : a.role });
  }
  for (const load of demoContentLoaders) await load(db, config);
  return { accounts: created, password, passwordGenerated: !config.demoPassword };
}

export function printDemoAccounts(accounts: { email: string; role: string }[], password?: string) {
  const lines = ['', 'Demo accounts (sample data; never created when NODE_ENV=production):'];
  for (const a of accounts) lines.push(`  ${a.role.padEnd(22)} ${a.email}`);
  lines.push(password ? `  password for all of them: ${password}  (shown once; set DEMO_PASSWORD to choose it)` : '  password: the value of DEMO_PASSWORD');
  process.stdout.write(lines.join('\n') + '\n\n');
}
