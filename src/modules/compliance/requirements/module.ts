// The requirements part of compliance oversight: its pages, API and background jobs. ../module.ts registers it.
import type { FastifyInstance } from 'fastify';

export async function requirementsArea(_app: FastifyInstance) {}
