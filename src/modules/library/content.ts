// Edition content: numbered sections of numbered clauses, in Kiswahili and/or English.
// Numbers follow the order (section 2, clause 2.3), so they are computed, never stored.
import type { Section } from './schema.ts';
import { shortId } from './text.ts';

export const MAX_SECTIONS = 200;
export const MAX_CLAUSES = 400;
export const MAX_TEXT = 20_000;

export function emptySection(): Section {
  return { id: shortId(), headingSw: '', headingEn: '', clauses: [{ id: shortId(), textSw: '', textEn: '' }] };
}

/** Languages the content is written in. */
export function contentLangs(content: Section[]): ('sw' | 'en')[] {
  const has = (k: 'Sw' | 'En') =>
    content.some((s) => s[`heading${k}`].trim() || s.clauses.some((c) => c[`text${k}`].trim()));
  const out: ('sw' | 'en')[] = [];
  if (has('Sw')) out.push('sw');
  if (has('En')) out.push('en');
  return out;
}

/** All the text of the content in both languages, for search. */
export function contentText(content: Section[]): string {
  const parts: string[] = [];
  content.forEach((s, i) => {
    parts.push(`${i + 1}. ${s.headingSw}`, `${i + 1}. ${s.headingEn}`);
    s.clauses.forEach((c, j) => parts.push(`${i + 1}.${j + 1} ${c.textSw}`, `${i + 1}.${j + 1} ${c.textEn}`));
  });
  return parts.filter((p) => /\p{L}/u.test(p)).join('\n');
}

/** Cleans content from any source: trims, caps sizes, gives every part an id, drops empty clauses of non-empty sections. */
export function cleanContent(input: unknown): Section[] {
  if (!Array.isArray(input)) return [];
  const str = (v: unknown) => (typeof v === 'string' ? v.replace(/\r\n/g, '\n').trim().slice(0, MAX_TEXT) : '');
  const id = (v: unknown) => (typeof v === 'string' && /^[A-Za-z0-9_-]{4,24}$/.test(v) ? v : shortId());
  return input.slice(0, MAX_SECTIONS).map((s: Record<string, unknown>) => {
    const clauses = (Array.isArray(s?.clauses) ? s.clauses : [])
      .slice(0, MAX_CLAUSES)
      .map((c: Record<string, unknown>) => ({ id: id(c?.id), textSw: str(c?.textSw), textEn: str(c?.textEn) }));
    return { id: id(s?.id), headingSw: str(s?.headingSw), headingEn: str(s?.headingEn), clauses };
  });
}

/** The form of the sectioned editor uses flat field names: s0_hsw, s0_hen, s0_id, s0_c1_sw, s0_c1_en, s0_c1_id. */
export function contentFromForm(body: Record<string, unknown>): Section[] {
  const sections: Record<string, unknown>[] = [];
  for (const [key, value] of Object.entries(body)) {
    const m = key.match(/^s(\d{1,3})_(?:(hsw|hen|id)|c(\d{1,3})_(sw|en|id))$/);
    if (!m) continue;
    const si = Number(m[1]);
    const s = (sections[si] ??= { clauses: [] as Record<string, unknown>[] });
    if (m[2]) s[m[2] === 'hsw' ? 'headingSw' : m[2] === 'hen' ? 'headingEn' : 'id'] = value;
    else {
      const cl = s.clauses as Record<string, unknown>[];
      const c = (cl[Number(m[3])] ??= {});
      c[m[4] === 'sw' ? 'textSw' : m[4] === 'en' ? 'textEn' : 'id'] = value;
    }
  }
  return cleanContent(sections.filter(Boolean).map((s) => ({ ...s, clauses: (s.clauses as unknown[]).filter(Boolean) })));
}

export type EditorOp =
  | { op: 'save' }
  | { op: 'addSection' }
  | { op: 'addClause'; section: number }
  | { op: 'removeSection'; section: number }
  | { op: 'removeClause'; section: number; clause: number };

export function parseOp(v: unknown): EditorOp {
  const s = typeof v === 'string' ? v : 'save';
  let m: RegExpMatchArray | null;
  if (s === 'addSection') return { op: 'addSection' };
  if ((m = s.match(/^addClause:(\d+)$/))) return { op: 'addClause', section: Number(m[1]) };
  if ((m = s.match(/^removeSection:(\d+)$/))) return { op: 'removeSection', section: Number(m[1]) };
  if ((m = s.match(/^removeClause:(\d+):(\d+)$/))) return { op: 'removeClause', section: Number(m[1]), clause: Number(m[2]) };
  return { op: 'save' };
}

export function applyOp(content: Section[], op: EditorOp): Section[] {
  const out = content.map((s) => ({ ...s, clauses: [...s.clauses] }));
  if (op.op === 'addSection') out.push(emptySection());
  if (op.op === 'addClause' && out[op.section]) out[op.section].clauses.push({ id: shortId(), textSw: '', textEn: '' });
  if (op.op === 'removeSection') out.splice(op.section, 1);
  if (op.op === 'removeClause' && out[op.section]) out[op.section].clauses.splice(op.clause, 1);
  return out;
}

/**
 * Starting content from extracted text. Lines that look like numbered headings ("3. Scope",
 * "SECTION 3", short title-case lines) open a section; other paragraphs become its clauses,
 * with a leading clause number ("3.2") removed since numbers are computed.
 */
export function contentFromParagraphs(paragraphs: { text: string; heading?: boolean }[], lang: 'sw' | 'en'): Section[] {
  const sections: Section[] = [];
  const key = lang === 'sw' ? 'Sw' : 'En';
  let current: Section | undefined;
  const open = (heading: string) => {
    current = { id: shortId(), headingSw: '', headingEn: '', clauses: [] };
    current[`heading${key}`] = heading;
    sections.push(current);
  };
  for (const p of paragraphs) {
    const text = p.text.replace(/\s+/g, ' ').trim();
    if (!text) continue;
    const numberedHeading = /^(\d{1,2})\.?\s+\S/.test(text) && !/^\d{1,2}\.\d/.test(text) && text.length <= 90 && !/[.;:]$/.test(text);
    const wordHeading = /^(section|sehemu|part|chapter|sura)\s+\w+/i.test(text) && text.length <= 90;
    if (p.heading || numberedHeading || wordHeading) {
      open(text.replace(/^(\d{1,2})\.?\s+/, ''));
      continue;
    }
    if (!current) open('');
    const clause = { id: shortId(), textSw: '', textEn: '' };
    clause[`text${key}`] = text.replace(/^\d{1,2}(\.\d{1,3})+\.?\s+/, '').slice(0, MAX_TEXT);
    current!.clauses.push(clause);
  }
  return sections.slice(0, MAX_SECTIONS);
}
