// Shared checks of input values, for services and schemas alike, so each is written once.

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** A real UUID, not 36 dashes. */
export function isUuid(v: unknown): boolean {
  return typeof v === 'string' && UUID.test(v);
}

/** YYYY-MM-DD naming a day that exists (no 2026-13-45, no 2026-02-30). */
export function isCalendarDate(v: unknown): v is string {
  if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(v)) return false;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
}

/** An e-mail address as people type it: something@domain.tld, at most 254 characters. */
export function isEmail(v: unknown): v is string {
  return typeof v === 'string' && v.length <= 254 && EMAIL.test(v.trim());
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** A form field as a string ('' when absent or not a string, e.g. a repeated field). */
export function formString(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

/**
 * An amount of shillings as people write it: "TZS 1,200,000", "1 200 000" or "1200000". Null when
 * empty, NaN when it is not a whole number of at most `maxDigits` digits (each module keeps its bound).
 */
export function parseAmount(v: string, maxDigits: number): number | null {
  const s = v.trim().replace(/^tzs\s*/i, '').replace(/[\s,]/g, '');
  if (s === '') return null;
  return new RegExp(`^\\d{1,${maxDigits}}$`).test(s) ? Number(s) : Number.NaN;
}

/** A short form or query field: trimmed, at most `max` characters ('' when absent or repeated). */
export function formText(v: unknown, max = 200): string {
  return formString(v).trim().slice(0, max);
}

/** A repeated form field (checkboxes) as its string values, at most `max` of them; one value is a list of one. */
export function formList(v: unknown, max: number): string[] {
  return [v].flat().filter((x): x is string => typeof x === 'string').slice(0, max);
}

/** The value when it is one of `allowed`, else '' (a filter outside its list is no filter). */
export function formChoice(v: unknown, allowed: readonly string[]): string {
  const s = formString(v);
  return allowed.includes(s) ? s : '';
}

/** A page number from the query string: a whole number from 1 to 100,000, else 1. */
export function pageNumber(v: unknown): number {
  const n = Number(v);
  return Number.isSafeInteger(n) && n > 0 && n <= 100_000 ? n : 1;
}
