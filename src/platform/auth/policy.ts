// The one authorization layer: can(actor, action, resource). Pages, API and CLI all call it, and
// every route names the action it needs (see platform/http/guard.ts). This file is the single
// source of who may do what; the route × role matrix test reads it.
import type { Actor, Role } from './actor.ts';

/** `any`: the grant applies everywhere. `own`: only to resources of the grant's institution. */
type Scope = 'any' | 'own';
interface Rule {
  role: Role | 'signed_in' | 'anyone';
  scope?: Scope;
}
interface ActionDef {
  write: boolean;
  rules: Rule[];
}

const anyone: Rule[] = [{ role: 'anyone' }];
const signedIn: Rule[] = [{ role: 'signed_in' }];
const admin: Rule = { role: 'admin', scope: 'any' };

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
    rules: [
      { role: 'issuer_author', scope: 'own' },
      { role: 'issuer_approver', scope: 'own' },
      { role: 'institution_officer', scope: 'own' },
      { role: 'institution_head', scope: 'own' },
      { role: 'authority_reviewer', scope: 'any' },
      { role: 'auditor', scope: 'any' },
    ],
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
    rules: [
      { role: 'issuer_author', scope: 'own' },
      { role: 'issuer_approver', scope: 'own' },
      { role: 'institution_officer', scope: 'own' },
      { role: 'institution_head', scope: 'own' },
      { role: 'authority_reviewer', scope: 'any' },
    ],
  },
  'library:subscribe': { write: true, rules: anyone },
} satisfies Record<string, ActionDef>;

export type Action = keyof typeof ACTIONS;

export interface Resource {
  /** The institution that owns the resource; undefined for resources that belong to no institution. */
  institutionId?: string | null;
}

export function isWriteAction(action: Action): boolean {
  return ACTIONS[action].write;
}

export function can(actor: Actor | null, action: Action, resource?: Resource): boolean {
  const def: ActionDef = ACTIONS[action];
  if (actor?.tokenScope === 'read' && def.write) return false;
  for (const rule of def.rules) {
    if (rule.role === 'anyone') return true;
    if (!actor) continue;
    if (rule.role === 'signed_in') return true;
    for (const grant of actor.roles) {
      if (grant.role !== rule.role) continue;
      if (actor.serviceInstitutionId && grant.institutionId !== actor.serviceInstitutionId) continue;
      if (rule.scope !== 'own') return true;
      // Without a resource, "own" asks whether the actor may do this for some institution at all.
      if (!resource || resource.institutionId === undefined) return true;
      if (resource.institutionId !== null && grant.institutionId === resource.institutionId) return true;
    }
  }
  return false;
}

/** Institutions for which the actor may do `action` ('all' when unrestricted). Used to filter lists. */
export function institutionsFor(actor: Actor | null, action: Action): 'all' | string[] {
  const def: ActionDef = ACTIONS[action];
  if (actor?.tokenScope === 'read' && def.write) return [];
  const ids = new Set<string>();
  for (const rule of def.rules) {
    if (rule.role === 'anyone') return 'all';
    if (!actor) continue;
    if (rule.role === 'signed_in') return 'all';
    for (const g of actor.roles) {
      if (g.role !== rule.role) continue;
      if (rule.scope !== 'own') return 'all';
      if (g.institutionId) ids.add(g.institutionId);
    }
  }
  return [...ids];
}
