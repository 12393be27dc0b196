// Who may see scores, close cycles and publish summaries, declared once for pages, API and commands.
import { actsFor, definePolicy, visibleWith } from '../../../platform/auth/access.ts';
import { can } from '../../../platform/auth/policy.ts';
import { closeRefusal, publishRefusal } from './rules.ts';

/** A cycle as a whole: anyone who reads compliance anywhere knows it exists; the authority closes it. */
export const cycleScoresPolicy = definePolicy<{ status: string }, 'close' | 'recompute'>({
  owner: () => null,
  visible: (actor) => can(actor, 'compliance:read'),
  actions: {
    close: { permission: 'compliance:manage', state: (c) => closeRefusal(c.status) },
    recompute: { permission: 'compliance:manage' },
  },
});

/**
 * One institution's scores in one cycle: its own staff and the authority read them; the authority
 * publishes the summary once the cycle is closed — never a reviewer for an institution they work for.
 */
export const institutionScoresPolicy = definePolicy<{ institutionId: string; cycleStatus: string }, 'read' | 'publish'>({
  owner: (r) => r.institutionId,
  visible: visibleWith('compliance:read', (r: { institutionId: string }) => r.institutionId),
  actions: {
    read: { permission: 'compliance:read' },
    publish: {
      permission: 'compliance:manage',
      state: (r) => publishRefusal(r.cycleStatus),
      refuse: (actor, r) => (actsFor(actor, r.institutionId) ? 'compliance.refused.ownInstitution' : null),
    },
  },
});
