// Who is acting. Built from a session cookie, an API token, or the CLI; the policy layer reads only this.
export const ROLES = [
  'institution_officer',
  'institution_head',
  'issuer_author',
  'issuer_approver',
  'authority_reviewer',
  'auditor',
  'admin',
] as const;
export type Role = (typeof ROLES)[number];

/** Roles that act for one institution (or issuing body) and so need one named with the grant. */
export const SCOPED_ROLES: ReadonlySet<Role> = new Set(['institution_officer', 'institution_head', 'issuer_author', 'issuer_approver']);
/** Roles whose holders must sign in with a second factor. */
export const TWO_FACTOR_ROLES: ReadonlySet<Role> = new Set(['authority_reviewer', 'issuer_approver', 'admin']);

export interface RoleGrant {
  role: Role;
  institutionId: string | null;
  institutionAcronym: string | null;
}

export interface Actor {
  userId: string;
  name: string;
  email: string;
  lang: 'sw' | 'en';
  roles: RoleGrant[];
  via: 'web' | 'api' | 'cli';
  sessionId?: string;
  tokenId?: string;
  /** API tokens are read-only unless created with the write scope. */
  tokenScope?: 'read' | 'write';
  /** The institution a service token acts for; personal tokens leave it unset. */
  serviceInstitutionId?: string;
}

/** Institutions this actor acts for through any scoped role. */
export function actorInstitutionIds(actor: Actor | null): string[] {
  if (!actor) return [];
  return [...new Set(actor.roles.map((g) => g.institutionId).filter((id): id is string => !!id))];
}

export function hasRole(actor: Actor | null, role: Role): boolean {
  return !!actor?.roles.some((g) => g.role === role);
}
