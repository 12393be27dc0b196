// A labelled synthetic ICT registry for measuring overlap detection (bench/portfolio.ts) and for
// tests and demos. Every system is given a "job"; two systems of different institutions that do
// the same job overlap, anything else does not. Jobs come in look-alike families (student loans
// vs. the loan board's website, revenue collection vs. forecasting, land vs. business
// registration, …) and as object × action combinations, so most near misses are hard negatives.
// Three template sets: 'a' for tuning, 'b' (other name frames, other synonyms, other purpose
// sentences) held out to check the scorer was not fitted to 'a', and 'c', written before the
// 2026-11 method changes (decision 0203) and not looked at while tuning them: new frames, one new
// name variant per job and language, and new purpose sentences (SET_C below).
import type { OverlapSystem } from '../src/modules/portfolio/overlap/engine.ts';
import sharedSeed from '../seeds/reference/shared-systems.json' with { type: 'json' };
import capabilitySeed from '../seeds/reference/capabilities.json' with { type: 'json' };

export interface Job {
  key: string;
  cap: string;
  shared?: string;
  en: string[];
  sw: string[];
  acr?: string[];
  pen: string[];
  psw: string[];
  /** Set 'c' only: new English name, Kiswahili name, English purpose, Kiswahili purpose. */
  c?: [string, string, string, string];
}

// Named jobs. Cores are listed so that set 'a' uses the first ones and set 'b' the last ones.
const JOBS: Job[] = [
  { key: 'hr', cap: 'HR.CORE', shared: 'e-Watumishi', en: ['Human Resource Management', 'HR Records', 'Personnel Records', 'Staff Records Management'], sw: ['Taarifa za Watumishi', 'Kumbukumbu za Watumishi', 'Rasilimali Watu'], acr: ['HRMIS'], pen: ['Keeps employee records, postings, promotions and leave.', 'Master data of all staff: appointments, transfers and exits.'], psw: ['Kutunza taarifa za watumishi, ajira, vyeo na likizo.', 'Kumbukumbu za kiutumishi za kila mtumishi.'] },
  { key: 'payroll', cap: 'HR.PAY', shared: 'HCMIS', en: ['Payroll', 'Salary Processing', 'Payroll and Salaries', 'Staff Payroll'], sw: ['Mishahara', 'Malipo ya Mishahara', 'Orodha ya Mishahara'], pen: ['Computes monthly salaries, deductions and payslips.', 'Runs the payroll and statutory deductions.'], psw: ['Kukokotoa mishahara, makato na hati za mishahara.', 'Kuandaa orodha ya malipo ya mishahara kila mwezi.'] },
  { key: 'recruit', cap: 'HR.REC', shared: 'Ajira Portal', en: ['Recruitment', 'Job Applications', 'E-Recruitment', 'Vacancy and Recruitment'], sw: ['Ajira', 'Maombi ya Kazi', 'Usaili na Ajira'], pen: ['Receives job applications and shortlists candidates.', 'Advertises vacancies and manages interviews.'], psw: ['Kupokea maombi ya kazi na kuchuja waombaji.', 'Kutangaza nafasi za kazi na kusimamia usaili.'] },
  { key: 'perf', cap: 'HR.PERF', shared: 'e-Utendaji', en: ['Staff Performance Appraisal', 'Performance Management', 'OPRAS', 'Employee Appraisal'], sw: ['Tathmini ya Utendaji', 'Utendaji Kazi wa Watumishi', 'Upimaji wa Utendaji'], pen: ['Sets staff targets and runs yearly appraisal.'], psw: ['Kuweka malengo ya watumishi na kufanya tathmini ya utendaji.'] },
  { key: 'train', cap: 'HR.TRAIN', en: ['Staff Training', 'Training and Development', 'Capacity Building Tracker', 'Training Needs'], sw: ['Mafunzo ya Watumishi', 'Mafunzo na Uendelezaji', 'Kujengea Uwezo Watumishi'], pen: ['Plans staff training and keeps training history.'], psw: ['Kupanga mafunzo ya watumishi na kutunza historia ya mafunzo.'] },
  { key: 'acc', cap: 'FIN.ACC', shared: 'MUSE', en: ['Financial Accounting', 'Accounting and Payments', 'Finance and Accounts', 'General Ledger'], sw: ['Uhasibu na Malipo', 'Fedha na Uhasibu', 'Hesabu za Fedha'], acr: ['IFMS'], pen: ['Records payments, receipts and the general ledger.', 'Accounting, vouchers and financial statements.'], psw: ['Kurekodi malipo, mapokezi na leja kuu.', 'Uhasibu wa fedha na taarifa za fedha.'] },
  { key: 'budget', cap: 'PLN.BUD', shared: 'CBMS', en: ['Budget Preparation', 'Planning and Budgeting', 'MTEF Budgeting', 'Budget Management'], sw: ['Mipango na Bajeti', 'Maandalizi ya Bajeti', 'Bajeti'], pen: ['Prepares annual plans and budgets.'], psw: ['Kuandaa mipango na bajeti ya mwaka.'] },
  { key: 'mne', cap: 'PLN.MNE', en: ['Monitoring and Evaluation', 'M&E', 'Results Monitoring', 'Performance Monitoring and Evaluation'], sw: ['Ufuatiliaji na Tathmini', 'Ufuatiliaji wa Matokeo', 'Tathmini ya Mipango'], pen: ['Tracks indicators and evaluates programmes.'], psw: ['Kufuatilia viashiria na kutathmini programu.'] },
  { key: 'proc', cap: 'SCM.PROC', shared: 'NeST', en: ['Procurement Management', 'E-Procurement', 'Tender Management', 'Purchasing'], sw: ['Manunuzi', 'Ununuzi wa Umma', 'Zabuni na Manunuzi'], pen: ['Runs tenders from requisition to award.', 'Manages purchasing, bids and suppliers.'], psw: ['Kusimamia zabuni kuanzia maombi hadi tuzo.', 'Ununuzi na wazabuni wa taasisi.'] },
  { key: 'contract', cap: 'SCM.CONT', en: ['Contract Management', 'Contracts Register', 'Contract Tracking', 'Supplier Contracts'], sw: ['Mikataba', 'Usimamizi wa Mikataba', 'Daftari la Mikataba'], pen: ['Tracks signed contracts, milestones and renewals.'], psw: ['Kufuatilia mikataba iliyosainiwa na muda wake.'] },
  { key: 'inv', cap: 'SCM.INV', en: ['Stores and Inventory', 'Inventory Management', 'Stock Control', 'Store Ledger'], sw: ['Stoo na Vifaa', 'Bohari', 'Udhibiti wa Stoo'], pen: ['Receives and issues stores and counts stock.'], psw: ['Kupokea na kutoa vifaa vya stoo na kuhesabu stoo.'] },
  { key: 'asset', cap: 'SCM.AST', shared: 'GAMIS', en: ['Asset Management', 'Fixed Asset Register', 'Assets Tracking', 'Asset Inventory'], sw: ['Mali za Taasisi', 'Daftari la Mali', 'Usimamizi wa Mali'], pen: ['Registers fixed assets and their depreciation.'], psw: ['Kusajili mali za taasisi na uchakavu wake.'] },
  { key: 'fleet', cap: 'SCM.FLEET', shared: 'GIMIS', en: ['Fleet Management', 'Transport and Fuel', 'Fleet and Fuel Management', 'Transport Management'], sw: ['Usafiri na Mafuta', 'Usimamizi wa Usafiri', 'Magari ya Taasisi na Mafuta'], pen: ['Schedules official vehicles and controls fuel use.'], psw: ['Kupanga safari za magari ya taasisi na kudhibiti mafuta.'] },
  { key: 'eoffice', cap: 'ADM.REC', shared: 'e-Office', en: ['Records Management', 'Electronic Records', 'Correspondence and Files', 'Document Management'], sw: ['Kumbukumbu na Nyaraka', 'Ofisi Mtandao', 'Mafaili na Barua'], acr: ['EDMS'], pen: ['Moves files and letters electronically between offices.', 'Registers incoming letters and tracks files.'], psw: ['Kusafirisha mafaili na barua kielektroniki.', 'Kusajili barua zinazoingia na kufuatilia mafaili.'] },
  { key: 'archive', cap: 'ADM.ARCH', en: ['Archives Digitisation', 'Digital Archive', 'Archive Management', 'Archival Records Digitization'], sw: ['Nyaraka za Kudumu', 'Uhifadhi wa Kidijitali', 'Kuhifadhi Nyaraka za Kudumu'], pen: ['Scans and preserves historical archives.'], psw: ['Kuskani na kuhifadhi nyaraka za kudumu.'] },
  { key: 'legal', cap: 'ADM.LEGAL', en: ['Legal Case Management', 'Litigation Tracker', 'Legal Services', 'Legal Matters'], sw: ['Mashauri ya Kisheria', 'Huduma za Sheria', 'Kesi za Taasisi'], pen: ['Tracks cases where the institution is a party.'], psw: ['Kufuatilia mashauri ambayo taasisi ni mhusika.'] },
  { key: 'audit', cap: 'ADM.AUDIT', en: ['Internal Audit', 'Audit Management', 'Internal Audit Tracker', 'Audit Findings'], sw: ['Ukaguzi wa Ndani', 'Ukaguzi wa Hesabu', 'Hoja za Ukaguzi'], pen: ['Plans internal audits and follows up findings.'], psw: ['Kupanga ukaguzi wa ndani na kufuatilia hoja.'] },
  { key: 'grv', cap: 'CASE.GRV', shared: 'e-Mrejesho', en: ['Complaints Handling', 'Citizen Feedback', 'Grievance Management', 'Complaints and Feedback'], sw: ['Malalamiko', 'Mrejesho wa Wananchi', 'Malalamiko na Mrejesho'], pen: ['Receives complaints from the public and tracks replies.'], psw: ['Kupokea malalamiko ya wananchi na kufuatilia majibu.'] },
  { key: 'web', cap: 'ICT.WEB', shared: 'GWF', en: ['Institutional Website', 'Web Portal', 'Website CMS', 'Public Website'], sw: ['Tovuti ya Taasisi', 'Tovuti', 'Lango la Tovuti'], pen: ['Publishes news, documents and notices to the public.'], psw: ['Kuchapisha habari, nyaraka na matangazo kwa umma.'] },
  { key: 'mail', cap: 'ICT.MAIL', shared: 'GMS', en: ['E-mail', 'Mail Server', 'Email and Collaboration', 'Staff Email'], sw: ['Baruapepe', 'Barua Pepe za Watumishi', 'Baruapepe ya Taasisi'], pen: ['Official e-mail accounts for staff.'], psw: ['Akaunti rasmi za baruapepe za watumishi.'] },
  { key: 'sms', cap: 'ICT.MOB', shared: 'mGov', en: ['Bulk SMS', 'SMS Gateway', 'USSD Services', 'SMS and USSD'], sw: ['Ujumbe Mfupi', 'Huduma za USSD', 'Ujumbe Mfupi kwa Wananchi'], pen: ['Sends SMS notices and runs USSD menus.'], psw: ['Kutuma ujumbe mfupi na huduma za USSD.'] },
  { key: 'help', cap: 'ICT.HELP', en: ['ICT Helpdesk', 'Service Desk', 'IT Ticketing', 'ICT Support Tickets'], sw: ['Dawati la Huduma za TEHAMA', 'Maombi ya Msaada wa TEHAMA', 'Dawati la TEHAMA'], pen: ['Logs ICT support requests and tracks them to closure.'], psw: ['Kupokea maombi ya msaada wa TEHAMA na kuyafuatilia.'] },
  { key: 'lms', cap: 'ICT.LMS', en: ['E-Learning', 'Learning Management', 'Online Learning', 'Moodle E-Learning'], sw: ['Masomo kwa Njia ya Mtandao', 'Kujifunza Mtandaoni', 'Masomo Mtandaoni'], pen: ['Online courses for staff and students.'], psw: ['Kozi za mtandaoni kwa watumishi na wanafunzi.'] },
  { key: 'survey', cap: 'ICT.SURV', shared: 'e-Dodoso', en: ['Survey Tool', 'Questionnaires', 'Data Collection Forms', 'Online Surveys'], sw: ['Madodoso', 'Dodoso Mtandaoni', 'Ukusanyaji wa Takwimu kwa Madodoso'], pen: ['Builds questionnaires and collects responses.'], psw: ['Kuandaa madodoso na kukusanya majibu.'] },
  { key: 'meet', cap: 'ICT.MEET', en: ['E-Board Meetings', 'Meeting Management', 'Board Papers', 'Video Conferencing'], sw: ['Vikao Mtandaoni', 'Vikao vya Bodi', 'Mikutano kwa Njia ya Mtandao'], pen: ['Shares board papers and records meeting minutes.'], psw: ['Kusambaza nyaraka za vikao na kutunza mihtasari.'] },
  { key: 'gepg', cap: 'REV.PAY', shared: 'GePG', en: ['Payment Gateway', 'Online Payments', 'Control Number Payments', 'Payments Collection'], sw: ['Lango la Malipo', 'Malipo kwa Namba ya Malipo', 'Malipo Mtandaoni'], pen: ['Issues control numbers and reconciles payments.'], psw: ['Kutoa namba za malipo na kuhakiki malipo.'] },
  // Look-alike families: same words, different jobs.
  { key: 'revcol', cap: 'REV.LGA', shared: 'TAUSI', en: ['Revenue Collection', 'Own Source Revenue Collection', 'Local Revenue Collection', 'Revenue Collection and Receipting'], sw: ['Ukusanyaji wa Mapato', 'Makusanyo ya Mapato ya Ndani', 'Kukusanya Mapato'], pen: ['Collects levies and issues receipts at points of sale.', 'Bills and collects own-source revenue.'], psw: ['Kukusanya ushuru na kutoa stakabadhi.', 'Kukusanya mapato ya ndani ya halmashauri.'] },
  { key: 'revfc', cap: 'REV.ANL', en: ['Revenue Forecasting', 'Revenue Analytics', 'Revenue Projection Model', 'Revenue Analysis and Forecasting'], sw: ['Utabiri wa Mapato', 'Uchambuzi wa Mapato', 'Makadirio ya Mapato'], pen: ['Analyses past collections to forecast revenue.'], psw: ['Kuchambua makusanyo ya zamani ili kutabiri mapato.'] },
  { key: 'tax', cap: 'REV.TAX', en: ['Tax Administration', 'Domestic Taxes', 'Taxpayer Registration and Returns', 'Tax Assessment'], sw: ['Usimamizi wa Kodi', 'Kodi za Ndani', 'Walipakodi na Ritani'], pen: ['Registers taxpayers, receives returns and assesses tax.'], psw: ['Kusajili walipakodi, kupokea ritani na kukadiria kodi.'] },
  { key: 'billing', cap: 'REV.BILL', en: ['Customer Billing', 'Water Billing', 'Utility Billing', 'Billing and Customer Accounts'], sw: ['Ankara za Wateja', 'Ankara za Maji', 'Bili za Wateja'], pen: ['Reads meters and bills customers.'], psw: ['Kusoma mita na kutoa ankara kwa wateja.'] },
  { key: 'loan', cap: 'EDU.LOAN', en: ['Student Loan Management', 'Student Loans', 'Loan Application and Disbursement for Students', 'Higher Education Student Loans'], sw: ['Mikopo ya Wanafunzi', 'Usimamizi wa Mikopo ya Wanafunzi', 'Maombi ya Mikopo ya Elimu ya Juu'], pen: ['Receives student loan applications, allocates and disburses loans.'], psw: ['Kupokea maombi ya mikopo ya wanafunzi na kutoa mikopo.'] },
  { key: 'loanrecov', cap: 'EDU.LOAN', en: ['Loan Repayment and Recovery', 'Loan Recovery', 'Loan Repayment Tracking', 'Loans Repayment'], sw: ['Urejeshaji wa Mikopo', 'Marejesho ya Mikopo', 'Ufuatiliaji wa Marejesho ya Mikopo'], pen: ['Tracks loan repayment by employers and beneficiaries.'], psw: ['Kufuatilia marejesho ya mikopo kutoka kwa waajiri.'] },
  { key: 'boardweb', cap: 'ICT.WEB', en: ['Loan Board Website', 'Loans Board Public Portal', 'Board Website and News', 'Loan Board Web Portal'], sw: ['Tovuti ya Bodi ya Mikopo', 'Tovuti ya Bodi', 'Lango la Tovuti la Bodi ya Mikopo'], pen: ['Public website with news and notices of the board.'], psw: ['Tovuti ya umma yenye habari na matangazo ya bodi.'] },
  { key: 'hfac', cap: 'HLT.FAC', shared: 'GoT-HoMIS', en: ['Hospital Management', 'Health Facility Management', 'Hospital Information', 'Patient Management for Hospitals'], sw: ['Usimamizi wa Hospitali', 'Kituo cha Afya', 'Huduma za Hospitali na Wagonjwa'], acr: ['HMIS'], pen: ['Patient registration, consultation, pharmacy and billing in hospitals.'], psw: ['Usajili wa wagonjwa, matibabu, dawa na malipo hospitalini.'] },
  { key: 'hins', cap: 'HLT.INS', en: ['Health Insurance Claims', 'Insurance Claims Processing', 'Health Insurance Membership and Claims', 'Medical Claims'], sw: ['Madai ya Bima ya Afya', 'Bima ya Afya', 'Uchakataji wa Madai ya Bima'], pen: ['Receives and verifies claims from accredited facilities.'], psw: ['Kupokea na kuhakiki madai ya vituo vya afya.'] },
  { key: 'hstat', cap: 'HLT.HIS', en: ['Health Statistics', 'Health Data Reporting', 'DHIS2 Health Statistics', 'Disease Surveillance'], sw: ['Takwimu za Afya', 'Taarifa za Takwimu za Afya', 'Ufuatiliaji wa Magonjwa'], pen: ['Aggregates monthly health facility reports.'], psw: ['Kukusanya taarifa za mwezi za vituo vya afya.'] },
  { key: 'hmed', cap: 'HLT.SCM', en: ['Medicines Logistics', 'Medical Supplies Management', 'Pharmaceutical Stock', 'Health Commodities Logistics'], sw: ['Usambazaji wa Dawa', 'Dawa na Vifaa Tiba', 'Bidhaa za Afya'], pen: ['Orders and distributes medicines to facilities.'], psw: ['Kuagiza na kusambaza dawa kwa vituo.'] },
  { key: 'land', cap: 'SEC.LAND', en: ['Land Registration', 'Land Administration', 'Land Titles Registry', 'Land Rent and Titles'], sw: ['Usajili wa Ardhi', 'Usimamizi wa Ardhi', 'Hati Miliki za Ardhi'], acr: ['ILMIS'], pen: ['Registers land rights and issues title deeds.'], psw: ['Kusajili haki za ardhi na kutoa hati miliki.'] },
  { key: 'busreg', cap: 'REG.BUS', shared: 'ORS', en: ['Business Registration', 'Company Registration', 'Business Names Registration', 'Company and Business Registry'], sw: ['Usajili wa Biashara', 'Usajili wa Kampuni', 'Usajili wa Majina ya Biashara'], pen: ['Registers companies and business names.'], psw: ['Kusajili kampuni na majina ya biashara.'] },
  { key: 'buslic', cap: 'REG.LIC', en: ['Business Licensing', 'Trade Licences', 'Business Licence Issuance', 'Business Permits'], sw: ['Leseni za Biashara', 'Utoaji wa Leseni za Biashara', 'Leseni'], pen: ['Issues and renews business licences.'], psw: ['Kutoa na kuhuisha leseni za biashara.'] },
  { key: 'exam', cap: 'EDU.EXAM', en: ['Examinations Management', 'Exam Results', 'Examination Registration and Results', 'National Examinations'], sw: ['Mitihani', 'Matokeo ya Mitihani', 'Usajili wa Watahiniwa na Mitihani'], pen: ['Registers candidates and processes exam results.'], psw: ['Kusajili watahiniwa na kuchakata matokeo ya mitihani.'] },
  { key: 'admit', cap: 'EDU.ADM', en: ['Student Admission', 'University Admissions', 'Online Admission', 'College Admission'], sw: ['Udahili wa Wanafunzi', 'Udahili Mtandaoni', 'Udahili wa Vyuo'], pen: ['Receives applications and selects students for admission.'], psw: ['Kupokea maombi na kuchagua wanafunzi wa kudahiliwa.'] },
  { key: 'sis', cap: 'EDU.MIS', shared: 'BEMIS', en: ['Student Information', 'School Information', 'Students Records', 'Education Management Information'], sw: ['Taarifa za Wanafunzi', 'Taarifa za Shule', 'Kumbukumbu za Wanafunzi'], pen: ['Keeps student enrolment, grades and school data.'], psw: ['Kutunza taarifa za wanafunzi, alama na shule.'] },
  { key: 'court', cap: 'SEC.COURT', en: ['Court Case Management', 'Case Filing', 'Judiciary Case Management', 'Tribunal Cases'], sw: ['Mashauri Mahakamani', 'Usajili wa Mashauri', 'Mashauri ya Mabaraza'], pen: ['Files cases, schedules hearings and records judgments.'], psw: ['Kusajili mashauri, kupanga usikilizwaji na kutunza hukumu.'] },
  { key: 'vehreg', cap: 'REG.VEH', en: ['Motor Vehicle Registration', 'Vehicle Registration', 'Vehicle Licensing and Registration', 'Motor Vehicle Registry'], sw: ['Usajili wa Magari', 'Usajili wa Vyombo vya Moto', 'Leseni za Magari'], pen: ['Registers motor vehicles and issues number plates.'], psw: ['Kusajili vyombo vya moto na kutoa namba za usajili.'] },
  { key: 'gis', cap: 'ICT.GIS', en: ['GIS Platform', 'Geospatial Data', 'Mapping Portal', 'Geographic Information'], sw: ['Ramani za Kijiografia', 'Taarifa za Kijiografia', 'Ramani'], pen: ['Keeps maps and spatial layers for planning.'], psw: ['Kutunza ramani na tabaka za kijiografia.'] },
  { key: 'bi', cap: 'ICT.BI', en: ['Data Warehouse', 'Business Intelligence Dashboard', 'Management Dashboard', 'BI Reporting'], sw: ['Ghala la Data', 'Dashibodi ya Takwimu', 'Dashibodi ya Menejimenti'], pen: ['Brings data together for dashboards and reports.'], psw: ['Kuunganisha data kwa dashibodi na ripoti.'] },
];

// Object × action jobs (sector regulators, boards, agencies).
const OBJECTS: [string, string][] = [
  ['Fisheries', 'Uvuvi'], ['Mining', 'Madini'], ['Tourism', 'Utalii'], ['Wildlife', 'Wanyamapori'], ['Forestry', 'Misitu'],
  ['Water', 'Maji'], ['Energy', 'Nishati'], ['Livestock', 'Mifugo'], ['Crops', 'Mazao'], ['Cashew', 'Korosho'],
  ['Coffee', 'Kahawa'], ['Cotton', 'Pamba'], ['Tea', 'Chai'], ['Sugar', 'Sukari'], ['Tobacco', 'Tumbaku'],
  ['Seeds', 'Mbegu'], ['Fertiliser', 'Mbolea'], ['Hotels', 'Hoteli'], ['Cooperatives', 'Vyama vya Ushirika'], ['NGO', 'Asasi za Kiraia'],
  ['Media', 'Vyombo vya Habari'], ['Sports', 'Michezo'], ['Weights and Measures', 'Vipimo'], ['Shipping', 'Meli'], ['Gaming', 'Michezo ya Kubahatisha'],
  ['Nursing', 'Uuguzi'], ['Engineers', 'Wahandisi'], ['Contractors', 'Wakandarasi'], ['Food Safety', 'Usalama wa Chakula'], ['Chemicals', 'Kemikali'],
  ['Radiation', 'Mionzi'], ['Pharmacy', 'Famasi'], ['Railway', 'Reli'], ['Irrigation', 'Umwagiliaji'], ['Petroleum', 'Petroli'],
];
const ACTIONS: { key: string; cap: string; en: string[]; sw: string[]; pen: string; psw: string }[] = [
  { key: 'lic', cap: 'REG.LIC', en: ['{o} Licensing', '{o} Licences', '{o} Licence Issuance', 'Licensing of {o}'], sw: ['Leseni za {s}', 'Utoaji wa Leseni za {s}', 'Leseni ya {s}'], pen: 'Issues and renews {o} licences.', psw: 'Kutoa na kuhuisha leseni za {s}.' },
  { key: 'insp', cap: 'CASE.INSP', en: ['{o} Inspection', '{o} Inspections', '{o} Compliance Inspection', 'Inspection of {o}'], sw: ['Ukaguzi wa {s}', 'Ukaguzi wa {s} na Uzingatiaji', 'Ukaguzi {s}'], pen: 'Plans inspections of {o} and records findings.', psw: 'Kupanga ukaguzi wa {s} na kutunza matokeo.' },
  { key: 'reg', cap: 'REG.PROF', en: ['{o} Registration', '{o} Register', '{o} Registry', 'Registration of {o}'], sw: ['Usajili wa {s}', 'Daftari la {s}', 'Rejista ya {s}'], pen: 'Keeps the register of {o}.', psw: 'Kutunza daftari la usajili wa {s}.' },
  { key: 'stat', cap: 'SEC.STAT', en: ['{o} Statistics', '{o} Data and Statistics', '{o} Statistical Database', 'Statistics on {o}'], sw: ['Takwimu za {s}', 'Kanzidata ya Takwimu za {s}', 'Takwimu {s}'], pen: 'Collects and publishes {o} statistics.', psw: 'Kukusanya na kuchapisha takwimu za {s}.' },
  { key: 'permit', cap: 'REG.LIC', en: ['{o} Export Permits', '{o} Export Permit', 'Export Permits for {o}', '{o} Export Authorisation'], sw: ['Vibali vya Kusafirisha {s}', 'Vibali vya {s} Nje ya Nchi', 'Kibali cha Kusafirisha {s}'], pen: 'Issues permits to export {o}.', psw: 'Kutoa vibali vya kusafirisha {s} nje ya nchi.' },
  { key: 'fee', cap: 'REV.NTR', en: ['{o} Levy Collection', '{o} Fees Collection', '{o} Levies', 'Collection of {o} Fees'], sw: ['Makusanyo ya Tozo za {s}', 'Tozo za {s}', 'Ukusanyaji wa Ada za {s}'], pen: 'Bills and collects {o} levies and fees.', psw: 'Kukusanya tozo na ada za {s}.' },
  { key: 'gis', cap: 'ICT.GIS', en: ['{o} Mapping', '{o} GIS', '{o} Maps', 'Mapping of {o}'], sw: ['Ramani za {s}', 'Ramani ya {s}', 'Ramani {s}'], pen: 'Maps {o} sites and resources.', psw: 'Kuweka ramani ya maeneo ya {s}.' },
  { key: 'train', cap: 'HR.TRAIN', en: ['{o} Training Portal', '{o} Training', '{o} Courses', 'Training for {o}'], sw: ['Mafunzo ya {s}', 'Mafunzo kwa {s}', 'Kozi za {s}'], pen: 'Runs training courses on {o}.', psw: 'Kuendesha mafunzo kuhusu {s}.' },
];

// Set 'c': per job, a new English name, a new Kiswahili name, a new English and a new Kiswahili
// purpose. Written once, before tuning; do not edit them to make the scorer look better.
const SET_C: Record<string, [string, string, string, string]> = {
  hr: ['Employee Records', 'Kumbukumbu za Kiutumishi', 'Holds personal files of employees, their grades and postings.', 'Kuhifadhi majalada binafsi ya watumishi, madaraja na vituo vya kazi.'],
  payroll: ['Wages and Salaries', 'Mishahara ya Watumishi', 'Pays staff every month and prints payslips.', 'Kulipa watumishi kila mwezi na kutoa hati za malipo.'],
  recruit: ['Staff Hiring', 'Uajiri wa Watumishi', 'Publishes vacancies and receives applications from job seekers.', 'Kutangaza nafasi wazi na kupokea maombi ya waombaji kazi.'],
  perf: ['Performance Reviews', 'Tathmini ya Watumishi', 'Records annual performance agreements and reviews of staff.', 'Kutunza mikataba ya utendaji na mapitio ya kila mwaka.'],
  train: ['Staff Development', 'Uendelezaji wa Watumishi', 'Keeps the training plan and courses attended by staff.', 'Kutunza mpango wa mafunzo na kozi walizohudhuria watumishi.'],
  acc: ['Accounts and Ledger', 'Hesabu na Leja', 'Posts vouchers and produces the trial balance and final accounts.', 'Kuingiza hati za malipo na kuandaa hesabu za mwisho wa mwaka.'],
  budget: ['Budget Planning', 'Bajeti ya Mwaka', 'Builds the annual budget estimates of the institution.', 'Kuandaa makisio ya bajeti ya taasisi kila mwaka.'],
  mne: ['Indicators Tracking', 'Ufuatiliaji wa Viashiria', 'Follows progress of programmes against agreed indicators.', 'Kufuatilia maendeleo ya programu kwa viashiria.'],
  proc: ['Tendering', 'Zabuni', 'Handles requisitions, tender evaluation and purchase orders.', 'Kushughulikia maombi ya ununuzi, tathmini ya zabuni na oda.'],
  contract: ['Contracts Management', 'Mikataba ya Wazabuni', 'Keeps contracts with suppliers and alerts before expiry.', 'Kuhifadhi mikataba na wazabuni na kukumbusha kabla ya kuisha.'],
  inv: ['Stock Management', 'Vifaa vya Stoo', 'Tracks items received, issued and left in the store.', 'Kufuatilia vifaa vilivyopokelewa, vilivyotolewa na vilivyobaki stoo.'],
  asset: ['Assets Register', 'Rejista ya Mali', 'Keeps the register of buildings, vehicles and equipment owned.', 'Kutunza rejista ya majengo, magari na vifaa vya taasisi.'],
  fleet: ['Vehicle Fleet Management', 'Magari na Mafuta', 'Books official cars, records trips and fuel issued.', 'Kuhifadhi safari za magari rasmi na mafuta yaliyotolewa.'],
  eoffice: ['Registry and File Movement', 'Usafirishaji wa Mafaili', 'Tracks letters and files as they move between desks.', 'Kufuatilia barua na mafaili yanavyopita kati ya ofisi.'],
  archive: ['Archives Preservation', 'Hifadhi ya Nyaraka', 'Digitises old records and keeps them permanently.', 'Kuweka nyaraka za zamani katika mfumo wa kidijitali.'],
  legal: ['Legal Cases', 'Kesi na Mashauri', 'Lists court cases against the institution and their status.', 'Kuorodhesha kesi zinazoihusu taasisi na hali yake.'],
  audit: ['Audit Queries Tracking', 'Hoja za Wakaguzi', 'Plans audit assignments and tracks audit queries to closure.', 'Kupanga kazi za ukaguzi na kufuatilia hoja hadi kufungwa.'],
  grv: ['Public Complaints', 'Kero za Wananchi', 'Lets citizens report complaints and follows their resolution.', 'Kuwezesha wananchi kuwasilisha kero na kufuatilia utatuzi wake.'],
  web: ['Official Website', 'Tovuti Rasmi', 'Shows news, announcements and downloadable documents.', 'Kuonyesha habari, matangazo na nyaraka za kupakua.'],
  mail: ['Email Service', 'Barua Pepe', 'Gives every employee an official mailbox.', 'Kumpa kila mtumishi sanduku rasmi la barua pepe.'],
  sms: ['Text Messaging', 'Jumbe Fupi', 'Sends text messages to citizens and customers.', 'Kutuma jumbe fupi kwa wananchi na wateja.'],
  help: ['IT Support Desk', 'Msaada wa TEHAMA', 'Records ICT faults reported by staff and who fixed them.', 'Kurekodi hitilafu za TEHAMA na aliyezitatua.'],
  lms: ['Distance Learning', 'Elimu Mtandao', 'Hosts online courses, quizzes and lessons.', 'Kuweka masomo, majaribio na kozi mtandaoni.'],
  survey: ['Online Questionnaire', 'Dodoso', 'Collects answers to questionnaires from the field.', 'Kukusanya majibu ya madodoso kutoka uwandani.'],
  meet: ['Paperless Board Meetings', 'Vikao Bila Karatasi', 'Distributes meeting papers and keeps minutes.', 'Kusambaza nyaraka za mikutano na kutunza kumbukumbu za vikao.'],
  gepg: ['Government Payments', 'Malipo ya Serikali', 'Generates control numbers so that payers can pay through banks and mobile money.', 'Kutengeneza namba za malipo ili walipaji walipe kupitia benki na simu.'],
  revcol: ['Levy Collection', 'Ukusanyaji wa Ushuru', 'Collects market dues and service levies of the council.', 'Kukusanya ushuru wa masoko na tozo za huduma za halmashauri.'],
  revfc: ['Revenue Estimates', 'Makisio ya Mapato', 'Estimates future revenue from collection trends.', 'Kukadiria mapato yajayo kutokana na mwenendo wa makusanyo.'],
  tax: ['Taxpayer Services', 'Huduma kwa Walipakodi', 'Handles taxpayer registration, filing and assessments.', 'Kusajili walipakodi, kupokea ritani na kufanya makadirio ya kodi.'],
  billing: ['Meter Reading and Billing', 'Usomaji wa Mita na Ankara', 'Captures meter readings and sends monthly bills.', 'Kuchukua usomaji wa mita na kutuma bili kila mwezi.'],
  loan: ['Loans for Students', 'Mikopo ya Elimu ya Juu', 'Processes applications for higher education loans and pays them out.', 'Kuchakata maombi ya mikopo ya elimu ya juu na kulipa fedha.'],
  loanrecov: ['Loan Collections', 'Urejeshwaji wa Mikopo', 'Collects repayments of loans from graduates and employers.', 'Kukusanya marejesho ya mikopo kutoka kwa wahitimu na waajiri.'],
  boardweb: ['Loan Board Portal', 'Tovuti ya Bodi ya Mikopo ya Elimu', 'Website of the board with announcements for the public.', 'Tovuti ya bodi yenye matangazo kwa umma.'],
  hfac: ['Patient Records for Hospitals', 'Kumbukumbu za Wagonjwa Hospitalini', 'Registers patients and records treatment and drugs dispensed.', 'Kusajili wagonjwa na kurekodi matibabu na dawa walizopewa.'],
  hins: ['Insurance Claims', 'Madai ya Bima', 'Checks and pays claims sent by health facilities.', 'Kuhakiki na kulipa madai yanayotumwa na vituo vya afya.'],
  hstat: ['Health Indicators Reporting', 'Ripoti za Takwimu za Afya', 'Compiles health facility reports into national indicators.', 'Kuunganisha ripoti za vituo vya afya kuwa viashiria.'],
  hmed: ['Drug Supply Chain', 'Mnyororo wa Dawa', 'Plans orders and deliveries of drugs to facilities.', 'Kupanga maagizo na usambazaji wa dawa kwa vituo.'],
  land: ['Land Titles', 'Umiliki wa Ardhi', 'Records land ownership and prepares certificates of title.', 'Kutunza umiliki wa ardhi na kuandaa hati.'],
  busreg: ['Company Registry', 'Usajili wa Makampuni', 'Incorporates companies and registers business names.', 'Kusajili makampuni na majina ya biashara.'],
  buslic: ['Trading Licences', 'Vibali vya Biashara', 'Issues trading licences to business owners and renews them.', 'Kutoa leseni kwa wafanyabiashara na kuzihuisha.'],
  exam: ['Exam Processing', 'Uchakataji wa Matokeo ya Mitihani', 'Registers examination candidates and publishes results.', 'Kusajili watahiniwa na kutangaza matokeo.'],
  admit: ['Admissions', 'Udahili', 'Takes applications from applicants and selects those admitted.', 'Kupokea maombi ya waombaji na kuchagua waliodahiliwa.'],
  sis: ['Pupil Records', 'Taarifa za Wanafunzi na Shule', 'Records learners, classes and marks in schools.', 'Kutunza taarifa za wanafunzi, madarasa na alama.'],
  court: ['Court Cases', 'Mashauri ya Mahakama', 'Registers cases and schedules court hearings.', 'Kusajili mashauri na kupanga tarehe za kusikiliza.'],
  vehreg: ['Vehicle Registry', 'Usajili wa Vyombo vya Usafiri', 'Registers vehicles and issues registration cards.', 'Kusajili magari na kutoa kadi za usajili.'],
  gis: ['Spatial Data Infrastructure', 'Ramani na Takwimu za Kijiografia', 'Hosts map layers and location data.', 'Kuhifadhi tabaka za ramani na taarifa za maeneo.'],
  bi: ['Reporting Dashboard', 'Ghala la Takwimu', 'Combines data from several systems into management reports.', 'Kuunganisha takwimu za mifumo mbalimbali kwa ripoti za menejimenti.'],
};
const SET_C_ACTIONS: Record<string, [string, string, string, string]> = {
  lic: ['{o} Licence Applications', 'Maombi ya Leseni za {s}', 'Receives licence applications for {o} and issues licences.', 'Kupokea maombi ya leseni za {s} na kutoa leseni.'],
  insp: ['{o} Inspectorate', 'Ukaguzi wa Shughuli za {s}', 'Schedules {o} inspections and keeps inspection reports.', 'Kupanga ukaguzi wa {s} na kuhifadhi ripoti za ukaguzi.'],
  reg: ['{o} Registration Database', 'Usajili {s}', 'Registers {o} and keeps their records.', 'Kusajili {s} na kutunza kumbukumbu zao.'],
  stat: ['{o} Data Portal', 'Takwimu za Sekta ya {s}', 'Publishes figures and statistics on {o}.', 'Kuchapisha takwimu za sekta ya {s}.'],
  permit: ['Permits to Export {o}', 'Vibali vya Kuuza {s} Nje', 'Processes export permits for {o}.', 'Kushughulikia vibali vya kuuza {s} nje.'],
  fee: ['{o} Levy', 'Ushuru wa {s}', 'Collects levies and fees charged on {o}.', 'Kukusanya ushuru na ada za {s}.'],
  gis: ['{o} Geospatial Data', 'Ramani za Maeneo ya {s}', 'Keeps maps of {o} areas.', 'Kutunza ramani za maeneo ya {s}.'],
  train: ['{o} Capacity Building', 'Mafunzo kuhusu {s}', 'Trains practitioners in {o}.', 'Kutoa mafunzo kwa wadau wa {s}.'],
};

const FRAMES = {
  a: { en: ['{x} System', '{x} Management System', '{x} Information System', 'Integrated {x} System', '{x}'], sw: ['Mfumo wa {x}', 'Mfumo wa Usimamizi wa {x}', 'Mfumo wa Taarifa za {x}', '{x}'] },
  b: { en: ['{x} MIS', 'e-{x}', '{x} Platform', 'Online {x}', '{x} Solution', '{i} {x}'], sw: ['Mfumo wa Kielektroniki wa {x}', 'Mfumo wa Kusimamia {x}', '{x} Mtandaoni', 'Mfumo wa {x} ({i})'] },
  c: { en: ['{x} Portal', 'Electronic {x} System', '{x} Database', '{x} Web Application', '{x} Module', 'Smart {x}', '{i} {x} Database'], sw: ['Mfumo Jumuishi wa {x}', 'Programu ya {x}', 'Kanzidata ya {x}', 'Mfumo wa Kidijitali wa {x}', 'Dirisha la {x}', 'Mfumo wa {x} - {i}'] },
};
const PURPOSE_FRAMES = {
  a: { en: ['{p}', 'This system {p}'], sw: ['{p}', 'Mfumo huu {p}'] },
  b: { en: ['Used by the institution: {p}', '{p} It also produces reports.'], sw: ['Hutumika na taasisi: {p}', '{p} Pia hutoa ripoti.'] },
  c: { en: ['Purpose: {p}', '{p} Reports go to management.', 'Helps the institution. {p}'], sw: ['Lengo: {p}', '{p} Ripoti hupelekwa kwa menejimenti.', 'Husaidia taasisi. {p}'] },
};

export interface Registry {
  institutions: string[];
  systems: OverlapSystem[];
  /** Ground-truth overlapping pairs, each "idA|idB" with idA < idB. */
  truth: Set<string>;
  /** Job of each system id (for diagnostics). */
  jobOf: Map<string, string>;
}

export interface GenerateOptions { institutions?: number; systems?: number; seed?: number; templates?: TemplateSet }
export type TemplateSet = 'a' | 'b' | 'c';

function rng(seed: number) {
  let s = seed >>> 0 || 1;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const pairLabel = (a: string, b: string) => (a < b ? `${a}|${b}` : `${b}|${a}`);

export function generateRegistry(options: GenerateOptions = {}): Registry {
  const nInst = options.institutions ?? 700;
  const nSys = options.systems ?? 10_000;
  const set = options.templates ?? 'a';
  const random = rng((options.seed ?? 1) * 7919 + (set === 'b' ? 104_729 : set === 'c' ? 224_737 : 0));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)];
  const half = <T>(xs: readonly T[]): T[] => (set === 'a' ? xs.slice(0, Math.max(1, xs.length - 1)) : set === 'b' ? xs.slice(Math.min(1, xs.length - 1)) : [...xs]);
  // Set 'c': its own variant half of the time, otherwise any of the older ones.
  const core = (job: Job, sw: boolean) => (set === 'c' && job.c && random() < 0.5 ? job.c[sw ? 1 : 0] : pick(half(sw ? job.sw : job.en)));
  const purposeOf = (job: Job, sw: boolean) => (set === 'c' && job.c && random() < 0.6 ? job.c[sw ? 3 : 2] : pick(sw ? job.psw : job.pen));
  const jobs = JOBS.map((j) => ({ ...j, c: SET_C[j.key] }));
  const allCaps = capabilitySeed.domains.flatMap((d) => d.capabilities.map((c) => c.code));

  const institutions = Array.from({ length: nInst }, (_, i) => `I${String(i + 1).padStart(3, '0')}`);
  const systems: OverlapSystem[] = [];
  const jobOf = new Map<string, string>();
  const used = new Map<string, Set<string>>(); // institution → codes
  let serial = 0;

  const typo = (s: string) => {
    const words = s.split(' ');
    const k = words.findIndex((w) => w.length >= 7);
    if (k < 0) return s;
    const w = words[k];
    const p = 1 + Math.floor(random() * (w.length - 2));
    const op = random();
    words[k] = op < 0.34 ? w.slice(0, p) + w.slice(p + 1) : op < 0.67 ? w.slice(0, p) + w[p + 1] + w[p] + w.slice(p + 2) : w.slice(0, p) + 'e' + w.slice(p + 1);
    return words.join(' ');
  };
  const capsFor = (cap: string) => {
    const r = random();
    return r < 0.7 ? [cap] : r < 0.9 ? [] : [pick(allCaps)];
  };

  const sharedBy = new Map<string, OverlapSystem>();
  for (const s of sharedSeed) {
    const owner = institutions[(s.code.length * 37 + s.code.charCodeAt(0)) % nInst];
    const sys: OverlapSystem = {
      id: `S-${s.code}`, institutionId: owner, code: s.code, name: s.fullName ? `${s.code} (${s.fullName})` : s.code,
      purpose: s.purposeEn, capabilities: [(capabilitySeed.sharedSystemCapabilities as Record<string, string>)[s.code]],
      isShared: true, usesSharedSystemId: null, lifecycle: 'production',
    };
    systems.push(sys);
    sharedBy.set(s.code, sys);
    jobOf.set(sys.id, `shared:${s.code}`);
  }

  const makeSystem = (inst: string, job: Job): OverlapSystem => {
    const id = `X${String(++serial).padStart(5, '0')}`;
    const sw = random() < 0.45;
    const frames = FRAMES[set][sw ? 'sw' : 'en'];
    let name = pick(frames).replace('{x}', core(job, sw)).replace('{i}', inst);
    if (job.acr && random() < 0.25) name = random() < 0.5 ? pick(job.acr) : `${pick(job.acr)} - ${name}`;
    if (random() < 0.12) name = typo(name);
    let purpose: string | null = null;
    if (random() < 0.7) {
      const psw = random() < 0.5;
      const p = purposeOf(job, psw);
      purpose = pick(PURPOSE_FRAMES[set][psw ? 'sw' : 'en']).replace('{p}', psw ? p : p.replace(/^./, (c) => (set === 'a' ? c.toLowerCase() : c)));
    }
    const sys: OverlapSystem = {
      id, institutionId: inst, code: `SYS-${serial}`, name, purpose, capabilities: capsFor(job.cap),
      isShared: false, usesSharedSystemId: null, lifecycle: random() < 0.04 ? 'retired' : pick(['production', 'production', 'development', 'planned', 'retiring']),
    };
    if (random() < 0.15) sys[sw ? 'nameEn' : 'nameSw'] = pick(frames === FRAMES[set].sw ? FRAMES[set].en : FRAMES[set].sw).replace('{x}', core(job, !sw)).replace('{i}', inst);
    return sys;
  };

  const comboJobs: Job[] = OBJECTS.flatMap(([o, s]) =>
    ACTIONS.map((a) => ({
      key: `${a.key}:${o}`, cap: a.cap, en: a.en.map((t) => t.replace('{o}', o)), sw: a.sw.map((t) => t.replace('{s}', s)),
      pen: [a.pen.replace('{o}', o.toLowerCase())], psw: [a.psw.replace('{s}', s.toLowerCase())],
      c: SET_C_ACTIONS[a.key].map((t, k) => t.replace('{o}', k === 2 ? o.toLowerCase() : o).replace('{s}', k === 3 ? s.toLowerCase() : s)) as [string, string, string, string],
    })),
  );

  // Budget: a quarter are uses of shared systems, the rest own systems in job groups.
  const uses = Math.round(nSys * 0.25);
  const own = nSys - uses - systems.length;
  const sharedList = [...sharedBy.values()];
  for (let k = 0; k < uses; k++) {
    const target = pick(sharedList);
    const inst = pick(institutions);
    const id = `U${String(k + 1).padStart(5, '0')}`;
    systems.push({
      id, institutionId: inst, code: `USE-${k + 1}`, name: random() < 0.5 ? target.code : `${target.code} (${inst})`,
      purpose: random() < 0.5 ? target.purpose : null, capabilities: target.capabilities, isShared: false,
      usesSharedSystemId: target.id, lifecycle: 'production',
    });
    jobOf.set(id, `use:${target.code}`);
  }
  const groupOf = (job: Job, size: number) => {
    const members: string[] = [];
    const insts = new Set<string>();
    while (insts.size < size) insts.add(pick(institutions));
    for (const inst of insts) {
      const sys = makeSystem(inst, job);
      systems.push(sys);
      jobOf.set(sys.id, job.key);
      members.push(sys.id);
    }
    return members;
  };
  let left = own;
  // Named jobs: big groups (many institutions run their own HR, procurement, website …).
  const namedShare = Math.round(own * 0.45);
  while (left > own - namedShare) {
    const job = pick(jobs);
    const size = Math.min(left - (own - namedShare), 2 + Math.floor(random() ** 2 * 40));
    groupOf(job, Math.max(1, size));
    left -= Math.max(1, size);
  }
  // Object × action jobs: most used once or by a handful of institutions.
  while (left > 0) {
    const job = pick(comboJobs);
    const r = random();
    const size = Math.min(left, r < 0.5 ? 1 : r < 0.8 ? 2 : 3 + Math.floor(random() * 4));
    groupOf(job, size);
    left -= size;
  }

  // Truth: same job, different institutions, both taking part; a shared system's job is the
  // named job that points at it.
  const sharedJob = new Map(JOBS.filter((j) => j.shared).map((j) => [`shared:${j.shared}`, j.key]));
  const byJob = new Map<string, OverlapSystem[]>();
  for (const s of systems) {
    if (s.lifecycle === 'retired' || s.usesSharedSystemId) continue;
    const raw = jobOf.get(s.id)!;
    const job = sharedJob.get(raw) ?? raw;
    const list = byJob.get(job) ?? [];
    list.push(s);
    byJob.set(job, list);
  }
  const truth = new Set<string>();
  for (const list of byJob.values()) {
    for (let x = 0; x < list.length; x++) {
      for (let y = x + 1; y < list.length; y++) {
        if (list[x].institutionId !== list[y].institutionId) truth.add(pairLabel(list[x].id, list[y].id));
      }
    }
  }
  return { institutions, systems, truth, jobOf };
}
