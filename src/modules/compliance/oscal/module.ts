// The OSCAL part of compliance oversight: exports of the requirements (catalog), closed cycles
// (assessment results) and remediation plans (POA&M), reference frameworks loaded from OSCAL
// catalogs, and mappings of requirements to their controls. ../module.ts registers it.
import type { App } from '../../../platform/http/app.ts';
import { oscalRoutes } from './routes.tsx';
import { oscalApi } from './api.ts';

export async function oscalArea(app: App) {
  await app.register(oscalRoutes);
  await app.register(oscalApi);
}
