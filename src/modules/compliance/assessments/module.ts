// The assessments part of compliance oversight: its pages, API and background jobs. ../module.ts registers it.
import type { FastifyInstance } from 'fastify';
import './open.job.ts';
import './reminders.job.ts';
import { assessmentRoutes } from './routes.tsx';
import { assessmentsApi } from './api.ts';

export async function assessmentsArea(app: FastifyInstance) {
  await app.register(assessmentRoutes);
  await app.register(assessmentsApi);
}
