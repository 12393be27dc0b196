// Documents: creating them under the issuing rules, and reading them for the portal and the API.
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Orm, Tx } from '../../platform/db/database.ts';
import { command } from '../../platform/context.ts';
import { authorize, authorizeFor } from '../../platform/auth/access.ts';
import { invalid, notFound } from '../../platform/http/errors.ts';
import type { MessageKey } from '../../messages.ts';
import { institutions, architectureGroups } from '../reference/index.ts';
import { documents, editions, links, type Document, type Section } from './schema.ts';
import {
  CODE_PATTERN, defaultAudience, implementsProblem, isLevel, isReferenceKind, issuingProblem, parentProblem, sectorProblem, slugOf, versionProblem,
} from './rules.ts';
import { emptySection } from './content.ts';
import { insertEdition, updateDocument } from './editions.store.ts';
import { documentPolicy } from './access.ts';
import { audit } from './audit-events.ts';

export interface DocumentInput {
  code: string;
  level: number;
  kind: string;
  /** Code or slug of the parent document; empty for a parent document. */
  parent?: string | null;
  groupCode?: string | null;
  sector?: string | null;
  issuerId: string;
  audience?: 'public' | 'internal';
  titleSw: string;
  titleEn: string;
  summarySw?: string;
  summaryEn?: string;
  /** Codes or slugs of level-1/2 documents a level-3 document implements. */
  implements?: string[];
  templateEditionId?: string | null;
  isSample?: boolean;
  /** The first draft edition. */
  version?: string;
  authoritativeLang?: 'sw' | 'en';
  content?: Section[];
  changeSummary?: string;
}

type Q = Orm | Tx;

export async function findDocument(q: Q, ref: string): Promise<Document | undefined> {
  const [d] = await q.select().from(documents).where(sql`${documents.slug} = ${slugOf(ref)} OR lower(${documents.code}) = lower(${ref})`).limit(1);
  return d;
}

async function documentsByRefs(q: Q, refs: string[]): Promise<(Document | undefined)[]> {
  return Promise.all(refs.map((r) => findDocument(q, r)));
}

/** Checks every rule a new document must satisfy; throws a 422 naming each bad field. */
export async function checkDocument(q: Q, input: DocumentInput, opts: { reference?: boolean } = {}) {
  const errors: Record<string, MessageKey> = {};
  const code = input.code?.trim() ?? '';
  if (!CODE_PATTERN.test(code)) errors.code = 'library.field.code';
  else if (await findDocument(q, code)) errors.code = 'library.field.codeTaken';
  if (!input.titleSw?.trim() && !input.titleEn?.trim()) errors.titleSw = 'library.field.title';
  const [issuer] = await q.select().from(institutions).where(eq(institutions.id, input.issuerId));
  if (!issuer) errors.issuer = 'library.field.issuer';
  if (!isLevel(input.level)) errors.level = 'library.field.level';
  if (issuer && isLevel(input.level)) {
    const problem = opts.reference && isReferenceKind(input.kind) ? null : issuingProblem(issuer, input.level, input.kind);
    if (problem) errors.kind = problem;
  }
  const sector = sectorProblem(input.kind, input.sector);
  if (sector) errors.sector = sector;
  if (input.groupCode) {
    const [g] = await q.select().from(architectureGroups).where(eq(architectureGroups.code, input.groupCode));
    if (!g) errors.groupCode = 'library.field.group';
  }
  let parent: Document | undefined;
  if (input.parent?.trim()) {
    parent = await findDocument(q, input.parent.trim());
    const p = parent ? parentProblem(input.level, parent) : 'library.field.parent';
    if (p) errors.parent = p;
  }
  const targets = await documentsByRefs(q, input.implements?.filter((s) => s.trim()) ?? []);
  if (targets.some((t) => !t)) errors.implements = 'library.field.implements';
  else {
    const p = implementsProblem(input.level, targets as Document[]);
    if (p) errors.implements = p;
  }
  let templateContent: Section[] | undefined;
  if (input.templateEditionId) {
    const [t] = await q
      .select({ content: editions.content, kind: documents.kind, status: editions.status })
      .from(editions)
      .innerJoin(documents, eq(documents.id, editions.documentId))
      .where(eq(editions.id, input.templateEditionId));
    if (!t || t.kind !== 'template' || t.status !== 'in_force' || input.level !== 3) errors.templateEditionId = 'library.field.template';
    else templateContent = t.content;
  }
  if (input.version !== undefined) {
    const v = versionProblem(input.version);
    if (v) errors.version = v;
  }
  if (Object.keys(errors).length) throw invalid(errors);
  return { code, parent, targets: targets as Document[], templateContent };
}

/** Inserts a document and its first draft edition; the caller supplies the transaction and audit. */
export async function insertDocument(tx: Tx, input: DocumentInput, createdBy: string | null, opts: { reference?: boolean } = {}) {
  const { code, parent, targets, templateContent } = await checkDocument(tx, input, opts);
  const level = input.level as 1 | 2 | 3;
  const [doc] = await tx
    .insert(documents)
    .values({
      code,
      slug: slugOf(code),
      level,
      kind: input.kind,
      role: parent ? 'related' : 'parent',
      parentId: parent?.id ?? null,
      groupCode: input.groupCode || null,
      sector: input.sector?.trim() || null,
      issuerId: input.issuerId,
      audience: input.audience ?? defaultAudience(level, input.kind),
      titleSw: (input.titleSw ?? '').trim(),
      titleEn: (input.titleEn ?? '').trim(),
      summarySw: input.summarySw?.trim() ?? '',
      summaryEn: input.summaryEn?.trim() ?? '',
      templateEditionId: input.templateEditionId ?? null,
      isSample: input.isSample ?? false,
    })
    .returning();
  if (targets.length) await tx.insert(links).values(targets.map((t) => ({ documentId: doc.id, targetId: t.id })));
  const edition = await insertEdition(tx, {
    documentId: doc.id,
    version: input.version ?? '1.0',
    status: 'draft',
    authoritativeLang: input.authoritativeLang ?? 'sw',
    content: input.content ?? templateContent ?? [emptySection()],
    changeSummary: input.changeSummary ?? '',
    createdBy,
  });
  return { doc, edition };
}

/** Creates a document with its first draft, for an issuer acting for the issuing institution. */
export const createDocument = command(async (ctx, input: DocumentInput) => {
  authorizeFor(ctx.actor, 'library:author', input.issuerId);
  const r = await insertDocument(ctx.tx, input, ctx.actor?.userId ?? null);
  await audit(ctx, 'library.document.create', {
    entityId: r.doc.id,
    institutionId: r.doc.issuerId,
    details: { code: r.doc.code, level: r.doc.level, kind: r.doc.kind, draft: r.edition.version },
  });
  return r;
});

/** Changes the public/internal audience of a document (issuer's approvers only). */
export const setAudience = command(async (ctx, input: { slug: string; audience: 'public' | 'internal' }) => {
  const doc = await findDocument(ctx.tx, input.slug);
  if (!doc) throw notFound();
  const statuses = (await ctx.tx.select({ status: editions.status }).from(editions).where(eq(editions.documentId, doc.id))).map((e) => e.status);
  authorize(ctx.actor, documentPolicy, 'setAudience', { doc, editionStatuses: statuses });
  await updateDocument(ctx.tx, doc.id, { audience: input.audience, updatedAt: new Date() });
  await audit(ctx, 'library.document.audience', { entityId: doc.id, institutionId: doc.issuerId, details: { from: doc.audience, to: input.audience } });
});

export async function documentsByIds(q: Q, ids: string[]): Promise<Document[]> {
  if (ids.length === 0) return [];
  return q.select().from(documents).where(inArray(documents.id, ids));
}

export async function childrenOf(q: Q, parentId: string): Promise<Document[]> {
  return q.select().from(documents).where(and(eq(documents.parentId, parentId))).orderBy(documents.code);
}

