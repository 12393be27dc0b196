// "What changed": a clause-level redline between two editions. Sections and clauses are matched
// by their stable ids (a new edition copies its predecessor's content, ids included), and the text
// of each matched clause is compared word by word.
import { diffWords } from 'diff';
import type { Section } from './schema.ts';

export interface Part {
  value: string;
  added?: boolean;
  removed?: boolean;
}

export type ChangeKind = 'same' | 'changed' | 'added' | 'removed';

export interface ClauseDiff {
  number: string;
  kind: ChangeKind;
  parts: Part[];
}

export interface SectionDiff {
  number: string;
  kind: ChangeKind;
  heading: Part[];
  clauses: ClauseDiff[];
}

/** A word-by-word comparison of two texts (one part, unmarked, when they are equal). */
export const words = (a: string, b: string): Part[] => (a === b ? [{ value: a }] : diffWords(a, b).map((p) => ({ value: p.value, added: p.added || undefined, removed: p.removed || undefined })));

export function redline(from: Section[], to: Section[], lang: 'sw' | 'en'): SectionDiff[] {
  const h = (s: Section) => (lang === 'sw' ? s.headingSw || s.headingEn : s.headingEn || s.headingSw);
  const c = (x: Section['clauses'][number]) => (lang === 'sw' ? x.textSw || x.textEn : x.textEn || x.textSw);
  const fromById = new Map(from.map((s, i) => [s.id, { s, i }]));
  const used = new Set<string>();
  const out: SectionDiff[] = [];
  to.forEach((s, i) => {
    const match = fromById.get(s.id);
    const number = String(i + 1);
    if (!match) {
      out.push({ number, kind: 'added', heading: [{ value: h(s), added: true }], clauses: s.clauses.map((x, j) => ({ number: `${number}.${j + 1}`, kind: 'added', parts: [{ value: c(x), added: true }] })) });
      return;
    }
    used.add(s.id);
    const oldClauses = new Map(match.s.clauses.map((x) => [x.id, x]));
    const seen = new Set<string>();
    const clauses: ClauseDiff[] = s.clauses.map((x, j) => {
      const old = oldClauses.get(x.id);
      const n = `${number}.${j + 1}`;
      if (!old) return { number: n, kind: 'added', parts: [{ value: c(x), added: true }] };
      seen.add(x.id);
      return { number: n, kind: c(old) === c(x) ? 'same' : 'changed', parts: words(c(old), c(x)) };
    });
    for (const old of match.s.clauses) if (!seen.has(old.id)) clauses.push({ number: '–', kind: 'removed', parts: [{ value: c(old), removed: true }] });
    const headingSame = h(match.s) === h(s);
    const anyChange = !headingSame || clauses.some((x) => x.kind !== 'same');
    out.push({ number, kind: anyChange ? 'changed' : 'same', heading: words(h(match.s), h(s)), clauses });
  });
  for (const s of from) {
    if (used.has(s.id)) continue;
    out.push({ number: '–', kind: 'removed', heading: [{ value: h(s), removed: true }], clauses: s.clauses.map((x) => ({ number: '–', kind: 'removed', parts: [{ value: c(x), removed: true }] })) });
  }
  return out;
}

export function changeCount(d: SectionDiff[]): number {
  return d.reduce((n, s) => n + (s.kind === 'added' || s.kind === 'removed' ? 1 : s.clauses.filter((c) => c.kind !== 'same').length + (s.heading.some((p) => p.added || p.removed) ? 1 : 0)), 0);
}
