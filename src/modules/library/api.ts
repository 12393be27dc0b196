// JSON API of the library. Same services as the pages; presenters below shape the JSON explicitly.
import type { App } from '../../platform/http/app.ts';
import { Type, type Static } from 'typebox';
import { AppError, invalid, notFound } from '../../platform/http/errors.ts';
import { ctxOf } from '../../platform/http/request-context.ts';
import { findInstitution } from '../reference/index.ts';
import { listDocuments, documentView, documentSlug, editionByVersion } from './queries.service.ts';
import { search } from './search.service.ts';
import { createDocument, findDocument } from './documents.service.ts';
import { createEdition, saveDraft, transition } from './editions.service.ts';
import { attachFile } from './import.service.ts';
import { FILE_KINDS } from '../../platform/files/index.ts';
import type { Edition, Section } from './schema.ts';
import type { DocumentView } from './queries.service.ts';
import type { Transition } from './rules.ts';
import { DocRef, Version } from './params.ts';
import { Acronym, Code, DateOnly, Id, Int, PageNumber, PageSize, Revision, Text } from '../../platform/http/schemas.ts';

const Problem = { $ref: 'Problem#' } as const;
const errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem, 413: Problem, 415: Problem, 422: Problem };
const ClauseT = Type.Object({ id: Type.Optional(Text(64)), textSw: Text(20_000), textEn: Text(20_000) });
const SectionT = Type.Object({ id: Type.Optional(Text(64)), headingSw: Text(500), headingEn: Text(500), clauses: Type.Array(ClauseT, { maxItems: 500 }) });
const Sections = Type.Array(SectionT, { maxItems: 500 });
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
  level: Type.Optional(Int(1, 3)), group: Type.Optional(Code()), kind: Type.Optional(Code()),
  issuer: Type.Optional(Acronym()), status: Type.Optional(Code()), q: Type.Optional(Text(200)),
  page: Type.Optional(PageNumber()), pageSize: Type.Optional(PageSize(200)),
});
const SearchQuery = Type.Object({
  q: Text(200, { minLength: 1 }), level: Type.Optional(Int(1, 3)), group: Type.Optional(Code()),
  kind: Type.Optional(Code()), issuer: Type.Optional(Acronym()), status: Type.Optional(Code()),
  lang: Type.Optional(Type.Union([Type.Literal('sw'), Type.Literal('en')])), page: Type.Optional(PageNumber()), pageSize: Type.Optional(PageSize(50)),
});
const CreateDocT = Type.Object({
  code: Text(64), level: Int(1, 3), kind: Code(), issuer: Text(100, { description: 'Issuing institution id or acronym' }),
  titleSw: Text(500), titleEn: Text(500), summarySw: Type.Optional(Text(10_000)), summaryEn: Type.Optional(Text(10_000)),
  parent: Type.Optional(Text(120)), groupCode: Type.Optional(Code()), sector: Type.Optional(Text(200)),
  audience: Type.Optional(Type.Union([Type.Literal('public'), Type.Literal('internal')])), implements: Type.Optional(Type.Array(Text(120), { maxItems: 200 })),
  templateEditionId: Type.Optional(Id()), version: Type.Optional(Version()), authoritativeLang: Type.Optional(Type.Union([Type.Literal('sw'), Type.Literal('en')])),
  sections: Type.Optional(Sections),
});
const DraftT = Type.Object({
  revision: Revision(), version: Type.Optional(Version()), changeSummary: Type.Optional(Text(2000)),
  authoritativeLang: Type.Optional(Type.Union([Type.Literal('sw'), Type.Literal('en')])), nextReviewDate: Type.Optional(Type.Union([DateOnly(), Type.Literal(''), Type.Null()])),
  sections: Type.Optional(Sections),
});
const FileQuery = Type.Object({
  filename: Type.Optional(Text(1000, { description: 'Name of the original file, kept for downloads' })),
  replaceContent: Type.Optional(Type.Boolean({ description: 'Replace the draft’s sections with the file’s text' })),
});
const TransitionT = Type.Object({ reason: Type.Optional(Text(2000)), effectiveDate: Type.Optional(Type.Union([DateOnly(), Type.Literal('')])) });
const SlugParams = Type.Object({ slug: DocRef() });
const IdParams = Type.Object({ id: Id() });

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

export async function libraryApi(app: App) {
  const write = (action: 'library:author' | 'library:approve') => ({ action, noCsrf: true });

  app.get('/api/v1/documents', { config: { action: 'library:read' }, schema: { tags: ['library'], summary: 'List documents', querystring: ListQuery, response: { 200: Type.Object({ total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer(), items: Type.Array(ListItemT) }), ...errors } } }, async (req) => {
    const q = req.query;
    return listDocuments(ctxOf(req), q);
  });

  app.get('/api/v1/search', { config: { action: 'library:read' }, schema: { tags: ['library'], summary: 'Search the library', querystring: SearchQuery, response: { 200: Type.Object({ query: Type.String(), total: Type.Integer(), alternatives: Type.Array(Type.String()), hits: Type.Array(Type.Object({ slug: Type.String(), code: Type.String(), titleSw: Type.String(), titleEn: Type.String(), level: Type.Integer(), kind: Type.String(), version: Type.String(), status: Type.String(), snippet: Type.String({ description: 'HTML-escaped extract; matches wrapped in <mark>' }) })) }), ...errors } } }, async (req) => {
    const q = req.query;
    return search(ctxOf(req), q.q, { level: q.level, group: q.group, kind: q.kind, issuer: q.issuer, status: q.status, lang: q.lang }, q.page, q.pageSize);
  });

  app.get('/api/v1/documents/:slug', { config: { action: 'library:read' }, schema: { tags: ['library'], summary: 'A document with its editions', params: SlugParams, response: { 200: DocumentT, ...errors } } }, async (req) => documentJson(await documentView(ctxOf(req), req.params.slug)));

  app.get('/api/v1/documents/:slug/editions/:version', { config: { action: 'library:read' }, schema: { tags: ['library'], summary: 'One edition with its sections and clauses', params: Type.Object({ slug: DocRef(), version: Version() }), response: { 200: EditionT, ...errors } } }, async (req) => {
    const { view, edition } = await editionByVersion(ctxOf(req), req.params.slug, req.params.version);
    return editionJson(view.doc.slug, edition);
  });

  app.post('/api/v1/documents', { config: write('library:author'), schema: { tags: ['library'], summary: 'Create a document with its first draft edition', security: [{ bearer: [] }], body: CreateDocT, response: { 201: EditionT, ...errors } } }, async (req, reply) => {
    const b = req.body;
    const issuer = await findInstitution(app.db.orm, b.issuer);
    if (!issuer) throw invalid({ issuer: 'library.field.issuer' });
    const r = await createDocument(ctxOf(req), { ...b, issuerId: issuer.id, content: b.sections as Section[] | undefined });
    return reply.status(201).send(editionJson(r.doc.slug, r.edition));
  });

  app.post('/api/v1/documents/:slug/editions', { config: write('library:author'), schema: { tags: ['library'], summary: 'Start a new draft edition (copies the newest content)', security: [{ bearer: [] }], params: SlugParams, body: Type.Object({ version: Type.Optional(Version()), changeSummary: Type.Optional(Text(2000)) }), response: { 201: EditionT, ...errors } } }, async (req, reply) => {
    const doc = await findDocument(app.db.orm, req.params.slug);
    if (!doc) throw notFound();
    const r = await createEdition(ctxOf(req), { documentId: doc.id, ...req.body });
    return reply.status(201).send(editionJson(r.doc.slug, r.edition));
  });

  app.put('/api/v1/editions/:id', { config: write('library:author'), schema: { tags: ['library'], summary: 'Save a draft (optimistic concurrency: send the revision you started from; 409 carries the current draft)', security: [{ bearer: [] }], params: IdParams, body: DraftT, response: { 200: EditionSummaryT, ...errors } } }, async (req) => {
    const b = req.body;
    const e = await saveDraft(ctxOf(req), { ...b, editionId: req.params.id, content: b.sections as Section[] | undefined });
    return editionSummary(await documentSlug(ctxOf(req), e.documentId), e);
  });

  // The original file, sent as the raw body (no multipart: nothing to parse before the checks, and
  // `curl --data-binary @file` just works). Its type is decided from its content, as on the page.
  const fileTypes = [FILE_KINDS.pdf, FILE_KINDS.docx];
  app.addContentTypeParser(fileTypes, { parseAs: 'buffer', bodyLimit: app.config.uploadLimit }, (_req, body, done) => done(null, body));
  // No type in the schema: the parsed body is a Buffer, which a JSON-schema `string` would refuse.
  const binary = { schema: { description: 'The file’s bytes' } };
  app.put('/api/v1/editions/:id/file', {
    config: write('library:author'),
    bodyLimit: app.config.uploadLimit,
    schema: {
      tags: ['library'],
      summary: 'Upload the original PDF or DOCX of a draft edition',
      description: 'The body is the file itself, with `Content-Type: application/pdf` or the DOCX type. The file is checked by its content (not its name or declared type), read within size, expansion and time limits, and stored by its SHA-256. With `replaceContent=true` its text becomes the draft’s sections. Only drafts of your own institution; 404 for an edition you cannot see, 403 when you may see but not edit it, 409 when it is no longer a draft, 413 over the upload limit, 422 for a file that is refused (the `errors` member says why).',
      security: [{ bearer: [] }],
      params: IdParams,
      querystring: FileQuery,
      body: { content: { [FILE_KINDS.pdf]: binary, [FILE_KINDS.docx]: binary } },
      response: { 200: EditionSummaryT, ...errors },
    },
  }, async (req) => {
    const body: unknown = req.body;
    if (!Buffer.isBuffer(body)) throw new AppError(415, 'error.badRequest.title');
    const q = req.query;
    const { doc, edition } = await attachFile(ctxOf(req), { editionId: req.params.id, upload: { buffer: body, filename: q.filename ?? 'original' }, replaceContent: q.replaceContent === true });
    return editionSummary(doc.slug, edition);
  });

  for (const action of ['submit', 'approve', 'publish', 'withdraw'] as Transition[]) {
    app.post(`/api/v1/editions/:id/${action}`, { config: write(action === 'submit' ? 'library:author' : 'library:approve'), schema: { tags: ['library'], summary: `${action[0].toUpperCase()}${action.slice(1)} an edition`, security: [{ bearer: [] }], params: IdParams, body: Type.Optional(TransitionT), response: { 200: EditionSummaryT, ...errors } } }, async (req) => {
      const e = await transition(ctxOf(req), { ...req.body, editionId: req.params.id, action });
      return editionSummary(await documentSlug(ctxOf(req), e.documentId), e);
    });
  }
}
