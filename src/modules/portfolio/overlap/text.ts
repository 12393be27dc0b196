// Text analysis for matching system names and purposes across Kiswahili and English: fold,
// drop stop words, stem lightly, repair one-letter typos of known words, then map words and
// phrases to shared concept ids (concepts.ts). Search and reviews can reuse normalise() and
// conceptTokens(); the overlap engine uses analyse(), which also keeps acronyms and initials.
import { normalise as fold } from '../../../platform/text.ts';
import { CONCEPTS, CONNECTORS, STOP_WORDS } from './concepts.ts';

export { fold };

const VOWEL_END = /[aiou]$/;

/**
 * A light stemmer for both languages. Kiswahili words end in a vowel and English ones mostly do
 * not, so the word's last letter picks the rules: English suffixes (-s, -ies, -ing, -ed) for
 * the one, noun-class and infinitive prefixes (m-/wa-, mi-, ma-, ki-/vi-, u-, ku-) and the
 * agent suffix -aji for the other, then a final vowel is dropped so that noun and verb forms
 * (makusanyo, kukusanya, ukusanyaji) meet. Over-stemming is harmless as long as it is the same
 * on both sides: the concept table goes through this function too.
 */
export function stem(word: string): string {
  let w = word;
  if (w.length < 5 || /[0-9]/.test(w)) return w;
  if (VOWEL_END.test(w)) {
    for (const p of ['ku', 'wa', 'mw', 'mi', 'ma', 'vi', 'ki', 'u']) {
      if (w.startsWith(p) && w.length - p.length >= 4) {
        w = w.slice(p.length);
        break;
      }
    }
    if (w === word && /^m[^aeiou]/.test(w) && w.length >= 5) w = w.slice(1);
    if (w.endsWith('aji') && w.length > 6) w = w.slice(0, -2);
    return w.length > 4 ? w.slice(0, -1) : w;
  }
  if (w.endsWith('ies')) w = w.slice(0, -3) + 'y';
  else if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (w.endsWith('s') && !/(ss|us|is)$/.test(w)) w = w.slice(0, -1);
  if (w.endsWith('ing') && w.length > 6) w = w.slice(0, -3);
  else if (w.endsWith('ed') && w.length > 5) w = w.slice(0, -2);
  return w.endsWith('e') && w.length > 4 ? w.slice(0, -1) : w;
}

// ---------------------------------------------------------------------------------------------
// The concept table compiled once: phrases (as stemmed token lists) by their first token, longest
// first, and a typo index of every known stem (each stem and its one-letter deletions).

interface Phrase { tokens: string[]; concept: string }
const phrasesByFirst = new Map<string, Phrase[]>();
const singleConcept = new Map<string, string>();
const known = new Set<string>();
/** Whole (unstemmed) words of the table and the stop words, for repairing typos before stemming. */
const knownRaw = new Set<string>();
const deletions = new Map<string, string[]>();

function deletes(w: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < w.length; i++) out.push(w.slice(0, i) + w.slice(i + 1));
  return out;
}

function plainTokens(text: string): string[] {
  return fold(text)
    .split(' ')
    .filter((w) => w && !STOP_WORDS.has(w))
    .map(stem);
}


for (const [concept, variants] of Object.entries(CONCEPTS)) {
  for (const variant of variants.split('|')) {
    const tokens = plainTokens(variant);
    if (tokens.length === 0) continue;
    const list = phrasesByFirst.get(tokens[0]) ?? [];
    // The first concept to claim a phrase keeps it: a table is easier to read than a priority.
    if (list.some((p) => p.tokens.join(' ') === tokens.join(' '))) continue;
    list.push({ tokens, concept });
    list.sort((a, b) => b.tokens.length - a.tokens.length);
    phrasesByFirst.set(tokens[0], list);
    if (tokens.length === 1 && !singleConcept.has(tokens[0])) singleConcept.set(tokens[0], concept);
    for (const t of tokens) known.add(t);
    for (const w of fold(variant).split(' ')) if (w.length >= 6) knownRaw.add(w);
  }
}
// Stop words join the typo index so that "managment" is dropped like "management".
for (const w of [...known, ...STOP_WORDS]) {
  if (w.length < 5) continue;
  for (const d of [w, ...deletes(w)]) {
    const list = deletions.get(d) ?? [];
    if (!list.includes(w)) list.push(w);
    deletions.set(d, list);
  }
}

for (const w of STOP_WORDS) if (w.length >= 6) knownRaw.add(w);
const rawDeletions = new Map<string, string[]>();
for (const w of knownRaw) {
  for (const d of [w, ...deletes(w)]) {
    const list = rawDeletions.get(d) ?? [];
    if (!list.includes(w)) list.push(w);
    rawDeletions.set(d, list);
  }
}

/** Optimal-string-alignment distance, stopping early once it exceeds 1. */
export function withinOneEdit(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (i === a.length && i === b.length) return true;
  const ra = a.slice(i + 1);
  const rb = b.slice(i + 1);
  if (a.length === b.length) return ra === rb || (a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2));
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

/** A known stem one typo away from `w` (long words only: short ones collide too easily). */
function repair(w: string): string {
  if (w.length < 5 || known.has(w) || STOP_WORDS.has(w)) return w;
  const found = new Set<string>();
  for (const d of [w, ...deletes(w)]) for (const k of deletions.get(d) ?? []) if (withinOneEdit(w, k)) found.add(k);
  return found.size === 1 ? [...found][0] : w;
}

/** A Kiswahili locative (hospitalini, ofisini, mahakamani) of a known word is that word. */
function delocate(word: string, stemmed: string): string {
  if (word.length < 7 || !word.endsWith('ni') || known.has(stemmed)) return stemmed;
  const bare = stem(word.slice(0, -2));
  return known.has(bare) ? bare : stemmed;
}

/**
 * A whole word one typo away from exactly one word of the table or one stop word is that word
 * ("kuismamia" is "kusimamia", "accountnig" is "accounting"): caught before stemming, which
 * would otherwise take the misspelt and the right word apart.
 */
function repairWhole(w: string): string {
  if (w.length < 6 || knownRaw.has(w)) return w;
  const found = new Set<string>();
  for (const d of [w, ...deletes(w)]) for (const k of rawDeletions.get(d) ?? []) if (withinOneEdit(w, k)) found.add(k);
  return found.size === 1 ? [...found][0] : w;
}

/** One word's token, or '' when it is a stop word; remembered, since names repeat their words. */
const tokenOf = new Map<string, string>();
function token(w: string): string {
  let t = tokenOf.get(w);
  if (t === undefined) {
    const whole = STOP_WORDS.has(w) ? w : repairWhole(w);
    t = STOP_WORDS.has(whole) ? '' : repair(delocate(whole, stem(whole)));
    if (STOP_WORDS.has(t)) t = '';
    if (tokenOf.size < 200_000) tokenOf.set(w, t);
  }
  return t;
}

/** Folded, stop words out, stemmed and typo-repaired tokens, in order. */
export function normalise(text: string): string[] {
  const out: string[] = [];
  for (const w of fold(text).split(' ')) {
    const t = w ? token(w) : '';
    if (t) out.push(t);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------

export interface Analysis {
  /** Concept ids found, in order of first appearance. */
  concepts: string[];
  /** Stems not covered by a concept. */
  words: string[];
  /** Acronym-like tokens of the original text (HRMIS, GoT-HoMIS → got, homis), folded. */
  acronyms: string[];
  /** First letters of the words of the text (connectors left out), or '' for a one-word text. */
  initials: string;
}

const ACRONYM_TAILS = ['mis', 'ims', 'ms', 'is', 's'];

/** Acronym-looking tokens of the original text: two or more capitals making up half the token. */
function acronymsOf(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/[\p{L}\p{N}]+/gu)) {
    const t = m[0];
    const upper = t.replace(/[^\p{Lu}]/gu, '').length;
    if (t.length >= 2 && t.length <= 10 && upper >= 2 && upper * 2 >= t.length) out.push(fold(t));
  }
  return out;
}

/** The concept an acronym stands for when it is a concept's short form, with or without an "MIS" tail. */
function acronymConcept(acronym: string): string | undefined {
  const direct = singleConcept.get(acronym);
  if (direct) return direct;
  for (const tail of ACRONYM_TAILS) {
    if (acronym.endsWith(tail) && acronym.length - tail.length >= 2) {
      const c = singleConcept.get(acronym.slice(0, -tail.length));
      if (c) return c;
    }
  }
  return undefined;
}

export function initialsOf(text: string): string {
  const words = fold(text).split(' ').filter((w) => w && !CONNECTORS.has(w));
  return words.length >= 2 ? words.map((w) => w[0]).join('') : '';
}

export function analyse(text: string): Analysis {
  const tokens = normalise(text);
  const concepts: string[] = [];
  const words: string[] = [];
  const add = (list: string[], x: string) => {
    if (!list.includes(x)) list.push(x);
  };
  for (let i = 0; i < tokens.length; ) {
    const phrase = (phrasesByFirst.get(tokens[i]) ?? []).find((p) => p.tokens.every((t, k) => tokens[i + k] === t));
    if (phrase) {
      add(concepts, phrase.concept);
      i += phrase.tokens.length;
    } else {
      add(words, tokens[i]);
      i++;
    }
  }
  const acronyms = acronymsOf(text);
  for (const a of acronyms) {
    const c = acronymConcept(a);
    if (c) add(concepts, c);
  }
  return { concepts, words, acronyms, initials: initialsOf(text) };
}

/** Concept ids (prefixed "c:") and the remaining stems (prefixed "w:"), for reuse by search. */
export function conceptTokens(text: string): string[] {
  const a = analyse(text);
  return [...a.concepts.map((c) => `c:${c}`), ...a.words.map((w) => `w:${w}`)];
}

/** Every concept id of the table, for tests and for callers that label concepts. */
export const CONCEPT_IDS: readonly string[] = Object.keys(CONCEPTS);
