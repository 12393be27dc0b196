// OSCAL API: the three documents as downloads, the reference frameworks and their controls, and
// requirement mappings. The documents are shaped by documents.ts (the OSCAL 1.0.6 schemas), the rest
// by presenters.ts.
import type { App } from '../../../platform/http/app.ts';
import { Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';
import { Type, type Static } from 'typebox';
import { ctxOf } from '../../../platform/http/request-context.ts';
import { contentDisposition } from '../../../platform/files/index.ts';
import { Acronym, Id, Text, OneOf } from '../../../platform/http/schemas.ts';
import { RELATIONS } from './rules.ts';
import { assessmentResultsChunks, catalogExport, poamExport } from './export.ts';
import { frameworkList, mappingsOf, searchControls } from './queries.ts';
import { addMapping, loadRequirement, removeMapping } from './mappings.service.ts';
import { ControlT, FrameworkT, MappingT, presentControl, presentFramework, presentMapping } from './presenters.ts';

const Problem = { $ref: 'Problem#' } as const;
const errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem, 422: Problem };
const tags = ['compliance'];
const OSCAL_JSON = 'application/json; charset=utf-8';

/** A document as a download; large ones (a national cycle's results) arrive as chunks and are streamed. */
function document(reply: FastifyReply, name: string, doc: unknown) {
  const body = doc && typeof doc === 'object' && Symbol.asyncIterator in doc ? Readable.from(doc as AsyncIterable<string>) : JSON.stringify(doc);
  return reply.type(OSCAL_JSON).header('cache-control', 'no-store').header('content-disposition', contentDisposition(name)).send(body);
}

const ResultsQuery = Type.Object({ cycle: Type.Optional(Id({ description: 'The cycle; the latest closed cycle when absent' })), institution: Type.Optional(Acronym({ description: 'Only this institution’s part' })) });
const PoamQuery = Type.Object({ institution: Acronym({ description: 'Acronym of the institution' }) });
const ControlsQuery = Type.Object({ framework: Type.Optional(Id()), q: Type.Optional(Text(100)), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })) });
const MappingsQuery = Type.Object({ requirement: Id() });
const MappingIn = Type.Object({ requirement: Id(), control: Id({ description: 'The control’s id in Viwango (from /controls)' }), relation: OneOf(RELATIONS) });
const MappingParams = Type.Object({ requirement: Id(), control: Id() });

export async function oscalApi(app: App) {
  const open = { action: 'compliance:public' as const };
  const read = { action: 'compliance:read' as const };
  const map = { action: 'compliance:requirements' as const, noCsrf: true };

  app.get('/api/v1/compliance/oscal/catalog', { config: open, schema: { tags, summary: 'The active requirements as an OSCAL 1.0.6 catalog (with mappings to reference controls)' } }, async (req, reply) =>
    document(reply, 'viwango-catalog.json', await catalogExport(ctxOf(req))),
  );

  app.get('/api/v1/compliance/oscal/assessment-results', { config: read, schema: { tags, summary: 'A closed cycle as OSCAL 1.0.6 assessment results: all institutions for the authority and auditors, an institution’s own part for its people', querystring: ResultsQuery, response: errors } }, async (req, reply) => {
    const q = req.query;
    return document(reply, 'viwango-assessment-results.json', await assessmentResultsChunks(ctxOf(req), { cycleId: q.cycle, institution: q.institution }));
  });

  app.get('/api/v1/compliance/oscal/poam', { config: read, schema: { tags, summary: 'An institution’s remediation plans as an OSCAL 1.0.6 plan of action and milestones', querystring: PoamQuery, response: errors } }, async (req, reply) => {
    const q = req.query;
    return document(reply, `viwango-poam-${q.institution}.json`, await poamExport(ctxOf(req), q.institution));
  });

  app.get('/api/v1/compliance/oscal/frameworks', { config: open, schema: { tags, summary: 'Reference frameworks loaded from OSCAL catalogs', response: { 200: Type.Object({ items: Type.Array(FrameworkT) }), ...errors } } }, async (req) => ({
    items: (await frameworkList(ctxOf(req))).map(presentFramework),
  }));

  app.get('/api/v1/compliance/oscal/controls', { config: open, schema: { tags, summary: 'Controls of the reference frameworks, by id or words of the title', querystring: ControlsQuery, response: { 200: Type.Object({ items: Type.Array(ControlT) }), ...errors } } }, async (req) => {
    const q = req.query;
    return { items: (await searchControls(ctxOf(req), { frameworkId: q.framework, q: q.q, limit: q.limit })).map(presentControl) };
  });

  app.get('/api/v1/compliance/oscal/mappings', { config: open, schema: { tags, summary: 'A requirement’s mappings to reference controls', querystring: MappingsQuery, response: { 200: Type.Object({ items: Type.Array(MappingT) }), ...errors } } }, async (req) => {
    const r = await loadRequirement(ctxOf(req), req.query.requirement);
    return { items: (await mappingsOf(ctxOf(req), r.id)).map(presentMapping) };
  });

  app.post('/api/v1/compliance/oscal/mappings', { config: map, schema: { tags, summary: 'Map a requirement to a control (or change the relation of an existing mapping)', security: [{ bearer: [] }], body: MappingIn, response: { 200: Type.Object({ created: Type.Boolean() }), 201: Type.Object({ created: Type.Boolean() }), ...errors } } }, async (req, reply) => {
    const b = req.body;
    const r = await addMapping(ctxOf(req), { requirementId: b.requirement, controlId: b.control, relation: b.relation });
    return reply.status(r.created ? 201 : 200).send(r);
  });

  app.delete('/api/v1/compliance/oscal/mappings/:requirement/:control', { config: map, schema: { tags, summary: 'Remove a mapping', security: [{ bearer: [] }], params: MappingParams, response: { 204: Type.Null(), ...errors } } }, async (req, reply) => {
    await removeMapping(ctxOf(req), { requirementId: req.params.requirement, controlId: req.params.control });
    return reply.status(204).send(null);
  });
}
