// The portfolio module's entry: its pages, API and background job. src/app.ts registers it.
import type { App } from '../../platform/http/app.ts';
import { portfolioRoutes } from './routes.tsx';
import { portfolioApi } from './api.ts';
import { portfolioImportRoutes } from './import.routes.tsx';
import { portfolioExportRoutes } from './export.routes.ts';
import { portfolioImportApi } from './import.api.ts';

export async function portfolioModule(app: App) {
  await app.register(portfolioRoutes);
  await app.register(portfolioApi);
  await app.register(portfolioImportRoutes);
  await app.register(portfolioExportRoutes);
  await app.register(portfolioImportApi);
}
