// The scores part of compliance oversight: its pages, API and background jobs. ../module.ts registers it.
import type { App } from '../../../platform/http/app.ts';
import './scores.service.ts';
import { scoresRoutes } from './routes.tsx';
import { scoresApi } from './api.ts';

export async function scoresArea(app: App) {
  await app.register(scoresRoutes);
  await app.register(scoresApi);
}
