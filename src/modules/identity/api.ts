// Identity JSON API: who am I, and my API tokens.
import type { App } from '../../platform/http/app.ts';
import { ctxOf } from '../../platform/http/request-context.ts';
import { Type } from 'typebox';
import { ROLES } from '../../platform/auth/actor.ts';
import { Id, Int, Text, OneOf } from '../../platform/http/schemas.ts';
import { listTokens, createToken, revokeToken, type ApiToken } from './tokens.service.ts';

const Problem = { $ref: 'Problem#' } as const;

const Me = Type.Object({
  id: Type.String({ format: 'uuid' }),
  name: Type.String(),
  email: Type.String(),
  lang: Type.Union([Type.Literal('sw'), Type.Literal('en')]),
  roles: Type.Array(
    Type.Object({
      role: OneOf(ROLES),
      institutionId: Type.Union([Type.String(), Type.Null()]),
      institutionAcronym: Type.Union([Type.String(), Type.Null()]),
    }),
  ),
  token: Type.Optional(
    Type.Object({ id: Type.String(), scope: Type.Union([Type.Literal('read'), Type.Literal('write')]), institutionId: Type.Union([Type.String(), Type.Null()]) }),
  ),
});

const Token = Type.Object({
  id: Type.String({ format: 'uuid' }),
  name: Type.String(),
  prefix: Type.String(),
  scope: Type.Union([Type.Literal('read'), Type.Literal('write')]),
  institutionId: Type.Union([Type.String(), Type.Null()]),
  expiresAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  lastUsedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  createdAt: Type.String({ format: 'date-time' }),
});

const present = (t: ApiToken) => ({
  id: t.id,
  name: t.name,
  prefix: t.prefix,
  scope: t.scope,
  institutionId: t.institutionId,
  expiresAt: t.expiresAt?.toISOString() ?? null,
  lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
  createdAt: t.createdAt.toISOString(),
});

export async function identityApi(app: App) {
  const security = [{ bearer: [] }];
  app.get(
    '/api/v1/me',
    {
      config: { action: 'account:read' },
      schema: { summary: 'The caller: id, name, e-mail and roles with their institutions', tags: ['identity'], security, response: { 200: Me, 401: Problem } },
    },
    async (req) => {
      const a = req.actor!;
      return {
        id: a.userId,
        name: a.name,
        email: a.email,
        lang: a.lang,
        roles: a.roles,
        ...(a.tokenId ? { token: { id: a.tokenId, scope: a.tokenScope!, institutionId: a.serviceInstitutionId ?? null } } : {}),
      };
    },
  );

  app.get(
    '/api/v1/tokens',
    {
      config: { action: 'account:read' },
      schema: { summary: 'The caller’s active API tokens (never the secrets)', tags: ['identity'], security, response: { 200: Type.Object({ items: Type.Array(Token) }), 401: Problem } },
    },
    async (req) => ({ items: (await listTokens(app.db.orm, req.actor!.userId)).map(present) }),
  );

  app.post(
    '/api/v1/tokens',
    {
      config: { action: 'tokens:personal' },
      schema: {
        summary: 'Create a personal token, or a service token for an institution (shown once)',
        tags: ['identity'],
        security,
        body: Type.Object(
          {
            name: Text(100, { minLength: 1 }),
            scope: Type.Union([Type.Literal('read'), Type.Literal('write')]),
            expiresInDays: Type.Optional(Type.Union([Int(1, 366), Type.Null()])),
            institutionId: Type.Optional(Type.Union([Id(), Type.Null()])),
          },
          { additionalProperties: false },
        ),
        response: { 201: Type.Object({ token: Type.String(), record: Token }), 400: Problem, 401: Problem, 403: Problem, 422: Problem },
      },
    },
    async (req, reply) => {
      const body = req.body;
      const { token, record } = await createToken(ctxOf(req), body);
      return reply.status(201).send({ token, record: present(record) });
    },
  );

  app.delete(
    '/api/v1/tokens/:id',
    {
      config: { action: 'tokens:personal' },
      schema: { summary: 'Revoke one of the caller’s tokens', tags: ['identity'], security, params: Type.Object({ id: Id() }), response: { 204: Type.Null(), 401: Problem, 404: Problem } },
    },
    async (req, reply) => {
      await revokeToken(ctxOf(req), { tokenId: req.params.id });
      return reply.status(204).send(null);
    },
  );
}
