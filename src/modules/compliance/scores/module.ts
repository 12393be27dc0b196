// The scores part of compliance oversight: its pages, API and background jobs. ../module.ts registers it.
import type { FastifyInstance } from 'fastify';
import './scores.service.ts';
import { scoresRoutes } from './routes.tsx';
import { scoresApi } from './api.ts';

export async function scoresArea(app: FastifyInstance) {
  await app.register(scoresRoutes);
  await app.register(scoresApi);
}
