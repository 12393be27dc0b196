// A closed cycle's assessment results as OSCAL (documents/index.ts).
import { OSCAL_VERSION, VIWANGO_NS, oscalDateTime, stableUuid } from '../rules.ts';
import { type Json, prop, compact, latest, type InstitutionRow, AUTHORITY_PARTY, institutionParty, personParty, ROLES, parties, type EvidenceRow, evidenceResources, type SystemRow, inventoryItems, type FindingRow, finding, risk, findingObservations } from './parts.ts';

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
