// JSON API of the portfolio. The same queries and commands as the pages; presenters shape the JSON.
import type { App } from '../../platform/http/app.ts';
import { Type, type Static } from 'typebox';
import { ctxOf } from '../../platform/http/request-context.ts';
import { decide } from '../../platform/auth/access.ts';
import { AppError, invalid } from '../../platform/http/errors.ts';
import { Acronym, Id as IdT, Pattern, Text } from '../../platform/http/schemas.ts';
import { contentDisposition, FILE_KINDS } from '../../platform/files/index.ts';
import { AUDIENCES, CHANNELS, INTEGRATION_CHANNELS, INTEGRATION_STATUSES } from './schema.ts';
import { findInstitution } from '../reference/index.ts';
import { systemPolicy } from './access.ts';
import { catalogue, integrationMap, integrationRow, publicEServices, publicSharedSystems, systemView } from './queries.ts';
import { agreementFile, agreementsOf, loadIntegration, uploadAgreement } from './agreements.service.ts';
import type { IntegrationAgreement } from './schema.ts';
import { clusters, ensureFresh, reuseAdvice } from './overlaps.service.ts';
import { registerSystem, updateSystem } from './systems.service.ts';
import { addEService, removeEService } from './eservices.service.ts';
import { addIntegration, removeIntegration } from './integrations.service.ts';
import { OverlapsT, presentOverlaps, presentSummary, presentSystem, SystemInputT, SystemSummaryT, SystemT } from './presenters.ts';

const Problem = { $ref: 'Problem#' } as const;
const errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem, 422: Problem };
const tags = ['portfolio'];
const Id = Type.Object({ id: IdT() });
const ListQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 200 })),
  capability: Type.Optional(Type.String({ maxLength: 20 })),
  institution: Type.Optional(Type.String({ maxLength: 40 })),
  sector: Type.Optional(Type.String({ maxLength: 80 })),
  hosting: Type.Optional(Type.String({ maxLength: 20 })),
  lifecycle: Type.Optional(Type.String({ maxLength: 20 })),
  govesb: Type.Optional(Type.Boolean()),
  personalData: Type.Optional(Type.Boolean()),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
});

export async function portfolioApi(app: App) {
  const read = { action: 'portfolio:read' as const };
  const write = { action: 'portfolio:write' as const, noCsrf: true };

  app.get('/api/v1/portfolio/systems', { config: read, schema: { tags, summary: 'List systems the caller may see', querystring: ListQuery, response: { 200: Type.Object({ total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer(), items: Type.Array(SystemSummaryT) }), ...errors } } }, async (req) => {
    const r = await catalogue(ctxOf(req), req.query);
    return { ...r, items: r.items.map(presentSummary) };
  });

  app.get('/api/v1/portfolio/systems/:id', { config: read, schema: { tags, summary: 'One system (details only for its institution and the authority)', params: Id, response: { 200: SystemT, ...errors } } }, async (req) => {
    const v = await systemView(ctxOf(req), req.params.id);
    return presentSystem(v.system, v.institution.acronym, v.uses?.code ?? null, decide(req.actor, systemPolicy, 'readDetails', v.system).ok);
  });

  const CreateT = Type.Object({ institution: Acronym({ description: 'Acronym of the institution' }), ...SystemInputT.properties }, { required: ['institution', ...(SystemInputT.required ?? [])] });
  app.post('/api/v1/portfolio/systems', { config: write, schema: { tags, summary: 'Register a system', security: [{ bearer: [] }], body: CreateT, response: { 201: SystemT, ...errors } } }, async (req, reply) => {
    const b = req.body;
    const inst = await findInstitution(app.db.orm, b.institution);
    if (!inst) throw invalid({ institution: 'portfolio.field.institution' });
    const s = await registerSystem(ctxOf(req), { ...b, institutionId: inst.id });
    const v = await systemView(ctxOf(req), s.id);
    return reply.status(201).send(presentSystem(v.system, v.institution.acronym, v.uses?.code ?? null, true));
  });

  const UpdateT = Type.Object({ revision: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }), ...SystemInputT.properties }, { required: ['revision', ...(SystemInputT.required ?? [])] });
  app.put('/api/v1/portfolio/systems/:id', { config: write, schema: { tags, summary: 'Save a system (send the revision you started from; 409 when someone saved since)', security: [{ bearer: [] }], params: Id, body: UpdateT, response: { 200: SystemT, ...errors } } }, async (req) => {
    const b = req.body;
    await updateSystem(ctxOf(req), { ...b, id: req.params.id });
    const v = await systemView(ctxOf(req), req.params.id);
    return presentSystem(v.system, v.institution.acronym, v.uses?.code ?? null, true);
  });

  const EServiceT = Type.Object({
    nameSw: Type.Optional(Type.String({ maxLength: 200 })), nameEn: Type.Optional(Type.String({ maxLength: 200 })), audience: Type.Union(AUDIENCES.map((v) => Type.Literal(v))),
    channels: Type.Array(Type.Union(CHANNELS.map((v) => Type.Literal(v))), { minItems: 1, maxItems: 4, examples: [['web']] }), feeTzs: Type.Optional(Type.Union([Type.Integer({ minimum: 0, maximum: 1_000_000_000_000 }), Type.Null()])), url: Type.Optional(Type.String({ maxLength: 500 })),
  });
  app.post('/api/v1/portfolio/systems/:id/eservices', { config: write, schema: { tags, summary: 'Add an e-service to a system', security: [{ bearer: [] }], params: Id, body: EServiceT, response: { 201: Type.Object({ id: Type.String() }), ...errors } } }, async (req, reply) => {
    const e = await addEService(ctxOf(req), { ...req.body, systemId: req.params.id });
    return reply.status(201).send({ id: e.id });
  });
  app.delete('/api/v1/portfolio/eservices/:id', { config: write, schema: { tags, summary: 'Remove an e-service', security: [{ bearer: [] }], params: Id, response: { 204: Type.Null(), ...errors } } }, async (req, reply) => {
    await removeEService(ctxOf(req), { id: req.params.id });
    return reply.status(204).send(null);
  });

  const IntegrationRowT = Type.Object({
    id: Type.String(), providerId: Type.String(), provider: Type.String(), providerInstitution: Type.String(), consumerId: Type.String(), consumer: Type.String(), consumerInstitution: Type.String(),
    dataExchanged: Type.String(), channel: Type.String(), status: Type.String(), legalBasis: Type.String(), agreementName: Type.Union([Type.String(), Type.Null()], { description: 'Name of the current agreement file; null when none was uploaded' }),
  });
  app.get('/api/v1/portfolio/integrations', { config: read, schema: { tags, summary: 'Integrations with at least one side the caller may see', querystring: Type.Object({ institution: Type.Optional(Type.String({ maxLength: 40 })) }), response: { 200: Type.Object({ items: Type.Array(IntegrationRowT) }), ...errors } } }, async (req) => ({
    items: await integrationMap(ctxOf(req), { institution: req.query.institution }),
  }));
  const IntegrationInT = Type.Object({
    provider: Pattern(/^[A-Za-z0-9&._\/-]{3,100}$/, 100, 'e-GA/GovESB', { description: 'System id or ACRONYM/CODE' }), consumer: Pattern(/^[A-Za-z0-9&._\/-]{3,100}$/, 100, 'e-GA/GMS', { description: 'System id or ACRONYM/CODE' }),
    dataExchanged: Type.String({ maxLength: 500 }), channel: Type.Union(INTEGRATION_CHANNELS.map((v) => Type.Literal(v))), legalBasis: Type.Optional(Type.String({ maxLength: 500 })), status: Type.Union(INTEGRATION_STATUSES.map((v) => Type.Literal(v))),
  });
  app.post('/api/v1/portfolio/integrations', { config: write, schema: { tags, summary: 'Record an integration (one side must be your institution\'s)', security: [{ bearer: [] }], body: IntegrationInT, response: { 201: Type.Object({ id: Type.String() }), ...errors } } }, async (req, reply) => {
    const g = await addIntegration(ctxOf(req), req.body);
    return reply.status(201).send({ id: g.id });
  });
  // One integration with its data-sharing agreement files (decision 0215): seen by whoever may read
  // the details of either side; the file is uploaded by whoever may edit either side.
  const AgreementT = Type.Object({ id: Type.String(), fileName: Type.String(), type: Type.String(), size: Type.Integer(), sha256: Type.String(), uploadedAt: Type.String({ format: 'date-time' }), uploadedBy: Type.String() });
  const IntegrationT = Type.Object({ ...IntegrationRowT.properties, revision: Type.Integer(), agreement: Type.Union([AgreementT, Type.Null()]), earlierAgreements: Type.Array(AgreementT) });
  const presentAgreement = (a: IntegrationAgreement) => ({ id: a.id, fileName: a.fileName, type: a.fileType, size: a.size, sha256: a.sha256, uploadedAt: a.uploadedAt.toISOString(), uploadedBy: a.uploadedLabel });
  const integrationJson = async (ctx: ReturnType<typeof ctxOf>, id: string) => {
    const { integration } = await loadIntegration(ctx, id);
    const row = await integrationRow(ctx, integration.id);
    if (!row) throw new AppError(404, 'error.notFound.title');
    const all = (await agreementsOf(ctx, integration.id)).reverse();
    const current = all.find((a) => a.sha256 === integration.agreementSha256);
    return { ...row, revision: integration.revision, agreement: current ? presentAgreement(current) : null, earlierAgreements: all.filter((a) => a !== current).map(presentAgreement) };
  };
  app.get('/api/v1/portfolio/integrations/:id', { config: read, schema: { tags, summary: 'One integration with its agreement files (for whoever may read the details of either side)', params: Id, response: { 200: IntegrationT, ...errors } } }, async (req) => integrationJson(ctxOf(req), req.params.id));

  // The agreement file is the raw body (no multipart), as for a library edition's file.
  app.addContentTypeParser([FILE_KINDS.pdf, FILE_KINDS.docx], { parseAs: 'buffer', bodyLimit: app.config.uploadLimit }, (_req, body, done) => done(null, body));
  const binary = { schema: { description: 'The file’s bytes' } };
  app.put('/api/v1/portfolio/integrations/:id/agreement', {
    config: write,
    bodyLimit: app.config.uploadLimit,
    schema: {
      tags,
      summary: 'Upload the integration’s data-sharing agreement (PDF or DOCX); an earlier file is kept',
      description: 'The body is the file itself, with `Content-Type: application/pdf` or the DOCX type. Its type is decided by its content, within the upload limit and the archive caps, and it is stored by its SHA-256. One side of the integration must be your institution’s: 404 for an integration you cannot see, 403 when you may see but not change it, 413 over the upload limit, 422 for a refused file (the `errors` member says why).',
      security: [{ bearer: [] }],
      params: Id,
      querystring: Type.Object({ filename: Type.Optional(Text(255, { description: 'Name of the file, kept for downloads' })) }),
      body: { content: { [FILE_KINDS.pdf]: binary, [FILE_KINDS.docx]: binary } },
      response: { 200: IntegrationT, ...errors },
    },
  }, async (req) => {
    const body: unknown = req.body;
    if (!Buffer.isBuffer(body)) throw new AppError(415, 'error.badRequest.title');
    await uploadAgreement(ctxOf(req), { integrationId: req.params.id, fileName: req.query.filename ?? '', bytes: body });
    return integrationJson(ctxOf(req), req.params.id);
  });
  app.get('/api/v1/portfolio/integrations/:id/agreement', {
    config: read,
    schema: { tags, summary: 'Download the integration’s agreement file (the current one, or an earlier one by its id)', params: Id, querystring: Type.Object({ version: Type.Optional(IdT({ description: 'An earlier file (its id in `earlierAgreements`)' })) }), response: { ...errors } },
  }, async (req, reply) => {
    const { agreement, stream } = await agreementFile(ctxOf(req), req.params.id, req.query.version);
    return reply.type(agreement.fileType).header('content-disposition', contentDisposition(agreement.fileName)).header('x-content-type-options', 'nosniff').send(stream);
  });

  app.delete('/api/v1/portfolio/integrations/:id', { config: write, schema: { tags, summary: 'Remove an integration', security: [{ bearer: [] }], params: Id, response: { 204: Type.Null(), ...errors } } }, async (req, reply) => {
    await removeIntegration(ctxOf(req), { id: req.params.id });
    return reply.status(204).send(null);
  });

  app.get('/api/v1/portfolio/overlaps', { config: read, schema: { tags, summary: 'Clusters of overlapping systems (computed first when the registry changed)', response: { 200: OverlapsT, ...errors } } }, async (req) => {
    await ensureFresh(app.db);
    return presentOverlaps(await clusters(ctxOf(req), { limit: 1_000_000 }), req.lang);
  });

  const AdviceInT = Type.Object({ institution: Acronym(), name: Type.String({ maxLength: 200 }), nameSw: Type.Optional(Type.String({ maxLength: 200 })), nameEn: Type.Optional(Type.String({ maxLength: 200 })), purpose: Type.Optional(Type.String({ maxLength: 2000 })), capabilities: Type.Optional(Type.Array(Type.String({ maxLength: 20 }), { maxItems: 20 })) });
  app.post('/api/v1/portfolio/reuse-advice', { config: { action: 'portfolio:write', noCsrf: true }, schema: { tags, summary: 'Shared systems and other institutions\' systems that already do this job (nothing is saved)', security: [{ bearer: [] }], body: AdviceInT, response: { 200: Type.Object({ matches: Type.Array(Type.Object({ id: Type.String(), institution: Type.String(), code: Type.String(), name: Type.String(), shared: Type.Boolean(), score: Type.Number(), reasons: Type.Array(Type.Object({ kind: Type.String() }, { additionalProperties: true })) })) }), ...errors } } }, async (req) => {
    const b = req.body;
    const inst = await findInstitution(app.db.orm, b.institution);
    if (!inst) throw invalid({ institution: 'portfolio.field.institution' });
    const matches = await reuseAdvice(ctxOf(req), { ...b, institutionId: inst.id });
    return { matches: matches.map((m) => ({ id: m.id, institution: m.institution, code: m.code, name: m.name, shared: m.shared, score: Math.round(m.score * 1000) / 1000, reasons: m.reasons as never })) };
  });

  app.get('/api/v1/portfolio/eservices', { config: { action: 'portfolio:public' }, schema: { tags, summary: 'The public e-services catalogue', querystring: Type.Object({ q: Type.Optional(Type.String({ maxLength: 200 })), audience: Type.Optional(Type.String({ maxLength: 20 })), page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })) }) } }, async (req) => {
    const r = await publicEServices(ctxOf(req), req.query);
    return { ...r, items: r.items.map(({ total: _t, ...e }) => e) };
  });

  app.get('/api/v1/portfolio/shared', { config: { action: 'portfolio:public' }, schema: { tags, summary: 'Shared government systems and how many institutions use each' } }, async (req) => ({ items: await publicSharedSystems(ctxOf(req)) }));
}
