// The portfolio module's entry: its pages, API and background job. src/app.ts registers it.
import type { FastifyInstance } from 'fastify';
import './overlaps.service.ts';
import { portfolioRoutes } from './routes.tsx';
import { portfolioApi } from './api.ts';

export async function portfolioModule(app: FastifyInstance) {
  await app.register(portfolioRoutes);
  await app.register(portfolioApi);
}
