// Demo portfolio for a try-it-out install: uses of shared systems, institutions' own systems (some of
// which duplicate each other or a shared system, so the overlap clusters show something real),
// e-services and integrations. Entered through the same commands as real use, as an officer of each
// institution; all names and figures are samples.
import { sql } from 'drizzle-orm';
import type { Config } from '../../config.ts';
import type { Database } from '../../platform/db/database.ts';
import { createCtx, transaction } from '../../platform/context.ts';
import { SYSTEM } from '../../platform/audit.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { institutions } from '../reference/index.ts';
import { upsertSystem } from './systems.service.ts';
import { addEService } from './eservices.service.ts';
import { addIntegration } from './integrations.service.ts';
import { registryChanged } from './registry.ts';
import { computeOverlaps } from './overlaps.service.ts';
import type { SystemInput } from './rules.ts';

type Row = [inst: string, code: string, name: string, purpose: string, caps: string, lifecycle: string, hosting: string, govesb: boolean, personal: boolean, shared: string, capex: number, opex: number];

// prettier-ignore
const SYSTEMS: Row[] = [
  // Uses of shared systems: reuse.
  ['NIDA', 'EOFFICE', 'e-Office', 'Uses the shared government e-Office for correspondence and files.', 'ADM.REC', 'production', 'govdc', true, true, 'e-Office', 0, 0],
  ['NIDA', 'MUSE', 'MUSE', 'Accounting through the shared MUSE system.', 'FIN.ACC', 'production', 'govdc', true, false, 'MUSE', 0, 0],
  ['BRELA', 'EOFFICE', 'e-Office', 'Shared e-Office for letters and files.', 'ADM.REC', 'production', 'govdc', true, true, 'e-Office', 0, 0],
  ['BRELA', 'GEPG', 'GePG', 'Payments through the Government e-Payment Gateway.', 'REV.PAY', 'production', 'govdc', true, false, 'GePG', 0, 0],
  ['TRA', 'GEPG', 'GePG', 'Tax payments through GePG.', 'REV.PAY', 'production', 'govdc', true, false, 'GePG', 0, 0],
  ['HESLB', 'HCMIS', 'HCMIS', 'Payroll through the shared HCMIS.', 'HR.PAY', 'production', 'govdc', true, true, 'HCMIS', 0, 0],
  ['RITA', 'EOFFICE', 'e-Office', 'Shared e-Office.', 'ADM.REC', 'production', 'govdc', true, true, 'e-Office', 0, 0],
  // Own systems that do the job of a shared one (overlaps with e-Office, HCMIS, TANePS).
  ['TCU', 'DMS', 'Document Management System', 'Keeps incoming and outgoing letters, internal memos and electronic files of the commission.', 'ADM.REC', 'production', 'on_premises', false, true, '', 85_000_000, 12_000_000],
  ['NECTA', 'RMS', 'Mfumo wa Kumbukumbu na Nyaraka', 'Kuhifadhi barua, majalada na nyaraka za ofisi kwa njia ya kielektroniki.', '', 'production', 'on_premises', false, true, '', 60_000_000, 9_000_000],
  ['TEMESA', 'HRMIS', 'HRMIS', 'Human resource management information system: staff records, leave and promotions.', 'HR.CORE', 'production', 'commercial_cloud', false, true, '', 120_000_000, 30_000_000],
  ['TANROADS', 'STAFF', 'Staff Records System', 'Employee records, postings, leave and discipline for road agency staff.', '', 'production', 'on_premises', false, true, '', 95_000_000, 18_000_000],
  ['TARURA', 'MANUNUZI', 'Mfumo wa Manunuzi', 'Kusimamia mchakato wa ununuzi wa umma: zabuni, mikataba na wazabuni.', 'SCM.PROC', 'production', 'govdc', false, false, '', 70_000_000, 10_000_000],
  ['TBA', 'EPROC', 'e-Procurement Portal', 'Tendering, bid evaluation and contract management for building works.', '', 'development', 'commercial_cloud', false, false, '', 150_000_000, 0],
  // Own systems that duplicate each other across institutions.
  ['NIDA', 'HELPDESK', 'Customer Helpdesk', 'Receives and tracks complaints and enquiries from citizens by phone, web and SMS.', 'CASE.GRV', 'production', 'govdc', true, true, '', 40_000_000, 8_000_000],
  ['RITA', 'MALALAMIKO', 'Mfumo wa Malalamiko', 'Kupokea na kufuatilia malalamiko na maulizo ya wananchi.', '', 'production', 'govdc', false, true, '', 30_000_000, 6_000_000],
  ['NHIF', 'FLEET', 'Fleet Management', 'Vehicle register, fuel and maintenance of the fund\'s vehicles.', 'SCM.FLEET', 'production', 'on_premises', false, false, '', 25_000_000, 5_000_000],
  // Core systems, each doing its own job (no overlap).
  ['NIDA', 'NIDS', 'National Identification System', 'Registers citizens and residents and issues national identity numbers and cards.', 'REG.ID', 'production', 'govdc', true, true, '', 900_000_000, 150_000_000],
  ['NIDA', 'VERIFY', 'ID Verification Service', 'Lets institutions verify a national identity number against the register.', 'REG.ID', 'production', 'govdc', true, true, '', 120_000_000, 20_000_000],
  ['BRELA', 'ORS', 'Online Registration System', 'Registration of companies, business names, trademarks and industrial licences.', 'REG.BUS', 'production', 'govdc', true, true, '', 0, 45_000_000],
  ['RITA', 'BDRS', 'Birth and Death Registration System', 'Registers births and deaths and issues certificates.', 'REG.CIVIL', 'production', 'govdc', true, true, '', 300_000_000, 40_000_000],
  ['TRA', 'IDRAS', 'Integrated Domestic Revenue Administration System', 'Registers taxpayers and manages returns, assessments and collection of domestic revenue.', 'REV.TAX', 'production', 'govdc', true, true, '', 2_000_000_000, 250_000_000],
  ['HESLB', 'OLAMS', 'Online Loan Application and Management System', 'Students apply for higher education loans; the board allocates, disburses and recovers them.', 'EDU.LOAN', 'production', 'govdc', true, true, '', 400_000_000, 60_000_000],
  ['NECTA', 'RESULTS', 'Examination Results System', 'Registers candidates and publishes national examination results.', 'EDU.EXAM', 'production', 'govdc', false, true, '', 200_000_000, 30_000_000],
  ['NHIF', 'CLAIMS', 'Claims Management System', 'Receives and verifies health insurance claims from facilities and pays them.', 'HLT.INS', 'production', 'govdc', true, true, '', 350_000_000, 50_000_000],
  ['MSD', 'ERP', 'MSD ERP', 'Procurement, warehousing and distribution of medicines and medical supplies.', 'SCM.INV', 'production', 'on_premises', false, false, '', 700_000_000, 90_000_000],
  ['MLHHSD', 'ILMIS', 'Integrated Land Management Information System', 'Land registration, titles, valuation and land rent.', 'SEC.LAND', 'production', 'govdc', true, true, '', 1_200_000_000, 100_000_000],
];

// prettier-ignore
const ESERVICES: [inst: string, code: string, sw: string, en: string, audience: string, channels: string[], fee: number | null, url: string][] = [
  ['NIDA', 'NIDS', 'Kusajili kitambulisho cha taifa', 'Apply for a national ID', 'citizens', ['counter', 'web'], null, 'https://www.nida.go.tz'],
  ['NIDA', 'VERIFY', 'Kuhakiki namba ya kitambulisho', 'Verify a national ID number', 'institutions', ['web'], null, ''],
  ['BRELA', 'ORS', 'Kusajili kampuni', 'Register a company', 'businesses', ['web'], 95_000, 'https://ors.brela.go.tz'],
  ['BRELA', 'ORS', 'Kusajili jina la biashara', 'Register a business name', 'businesses', ['web', 'mobile'], 20_000, 'https://ors.brela.go.tz'],
  ['RITA', 'BDRS', 'Kupata cheti cha kuzaliwa', 'Get a birth certificate', 'citizens', ['counter', 'web'], 3_500, ''],
  ['TRA', 'IDRAS', 'Kuwasilisha ritani ya kodi', 'File a tax return', 'businesses', ['web'], null, ''],
  ['HESLB', 'OLAMS', 'Kuomba mkopo wa elimu ya juu', 'Apply for a higher education loan', 'citizens', ['web', 'mobile'], 30_000, ''],
  ['NECTA', 'RESULTS', 'Kuangalia matokeo ya mitihani', 'Check examination results', 'citizens', ['web', 'ussd'], null, 'https://www.necta.go.tz'],
  ['NHIF', 'CLAIMS', 'Kuwasilisha madai ya matibabu', 'Submit treatment claims', 'institutions', ['web'], null, ''],
];

// prettier-ignore
const INTEGRATIONS: [provider: string, consumer: string, data: string, channel: string][] = [
  ['NIDA/VERIFY', 'BRELA/ORS', 'Identity of company directors', 'govesb'],
  ['NIDA/VERIFY', 'TRA/IDRAS', 'Identity of taxpayers', 'govesb'],
  ['NIDA/VERIFY', 'HESLB/OLAMS', 'Identity of loan applicants', 'govesb'],
  ['NIDA/VERIFY', 'NHIF/CLAIMS', 'Identity of members', 'govesb'],
  ['RITA/BDRS', 'NIDA/NIDS', 'Births and deaths', 'govesb'],
  ['BRELA/ORS', 'TRA/IDRAS', 'Registered companies', 'direct_api'],
  ['NECTA/RESULTS', 'HESLB/OLAMS', 'Examination results of applicants', 'file_transfer'],
  ['BRELA/GEPG', 'BRELA/ORS', 'Payment confirmations', 'govesb'],
  ['MLHHSD/ILMIS', 'TRA/IDRAS', 'Property ownership', 'direct_api'],
];

/** An officer of every institution the demo writes for: what the demo data is entered as. */
function demoOfficer(ids: Map<string, string>): Actor {
  return {
    userId: '00000000-0000-4000-8000-000000000000',
    name: 'Viwango demo data',
    email: 'demo-loader@demo.viwango.go.tz',
    lang: 'en',
    via: 'cli',
    roles: [...ids].map(([acronym, id]) => ({ role: 'institution_officer' as const, institutionId: id, institutionAcronym: acronym })),
  };
}

export async function loadPortfolioDemo(db: Database, config: Config): Promise<void> {
  const ids = new Map((await db.orm.select({ id: institutions.id, acronym: institutions.acronym }).from(institutions)).map((i) => [i.acronym, i.id]));
  const ctx = createCtx({ db, config, actor: demoOfficer(ids), source: { ...SYSTEM, actorLabel: 'demo data' } });
  await transaction(ctx, async (tx) => {
    for (const [inst, code, name, purpose, caps, lifecycle, hosting, govesb, personal, shared, capex, opex] of SYSTEMS) {
      const institutionId = ids.get(inst);
      if (!institutionId) continue;
      const input: SystemInput = { code, name, purpose, capabilities: caps ? caps.split(';') : [], lifecycle, hosting, govesb, personalData: personal, sharedSystem: shared || null, capexTzs: capex || null, opexTzs: opex || null, vendor: shared ? '' : 'Sample vendor', usersCount: 100 + code.length * 37 };
      await upsertSystem(tx, { ...input, institutionId });
    }
    for (const [inst, code, nameSw, nameEn, audience, channels, fee, url] of ESERVICES) {
      const [sys] = (await tx.q.execute(sqlSystemId(inst, code))).rows as { id: string }[];
      if (sys) await addEService(tx, { systemId: sys.id, nameSw, nameEn, audience, channels, feeTzs: fee, url });
    }
    for (const [provider, consumer, dataExchanged, channel] of INTEGRATIONS) {
      await addIntegration(tx, { provider, consumer, dataExchanged, channel, status: 'active' });
    }
    await registryChanged(tx);
  });
  // The demo opens with overlap clusters already computed.
  await computeOverlaps(db);
}

const sqlSystemId = (inst: string, code: string) => sql`SELECT s.id FROM portfolio_systems s JOIN institutions i ON i.id = s.institution_id WHERE i.acronym = ${inst} AND s.code = ${code}`;
