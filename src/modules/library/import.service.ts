// Importing an original PDF/DOCX: as the starting draft of a new document, or onto an existing draft.
// The file is checked and read first; it is stored only when the database change succeeds.
import { eq } from 'drizzle-orm';
import type { Database } from '../../platform/db/database.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { can } from '../../platform/auth/policy.ts';
import { audited, auditSourceOf } from '../../platform/audit.ts';
import { AppError, forbidden, notFound } from '../../platform/http/errors.ts';
import { editions } from './schema.ts';
import { insertDocument, type DocumentInput } from './documents.service.ts';
import { loadEdition } from './editions.service.ts';
import { editionPolicy } from './access.ts';
import { authorize } from '../../platform/auth/access.ts';
import { editProblem } from './rules.ts';
import { inspectFile, storeFile } from './files.service.ts';
import { indexEditions } from './indexing.ts';

export interface Upload {
  buffer: Buffer;
  filename: string;
}

export interface FileStore {
  dataDir: string;
  uploadLimit: number;
}

const safeName = (n: string) => n.replace(/[^\p{L}\p{N}._ -]+/gu, '_').slice(0, 120) || 'document';

export async function importNewDocument(db: Database, actor: Actor, input: DocumentInput, upload: Upload, store: FileStore, ip?: string) {
  if (!can(actor, 'library:author', { institutionId: input.issuerId })) throw forbidden();
  const file = await inspectFile(upload.buffer, store.uploadLimit);
  const result = await audited(db, auditSourceOf(actor, ip), async (tx, audit) => {
    const r = await insertDocument(tx, { ...input, content: file.content, authoritativeLang: input.authoritativeLang ?? file.lang }, actor.userId);
    await tx
      .update(editions)
      .set({ fileSha256: file.sha256, fileName: safeName(upload.filename), fileType: file.type, fileSize: file.size, fileText: file.text })
      .where(eq(editions.id, r.edition.id));
    await indexEditions(tx, { editionIds: [r.edition.id] });
    await audit({
      action: 'library.document.import',
      entityType: 'library_document',
      entityId: r.doc.id,
      institutionId: r.doc.issuerId,
      summary: { code: r.doc.code, file: safeName(upload.filename), type: file.type, sha256: file.sha256, sections: file.content.length },
    });
    return r;
  });
  storeFile(store.dataDir, file.sha256, upload.buffer);
  return result;
}

/** Attaches the original file to a draft; with `replaceContent` its text becomes the draft's content. */
export async function attachFile(db: Database, actor: Actor, editionId: string, upload: Upload, store: FileStore, replaceContent: boolean, ip?: string) {
  const pre = await loadEdition(db.orm, editionId);
  authorize(actor, editionPolicy, 'edit', pre);
  const file = await inspectFile(upload.buffer, store.uploadLimit);
  await audited(db, auditSourceOf(actor, ip), async (tx, audit) => {
    const { edition } = await loadEdition(tx, editionId);
    const ep2 = editProblem(edition.status);
    if (ep2) throw new AppError(409, ep2);
    await tx
      .update(editions)
      .set({
        fileSha256: file.sha256,
        fileName: safeName(upload.filename),
        fileType: file.type,
        fileSize: file.size,
        fileText: file.text,
        ...(replaceContent ? { content: file.content } : {}),
        revision: edition.revision + 1,
        updatedAt: new Date(),
      })
      .where(eq(editions.id, editionId));
    await indexEditions(tx, { editionIds: [editionId] });
    await audit({ action: 'library.edition.file', entityType: 'library_edition', entityId: editionId, institutionId: pre.doc.issuerId, summary: { file: safeName(upload.filename), sha256: file.sha256, replaceContent } });
  });
  storeFile(store.dataDir, file.sha256, upload.buffer);
}
