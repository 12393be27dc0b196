// The administration module: people, institutions, the audit trail, the mail outbox, background jobs, and their API.
import type { App } from '../../platform/http/app.ts';
import { peopleRoutes } from './people.routes.tsx';
import { institutionRoutes } from './institutions.routes.tsx';
import { auditRoutes } from './audit.routes.tsx';
import { jobRoutes } from './jobs.routes.tsx';
import { adminApi } from './api.ts';

export async function adminRoutes(app: App) {
  await app.register(peopleRoutes);
  await app.register(institutionRoutes);
  await app.register(auditRoutes);
  await app.register(jobRoutes);
  await app.register(adminApi);
}
