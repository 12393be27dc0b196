// The administration module's audit events: the register of institutions.
import { defineAuditEvents, event } from '../../platform/audit-events.ts';

type InstitutionFields = object;

export const adminAuditEvents = defineAuditEvents({ module: 'admin', en: 'Institutions', sw: 'Taasisi' }, {
  'institution.create': event<{ after: InstitutionFields }>({ entity: 'institution', en: 'Institution added', sw: 'Taasisi imeongezwa' }),
  'institution.update': event<{ before: InstitutionFields; after: InstitutionFields }>({ entity: 'institution', en: 'Institution changed', sw: 'Taasisi imebadilishwa' }),
});
export const audit = adminAuditEvents.audit;
