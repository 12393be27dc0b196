// RFC 9457 problem details for the JSON API.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';

export const ProblemSchema = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.Optional(Type.String()),
    instance: Type.Optional(Type.String()),
    errors: Type.Optional(Type.Array(Type.Object({ field: Type.String(), message: Type.String() }))),
  },
  { $id: 'Problem', additionalProperties: true },
);

export interface Problem {
  type?: string;
  title: string;
  status: number;
  detail?: string;
  errors?: { field: string; message: string }[];
  [extra: string]: unknown;
}

const TYPES: Record<number, string> = {
  400: 'bad-request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not-found',
  409: 'conflict',
  413: 'payload-too-large',
  415: 'unsupported-media-type',
  422: 'validation-failed',
  429: 'too-many-requests',
  503: 'service-unavailable',
};

export function sendProblem(req: FastifyRequest, reply: FastifyReply, p: Problem) {
  const body = {
    type: p.type ?? `https://viwango.go.tz/problems/${TYPES[p.status] ?? 'error'}`,
    instance: req.url.split('?')[0],
    ...p,
  };
  return reply.status(p.status).type('application/problem+json; charset=utf-8').send(JSON.stringify(body));
}

export function isApiRequest(req: FastifyRequest): boolean {
  return req.url.startsWith('/api/') || req.url === '/healthz';
}
