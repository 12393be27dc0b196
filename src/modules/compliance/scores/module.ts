// The scores part of compliance oversight: its pages, API and background jobs. ../module.ts registers it.
import type { FastifyInstance } from 'fastify';

export async function scoresArea(_app: FastifyInstance) {}
