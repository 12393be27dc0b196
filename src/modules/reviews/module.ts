// The reviews module's entry: ICT project proposals and institutional ICT documents reviewed by the
// authority. src/app.ts registers it; importing sla.ts defines the hourly reminder job.
import type { App } from '../../platform/http/app.ts';
import { caseRoutes } from './cases.routes.tsx';
import { settingsRoutes } from './settings.routes.tsx';
import { reviewsApi } from './api.ts';
import './sla.ts';

export async function reviewsModule(app: App) {
  await app.register(caseRoutes);
  await app.register(settingsRoutes);
  await app.register(reviewsApi);
}
