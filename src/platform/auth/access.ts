// The one authorization step. For an action on a record it answers: allowed, forbidden (403: the
// caller sees the record but may not do this), invisible (404: the caller may not know it exists),
// or not now (409: the record's state forbids it). Each module declares a policy per kind of record
// once (who sees it, which permission each action needs, which state rule applies), and services,
// the API and the buttons on pages all take their answer from decide(); pages never call can().
import type { MessageKey } from '../../messages.ts';
import { AppError } from '../http/errors.ts';
import { actorInstitutionIds, type Actor } from './actor.ts';
import { can, scopeOf, type Action, type Scope } from './policy.ts';

export interface ActionRule<R> {
  /** The permission of the table (policy.ts) this action needs for the record's institution. */
  permission: Action;
  /** Why the record's current state does not allow the action (409), or null when it does. */
  state?: (record: R) => MessageKey | null;
  /** Answer 404 rather than 403 when the permission is missing: for records whose details are not the caller's to know. */
  hideRefusal?: boolean;
  /** Why this person may not act on this record although the permission allows it (403), e.g. a conflict of interest. */
  refuse?: (actor: Actor | null, record: R) => MessageKey | null;
}

export interface Policy<R, A extends string> {
  /** The institution that owns the record; null when it belongs to none. */
  owner(record: R): string | null;
  /** Whether the caller may know the record exists. */
  visible(actor: Actor | null, record: R): boolean;
  actions: Record<A, ActionRule<R>>;
}

export type Decision = { ok: true } | { ok: false; status: 403 | 404 | 409; key: MessageKey };

export function definePolicy<R, A extends string>(policy: Policy<R, A>): Policy<R, A> {
  return policy;
}

/** Visible to whoever holds `permission` for the record's institution, or to everyone when `open` says so. */
export function visibleWith<R>(permission: Action, owner: (r: R) => string | null, open: (r: R) => boolean = () => false) {
  return (actor: Actor | null, r: R) => open(r) || can(actor, permission, { institutionId: owner(r) });
}

export function decide<R, A extends string>(actor: Actor | null, policy: Policy<R, A>, action: A, record: R): Decision {
  if (!policy.visible(actor, record)) return { ok: false, status: 404, key: 'error.notFound.title' };
  const rule = policy.actions[action];
  if (!can(actor, rule.permission, { institutionId: policy.owner(record) })) {
    return rule.hideRefusal ? { ok: false, status: 404, key: 'error.notFound.title' } : { ok: false, status: 403, key: 'error.forbidden.title' };
  }
  const refusal = rule.refuse?.(actor, record) ?? null;
  if (refusal) return { ok: false, status: 403, key: refusal };
  const problem = rule.state?.(record) ?? null;
  return problem ? { ok: false, status: 409, key: problem } : { ok: true };
}

/** decide(), throwing its refusal as the matching AppError. */
export function authorize<R, A extends string>(actor: Actor | null, policy: Policy<R, A>, action: A, record: R): void {
  const d = decide(actor, policy, action, record);
  if (!d.ok) throw new AppError(d.status, d.key);
}

/** 404 unless the caller may see the record. */
export function requireVisible<R>(actor: Actor | null, policy: Policy<R, string>, record: R | undefined | null): R {
  if (!record || !policy.visible(actor, record)) throw new AppError(404, 'error.notFound.title');
  return record;
}

/** Which actions the caller may take on the record now: what pages use to show or hide buttons. */
export function permitted<R, A extends string>(actor: Actor | null, policy: Policy<R, A>, record: R): Record<A, boolean> {
  const out = {} as Record<A, boolean>;
  for (const a of Object.keys(policy.actions) as A[]) out[a] = decide(actor, policy, a, record).ok;
  return out;
}

/** Whether the caller may do `action` anywhere at all: for links and "new" buttons with no record yet. */
export function mayAtAll(actor: Actor | null, action: Action): boolean {
  return can(actor, action);
}

export { scopeOf, type Scope };

/** For creating a record for an institution (nothing to hide yet): 403 unless the caller may. */
export function authorizeFor(actor: Actor | null, permission: Action, institutionId: string | null): void {
  if (!can(actor, permission, { institutionId })) throw new AppError(403, 'error.forbidden.title');
}

/**
 * Whether the person acts for this institution through any grant (officer, head, author, approver).
 * The authority's reviewers may not review, decide on or score their own institution's records.
 */
export function actsFor(actor: Actor | null, institutionId: string | null): boolean {
  return !!institutionId && actorInstitutionIds(actor).includes(institutionId);
}
