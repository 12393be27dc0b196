// The OSCAL 1.0.6 documents Viwango writes, built from plain rows (no database here): the catalog of
// requirements, a closed cycle's assessment results and an institution's plan of action and
// milestones. Every identifier is a UUID v5 of a stable name (rules.ts stableUuid), so exporting the
// same data twice gives the same document. The queries that feed these are in export.ts.
import {
  IMPACT,
  OSCAL_VERSION,
  VIWANGO_NS,
  oneLine,
  oscalDate,
  oscalDateTime,
  remediationLifecycleOf,
  riskStatusOf,
  stableUuid,
  tokenOf,
} from './rules.ts';
import type { Severity } from '../schema.ts';

type Json = Record<string, unknown>;
const prop = (name: string, value: string, extra: Json = {}): Json => ({ name, ns: VIWANGO_NS, value: oneLine(value), ...extra });
/** Leaves out empty arrays: OSCAL arrays have at least one item. */
function compact<T extends Json>(o: T): T {
  for (const k of Object.keys(o)) if (o[k] === undefined || (Array.isArray(o[k]) && (o[k] as unknown[]).length === 0)) delete o[k];
  return o;
}
const latest = (dates: (Date | string | null | undefined)[], fallback: Date | string) => {
  let best = new Date(fallback).getTime();
  for (const d of dates) if (d) best = Math.max(best, new Date(d).getTime());
  return oscalDateTime(new Date(best));
};

// Shared parts -----------------------------------------------------------------------------------

export interface InstitutionRow {
  id: string;
  acronym: string;
  nameEn: string;
  nameSw: string;
}

export const AUTHORITY_PARTY = stableUuid('party:authority');
export const institutionParty = (id: string) => stableUuid(`party:institution:${id}`);
const personParty = (userId: string) => stableUuid(`party:user:${userId}`);

const ROLES = [
  { id: 'authority', title: 'Oversight authority (e-Government Authority)' },
  { id: 'assessed-institution', title: 'Assessed public institution' },
  { id: 'head-of-institution', title: 'Head of institution (signs off the self-assessment)' },
];

function parties(institutions: InstitutionRow[], people: { userId: string; name: string }[]): Json[] {
  return [
    { uuid: AUTHORITY_PARTY, type: 'organization', name: 'e-Government Authority', 'short-name': 'e-GA' },
    ...institutions.map((i) => ({ uuid: institutionParty(i.id), type: 'organization', name: i.nameEn, 'short-name': i.acronym, props: [prop('name-sw', i.nameSw)] })),
    ...people.map((p) => ({ uuid: personParty(p.userId), type: 'person', name: oneLine(p.name, 'Head of institution') })),
  ];
}

export interface EvidenceRow {
  id: string;
  title: string;
  kind: 'file' | 'link';
  fileSha256: string | null;
  fileName: string | null;
  fileType: string | null;
  url: string | null;
  expiresOn: string | null;
}

const evidenceResource = (e: EvidenceRow) => stableUuid(`evidence:${e.id}`);

/** A piece of evidence as a back-matter resource: a link, or a stored file named by its SHA-256. */
function evidenceResources(list: EvidenceRow[]): Json[] {
  const seen = new Set<string>();
  return list
    .filter((e) => !seen.has(e.id) && seen.add(e.id))
    .map((e) =>
      compact({
        uuid: evidenceResource(e),
        title: e.title,
        props: [prop('evidence-kind', e.kind), ...(e.expiresOn ? [prop('expires-on', e.expiresOn)] : []), ...(e.fileName ? [prop('file-name', e.fileName)] : [])],
        rlinks:
          e.kind === 'link' && e.url
            ? [{ href: e.url }]
            : e.fileSha256
              ? [{ href: `urn:viwango:evidence:${e.id}`, ...(e.fileType ? { 'media-type': e.fileType } : {}), hashes: [{ algorithm: 'SHA-256', value: e.fileSha256 }] }]
              : [],
      }),
    );
}

export interface AnswerRow {
  id: string;
  institutionId: string;
  requirementRef: string;
  systemId: string | null;
  systemCode: string | null;
  systemName: string | null;
  result: string;
  justification: string;
  comment: string;
  answeredAt: Date | null;
  reviewStatus: string;
  reviewComment: string;
  verifiedResult: string | null;
  verifiedComment: string;
  requirementVersion: number;
  evidence: EvidenceRow[];
}

export const observationUuid = (answerId: string) => stableUuid(`observation:answer:${answerId}`);
const systemItem = (systemId: string) => stableUuid(`inventory-item:system:${systemId}`);

/** An answer as an observation: the self-assessed result, the review and on-site verification, its evidence. */
const RESULT_WORDS: Record<string, string> = { compliant: 'compliant', partial: 'partly compliant', non_compliant: 'not compliant', not_applicable: 'not applicable' };
const words = (result: string) => RESULT_WORDS[result] ?? result;

export function observation(a: AnswerRow, inst: InstitutionRow, collectedFallback: Date | string): Json {
  const text = [`Self-assessed result: ${words(a.result)}.`, a.justification && `Justification: ${a.justification}`, a.comment && `Comment: ${a.comment}`, a.reviewComment && `Review (${a.reviewStatus}): ${a.reviewComment}`, a.verifiedResult && `On-site verification: ${words(a.verifiedResult)}. ${a.verifiedComment}`]
    .filter(Boolean)
    .join('\n\n');
  return compact({
    uuid: observationUuid(a.id),
    title: `${inst.acronym}: ${a.requirementRef}${a.systemCode ? ` (${a.systemCode})` : ''}`,
    description: text,
    props: [
      prop('result', a.result),
      prop('review-status', a.reviewStatus),
      prop('requirement-version', String(a.requirementVersion)),
      ...(a.verifiedResult ? [prop('verified-result', a.verifiedResult)] : []),
    ],
    methods: a.verifiedResult ? ['EXAMINE', 'TEST'] : ['EXAMINE'],
    types: ['control-objective'],
    subjects: [
      { 'subject-uuid': institutionParty(inst.id), type: 'party', title: inst.acronym },
      ...(a.systemId ? [{ 'subject-uuid': systemItem(a.systemId), type: 'inventory-item', title: a.systemCode ?? a.systemId }] : []),
    ],
    'relevant-evidence': a.evidence.map((e) => ({ href: `#${evidenceResource(e)}`, description: e.title })),
    collected: oscalDateTime(a.answeredAt ?? collectedFallback),
  });
}

export interface SystemRow {
  id: string;
  code: string;
  name: string;
}

/** The systems answered for, as inventory items (the subjects of their observations). */
function inventoryItems(systems: SystemRow[]): Json[] {
  return systems.map((x) => ({ uuid: systemItem(x.id), description: x.name, props: [{ name: 'asset-id', value: oneLine(x.code) }] }));
}

const systemsOf = (answers: AnswerRow[]): SystemRow[] => [
  ...new Map(answers.filter((a) => a.systemId).map((a) => [a.systemId!, { id: a.systemId!, code: a.systemCode ?? a.systemId!, name: a.systemName ?? a.systemCode ?? a.systemId! }])).values(),
];

export interface FindingRow {
  id: string;
  institutionId: string;
  requirementRef: string;
  controlId: string;
  answerId: string | null;
  severity: Severity;
  description: string;
  dueOn: string;
  status: string;
  raisedAt: Date;
  closedAt: Date | null;
  poam: PoamRow | null;
}

export interface PoamRow {
  id: string;
  ownerName: string;
  plan: string;
  status: string;
  updatedAt: Date;
  milestones: { id: string; title: string; plannedOn: string; actualOn: string | null }[];
  evidence: EvidenceRow[];
}

export const findingUuid = (id: string) => stableUuid(`finding:${id}`);
export const riskUuid = (findingId: string) => stableUuid(`risk:finding:${findingId}`);

function finding(f: FindingRow, inst: InstitutionRow, observations: string[]): Json {
  return compact({
    uuid: findingUuid(f.id),
    title: `${inst.acronym}: ${f.requirementRef}`,
    description: f.description,
    props: [prop('severity', f.severity), prop('finding-status', f.status), prop('due-on', f.dueOn), prop('institution', inst.acronym)],
    origins: [{ actors: [{ type: 'party', 'actor-uuid': AUTHORITY_PARTY, 'role-id': 'authority' }] }],
    target: { type: 'objective-id', 'target-id': f.controlId, title: f.requirementRef, status: { state: f.status === 'closed' ? 'satisfied' : 'not-satisfied' } },
    'related-observations': observations.map((o) => ({ 'observation-uuid': o })),
    'related-risks': [{ 'risk-uuid': riskUuid(f.id) }],
  });
}

/** A finding's risk, with its severity and, when there is a remediation plan, the plan and its milestones as tasks. */
function risk(f: FindingRow, inst: InstitutionRow, observations: string[]): Json {
  const p = f.poam;
  return compact({
    uuid: riskUuid(f.id),
    title: `${inst.acronym}: ${f.requirementRef} (${f.severity})`,
    description: f.description,
    statement: `${inst.nameEn} does not meet requirement ${f.requirementRef}. ${f.description}`,
    props: [prop('severity', f.severity)],
    status: riskStatusOf(f.status, p?.status ?? null),
    characterizations: [
      {
        origin: { actors: [{ type: 'party', 'actor-uuid': AUTHORITY_PARTY, 'role-id': 'authority' }] },
        facets: [
          { name: 'impact', system: 'http://csrc.nist.gov/ns/oscal', value: IMPACT[f.severity] },
          { name: 'severity', system: VIWANGO_NS, value: f.severity },
        ],
      },
    ],
    deadline: oscalDate(f.dueOn),
    remediations: p
      ? [
          compact({
            uuid: stableUuid(`remediation:${p.id}`),
            lifecycle: remediationLifecycleOf(p.status),
            title: `Remediation of ${f.requirementRef} by ${inst.acronym}`,
            description: p.plan,
            props: [prop('poam-status', p.status), prop('owner', p.ownerName)],
            origins: [{ actors: [{ type: 'party', 'actor-uuid': institutionParty(inst.id), 'role-id': 'assessed-institution' }] }],
            tasks: p.milestones.map((m) =>
              compact({
                uuid: stableUuid(`milestone:${m.id}`),
                type: 'milestone',
                title: m.title,
                props: m.actualOn ? [prop('actual-date', m.actualOn)] : [],
                timing: { 'on-date': { date: oscalDate(m.plannedOn) } },
              }),
            ),
          }),
        ]
      : [],
    'related-observations': observations.map((o) => ({ 'observation-uuid': o })),
  });
}

/**
 * The observations a finding rests on: its own answer, else the institution's answers to that
 * requirement. `answered` lists, per finding, the answered answers of its institution to its requirement.
 */
export function findingObservations(f: FindingRow, answered: string[]): string[] {
  if (f.answerId && answered.includes(f.answerId)) return [observationUuid(f.answerId)];
  return answered.map(observationUuid);
}

const answeredFor = (f: FindingRow, answers: AnswerRow[]) => answers.filter((a) => a.institutionId === f.institutionId && a.requirementRef === f.requirementRef).map((a) => a.id);

// The catalog ------------------------------------------------------------------------------------

export interface RequirementRow {
  id: string;
  ref: string;
  controlId: string;
  textEn: string;
  textSw: string;
  obligation: string;
  appliesTo: string;
  version: number;
  groupCode: string | null;
  groupNameEn: string | null;
  groupNameSw: string | null;
  documentCode: string;
  documentSlug: string;
  documentTitleEn: string;
  documentTitleSw: string;
  clauseNumber: string;
  updatedAt: Date;
  mappings: { frameworkCode: string; frameworkUuid: string | null; frameworkTitle: string; controlId: string; relation: string }[];
}

const documentResource = (code: string) => stableUuid(`resource:document:${code}`);
const frameworkResource = (code: string) => stableUuid(`resource:framework:${code}`);

/**
 * The active requirements as a catalog: one group per architecture group (requirements without one
 * in `other`), one control per requirement with its statement in English and a Kiswahili translation
 * part, obligation, applies-to and version as props, a link to its standard (a back-matter resource
 * pointing at the library page) and one link and prop per mapping to a reference framework control.
 */
export function buildCatalog(rows: RequirementRow[], publicUrl: string): Json {
  const groups = new Map<string, { code: string; nameEn: string; nameSw: string; controls: Json[] }>();
  const documents = new Map<string, RequirementRow>();
  const frameworks = new Map<string, RequirementRow['mappings'][number]>();
  // Groups in the order of the rows (architecture group order); within a group, clause numbers in
  // numeric order: §1.2 before §1.10.
  for (const r of rows) {
    const code = r.groupCode ?? 'OTHER';
    if (!groups.has(code)) groups.set(code, { code, nameEn: r.groupNameEn ?? 'Other requirements', nameSw: r.groupNameSw ?? 'Matakwa mengine', controls: [] });
  }
  const sorted = [...rows].sort((a, b) => a.ref.localeCompare(b.ref, 'en', { numeric: true }));
  for (const r of sorted) {
    const code = r.groupCode ?? 'OTHER';
    documents.set(r.documentCode, r);
    for (const m of r.mappings) frameworks.set(m.frameworkCode, m);
    groups.get(code)!.controls.push(
      compact({
        id: r.controlId,
        class: 'viwango-requirement',
        title: r.ref,
        props: [
          { name: 'label', value: oneLine(r.ref) },
          prop('obligation', r.obligation),
          prop('applies-to', r.appliesTo),
          prop('version', String(r.version)),
          prop('standard', r.documentCode),
          prop('clause', r.clauseNumber),
          ...r.mappings.map((m) => prop('maps-to', `${m.frameworkCode}:${m.controlId}`, { class: m.relation })),
        ],
        links: [
          { href: `#${documentResource(r.documentCode)}`, rel: 'reference', text: r.documentCode },
          ...r.mappings.map((m) => ({ href: `#${frameworkResource(m.frameworkCode)}`, rel: m.relation, text: `${m.frameworkCode} ${m.controlId}` })),
        ],
        parts: [
          {
            id: `${r.controlId}_smt`,
            name: 'statement',
            prose: r.textEn,
            parts: [{ id: `${r.controlId}_smt.sw`, name: 'translation', ns: VIWANGO_NS, class: 'sw', props: [prop('lang', 'sw')], prose: r.textSw }],
          },
        ],
      }),
    );
  }
  const lastModified = latest(rows.map((r) => r.updatedAt), '2020-01-01T00:00:00Z');
  return {
    catalog: compact({
      uuid: stableUuid('catalog:requirements'),
      metadata: {
        title: 'Viwango: e-Government requirements of public institutions',
        'last-modified': lastModified,
        version: lastModified.slice(0, 10),
        'oscal-version': OSCAL_VERSION,
        props: [prop('requirement-count', String(rows.length))],
        roles: [ROLES[0]],
        parties: [{ uuid: AUTHORITY_PARTY, type: 'organization', name: 'e-Government Authority', 'short-name': 'e-GA' }],
        'responsible-parties': [{ 'role-id': 'authority', 'party-uuids': [AUTHORITY_PARTY] }],
      },
      groups: [...groups.values()].map((g) => ({ id: tokenOf(g.code), class: 'architecture-group', title: g.nameEn, props: [prop('title-sw', g.nameSw)], controls: g.controls })),
      'back-matter': documents.size === 0 ? undefined : {
        resources: [
          ...[...documents.values()].map((d) => ({
            uuid: documentResource(d.documentCode),
            title: `${d.documentCode}: ${d.documentTitleEn}`,
            props: [prop('title-sw', d.documentTitleSw)],
            rlinks: [{ href: `${publicUrl}/library/documents/${encodeURIComponent(d.documentSlug)}`, 'media-type': 'text/html' }],
          })),
          ...[...frameworks.values()].map((f) =>
            compact({
              uuid: frameworkResource(f.frameworkCode),
              title: f.frameworkTitle,
              'document-ids': f.frameworkUuid ? [{ identifier: f.frameworkUuid }] : [],
              props: [prop('framework-code', f.frameworkCode)],
            }),
          ),
        ],
      },
    }),
  };
}

// Assessment results -----------------------------------------------------------------------------

export interface CycleRow {
  id: string;
  code: string;
  nameEn: string;
  nameSw: string;
  openedAt: Date | null;
  closedAt: Date;
  controlIds: string[];
}

export interface AttestationRow {
  id: string;
  institutionId: string;
  signedBy: string;
  signerName: string;
  signedAt: Date;
  contentSha256: string;
}

export interface AssessmentResultsInput {
  cycle: CycleRow;
  /** Which institutions the document covers ('all' for the national document). */
  scopeKey: string;
  institutions: InstitutionRow[];
  /** What is known of the answers without holding them all: they are streamed (OBSERVATIONS). */
  answers: { count: number; lastAnswered: Date | null; met: number; objectives: number; systems: SystemRow[]; evidence: EvidenceRow[] };
  findings: FindingRow[];
  /** Per finding: the answered answers of its institution to its requirement. */
  findingAnswers: Map<string, string[]>;
  attestations: AttestationRow[];
  publicUrl: string;
}

/**
 * Stands for the result's observations in the document buildAssessmentResults returns: a closed
 * national cycle has hundreds of thousands of answers, so export.ts writes them in its place, one
 * institution at a time, instead of holding them in one string.
 */
export const OBSERVATIONS = '\u0000observations';

const attestationResource = (id: string) => stableUuid(`resource:attestation:${id}`);

/** One closed cycle as OSCAL assessment results, with one result for the cycle. */
export function buildAssessmentResults(x: AssessmentResultsInput): Json {
  const byId = new Map(x.institutions.map((i) => [i.id, i]));
  const inst = (id: string) => byId.get(id)!;
  const people = [...new Map(x.attestations.map((a) => [a.signedBy, { userId: a.signedBy, name: a.signerName }])).values()];
  const lastModified = latest([...x.findings.flatMap((f) => [f.raisedAt, f.closedAt]), x.answers.lastAnswered, ...x.attestations.map((a) => a.signedAt)], x.cycle.closedAt);
  const obs = (f: FindingRow) => findingObservations(f, x.findingAnswers.get(f.id) ?? []);
  const result = compact({
    uuid: stableUuid(`result:${x.cycle.id}:${x.scopeKey}`),
    title: `${x.cycle.code}: ${x.cycle.nameEn}`,
    description: `Self-assessments of ${x.institutions.length} institution(s) in cycle ${x.cycle.code} (${x.cycle.nameSw}), as reviewed by the authority. ${x.answers.met} of ${x.answers.objectives} institution requirements were met.`,
    start: oscalDateTime(x.cycle.openedAt ?? x.cycle.closedAt),
    end: oscalDateTime(x.cycle.closedAt),
    props: [prop('cycle', x.cycle.code), prop('institution-count', String(x.institutions.length))],
    'local-definitions': x.answers.systems.length ? { 'inventory-items': inventoryItems(x.answers.systems) } : undefined,
    'reviewed-controls': {
      'control-selections': [x.cycle.controlIds.length ? { 'include-controls': x.cycle.controlIds.map((c) => ({ 'control-id': c })) } : { 'include-all': {} }],
    },
    attestations: x.attestations.map((a) => ({
      'responsible-parties': [{ 'role-id': 'head-of-institution', 'party-uuids': [personParty(a.signedBy)] }],
      parts: [
        {
          name: 'attestation',
          ns: VIWANGO_NS,
          title: `Sign-off by the head of ${inst(a.institutionId).acronym}`,
          props: [prop('content-sha256', a.contentSha256), prop('signed-at', oscalDateTime(a.signedAt)), prop('institution', inst(a.institutionId).acronym)],
          prose: `${a.signerName}, head of ${inst(a.institutionId).nameEn}, signed off the self-assessment on ${oscalDateTime(a.signedAt)}. SHA-256 of exactly what was submitted: ${a.contentSha256}.`,
          links: [{ href: `#${attestationResource(a.id)}`, rel: 'evidence' }],
        },
      ],
    })),
    observations: x.answers.count ? OBSERVATIONS : undefined,
    risks: x.findings.map((f) => risk(f, inst(f.institutionId), obs(f))),
    findings: x.findings.map((f) => finding(f, inst(f.institutionId), obs(f))),
  });
  return {
    'assessment-results': compact({
      uuid: stableUuid(`assessment-results:${x.cycle.id}:${x.scopeKey}`),
      metadata: {
        title: `Compliance assessment results: ${x.cycle.nameEn} (${x.cycle.code})`,
        'last-modified': lastModified,
        version: x.cycle.code,
        'oscal-version': OSCAL_VERSION,
        roles: ROLES,
        parties: parties(x.institutions, people),
        'responsible-parties': [
          { 'role-id': 'authority', 'party-uuids': [AUTHORITY_PARTY] },
          ...(x.institutions.length ? [{ 'role-id': 'assessed-institution', 'party-uuids': x.institutions.map((i) => institutionParty(i.id)) }] : []),
        ],
      },
      // Viwango keeps no separate OSCAL assessment plan: the cycle (its scope and dates) is the plan.
      'import-ap': { href: `#${stableUuid(`resource:cycle:${x.cycle.id}`)}` },
      results: [result],
      'back-matter': {
        resources: [
          { uuid: stableUuid(`resource:cycle:${x.cycle.id}`), title: `Assessment cycle ${x.cycle.code}: ${x.cycle.nameEn}`, description: 'The cycle stands as the assessment plan: which requirements and institutions, and its dates.', rlinks: [{ href: `${x.publicUrl}/compliance/cycles/${x.cycle.id}` }] },
          ...x.attestations.map((a) => ({
            uuid: attestationResource(a.id),
            title: `Attestation of ${inst(a.institutionId).acronym} for ${x.cycle.code}`,
            props: [prop('signed-at', oscalDateTime(a.signedAt)), prop('signer', a.signerName)],
            rlinks: [{ href: `urn:viwango:attestation:${a.id}`, hashes: [{ algorithm: 'SHA-256', value: a.contentSha256 }] }],
          })),
          ...evidenceResources(x.answers.evidence),
        ],
      },
    }),
  };
}

// Plan of action and milestones ------------------------------------------------------------------

/** An institution's remediation plans as a POA&M: one poam-item per plan, with its finding, risk and milestones. */
export function buildPoam(institution: InstitutionRow, findings: FindingRow[], answers: AnswerRow[]): Json {
  const withPlan = findings.filter((f) => f.poam);
  const lastModified = latest(withPlan.map((f) => f.poam!.updatedAt), withPlan[0]?.raisedAt ?? '2020-01-01T00:00:00Z');
  const evidence = [...answers.flatMap((a) => a.evidence), ...withPlan.flatMap((f) => f.poam!.evidence)];
  const observations = answers.map((a) => observation(a, institution, a.answeredAt ?? lastModified));
  const poamItems = withPlan.map((f) => {
    const p = f.poam!;
    return compact({
      uuid: stableUuid(`poam-item:${p.id}`),
      title: `${f.requirementRef}: remediation plan`,
      description: p.plan,
      props: [prop('poam-status', p.status), prop('owner', p.ownerName), prop('severity', f.severity), prop('due-on', f.dueOn)],
      links: p.evidence.map((e) => ({ href: `#${evidenceResource(e)}`, rel: 'evidence', text: e.title })),
      origins: [{ actors: [{ type: 'party', 'actor-uuid': institutionParty(institution.id), 'role-id': 'assessed-institution' }] }],
      'related-findings': [{ 'finding-uuid': findingUuid(f.id) }],
      'related-observations': findingObservations(f, answeredFor(f, answers)).map((o) => ({ 'observation-uuid': o })),
      'related-risks': [{ 'risk-uuid': riskUuid(f.id) }],
    });
  });
  return {
    'plan-of-action-and-milestones': compact({
      uuid: stableUuid(`poam:${institution.id}`),
      metadata: {
        title: `Plan of action and milestones: ${institution.nameEn} (${institution.acronym})`,
        'last-modified': lastModified,
        version: lastModified.slice(0, 10),
        'oscal-version': OSCAL_VERSION,
        roles: ROLES,
        parties: parties([institution], []),
        'responsible-parties': [
          { 'role-id': 'authority', 'party-uuids': [AUTHORITY_PARTY] },
          { 'role-id': 'assessed-institution', 'party-uuids': [institutionParty(institution.id)] },
        ],
      },
      'local-definitions': systemsOf(answers).length ? { 'inventory-items': inventoryItems(systemsOf(answers)) } : undefined,
      observations,
      risks: withPlan.map((f) => risk(f, institution, findingObservations(f, answeredFor(f, answers)))),
      findings: withPlan.map((f) => finding(f, institution, findingObservations(f, answeredFor(f, answers)))),
      'poam-items': poamItems.length ? poamItems : [{ uuid: stableUuid(`poam-item:none:${institution.id}`), title: 'No remediation plans', description: `${institution.acronym} has no remediation plans.` }],
      'back-matter': evidence.length ? { resources: evidenceResources(evidence) } : undefined,
    }),
  };
}
