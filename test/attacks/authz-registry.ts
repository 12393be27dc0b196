// The per-module code of the authorization matrix (test/attacks/authz-matrix.test.ts), with the
// journeys that make records no single write route creates (authz-journeys.ts): for each
// kind of record a route can name, where its rows live (the table a `:id` names, or the route
// parameters that name it together), how to load it in the shape its policy takes, and which of
// the module's policies answers "may this person know it exists". The expectations of the matrix
// come from these policies, never from a table written here. A module that adds a kind of record
// adds an entry; a write route that creates rows in a table with an `institution_id` or `issuer_id`
// column that no entry names fails the matrix until it does. A detail route that no record made by
// the matrix or its journeys names fails it too, unless NOT_WALKED says why it cannot be walked.
import type { Database } from '../../src/platform/db/database.ts';
import type { Actor } from '../../src/platform/auth/actor.ts';
import { decide, type Policy } from '../../src/platform/auth/access.ts';
import { can, type Action } from '../../src/platform/auth/policy.ts';
import { getJob, jobVisible, parseJobId, type Job } from '../../src/platform/jobs/index.ts';
import { publishedCycles } from '../../src/modules/compliance/scores/queries.ts';
import { systemCtxOf } from '../helpers.ts';
import { editionPolicy, type EditionRecord } from '../../src/modules/library/access.ts';
import { institutionPortfolioPolicy, systemPolicy, type SystemRecord } from '../../src/modules/portfolio/access.ts';
import type { EditionStatus } from '../../src/modules/library/schema.ts';
import { casePolicy, type CaseRecord } from '../../src/modules/reviews/access.ts';
import { answerPolicy, assessmentPolicy, cyclePolicy, evidencePolicy, type AnswerRecord, type AssessmentRecord, type CycleRecord } from '../../src/modules/compliance/assessments/access.ts';
import { directivePolicy, findingPolicy, type FindingRecord } from '../../src/modules/compliance/oversight/access.ts';
import { requirementPolicy, revisionPolicy, type RequirementRecord, type RevisionRecord } from '../../src/modules/compliance/requirements/access.ts';
import { institutionScoresPolicy } from '../../src/modules/compliance/scores/access.ts';
import { readScope } from '../../src/modules/compliance/access.ts';
import { tanzaniaDate } from '../../src/platform/calendar.ts';

export interface RecordKind {
  name: string;
  /** The table whose row ids a route's `:id` may name. */
  table?: string;
  /** Or the route parameters that together name one record (e.g. slug and version). */
  params?: string[];
  /**
   * Where two kinds are named by the same parameters (an institution's portfolio and its published
   * compliance summary both by `:acronym`): the permission of the routes that read this kind. Such a
   * route reads the kind that names its permission, and any other route the kind that names none.
   */
  readBy?: Action;
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

/**
 * A kind with no rule per record: whoever holds `permission` (platform/auth/policy.ts, the rule the
 * administration's routes and services apply) knows every record of it; `owner` is the institution
 * a record belongs to, for a write route's permission.
 */
function byPermission(name: string, table: string, permission: Action, owner: (id: string) => string | null): RecordKind {
  return {
    name,
    table,
    load: (db, v) => one<{ id: string }>(db, `SELECT id FROM "${table}" WHERE id = $1`, [v.id]),
    visible: (a) => can(a, permission),
    owner: (r) => owner((r as { id: string }).id),
  };
}

const institutionByAcronym = (db: Database, acronym: string) => one<{ id: string }>(db, 'SELECT id FROM institutions WHERE lower(acronym) = lower($1)', [acronym]);

const editionSql = 'SELECT d.issuer_id, d.audience, e.status FROM library_editions e JOIN library_documents d ON d.id = e.document_id';
function edition(row: { issuer_id: string; audience: 'public' | 'internal'; status: EditionStatus } | null): EditionRecord | null {
  return row && { doc: { issuerId: row.issuer_id, audience: row.audience }, edition: { status: row.status } };
}

async function systemById(db: Database, id: string): Promise<SystemRecord | null> {
  const s = await one<{ institution_id: string }>(db, 'SELECT institution_id FROM portfolio_systems WHERE id = $1', [id]);
  return s && { institutionId: s.institution_id };
}

async function reviewCase(db: Database, sqlText: string, ...params: string[]): Promise<CaseRecord | null> {
  const c = await one<{ institution_id: string; stage: CaseRecord['stage']; kind: CaseRecord['kind']; outcome: CaseRecord['outcome']; live_system_id: string | null; reviewer_id: string | null }>(db, sqlText, params);
  return c && { institutionId: c.institution_id, stage: c.stage, kind: c.kind, outcome: c.outcome, liveSystemId: c.live_system_id, reviewerId: c.reviewer_id };
}
const caseColumns = 'c.institution_id, c.stage, c.kind, c.outcome, c.live_system_id, c.reviewer_id';

const assessmentSql = 'SELECT a.institution_id, a.status, y.submission_due::text FROM compliance_assessments a JOIN compliance_cycles y ON y.id = a.cycle_id';
async function assessment(db: Database, where: string, params: unknown[]): Promise<AssessmentRecord | null> {
  const a = await one<{ institution_id: string; status: AssessmentRecord['status']; submission_due: string }>(db, `${assessmentSql} ${where}`, params);
  return a && { institutionId: a.institution_id, status: a.status, submissionDue: a.submission_due };
}

/** A requirement, or a standard's requirements as a whole: as public as the document they come from. */
async function requirementOf(db: Database, where: string, id: string): Promise<RequirementRecord | null> {
  const r = await one<{ issuer_id: string; audience: 'public' | 'internal' }>(db, `SELECT d.issuer_id, d.audience FROM compliance_requirements r JOIN library_documents d ON d.id = r.document_id WHERE ${where} LIMIT 1`, [id]);
  return r && { issuerId: r.issuer_id, audience: r.audience };
}

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
      const i = await institutionByAcronym(db, v.acronym);
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
  byPolicy(casePolicy, {
    name: 'review attachment',
    params: ['id', 'aid'],
    load: (db, v) => reviewCase(db, `SELECT ${caseColumns} FROM review_attachments f JOIN review_cases c ON c.id = f.case_id WHERE f.id = $1 AND c.id = $2`, v.aid, v.id),
  }),
  // Compliance: requirements and their revisions (src/modules/compliance/requirements/access.ts).
  byPolicy(requirementPolicy, { name: 'compliance requirement', table: 'compliance_requirements', load: (db, v) => requirementOf(db, 'r.id = $1', v.id) }),
  // A standard's scores page shows its requirements' text: known to whoever may see them.
  byPolicy(requirementPolicy, { name: 'compliance standard', params: ['documentId'], load: (db, v) => requirementOf(db, 'r.document_id = $1', v.documentId) }),
  byPolicy(revisionPolicy, {
    name: 'requirement revision',
    table: 'compliance_revisions',
    params: ['id', 'candidateId'],
    load: async (db, v) => {
      const r = await one<{ issuer_id: string; status: RevisionRecord['status'] }>(db, 'SELECT d.issuer_id, r.status FROM compliance_revisions r JOIN library_documents d ON d.id = r.document_id WHERE r.id = $1', [v.id]);
      return r && { issuerId: r.issuer_id, status: r.status };
    },
  }),
  // Compliance: cycles, assessments, answers, attestations and evidence (src/modules/compliance/assessments/access.ts).
  {
    // A cycle is known to whoever reads compliance (cyclePolicy); once it is closed and an
    // institution's summary of it published, the public summary names it to everyone.
    name: 'compliance cycle',
    table: 'compliance_cycles',
    load: async (db, v) =>
      one<CycleRecord & { published: boolean }>(
        db,
        "SELECT y.status, y.status = 'closed' AND EXISTS (SELECT 1 FROM compliance_publications p WHERE p.cycle_id = y.id) AS published FROM compliance_cycles y WHERE y.id = $1",
        [v.id],
      ),
    visible: (a, r) => cyclePolicy.visible(a, r as CycleRecord) || (r as { published: boolean }).published,
    owner: () => null,
  },
  byPolicy(assessmentPolicy, { name: 'compliance assessment', table: 'compliance_assessments', load: (db, v) => assessment(db, 'WHERE a.id = $1', [v.id]) }),
  // An attestation is the signed content of its assessment: known to whoever may see the assessment.
  byPolicy(assessmentPolicy, { name: 'compliance attestation', table: 'compliance_attestations', load: (db, v) => assessment(db, 'JOIN compliance_attestations t ON t.assessment_id = a.id WHERE t.id = $1', [v.id]) }),
  byPolicy(answerPolicy, {
    name: 'compliance answer',
    params: ['id', 'answerId'],
    load: async (db, v) => {
      const a = await one<{ institution_id: string; status: AnswerRecord['assessmentStatus']; review_status: AnswerRecord['reviewStatus'] }>(
        db,
        'SELECT a.institution_id, a.status, q.review_status FROM compliance_answers q JOIN compliance_assessments a ON a.id = q.assessment_id WHERE q.id = $1 AND a.id = $2',
        [v.answerId, v.id],
      );
      return a && { institutionId: a.institution_id, assessmentStatus: a.status, reviewStatus: a.review_status };
    },
  }),
  byPolicy(evidencePolicy, {
    name: 'compliance evidence',
    table: 'compliance_evidence',
    load: async (db, v) => {
      const e = await one<{ institution_id: string }>(db, 'SELECT institution_id FROM compliance_evidence WHERE id = $1', [v.id]);
      return e && { institutionId: e.institution_id };
    },
  }),
  // One institution's scores and report in one cycle (src/modules/compliance/scores/access.ts).
  byPolicy(institutionScoresPolicy, {
    name: 'institution scores',
    params: ['acronym', 'cycleId'],
    load: async (db, v) => {
      const r = await one<{ institution_id: string; status: string }>(db, 'SELECT i.id AS institution_id, y.status FROM institutions i, compliance_cycles y WHERE lower(i.acronym) = lower($1) AND y.id = $2', [v.acronym, v.cycleId]);
      return r && { institutionId: r.institution_id, cycleStatus: r.status };
    },
  }),
  {
    // An institution's compliance summary (src/modules/compliance/scores/queries.ts publishedCycles,
    // what its page and API read): public (compliance:public) once the authority publishes one for a
    // closed cycle, 404 to everyone before.
    name: 'published summary',
    params: ['acronym'],
    readBy: 'compliance:public',
    load: async (db, v) => {
      const i = await institutionByAcronym(db, v.acronym);
      return i && { institutionId: i.id, published: (await publishedCycles(systemCtxOf(db), i.id)).length > 0 };
    },
    visible: (a, r) => can(a, 'compliance:public') && (r as { published: boolean }).published,
    owner: (r) => (r as { institutionId: string }).institutionId,
  },
  // Findings and directives (src/modules/compliance/oversight/access.ts).
  byPolicy(findingPolicy, {
    name: 'compliance finding',
    table: 'compliance_findings',
    load: async (db, v) => {
      const f = await one<{ institution_id: string; status: FindingRecord['status']; challenge_until: string; poam: FindingRecord['poamStatus'] }>(
        db,
        'SELECT f.institution_id, f.status, y.challenge_until::text, p.status AS poam FROM compliance_findings f JOIN compliance_cycles y ON y.id = f.cycle_id LEFT JOIN compliance_poam_items p ON p.finding_id = f.id WHERE f.id = $1',
        [v.id],
      );
      return f && { institutionId: f.institution_id, status: f.status, challengeUntil: f.challenge_until, challengedBefore: false, poamStatus: f.poam, today: tanzaniaDate() };
    },
  }),
  {
    // A directive is addressed to institutions; whoever reads one of them sees it (the policy takes
    // the caller's institutions among its targets, so the caller's compliance scope is applied here).
    name: 'compliance directive',
    table: 'compliance_directives',
    load: async (db, v) => {
      const d = await one<{ status: 'issued' | 'withdrawn' }>(db, 'SELECT status FROM compliance_directives WHERE id = $1', [v.id]);
      const targets = (await db.query<{ institution_id: string }>('SELECT institution_id FROM compliance_directive_targets WHERE directive_id = $1', [v.id])).map((r) => r.institution_id);
      return d && { status: d.status, targets };
    },
    visible: (a, r) => {
      const d = r as { status: 'issued' | 'withdrawn'; targets: string[] };
      const scope = readScope(a);
      return directivePolicy.visible(a, { status: d.status, targetedInstitutions: scope.all ? [] : d.targets.filter((i) => scope.institutions.includes(i)) });
    },
    owner: () => null,
  },
  // Administration (src/modules/admin): people and the institutions register have no rule per
  // record; their pages are the administrators' (users:read; institutions:read to know one,
  // institutions:manage to open its form).
  byPermission('person', 'users', 'users:read', () => null),
  byPermission('institution', 'institutions', 'institutions:read', (id) => id),
  {
    // A background job (src/platform/jobs/queries.ts): its creator and those who read every job
    // follow it; anyone else is told it does not exist. Its id is a number, not a uuid.
    name: 'job',
    table: 'jobs',
    load: async (db, v) => {
      const n = parseJobId(v.id);
      return n === null ? null : getJob(db, n);
    },
    visible: (a, r) => jobVisible(a, r as Job),
    owner: () => null,
  },
];

/**
 * Detail routes the matrix does not walk, and why: each names a record by a one-time secret rather
 * than an id, so no persona × record question arises (whoever holds the link may use it once). Any
 * other detail route that no record made here names fails the matrix.
 */
export const NOT_WALKED: Record<string, string> = {
  '/invite/:token':
    'an invitation link: its token is a secret e-mailed to one address, stored hashed, expiring, used once (src/modules/admin/people.test.ts, src/modules/identity/password.test.ts)',
  '/password/reset/:token': 'a password reset link: its token is a secret e-mailed to one address, stored hashed, valid one hour, used once (src/modules/identity/password.test.ts)',
};

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
