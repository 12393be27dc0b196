// The authority's calendar. Tanzania keeps East Africa Time all year (UTC+3, no daylight saving), so
// "today", a deadline's day and a date filter's day are counted there, not in UTC: between 21:00
// and midnight UTC it is already tomorrow in Dar es Salaam.
const EAT_OFFSET_MS = 3 * 3_600_000;

/** The calendar day (YYYY-MM-DD) in Tanzania at `at`. */
export function tanzaniaDate(at: Date = new Date()): string {
  return new Date(at.getTime() + EAT_OFFSET_MS).toISOString().slice(0, 10);
}

/** The moment a Tanzanian calendar day (YYYY-MM-DD) begins. */
export function tanzaniaDayStart(day: string): Date {
  return new Date(Date.parse(`${day}T00:00:00Z`) - EAT_OFFSET_MS);
}
