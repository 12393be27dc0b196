// The reference module's audit events: loading the reference data.
import { defineAuditEvents, event } from '../../platform/audit-events.ts';

export const referenceAuditEvents = defineAuditEvents({ module: 'reference', en: 'Reference data', sw: 'Data za rejea' }, {
  'reference.load': event<{ groups: number; institutions: number; sharedSystems: number }>({ entity: 'reference_data', en: 'Reference data loaded', sw: 'Data za rejea zimepakiwa' }),
});
export const audit = referenceAuditEvents.audit;
