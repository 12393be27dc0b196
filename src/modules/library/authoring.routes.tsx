// Authoring pages for signed-in issuers and institutions: thin handlers over the same services the API uses.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { pageCtx } from '../../web/context.ts';
import { can } from '../../platform/auth/policy.ts';
import { actorInstitutionIds, type Actor } from '../../platform/auth/actor.ts';
import { AppError } from '../../platform/http/errors.ts';
import { listGroups } from '../reference/reference.service.ts';
import { institutions } from '../reference/schema.ts';
import { inArray } from 'drizzle-orm';
import { createDocument, findDocument, type DocumentInput } from './documents.service.ts';
import { addComment, commentsOf, createEdition, saveDraft, transition, visibleEdition } from './editions.service.ts';
import { attachFile, importNewDocument, type Upload } from './import.service.ts';
import { templates, workbench } from './queries.service.ts';
import { applyOp, contentFromForm, parseOp } from './content.ts';
import type { Transition } from './rules.ts';
import type { Edition } from './schema.ts';
import { ManagePage, NewDocumentPage, type NewDocOptions } from './views/authoring.tsx';
import { EditorPage } from './views/editor.tsx';
import { titleOf } from './views/common.tsx';
import { Type } from 'typebox';
import { Code, DateOnly, Id, OrEmpty, Pattern, Text } from '../../platform/http/schemas.ts';
import { DocRef } from './params.ts';

const str = (v: unknown) => (typeof v === 'string' ? v : '');
const fieldErrors = (req: FastifyRequest, err: AppError) => Object.entries(err.fields ?? {}).map(([field, k]) => ({ field, message: req.t(k) }));
const me = (req: FastifyRequest): Actor => req.actor!;

async function readMultipart(req: FastifyRequest): Promise<{ fields: Record<string, string>; upload?: Upload }> {
  const fields: Record<string, string> = {};
  let upload: Upload | undefined;
  for await (const part of req.parts()) {
    if (part.type === 'file') {
      const buffer = await part.toBuffer();
      if (buffer.length > 0) upload = { buffer, filename: part.filename };
    } else fields[part.fieldname] = String(part.value ?? '');
  }
  return { fields, upload };
}

export async function authoringRoutes(app: FastifyInstance) {
  const internal = { config: { action: 'library:readInternal' as const } };
  const author = { config: { action: 'library:author' as const } };
  const approve = { config: { action: 'library:approve' as const } };
  const store = { dataDir: app.config.dataDir, uploadLimit: app.config.uploadLimit };
  const idParams = { params: Type.Object({ id: Id() }) };

  async function newDocOptions(actor: Actor): Promise<NewDocOptions> {
    const ids = actorInstitutionIds(actor).filter((id) => can(actor, 'library:author', { institutionId: id }));
    const issuers = ids.length ? await app.db.orm.select({ id: institutions.id, acronym: institutions.acronym, nameSw: institutions.nameSw, nameEn: institutions.nameEn }).from(institutions).where(inArray(institutions.id, ids)) : [];
    const tpl = await templates(app.db);
    return {
      groups: await listGroups(app.db.orm),
      issuers,
      templates: tpl.map((x) => ({ editionId: x.edition.id, label: `${x.doc.code} ${titleOf(x.doc, actor.lang)} (${x.edition.version})` })),
    };
  }

  app.get('/library/manage', internal, async (req, reply) => {
    const rows = await workbench(app.db, me(req));
    return reply.page(<ManagePage ctx={pageCtx(req, reply)} rows={rows} canCreate={can(req.actor, 'library:author')} />);
  });

  app.get('/library/manage/new', { ...author, schema: { querystring: Type.Object({ level: Type.Optional(Pattern(/^[123]?$/, 1, '3')), template: Type.Optional(OrEmpty(Id())) }) } }, async (req, reply) => {
    const q = req.query as Record<string, string>;
    const values: Record<string, string> = { version: '1.0', level: q.level ?? '', templateEditionId: q.template ?? '', kind: q.template ? 'policy' : '' };
    return reply.page(<NewDocumentPage ctx={pageCtx(req, reply)} opts={await newDocOptions(me(req))} values={values} />);
  });

  app.post('/library/manage/new', author, async (req, reply) => {
    const { fields, upload } = await readMultipart(req);
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
      const r = upload ? await importNewDocument(app.db, me(req), input, upload, store, req.ip) : await createDocument(app.db, me(req), input, req.ip);
      return reply.redirect(`/library/manage/editions/${r.edition.id}`, 303);
    } catch (err) {
      if (err instanceof AppError && err.fields) {
        return reply.page(<NewDocumentPage ctx={pageCtx(req, reply)} opts={await newDocOptions(me(req))} values={fields} errors={fieldErrors(req, err)} />, err.status);
      }
      throw err;
    }
  });

  async function editor(req: FastifyRequest, reply: FastifyReply, id: string, extra: { content?: Edition['content']; meta?: Record<string, string>; revision?: number; errors?: { field: string; message: string }[]; conflict?: { theirs: Edition }; saved?: boolean; status?: number } = {}) {
    const actor = me(req);
    const { doc, edition } = await visibleEdition(app.db, actor, id);
    const permits = (a: 'library:author' | 'library:approve' | 'library:comment') => can(actor, a, { institutionId: doc.issuerId });
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
        comments={await commentsOf(app.db, edition.id)}
        can={{ author: permits('library:author'), approve: permits('library:approve'), comment: permits('library:comment') }}
        errors={extra.errors}
        conflict={extra.conflict}
        saved={extra.saved}
      />,
      extra.status ?? 200,
    );
  }

  app.get<{ Params: { id: string } }>('/library/manage/editions/:id', { ...internal, schema: { ...idParams, querystring: Type.Object({ saved: Type.Optional(Code()) }) } }, async (req, reply) => editor(req, reply, req.params.id, { saved: (req.query as Record<string, string>).saved === '1' }));

  app.post<{ Params: { id: string } }>('/library/manage/editions/:id', { ...author, schema: { ...idParams, body: Type.Object({ revision: Pattern(/^[0-9]{1,9}$/, 9, '3'), nextReviewDate: Type.Optional(OrEmpty(DateOnly())) }) } }, async (req, reply) => {
    const b = (req.body ?? {}) as Record<string, unknown>;
    const op = parseOp(b.op);
    const content = applyOp(contentFromForm(b), op);
    const meta = { version: str(b.version), changeSummary: str(b.changeSummary), authoritativeLang: str(b.authoritativeLang), nextReviewDate: str(b.nextReviewDate) };
    try {
      await saveDraft(app.db, me(req), req.params.id, {
        revision: Number(b.revision),
        content,
        version: meta.version,
        changeSummary: meta.changeSummary,
        authoritativeLang: meta.authoritativeLang === 'en' ? 'en' : 'sw',
        nextReviewDate: meta.nextReviewDate || null,
      }, req.ip);
    } catch (err) {
      if (err instanceof AppError && err.key === 'library.conflict.title') {
        const { edition } = await visibleEdition(app.db, me(req), req.params.id);
        return editor(req, reply, req.params.id, { content, meta, revision: edition.revision, conflict: { theirs: edition }, status: 409 });
      }
      if (err instanceof AppError && err.fields) return editor(req, reply, req.params.id, { content, meta, revision: Number(b.revision), errors: fieldErrors(req, err), status: err.status });
      throw err;
    }
    const anchor = op.op === 'save' ? '' : op.op === 'addSection' ? `#s${content.length - 1}_hsw` : 'section' in op ? `#s${op.section}-legend` : '';
    return reply.redirect(`/library/manage/editions/${req.params.id}${op.op === 'save' ? '?saved=1' : ''}${anchor}`, 303);
  });

  const lifecycle = (action: Transition, opts: typeof author | typeof approve) =>
    app.post<{ Params: { id: string } }>(`/library/manage/editions/:id/${action}`, { ...opts, schema: { ...idParams, body: Type.Object({ reason: Type.Optional(Text(2000)), effectiveDate: Type.Optional(OrEmpty(DateOnly())) }) } }, async (req, reply) => {
      const b = (req.body ?? {}) as Record<string, unknown>;
      try {
        const e = await transition(app.db, me(req), req.params.id, action, { reason: str(b.reason), effectiveDate: str(b.effectiveDate) }, req.ip);
        if (action === 'publish' || action === 'withdraw') {
          const { doc } = await visibleEdition(app.db, me(req), e.id);
          return reply.redirect(`/library/documents/${doc.slug}/editions/${encodeURIComponent(e.version)}`, 303);
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

  app.post<{ Params: { id: string } }>('/library/manage/editions/:id/comments', { config: { action: 'library:comment' }, schema: { ...idParams, body: Type.Object({ body: Type.Optional(Text(10_000)) }) } }, async (req, reply) => {
    try {
      await addComment(app.db, me(req), req.params.id, str((req.body as Record<string, unknown>)?.body), req.ip);
    } catch (err) {
      if (err instanceof AppError && err.fields) return editor(req, reply, req.params.id, { errors: fieldErrors(req, err), status: err.status });
      throw err;
    }
    return reply.redirect(`/library/manage/editions/${req.params.id}#comments-h`, 303);
  });

  app.post<{ Params: { id: string } }>('/library/manage/editions/:id/file', author, async (req, reply) => {
    const { fields, upload } = await readMultipart(req);
    if (!upload) throw new AppError(422, 'error.summary', undefined, { file: 'library.file.empty' });
    try {
      await attachFile(app.db, me(req), req.params.id, upload, store, fields.replace === '1', req.ip);
    } catch (err) {
      if (err instanceof AppError && err.fields) return editor(req, reply, req.params.id, { errors: fieldErrors(req, err), status: err.status });
      throw err;
    }
    return reply.redirect(`/library/manage/editions/${req.params.id}`, 303);
  });

  app.post<{ Params: { slug: string } }>('/library/manage/documents/:slug/editions', { ...author, schema: { params: Type.Object({ slug: DocRef() }) } }, async (req, reply) => {
    const doc = await findDocument(app.db.orm, req.params.slug);
    if (!doc) throw new AppError(404, 'error.notFound.title');
    const { edition } = await createEdition(app.db, me(req), doc.id, {}, req.ip);
    return reply.redirect(`/library/manage/editions/${edition.id}`, 303);
  });
}
