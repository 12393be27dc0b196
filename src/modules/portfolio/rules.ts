// The portfolio's rules, pure: what a valid system, e-service and integration is, how the values
// institutions write in forms and spreadsheets are read, and who counts as overlapping whom.
import type { MessageKey } from '../../messages.ts';
import { isCalendarDate, isEmail, parseAmount } from '../../platform/input.ts';
import { AUDIENCES, CHANNELS, HOSTINGS, INTEGRATION_CHANNELS, INTEGRATION_STATUSES, LIFECYCLES, SECURITY_CLASSES, USER_KINDS, type Hosting, type Lifecycle, type SecurityClass } from './schema.ts';

/** A system as callers describe it (form, API, import row), before it is checked. */
export interface SystemInput {
  code: string;
  name: string;
  nameSw?: string;
  nameEn?: string;
  purpose?: string;
  capabilities?: string[];
  lifecycle: string;
  hosting: string;
  usersCount?: number | null;
  userKinds?: string[];
  personalData?: boolean;
  dataObjects?: string[];
  securityClass?: string;
  govesb?: boolean;
  technology?: string;
  vendor?: string;
  goLive?: string | null;
  retireDate?: string | null;
  capexTzs?: number | null;
  opexTzs?: number | null;
  contactName?: string;
  contactEmail?: string;
  /** Code of the shared government system this record is a use of (reuse), or empty. */
  sharedSystem?: string | null;
}

/** The checked values, ready to store. */
export interface SystemValues {
  code: string;
  name: string;
  nameSw: string;
  nameEn: string;
  purpose: string;
  capabilities: string[];
  lifecycle: Lifecycle;
  hosting: Hosting;
  usersCount: number | null;
  userKinds: string[];
  personalData: boolean;
  dataObjects: string[];
  securityClass: SecurityClass;
  govesb: boolean;
  technology: string;
  vendor: string;
  goLive: string | null;
  retireDate: string | null;
  capexTzs: number | null;
  opexTzs: number | null;
  contactName: string;
  contactEmail: string;
}

export const CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._/-]{0,39}$/;
/** The largest cost accepted: a trillion shillings, far above any system's yearly cost. */
export const MAX_TZS = 1_000_000_000_000;
export const MAX_USERS = 100_000_000;

const oneOf = <T extends string>(list: readonly T[], v: unknown): v is T => typeof v === 'string' && (list as readonly string[]).includes(v);
const clean = (v: string | undefined | null, max: number) => (v ?? '').replace(/\s+/g, ' ').trim().slice(0, max);
const list = (v: string[] | undefined, max: number) => [...new Set((v ?? []).map((x) => clean(x, 120)).filter(Boolean))].slice(0, max);

/**
 * Checks a system. Returns the values to store, or the problems per field (keys of the catalog).
 * `knownCapabilities` are the codes of the reference model.
 */
export function checkSystem(input: SystemInput, knownCapabilities: ReadonlySet<string>): { values: SystemValues } | { problems: Record<string, MessageKey> } {
  const problems: Record<string, MessageKey> = {};
  const code = clean(input.code, 60);
  if (!CODE_PATTERN.test(code)) problems.code = 'portfolio.field.code';
  const name = clean(input.name, 200);
  if (!name) problems.name = 'portfolio.field.name';
  if (!oneOf(LIFECYCLES, input.lifecycle)) problems.lifecycle = 'portfolio.field.lifecycle';
  if (!oneOf(HOSTINGS, input.hosting)) problems.hosting = 'portfolio.field.hosting';
  const securityClass = input.securityClass || 'internal';
  if (!oneOf(SECURITY_CLASSES, securityClass)) problems.securityClass = 'portfolio.field.securityClass';
  const capabilities = list(input.capabilities, 20).map((c) => c.toUpperCase());
  if (capabilities.some((c) => !knownCapabilities.has(c))) problems.capabilities = 'portfolio.field.capabilities';
  const userKinds = list(input.userKinds, 4);
  if (userKinds.some((k) => !oneOf(USER_KINDS, k))) problems.userKinds = 'portfolio.field.userKinds';
  const count = (v: number | null | undefined, max: number) => v === undefined || v === null || (Number.isSafeInteger(v) && v >= 0 && v <= max);
  if (!count(input.usersCount, MAX_USERS)) problems.usersCount = 'portfolio.field.usersCount';
  if (!count(input.capexTzs, MAX_TZS)) problems.capexTzs = 'portfolio.field.cost';
  if (!count(input.opexTzs, MAX_TZS)) problems.opexTzs = 'portfolio.field.cost';
  if (input.goLive && !isCalendarDate(input.goLive)) problems.goLive = 'portfolio.field.date';
  if (input.retireDate && !isCalendarDate(input.retireDate)) problems.retireDate = 'portfolio.field.date';
  const contactEmail = clean(input.contactEmail, 254);
  if (contactEmail && !isEmail(contactEmail)) problems.contactEmail = 'portfolio.field.email';
  if (Object.keys(problems).length) return { problems };
  return {
    values: {
      code,
      name,
      nameSw: clean(input.nameSw, 200),
      nameEn: clean(input.nameEn, 200),
      purpose: clean(input.purpose, 2000),
      capabilities,
      lifecycle: input.lifecycle as Lifecycle,
      hosting: input.hosting as Hosting,
      usersCount: input.usersCount ?? null,
      userKinds,
      personalData: !!input.personalData,
      dataObjects: list(input.dataObjects, 30),
      securityClass: securityClass as SecurityClass,
      govesb: !!input.govesb,
      technology: clean(input.technology, 300),
      vendor: clean(input.vendor, 200),
      goLive: input.goLive || null,
      retireDate: input.retireDate || null,
      capexTzs: input.capexTzs ?? null,
      opexTzs: input.opexTzs ?? null,
      contactName: clean(input.contactName, 200),
      contactEmail,
    },
  };
}

export interface EServiceInput {
  nameSw?: string;
  nameEn?: string;
  audience: string;
  channels?: string[];
  feeTzs?: number | null;
  url?: string;
}

export function eserviceProblems(input: EServiceInput): Record<string, MessageKey> {
  const problems: Record<string, MessageKey> = {};
  if (!clean(input.nameSw, 200) && !clean(input.nameEn, 200)) problems.nameSw = 'portfolio.field.name';
  if (!oneOf(AUDIENCES, input.audience)) problems.audience = 'portfolio.field.audience';
  if ((input.channels ?? []).length === 0 || (input.channels ?? []).some((c) => !oneOf(CHANNELS, c))) problems.channels = 'portfolio.field.channels';
  if (input.feeTzs !== undefined && input.feeTzs !== null && !(Number.isSafeInteger(input.feeTzs) && input.feeTzs >= 0 && input.feeTzs <= MAX_TZS)) problems.feeTzs = 'portfolio.field.cost';
  if (input.url && !/^https?:\/\/[^\s<>"]+$/i.test(input.url.trim())) problems.url = 'portfolio.field.url';
  return problems;
}

export interface IntegrationInput {
  providerId: string;
  consumerId: string;
  dataExchanged: string;
  channel: string;
  legalBasis?: string;
  status: string;
}

export function integrationProblems(input: IntegrationInput): Record<string, MessageKey> {
  const problems: Record<string, MessageKey> = {};
  if (input.providerId && input.providerId === input.consumerId) problems.consumerId = 'portfolio.field.sameSystem';
  if (!clean(input.dataExchanged, 500)) problems.dataExchanged = 'portfolio.field.dataExchanged';
  if (!oneOf(INTEGRATION_CHANNELS, input.channel)) problems.channel = 'portfolio.field.channel';
  if (!oneOf(INTEGRATION_STATUSES, input.status)) problems.status = 'portfolio.field.status';
  return problems;
}

/** Reads a yes/no cell or field ("yes", "ndiyo", "1", "true" and their opposites); undefined when unreadable. */
export function parseYesNo(v: string): boolean | undefined {
  const s = v.trim().toLowerCase();
  if (['yes', 'y', 'ndiyo', 'ndio', 'true', '1'].includes(s)) return true;
  if (['no', 'n', 'hapana', 'false', '0', ''].includes(s)) return false;
  return undefined;
}

/** Reads whole shillings ("1,200,000", "1200000", "TZS 5 000"); null for empty, NaN when unreadable. */
export function parseShillings(v: string): number | null {
  return parseAmount(v, 13);
}

/** The year whose portfolio confirmation is due: confirmations run by calendar year. */
export function confirmationYear(now: Date): number {
  return now.getUTCFullYear();
}

/** Fields whose change is worth a line in a system's history (everything the form edits). */
export function changedFields(before: Record<string, unknown>, after: Record<string, unknown>): Record<string, { from: unknown; to: unknown }> {
  const out: Record<string, { from: unknown; to: unknown }> = {};
  for (const k of Object.keys(after)) {
    const a = before[k];
    const b = after[k];
    if (JSON.stringify(a ?? null) !== JSON.stringify(b ?? null)) out[k] = { from: a ?? null, to: b ?? null };
  }
  return out;
}
