// What the OSCAL documents share: properties, parties, evidence as back-matter resources, answers as
// observations, systems as inventory items, and findings with their risks (documents/index.ts).
import { IMPACT, VIWANGO_NS, oneLine, oscalDate, oscalDateTime, remediationLifecycleOf, riskStatusOf, stableUuid } from '../rules.ts';
import type { Severity } from '../../schema.ts';

export type Json = Record<string, unknown>;
export const prop = (name: string, value: string, extra: Json = {}): Json => ({ name, ns: VIWANGO_NS, value: oneLine(value), ...extra });
/** Leaves out empty arrays: OSCAL arrays have at least one item. */
export function compact<T extends Json>(o: T): T {
  for (const k of Object.keys(o)) if (o[k] === undefined || (Array.isArray(o[k]) && (o[k] as unknown[]).length === 0)) delete o[k];
  return o;
}
export const latest = (dates: (Date | string | null | undefined)[], fallback: Date | string) => {
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
export const personParty = (userId: string) => stableUuid(`party:user:${userId}`);

export const ROLES = [
  { id: 'authority', title: 'Oversight authority (e-Government Authority)' },
  { id: 'assessed-institution', title: 'Assessed public institution' },
  { id: 'head-of-institution', title: 'Head of institution (signs off the self-assessment)' },
];

export function parties(institutions: InstitutionRow[], people: { userId: string; name: string }[]): Json[] {
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

export const evidenceResource = (e: EvidenceRow) => stableUuid(`evidence:${e.id}`);

/** A piece of evidence as a back-matter resource: a link, or a stored file named by its SHA-256. */
export function evidenceResources(list: EvidenceRow[]): Json[] {
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
export const systemItem = (systemId: string) => stableUuid(`inventory-item:system:${systemId}`);

/** An answer as an observation: the self-assessed result, the review and on-site verification, its evidence. */
export const RESULT_WORDS: Record<string, string> = { compliant: 'compliant', partial: 'partly compliant', non_compliant: 'not compliant', not_applicable: 'not applicable' };
export const words = (result: string) => RESULT_WORDS[result] ?? result;

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
export function inventoryItems(systems: SystemRow[]): Json[] {
  return systems.map((x) => ({ uuid: systemItem(x.id), description: x.name, props: [{ name: 'asset-id', value: oneLine(x.code) }] }));
}

export const systemsOf = (answers: AnswerRow[]): SystemRow[] => [
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

export function finding(f: FindingRow, inst: InstitutionRow, observations: string[]): Json {
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
export function risk(f: FindingRow, inst: InstitutionRow, observations: string[]): Json {
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

export const answeredFor = (f: FindingRow, answers: AnswerRow[]) => answers.filter((a) => a.institutionId === f.institutionId && a.requirementRef === f.requirementRef).map((a) => a.id);

