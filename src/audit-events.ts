// Every module's audit-event catalog, in one list: what the audit browser labels and filters by, and
// what the catalog test holds the code against. Add a module's catalog here when it is created (as
// its messages are added to messages.ts).
import { declaredEvents, type AuditCatalog, type DeclaredEvent } from './platform/audit-events.ts';
import type { Lang } from './platform/i18n/catalog.ts';
import { platformAuditEvents } from './platform/platform-audit-events.ts';
import { identityAuditEvents } from './modules/identity/audit-events.ts';
import { adminAuditEvents } from './modules/admin/audit-events.ts';
import { referenceAuditEvents } from './modules/reference/audit-events.ts';
import { libraryAuditEvents } from './modules/library/audit-events.ts';
import { portfolioAuditEvents } from './modules/portfolio/audit-events.ts';
import { complianceAuditEvents } from './modules/compliance/audit-events.ts';
import { reviewsAuditEvents } from './modules/reviews/audit-events.ts';

export const auditCatalogs: readonly AuditCatalog[] = [
  platformAuditEvents,
  identityAuditEvents,
  adminAuditEvents,
  referenceAuditEvents,
  libraryAuditEvents,
  portfolioAuditEvents,
  complianceAuditEvents,
  reviewsAuditEvents,
];

export const auditEvents: readonly DeclaredEvent[] = declaredEvents(auditCatalogs);
const byName = new Map(auditEvents.map((e) => [e.name, e]));

/** The declared event of an action code; undefined for codes no catalog declares (older or test entries). */
export function auditEventOf(action: string): DeclaredEvent | undefined {
  return byName.get(action);
}

/** The event's label in the reader's language, or null for an undeclared code. */
export function auditLabel(action: string, lang: Lang): string | null {
  return byName.get(action)?.label[lang] ?? null;
}

/** The modules that write audit events, with their names in both languages. */
export const auditModules = auditCatalogs.map((c) => ({ module: c.module, label: { en: c.en, sw: c.sw } as Record<Lang, string> }));

/** The action codes a module writes (empty for an unknown module). */
export function actionsOfModule(module: string): string[] {
  return auditEvents.filter((e) => e.module === module).map((e) => e.name);
}
