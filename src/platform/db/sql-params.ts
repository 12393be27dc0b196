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

/**
 * A search box's condition: any of `columns` contains the text (ILIKE, the text taken literally),
 * or '' when the box is empty, for whereOf() to leave out.
 */
export function containsAny(p: (v: unknown) => string, text: string | undefined, columns: string[]): string {
  const q = text?.trim();
  if (!q) return '';
  const pat = p(containsPattern(q));
  return `(${columns.map((c) => `${c} ILIKE ${pat}`).join(' OR ')})`;
}

/** `WHERE a AND b` of the conditions given (empty ones left out), or '' when there are none. */
export function whereOf(conditions: string[]): string {
  const kept = conditions.filter(Boolean);
  return kept.length ? `WHERE ${kept.join(' AND ')}` : '';
}
