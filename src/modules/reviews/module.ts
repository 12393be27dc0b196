// The reviews module's entry: ICT project proposals and institutional ICT documents reviewed by the
// authority. src/app.ts registers it; importing sla.ts defines the hourly reminder job.
import type { App } from '../../platform/http/app.ts';
import { reviewsRoutes } from './routes.tsx';
import { reviewsApi } from './api.ts';
import './sla.ts';

export async function reviewsModule(app: App) {
  await app.register(reviewsRoutes);
  await app.register(reviewsApi);
}
