// JSON API of the library. Same services as the pages; presenters below shape the JSON explicitly.
import type { FastifyInstance } from 'fastify';
import { Type, type Static } from 'typebox';
import { invalid, notFound } from '../../platform/http/errors.ts';
import { ctxOf } from '../../platform/http/request-context.ts';
import { findInstitution } from '../reference/reference.service.ts';
import { listDocuments, documentView, documentSlug, editionByVersion } from './queries.service.ts';
import { search } from './search.service.ts';
import { createDocument, findDocument } from './documents.service.ts';
import { createEdition, saveDraft, transition } from './editions.service.ts';
import type { Edition, Section } from './schema.ts';
import type { DocumentView } from './queries.service.ts';
import type { Transition } from './rules.ts';

const Problem = { $ref: 'Problem#' } as const;
const errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem, 422: Problem };
const ClauseT = Type.Object({ id: Type.Optional(Type.String()), textSw: Type.String(), textEn: Type.String() });
const SectionT = Type.Object({ id: Type.Optional(Type.String()), headingSw: Type.String(), headingEn: Type.String(), clauses: Type.Array(ClauseT) });
const EditionSummaryT = Type.Object({
  id: Type.String(),
  version: Type.String(),
  status: Type.String(),
  effectiveDate: Type.Union([Type.String(), Type.Null()]),
  nextReviewDate: Type.Union([Type.String(), Type.Null()]),
  changeSummary: Type.String(),
  statusReason: Type.Union([Type.String(), Type.Null()]),
  authoritativeLang: Type.String(),
  revision: Type.Integer(),
  file: Type.Union([Type.Object({ sha256: Type.String(), type: Type.String(), size: Type.Integer() }), Type.Null()]),
  url: Type.String(),
});
const EditionT = Type.Intersect([EditionSummaryT, Type.Object({ sections: Type.Array(SectionT) })]);
const DocRefT = Type.Object({ slug: Type.String(), code: Type.String(), titleSw: Type.String(), titleEn: Type.String(), level: Type.Integer(), kind: Type.String() });
const ListItemT = Type.Object({
  slug: Type.String(), code: Type.String(), titleSw: Type.String(), titleEn: Type.String(), level: Type.Integer(), kind: Type.String(), role: Type.String(),
  groupCode: Type.Union([Type.String(), Type.Null()]), sector: Type.Union([Type.String(), Type.Null()]), audience: Type.String(), issuerAcronym: Type.String(),
  parentSlug: Type.Union([Type.String(), Type.Null()]), inForceVersion: Type.Union([Type.String(), Type.Null()]), effectiveDate: Type.Union([Type.String(), Type.Null()]),
  latestStatus: Type.Union([Type.String(), Type.Null()]),
});
const DocumentT = Type.Object({
  slug: Type.String(), code: Type.String(), titleSw: Type.String(), titleEn: Type.String(), summarySw: Type.String(), summaryEn: Type.String(),
  level: Type.Integer(), kind: Type.String(), role: Type.String(), groupCode: Type.Union([Type.String(), Type.Null()]), sector: Type.Union([Type.String(), Type.Null()]),
  audience: Type.String(), issuer: Type.Object({ acronym: Type.String(), nameSw: Type.String(), nameEn: Type.String() }), sample: Type.Boolean(),
  parent: Type.Union([DocRefT, Type.Null()]), related: Type.Array(DocRefT), implements: Type.Array(DocRefT), implementedBy: Type.Array(DocRefT),
  template: Type.Union([Type.Object({ slug: Type.String(), code: Type.String(), version: Type.String() }), Type.Null()]),
  inForceVersion: Type.Union([Type.String(), Type.Null()]), editions: Type.Array(EditionSummaryT),
});
const ListQuery = Type.Object({
  level: Type.Optional(Type.Integer({ minimum: 1, maximum: 3 })), group: Type.Optional(Type.String()), kind: Type.Optional(Type.String()),
  issuer: Type.Optional(Type.String()), status: Type.Optional(Type.String()), q: Type.Optional(Type.String({ maxLength: 200 })),
  page: Type.Optional(Type.Integer({ minimum: 1 })), pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
});
const SearchQuery = Type.Object({
  q: Type.String({ minLength: 1, maxLength: 200 }), level: Type.Optional(Type.Integer({ minimum: 1, maximum: 3 })), group: Type.Optional(Type.String()),
  kind: Type.Optional(Type.String()), issuer: Type.Optional(Type.String()), status: Type.Optional(Type.String()),
  lang: Type.Optional(Type.Union([Type.Literal('sw'), Type.Literal('en')])), page: Type.Optional(Type.Integer({ minimum: 1 })), pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 50 })),
});
const CreateDocT = Type.Object({
  code: Type.String({ maxLength: 64 }), level: Type.Integer({ minimum: 1, maximum: 3 }), kind: Type.String(), issuer: Type.String({ description: 'Issuing institution id or acronym' }),
  titleSw: Type.String({ maxLength: 500 }), titleEn: Type.String({ maxLength: 500 }), summarySw: Type.Optional(Type.String()), summaryEn: Type.Optional(Type.String()),
  parent: Type.Optional(Type.String()), groupCode: Type.Optional(Type.String()), sector: Type.Optional(Type.String()),
  audience: Type.Optional(Type.Union([Type.Literal('public'), Type.Literal('internal')])), implements: Type.Optional(Type.Array(Type.String())),
  templateEditionId: Type.Optional(Type.String()), version: Type.Optional(Type.String()), authoritativeLang: Type.Optional(Type.Union([Type.Literal('sw'), Type.Literal('en')])),
  sections: Type.Optional(Type.Array(SectionT)),
});
const DraftT = Type.Object({
  revision: Type.Integer({ minimum: 1 }), version: Type.Optional(Type.String()), changeSummary: Type.Optional(Type.String()),
  authoritativeLang: Type.Optional(Type.Union([Type.Literal('sw'), Type.Literal('en')])), nextReviewDate: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  sections: Type.Optional(Type.Array(SectionT)),
});
const TransitionT = Type.Object({ reason: Type.Optional(Type.String()), effectiveDate: Type.Optional(Type.String()) });

function editionSummary(slug: string, e: Edition): Static<typeof EditionSummaryT> {
  return {
    id: e.id, version: e.version, status: e.status, effectiveDate: e.effectiveDate, nextReviewDate: e.nextReviewDate, changeSummary: e.changeSummary,
    statusReason: e.statusReason, authoritativeLang: e.authoritativeLang, revision: e.revision,
    file: e.fileSha256 ? { sha256: e.fileSha256, type: e.fileType ?? '', size: e.fileSize ?? 0 } : null,
    url: `/api/v1/documents/${slug}/editions/${encodeURIComponent(e.version)}`,
  };
}
const editionJson = (slug: string, e: Edition) => ({ ...editionSummary(slug, e), sections: e.content });
function documentJson(v: DocumentView): Static<typeof DocumentT> {
  const d = v.doc;
  return {
    slug: d.slug, code: d.code, titleSw: d.titleSw, titleEn: d.titleEn, summarySw: d.summarySw, summaryEn: d.summaryEn, level: d.level, kind: d.kind, role: d.role,
    groupCode: d.groupCode, sector: d.sector, audience: d.audience, issuer: v.issuer, sample: d.isSample, parent: v.parent, related: v.related,
    implements: v.implements, implementedBy: v.implementedBy, template: v.template ? { slug: v.template.doc.slug, code: v.template.doc.code, version: v.template.version } : null,
    inForceVersion: v.inForce?.version ?? null, editions: v.editions.map((e) => editionSummary(d.slug, e)),
  };
}

export async function libraryApi(app: FastifyInstance) {
  const write = (action: 'library:author' | 'library:approve') => ({ action, noCsrf: true });

  app.get('/api/v1/documents', { config: { action: 'library:read' }, schema: { tags: ['library'], summary: 'List documents', querystring: ListQuery, response: { 200: Type.Object({ total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer(), items: Type.Array(ListItemT) }), ...errors } } }, async (req) => {
    const q = req.query as Static<typeof ListQuery>;
    return listDocuments(ctxOf(req), q);
  });

  app.get('/api/v1/search', { config: { action: 'library:read' }, schema: { tags: ['library'], summary: 'Search the library', querystring: SearchQuery, response: { 200: Type.Object({ query: Type.String(), total: Type.Integer(), alternatives: Type.Array(Type.String()), hits: Type.Array(Type.Object({ slug: Type.String(), code: Type.String(), titleSw: Type.String(), titleEn: Type.String(), level: Type.Integer(), kind: Type.String(), version: Type.String(), status: Type.String(), snippet: Type.String({ description: 'HTML-escaped extract; matches wrapped in <mark>' }) })) }), ...errors } } }, async (req) => {
    const q = req.query as Static<typeof SearchQuery>;
    return search(ctxOf(req), q.q, { level: q.level, group: q.group, kind: q.kind, issuer: q.issuer, status: q.status, lang: q.lang }, q.page, q.pageSize);
  });

  app.get<{ Params: { slug: string } }>('/api/v1/documents/:slug', { config: { action: 'library:read' }, schema: { tags: ['library'], summary: 'A document with its editions', params: Type.Object({ slug: Type.String() }), response: { 200: DocumentT, ...errors } } }, async (req) => documentJson(await documentView(ctxOf(req), req.params.slug)));

  app.get<{ Params: { slug: string; version: string } }>('/api/v1/documents/:slug/editions/:version', { config: { action: 'library:read' }, schema: { tags: ['library'], summary: 'One edition with its sections and clauses', params: Type.Object({ slug: Type.String(), version: Type.String() }), response: { 200: EditionT, ...errors } } }, async (req) => {
    const { view, edition } = await editionByVersion(ctxOf(req), req.params.slug, req.params.version);
    return editionJson(view.doc.slug, edition);
  });

  app.post('/api/v1/documents', { config: write('library:author'), schema: { tags: ['library'], summary: 'Create a document with its first draft edition', security: [{ bearer: [] }], body: CreateDocT, response: { 201: EditionT, ...errors } } }, async (req, reply) => {
    const b = req.body as Static<typeof CreateDocT>;
    const issuer = await findInstitution(app.db.orm, b.issuer);
    if (!issuer) throw invalid({ issuer: 'library.field.issuer' });
    const r = await createDocument(ctxOf(req), { ...b, issuerId: issuer.id, content: b.sections as Section[] | undefined });
    return reply.status(201).send(editionJson(r.doc.slug, r.edition));
  });

  app.post<{ Params: { slug: string } }>('/api/v1/documents/:slug/editions', { config: write('library:author'), schema: { tags: ['library'], summary: 'Start a new draft edition (copies the newest content)', security: [{ bearer: [] }], params: Type.Object({ slug: Type.String() }), body: Type.Object({ version: Type.Optional(Type.String()), changeSummary: Type.Optional(Type.String()) }), response: { 201: EditionT, ...errors } } }, async (req, reply) => {
    const doc = await findDocument(app.db.orm, req.params.slug);
    if (!doc) throw notFound();
    const r = await createEdition(ctxOf(req), { documentId: doc.id, ...(req.body as { version?: string; changeSummary?: string }) });
    return reply.status(201).send(editionJson(r.doc.slug, r.edition));
  });

  app.put<{ Params: { id: string } }>('/api/v1/editions/:id', { config: write('library:author'), schema: { tags: ['library'], summary: 'Save a draft (optimistic concurrency: send the revision you started from; 409 carries the current draft)', security: [{ bearer: [] }], params: Type.Object({ id: Type.String() }), body: DraftT, response: { 200: EditionSummaryT, ...errors } } }, async (req) => {
    const b = req.body as Static<typeof DraftT>;
    const e = await saveDraft(ctxOf(req), { ...b, editionId: req.params.id, content: b.sections as Section[] | undefined });
    return editionSummary(await documentSlug(ctxOf(req), e.documentId), e);
  });

  for (const action of ['submit', 'approve', 'publish', 'withdraw'] as Transition[]) {
    app.post<{ Params: { id: string } }>(`/api/v1/editions/:id/${action}`, { config: write(action === 'submit' ? 'library:author' : 'library:approve'), schema: { tags: ['library'], summary: `${action[0].toUpperCase()}${action.slice(1)} an edition`, security: [{ bearer: [] }], params: Type.Object({ id: Type.String() }), body: Type.Optional(TransitionT), response: { 200: EditionSummaryT, ...errors } } }, async (req) => {
      const e = await transition(ctxOf(req), { ...((req.body ?? {}) as Static<typeof TransitionT>), editionId: req.params.id, action });
      return editionSummary(await documentSlug(ctxOf(req), e.documentId), e);
    });
  }
}
