// The requirements part of compliance oversight: its pages, API and background jobs. ../module.ts registers it.
import type { App } from '../../../platform/http/app.ts';
import './jobs.ts';
import { requirementsRoutes } from './routes.tsx';
import { requirementsApi } from './api.ts';

export async function requirementsArea(app: App) {
  await app.register(requirementsRoutes);
  await app.register(requirementsApi);
}
