// The compliance module's audit events: requirements and their revisions, cycles and assessments,
// oversight (review, sample, verification, directives, findings and plans), scores and OSCAL.
import { defineAuditEvents, event } from '../../platform/audit-events.ts';

type Change = [string, string];
type CycleDetails = { cycle: string; institution: string };
type Candidate = { ref: string; change: string };
type ResetAnswer = { answer: string; result: string | null };
type Plan = { status: Change; reason?: string };
type Mapping = { ref: string; framework: string; control: string; relation: string };
type AnswerReview = { assessment: string; status: Change; comment?: string };

export const complianceAuditEvents = defineAuditEvents({ module: 'compliance', en: 'Compliance', sw: 'Uzingatiaji' }, {
  // Requirements and revisions
  'compliance.revision.propose': event<{ code: string; version: string; added: number; changed: number; unchanged: number; removed: number }>({ entity: 'compliance_revision', en: 'Requirement revision proposed', sw: 'Marekebisho ya matakwa yamependekezwa' }),
  'compliance.candidate.confirm': event<Candidate & { obligation: string | null; appliesTo: unknown }>({ entity: 'compliance_candidate', en: 'Proposed requirement confirmed', sw: 'Takwa lililopendekezwa limethibitishwa' }),
  'compliance.candidate.reject': event<Candidate & { reason?: string | null }>({ entity: 'compliance_candidate', en: 'Proposed requirement rejected', sw: 'Takwa lililopendekezwa limekataliwa' }),
  'compliance.candidate.confirmUnchanged': event<{ code: string; confirmed: number }>({ entity: 'compliance_revision', en: 'Unchanged requirements confirmed', sw: 'Matakwa yasiyobadilika yamethibitishwa' }),
  'compliance.revision.apply': event<Record<string, unknown> & { code: string; institutions: string[]; resetAnswers: ResetAnswer[] }>({ entity: 'compliance_revision', en: 'Requirement revision applied', sw: 'Marekebisho ya matakwa yametekelezwa' }),
  // Cycles and assessments
  'compliance.cycle.create': event<{ code: string; scope: unknown; requirements: number }>({ entity: 'compliance_cycle', en: 'Assessment cycle created', sw: 'Mzunguko wa tathmini umeundwa' }),
  'compliance.cycle.open': event<{ code: string; job: number }>({ entity: 'compliance_cycle', en: 'Cycle opening requested', sw: 'Ufunguzi wa mzunguko umeombwa' }),
  'compliance.cycle.opened': event<{ code: string; requirements: number; assessments: number; answers: number }>({ entity: 'compliance_cycle', en: 'Cycle opened', sw: 'Mzunguko umefunguliwa' }),
  'compliance.cycle.close': event<{ code: string; from: string; to: string; assessments: number }>({ entity: 'compliance_cycle', en: 'Cycle closed', sw: 'Mzunguko umefungwa' }),
  'compliance.evidence.add': event<{ title: string; kind: string; sha256: string | null }>({ entity: 'compliance_evidence', en: 'Evidence added', sw: 'Ushahidi umeongezwa' }),
  'compliance.answer.save': event<{ assessment: string; result: string | null; carried: boolean; evidence: number | undefined }>({ entity: 'compliance_answer', en: 'Answer saved', sw: 'Jibu limehifadhiwa' }),
  'compliance.answer.attach': event<{ evidence: string[] }>({ entity: 'compliance_answer', en: 'Evidence attached to an answer', sw: 'Ushahidi umeambatishwa kwenye jibu' }),
  'compliance.answer.detach': event<{ evidence: string }>({ entity: 'compliance_answer', en: 'Evidence detached from an answer', sw: 'Ushahidi umeondolewa kwenye jibu' }),
  'compliance.answer.assign': event<{ assignee: string | null }>({ entity: 'compliance_answer', en: 'Question assigned', sw: 'Swali limekabidhiwa' }),
  'compliance.answer.import': event<{ rows: number; applied: number }>({ entity: 'compliance_assessment', en: 'Answers imported from a spreadsheet', sw: 'Majibu yameingizwa kutoka lahajedwali' }),
  'compliance.assessment.signOff': event<{ attestation: string; sha256: string; answers: number }>({ entity: 'compliance_assessment', en: 'Assessment signed off', sw: 'Tathmini imeidhinishwa' }),
  // Oversight
  'compliance.answer.accept': event<AnswerReview>({ entity: 'compliance_answer', en: 'Answer accepted', sw: 'Jibu limekubaliwa' }),
  'compliance.answer.return': event<AnswerReview>({ entity: 'compliance_answer', en: 'Answer returned', sw: 'Jibu limerudishwa' }),
  'compliance.answer.verify': event<{ selfAssessed: string | null; verified: string }>({ entity: 'compliance_answer', en: 'Answer verified', sw: 'Jibu limehakikiwa' }),
  'compliance.sample.choose': event<{ seed: string | null; size: number; institutions: string[] }>({ entity: 'compliance_cycle', en: 'Verification sample drawn', sw: 'Sampuli ya uhakiki imechaguliwa' }),
  'compliance.directive.issue': event<{ code: string; deadline: string; targets: number }>({ entity: 'compliance_directive', en: 'Directive issued', sw: 'Agizo limetolewa' }),
  'compliance.directive.withdraw': event<{ code: string }>({ entity: 'compliance_directive', en: 'Directive withdrawn', sw: 'Agizo limeondolewa' }),
  'compliance.directive.report': event<{ status: Change; evidence: number | undefined }>({ entity: 'compliance_directive', en: 'Directive progress reported', sw: 'Maendeleo ya agizo yameripotiwa' }),
  'compliance.directive.remind': event<{ step: number }>({ entity: 'compliance_directive', en: 'Directive reminder sent', sw: 'Kikumbusho cha agizo kimetumwa' }),
  'compliance.finding.raise': event<{ answer: string; severity: string; dueOn: string | null }>({ entity: 'compliance_finding', en: 'Finding raised', sw: 'Dosari imeibuliwa' }),
  'compliance.finding.challenge': event<{ challenge: string }>({ entity: 'compliance_finding', en: 'Finding challenged', sw: 'Dosari imepingwa' }),
  'compliance.finding.uphold': event<{ reason: string | undefined }>({ entity: 'compliance_finding', en: 'Finding upheld', sw: 'Dosari imethibitishwa' }),
  'compliance.finding.withdraw': event<{ reason: string | undefined }>({ entity: 'compliance_finding', en: 'Finding withdrawn', sw: 'Dosari imeondolewa' }),
  'compliance.finding.escalate': event<{ step: number; due: string; recipients: number }>({ entity: 'compliance_finding', en: 'Overdue finding escalated', sw: 'Dosari iliyochelewa imepandishwa' }),
  'compliance.poam.create': event<{ finding: string; fields: string[] }>({ entity: 'compliance_poam', en: 'Corrective plan written', sw: 'Mpango wa marekebisho umeandikwa' }),
  'compliance.poam.update': event<{ finding: string; fields: string[] }>({ entity: 'compliance_poam', en: 'Corrective plan changed', sw: 'Mpango wa marekebisho umebadilishwa' }),
  'compliance.poam.submit': event<Plan>({ entity: 'compliance_poam', en: 'Corrective plan submitted', sw: 'Mpango wa marekebisho umewasilishwa' }),
  'compliance.poam.complete': event<Plan>({ entity: 'compliance_poam', en: 'Corrective plan completed', sw: 'Mpango wa marekebisho umekamilika' }),
  'compliance.poam.close': event<Plan>({ entity: 'compliance_poam', en: 'Corrective plan closed', sw: 'Mpango wa marekebisho umefungwa' }),
  'compliance.poam.sendback': event<Plan>({ entity: 'compliance_poam', en: 'Corrective plan sent back', sw: 'Mpango wa marekebisho umerudishwa' }),
  'compliance.poam.evidence': event<{ evidence: string; milestone?: number }>({ entity: 'compliance_poam', en: 'Evidence added to a plan', sw: 'Ushahidi umeongezwa kwenye mpango' }),
  // Scores
  'compliance.scores.recompute': event({ entity: 'job', en: 'Scores recomputation requested', sw: 'Ukokotoaji upya wa alama umeombwa' }),
  'compliance.summary.publish': event<CycleDetails>({ entity: 'compliance_cycle', en: 'Score summary published', sw: 'Muhtasari wa alama umechapishwa' }),
  'compliance.summary.unpublish': event<CycleDetails>({ entity: 'compliance_cycle', en: 'Score summary withdrawn', sw: 'Muhtasari wa alama umeondolewa' }),
  // OSCAL
  'compliance.oscal.import': event<{ code: string; title: string; version: string; oscalUuid: string; groups: number; controls: number; created: boolean; file: string | null; sha256: string }>({ entity: 'compliance_framework', en: 'Control catalogue imported', sw: 'Katalogi ya udhibiti imeingizwa' }),
  'compliance.oscal.import.request': event<{ title: string; oscalUuid: string; groups: number; controls: number; file: string; sha256: string }>({ entity: 'job', en: 'Control catalogue import requested', sw: 'Uingizaji wa katalogi ya udhibiti umeombwa' }),
  'compliance.mapping.add': event<Mapping>({ entity: 'compliance_requirement', en: 'Requirement mapped to a control', sw: 'Takwa limeunganishwa na udhibiti' }),
  'compliance.mapping.change': event<Mapping & { before: string }>({ entity: 'compliance_requirement', en: 'Requirement mapping changed', sw: 'Muunganisho wa takwa umebadilishwa' }),
  'compliance.mapping.remove': event<Mapping>({ entity: 'compliance_requirement', en: 'Requirement mapping removed', sw: 'Muunganisho wa takwa umeondolewa' }),
});
export const audit = complianceAuditEvents.audit;
