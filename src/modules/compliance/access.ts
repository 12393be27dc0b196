// Who may do what in compliance oversight. Each part declares its policies in its own access.ts;
// this file gathers them, so every rule of "who may" in compliance is found from here.
import { actorInstitutionIds, type Actor } from '../../platform/auth/actor.ts';
import { can, scopeOf, type Scope } from '../../platform/auth/policy.ts';

/** Whose assessments, evidence, findings and plans the caller reads: the filter of every list. */
export function readScope(actor: Actor | null): Scope {
  return scopeOf(actor, 'compliance:read');
}

/**
 * The institutions the caller acts for and reads the compliance of: what "addressed to me" and "my
 * status" mean for a directive. A service token narrows it to the token's institution, as it narrows
 * every list (a person with grants in two institutions reaches only the token's through it).
 */
export function ownInstitutions(actor: Actor | null): string[] {
  return actorInstitutionIds(actor).filter((id) => can(actor, 'compliance:read', { institutionId: id }));
}
