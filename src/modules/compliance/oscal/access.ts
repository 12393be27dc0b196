// Who may do what with OSCAL: read an institution's assessment results and remediation plan (whoever
// reads that institution's compliance), map a requirement to reference controls (the authors of the
// body that issued the requirement's standard) and load reference frameworks (the authority).
import { definePolicy, visibleWith } from '../../../platform/auth/access.ts';
import { can, scopeOf } from '../../../platform/auth/policy.ts';

/** An institution's compliance records as a whole (its part of a cycle's results, its POA&M). */
export const institutionCompliancePolicy = definePolicy<{ institutionId: string }, 'read'>({
  owner: (r) => r.institutionId,
  visible: visibleWith<{ institutionId: string }>('compliance:read', (r) => r.institutionId),
  actions: { read: { permission: 'compliance:read' } },
});

/**
 * A requirement's mappings: requirements of public standards are seen by everyone, those of internal
 * documents by the issuing body's authors and those who read every institution's compliance (as in
 * the catalog export); mapping them is for the issuing body's authors.
 */
export const requirementMappingPolicy = definePolicy<{ issuerId: string; status: string; audience: string }, 'map'>({
  owner: (r) => r.issuerId,
  visible: (actor, r) => r.audience === 'public' || scopeOf(actor, 'compliance:read').all || can(actor, 'compliance:requirements', { institutionId: r.issuerId }),
  actions: { map: { permission: 'compliance:requirements', state: (r) => (r.status === 'retired' ? 'oscal.mapping.retired' : null) } },
});
