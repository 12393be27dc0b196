// An institution's plan of action and milestones as OSCAL (documents/index.ts).
import { OSCAL_VERSION, stableUuid } from '../rules.ts';
import { type Json, prop, compact, latest, type InstitutionRow, AUTHORITY_PARTY, institutionParty, ROLES, parties, evidenceResource, evidenceResources, type AnswerRow, observation, inventoryItems, systemsOf, type FindingRow, findingUuid, riskUuid, finding, risk, findingObservations, answeredFor } from './parts.ts';

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
