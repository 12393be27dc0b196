// Who may do what with OSCAL: read an institution's assessment results and remediation plan (whoever
// reads that institution's compliance), map a requirement to reference controls (the authors of the
// body that issued the requirement's standard) and load reference frameworks (the authority).
import { definePolicy, visibleWith } from '../../../platform/auth/access.ts';

/** An institution's compliance records as a whole (its part of a cycle's results, its POA&M). */
export const institutionCompliancePolicy = definePolicy<{ institutionId: string }, 'read'>({
  owner: (r) => r.institutionId,
  visible: visibleWith<{ institutionId: string }>('compliance:read', (r) => r.institutionId),
  actions: { read: { permission: 'compliance:read' } },
});

/** A requirement's mappings: requirements are public; mapping them is for the issuing body's authors. */
export const requirementMappingPolicy = definePolicy<{ issuerId: string; status: string }, 'map'>({
  owner: (r) => r.issuerId,
  visible: () => true,
  actions: { map: { permission: 'compliance:requirements', state: (r) => (r.status === 'retired' ? 'oscal.mapping.retired' : null) } },
});
