// Who may see and change requirements and their revisions, declared once.
// A requirement is as public as the document it comes from: those of public standards are read by
// everyone, those of internal documents by whoever reads the issuer's internal records. Revisions
// belong to the document's issuing body: its authors (compliance:requirements) see and decide them;
// the authority's reviewers, auditors and administrators read them. Anyone else gets 404.
import type { Actor } from '../../../platform/auth/actor.ts';
import { definePolicy } from '../../../platform/auth/access.ts';
import { can, scopeOf, type Scope } from '../../../platform/auth/policy.ts';
import { readsInternal } from '../../library/index.ts';
import { readScope } from '../access.ts';
import type { MessageKey } from '../../../messages.ts';

export interface RequirementRecord {
  issuerId: string;
  audience: 'public' | 'internal';
}

export const requirementPolicy = definePolicy<RequirementRecord, 'read'>({
  owner: (r) => r.issuerId,
  visible: (actor, r) => r.audience === 'public' || readsInternal(actor, r.issuerId),
  actions: { read: { permission: 'compliance:public' } },
});

export interface RevisionRecord {
  issuerId: string;
  status: 'open' | 'applied' | 'dismissed';
}

const stillOpen = (r: RevisionRecord): MessageKey | null => (r.status === 'open' ? null : 'compliance.req.error.notOpen');

/** Whether the caller may see revisions of this issuing body. */
export function seesRevisions(actor: Actor | null, issuerId: string): boolean {
  return can(actor, 'compliance:requirements', { institutionId: issuerId }) || readScope(actor).all;
}

export const revisionPolicy = definePolicy<RevisionRecord, 'decide' | 'apply'>({
  owner: (r) => r.issuerId,
  visible: (actor, r) => seesRevisions(actor, r.issuerId),
  actions: {
    decide: { permission: 'compliance:requirements', state: stillOpen },
    apply: { permission: 'compliance:requirements', state: stillOpen },
  },
});

/** Proposing requirements from an in-force edition: the document's issuing body's authors. */
export const proposePolicy = definePolicy<{ issuerId: string; audience: 'public' | 'internal' }, 'propose'>({
  owner: (r) => r.issuerId,
  visible: (actor, r) => r.audience === 'public' || readsInternal(actor, r.issuerId),
  actions: { propose: { permission: 'compliance:requirements' } },
});

/** The issuing bodies whose revisions the caller sees (every one for the authority's readers). */
export function revisionScope(actor: Actor | null): Scope {
  if (readScope(actor).all) return { all: true };
  return scopeOf(actor, 'compliance:requirements');
}
