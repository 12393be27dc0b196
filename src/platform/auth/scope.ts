// A scope (policy.ts scopeOf) as the filter of a list query: one fragment, so a list shows exactly the
// records that the single-record check allows.
import { sql, type SQL, type Column } from 'drizzle-orm';
import type { Scope } from './policy.ts';

/** For the query builder: TRUE everywhere, else the owner column in the scope's institutions. */
export function scopeFilter(scope: Scope, owner: Column | SQL): SQL {
  if (scope.all) return sql`TRUE`;
  if (scope.institutions.length === 0) return sql`FALSE`;
  return sql`${owner} = ANY(${`{${scope.institutions.join(',')}}`}::uuid[])`;
}

/** For hand-written SQL built with sqlParams(): the same filter as text with a placeholder. */
export function scopeClause(scope: Scope, ownerColumn: string, p: (v: unknown) => string): string {
  if (scope.all) return 'TRUE';
  if (scope.institutions.length === 0) return 'FALSE';
  return `${ownerColumn} = ANY(${p(scope.institutions)}::uuid[])`;
}
