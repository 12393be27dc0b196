// Who may see and change portfolio records, declared once. A system belongs to its institution:
// that institution's officers and head see and edit it; the authority's reviewers, auditors and
// administrators read every institution's; anyone else gets 404.
import { decide, definePolicy, visibleWith, type Decision } from '../../platform/auth/access.ts';
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

/** An integration in the shape its rule takes: its two systems. */
export interface IntegrationRecord {
  provider: SystemRecord;
  consumer: SystemRecord;
}

/**
 * An integration joins two systems, often of two institutions. What it exchanges, on what legal
 * basis, and its agreement file are a detail of both: known to whoever may read the details of
 * either side (the rule queries.ts applies to every list of integrations), changed by whoever may
 * edit either side. Anyone else learns nothing: 404.
 */
export function decideIntegration(actor: Actor | null, action: 'readDetails' | 'edit', g: IntegrationRecord): Decision {
  const sides = [g.provider, g.consumer];
  if (!sides.some((s) => decide(actor, systemPolicy, 'readDetails', s).ok)) return { ok: false, status: 404, key: 'error.notFound.title' };
  if (action === 'readDetails' || sides.some((s) => decide(actor, systemPolicy, 'edit', s).ok)) return { ok: true };
  return { ok: false, status: 403, key: 'error.forbidden.title' };
}

/** The side of an integration the caller acts for (the first they may edit): the audit entry's institution. */
export function editableSide<S extends SystemRecord>(actor: Actor | null, sides: S[]): S | undefined {
  return sides.find((s) => decide(actor, systemPolicy, 'edit', s).ok);
}

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
