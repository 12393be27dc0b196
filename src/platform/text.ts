// Text normalisation shared by every module that searches or matches text (library search, the
// portfolio's duplicate detection). No stemmer exists for Kiswahili, so both sides of a comparison
// are reduced the same way: lower case, accents and punctuation removed.

export function normalise(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}
