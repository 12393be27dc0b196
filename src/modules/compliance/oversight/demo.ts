// Demo oversight, through the part's own commands as the demo reviewer and NIDA's demo officer would
// do it: on NIDA's signed-off assessment of the latest cycle, one answer returned and a finding with
// a submitted remediation plan (one milestone done); and a directive to connect systems to GovESB,
// addressed to public authorities, on which NIDA reports progress. Runs after the assessments demo
// has signed NIDA's assessment off; does nothing twice.
import type { Config } from '../../../config.ts';
import type { Database } from '../../../platform/db/database.ts';
import { createCtx, type Ctx } from '../../../platform/context.ts';
import { actorFor, findUserByEmail } from '../../identity/index.ts';
import { reviewAnswer } from './review.service.ts';
import { raiseFinding, savePlan, submitPlan } from './findings.service.ts';
import { issueDirective, reportOnDirective } from './directives.service.ts';
import { todayIso } from './rules.ts';

const dayFrom = (today: string, n: number) => new Date(Date.parse(`${today}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

async function as(db: Database, config: Config, email: string): Promise<Ctx | null> {
  const u = await findUserByEmail(db.orm, email);
  return u ? createCtx({ db, config, actor: await actorFor(db.orm, u, 'cli') }) : null;
}

export async function loadOversightDemo(db: Database, config: Config, opts: { domain: string }): Promise<{ findings: number; directives: number }> {
  const reviewer = await as(db, config, `reviewer@${opts.domain}`);
  const officer = await as(db, config, `officer.nida@${opts.domain}`);
  if (!reviewer || !officer) return { findings: 0, directives: 0 };
  const today = todayIso();
  let findings = 0;
  let directives = 0;

  const [a] = await db.query<{ id: string }>(
    `SELECT a.id FROM compliance_assessments a JOIN institutions i ON i.id = a.institution_id JOIN compliance_cycles c ON c.id = a.cycle_id
     WHERE i.acronym = 'NIDA' AND a.status = 'signed_off' AND NOT EXISTS (SELECT 1 FROM compliance_findings f WHERE f.assessment_id = a.id)
     ORDER BY c.created_at DESC LIMIT 1`,
  );
  if (a) {
    const answers = await db.query<{ id: string; result: string | null }>(`SELECT id, result FROM compliance_answers WHERE assessment_id = $1 ORDER BY position`, [a.id]);
    const weak = answers.find((x) => x.result === 'non_compliant') ?? answers.find((x) => x.result === 'partial') ?? answers[0];
    const other = answers.find((x) => x.id !== weak?.id);
    if (other) await reviewAnswer(reviewer, { assessmentId: a.id, answerId: other.id, decision: 'return', comment: 'Ambatisha daftari la rasilimali lililosainiwa. / Attach the signed asset register.' });
    if (weak) {
      const f = await raiseFinding(reviewer, { answerId: weak.id, severity: 'high', dueOn: dayFrom(today, 60), description: 'Data binafsi hazijasimbwa katika hifadhidata ya usajili. / Personal data is not encrypted in the registration database.' });
      await savePlan(officer, {
        findingId: f.id,
        ownerName: 'Imani TEHAMA',
        ownerEmail: `officer.nida@${opts.domain}`,
        plan: 'Kusimba hifadhidata kwa funguo zinazotunzwa kwenye HSM. / Encrypt the database with keys kept in the HSM.',
        milestones: [
          { title: 'Funguo kwenye HSM / Keys in the HSM', plannedOn: today, actualOn: today },
          { title: 'Usimbaji wa hifadhidata / Database encrypted', plannedOn: dayFrom(today, 45) },
        ],
      });
      await submitPlan(officer, { findingId: f.id });
      findings++;
    }
  }

  const [exists] = await db.query(`SELECT 1 FROM compliance_directives WHERE lower(code) = 'dir-govesb-01'`);
  if (!exists) {
    const d = await issueDirective(reviewer, {
      code: 'DIR-GOVESB-01',
      titleSw: 'Unganisha mifumo yote inayobadilishana data na GovESB',
      titleEn: 'Connect every system that exchanges data to GovESB',
      bodySw: 'Kila mfumo unaobadilishana data na taasisi nyingine utafanya hivyo kupitia GovESB.',
      bodyEn: 'Every system that exchanges data with another institution shall do so through GovESB.',
      deadline: dayFrom(today, 90),
      institutionTypes: ['public_authority'],
    });
    const [nida] = await db.query<{ id: string }>(`SELECT id FROM institutions WHERE acronym = 'NIDA'`);
    const [target] = nida ? await db.query(`SELECT 1 FROM compliance_directive_targets WHERE directive_id = $1 AND institution_id = $2`, [d.directive.id, nida.id]) : [];
    if (nida && target) await reportOnDirective(officer, { directiveId: d.directive.id, institutionId: nida.id, status: 'in_progress', note: 'Mifumo miwili kati ya minne imeunganishwa. / Two of four systems connected.' });
    directives++;
  }
  return { findings, directives };
}
