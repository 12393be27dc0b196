// Read models for the portal and the API: the filtered document list, a document with everything
// its page shows, and one edition. Visibility is applied here, so pages and API agree.
import { asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Database } from '../../platform/db/database.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { notFound } from '../../platform/http/errors.ts';
import { institutions, architectureGroups } from '../reference/index.ts';
import { documents, editions, links, type Document, type Edition } from './schema.ts';
import { documentPolicy, editionPolicy, internalScope, readsInternal, visibleEditionSql } from './access.ts';
import { scopeFilter } from '../../platform/auth/scope.ts';
import type { Ctx } from '../../platform/context.ts';
import { OPEN } from './rules.ts';
import { findDocument } from './documents.service.ts';
import { pgArray } from './text.ts';
import { sqlParams, containsAny, whereOf } from '../../platform/db/sql-params.ts';
import { queryPage, type Paged } from '../../platform/db/paged.ts';

export interface ListFilters {
  level?: number;
  group?: string;
  kind?: string;
  issuer?: string;
  sector?: string;
  status?: string;
  q?: string;
  page?: number;
  pageSize?: number;
}

/** What names a document in a list or a search result. */
export interface DocumentHeading {
  slug: string;
  code: string;
  titleSw: string;
  titleEn: string;
  level: number;
  kind: string;
}

export interface ListedDocument extends DocumentHeading {
  role: string;
  groupCode: string | null;
  sector: string | null;
  audience: string;
  issuerAcronym: string;
  parentSlug: string | null;
  inForceVersion: string | null;
  effectiveDate: string | null;
  latestStatus: string | null;
}

export async function listDocuments(ctx: Ctx, f: ListFilters): Promise<Paged<ListedDocument>> {
  const { params, p } = sqlParams();
  // What the caller sees of each document: published editions of public documents, everything of their own.
  const visibleEd = visibleEditionSql(ctx.actor, p);
  const where: string[] = [`EXISTS (SELECT 1 FROM library_editions e WHERE e.document_id = d.id AND ${visibleEd}${f.status ? ` AND e.status = ${p(f.status)}` : ''})`];
  if (f.level) where.push(`d.level = ${p(f.level)}`);
  if (f.group) where.push(`d.group_code = ${p(f.group)}`);
  if (f.kind) where.push(`d.kind = ${p(f.kind)}`);
  if (f.sector) where.push(`lower(d.sector) = lower(${p(f.sector)})`);
  if (f.issuer) where.push(`lower(i.acronym) = lower(${p(f.issuer)})`);
  where.push(containsAny(p, f.q, ['d.code', 'd.title_sw', 'd.title_en']));
  return queryPage<ListedDocument>(ctx.db, {
    columns: `d.slug, d.code, d.title_sw AS "titleSw", d.title_en AS "titleEn", d.level, d.kind, d.role, d.group_code AS "groupCode", d.sector, d.audience, i.acronym AS "issuerAcronym",
        pd.slug AS "parentSlug", f.version AS "inForceVersion", f.effective_date::text AS "effectiveDate",
        (SELECT e.status FROM library_editions e WHERE e.document_id = d.id AND ${visibleEd} ORDER BY e.created_at DESC LIMIT 1) AS "latestStatus"`,
    from: `library_documents d
      JOIN institutions i ON i.id = d.issuer_id
      LEFT JOIN library_documents pd ON pd.id = d.parent_id
      LEFT JOIN library_editions f ON f.document_id = d.id AND f.status = 'in_force'
      ${whereOf(where)}`,
    orderBy: `d.level, coalesce(d.group_code, ''), d.code`,
    params,
    page: f.page,
    pageSize: Math.min(Math.max(f.pageSize ?? 50, 1), 200),
  });
}

/** The institutions among `ids` as issuers a new document may name (the new-document form's choices). */
export async function issuersAmong(ctx: Ctx, ids: string[]) {
  if (!ids.length) return [];
  return ctx.q.select({ id: institutions.id, acronym: institutions.acronym, nameSw: institutions.nameSw, nameEn: institutions.nameEn }).from(institutions).where(inArray(institutions.id, ids));
}

export type DocRef = Pick<Document, 'slug' | 'code' | 'titleSw' | 'titleEn' | 'level' | 'kind'>;

export interface DocumentView {
  doc: Document;
  issuer: { acronym: string; nameSw: string; nameEn: string };
  group: { code: string; nameSw: string; nameEn: string } | null;
  parent: DocRef | null;
  related: DocRef[];
  implements: DocRef[];
  implementedBy: DocRef[];
  template: { doc: DocRef; version: string } | null;
  editions: Edition[];
  inForce: Edition | null;
}

const ref = (d: Document): DocRef => ({ slug: d.slug, code: d.code, titleSw: d.titleSw, titleEn: d.titleEn, level: d.level, kind: d.kind });

/** Everything a document page shows; 404 when the caller may see none of it. */
export async function documentView(ctx: Ctx, slug: string): Promise<DocumentView> {
  const { actor } = ctx;
  const db = ctx.db;
  const doc = await findDocument(db.orm, slug);
  if (!doc) throw notFound();
  const all = await db.orm.select().from(editions).where(eq(editions.documentId, doc.id)).orderBy(desc(editions.createdAt));
  if (!documentPolicy.visible(actor, { doc, editionStatuses: all.map((e) => e.status) })) throw notFound();
  const visible = all.filter((edition) => editionPolicy.visible(actor, { doc, edition }));
  if (visible.length === 0 && !readsInternal(actor, doc.issuerId)) throw notFound();
  const [issuer] = await db.orm.select({ acronym: institutions.acronym, nameSw: institutions.nameSw, nameEn: institutions.nameEn }).from(institutions).where(eq(institutions.id, doc.issuerId));
  const group = doc.groupCode
    ? ((await db.orm.select({ code: architectureGroups.code, nameSw: architectureGroups.nameSw, nameEn: architectureGroups.nameEn }).from(architectureGroups).where(eq(architectureGroups.code, doc.groupCode)))[0] ?? null)
    : null;
  const seeable = async (ids: string[]) => {
    if (ids.length === 0) return [];
    const ds = await db.orm.select().from(documents).where(inArray(documents.id, ids)).orderBy(asc(documents.code));
    const pub = await db.orm.select({ documentId: editions.documentId }).from(editions).where(sql`${inArray(editions.documentId, ids)} AND ${editions.status} IN ('in_force','superseded','withdrawn')`);
    const published = new Set(pub.map((r) => r.documentId));
    return ds.filter((d) => (d.audience === 'public' && published.has(d.id)) || readsInternal(actor, d.issuerId)).map(ref);
  };
  const [parent] = doc.parentId ? await seeable([doc.parentId]) : [];
  const childIds = (await db.orm.select({ id: documents.id }).from(documents).where(eq(documents.parentId, doc.id))).map((r) => r.id);
  const implIds = (await db.orm.select({ id: links.targetId }).from(links).where(eq(links.documentId, doc.id))).map((r) => r.id);
  const byIds = (await db.orm.select({ id: links.documentId }).from(links).where(eq(links.targetId, doc.id))).map((r) => r.id);
  let template: DocumentView['template'] = null;
  if (doc.templateEditionId) {
    const [t] = await db.orm.select({ doc: documents, version: editions.version }).from(editions).innerJoin(documents, eq(documents.id, editions.documentId)).where(eq(editions.id, doc.templateEditionId));
    if (t && (t.doc.audience === 'public' || readsInternal(actor, t.doc.issuerId))) template = { doc: ref(t.doc), version: t.version };
  }
  return {
    doc,
    issuer: issuer!,
    group,
    parent: parent ?? null,
    related: await seeable(childIds),
    implements: await seeable(implIds),
    implementedBy: await seeable(byIds),
    template,
    editions: visible,
    inForce: visible.find((e) => e.status === 'in_force') ?? null,
  };
}

/** One edition by its version, for the citation link; 404 when not visible. */
export async function editionByVersion(ctx: Ctx, slug: string, version: string): Promise<{ view: DocumentView; edition: Edition }> {
  const view = await documentView(ctx, slug);
  const edition = view.editions.find((e) => e.version === version);
  if (!edition) throw notFound();
  return { view, edition };
}

/** In-force templates, for the templates page and "start from a template". */
export async function templates(ctx: Ctx) {
  return ctx.q
    .select({ doc: documents, edition: editions })
    .from(documents)
    .innerJoin(editions, eq(editions.documentId, documents.id))
    .where(sql`${documents.kind} = 'template' AND ${editions.status} = 'in_force' AND ${documents.audience} = 'public'`)
    .orderBy(documents.code);
}

/** Newest published editions of public documents, for the Atom feed. */
export async function recentEditions(ctx: Ctx, limit = 50) {
  return ctx.q
    .select({ doc: documents, edition: editions })
    .from(editions)
    .innerJoin(documents, eq(documents.id, editions.documentId))
    .where(sql`${editions.publishedAt} IS NOT NULL AND ${documents.audience} = 'public'`)
    .orderBy(desc(editions.publishedAt))
    .limit(limit);
}

/** Documents and open drafts the caller works on (their institutions'). */
export async function workbench(ctx: Ctx) {
  const scope = internalScope(ctx.actor);
  const rows = await ctx.q
    .select({ doc: documents, edition: editions })
    .from(editions)
    .innerJoin(documents, eq(documents.id, editions.documentId))
    .where(sql`${inArray(editions.status, [...OPEN])} AND ${scopeFilter(scope, documents.issuerId)}`)
    .orderBy(desc(editions.updatedAt))
    .limit(200);
  return rows;
}

/** The slug of a document, for building links to an edition the caller just changed. */
export async function documentSlug(ctx: Ctx, documentId: string): Promise<string> {
  const [d] = await ctx.q.select({ slug: documents.slug }).from(documents).where(eq(documents.id, documentId));
  if (!d) throw notFound();
  return d.slug;
}
