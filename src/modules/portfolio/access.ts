// Who may see and change portfolio records, declared once. A system belongs to its institution:
// that institution's officers and head see and edit it; the authority's reviewers, auditors and
// administrators read every institution's; anyone else gets 404.
import { definePolicy, visibleWith } from '../../platform/auth/access.ts';
import { scopeOf, type Scope } from '../../platform/auth/policy.ts';
import type { Actor } from '../../platform/auth/actor.ts';

export interface SystemRecord {
  institutionId: string;
}

export const systemPolicy = definePolicy<SystemRecord, 'read' | 'edit' | 'decideOverlap'>({
  owner: (s) => s.institutionId,
  visible: visibleWith<SystemRecord>('portfolio:read', (s) => s.institutionId),
  actions: {
    read: { permission: 'portfolio:read' },
    edit: { permission: 'portfolio:write' },
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
