// The reviews module's entry: ICT project proposals and institutional ICT documents reviewed by the
// authority. src/app.ts registers it.
import type { FastifyInstance } from 'fastify';

export async function reviewsModule(_app: FastifyInstance) {}
