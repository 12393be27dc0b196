// Demo compliance oversight, so that on first start the dashboards and an institution's view show
// something real. In order:
//  1. requirements confirmed by the demo e-GA author from e-GA's in-force standards (requirements/demo.ts);
//  2. a closed cycle "TATHMINI-2025" for every institution: opened by the demo reviewer through the
//     cycle commands and the opening job, answered as the institutions would have answered a year ago
//     (written in one statement, as history imported into a new installation), its dates moved to
//     2025, then closed by the reviewer, which freezes its scores;
//  3. an open cycle "TATHMINI-2026" with NIDA's assessment answered by NIDA's officer and signed off
//     by NIDA's head through the same commands people use;
//  4. the authority's review of it: a returned answer, a finding with a remediation plan, and a
//     directive to connect systems to GovESB (oversight/demo.ts);
//  5. NIDA's 2025 summary published to the public.
// Runs once: a second start finds the cycles and leaves everything as it is.
import type { Config } from '../../config.ts';
import type { Database } from '../../platform/db/database.ts';
import { createCtx, type Ctx } from '../../platform/context.ts';
import { runJobsNow } from '../../platform/jobs/index.ts';
import { actorFor, findUserByEmail } from '../identity/index.ts';
import { loadRequirementsDemo } from './requirements/demo.ts';
import { createCycle, openCycle } from './assessments/cycles.service.ts';
import { loadAssessment, saveAnswer, signOff } from './assessments/answers.service.ts';
import { closeCycle, publishSummary } from './scores/scores.service.ts';
import { loadOversightDemo } from './oversight/demo.ts';

const DOMAIN = 'demo.viwango.go.tz';
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

async function as(db: Database, config: Config, email: string): Promise<Ctx> {
  const u = await findUserByEmail(db.orm, email);
  if (!u) throw new Error(`demo account ${email} is missing`);
  return createCtx({ db, config, actor: await actorFor(db.orm, u, 'cli') });
}

async function openFor(db: Database, config: Config, reviewer: Ctx, input: { code: string; nameSw: string; nameEn: string; documentIds: string[] }) {
  const cycle = await createCycle(reviewer, { ...input, submissionDue: day(30), reviewDue: day(45), challengeUntil: day(60) });
  await openCycle(reviewer, { id: cycle.id });
  await runJobsNow(db, { until: 'idle', config });
  return cycle;
}

export async function loadComplianceDemo(db: Database, config: Config): Promise<void> {
  const [done] = await db.query(`SELECT 1 FROM compliance_cycles LIMIT 1`);
  if (done) return;
  await loadRequirementsDemo(db, config, { domain: DOMAIN });
  const standards = await db.query<{ id: string }>(`SELECT DISTINCT document_id AS id FROM compliance_requirements WHERE status = 'active'`);
  if (!standards.length) return;
  const documentIds = standards.map((s) => s.id);
  const reviewer = await as(db, config, `reviewer@${DOMAIN}`);

  // 2. Last year's cycle, answered and closed.
  const past = await openFor(db, config, reviewer, { code: 'TATHMINI-2025', nameSw: 'Tathmini ya uzingatiaji 2025', nameEn: 'Compliance assessment 2025', documentIds });
  // Answers of a year ago: a spread that differs by institution and requirement, mandatory
  // requirements met more often than recommended ones, one in fifteen not applicable.
  await db.query(
    `UPDATE compliance_answers a
        SET result = CASE
              WHEN x.v % 15 = 0 THEN 'not_applicable'
              WHEN x.v % 100 < CASE WHEN x.obligation = 'mandatory' THEN 62 ELSE 45 END THEN 'compliant'
              WHEN x.v % 100 < 82 THEN 'partial'
              ELSE 'non_compliant' END,
            justification = CASE WHEN x.v % 15 = 0 THEN 'Haihusiki kwa taasisi hii. / Does not apply to this institution.' ELSE '' END,
            answered_at = timestamptz '2025-06-20 09:00+03',
            review_status = 'accepted', reviewed_at = timestamptz '2025-07-15 09:00+03'
       FROM (SELECT q.id, r.obligation, abs(hashtext(q.id::text || s.institution_id::text)) AS v
               FROM compliance_answers q JOIN compliance_assessments s ON s.id = q.assessment_id JOIN compliance_requirements r ON r.id = q.requirement_id
              WHERE s.cycle_id = $1) x
      WHERE a.id = x.id`,
    [past.id],
  );
  await db.query(
    `UPDATE compliance_assessments SET answered_count = question_count, status = 'reviewed',
            signed_off_at = timestamptz '2025-06-28 12:00+03', reviewed_at = timestamptz '2025-07-15 12:00+03', updated_at = now()
      WHERE cycle_id = $1`,
    [past.id],
  );
  await db.query(
    `UPDATE compliance_cycles SET submission_due = '2025-06-30', review_due = '2025-07-31', challenge_until = '2025-08-31',
            opened_at = timestamptz '2025-04-01 08:00+03', created_at = timestamptz '2025-03-20 08:00+03' WHERE id = $1`,
    [past.id],
  );
  await closeCycle(reviewer, { cycleId: past.id });

  // 3. This year's cycle: NIDA answers and signs off.
  const current = await openFor(db, config, reviewer, { code: 'TATHMINI-2026', nameSw: 'Tathmini ya uzingatiaji 2026', nameEn: 'Compliance assessment 2026', documentIds });
  const officer = await as(db, config, `officer.nida@${DOMAIN}`);
  const head = await as(db, config, `head.nida@${DOMAIN}`);
  const [nida] = await db.query<{ id: string }>(
    `SELECT a.id FROM compliance_assessments a JOIN institutions i ON i.id = a.institution_id WHERE a.cycle_id = $1 AND i.acronym = 'NIDA'`,
    [current.id],
  );
  if (nida) {
    const answers = await db.query<{ id: string; revision: number; obligation: string }>(
      `SELECT a.id, a.revision, r.obligation FROM compliance_answers a JOIN compliance_requirements r ON r.id = a.requirement_id
        WHERE a.assessment_id = $1 ORDER BY a.position`,
      [nida.id],
    );
    for (const [i, a] of answers.entries()) {
      const result = i % 9 === 4 ? 'non_compliant' : i % 5 === 2 ? 'partial' : 'compliant';
      await saveAnswer(officer, {
        id: a.id,
        revision: a.revision,
        result,
        justification: '',
        comment: result === 'compliant' ? '' : 'Kazi inaendelea; tazama mpango wa utekelezaji. / Work in progress; see the implementation plan.',
      });
    }
    const fresh = await loadAssessment(head, nida.id);
    await signOff(head, { id: nida.id, revision: fresh.revision });
  }

  // 4. The authority's review, findings and a directive.
  await loadOversightDemo(db, config, { domain: DOMAIN });

  // 5. NIDA's summary of 2025 is public.
  await publishSummary(reviewer, { cycleId: past.id, acronym: 'NIDA' });
  await runJobsNow(db, { until: 'idle', config });
}
