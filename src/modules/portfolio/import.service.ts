// The portfolio's bulk import: a CSV or XLSX file, one system per row (import.file.ts reads it).
// Every row is checked before anything is written, each problem named by row and column in the
// caller's language. Applying runs every row through upsertSystem in one transaction with one audit
// entry, so one bad row stores nothing and the same file twice changes nothing. A preview writes
// nothing: it plans every row by the rule upsertSystem writes by (planUpsert) from data read in bulk
// (decision 0211). A page or API apply
// is checked in the request and then written by the background job `portfolio.import` (startImport),
// which shows its progress; the CLI applies directly (decision 0210).
import crypto from 'node:crypto';
import { inArray } from 'drizzle-orm';
import fs from 'node:fs';
import { createCtx, transaction, type Ctx, type TxCtx } from '../../platform/context.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { Lang } from '../../platform/i18n/catalog.ts';
import { fileStore } from '../../platform/files/index.ts';
import { defineJob, enqueue } from '../../platform/jobs/index.ts';
import { can } from '../../platform/auth/policy.ts';
import { AppError } from '../../platform/http/errors.ts';
import { translator, type MessageKey } from '../../messages.ts';
import type { Params } from '../../platform/i18n/translator.ts';
import { institutions } from '../reference/index.ts';
import { checkSystem, MAX_USERS, parseShillings, parseYesNo, type SystemInput } from './rules.ts';
import { systems, type System } from './schema.ts';
import { loadSystemLookups, planUpsert, systemKey, upsertSystem, type ImportOutcome, type RegisterInput, type SystemLookups } from './systems.service.ts';
import { registryChanged } from './registry.ts';
// Defines the overlap job that registryChanged queues (registry.ts does not import it itself).
import { IMPORT_COLUMNS, readImportFile, type ImportColumn, type ImportFile, type RawRow } from './import.file.ts';
import { audit } from './audit-events.ts';

export interface RowError {
  row: number;
  column: string;
  /** In the caller's language. */
  message: string;
  /** The message's key and values, so a page read later (a job's result) can show it in its reader's language. */
  key?: MessageKey;
  params?: Params;
}

export interface RowOutcome {
  row: number;
  institution: string;
  code: string;
  name: string;
  outcome: 'create' | 'update' | 'unchanged';
  /** Columns whose values change (updates only). */
  changes: ImportColumn[];
}

export interface ImportResult {
  applied: boolean;
  created: number;
  updated: number;
  unchanged: number;
  errors: RowError[];
  rows: RowOutcome[];
  sha256: string;
}

/** The column each checked field comes from, to name it in errors and changes. */
const COLUMN_OF: Record<string, ImportColumn> = {
  code: 'code', name: 'name', nameSw: 'name_sw', purpose: 'purpose', capabilities: 'capabilities', lifecycle: 'lifecycle', hosting: 'hosting',
  usersCount: 'users', personalData: 'personal_data', govesb: 'govesb', sharedSystem: 'shared_system', usesSystemId: 'shared_system', vendor: 'vendor',
  goLive: 'go_live', capexTzs: 'capex_tzs', opexTzs: 'opex_tzs',
};

/** Everything checking the rows needs, loaded once per file: the institutions and the registry's own lookups. */
interface Lookups extends SystemLookups {
  institutions: Map<string, { id: string; acronym: string }>;
}

async function lookups(ctx: Ctx): Promise<Lookups> {
  const insts = await ctx.q.select({ id: institutions.id, acronym: institutions.acronym }).from(institutions);
  return { ...(await loadSystemLookups(ctx)), institutions: new Map(insts.map((i) => [i.acronym.toLowerCase(), i])) };
}

interface Problem {
  column: ImportColumn | 'row';
  key: MessageKey;
  params?: Params;
}

interface CheckedRow {
  row: number;
  acronym: string;
  input: RegisterInput;
}

/** One row as the input upsertSystem takes, or what is wrong with it. */
function checkRow(ctx: Ctx, raw: RawRow, look: Lookups): { ok: CheckedRow } | { problems: Problem[] } {
  const problems: Problem[] = [];
  if (raw.cells.length !== IMPORT_COLUMNS.length) return { problems: [{ column: 'row', key: 'portfolio.import.err.cells', params: { count: raw.cells.length } }] };
  const cell = Object.fromEntries(IMPORT_COLUMNS.map((c, i) => [c, raw.cells[i] ?? ''])) as Record<ImportColumn, string>;
  const acronym = cell.institution.trim();
  const inst = look.institutions.get(acronym.toLowerCase());
  if (!inst) problems.push({ column: 'institution', key: 'portfolio.import.err.institution' });
  else if (!can(ctx.actor, 'portfolio:write', { institutionId: inst.id })) problems.push({ column: 'institution', key: 'portfolio.import.err.notYours', params: { institution: inst.acronym } });

  const yesNo = (c: 'personal_data' | 'govesb') => {
    const v = parseYesNo(cell[c]);
    if (v === undefined) problems.push({ column: c, key: 'portfolio.field.yesNo' });
    return v ?? false;
  };
  const shillings = (c: 'capex_tzs' | 'opex_tzs') => {
    const v = parseShillings(cell[c]);
    return Number.isNaN(v) ? -1 : v;
  };
  const usersText = cell.users.trim().replace(/[\s,]/g, '');
  let usersCount: number | null = null;
  if (usersText) {
    usersCount = /^\d{1,12}$/.test(usersText) ? Number(usersText) : -1;
    if (usersCount < 0 || usersCount > MAX_USERS) problems.push({ column: 'users', key: 'portfolio.import.err.users' });
  }
  const capabilities = cell.capabilities.split(';').map((c) => c.trim().toUpperCase()).filter(Boolean);
  const unknown = capabilities.filter((c) => !look.capabilities.has(c));
  if (unknown.length) problems.push({ column: 'capabilities', key: 'portfolio.import.err.capabilities', params: { codes: unknown.join(', ') } });
  const sharedSystem = cell.shared_system.trim();
  if (sharedSystem && !look.shared.has(sharedSystem.toLowerCase())) problems.push({ column: 'shared_system', key: 'portfolio.field.sharedSystem' });

  const input: SystemInput = {
    code: cell.code,
    name: cell.name,
    nameSw: cell.name_sw,
    purpose: cell.purpose,
    capabilities,
    lifecycle: cell.lifecycle.trim().toLowerCase(),
    hosting: cell.hosting.trim().toLowerCase(),
    usersCount: problems.some((p) => p.column === 'users') ? null : usersCount,
    personalData: yesNo('personal_data'),
    govesb: yesNo('govesb'),
    sharedSystem: sharedSystem || null,
    vendor: cell.vendor,
    goLive: cell.go_live.trim() || null,
    capexTzs: shillings('capex_tzs'),
    opexTzs: shillings('opex_tzs'),
  };
  // The field rules are the registry's own (rules.ts); only their messages are placed by column here.
  const checked = checkSystem(input, look.capabilities);
  if ('problems' in checked) {
    for (const [field, key] of Object.entries(checked.problems)) {
      const column = COLUMN_OF[field];
      if (column && !problems.some((p) => p.column === column)) problems.push({ column, key });
    }
  }
  if (problems.length || !inst) return { problems };
  return { ok: { row: raw.row, acronym: inst.acronym, input: { ...input, institutionId: inst.id } } };
}

interface Checked {
  rows: CheckedRow[];
  errors: RowError[];
  sha256: string;
  look: SystemLookups;
}

async function checkFile(ctx: Ctx, file: ImportFile): Promise<Checked> {
  const raw = await readImportFile(file, { maxBytes: ctx.config.uploadLimit, limits: ctx.config.archive });
  const look = await lookups(ctx);
  const t = translator(ctx.lang);
  const errors: RowError[] = [];
  const rows: CheckedRow[] = [];
  const firstRowOf = new Map<string, number>();
  for (const r of raw) {
    const checked = checkRow(ctx, r, look);
    if ('problems' in checked) {
      for (const p of checked.problems) errors.push({ row: r.row, column: p.column, message: t(p.key, p.params), key: p.key, params: p.params });
      continue;
    }
    const key = `${checked.ok.input.institutionId}|${checked.ok.input.code.trim().toLowerCase()}`;
    const first = firstRowOf.get(key);
    if (first !== undefined) {
      const params = { first, code: checked.ok.input.code.trim(), institution: checked.ok.acronym };
      errors.push({ row: r.row, column: 'code', message: t('portfolio.import.err.duplicate', params), key: 'portfolio.import.err.duplicate', params });
      continue;
    }
    firstRowOf.set(key, r.row);
    rows.push(checked.ok);
  }
  return { rows, errors, sha256: crypto.createHash('sha256').update(file.bytes).digest('hex'), look };
}

/** Told how many rows are written so far; it must not wait for the transaction (the job's progress() writes outside it). */
export type ImportProgress = (done: number, total: number) => void;

/** A row refused by the registry's own rule (planUpsert): each problem named by row and column. */
function refusedRow(ctx: Ctx, row: number, err: unknown, errors: RowError[]): void {
  // The checks above mirror the registry's; should it still refuse a row, the row is named too.
  if (!(err instanceof AppError) || err.status >= 500) throw err;
  const t = translator(ctx.lang);
  for (const [field, key] of Object.entries(err.fields ?? { institution: err.key })) errors.push({ row, column: COLUMN_OF[field] ?? field, message: t(key), key });
}

function outcomeOf(r: CheckedRow, outcome: ImportOutcome, system: { code: string; name: string }, changes: string[]): RowOutcome {
  const columns = [...new Set(changes.map((f) => COLUMN_OF[f]).filter((c): c is ImportColumn => !!c))];
  return { row: r.row, institution: r.acronym, code: system.code, name: system.name, outcome: outcome === 'created' ? 'create' : outcome === 'updated' ? 'update' : 'unchanged', changes: columns };
}

/**
 * What writing the rows would do, without writing: the institutions' systems are read in one
 * query and each row planned by planUpsert, the rule upsertSystem writes by.
 */
async function planRows(ctx: Ctx, checked: Checked): Promise<RowOutcome[]> {
  const owners = [...new Set(checked.rows.map((r) => r.input.institutionId))];
  const registered = owners.length ? await ctx.q.select().from(systems).where(inArray(systems.institutionId, owners)) : [];
  const byKey = new Map<string, System>();
  for (const s of registered) if (!byKey.has(systemKey(s.institutionId, s.code))) byKey.set(systemKey(s.institutionId, s.code), s);
  const out: RowOutcome[] = [];
  for (const r of checked.rows) {
    try {
      const code = r.input.code.trim();
      const plan = planUpsert(ctx.actor, byKey.get(systemKey(r.input.institutionId, code)), r.input, checked.look);
      out.push(outcomeOf(r, plan.outcome, plan.values, Object.keys(plan.changes)));
    } catch (err) {
      refusedRow(ctx, r.row, err, checked.errors);
    }
  }
  return out;
}

/** Writes every row (inside the caller's transaction) and tells what happened to each. */
async function writeRows(ctx: TxCtx, checked: Checked, progress?: ImportProgress): Promise<RowOutcome[]> {
  const out: RowOutcome[] = [];
  const rows = checked.rows;
  for (const r of rows) {
    progress?.(out.length, rows.length);
    try {
      const { outcome, system, changes } = await upsertSystem(ctx, r.input, checked.look);
      out.push(outcomeOf(r, outcome, system, changes));
    } catch (err) {
      refusedRow(ctx, r.row, err, checked.errors);
    }
  }
  return out;
}

const count = (rows: RowOutcome[], o: RowOutcome['outcome']) => rows.filter((r) => r.outcome === o).length;

function result(applied: boolean, rows: RowOutcome[], errors: RowError[], sha256: string): ImportResult {
  errors.sort((a, b) => a.row - b.row);
  return { applied, created: count(rows, 'create'), updated: count(rows, 'update'), unchanged: count(rows, 'unchanged'), errors, rows, sha256 };
}

/** What importing the file would do, row by row, and every problem; nothing is written (planRows). */
export async function previewImport(ctx: Ctx, file: ImportFile): Promise<ImportResult> {
  const checked = await checkFile(ctx, file);
  const outcomes = await planRows(ctx, checked);
  return result(false, outcomes, checked.errors, checked.sha256);
}

export interface ApplyOptions {
  progress?: ImportProgress;
  /** The background job applying the file, named in the audit entry. */
  job?: number;
}

/** Imports the file in one transaction with one audit entry; with any bad row nothing is stored. */
export async function applyImport(ctx: Ctx, file: ImportFile, opts: ApplyOptions = {}): Promise<ImportResult> {
  return applyChecked(ctx, file, await checkFile(ctx, file), opts);
}

async function applyChecked(ctx: Ctx, file: ImportFile, checked: Checked, opts: ApplyOptions): Promise<ImportResult> {
  const { rows, errors, sha256 } = checked;
  if (errors.length) return result(false, [], errors, sha256);
  class Refused extends Error {}
  try {
    const outcomes = await transaction(ctx, async (tx) => {
      const written = await writeRows(tx, checked, opts.progress);
      if (errors.length) throw new Refused();
      const r = result(true, written, [], sha256);
      if (r.created + r.updated > 0) {
        await registryChanged(tx);
        const owners = [...new Set(rows.map((x) => x.input.institutionId))];
        await audit(tx, 'portfolio.import', {
          institutionId: owners.length === 1 ? owners[0] : null,
          details: { file: file.name ?? null, sha256, rows: rows.length, created: r.created, updated: r.updated, unchanged: r.unchanged, institutions: owners.length, ...(opts.job ? { job: opts.job } : {}) },
        });
      }
      return written;
    });
    return result(true, outcomes, [], sha256);
  } catch (err) {
    if (err instanceof Refused) return result(false, [], errors, sha256);
    throw err;
  }
}

// ── Applying in the background ────────────────────────────────────────────────────────────────

export const IMPORT_JOB = 'portfolio.import';

/** What the job needs to apply the file as the person who asked: the file is kept in the file store by its hash. */
interface ImportJobPayload {
  sha256: string;
  name: string | null;
  declared: 'csv' | 'xlsx' | null;
  /** Who asked, as they were when the file was checked; the rows are checked again with these rights. */
  actor: Actor | null;
  ip: string | null;
  lang: Lang;
}

/** Most row problems a job's result keeps (a 20,000-row file could have many more). */
export const MAX_KEPT_ERRORS = 1000;

/** What the job records as its result (the API's job status shows it): the counts, without the per-row detail. */
export interface ImportJobResult {
  applied: boolean;
  created: number;
  updated: number;
  unchanged: number;
  errors: RowError[];
  /** Problems left out of `errors` beyond MAX_KEPT_ERRORS. */
  moreErrors: number;
  sha256: string;
  file: string | null;
}

/** The job's result read back from the job table; anything else (an older or foreign result) is null. */
export function importJobResult(v: unknown): ImportJobResult | null {
  const r = v as Partial<ImportJobResult> | null;
  return r && typeof r === 'object' && typeof r.applied === 'boolean' && Array.isArray(r.errors) ? (r as ImportJobResult) : null;
}

/** Reports progress at most every `everyMs`, one report at a time, never holding up the rows being written. */
function throttled(report: (done: number, total: number) => Promise<void>, everyMs = 500) {
  let last = 0;
  let pending: Promise<void> | null = null;
  const progress: ImportProgress = (done, total) => {
    const now = Date.now();
    if (pending || now - last < everyMs) return;
    last = now;
    pending = report(done, total)
      .catch(() => {})
      .finally(() => {
        pending = null;
      });
  };
  return { progress, settled: async () => void (await pending) };
}

export const importJob = defineJob<ImportJobPayload>(IMPORT_JOB, {
  // Applying is all or nothing and the same file twice changes nothing, so a retry after a crash is safe.
  maxAttempts: 3,
  handler: async (job): Promise<ImportJobResult> => {
    const p = job.payload;
    const ctx = createCtx({ db: job.db, config: job.config, actor: p.actor, ip: p.ip, lang: p.lang });
    const store = fileStore(job.config.dataDir);
    if (!store.exists(p.sha256)) throw new Error(`import file ${p.sha256} is no longer in the file store`);
    const file: ImportFile = { bytes: fs.readFileSync(store.pathOf(p.sha256)), name: p.name ?? undefined, declared: p.declared ?? undefined };
    const checked = await checkFile(ctx, file);
    await job.progress(0, checked.rows.length);
    const reporter = throttled((d, t) => job.progress(d, t));
    const r = await applyChecked(ctx, file, checked, { progress: reporter.progress, job: job.id });
    await reporter.settled();
    if (r.applied) await job.progress(checked.rows.length, checked.rows.length);
    return { applied: r.applied, created: r.created, updated: r.updated, unchanged: r.unchanged, errors: r.errors.slice(0, MAX_KEPT_ERRORS), moreErrors: Math.max(0, r.errors.length - MAX_KEPT_ERRORS), sha256: r.sha256, file: p.name };
  },
});

export type StartedImport =
  /** Some rows are bad: nothing is stored and nothing queued. */
  | { status: 'refused'; result: ImportResult }
  /** Small enough to apply in the request (inlineUpTo): applied (or refused) at once. */
  | { status: 'done'; result: ImportResult }
  /** Checked and queued: the job applies it. */
  | { status: 'queued'; jobId: number; rows: number; sha256: string };

/**
 * Checks the file now (fast: no writes) and, when every row is good, queues the background job that
 * applies it as the caller. Files of at most `inlineUpTo` rows are applied here instead.
 * The same caller sending the same file while its job waits gets that job again.
 */
export async function startImport(ctx: Ctx, file: ImportFile, opts: { inlineUpTo?: number } = {}): Promise<StartedImport> {
  const checked = await checkFile(ctx, file);
  // The rows are also planned by the registry's rule (no writes), so a row it would refuse is named now, not by the job.
  if (!checked.errors.length) await planRows(ctx, checked);
  if (checked.errors.length) return { status: 'refused', result: result(false, [], checked.errors, checked.sha256) };
  if (checked.rows.length <= (opts.inlineUpTo ?? 0)) return { status: 'done', result: await applyChecked(ctx, file, checked, {}) };
  const store = fileStore(ctx.config.dataDir);
  if (!store.exists(checked.sha256)) await store.put(file.bytes);
  const payload: ImportJobPayload = { sha256: checked.sha256, name: file.name ?? null, declared: file.declared ?? null, actor: ctx.actor, ip: ctx.source.ip ?? null, lang: ctx.lang };
  const userId = ctx.actor?.userId ?? null;
  const jobId = await transaction(ctx, (tx) => enqueue(tx.tx, importJob, payload, { createdBy: userId, dedupeKey: `${userId ?? 'system'}:${checked.sha256}` }));
  return { status: 'queued', jobId, rows: checked.rows.length, sha256: checked.sha256 };
}

/** How many systems each outcome would touch, for a quick look without the per-row detail. */
export const importCounts = (r: ImportResult) => ({ applied: r.applied, created: r.created, updated: r.updated, unchanged: r.unchanged, errors: r.errors });

