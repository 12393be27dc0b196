// The one authorization layer: can(actor, action, resource). Pages, API and CLI all call it, and
// every route names the action it needs (see platform/http/guard.ts). This file is the single
// source of who may do what; the route × role matrix test reads it.
import type { Actor, Role } from './actor.ts';

/** `any`: the grant applies everywhere. `own`: only to resources of the grant's institution. */
type RuleScope = 'any' | 'own';
interface Rule {
  role: Role | 'signed_in' | 'anyone';
  scope?: RuleScope;
}
interface ActionDef {
  write: boolean;
  rules: Rule[];
}

const anyone: Rule[] = [{ role: 'anyone' }];
const signedIn: Rule[] = [{ role: 'signed_in' }];
const admin: Rule = { role: 'admin', scope: 'any' };
/** An institution's own officers and head. */
const institutionStaff: Rule[] = [
  { role: 'institution_officer', scope: 'own' },
  { role: 'institution_head', scope: 'own' },
];
/** An institution's own staff, and across institutions the authority's reviewers, auditors and administrators. */
const institutionReaders: Rule[] = [...institutionStaff, { role: 'authority_reviewer', scope: 'any' }, { role: 'auditor', scope: 'any' }, admin];

/** Those who work on documents: an issuing body's authors and approvers, an institution's staff, and the authority's reviewers. */
const libraryPeople: Rule[] = [
  { role: 'issuer_author', scope: 'own' },
  { role: 'issuer_approver', scope: 'own' },
  ...institutionStaff,
  { role: 'authority_reviewer', scope: 'any' },
];

export const ACTIONS = {
  'site:read': { write: false, rules: anyone },
  /** Sign-in, second factor, password reset and invitation pages: open to everyone. */
  'auth:signIn': { write: false, rules: anyone },
  'account:manage': { write: true, rules: signedIn },
  'account:read': { write: false, rules: signedIn },
  'tokens:personal': { write: true, rules: signedIn },
  'tokens:service': { write: true, rules: [admin, { role: 'institution_head', scope: 'own' }] },
  'users:read': { write: false, rules: [admin] },
  'users:manage': { write: true, rules: [admin] },
  'institutions:read': { write: false, rules: [admin, { role: 'auditor', scope: 'any' }, { role: 'authority_reviewer', scope: 'any' }] },
  'institutions:manage': { write: true, rules: [admin] },
  'audit:read': {
    write: false,
    rules: [admin, { role: 'auditor', scope: 'any' }, { role: 'institution_head', scope: 'own' }],
  },
  /** Signed checkpoints of the whole chain: no institution scope, so no heads of institution. */
  'audit:checkpoints': { write: false, rules: [admin, { role: 'auditor', scope: 'any' }] },
  'outbox:read': { write: false, rules: [admin] },
  /** Background jobs of everyone (a job's creator may always follow their own job's progress). */
  'jobs:read': { write: false, rules: [admin] },
  'jobs:manage': { write: true, rules: [admin] },
  /** The administration start page: anyone who may read at least one of people, institutions or the audit trail. */
  'admin:home': {
    write: false,
    rules: [admin, { role: 'auditor', scope: 'any' }, { role: 'authority_reviewer', scope: 'any' }, { role: 'institution_head', scope: 'own' }],
  },
  // Library
  'library:read': { write: false, rules: anyone },
  /** Drafts and internal documents of an institution or issuing body. */
  'library:readInternal': {
    write: false,
    rules: [...libraryPeople, { role: 'auditor', scope: 'any' }],
  },
  'library:author': {
    write: true,
    rules: [
      { role: 'issuer_author', scope: 'own' },
      { role: 'institution_officer', scope: 'own' },
    ],
  },
  'library:approve': {
    write: true,
    rules: [
      { role: 'issuer_approver', scope: 'own' },
      { role: 'institution_head', scope: 'own' },
    ],
  },
  'library:comment': {
    write: true,
    rules: libraryPeople,
  },
  'library:subscribe': { write: true, rules: anyone },
  // Government ICT portfolio
  /** The public catalogues: e-services and shared government systems. */
  'portfolio:public': { write: false, rules: anyone },
  /** An institution's systems, integrations and the national views of them. */
  'portfolio:read': { write: false, rules: institutionReaders },
  /** Register and edit an institution's systems, e-services and integrations (also by import). */
  'portfolio:write': { write: true, rules: institutionStaff },
  /** The head of institution confirms once a year that the portfolio is complete and correct. */
  'portfolio:confirm': { write: true, rules: [{ role: 'institution_head', scope: 'own' }] },
  /** Decide whether overlapping systems are duplicates, and recompute the overlaps. */
  'portfolio:review': { write: true, rules: [{ role: 'authority_reviewer', scope: 'any' }] },
  // Compliance oversight
  /** Published summaries of institutions' compliance, and the requirements taken from public standards. */
  'compliance:public': { write: false, rules: anyone },
  /** An institution's assessments, evidence, findings, plans and directives, and the national dashboards. */
  'compliance:read': { write: false, rules: institutionReaders },
  /** Answer the self-assessment, add evidence, assign questions to colleagues. */
  'compliance:answer': { write: true, rules: institutionStaff },
  /** Sign off the institution's assessment: only the head of institution. */
  'compliance:signOff': { write: true, rules: [{ role: 'institution_head', scope: 'own' }] },
  /** Challenge findings, keep remediation plans and report on directives. */
  'compliance:remediate': { write: true, rules: institutionStaff },
  /** Confirm requirements proposed from the issuing body's standards, apply revisions, map them to reference frameworks. */
  'compliance:requirements': { write: true, rules: [{ role: 'issuer_author', scope: 'own' }] },
  /** Open and close cycles, choose samples, issue directives, publish summaries, load reference frameworks. */
  'compliance:manage': { write: true, rules: [{ role: 'authority_reviewer', scope: 'any' }] },
  /** Review answers, re-score on site, raise findings, decide challenges, close remediation. */
  'compliance:review': { write: true, rules: [{ role: 'authority_reviewer', scope: 'any' }] },
  // Reviews of ICT project proposals and institutional ICT documents
  /** An institution's proposals and document reviews, the pipeline and the decisions. */
  'reviews:read': { write: false, rules: institutionReaders },
  /** Prepare a proposal or a document for review, answer deficiencies and clarifications, report conditions met. */
  'reviews:prepare': { write: true, rules: institutionStaff },
  /** Submit a proposal or document to the authority: only the head of institution. */
  'reviews:submit': { write: true, rules: [{ role: 'institution_head', scope: 'own' }] },
  /** Rate the checklist, raise deficiencies, decide, close conditions. */
  'reviews:review': { write: true, rules: [{ role: 'authority_reviewer', scope: 'any' }] },
  /** Assign cases, keep the checklist's criteria and weights and the public holiday table. */
  'reviews:manage': { write: true, rules: [{ role: 'authority_reviewer', scope: 'any' }, admin] },
} satisfies Record<string, ActionDef>;

export type Action = keyof typeof ACTIONS;

export interface Resource {
  /** The institution that owns the resource; undefined for resources that belong to no institution. */
  institutionId?: string | null;
}

export function isWriteAction(action: Action): boolean {
  return ACTIONS[action].write;
}

/**
 * Where the actor may do `action`: everywhere, or in these institutions only. This is the one answer
 * to "may this person do this": can() asks it for one record, list queries turn it into their filter
 * (platform/auth/scope.ts), so a record and the lists that show it never disagree. A service token
 * narrows every grant to the token's institution.
 */
export type Scope = { all: true } | { all: false; institutions: string[] };
const EVERYWHERE: Scope = { all: true };

export function scopeOf(actor: Actor | null, action: Action): Scope {
  const def: ActionDef = ACTIONS[action];
  if (actor?.tokenScope === 'read' && def.write) return { all: false, institutions: [] };
  const ids = new Set<string>();
  for (const rule of def.rules) {
    if (rule.role === 'anyone') return EVERYWHERE;
    if (!actor) continue;
    if (rule.role === 'signed_in') return EVERYWHERE;
    for (const grant of actor.roles) {
      if (grant.role !== rule.role) continue;
      if (actor.serviceInstitutionId && grant.institutionId !== actor.serviceInstitutionId) continue;
      if (rule.scope !== 'own') return EVERYWHERE;
      if (grant.institutionId) ids.add(grant.institutionId);
    }
  }
  return { all: false, institutions: [...ids] };
}

/** Whether the scope reaches a resource of this institution (undefined: "anywhere at all?"). */
export function scopeIncludes(scope: Scope, institutionId: string | null | undefined): boolean {
  if (scope.all) return true;
  if (institutionId === undefined) return scope.institutions.length > 0;
  return institutionId !== null && scope.institutions.includes(institutionId);
}

export function can(actor: Actor | null, action: Action, resource?: Resource): boolean {
  return scopeIncludes(scopeOf(actor, action), resource?.institutionId);
}
