// Library pages: thin handlers that parse the request, call a service and render.
import type { App } from '../../platform/http/app.ts';
import type { FastifyRequest } from 'fastify';
import type { Static } from 'typebox';
import { pageCtx } from '../../web/context.ts';
import { publicPage } from '../../web/public-page.ts';
import { AppError } from '../../platform/http/errors.ts';
import { listGroups } from '../reference/index.ts';
import { listDocuments, documentView, editionByVersion, templates, recentEditions } from './queries.service.ts';
import { search } from './search.service.ts';
import { redline, changeCount } from './diff.ts';
import { atomFeed } from './feed.ts';
import { contentDisposition, FILE_KINDS, fileStore } from '../../platform/files/index.ts';
import { confirmSubscription, subscribe, unsubscribe, type TargetType } from './subscriptions.service.ts';
import { ctxOf } from '../../platform/http/request-context.ts';
import { LibraryPage, type LibraryFilters } from './views/LibraryPage.tsx';
import { DocumentPage } from './views/DocumentPage.tsx';
import { NoticePage, PrintPage, StructurePage, SubscribePage, TemplatesPage } from './views/pages.tsx';
import { authoringRoutes } from './authoring.routes.tsx';
import { libraryApi } from './api.ts';
import { isLang } from '../../platform/i18n/catalog.ts';
import { Type } from 'typebox';
import { Code, FormFields, LinkToken, PageText, Pattern, Text } from '../../platform/http/schemas.ts';
import { submitForm } from '../../platform/http/forms.ts';
import { formText } from '../../platform/input.ts';
import { DocRef, Version } from './params.ts';

const LibraryQuery = Type.Object({
  q: Type.Optional(Text(200)), level: Type.Optional(Pattern(/^[123]?$/, 1, '2')), group: Type.Optional(Code()), kind: Type.Optional(Code()), issuer: Type.Optional(Code()),
  sector: Type.Optional(Text(200)), status: Type.Optional(Code()), inlang: Type.Optional(Code()), page: Type.Optional(PageText()),
});

export function filtersOf(q: Static<typeof LibraryQuery>): LibraryFilters {
  const page = Number(q.page);
  return {
    q: formText(q.q),
    level: ['1', '2', '3'].includes(formText(q.level)) ? formText(q.level) : '',
    group: formText(q.group),
    kind: formText(q.kind),
    issuer: formText(q.issuer),
    sector: formText(q.sector),
    status: formText(q.status),
    lang: isLang(q.inlang) ? q.inlang : '',
    page: Number.isInteger(page) && page > 0 ? page : 1,
  };
}

export async function libraryRoutes(app: App) {
  const read = { config: { action: 'library:read' as const } };
  const slugParams = { params: Type.Object({ slug: DocRef() }) };
  const editionParams = { params: Type.Object({ slug: DocRef(), version: Version() }) };
  const tokenQuery = { querystring: Type.Object({ token: Type.Optional(LinkToken()) }) };

  app.get('/library', { ...read, schema: { querystring: LibraryQuery } }, (req, reply) => publicPage(req, reply, async (ctx) => {
    const f = filtersOf(req.query);
    const groups = await listGroups(app.db.orm);
    const issuers = await app.db.query<{ acronym: string; nameSw: string; nameEn: string }>(
      'SELECT DISTINCT i.acronym, i.name_sw AS "nameSw", i.name_en AS "nameEn" FROM institutions i JOIN library_documents d ON d.issuer_id = i.id ORDER BY i.acronym',
    );
    const common = { level: f.level ? Number(f.level) : undefined, group: f.group || undefined, kind: f.kind || undefined, issuer: f.issuer || undefined, status: f.status || undefined };
    if (f.q) {
      const results = await search(ctxOf(req), f.q, { ...common, lang: (f.lang || undefined) as 'sw' | 'en' | undefined }, f.page);
      return <LibraryPage ctx={ctx} groups={groups} issuers={issuers} filters={f} results={results} />;
    }
    const list = await listDocuments(ctxOf(req), { ...common, sector: f.sector || undefined, page: f.page });
    return <LibraryPage ctx={ctx} groups={groups} issuers={issuers} filters={f} list={list} />;
  }));

  app.get('/library/structure', read, (req, reply) => publicPage(req, reply, async (ctx) => {
    const groups = await listGroups(app.db.orm);
    const list = await listDocuments(ctxOf(req), { pageSize: 200 });
    return <StructurePage ctx={ctx} groups={groups} docs={list.items} />;
  }));

  app.get('/library/templates', read, (req, reply) => publicPage(req, reply, async (ctx) => <TemplatesPage ctx={ctx} items={await templates(ctxOf(req))} />));

  app.get('/library/feed.atom', read, (req, reply) => publicPage(req, reply, async () => {
    const entries = await recentEditions(ctxOf(req));
    return atomFeed(app.config.publicUrl, entries, `${req.t('app.name')} – ${req.t('library.feed.title')}`, req.lang);
  }, 'application/atom+xml; charset=utf-8'));

  app.get('/library/documents/:slug', { ...read, schema: { ...slugParams, querystring: Type.Object({ from: Type.Optional(Text(40)), to: Type.Optional(Text(40)) }) } }, (req, reply) => publicPage(req, reply, async (ctx) => {
    const view = await documentView(ctxOf(req), req.params.slug);
    const q = req.query;
    let red;
    const from = view.editions.find((e) => e.version === formText(q.from));
    const to = view.editions.find((e) => e.version === formText(q.to));
    if (from && to) {
      const diff = redline(from.content, to.content, req.lang);
      red = { from, to, diff, changes: changeCount(diff) };
    }
    const edition = view.inForce ?? view.editions[0] ?? null;
    return <DocumentPage ctx={ctx} view={view} edition={edition} cited={false} redline={red} baseUrl={app.config.publicUrl} />;
  }));

  app.get('/library/documents/:slug/editions/:version', { ...read, schema: editionParams }, (req, reply) => publicPage(req, reply, async (ctx) => {
    const { view, edition } = await editionByVersion(ctxOf(req), req.params.slug, req.params.version);
    const idx = view.editions.findIndex((e) => e.id === edition.id);
    const prev = view.editions.slice(idx + 1).find((e) => e.publishedAt);
    let red;
    if (prev && edition.publishedAt) {
      const diff = redline(prev.content, edition.content, req.lang);
      red = { from: prev, to: edition, diff, changes: changeCount(diff) };
    }
    return <DocumentPage ctx={ctx} view={view} edition={edition} cited redline={red} baseUrl={app.config.publicUrl} />;
  }));

  app.get('/library/documents/:slug/editions/:version/print', { ...read, schema: editionParams }, (req, reply) => publicPage(req, reply, async (ctx) => {
    const { view, edition } = await editionByVersion(ctxOf(req), req.params.slug, req.params.version);
    const url = `${app.config.publicUrl}/library/documents/${view.doc.slug}/editions/${encodeURIComponent(edition.version)}`;
    const issuer = `${req.lang === 'sw' ? view.issuer.nameSw : view.issuer.nameEn} (${view.issuer.acronym})`;
    return <PrintPage ctx={ctx} doc={view.doc} edition={edition} issuer={issuer} url={url} />;
  }));

  app.get('/library/documents/:slug/editions/:version/original', { ...read, schema: editionParams }, async (req, reply) => {
    const { view, edition } = await editionByVersion(ctxOf(req), req.params.slug, req.params.version);
    if (!edition.fileSha256) throw new AppError(404, 'error.notFound.title');
    const stream = fileStore(app.config.dataDir).read(edition.fileSha256);
    if (!stream) throw new AppError(404, 'error.notFound.title');
    const kind = edition.fileType === 'pdf' ? 'pdf' : 'docx';
    return reply
      .type(FILE_KINDS[kind])
      .header('content-disposition', contentDisposition(`${view.doc.slug}-${edition.version}.${kind}`))
      .header('x-content-sha256', edition.fileSha256)
      .send(stream);
  });

  // Subscriptions: double opt-in and one-click unsubscribe.
  // The form's own page: private, and the only one that mints the CSRF token for it.
  const subscribeQuery = { querystring: Type.Object({ type: Type.Optional(Code()), target: Type.Optional(DocRef()) }) };
  const documentToFollow = async (req: FastifyRequest, type: string, target: string) => (type === 'document' && target ? (await documentView(ctxOf(req), target)).doc : undefined);
  app.get('/library/subscribe', { ...read, schema: subscribeQuery }, async (req, reply) => {
    const q = req.query;
    const document = await documentToFollow(req, formText(q.type), formText(q.target));
    return reply.page(<SubscribePage ctx={pageCtx(req, reply)} groups={await listGroups(app.db.orm)} document={document} />);
  });

  app.post('/library/subscribe', { config: { action: 'library:subscribe' }, schema: { body: FormFields() } }, async (req, reply) => {
    const ctx = pageCtx(req, reply);
    const b = req.body;
    let type = formText(b.type) as TargetType;
    const target = formText(b.target);
    if (type !== 'document') type = /^[123]$/.test(target) ? 'level' : 'group';
    const r = await submitForm(() => subscribe(ctxOf(req), { email: formText(b.email), type, target, lang: req.lang }));
    if (!r.ok) {
      const errors = Object.entries(r.errors).map(([field, k]) => ({ field, message: req.t(k) }));
      const document = await documentToFollow(req, type, target);
      return reply.page(<SubscribePage ctx={ctx} groups={await listGroups(app.db.orm)} errors={errors} values={{ email: formText(b.email), type, target }} document={document} />, 422);
    }
    return reply.page(<NoticePage ctx={ctx} title={req.t('library.subscribe.sentTitle')} body={req.t('library.subscribe.sent')} back={{ href: '/library', label: req.t('library.backToLibrary') }} />);
  });

  app.get('/library/subscriptions/confirm', { ...read, schema: tokenQuery }, async (req, reply) => {
    const ok = await confirmSubscription(ctxOf(req), { token: formText(req.query.token) });
    const ctx = pageCtx(req, reply);
    if (!ok) return reply.page(<NoticePage ctx={ctx} title={req.t('library.subscribe.badLinkTitle')} body={req.t('library.subscribe.badLink')} />, 404);
    return reply.page(<NoticePage ctx={ctx} title={req.t('library.subscribe.confirmedTitle')} body={req.t('library.subscribe.confirmed')} back={{ href: '/library', label: req.t('library.backToLibrary') }} />);
  });

  // One click from the e-mail removes the subscription (also accepted as POST, RFC 8058).
  const doUnsubscribe = (req: FastifyRequest, token: string | undefined) => unsubscribe(ctxOf(req), { token: formText(token) });
  app.get('/library/subscriptions/unsubscribe', { ...read, schema: tokenQuery }, async (req, reply) => {
    await doUnsubscribe(req, req.query.token);
    return reply.page(<NoticePage ctx={pageCtx(req, reply)} title={req.t('library.subscribe.removedTitle')} body={req.t('library.subscribe.removed')} />);
  });
  app.post('/library/subscriptions/unsubscribe', { config: { action: 'library:subscribe', noCsrf: true }, schema: tokenQuery }, async (req, reply) => {
    await doUnsubscribe(req, req.query.token);
    return reply.status(204).send();
  });

  await app.register(authoringRoutes);
  await app.register(libraryApi);
}
