// Bilingual concept table: words and phrases of Kiswahili and English that name the same thing in
// government ICT map to one concept id, so "Mfumo wa Manunuzi" and "Procurement System" meet.
// Variants go through the same folding, stop-word removal and stemming as the text they are
// matched against (text.ts), so they are written here in plain dictionary form.
// Phrases win over single words ("health facility" is not "health" + something).

export const CONCEPTS: Record<string, string> = {
  // People and administration
  hr: 'human resource|human resources|hr|hrm|personnel|staff|employee|employees|workforce|human capital|establishment|rasilimali watu|watumishi|mtumishi|utumishi|kiutumishi|wafanyakazi|mfanyakazi|ikama',
  payroll: 'payroll|salary|salaries|wage|wages|payslip|payslips|mishahara|mshahara|hati ya mshahara',
  recruitment: 'recruitment|recruiting|recruit|vacancy|vacancies|hiring|job application|job applications|ajira|usaili|nafasi za kazi|kuajiri',
  performance: 'performance|appraisal|opras|utendaji|utendaji kazi|tathmini ya utendaji',
  leave: 'leave|likizo',
  training: 'training|capacity building|mafunzo|kujengea uwezo|uendelezaji',
  attendance: 'attendance|time and attendance|clock in|mahudhurio',
  pension: 'pension|pensions|retirement benefits|gratuity|pensheni|mafao',
  // Money
  accounting: 'accounting|accounts|ledger|general ledger|financial|finance|bookkeeping|ifms|fedha|uhasibu|hesabu',
  payment: 'payment|payments|pay|paying|control number|gateway|malipo|kulipa|lipa|namba ya malipo|ulipaji',
  revenue: 'revenue|revenues|income|own source|tax collection|mapato|maduhuli',
  collection: 'collection|collections|collect|collecting|makusanyo|ukusanyaji|kukusanya|kusanya',
  tax: 'tax|taxes|taxation|taxpayer|taxpayers|levy|levies|kodi|ushuru|walipakodi',
  fee: 'fee|fees|charges|tuition|ada|tozo',
  billing: 'billing|bill|bills|invoice|invoices|invoicing|ankara|bili',
  forecast: 'forecast|forecasting|projection|projections|prediction|utabiri|makadirio|kutabiri',
  analytics: 'analytics|analysis|analyse|analyze|uchambuzi|kuchambua',
  budget: 'budget|budgets|budgeting|bajeti|mtef',
  planning: 'planning|plan|plans|mipango|mpango|kupanga',
  debt: 'debt|debts|public debt|deni|madeni',
  loan: 'loan|loans|lending|credit|mikopo|mkopo|kukopesha',
  audit: 'audit|audits|auditing|auditor|internal audit|ukaguzi wa ndani|ukaguzi wa hesabu|mkaguzi wa ndani',
  customs: 'customs|border clearance|forodha',
  // Plans and oversight
  mne: 'monitoring|evaluation|monitoring and evaluation|m e|ufuatiliaji|tathmini|ufuatiliaji na tathmini',
  project: 'project|projects|programme|miradi|mradi',
  risk: 'risk|risks|vihatarishi|kihatarishi|hatari',
  complaint: 'complaint|complaints|grievance|grievances|feedback|malalamiko|lalamiko|mrejesho|kero',
  investigation: 'investigation|investigations|inquiry|upelelezi|uchunguzi',
  inspection: 'inspection|inspections|inspectorate|compliance|ukaguzi|uzingatiaji',
  legal: 'legal|law|laws|legislation|litigation|attorney|sheria|mwanasheria',
  // Supplies and assets
  procurement: 'procurement|purchasing|purchase|purchases|tender|tenders|tendering|bid|bids|bidding|supplier|suppliers|e procurement|manunuzi|ununuzi|zabuni|wazabuni|mzabuni',
  contract: 'contract|contracts|mikataba|mkataba',
  inventory: 'inventory|stores|store|stock|stocks|warehouse|stoo|bohari|ghala',
  asset: 'asset|assets|fixed asset|fixed assets|mali|mali za serikali|mali za taasisi',
  fleet: 'fleet|transport|transport management|usafiri',
  vehicle: 'vehicle|vehicles|motor vehicle|motor vehicles|car|cars|magari|gari|vyombo vya moto|chombo cha moto',
  fuel: 'fuel|mafuta',
  // Records and common ICT
  records: 'records|record|record keeping|document|documents|file|files|correspondence|letter|letters|office|e office|registry office|kumbukumbu|nyaraka|mafaili|faili|barua|ofisi|ofisi mtandao|mawasiliano ya ofisi',
  archive: 'archive|archives|archiving|digitisation|digitization|digitise|nyaraka za kudumu|uhifadhi wa kidijitali|kuhifadhi',
  website: 'website|websites|web site|portal|web portal|homepage|cms|content management|tovuti|lango',
  email: 'email|emails|e mail|mail|mailing|baruapepe|barua pepe',
  sms: 'sms|ussd|mobile|text message|bulk sms|ujumbe mfupi|simu|simu za mkononi|mobile app',
  helpdesk: 'help desk|helpdesk|service desk|ticketing|ticket|tickets|dawati|dawati la huduma',
  gis: 'gis|geographic|geospatial|map|maps|mapping|ramani|kijiografia',
  bi: 'business intelligence|data warehouse|dashboard|dashboards|bi|ghala la data|dashibodi',
  elearning: 'e learning|elearning|learning management|lms|moodle|distance learning|online learning|kujifunza|masomo',
  survey: 'survey|surveys|questionnaire|questionnaires|data collection|dodoso|madodoso|hojaji',
  meeting: 'meeting|meetings|conferencing|video conference|board papers|vikao|kikao|mikutano|mkutano',
  network: 'network|networks|connectivity|lan|wan|govnet|mtandao wa mawasiliano|intaneti|internet',
  integration: 'integration|interoperability|data exchange|data sharing|esb|service bus|enterprise service bus|api|utangamanishi|ubadilishanaji wa taarifa|kubadilishana taarifa',
  iam: 'authentication|single sign on|sso|login|sign in|access control|mfa|two factor|otp|uthibitishaji|kuingia',
  statistics: 'statistics|statistical|stats|census|takwimu|sensa',
  ict: 'ict|information technology|tehama',
  research: 'research|researcher|utafiti|tafiti',
  // Registration and identity
  registration: 'registration|register|registers|registry|registering|enrolment|enrollment|usajili|kusajili|sajili|rejista|daftari|kuandikisha',
  business: 'business|businesses|company|companies|firm|firms|trade|trader|traders|commerce|biashara|kampuni|makampuni|wafanyabiashara',
  licence: 'licence|licences|license|licenses|licensing|licensed|leseni',
  permit: 'permit|permits|approval|approvals|vibali|kibali',
  building: 'building|buildings|construction|ujenzi|majengo|jengo',
  vital: 'birth|births|death|deaths|vital|civil registration|vizazi|vifo|kuzaliwa',
  identity: 'identity|identification|id|national id|id card|nida|kitambulisho|vitambulisho|utambuzi|utambulisho',
  immigration: 'immigration|passport|passports|visa|visas|travel document|travel documents|uhamiaji|pasipoti|hati za kusafiria|viza',
  professional: 'professional|professionals|practitioner|practitioners|wataalamu|mtaalamu',
  // Justice and security
  court: 'court|courts|judiciary|judicial|tribunal|tribunals|mahakama|baraza|mabaraza',
  case: 'case|cases|case management|mashauri|shauri|kesi',
  prosecution: 'prosecution|prosecutions|prosecutor|mashtaka|dpp',
  police: 'police|crime|crimes|polisi|uhalifu',
  prison: 'prison|prisons|inmate|inmates|magereza|gereza|wafungwa',
  election: 'election|elections|voter|voters|electoral|uchaguzi|wapiga kura',
  // Health
  health: 'health|medical|afya|matibabu',
  facility: 'health facility|health facilities|hospital|hospitals|dispensary|dispensaries|clinic|clinics|health centre|health center|hospitali|zahanati|kliniki|kituo cha afya|vituo vya afya|vituo vya kutolea huduma za afya|vituo vya kutolea huduma',
  patient: 'patient|patients|wagonjwa|mgonjwa',
  insurance: 'insurance|insured|nhif|bima',
  claims: 'claim|claims|reimbursement|madai',
  medicine: 'medicine|medicines|drug|drugs|pharmacy|pharmaceutical|pharmaceuticals|medical supplies|dawa|vifaa tiba',
  // Education
  education: 'education|school|schools|elimu|shule|sekondari|secondary|primary|msingi',
  student: 'student|students|learner|learners|pupil|pupils|beneficiary|beneficiaries|wanafunzi|mwanafunzi|wanufaika|mnufaika',
  exam: 'examination|examinations|exam|exams|mitihani|mtihani',
  admission: 'admission|admissions|udahili|kudahili',
  university: 'university|universities|higher education|college|colleges|tertiary|chuo kikuu|vyuo vikuu|elimu ya juu|chuo|vyuo',
  accreditation: 'accreditation|quality assurance|ithibati|uthibiti ubora',
  library: 'library|libraries|maktaba',
  // Sectors
  land: 'land|lands|plot|plots|title deed|title deeds|ardhi|kiwanja|viwanja|hati miliki',
  cadastre: 'land survey|surveying|cadastre|cadastral|valuation|upimaji|uthamini|upimaji wa ardhi',
  agriculture: 'agriculture|agricultural|farming|farmer|farmers|crop|crops|kilimo|wakulima|mkulima|mazao',
  livestock: 'livestock|veterinary|animal|animals|mifugo|wanyama',
  fisheries: 'fisheries|fishing|fish|vessel|vessels|uvuvi|samaki',
  water: 'water|sewerage|maji',
  road: 'road|roads|highway|highways|barabara',
  social: 'social protection|social welfare|welfare|cash transfer|ustawi wa jamii|hifadhi ya jamii|kaya maskini',
  customer: 'customer|customers|client|clients|wateja|mteja',
  tourism: 'tourism|tourist|tourists|utalii|watalii',
  wildlife: 'wildlife|national park|national parks|wanyamapori|hifadhi za taifa',
  forestry: 'forest|forests|forestry|misitu|msitu',
  mining: 'mining|mineral|minerals|mine|mines|madini|migodi',
  energy: 'energy|electricity|power|umeme|nishati',
  museum: 'museum|museums|heritage|makumbusho|urithi',
  disaster: 'disaster|disasters|emergency|emergencies|maafa|dharura',
  telecom: 'telecommunications|telecom|broadcasting|spectrum|utangazaji|masafa',
  port: 'port|ports|harbour|harbours|bandari',
  aviation: 'aviation|airport|airports|flight|flights|anga|viwanja vya ndege',
  board: 'board|boards|bodi',
  citizen: 'citizen|citizens|wananchi|mwananchi',
};

/** Words that say nothing about the job a system does, in either language. */
export const STOP_WORDS = new Set(
  (
    // English
    'a an the of and or for to in on at by with from into via its their our all any new this that these those is are be it also ' +
    'system systems management manage managing managed information info mis software application applications app ' +
    'solution solutions tool tools online electronic e digital web based module modules integrated national government ' +
    'tanzania tanzanian service services institution institutions institutional official central unified automated ' +
    'automation platform one single v2 v3 ii iii keeps keep handles handle supports support lets allow allows used use uses ' +
    'process processing processes track tracking tracks manages provide provides ' +
    // Kiswahili
    'mfumo mifumo wa ya la za na kwa katika cha vya kwenye ni ajili pamoja huduma taasisi serikali serikalini ' +
    'usimamizi kusimamia kusimamiwa husimamia taarifa kielektroniki mtandao njia mtandaoni tanzania kitaifa taifa ' +
    'hutunza kutunza huwezesha kuwezesha hushughulikia kushughulikia hufuatilia kufuatilia ndani yote wote moja ' +
    'mpya hiyo hii huu hizi kila'
  ).split(/\s+/).filter(Boolean),
);

/** Words joining the words of a name; left out of a name's initials ("Bureau of Statistics" → BS). */
export const CONNECTORS = new Set('of and the for to in on a an wa ya la za na kwa cha vya katika'.split(' '));

/** How each concept is named in a sentence: [English, Kiswahili]. */
export const CONCEPT_LABELS: Record<string, [string, string]> = {
  hr: ['human resources', 'rasilimali watu'], payroll: ['payroll', 'mishahara'], recruitment: ['recruitment', 'ajira'],
  performance: ['performance', 'utendaji kazi'], leave: ['leave', 'likizo'], training: ['training', 'mafunzo'],
  attendance: ['attendance', 'mahudhurio'], pension: ['pensions', 'mafao'], accounting: ['accounting', 'uhasibu'],
  payment: ['payments', 'malipo'], revenue: ['revenue', 'mapato'], collection: ['collection', 'ukusanyaji'],
  tax: ['tax', 'kodi'], fee: ['fees', 'ada'], billing: ['billing', 'ankara'], forecast: ['forecasting', 'utabiri'],
  analytics: ['analysis', 'uchambuzi'], budget: ['budget', 'bajeti'], planning: ['planning', 'mipango'],
  debt: ['debt', 'deni'], loan: ['loans', 'mikopo'], audit: ['audit', 'ukaguzi wa ndani'], customs: ['customs', 'forodha'],
  mne: ['monitoring and evaluation', 'ufuatiliaji na tathmini'], project: ['projects', 'miradi'], risk: ['risk', 'vihatarishi'],
  complaint: ['complaints', 'malalamiko'], investigation: ['investigations', 'upelelezi'], inspection: ['inspection', 'ukaguzi'],
  legal: ['legal services', 'huduma za sheria'], procurement: ['procurement', 'manunuzi'], contract: ['contracts', 'mikataba'],
  inventory: ['stores', 'stoo'], asset: ['assets', 'mali'], fleet: ['fleet', 'usafiri'], vehicle: ['vehicles', 'magari'],
  fuel: ['fuel', 'mafuta'], records: ['records', 'kumbukumbu'], archive: ['archives', 'nyaraka za kudumu'],
  website: ['website', 'tovuti'], email: ['e-mail', 'baruapepe'], sms: ['SMS and mobile', 'SMS na simu'],
  helpdesk: ['service desk', 'dawati la huduma'], gis: ['maps', 'ramani'], bi: ['business intelligence', 'ghala la data'],
  elearning: ['e-learning', 'masomo mtandaoni'], survey: ['surveys', 'madodoso'], meeting: ['meetings', 'vikao'],
  network: ['network', 'mtandao wa mawasiliano'], integration: ['data exchange', 'ubadilishanaji wa taarifa'],
  iam: ['sign-in', 'uthibitishaji'], statistics: ['statistics', 'takwimu'], ict: ['ICT', 'TEHAMA'], research: ['research', 'utafiti'],
  registration: ['registration', 'usajili'], business: ['business', 'biashara'], licence: ['licences', 'leseni'],
  permit: ['permits', 'vibali'], building: ['buildings', 'majengo'], vital: ['births and deaths', 'vizazi na vifo'],
  identity: ['identity', 'utambuzi'], immigration: ['immigration', 'uhamiaji'], professional: ['professionals', 'wataalamu'],
  court: ['courts', 'mahakama'], case: ['cases', 'mashauri'], prosecution: ['prosecution', 'mashtaka'], police: ['police', 'polisi'],
  prison: ['prisons', 'magereza'], election: ['elections', 'uchaguzi'], health: ['health', 'afya'],
  facility: ['health facilities', 'vituo vya afya'], patient: ['patients', 'wagonjwa'], insurance: ['insurance', 'bima'],
  claims: ['claims', 'madai'], medicine: ['medicines', 'dawa'], education: ['education', 'elimu'], student: ['students', 'wanafunzi'],
  exam: ['examinations', 'mitihani'], admission: ['admissions', 'udahili'], university: ['higher education', 'elimu ya juu'],
  accreditation: ['accreditation', 'ithibati'], library: ['libraries', 'maktaba'], land: ['land', 'ardhi'],
  cadastre: ['survey and valuation', 'upimaji na uthamini'], agriculture: ['agriculture', 'kilimo'], livestock: ['livestock', 'mifugo'],
  fisheries: ['fisheries', 'uvuvi'], water: ['water', 'maji'], road: ['roads', 'barabara'], social: ['social protection', 'hifadhi ya jamii'],
  customer: ['customers', 'wateja'], tourism: ['tourism', 'utalii'], wildlife: ['wildlife', 'wanyamapori'], forestry: ['forests', 'misitu'],
  mining: ['minerals', 'madini'], energy: ['energy', 'nishati'], museum: ['heritage', 'urithi'], disaster: ['disasters', 'maafa'],
  telecom: ['broadcasting', 'utangazaji'], port: ['ports', 'bandari'], aviation: ['aviation', 'usafiri wa anga'], citizen: ['citizens', 'wananchi'], board: ['boards', 'bodi'],
};
