// Who may see and change portfolio records, declared once. A system belongs to its institution:
// that institution's officers and head see and edit it; the authority's reviewers, auditors and
// administrators read every institution's; anyone else gets 404.
import { definePolicy, visibleWith } from '../../platform/auth/access.ts';
import { can, scopeOf, type Scope } from '../../platform/auth/policy.ts';
import type { Actor } from '../../platform/auth/actor.ts';

export interface SystemRecord {
  institutionId: string;
}

/**
 * A system's name, institution, purpose and capabilities are seen by everyone who registers systems
 * anywhere, so officers find what they could reuse; its details (costs, contacts, data, security)
 * only by its institution and the authority.
 */
export const systemPolicy = definePolicy<SystemRecord, 'readDetails' | 'edit' | 'decideOverlap'>({
  owner: (s) => s.institutionId,
  visible: (actor, s) => can(actor, 'portfolio:read', { institutionId: s.institutionId }) || can(actor, 'portfolio:write'),
  actions: {
    readDetails: { permission: 'portfolio:read' },
    // Another institution's officer learns nothing from trying: 404, as for a record they cannot see.
    edit: { permission: 'portfolio:write', hideRefusal: true },
    decideOverlap: { permission: 'portfolio:review' },
  },
});

/** An institution's portfolio as a whole (register a system, import, confirm). */
export const institutionPortfolioPolicy = definePolicy<{ institutionId: string }, 'read' | 'register' | 'confirm'>({
  owner: (r) => r.institutionId,
  visible: visibleWith<{ institutionId: string }>('portfolio:read', (r) => r.institutionId),
  actions: {
    read: { permission: 'portfolio:read' },
    register: { permission: 'portfolio:write' },
    confirm: { permission: 'portfolio:confirm' },
  },
});

/** Whose systems the caller reads: the filter of every portfolio list, matrix, map and export. */
export function readScope(actor: Actor | null): Scope {
  return scopeOf(actor, 'portfolio:read');
}
