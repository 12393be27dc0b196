// Reading the audit trail: filters, keyset paging by seq (the table only grows, so OFFSET would get
// slower forever), CSV export, and the chain check. Who sees what is decided here, not in the
// pages: an institution head's queries are always limited to their own institution.
import type { Database } from '../../platform/db/database.ts';
import type { Ctx } from '../../platform/context.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { scopeOf, type Scope } from '../../platform/auth/policy.ts';
import { scopeClause, scopeFilter } from '../../platform/auth/scope.ts';
import { institutions } from '../reference/index.ts';
import { institutionOptions } from './people.service.ts';
import type { Config } from '../../config.ts';
import { verifyAnchored, type AnchoredResult } from '../../platform/audit-checkpoints.ts';
import { forbidden } from '../../platform/http/errors.ts';
import type { MessageKey } from '../../messages.ts';
import { isUuid } from '../../platform/input.ts';
import { sqlParams, escapeLike, containsPattern } from '../../platform/db/sql-params.ts';
import type { Lang } from '../../platform/i18n/catalog.ts';
import { actionsOfModule, auditEventOf, auditLabel } from '../../audit-events.ts';
import { tanzaniaDayStart } from '../../platform/calendar.ts';

export const AUDIT_PAGE_SIZE = 50;
const CSV_MAX_ROWS = 100_000;

export interface AuditFilter {
  email?: string;
  institutionId?: string;
  entityType?: string;
  /** A module of the audit-event catalog: its events only. */
  module?: string;
  /** A declared event's code matches exactly; any other text matches codes that start with it. */
  action?: string;
  /** YYYY-MM-DD, Tanzanian time. */
  from?: string;
  to?: string;
}

export interface AuditCursor {
  /** Entries older than this seq (next page). */
  before?: number;
  /** Entries newer than this seq (previous page). */
  after?: number;
}

export interface AuditRow {
  seq: number;
  at: Date;
  actorLabel: string;
  via: string;
  ip: string | null;
  institutionId: string | null;
  institutionAcronym: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  summary: Record<string, unknown>;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const dayStart = tanzaniaDayStart;

/** Reads the filter from a query string; bad dates become field errors rather than silent no-ops. */
export function parseAuditFilter(q: Record<string, unknown>): { filter: AuditFilter; cursor: AuditCursor; errors: Record<string, MessageKey> } {
  const s = (k: string) => (typeof q[k] === 'string' ? (q[k] as string).trim() : '');
  const errors: Record<string, MessageKey> = {};
  const filter: AuditFilter = { email: s('email'), institutionId: s('institution'), entityType: s('entity'), module: s('module'), action: s('action'), from: s('from'), to: s('to') };
  for (const k of ['from', 'to'] as const) {
    const v = filter[k];
    if (v && (!DATE.test(v) || Number.isNaN(dayStart(v).getTime()))) {
      errors[k] = 'admin.audit.error.date';
      filter[k] = '';
    }
  }
  const n = (k: string) => (/^\d{1,15}$/.test(s(k)) ? Number(s(k)) : undefined);
  return { filter, cursor: { before: n('before'), after: n('after') }, errors };
}

/** Whose entries the actor may read (403 when nobody's). */
function readableScope(actor: Actor | null): Scope {
  const scope = scopeOf(actor, 'audit:read');
  if (!scope.all && scope.institutions.length === 0) throw forbidden();
  return scope;
}

function whereFor(actor: Actor | null, f: AuditFilter) {
  const scope = readableScope(actor);
  const where: string[] = [];
  const { params, p } = sqlParams();
  if (!scope.all) where.push(scopeClause(scope, 'a.institution_id', p));
  if (f.email) where.push(`a.actor_label ILIKE ${p(containsPattern(f.email))}`);
  if (f.institutionId) where.push(isUuid(f.institutionId) ? `a.institution_id = ${p(f.institutionId)}` : 'false');
  if (f.entityType) where.push(`a.entity_type = ${p(f.entityType)}`);
  if (f.module) where.push(`a.action = ANY(${p(actionsOfModule(f.module))}::text[])`);
  if (f.action) where.push(auditEventOf(f.action) ? `a.action = ${p(f.action)}` : `a.action LIKE ${p(escapeLike(f.action) + '%')}`);
  if (f.from && DATE.test(f.from)) where.push(`a.at >= ${p(dayStart(f.from).toISOString())}`);
  if (f.to && DATE.test(f.to)) where.push(`a.at < ${p(new Date(dayStart(f.to).getTime() + 86_400_000).toISOString())}`);
  return { where, params, p };
}

const SELECT = `SELECT a.seq, a.at, a.actor_label, a.via, a.ip, a.institution_id, i.acronym AS institution_acronym,
  a.action, a.entity_type, a.entity_id, a.summary FROM audit_log a LEFT JOIN institutions i ON i.id = a.institution_id`;

function toRow(r: Record<string, unknown>): AuditRow {
  return {
    seq: Number(r.seq),
    at: new Date(r.at as string),
    actorLabel: r.actor_label as string,
    via: r.via as string,
    ip: (r.ip as string | null) ?? null,
    institutionId: (r.institution_id as string | null) ?? null,
    institutionAcronym: (r.institution_acronym as string | null) ?? null,
    action: r.action as string,
    entityType: r.entity_type as string,
    entityId: (r.entity_id as string | null) ?? null,
    summary: (typeof r.summary === 'string' ? JSON.parse(r.summary) : r.summary) as Record<string, unknown>,
  };
}

/** One page, newest first, with the cursors for the newer and older pages (null at either end). */
export async function auditPage(ctx: Ctx, f: AuditFilter, cursor: AuditCursor = {}, limit = AUDIT_PAGE_SIZE) {
  const { db, actor } = ctx;
  const { where, params, p } = whereFor(actor, f);
  const base = [...where];
  const baseParams = [...params];
  let order = 'DESC';
  if (cursor.after !== undefined) {
    where.push(`a.seq > ${p(cursor.after)}`);
    order = 'ASC';
  } else if (cursor.before !== undefined) where.push(`a.seq < ${p(cursor.before)}`);
  const rows = await db.query<Record<string, unknown>>(`${SELECT} ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY a.seq ${order} LIMIT ${limit}`, params);
  const items = rows.map(toRow);
  if (order === 'ASC') items.reverse();
  if (!items.length) return { items, newer: null, older: null };
  // Whether anything lies beyond either end: two index probes rather than a count of the whole table.
  const beyond = async (cmp: '>' | '<', seq: number) => {
    const w = [...base, `a.seq ${cmp} $${baseParams.length + 1}`];
    const r = await db.query(`SELECT 1 FROM audit_log a WHERE ${w.join(' AND ')} LIMIT 1`, [...baseParams, seq]);
    return r.length > 0;
  };
  const newest = items[0].seq;
  const oldest = items[items.length - 1].seq;
  return { items, newer: (await beyond('>', newest)) ? newest : null, older: (await beyond('<', oldest)) ? oldest : null };
}

/** A CSV cell: quoted when needed, and defused when a spreadsheet would read it as a formula. */
export function csvCell(v: unknown): string {
  let s = v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export const CSV_HEADER = ['seq', 'at', 'actor', 'via', 'ip', 'institution', 'action', 'action_label', 'entity_type', 'entity_id', 'summary'];

/** Every matching entry, newest first, as CSV lines (CRLF), read in keyset pages of 1000; each event labelled in the reader's language. */
export function auditCsv(ctx: Ctx, f: AuditFilter): AsyncGenerator<string> {
  // Refuse before the first line goes out: once streaming has begun the status cannot change.
  readableScope(ctx.actor);
  return csvLines(ctx.db, ctx.actor, f, ctx.lang);
}

async function* csvLines(db: Database, actor: Actor | null, f: AuditFilter, lang: Lang): AsyncGenerator<string> {
  // The byte-order mark tells spreadsheet programs the file is UTF-8 (names with accents, Kiswahili text).
  yield '\uFEFF' + CSV_HEADER.join(',') + '\r\n';
  let before: number | undefined;
  let written = 0;
  while (written < CSV_MAX_ROWS) {
    const { where, params, p } = whereFor(actor, f);
    if (before !== undefined) where.push(`a.seq < ${p(before)}`);
    const rows = (await db.query<Record<string, unknown>>(`${SELECT} ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY a.seq DESC LIMIT 1000`, params)).map(toRow);
    if (!rows.length) return;
    yield rows
      .map((r) => [r.seq, r.at.toISOString(), r.actorLabel, r.via, r.ip, r.institutionAcronym, r.action, auditLabel(r.action, lang), r.entityType, r.entityId, r.summary].map(csvCell).join(',') + '\r\n')
      .join('');
    written += rows.length;
    before = rows[rows.length - 1].seq;
  }
}

/** The institutions the reader's filter offers (only those whose entries they may read), and whether they read everything. */
export async function auditInstitutions(ctx: Ctx) {
  const scope = scopeOf(ctx.actor, 'audit:read');
  return { options: await institutionOptions(ctx.db.orm).where(scopeFilter(scope, institutions.id)), everything: scope.all };
}

/** Entity types for the filter; the index on (entity_type, entity_id) keeps this cheap. */
export async function entityTypes(ctx: Ctx): Promise<string[]> {
  return (await ctx.db.query<{ t: string }>('SELECT DISTINCT entity_type AS t FROM audit_log ORDER BY 1')).map((r) => r.t);
}

/**
 * The chain check walks every entry, so only those who may read every entry may run it. It also
 * holds the chain against the signed checkpoints kept outside the database.
 */
export async function verifyChain(ctx: Ctx): Promise<AnchoredResult> {
  if (!readableScope(ctx.actor).all) throw forbidden();
  return verifyAnchored(ctx.db, ctx.config);
}
