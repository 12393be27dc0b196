// Demo reviews for a try-it-out install: proposals at each stage (one of them a records-management
// system that duplicates the shared e-Office, decided with its letter), entered through the module's
// own commands as the institutions' staff and the demo reviewer. All names and figures are samples.
import { sql } from 'drizzle-orm';
import type { Config } from '../../config.ts';
import type { Database } from '../../platform/db/database.ts';
import { createCtx, type Ctx } from '../../platform/context.ts';
import { SYSTEM } from '../../platform/audit.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { PdfWriter } from '../../platform/pdf/index.ts';
import { institutions } from '../reference/index.ts';
import { addAttachment, createDocumentReview, createProposal, submitCase } from './cases.service.ts';
import { answerDeficiency, decideCase, raiseDeficiency, rateCase, requestClarification, returnCase } from './review.service.ts';
import type { ProposalInput } from './rules.ts';

const costs = (capex: number[], opex: number[]) => ({
  costs: capex.map((c, i) => ({ capex: c, opex: opex[i] })),
  capexTotal: capex.reduce((a, b) => a + b, 0),
  opexTotal: opex.reduce((a, b) => a + b, 0),
});

/** A complete proposal with sample text: what the demo and the tests start from. */
export function sampleProposal(p: { title: string; systemName: string; problem: string; capabilities: string[]; capex: number[]; opex: number[]; usersCount?: number }): ProposalInput {
  return {
    title: p.title,
    systemName: p.systemName,
    problem: p.problem,
    objectives: 'Faster service, fewer paper files, reliable records.',
    capabilities: p.capabilities,
    options: 'Considered building in-house, buying a product, and the shared government systems.',
    scope: 'Headquarters and all regional offices.',
    integrations: 'GovESB for identity verification and payments.',
    govesb: true,
    hosting: 'govdc',
    dataDescription: 'Correspondence, files and their metadata.',
    personalData: true,
    standards: 'e-Government interoperability and security standards.',
    usersCount: p.usersCount ?? 400,
    ...costs(p.capex, p.opex),
    fundingSource: 'Government development budget',
    timeline: 'Twelve months from approval.',
    benefits: 'Shorter turnaround and better records.',
    risks: 'Change management; vendor lock-in.',
  };
}

async function pdf(title: string): Promise<Uint8Array> {
  const w = await PdfWriter.create({ title, lang: 'en', createdAt: new Date('2026-01-01T00:00:00Z') });
  w.heading(title).paragraph('Sample attachment for the Viwango demo.');
  return w.bytes();
}

async function attachAll(ctx: Ctx, caseId: string, kinds: string[]) {
  for (const kind of kinds) await addAttachment(ctx, { caseId, kind, fileName: `${kind.replace('_', '-')}.pdf`, bytes: await pdf(kind) });
}

function staff(institutionId: string, acronym: string, userId: string, name: string): Actor {
  return { userId, name, email: `demo-${acronym.toLowerCase()}@demo.viwango.go.tz`, lang: 'sw', via: 'cli', roles: [{ role: 'institution_head', institutionId, institutionAcronym: acronym }, { role: 'institution_officer', institutionId, institutionAcronym: acronym }] };
}

export async function loadReviewsDemo(db: Database, config: Config): Promise<void> {
  const ids = new Map((await db.orm.select({ id: institutions.id, acronym: institutions.acronym }).from(institutions)).map((i) => [i.acronym, i.id]));
  const users = (await db.orm.execute(sql`SELECT u.id, u.name, u.email FROM users u WHERE u.email LIKE '%@demo.viwango.go.tz'`)).rows as { id: string; name: string; email: string }[];
  const byEmail = (prefix: string) => users.find((u) => u.email.startsWith(prefix));
  const nida = ids.get('NIDA');
  const brela = ids.get('BRELA');
  if (!nida || !brela) return;
  const headNida = byEmail('head.nida@');
  const officerBrela = byEmail('officer.brela@');
  const reviewerUser = byEmail('reviewer@');
  // The steps are recorded as the demo accounts (foreign keys name real people): without them, no demo reviews.
  if (!headNida || !officerBrela || !reviewerUser) return;
  const as = (actor: Actor) => createCtx({ db, config, actor, source: { ...SYSTEM, actorLabel: 'demo data' } });
  const nidaCtx = as(staff(nida, 'NIDA', headNida.id, headNida.name));
  const brelaCtx = as(staff(brela, 'BRELA', officerBrela.id, officerBrela.name));
  const reviewer = as({ userId: reviewerUser.id, name: reviewerUser.name, email: reviewerUser.email, lang: 'sw', via: 'cli', roles: [{ role: 'authority_reviewer', institutionId: null, institutionAcronym: null }] });

  // 1. A draft (BRELA): complete but not yet submitted.
  const draft = await createProposal(brelaCtx, { ...sampleProposal({ title: 'Business licensing portal', systemName: 'Business Licensing Portal', problem: 'Licences are issued on paper at district offices.', capabilities: ['REG.BUS'], capex: [300_000_000, 50_000_000, 0, 0, 0], opex: [20_000_000, 25_000_000, 25_000_000, 25_000_000, 25_000_000] }), institutionId: brela });
  await attachAll(brelaCtx, draft.id, ['concept_note']);

  // 2. NIDA's records-management system: duplicates e-Office; approved on condition of using it, with its letter.
  const rms = await createProposal(nidaCtx, { ...sampleProposal({ title: 'Electronic records management system', systemName: 'Electronic Records and Document Management System', problem: 'Keep letters, memos, files and documents electronically instead of on paper.', capabilities: ['ADM.REC'], capex: [450_000_000, 80_000_000, 0, 0, 0], opex: [30_000_000, 40_000_000, 40_000_000, 40_000_000, 40_000_000] }), institutionId: nida });
  await attachAll(nidaCtx, rms.id, ['concept_note', 'business_case', 'requirements']);
  await submitCase(nidaCtx, { id: rms.id });
  // 3. A citizen feedback app: submitted, waiting for a reviewer.
  const app = await createProposal(nidaCtx, { ...sampleProposal({ title: 'Citizen feedback mobile app', systemName: 'NIDA Feedback App', problem: 'Citizens cannot follow up their ID applications without visiting an office.', capabilities: ['CASE.GRV'], capex: [120_000_000, 0, 0, 0, 0], opex: [10_000_000, 10_000_000, 10_000_000, 10_000_000, 10_000_000], usersCount: 200_000 }), institutionId: nida });
  await attachAll(nidaCtx, app.id, ['concept_note', 'business_case', 'requirements']);
  await submitCase(nidaCtx, { id: app.id });
  // 4. A staff-records system that duplicates HCMIS: to be rejected.
  const hr = await createProposal(nidaCtx, { ...sampleProposal({ title: 'Staff records and leave system', systemName: 'Human Resource Management System', problem: 'Staff records, leave and promotions are tracked in spreadsheets.', capabilities: ['HR.CORE'], capex: [260_000_000, 40_000_000, 0, 0, 0], opex: [15_000_000, 20_000_000, 20_000_000, 20_000_000, 20_000_000] }), institutionId: nida });
  await attachAll(nidaCtx, hr.id, ['concept_note', 'business_case', 'requirements']);
  await submitCase(nidaCtx, { id: hr.id });

  await rateCase(reviewer, { id: rms.id, ratings: [
    { criterion: 'strategic_alignment', rating: 'green', comment: '' },
    { criterion: 'reuse', rating: 'red', comment: 'The shared e-Office already does this job and NIDA already uses it.' },
    { criterion: 'duplication', rating: 'red', comment: 'Duplicates e-Office and the records systems of TCU and NECTA.' },
    { criterion: 'value_for_money', rating: 'amber', comment: 'Five-year cost far above joining e-Office.' },
    { criterion: 'security', rating: 'green', comment: '' },
  ] });
  const d1 = await raiseDeficiency(reviewer, { id: rms.id, text: 'Explain why the shared e-Office cannot meet the records needs.', criterion: 'reuse' });
  await answerDeficiency(nidaCtx, { deficiencyId: d1.id, answer: 'e-Office covers correspondence; we need retention schedules for ID files.' });
  await decideCase(reviewer, {
    id: rms.id,
    outcome: 'approved_with_conditions',
    reasons: 'The need is real, but the shared e-Office provides records management. Approved only as an extension of e-Office.',
    conditions: [{ text: 'Use the shared e-Office for correspondence and files; build only the retention-schedule module on it.', dueOn: '2027-06-30' }],
  });

  await rateCase(reviewer, { id: app.id, ratings: [{ criterion: 'strategic_alignment', rating: 'green', comment: '' }, { criterion: 'interoperability', rating: 'amber', comment: 'Integration with the helpdesk not described.' }] });
  await raiseDeficiency(reviewer, { id: app.id, text: 'Describe how the app connects to the existing Customer Helpdesk.', criterion: 'interoperability' });
  await requestClarification(reviewer, { id: app.id, question: 'Will the app use the Government Mobile Platform (mGov)?' });

  await decideCase(reviewer, { id: hr.id, outcome: 'rejected', reasons: 'Staff records and leave are managed in the shared HCMIS, which every public institution must use.' });

  // 5. A queue-management system: submitted, waiting for a reviewer; a data-sharing portal in review; a
  // mobile payments wallet returned to NIDA to fix its deficiencies.
  const more = [
    { title: 'Queue management at registration centres', systemName: 'Queue Management System', problem: 'Applicants queue for hours at registration centres with no appointment system.', capabilities: ['ICT.PORT'], capex: [90_000_000, 0, 0, 0, 0], opex: [8_000_000, 8_000_000, 8_000_000, 8_000_000, 8_000_000] },
    { title: 'Identity data-sharing portal for institutions', systemName: 'NIDA Data Sharing Portal', problem: 'Institutions ask for identity data by letter; requests take weeks.', capabilities: ['ICT.INT'], capex: [200_000_000, 30_000_000, 0, 0, 0], opex: [15_000_000, 15_000_000, 15_000_000, 15_000_000, 15_000_000] },
    { title: 'Mobile wallet for ID card fees', systemName: 'NIDA Pay', problem: 'Applicants pay ID card replacement fees at banks and bring the slip.', capabilities: ['REV.PAY'], capex: [150_000_000, 0, 0, 0, 0], opex: [12_000_000, 12_000_000, 12_000_000, 12_000_000, 12_000_000] },
  ];
  const made = [];
  for (const m of more) {
    const c = await createProposal(nidaCtx, { ...sampleProposal(m), institutionId: nida });
    await attachAll(nidaCtx, c.id, ['concept_note', 'business_case', 'requirements']);
    await submitCase(nidaCtx, { id: c.id });
    made.push(c);
  }
  await rateCase(reviewer, { id: made[1].id, ratings: [{ criterion: 'strategic_alignment', rating: 'green', comment: '' }, { criterion: 'security', rating: 'amber', comment: 'Access logging to be described.' }] });
  await raiseDeficiency(reviewer, { id: made[2].id, text: 'GePG already collects government fees: use it instead of a new wallet.', criterion: 'reuse' });
  await returnCase(reviewer, { id: made[2].id, note: 'Rework the proposal around GePG.' });

  // 6. An ICT policy sent for review (BRELA).
  await createDocumentReview(brelaCtx, {
    institutionId: brela,
    title: 'BRELA ICT Policy 2026',
    docKind: 'policy',
    text: '1 Purpose. This policy guides the use of ICT at BRELA.\n2 Scope. It applies to all staff and contractors.\n2.1 All systems shall be hosted in the Government Data Centre.\n3 Security. Passwords shall be changed every 90 days.',
  });
}
