// Who may do what in compliance oversight. Each part declares its policies in its own access.ts;
// this file gathers them, so every rule of "who may" in compliance is found from here.
import type { Actor } from '../../platform/auth/actor.ts';
import { scopeOf, type Scope } from '../../platform/auth/policy.ts';

/** Whose assessments, evidence, findings and plans the caller reads: the filter of every list. */
export function readScope(actor: Actor | null): Scope {
  return scopeOf(actor, 'compliance:read');
}
