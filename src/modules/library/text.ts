// Search text: query terms, vocabulary for typo matching and snippets, on the platform's
// normalisation (platform/text.ts) shared by indexing and querying; search adds prefix and trigram
// matching on top.
import crypto from 'node:crypto';
import { normalise } from '../../platform/text.ts';

export { normalise };

/** Query terms: normalised words, at most eight. */
export function queryTerms(q: string): string[] {
  return [...new Set(normalise(q).split(' ').filter(Boolean))].slice(0, 8);
}

/** Distinct words worth remembering for typo matching (3–30 letters, not pure numbers). */
export function vocabulary(normalised: string): string[] {
  const out = new Set<string>();
  for (const w of normalised.split(' ')) if (w.length >= 3 && w.length <= 30 && !/^[0-9]+$/.test(w)) out.add(w);
  return [...out];
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/**
 * A short extract of `text` around the first matching word, HTML-escaped, with matches in <mark>.
 * A word matches when its normalised form starts with a query term or equals a near (typo) word.
 */
export function snippet(text: string, terms: string[], near: string[], width = 220): string {
  const nearSet = new Set(near);
  // Cheap first-letter check before the full normalisation: most words of a long text fail it.
  const firsts = new Set([...terms, ...near].map((t) => t[0]));
  const matches = (w: string) => {
    const c = w[0].toLowerCase();
    if (c < '\x80' && !firsts.has(c)) return false;
    const n = normalise(w);
    return n !== '' && (nearSet.has(n) || terms.some((t) => n.startsWith(t)));
  };
  let first: RegExpExecArray | undefined;
  for (const m of text.matchAll(/[\p{L}\p{N}]+/gu)) {
    if (matches(m[0])) {
      first = m;
      break;
    }
  }
  const start = first ? Math.max(0, (first.index ?? 0) - Math.floor(width / 3)) : 0;
  let from = start;
  if (start > 0) {
    const space = text.indexOf(' ', start);
    if (space > 0 && space < start + 30) from = space + 1;
  }
  const piece = text.slice(from, from + width);
  let out = '';
  let last = 0;
  for (const m of piece.matchAll(/[\p{L}\p{N}]+/gu)) {
    const i = m.index ?? 0;
    out += escapeHtml(piece.slice(last, i));
    out += matches(m[0]) ? `<mark>${escapeHtml(m[0])}</mark>` : escapeHtml(m[0]);
    last = i + m[0].length;
  }
  out += escapeHtml(piece.slice(last));
  return (from > 0 ? '… ' : '') + out.replace(/\s+/g, ' ').trim() + (from + width < text.length ? ' …' : '');
}

export function shortId(): string {
  return crypto.randomBytes(6).toString('base64url');
}

/** A PostgreSQL array literal, for passing a list as one parameter (Drizzle spreads JS arrays). */
export function pgArray(items: readonly string[]): string {
  return `{${items.map((x) => `"${x.replace(/["\\]/g, (c) => `\\${c}`)}"`).join(',')}}`;
}
