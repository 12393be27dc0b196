// Small helpers for the few hand-written SQL statements (search, filtered lists).

/** Collects positional parameters: `p(value)` appends one and returns its placeholder (`$3`). */
export function sqlParams(initial: unknown[] = []) {
  const params: unknown[] = [...initial];
  const p = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  return { params, p };
}

/** Escapes LIKE wildcards so user input matches literally. */
export function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => '\\' + c);
}

/** A LIKE/ILIKE pattern for "contains", with the input taken literally. */
export function containsPattern(s: string): string {
  return `%${escapeLike(s)}%`;
}
