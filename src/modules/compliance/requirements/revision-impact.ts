// What a requirement revision would do and whom it touches: each candidate's outcome, and the
// institutions, open assessments, findings, directives and level-3 documents affected. Read by the
// preview before applying and by applying itself.
import { and, asc, eq, sql } from 'drizzle-orm';
import { type Ctx } from '../../../platform/context.ts';
import { documents } from '../../library/index.ts';
import { candidates, requirements, type Candidate, type Requirement } from '../schema.ts';
import { outcomeOf, type Outcome } from './rules.ts';

/** The candidates of a revision with the outcome applying each would have (and the requirement it concerns). */
export async function outcomesOf(q: Ctx['q'], revisionId: string): Promise<{ candidate: Candidate; requirement: Requirement | null; outcome: Outcome }[]> {
  const rows = await q.select({ candidate: candidates, requirement: requirements }).from(candidates).leftJoin(requirements, eq(requirements.id, candidates.requirementId)).where(eq(candidates.revisionId, revisionId)).orderBy(asc(candidates.position));
  return rows.map((r) => ({ ...r, outcome: outcomeOf(r.candidate, r.requirement ?? undefined) }));
}

export interface Affected {
  institutions: { id: string; acronym: string; nameSw: string; nameEn: string }[];
  assessments: { id: string; institution: string; cycle: string; answers: number }[];
  findings: { id: string; institution: string; ref: string; severity: string; status: string; dueOn: string }[];
  directives: { id: string; code: string; titleSw: string; titleEn: string; deadline: string; institutions: number }[];
  documents: { id: string; code: string; slug: string; titleSw: string; titleEn: string; issuer: string }[];
}

/**
 * Who a change to these requirements touches: open assessments with answers to them, open or
 * challenged findings on them, issued directives about them (and their targets not yet done), the
 * institutions of all of these, and the level-3 documents that implement the standard.
 */
export async function affectedBy(q: Ctx['q'], documentId: string, requirementIds: string[]): Promise<Affected> {
  const ids = `{${requirementIds.join(',')}}`;
  const rows = async <T>(s: ReturnType<typeof sql>) => (await q.execute(s)).rows as T[];
  const assessments = requirementIds.length
    ? await rows<{ id: string; institution: string; cycle: string; answers: number }>(sql`
        SELECT a.id, i.acronym AS institution, c.code AS cycle, count(*)::int AS answers
        FROM compliance_answers an JOIN compliance_assessments a ON a.id = an.assessment_id
        JOIN compliance_cycles c ON c.id = a.cycle_id JOIN institutions i ON i.id = a.institution_id
        WHERE an.requirement_id = ANY(${ids}::uuid[]) AND a.status = 'open' AND c.status IN ('opening', 'open')
        GROUP BY a.id, i.acronym, c.code ORDER BY i.acronym, c.code`)
    : [];
  const findings = requirementIds.length
    ? await rows<{ id: string; institution: string; ref: string; severity: string; status: string; dueOn: string }>(sql`
        SELECT f.id, i.acronym AS institution, r.ref, f.severity, f.status, to_char(f.due_on, 'YYYY-MM-DD') AS "dueOn"
        FROM compliance_findings f JOIN institutions i ON i.id = f.institution_id JOIN compliance_requirements r ON r.id = f.requirement_id
        WHERE f.requirement_id = ANY(${ids}::uuid[]) AND f.status IN ('open', 'challenged') ORDER BY i.acronym, r.ref`)
    : [];
  const directives = requirementIds.length
    ? await rows<{ id: string; code: string; titleSw: string; titleEn: string; deadline: string; institutions: number }>(sql`
        SELECT d.id, d.code, d.title_sw AS "titleSw", d.title_en AS "titleEn", to_char(d.deadline, 'YYYY-MM-DD') AS deadline,
          (SELECT count(*)::int FROM compliance_directive_targets t WHERE t.directive_id = d.id AND t.status <> 'done') AS institutions
        FROM compliance_directives d WHERE d.requirement_id = ANY(${ids}::uuid[]) AND d.status = 'issued' ORDER BY d.code`)
    : [];
  const institutions = requirementIds.length
    ? await rows<{ id: string; acronym: string; nameSw: string; nameEn: string }>(sql`
        SELECT i.id, i.acronym, i.name_sw AS "nameSw", i.name_en AS "nameEn" FROM institutions i WHERE i.id IN (
          SELECT a.institution_id FROM compliance_answers an JOIN compliance_assessments a ON a.id = an.assessment_id JOIN compliance_cycles c ON c.id = a.cycle_id
            WHERE an.requirement_id = ANY(${ids}::uuid[]) AND a.status = 'open' AND c.status IN ('opening', 'open')
          UNION SELECT f.institution_id FROM compliance_findings f WHERE f.requirement_id = ANY(${ids}::uuid[]) AND f.status IN ('open', 'challenged')
          UNION SELECT t.institution_id FROM compliance_directive_targets t JOIN compliance_directives d ON d.id = t.directive_id
            WHERE d.requirement_id = ANY(${ids}::uuid[]) AND d.status = 'issued' AND t.status <> 'done')
        ORDER BY i.acronym`)
    : [];
  const docs = await rows<{ id: string; code: string; slug: string; titleSw: string; titleEn: string; issuer: string }>(sql`
    SELECT d.id, d.code, d.slug, d.title_sw AS "titleSw", d.title_en AS "titleEn", i.acronym AS issuer
    FROM library_links l JOIN library_documents d ON d.id = l.document_id JOIN institutions i ON i.id = d.issuer_id
    WHERE l.target_id = ${documentId} AND d.level = 3 ORDER BY i.acronym, d.code`);
  return { institutions, assessments, findings, directives, documents: docs };
}

/** Requirements whose answers, findings and directives a revision touches: those it changes or retires (and, while undecided, those it may). */
export function touchedRequirementIds(items: { candidate: Candidate; outcome: Outcome }[]): string[] {
  return [
    ...new Set(
      items
        .filter((x) => x.candidate.requirementId && (x.outcome === 'changed' || x.outcome === 'retired' || (x.outcome === 'undecided' && x.candidate.change !== 'unchanged')))
        .map((x) => x.candidate.requirementId!),
    ),
  ];
}
