// The reads behind the three OSCAL exports, scoped to the caller: the catalog is public (the
// requirements come from published standards); a cycle's assessment results cover the institutions
// whose compliance the caller reads (the authority and auditors: all of them; an institution's
// people: their own institution only); an institution's POA&M is for those who read its compliance.
import type { Ctx } from '../../../platform/context.ts';
import { AppError } from '../../../platform/http/errors.ts';
import { authorize } from '../../../platform/auth/access.ts';
import { scopeIncludes } from '../../../platform/auth/policy.ts';
import { scopeClause } from '../../../platform/auth/scope.ts';
import { sqlParams } from '../../../platform/db/sql-params.ts';
import { findInstitution } from '../../reference/index.ts';
import { readScope } from '../access.ts';
import { institutionCompliancePolicy } from './access.ts';
import { controlIds } from './rules.ts';
import {
  OBSERVATIONS,
  observation,
  buildAssessmentResults,
  buildCatalog,
  buildPoam,
  type AnswerRow,
  type AttestationRow,
  type EvidenceRow,
  type FindingRow,
  type InstitutionRow,
  type PoamRow,
  type RequirementRow,
  type SystemRow,
} from './documents/index.ts';

/** Control id of every requirement (retired ones too, so ids never move when others retire). */
export async function requirementControlIds(ctx: Ctx): Promise<Map<string, string>> {
  const rows = await ctx.db.query<{ id: string; ref: string }>('SELECT id, ref FROM compliance_requirements');
  const byRef = controlIds(rows.map((r) => r.ref));
  return new Map(rows.map((r) => [r.id, byRef.get(r.ref)!]));
}

/**
 * The active requirements as an OSCAL catalog. Requirements of standards published to the public are
 * in everyone's catalog; those of internal documents only in the catalog of those who read every
 * institution's compliance (the authority, auditors).
 */
export async function catalogExport(ctx: Ctx): Promise<Record<string, unknown>> {
  const ids = await requirementControlIds(ctx);
  const rows = await ctx.db.query<Omit<RequirementRow, 'controlId' | 'mappings'>>(
    `SELECT r.id, r.ref, r.text_en AS "textEn", r.text_sw AS "textSw", r.obligation, r.applies_to AS "appliesTo", r.version,
            r.group_code AS "groupCode", g.name_en AS "groupNameEn", g.name_sw AS "groupNameSw", d.code AS "documentCode", d.slug AS "documentSlug",
            d.title_en AS "documentTitleEn", d.title_sw AS "documentTitleSw", r.clause_number AS "clauseNumber", r.updated_at AS "updatedAt"
       FROM compliance_requirements r
       JOIN library_documents d ON d.id = r.document_id
       LEFT JOIN architecture_groups g ON g.code = r.group_code
      WHERE r.status = 'active' AND (d.audience = 'public' OR $1::boolean)
      ORDER BY g.position NULLS LAST, r.ref`,
    [readScope(ctx.actor).all],
  );
  const mappings = await ctx.db.query<{ requirementId: string; frameworkCode: string; frameworkUuid: string | null; frameworkTitle: string; controlId: string; relation: string }>(
    `SELECT m.requirement_id AS "requirementId", f.code AS "frameworkCode", f.oscal_uuid AS "frameworkUuid", f.title AS "frameworkTitle", c.control_id AS "controlId", m.relation
       FROM compliance_control_mappings m
       JOIN compliance_controls c ON c.id = m.control_id
       JOIN compliance_frameworks f ON f.id = c.framework_id
      ORDER BY f.code, c.position`,
  );
  const byReq = groupBy(mappings, (m) => m.requirementId);
  return buildCatalog(
    rows.map((r) => ({ ...r, controlId: ids.get(r.id)!, mappings: byReq.get(r.id) ?? [] })),
    ctx.config.publicUrl,
  );
}

const EVIDENCE_COLUMNS = `e.id, e.title, e.kind, e.file_sha256 AS "fileSha256", e.file_name AS "fileName", e.file_type AS "fileType", e.url, e.expires_on::text AS "expiresOn"`;

async function answersOf(ctx: Ctx, where: string, params: unknown[]): Promise<AnswerRow[]> {
  const rows = await ctx.db.query<Omit<AnswerRow, 'evidence'>>(
    `SELECT ans.id, a.institution_id AS "institutionId", r.ref AS "requirementRef", ans.system_id AS "systemId", s.code AS "systemCode", s.name AS "systemName",
            ans.result, ans.justification, ans.comment, ans.answered_at AS "answeredAt", ans.review_status AS "reviewStatus", ans.review_comment AS "reviewComment",
            ans.verified_result AS "verifiedResult", ans.verified_comment AS "verifiedComment", ans.requirement_version AS "requirementVersion"
       FROM compliance_answers ans
       JOIN compliance_assessments a ON a.id = ans.assessment_id
       JOIN institutions i ON i.id = a.institution_id
       JOIN compliance_requirements r ON r.id = ans.requirement_id
       LEFT JOIN portfolio_systems s ON s.id = ans.system_id
      WHERE ans.result IS NOT NULL AND ${where}
      ORDER BY i.acronym, ans.position`,
    params,
  );
  if (!rows.length) return [];
  const ev = await ctx.db.query<EvidenceRow & { answerId: string }>(
    `SELECT ae.answer_id AS "answerId", ${EVIDENCE_COLUMNS}
       FROM compliance_answer_evidence ae JOIN compliance_evidence e ON e.id = ae.evidence_id
      WHERE ae.answer_id = ANY($1::uuid[]) ORDER BY e.created_at, e.id`,
    [rows.map((r) => r.id)],
  );
  const byAnswer = groupBy(ev, (e) => e.answerId);
  return rows.map((r) => ({ ...r, evidence: (byAnswer.get(r.id) ?? []).map(({ answerId: _a, ...e }) => e) }));
}

async function findingsOf(ctx: Ctx, ids: Map<string, string>, where: string, params: unknown[]): Promise<FindingRow[]> {
  const rows = await ctx.db.query<Omit<FindingRow, 'controlId' | 'poam'> & { requirementId: string; poamId: string | null; ownerName: string; plan: string; poamStatus: string; poamUpdatedAt: Date }>(
    `SELECT f.id, f.institution_id AS "institutionId", f.requirement_id AS "requirementId", r.ref AS "requirementRef", f.answer_id AS "answerId", f.severity,
            f.description, f.due_on::text AS "dueOn", f.status, f.raised_at AS "raisedAt", f.closed_at AS "closedAt",
            p.id AS "poamId", p.owner_name AS "ownerName", p.plan, p.status AS "poamStatus", p.updated_at AS "poamUpdatedAt"
       FROM compliance_findings f
       JOIN compliance_requirements r ON r.id = f.requirement_id
       JOIN institutions i ON i.id = f.institution_id
       LEFT JOIN compliance_poam_items p ON p.finding_id = f.id
      WHERE f.status <> 'withdrawn' AND ${where}
      ORDER BY i.acronym, f.raised_at, f.id`,
    params,
  );
  const poamIds = rows.map((r) => r.poamId).filter((x): x is string => !!x);
  const milestones = poamIds.length
    ? await ctx.db.query<{ poamId: string; id: string; title: string; plannedOn: string; actualOn: string | null }>(
        `SELECT poam_id AS "poamId", id, title, planned_on::text AS "plannedOn", actual_on::text AS "actualOn" FROM compliance_milestones WHERE poam_id = ANY($1::uuid[]) ORDER BY position`,
        [poamIds],
      )
    : [];
  const evidence = poamIds.length
    ? await ctx.db.query<EvidenceRow & { poamId: string }>(
        `SELECT pe.poam_id AS "poamId", ${EVIDENCE_COLUMNS} FROM compliance_poam_evidence pe JOIN compliance_evidence e ON e.id = pe.evidence_id WHERE pe.poam_id = ANY($1::uuid[]) ORDER BY e.created_at, e.id`,
        [poamIds],
      )
    : [];
  const msBy = groupBy(milestones, (m) => m.poamId);
  const evBy = groupBy(evidence, (e) => e.poamId);
  return rows.map((r) => {
    const poam: PoamRow | null = r.poamId
      ? {
          id: r.poamId,
          ownerName: r.ownerName,
          plan: r.plan,
          status: r.poamStatus,
          updatedAt: r.poamUpdatedAt,
          milestones: (msBy.get(r.poamId) ?? []).map(({ poamId: _p, ...m }) => m),
          evidence: (evBy.get(r.poamId) ?? []).map(({ poamId: _p, ...e }) => e),
        }
      : null;
    return { id: r.id, institutionId: r.institutionId, requirementRef: r.requirementRef, controlId: ids.get(r.requirementId)!, answerId: r.answerId, severity: r.severity, description: r.description, dueOn: r.dueOn, status: r.status, raisedAt: r.raisedAt, closedAt: r.closedAt, poam };
  });
}

function groupBy<T>(rows: T[], key: (r: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = out.get(k);
    if (list) list.push(r);
    else out.set(k, [r]);
  }
  return out;
}

const INSTITUTION_COLUMNS = `i.id, i.acronym, i.name_en AS "nameEn", i.name_sw AS "nameSw"`;

/**
 * A closed cycle (the latest closed one when none is named) as OSCAL assessment results, as chunks of
 * JSON text. The document covers the institutions whose compliance the caller reads, or the one
 * named. Everything is checked before the first chunk (a refusal is an ordinary error); the answers,
 * the bulk of a national cycle, are then read and written one institution at a time.
 */
export async function assessmentResultsChunks(ctx: Ctx, opts: { cycleId?: string; institution?: string } = {}): Promise<AsyncIterable<string>> {
  const [cycle] = await ctx.db.query<{ id: string; code: string; nameEn: string; nameSw: string; status: string; openedAt: Date | null; closedAt: Date }>(
    `SELECT id, code, name_en AS "nameEn", name_sw AS "nameSw", status, opened_at AS "openedAt", closed_at AS "closedAt" FROM compliance_cycles
      WHERE ${opts.cycleId ? 'id = $1' : "status = 'closed'"} ORDER BY closed_at DESC NULLS LAST LIMIT 1`,
    opts.cycleId ? [opts.cycleId] : [],
  );
  if (!cycle) throw new AppError(404, opts.cycleId ? 'error.notFound.title' : 'oscal.error.noClosedCycle');
  if (cycle.status !== 'closed' || !cycle.closedAt) throw new AppError(409, 'oscal.error.cycleNotClosed', { code: cycle.code });
  const scope = readScope(ctx.actor);
  const p = sqlParams([cycle.id]);
  let where = `a.cycle_id = $1 AND ${scopeClause(scope, 'a.institution_id', p.p)}`;
  if (opts.institution) {
    const inst = await findInstitution(ctx.db.orm, opts.institution);
    if (!inst || !scopeIncludes(scope, inst.id)) throw new AppError(404, 'error.notFound.title');
    where += ` AND a.institution_id = ${p.p(inst.id)}`;
  }
  const assessed = await ctx.db.query<InstitutionRow & { assessmentId: string }>(
    `SELECT a.id AS "assessmentId", ${INSTITUTION_COLUMNS} FROM compliance_assessments a JOIN institutions i ON i.id = a.institution_id WHERE ${where} ORDER BY i.acronym`,
    p.params,
  );
  if (opts.institution && !assessed.length) throw new AppError(404, 'oscal.error.notInCycle');
  const ids = [assessed.map((a) => a.assessmentId)];
  const controlIdsById = await requirementControlIds(ctx);
  const cycleReqs = await ctx.db.query<{ requirementId: string }>(`SELECT requirement_id AS "requirementId" FROM compliance_cycle_requirements WHERE cycle_id = $1`, [cycle.id]);
  // What the document needs to know of the answers, computed in the database.
  const [counts] = await ctx.db.query<{ count: number; lastAnswered: Date | null; met: number; objectives: number }>(
    `SELECT coalesce(sum(n), 0)::int AS count, max(last) AS "lastAnswered", (count(*) FILTER (WHERE ok))::int AS met, count(*)::int AS objectives
       FROM (SELECT count(*) AS n, max(ans.answered_at) AS last, bool_and(coalesce(ans.verified_result, ans.result) IN ('compliant', 'not_applicable')) AS ok
               FROM compliance_answers ans WHERE ans.assessment_id = ANY($1::uuid[]) AND ans.result IS NOT NULL
              GROUP BY ans.assessment_id, ans.requirement_id) x`,
    ids,
  );
  const systems = await ctx.db.query<SystemRow>(
    `SELECT s.id, s.code, s.name FROM portfolio_systems s
      WHERE s.id IN (SELECT ans.system_id FROM compliance_answers ans WHERE ans.assessment_id = ANY($1::uuid[]) AND ans.result IS NOT NULL) ORDER BY s.code, s.id`,
    ids,
  );
  const evidence = await ctx.db.query<EvidenceRow>(
    `SELECT ${EVIDENCE_COLUMNS} FROM compliance_evidence e
      WHERE e.id IN (SELECT ae.evidence_id FROM compliance_answer_evidence ae JOIN compliance_answers ans ON ans.id = ae.answer_id
                      WHERE ans.assessment_id = ANY($1::uuid[]) AND ans.result IS NOT NULL) ORDER BY e.created_at, e.id`,
    ids,
  );
  const findings = await findingsOf(ctx, controlIdsById, 'f.assessment_id = ANY($1::uuid[])', ids);
  const findingAnswers = groupBy(
    await ctx.db.query<{ findingId: string; answerId: string }>(
      `SELECT f.id AS "findingId", ans.id AS "answerId" FROM compliance_findings f
         JOIN compliance_answers ans ON ans.assessment_id = f.assessment_id AND ans.requirement_id = f.requirement_id AND ans.result IS NOT NULL
        WHERE f.id = ANY($1::uuid[]) ORDER BY ans.position`,
      [findings.map((f) => f.id)],
    ),
    (r) => r.findingId,
  );
  const attestations = await ctx.db.query<AttestationRow>(
    `SELECT t.id, a.institution_id AS "institutionId", t.signed_by AS "signedBy", t.signer_name AS "signerName", t.signed_at AS "signedAt", t.content_sha256 AS "contentSha256"
       FROM compliance_attestations t JOIN compliance_assessments a ON a.id = t.assessment_id WHERE t.assessment_id = ANY($1::uuid[]) ORDER BY t.signed_at, t.id`,
    ids,
  );
  const institutions = assessed.map(({ assessmentId: _a, ...i }) => i);
  const doc = buildAssessmentResults({
    cycle: { ...cycle, closedAt: cycle.closedAt, controlIds: cycleReqs.map((r) => controlIdsById.get(r.requirementId)!).sort() },
    scopeKey: scope.all && !opts.institution ? 'all' : assessed.map((a) => a.id).sort().join(','),
    institutions,
    answers: { count: counts?.count ?? 0, lastAnswered: counts?.lastAnswered ?? null, met: counts?.met ?? 0, objectives: counts?.objectives ?? 0, systems, evidence },
    findings,
    findingAnswers: new Map([...findingAnswers].map(([k, v]) => [k, v.map((r) => r.answerId)])),
    attestations,
    publicUrl: ctx.config.publicUrl,
  });
  const [head, tail] = JSON.stringify(doc).split(JSON.stringify(OBSERVATIONS));
  async function* chunks(): AsyncGenerator<string> {
    yield head!;
    if (tail === undefined) return;
    yield '[';
    let first = true;
    for (const a of assessed) {
      const inst = institutions.find((i) => i.id === a.id)!;
      const answers = await answersOf(ctx, 'a.id = $1', [a.assessmentId]);
      if (!answers.length) continue;
      yield (first ? '' : ',') + answers.map((x) => JSON.stringify(observation(x, inst, cycle!.closedAt))).join(',');
      first = false;
    }
    yield ']' + tail;
  }
  return chunks();
}

/** The whole assessment-results document as one object (for tests and small cycles). */
export async function assessmentResultsExport(ctx: Ctx, opts: { cycleId?: string; institution?: string } = {}): Promise<Record<string, unknown>> {
  let text = '';
  for await (const c of await assessmentResultsChunks(ctx, opts)) text += c;
  return JSON.parse(text) as Record<string, unknown>;
}

/** An institution's remediation plans (all cycles) as an OSCAL plan of action and milestones. */
export async function poamExport(ctx: Ctx, acronym: string): Promise<Record<string, unknown>> {
  const found = await findInstitution(ctx.db.orm, acronym);
  if (!found) throw new AppError(404, 'error.notFound.title');
  authorize(ctx.actor, institutionCompliancePolicy, 'read', { institutionId: found.id });
  const ids = await requirementControlIds(ctx);
  const findings = await findingsOf(ctx, ids, 'f.institution_id = $1', [found.id]);
  const answerIds = findings.filter((f) => f.poam && f.answerId).map((f) => f.answerId!);
  const answers = answerIds.length ? await answersOf(ctx, 'ans.id = ANY($1::uuid[])', [answerIds]) : [];
  return buildPoam({ id: found.id, acronym: found.acronym, nameEn: found.nameEn, nameSw: found.nameSw }, findings, answers);
}
