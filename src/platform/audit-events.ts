// The audit-event catalog. Every action written to the audit trail is declared once, by the module
// that writes it (the module's audit-events.ts), with the kind of record it concerns, the shape of its
// details, how sensitive detail fields are treated and a label in both languages. A module writes
// only through the recorder its catalog returns, so an undeclared event or a wrong detail shape is a
// compile error, and the redaction happens before the entry is hashed and stored.
// See docs/decisions/0030-audit-event-catalog.md.
import type { Lang } from './i18n/catalog.ts';
import { recordAudit, type AuditSource } from './audit.ts';
import type { Tx } from './db/database.ts';

/**
 * What happens to a sensitive detail field before the entry is stored:
 * - `omit`: never stored (secrets, token values, codes, link addresses, message bodies);
 * - `mask`: stored as `[redacted]`, so the entry shows the field was given but not its value;
 * - `emailDomain`: an e-mail address kept only as its domain (`…@ega.go.tz`): personal data minimised.
 */
export type Redaction = 'omit' | 'mask' | 'emailDomain';
export const REDACTED = '[redacted]';

type Details = Record<string, unknown>;
/** No details at all. */
export type NoDetails = Record<never, never>;

export interface AuditEventSpec<D extends Details> {
  /** The kind of record the entry concerns (stored as entity_type). */
  entity: string;
  en: string;
  sw: string;
  /** Sensitive detail fields and what happens to them before the entry is stored. */
  redact?: { readonly [K in keyof D & string]?: Redaction };
  /** A signed checkpoint of the chain is requested right after this event (decision 0603). */
  checkpoint?: boolean;
}

declare const detailsType: unique symbol;
/** A declared event; carries the type of its details for the recorder. */
export interface AuditEvent<D extends Details> extends AuditEventSpec<D> {
  readonly [detailsType]?: D;
}

/** Declares one event: `event<{ name: string }>({ entity: 'api_token', en: '…', sw: '…' })`. */
export function event<D extends Details = NoDetails>(spec: AuditEventSpec<D>): AuditEvent<D> {
  return spec;
}

type DetailsOf<E> = E extends AuditEvent<infer D> ? D : never;
type EntryOf<E> = {
  entityId?: string | null;
  institutionId?: string | null;
} & ([keyof DetailsOf<E>] extends [never] ? { details?: undefined } : { details: DetailsOf<E> });

/** Where an entry is written: the open transaction and who acts (a command's TxCtx has both). */
export interface AuditTarget {
  readonly tx: Tx;
  readonly source: AuditSource;
}

// Structural on purpose: a constraint naming AuditEvent<…> would become the contextual type of each
// event() call and erase its details type.
type AnyEvents = Record<string, { readonly entity: string; readonly en: string; readonly sw: string }>;

/** The module that declares and writes a catalog's events, named in both languages (the audit browser's module filter). */
export interface AuditModule {
  module: string;
  en: string;
  sw: string;
}

export interface AuditCatalog<M extends AnyEvents = AnyEvents> extends AuditModule {
  readonly events: M;
  /** Records a declared event in the target's transaction, redacted as declared. */
  audit<N extends keyof M & string>(target: AuditTarget, name: N, entry: EntryOf<M[N]>): Promise<void>;
}

/**
 * Detail keys that name a secret. Such a field must be declared in `redact`; the recorder refuses an
 * entry that would store one as given (a test or the first run notices, not a reader of the trail).
 */
const SECRET_KEY = /secret|password|passphrase|^token$|totp|recovery.?codes?|^(mail)?body$|^(link|url)$/i;

const registry = new Map<string, { module: string; spec: AnyEvents[string] }>();

export function defineAuditEvents<const M extends AnyEvents>(about: AuditModule, events: M): AuditCatalog<M> {
  const { module } = about;
  for (const [name, spec] of Object.entries(events)) {
    const other = registry.get(name);
    if (other && other.spec !== spec) throw new Error(`audit event ${name} is declared by ${other.module} and ${module}`);
    registry.set(name, { module, spec });
  }
  return {
    ...about,
    events,
    audit: (target, name, entry) => {
      const spec = events[name] as AuditEventSpec<Details> | undefined;
      if (!spec) throw new Error(`undeclared audit event ${name}`);
      const e = entry as { entityId?: string | null; institutionId?: string | null; details?: Details };
      return recordAudit(
        target.tx,
        target.source,
        { action: name, entityType: spec.entity, entityId: e.entityId ?? null, institutionId: e.institutionId ?? null, summary: redactDetails(name, spec, e.details) },
        { checkpoint: spec.checkpoint === true },
      );
    },
  };
}

/** The details as they are stored: declared redactions applied; an undeclared secret-like field refused. */
export function redactDetails(name: string, spec: AuditEventSpec<Details>, details: Details | undefined): Details | undefined {
  if (!details) return undefined;
  const rules: Record<string, Redaction | undefined> = spec.redact ?? {};
  const out: Details = {};
  for (const [k, v] of Object.entries(details)) {
    const rule = rules[k];
    if (!rule) {
      if (SECRET_KEY.test(k)) throw new Error(`audit event ${name}: detail "${k}" looks secret; declare its redaction in the catalog`);
      out[k] = v;
    } else if (v === undefined || v === null || rule === 'omit') continue;
    else if (rule === 'mask') out[k] = REDACTED;
    else out[k] = emailDomain(String(v));
  }
  return out;
}

/** `someone@ega.go.tz` → `…@ega.go.tz`; text that is not an address (a password typed in the wrong box) is not kept. */
export function emailDomain(v: string): string {
  const at = v.lastIndexOf('@');
  const domain = at > 0 ? v.slice(at + 1) : '';
  return /^[a-z0-9.-]+\.[a-z]{2,}$/i.test(domain) ? `…@${domain.toLowerCase()}` : REDACTED;
}

/** One declared event as readers see it. */
export interface DeclaredEvent {
  name: string;
  module: string;
  entity: string;
  label: Record<Lang, string>;
  redact: Record<string, Redaction>;
}

/** Every event declared by a loaded catalog, in module then name order. */
export function declaredEvents(catalogs: readonly AuditCatalog[]): DeclaredEvent[] {
  return catalogs
    .flatMap((c) =>
      Object.entries(c.events as Record<string, AuditEventSpec<Details>>).map(([name, s]) => ({ name, module: c.module, entity: s.entity, label: { en: s.en, sw: s.sw }, redact: { ...s.redact } as Record<string, Redaction> })),
    )
    .sort((a, b) => a.module.localeCompare(b.module) || a.name.localeCompare(b.name));
}
