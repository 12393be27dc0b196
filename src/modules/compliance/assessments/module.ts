// The assessments part of compliance oversight: its pages, API and background jobs. ../module.ts registers it.
import type { App } from '../../../platform/http/app.ts';
import './open.job.ts';
import './reminders.job.ts';
import { assessmentRoutes } from './routes.tsx';
import { assessmentsApi } from './api.ts';

export async function assessmentsArea(app: App) {
  await app.register(assessmentRoutes);
  await app.register(assessmentsApi);
}
