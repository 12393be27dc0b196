// The oversight part of compliance oversight: its pages, API and background jobs. ../module.ts registers it.
import type { App } from '../../../platform/http/app.ts';
import { oversightRoutes } from './routes.tsx';
import { oversightApi } from './api.ts';
// Defines and schedules the reminder and escalation job.
import './reminders.ts';

export async function oversightArea(app: App) {
  await app.register(oversightRoutes);
  await app.register(oversightApi);
}
