// Authoring pages for signed-in issuers and institutions: thin handlers over the same services the API uses.
import type { App } from '../../platform/http/app.ts';
import type { FastifyContextConfig, FastifyReply, FastifyRequest } from 'fastify';
import { pageCtx } from '../../web/context.ts';
import { scopeOf } from '../../platform/auth/policy.ts';
import { mayAtAll, permitted } from '../../platform/auth/access.ts';
import { ctxOf } from '../../platform/http/request-context.ts';
import type { Ctx } from '../../platform/context.ts';
import { editionPolicy } from './access.ts';
import { actorInstitutionIds, type Actor } from '../../platform/auth/actor.ts';
import { AppError } from '../../platform/http/errors.ts';
import { listGroups } from '../reference/index.ts';
import { createDocument, findDocument, type DocumentInput } from './documents.service.ts';
import { addComment, commentsOf, createEdition, saveDraft, transition, visibleEdition } from './editions.service.ts';
import { attachFile, importNewDocument } from './import.service.ts';
import { readMultipartForm } from '../../platform/http/multipart.ts';
import { documentSlug, issuersAmong, templates, workbench } from './queries.service.ts';
import { applyOp, contentFromForm, parseOp } from './content.ts';
import type { Transition } from './rules.ts';
import type { Edition } from './schema.ts';
import { ManagePage, NewDocumentPage, type NewDocOptions } from './views/authoring.tsx';
import { EditorPage } from './views/editor.tsx';
import { titleOf } from './views/common.tsx';
import { formString } from '../../platform/input.ts';
import { Type } from 'typebox';
import { Code, DateOnly, FormFields, Id, OrEmpty, Pattern, Text } from '../../platform/http/schemas.ts';
import { DocRef } from './params.ts';

const fieldErrors = (req: FastifyRequest, err: AppError) => Object.entries(err.fields ?? {}).map(([field, k]) => ({ field, message: req.t(k) }));
const me = (req: FastifyRequest): Actor => req.actor!;

export async function authoringRoutes(app: App) {
  const internal = { config: { action: 'library:readInternal' as const } };
  const author = { config: { action: 'library:author' as const } };
  const approve = { config: { action: 'library:approve' as const } };
  const idParams = { params: Type.Object({ id: Id() }) };

  async function newDocOptions(ctx: Ctx): Promise<NewDocOptions> {
    const actor = ctx.actor!;
    const scope = scopeOf(actor, 'library:author');
    const ids = actorInstitutionIds(actor).filter((id) => scope.all || scope.institutions.includes(id));
    const issuers = await issuersAmong(ctx, ids);
    const tpl = await templates(ctx);
    return {
      groups: await listGroups(app.db.orm),
      issuers,
      templates: tpl.map((x) => ({ editionId: x.edition.id, label: `${x.doc.code} ${titleOf(x.doc, actor.lang)} (${x.edition.version})` })),
    };
  }

  app.get('/library/manage', internal, async (req, reply) => {
    const rows = await workbench(ctxOf(req));
    return reply.page(<ManagePage ctx={pageCtx(req, reply)} rows={rows} canCreate={mayAtAll(req.actor, 'library:author')} />);
  });

  app.get('/library/manage/new', { ...author, schema: { querystring: Type.Object({ level: Type.Optional(Pattern(/^[123]?$/, 1, '3')), template: Type.Optional(OrEmpty(Id())) }) } }, async (req, reply) => {
    const q = req.query;
    const values: Record<string, string> = { version: '1.0', level: q.level ?? '', templateEditionId: q.template ?? '', kind: q.template ? 'policy' : '' };
    return reply.page(<NewDocumentPage ctx={pageCtx(req, reply)} opts={await newDocOptions(ctxOf(req))} values={values} />);
  });

  app.post('/library/manage/new', author, async (req, reply) => {
    const { fields, file: upload } = await readMultipartForm(req);
    const input: DocumentInput = {
      code: fields.code ?? '',
      level: Number(fields.level),
      kind: fields.kind ?? '',
      parent: fields.parent || null,
      groupCode: fields.groupCode || null,
      sector: fields.sector || null,
      issuerId: fields.issuer ?? '',
      audience: fields.audience === 'public' || fields.audience === 'internal' ? fields.audience : undefined,
      titleSw: fields.titleSw ?? '',
      titleEn: fields.titleEn ?? '',
      summarySw: fields.summarySw,
      summaryEn: fields.summaryEn,
      implements: (fields.implements ?? '').split(/[\s,;]+/).filter(Boolean),
      templateEditionId: fields.templateEditionId || null,
      version: fields.version?.trim() || '1.0',
    };
    try {
      const r = upload ? await importNewDocument(ctxOf(req), { ...input, upload }) : await createDocument(ctxOf(req), input);
      return reply.redirect(`/library/manage/editions/${r.edition.id}`, 303);
    } catch (err) {
      if (err instanceof AppError && err.fields) {
        return reply.page(<NewDocumentPage ctx={pageCtx(req, reply)} opts={await newDocOptions(ctxOf(req))} values={fields} errors={fieldErrors(req, err)} />, err.status);
      }
      throw err;
    }
  });

  async function editor(req: FastifyRequest, reply: FastifyReply, id: string, extra: { content?: Edition['content']; meta?: Record<string, string>; revision?: number; errors?: { field: string; message: string }[]; conflict?: { theirs: Edition }; saved?: boolean; status?: number } = {}) {
    const ctx = ctxOf(req);
    const { doc, edition } = await visibleEdition(ctx, id);
    const meta = {
      version: extra.meta?.version ?? edition.version,
      changeSummary: extra.meta?.changeSummary ?? edition.changeSummary,
      authoritativeLang: extra.meta?.authoritativeLang ?? edition.authoritativeLang,
      nextReviewDate: extra.meta?.nextReviewDate ?? edition.nextReviewDate ?? '',
    };
    return reply.page(
      <EditorPage
        ctx={pageCtx(req, reply)}
        doc={doc}
        edition={edition}
        content={extra.content ?? edition.content}
        revision={extra.revision ?? edition.revision}
        meta={meta}
        comments={await commentsOf(ctx, edition.id)}
        can={permitted(ctx.actor, editionPolicy, { doc, edition })}
        errors={extra.errors}
        conflict={extra.conflict}
        saved={extra.saved}
      />,
      extra.status ?? 200,
    );
  }

  app.get('/library/manage/editions/:id', { ...internal, schema: { ...idParams, querystring: Type.Object({ saved: Type.Optional(Code()) }) } }, async (req, reply) => editor(req, reply, req.params.id, { saved: req.query.saved === '1' }));

  app.post('/library/manage/editions/:id', { ...author, schema: { ...idParams, body: FormFields({ revision: Pattern(/^[0-9]{1,9}$/, 9, '3'), nextReviewDate: Type.Optional(OrEmpty(DateOnly())) }) } }, async (req, reply) => {
    const b = req.body;
    const op = parseOp(b.op);
    const content = applyOp(contentFromForm(b), op);
    const meta = { version: formString(b.version), changeSummary: formString(b.changeSummary), authoritativeLang: formString(b.authoritativeLang), nextReviewDate: formString(b.nextReviewDate) };
    try {
      await saveDraft(ctxOf(req), {
        editionId: req.params.id,
        revision: Number(b.revision),
        content,
        version: meta.version,
        changeSummary: meta.changeSummary,
        authoritativeLang: meta.authoritativeLang === 'en' ? 'en' : 'sw',
        nextReviewDate: meta.nextReviewDate || null,
      });
    } catch (err) {
      if (err instanceof AppError && err.key === 'library.conflict.title') {
        const { edition } = await visibleEdition(ctxOf(req), req.params.id);
        return editor(req, reply, req.params.id, { content, meta, revision: edition.revision, conflict: { theirs: edition }, status: 409 });
      }
      if (err instanceof AppError && err.fields) return editor(req, reply, req.params.id, { content, meta, revision: Number(b.revision), errors: fieldErrors(req, err), status: err.status });
      throw err;
    }
    const anchor = op.op === 'save' ? '' : op.op === 'addSection' ? `#s${content.length - 1}_hsw` : 'section' in op ? `#s${op.section}-legend` : '';
    return reply.redirect(`/library/manage/editions/${req.params.id}${op.op === 'save' ? '?saved=1' : ''}${anchor}`, 303);
  });

  const lifecycle = (action: Transition, opts: { config: FastifyContextConfig }) =>
    app.post(`/library/manage/editions/:id/${action}`, { ...opts, schema: { ...idParams, body: Type.Object({ reason: Type.Optional(Text(2000)), effectiveDate: Type.Optional(OrEmpty(DateOnly())) }) } }, async (req, reply) => {
      const b = req.body;
      try {
        const e = await transition(ctxOf(req), { editionId: req.params.id, action, reason: formString(b.reason), effectiveDate: formString(b.effectiveDate) });
        if (action === 'publish' || action === 'withdraw') {
          const slug = await documentSlug(ctxOf(req), e.documentId);
          return reply.redirect(`/library/documents/${slug}/editions/${encodeURIComponent(e.version)}`, 303);
        }
      } catch (err) {
        if (err instanceof AppError && (err.fields || err.status === 409)) {
          const errors = err.fields ? fieldErrors(req, err) : [{ field: 'workflow', message: req.t(err.key) }];
          return editor(req, reply, req.params.id, { errors, status: err.status });
        }
        throw err;
      }
      return reply.redirect(`/library/manage/editions/${req.params.id}`, 303);
    });
  lifecycle('submit', author);
  lifecycle('approve', approve);
  lifecycle('return', approve);
  lifecycle('publish', approve);
  lifecycle('withdraw', approve);

  app.post('/library/manage/editions/:id/comments', { config: { action: 'library:comment' }, schema: { ...idParams, body: Type.Object({ body: Type.Optional(Text(10_000)) }) } }, async (req, reply) => {
    try {
      await addComment(ctxOf(req), { editionId: req.params.id, body: formString(req.body.body) });
    } catch (err) {
      if (err instanceof AppError && err.fields) return editor(req, reply, req.params.id, { errors: fieldErrors(req, err), status: err.status });
      throw err;
    }
    return reply.redirect(`/library/manage/editions/${req.params.id}#comments-h`, 303);
  });

  app.post('/library/manage/editions/:id/file', { ...author, schema: idParams }, async (req, reply) => {
    const { fields, file: upload } = await readMultipartForm(req);
    if (!upload) throw new AppError(422, 'error.summary', undefined, { file: 'library.file.empty' });
    try {
      await attachFile(ctxOf(req), { editionId: req.params.id, upload, replaceContent: fields.replace === '1' });
    } catch (err) {
      if (err instanceof AppError && err.fields) return editor(req, reply, req.params.id, { errors: fieldErrors(req, err), status: err.status });
      throw err;
    }
    return reply.redirect(`/library/manage/editions/${req.params.id}`, 303);
  });

  app.post('/library/manage/documents/:slug/editions', { ...author, schema: { params: Type.Object({ slug: DocRef() }) } }, async (req, reply) => {
    const doc = await findDocument(app.db.orm, req.params.slug);
    if (!doc) throw new AppError(404, 'error.notFound.title');
    const { edition } = await createEdition(ctxOf(req), { documentId: doc.id });
    return reply.redirect(`/library/manage/editions/${edition.id}`, 303);
  });
}
