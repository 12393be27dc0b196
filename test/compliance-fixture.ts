// A small compliance world written straight into the database, so tests of review, findings,
// remediation, directives and scores do not depend on the pages that build the same rows: an
// in-force e-GA standard with clauses, confirmed requirements from them, an open cycle and one
// assessment per institution with one answer per requirement (and per system for system
// requirements), optionally answered. The cycle-opening job builds exactly these rows; its own
// test compares them.
import type { Database } from '../src/platform/db/database.ts';

export interface ClauseSpec {
  textEn: string;
  textSw: string;
  obligation: 'mandatory' | 'recommended';
  appliesTo: 'institution' | 'system';
  group?: string;
}

export const DEFAULT_CLAUSES: ClauseSpec[] = [
  { textEn: 'The institution shall keep an inventory of its ICT assets.', textSw: 'Taasisi itahakikisha inatunza orodha ya rasilimali zake za TEHAMA.', obligation: 'mandatory', appliesTo: 'institution', group: 'SA' },
  { textEn: 'The institution shall appoint an ICT security officer.', textSw: 'Taasisi lazima imteue afisa wa usalama wa TEHAMA.', obligation: 'mandatory', appliesTo: 'institution', group: 'SA' },
  { textEn: 'Every system shall encrypt personal data at rest.', textSw: 'Kila mfumo lazima usimbe data binafsi zilizohifadhiwa.', obligation: 'mandatory', appliesTo: 'system', group: 'SA' },
  { textEn: 'Systems should exchange data through GovESB.', textSw: 'Mifumo inapaswa kubadilishana data kupitia GovESB.', obligation: 'recommended', appliesTo: 'system', group: 'INA' },
  { textEn: 'The institution should review its ICT policy every three years.', textSw: 'Taasisi inapaswa kupitia sera yake ya TEHAMA kila baada ya miaka mitatu.', obligation: 'recommended', appliesTo: 'institution', group: 'BA' },
];

export interface ComplianceWorld {
  documentId: string;
  editionId: string;
  documentCode: string;
  requirementIds: string[];
  cycleId: string;
  /** Assessment id by institution acronym. */
  assessments: Record<string, string>;
  institutionIds: Record<string, string>;
}

export interface WorldOptions {
  /** Institutions assessed (acronyms from the reference data). */
  institutions: string[];
  clauses?: ClauseSpec[];
  documentCode?: string;
  cycleCode?: string;
  /** Answer every question: 'all' compliant, 'mixed' (compliant, partial, non-compliant, N/A in turn), or leave them open. */
  answers?: 'all' | 'mixed' | 'none';
  /** Dates of the cycle (defaults: due in 30, 45 and 60 days). */
  submissionDue?: string;
  reviewDue?: string;
  challengeUntil?: string;
}

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

export async function complianceWorld(db: Database, opts: WorldOptions): Promise<ComplianceWorld> {
  const clauses = opts.clauses ?? DEFAULT_CLAUSES;
  const code = opts.documentCode ?? 'eGA/EXT/TST/001';
  const [ega] = await db.query<{ id: string }>(`SELECT id FROM institutions WHERE acronym = 'e-GA'`);
  const content = [
    {
      id: 's1',
      headingEn: 'Requirements',
      headingSw: 'Matakwa',
      clauses: clauses.map((c, i) => ({ id: `c${i + 1}`, textEn: c.textEn, textSw: c.textSw })),
    },
  ];
  const [doc] = await db.query<{ id: string }>(
    `INSERT INTO library_documents (code, slug, level, kind, role, group_code, issuer_id, audience, title_sw, title_en)
     VALUES ($1, $2, 2, 'standard', 'parent', 'SA', $3, 'public', 'Kiwango cha majaribio', 'Test standard') RETURNING id`,
    [code, code.toLowerCase().replace(/[^a-z0-9]+/g, '-'), ega!.id],
  );
  const [edition] = await db.query<{ id: string }>(
    `INSERT INTO library_editions (document_id, version, status, effective_date, authoritative_lang, content, published_at)
     VALUES ($1, '1.0', 'in_force', current_date - 30, 'en', $2, now()) RETURNING id`,
    [doc!.id, JSON.stringify(content)],
  );
  const requirementIds: string[] = [];
  for (const [i, c] of clauses.entries()) {
    const [r] = await db.query<{ id: string }>(
      `INSERT INTO compliance_requirements (ref, document_id, edition_id, clause_id, clause_number, text_sw, text_en, obligation, group_code, applies_to)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
      [`${code} §1.${i + 1}`, doc!.id, edition!.id, `c${i + 1}`, `1.${i + 1}`, c.textSw, c.textEn, c.obligation, c.group ?? null, c.appliesTo],
    );
    await db.query(
      `INSERT INTO compliance_requirement_versions (requirement_id, version, edition_id, text_sw, text_en, obligation) VALUES ($1, 1, $2, $3, $4, $5)`,
      [r!.id, edition!.id, c.textSw, c.textEn, c.obligation],
    );
    requirementIds.push(r!.id);
  }
  const [cycle] = await db.query<{ id: string }>(
    `INSERT INTO compliance_cycles (code, name_sw, name_en, status, scope, submission_due, review_due, challenge_until, opened_at)
     VALUES ($1, 'Tathmini ya majaribio', 'Test assessment', 'open', $2, $3, $4, $5, now()) RETURNING id`,
    [opts.cycleCode ?? 'TEST-2026', JSON.stringify({ documentIds: [doc!.id] }), opts.submissionDue ?? day(30), opts.reviewDue ?? day(45), opts.challengeUntil ?? day(60)],
  );
  for (const id of requirementIds) {
    await db.query(`INSERT INTO compliance_cycle_requirements (cycle_id, requirement_id, requirement_version) VALUES ($1, $2, 1)`, [cycle!.id, id]);
  }
  const results = ['compliant', 'partial', 'non_compliant', 'not_applicable'];
  const assessments: Record<string, string> = {};
  const institutionIds: Record<string, string> = {};
  for (const acronym of opts.institutions) {
    const [inst] = await db.query<{ id: string }>(`SELECT id FROM institutions WHERE acronym = $1`, [acronym]);
    if (!inst) throw new Error(`no institution ${acronym}`);
    institutionIds[acronym] = inst.id;
    const systems = await db.query<{ id: string }>(
      `SELECT id FROM portfolio_systems WHERE institution_id = $1 AND lifecycle <> 'retired' ORDER BY code`,
      [inst.id],
    );
    const [a] = await db.query<{ id: string }>(`INSERT INTO compliance_assessments (cycle_id, institution_id) VALUES ($1, $2) RETURNING id`, [cycle!.id, inst.id]);
    let position = 0;
    let answered = 0;
    for (const [i, c] of clauses.entries()) {
      const targets = c.appliesTo === 'system' ? systems.map((s) => s.id) : [null];
      for (const systemId of targets) {
        const mode = opts.answers ?? 'none';
        const result = mode === 'all' ? 'compliant' : mode === 'mixed' ? results[position % results.length]! : null;
        await db.query(
          `INSERT INTO compliance_answers (assessment_id, requirement_id, requirement_version, system_id, position, result, justification, answered_at)
           VALUES ($1, $2, 1, $3, $4, $5, $6, CASE WHEN $5::text IS NULL THEN NULL ELSE now() END)`,
          [a!.id, requirementIds[i], systemId, position, result, result === 'not_applicable' ? 'Not used here' : ''],
        );
        position++;
        if (result) answered++;
      }
    }
    await db.query(`UPDATE compliance_assessments SET question_count = $2, answered_count = $3 WHERE id = $1`, [a!.id, position, answered]);
    assessments[acronym] = a!.id;
  }
  return { documentId: doc!.id, editionId: edition!.id, documentCode: code, requirementIds, cycleId: cycle!.id, assessments, institutionIds };
}
