// The only per-module code of the authorization matrix (test/attacks/authz-matrix.test.ts): for each
// kind of record a route can name, where its rows live (the table a `:id` names, or the route
// parameters that name it together), how to load it in the shape its policy takes, and which of
// the module's policies answers "may this person know it exists". The expectations of the matrix
// come from these policies, never from a table written here. A module that adds a kind of record
// adds an entry; a write route that creates rows in a table with an `institution_id` or `issuer_id`
// column that no entry names fails the matrix until it does.
import type { Database } from '../../src/platform/db/database.ts';
import type { Actor } from '../../src/platform/auth/actor.ts';
import { decide, type Policy } from '../../src/platform/auth/access.ts';
import { editionPolicy, type EditionRecord } from '../../src/modules/library/access.ts';
import { institutionPortfolioPolicy, systemPolicy, type SystemRecord } from '../../src/modules/portfolio/access.ts';
import type { EditionStatus } from '../../src/modules/library/schema.ts';
import { casePolicy, type CaseRecord } from '../../src/modules/reviews/access.ts';

export interface RecordKind {
  name: string;
  /** The table whose row ids a route's `:id` may name. */
  table?: string;
  /** Or the route parameters that together name one record (e.g. slug and version). */
  params?: string[];
  /** The record in the shape its policy takes; null when there is none. */
  load(db: Database, values: Record<string, string>): Promise<unknown | null>;
  /** Whether the caller may know the record exists: the module's policy, nothing else. */
  visible(actor: Actor | null, record: unknown): boolean;
  /** The institution the record belongs to (for a write route's permission). */
  owner(record: unknown): string | null;
}

/** A kind whose visibility is its policy's `visible`. */
function byPolicy<R>(policy: Policy<R, string>, kind: Omit<RecordKind, 'visible' | 'owner'>): RecordKind {
  return { ...kind, visible: (a, r) => policy.visible(a, r as R), owner: (r) => policy.owner(r as R) };
}

async function one<T>(db: Database, text: string, params: unknown[]): Promise<T | null> {
  return ((await db.query<T>(text, params))[0] as T | undefined) ?? null;
}

const editionSql = 'SELECT d.issuer_id, d.audience, e.status FROM library_editions e JOIN library_documents d ON d.id = e.document_id';
function edition(row: { issuer_id: string; audience: 'public' | 'internal'; status: EditionStatus } | null): EditionRecord | null {
  return row && { doc: { issuerId: row.issuer_id, audience: row.audience }, edition: { status: row.status } };
}

async function systemById(db: Database, id: string): Promise<SystemRecord | null> {
  const s = await one<{ institution_id: string }>(db, 'SELECT institution_id FROM portfolio_systems WHERE id = $1', [id]);
  return s && { institutionId: s.institution_id };
}

async function reviewCase(db: Database, sqlText: string, id: string): Promise<CaseRecord | null> {
  const c = await one<{ institution_id: string; stage: CaseRecord['stage']; kind: CaseRecord['kind']; outcome: CaseRecord['outcome']; live_system_id: string | null; reviewer_id: string | null }>(db, sqlText, [id]);
  return c && { institutionId: c.institution_id, stage: c.stage, kind: c.kind, outcome: c.outcome, liveSystemId: c.live_system_id, reviewerId: c.reviewer_id };
}
const caseColumns = 'c.institution_id, c.stage, c.kind, c.outcome, c.live_system_id, c.reviewer_id';

export const RECORD_KINDS: RecordKind[] = [
  // Library (src/modules/library/access.ts)
  {
    // A document's pages show its editions: it is known to whoever may see one of them. (Its
    // policy's own `visible` also lets everyone know a public document that has only drafts; its
    // pages answer 404 until an edition is published, which is stricter.)
    name: 'library document',
    table: 'library_documents',
    params: ['slug'],
    load: async (db, v) => {
      const rows = await db.query<{ issuer_id: string; audience: 'public' | 'internal'; status: EditionStatus }>(`${editionSql} WHERE d.slug = $1`, [v.slug]);
      return rows.length ? rows.map(edition) : null;
    },
    visible: (a, r) => (r as EditionRecord[]).some((e) => editionPolicy.visible(a, e)),
    owner: (r) => (r as EditionRecord[])[0].doc.issuerId,
  },
  byPolicy(editionPolicy, {
    name: 'library edition',
    table: 'library_editions',
    params: ['slug', 'version'],
    load: async (db, v) =>
      edition(v.slug && v.version ? await one(db, `${editionSql} WHERE d.slug = $1 AND e.version = $2`, [v.slug, v.version]) : await one(db, `${editionSql} WHERE e.id = $1`, [v.id])),
  }),
  // Portfolio (src/modules/portfolio/access.ts)
  byPolicy(systemPolicy, { name: 'portfolio system', table: 'portfolio_systems', load: (db, v) => systemById(db, v.id) }),
  byPolicy(institutionPortfolioPolicy, {
    name: 'institution portfolio',
    params: ['acronym'],
    load: async (db, v) => {
      const i = await one<{ id: string }>(db, 'SELECT id FROM institutions WHERE lower(acronym) = lower($1)', [v.acronym]);
      return i && { institutionId: i.id };
    },
  }),
  {
    // An integration joins two systems; what it exchanges is a detail of both, so it is known to
    // whoever may read the details of either side (systemPolicy's readDetails).
    name: 'portfolio integration',
    table: 'portfolio_integrations',
    load: async (db, v) => {
      const g = await one<{ provider_id: string; consumer_id: string }>(db, 'SELECT provider_id, consumer_id FROM portfolio_integrations WHERE id = $1', [v.id]);
      return g && [await systemById(db, g.provider_id), await systemById(db, g.consumer_id)];
    },
    visible: (a, r) => (r as SystemRecord[]).some((s) => decide(a, systemPolicy, 'readDetails', s).ok),
    owner: (r) => (r as SystemRecord[])[0].institutionId,
  },
  // Reviews (src/modules/reviews/access.ts): a case, and the deficiencies, conditions and attachments of a case.
  byPolicy(casePolicy, { name: 'review case', table: 'review_cases', load: (db, v) => reviewCase(db, `SELECT ${caseColumns} FROM review_cases c WHERE c.id = $1`, v.id) }),
  byPolicy(casePolicy, { name: 'review deficiency', table: 'review_deficiencies', load: (db, v) => reviewCase(db, `SELECT ${caseColumns} FROM review_deficiencies d JOIN review_cases c ON c.id = d.case_id WHERE d.id = $1`, v.id) }),
  byPolicy(casePolicy, { name: 'review condition', table: 'review_conditions', load: (db, v) => reviewCase(db, `SELECT ${caseColumns} FROM review_conditions k JOIN review_cases c ON c.id = k.case_id WHERE k.id = $1`, v.id) }),
];

/**
 * Tables whose rows the matrix does not check record by record, and why. Each must say why its
 * rows are not another institution's secret.
 */
export const NOT_RECORDS: Record<string, string> = {
  portfolio_eservices: 'the public catalogue of e-services: names and channels are published (portfolio:public)',
  api_tokens: 'a person’s own tokens, listed only to their holder (GET /api/v1/tokens reads the actor’s own)',
};

/**
 * Values for body fields whose valid values a service checks against each other (a document's
 * kind must suit its level), so a schema alone cannot produce them. `inst` is the writing
 * institution's acronym, `n` a number unique to the write, `ids` the ids of the institution's records
 * made so far, newest first.
 */
export const FIELD_VALUES: Record<string, (inst: string, n: number, ids: string[]) => unknown> = {
  issuer: (inst) => inst,
  institution: (inst) => inst,
  code: (inst, n) => `${inst}-ICT-POL-${700 + n}`,
  // An integration between two of the institution's systems.
  provider: (_inst, _n, ids) => ids[0],
  consumer: (_inst, _n, ids) => ids[1],
  level: () => 3,
  kind: () => 'policy',
};
