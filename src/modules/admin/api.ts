// Administration JSON API: the public institutions list, the audit trail and the people list.
import type { App } from '../../platform/http/app.ts';
import { ctxOf } from '../../platform/http/request-context.ts';
import { Type } from 'typebox';
import { ROLES } from '../../platform/auth/actor.ts';
import { INSTITUTION_TYPES } from '../reference/index.ts';
import { AppError } from '../../platform/http/errors.ts';
import { publicInstitutions } from './institutions.service.ts';
import { auditPage, parseAuditFilter } from './audit-browser.service.ts';
import { listPeople } from './people.service.ts';
import { checkpointPage } from '../../platform/audit-checkpoints.ts';
import { loadSigningKey } from '../../platform/audit-signing-key.ts';
import { Code, DateOnly, Id, PageNumber, PageSize, Text, OneOf } from '../../platform/http/schemas.ts';

const Problem = { $ref: 'Problem#' } as const;
const Nullable = <T extends ReturnType<typeof Type.String>>(s: T) => Type.Union([s, Type.Null()]);

const InstitutionItem = Type.Object({
  id: Type.String({ format: 'uuid' }),
  acronym: Type.String(),
  nameSw: Type.String(),
  nameEn: Type.String(),
  type: OneOf(INSTITUTION_TYPES),
  sector: Type.String(),
  parentAcronym: Nullable(Type.String()),
});

const AuditItem = Type.Object({
  seq: Type.Integer(),
  at: Type.String({ format: 'date-time' }),
  actor: Type.String(),
  via: Type.String(),
  institutionId: Nullable(Type.String()),
  institutionAcronym: Nullable(Type.String()),
  action: Type.String(),
  entityType: Type.String(),
  entityId: Nullable(Type.String()),
  summary: Type.Record(Type.String(), Type.Unknown()),
});

const CheckpointItem = Type.Object({
  n: Type.Integer({ description: 'Position in the checkpoint file, from 1; pass the last one you hold as `after`' }),
  seq: Type.Integer({ description: 'The audit entry this checkpoint vouches for' }),
  hash: Type.String({ description: 'That entry’s hash (hex SHA-256)' }),
  at: Type.String({ format: 'date-time' }),
  keyId: Type.String(),
  signature: Type.String({ description: 'Ed25519 signature (base64) of the lines: viwango-audit-checkpoint/1, seq, hash, at, keyId' }),
});

const KeyItem = Type.Object({ keyId: Type.String(), publicKey: Type.String({ description: 'PEM (SPKI)' }), at: Type.String({ format: 'date-time' }) });

const UserItem = Type.Object({
  id: Type.String({ format: 'uuid' }),
  name: Type.String(),
  email: Type.String(),
  active: Type.Boolean(),
  invitationPending: Type.Boolean(),
  lastLoginAt: Nullable(Type.String({ format: 'date-time' })),
  roles: Type.Array(Type.Object({ role: OneOf(ROLES), institutionId: Nullable(Type.String()), institutionAcronym: Nullable(Type.String()) })),
});

const AuditQuery = Type.Object({
  email: Type.Optional(Text(200, { description: 'Entries whose actor e-mail contains this text' })),
  institution: Type.Optional(Id()),
  entity: Type.Optional(Code({ description: 'Entity type, e.g. user, institution' })),
  action: Type.Optional(Code({ description: 'Actions starting with this text, e.g. user.' })),
  from: Type.Optional(DateOnly({ description: 'First day (East Africa Time)' })),
  to: Type.Optional(DateOnly({ description: 'Last day (East Africa Time)' })),
  before: Type.Optional(Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER, description: 'Cursor: entries older than this seq (use nextCursor)' })),
  limit: Type.Optional(PageSize(500, { default: 100 })),
});

export async function adminApi(app: App) {
  const security = [{ bearer: [] }];

  app.get(
    '/api/v1/institutions',
    {
      config: { action: 'site:read' },
      schema: { summary: 'The public reference list of active institutions', tags: ['reference'], response: { 200: Type.Object({ items: Type.Array(InstitutionItem) }) } },
    },
    async () => ({
      items: (await publicInstitutions(app.db)).map((r) => ({ id: r.id, acronym: r.acronym, nameSw: r.name_sw, nameEn: r.name_en, type: r.type, sector: r.sector, parentAcronym: r.parent_acronym })),
    }),
  );

  app.get(
    '/api/v1/audit',
    {
      config: { action: 'audit:read' },
      schema: {
        summary: 'Audit entries, newest first; heads of institution see their institution’s entries only',
        tags: ['audit'],
        security,
        querystring: AuditQuery,
        response: { 200: Type.Object({ items: Type.Array(AuditItem), nextCursor: Type.Union([Type.Integer(), Type.Null()]) }), 401: Problem, 403: Problem, 422: Problem },
      },
    },
    async (req) => {
      const q = req.query;
      const { filter, errors } = parseAuditFilter({ ...q, before: undefined, after: undefined });
      if (Object.keys(errors).length) throw new AppError(422, 'error.summary', undefined, errors);
      const limit = typeof q.limit === 'number' ? q.limit : 100;
      const page = await auditPage(ctxOf(req), filter, { before: typeof q.before === 'number' ? q.before : undefined }, limit);
      return {
        items: page.items.map((e) => ({
          seq: e.seq,
          at: e.at.toISOString(),
          actor: e.actorLabel,
          via: e.via,
          institutionId: e.institutionId,
          institutionAcronym: e.institutionAcronym,
          action: e.action,
          entityType: e.entityType,
          entityId: e.entityId,
          summary: e.summary,
        })),
        nextCursor: page.older,
      };
    },
  );

  app.get(
    '/api/v1/audit/checkpoints',
    {
      config: { action: 'audit:checkpoints' },
      schema: {
        summary: 'Signed checkpoints of the audit chain, oldest first, and the public keys that verify them; copy them elsewhere',
        tags: ['audit'],
        security,
        querystring: Type.Object({
          after: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000_000, default: 0, description: 'Cursor: checkpoints after this position (use nextCursor)' })),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })),
        }),
        response: {
          200: Type.Object({
            keyId: Type.String({ description: 'The key signing new checkpoints' }),
            publicKey: Type.String({ description: 'Its public key, PEM (SPKI)' }),
            keys: Type.Array(KeyItem, { description: 'Every key that signed a checkpoint in the file, retired ones included' }),
            checkpoints: Type.Array(CheckpointItem),
            total: Type.Integer(),
            nextCursor: Type.Union([Type.Integer(), Type.Null()]),
          }),
          401: Problem,
          403: Problem,
        },
      },
    },
    async (req) => {
      const q = req.query;
      const key = loadSigningKey(app.config);
      const page = checkpointPage(app.config, q.after ?? 0, q.limit ?? 100);
      return { keyId: key.keyId, publicKey: key.publicPem, keys: page.keys, checkpoints: page.items, total: page.total, nextCursor: page.nextCursor };
    },
  );

  app.get(
    '/api/v1/users',
    {
      config: { action: 'users:read' },
      schema: {
        summary: 'People with accounts, 25 a page, with their roles',
        tags: ['identity'],
        security,
        querystring: Type.Object({
          q: Type.Optional(Text(200, { description: 'Name or e-mail contains' })),
          role: Type.Optional(OneOf(ROLES)),
          institution: Type.Optional(Id()),
          status: Type.Optional(Type.Union([Type.Literal('active'), Type.Literal('inactive')])),
          page: Type.Optional(PageNumber({ default: 1 })),
        }),
        response: { 200: Type.Object({ items: Type.Array(UserItem), total: Type.Integer(), page: Type.Integer(), pages: Type.Integer() }), 401: Problem, 403: Problem },
      },
    },
    async (req) => {
      const q = req.query;
      const r = await listPeople(ctxOf(req), { q: q.q, role: q.role, institutionId: q.institution, status: q.status, page: q.page });
      return {
        ...r,
        items: r.items.map((p) => ({ id: p.id, name: p.name, email: p.email, active: p.active, invitationPending: !p.hasPassword, lastLoginAt: p.lastLoginAt?.toISOString() ?? null, roles: p.grants })),
      };
    },
  );
}
