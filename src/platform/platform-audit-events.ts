// The platform's own audit events: background jobs and the sealing of stored secrets.
import { defineAuditEvents, event } from './audit-events.ts';

export const platformAuditEvents = defineAuditEvents({ module: 'platform', en: 'Jobs and stored secrets', sw: 'Kazi na siri zilizohifadhiwa' }, {
  // The job keeps its last error for operators; the trail does not copy it (it can quote a recipient or a link).
  'job.retry': event<{ type: string; attempts: number; lastError: string | null }>({ entity: 'job', en: 'Job retried', sw: 'Kazi imerudiwa', redact: { lastError: 'omit' } }),
  'secrets.seal': event<{ resealed: number; keyId: string }>({ entity: 'secrets', en: 'Stored secrets sealed', sw: 'Siri zilizohifadhiwa zimefungwa' }),
  'secrets.rotate': event<{ resealed: number; keyId: string }>({ entity: 'secrets', en: 'Stored secrets re-sealed under a new key', sw: 'Siri zilizohifadhiwa zimefungwa upya kwa ufunguo mpya', checkpoint: true }),
});
export const audit = platformAuditEvents.audit;
