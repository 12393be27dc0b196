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
import { canSeeEdition, requireAction } from './access.ts';
import { editProblem } from './rules.ts';
import { inspectFile } from './files.service.ts';
import { indexEditions } from './indexing.ts';
import { checkFileName, fileRefusal, FileProblemError, fileStore, safeFileName, type ArchiveLimits } from '../../platform/files/index.ts';

export interface Upload {
  buffer: Buffer;
  filename: string;
}

export interface FileStore {
  dataDir: string;
  uploadLimit: number;
  archive?: Partial<ArchiveLimits>;
}

/** The upload's name (a hostile one is refused) and its checked, read content. */
async function checkUpload(upload: Upload, store: FileStore) {
  let name: string;
  try {
    name = safeFileName(checkFileName(upload.filename), 'document');
  } catch (err) {
    if (err instanceof FileProblemError) throw fileRefusal(err.problem);
    throw err;
  }
  return { name, file: await inspectFile(upload.buffer, store.uploadLimit, store.archive) };
}

export async function importNewDocument(db: Database, actor: Actor, input: DocumentInput, upload: Upload, store: FileStore, ip?: string) {
  if (!can(actor, 'library:author', { institutionId: input.issuerId })) throw forbidden();
  const { name, file } = await checkUpload(upload, store);
  const result = await audited(db, auditSourceOf(actor, ip), async (tx, audit) => {
    const r = await insertDocument(tx, { ...input, content: file.content, authoritativeLang: input.authoritativeLang ?? file.lang }, actor.userId);
    await tx
      .update(editions)
      .set({ fileSha256: file.sha256, fileName: name, fileType: file.type, fileSize: file.size, fileText: file.text })
      .where(eq(editions.id, r.edition.id));
    await indexEditions(tx, { editionIds: [r.edition.id] });
    await audit({
      action: 'library.document.import',
      entityType: 'library_document',
      entityId: r.doc.id,
      institutionId: r.doc.issuerId,
      summary: { code: r.doc.code, file: name, type: file.type, sha256: file.sha256, sections: file.content.length },
    });
    return r;
  });
  await fileStore(store.dataDir).put(upload.buffer);
  return result;
}

/** Attaches the original file to a draft; with `replaceContent` its text becomes the draft's content. */
export async function attachFile(db: Database, actor: Actor, editionId: string, upload: Upload, store: FileStore, replaceContent: boolean, ip?: string) {
  const pre = await loadEdition(db.orm, editionId);
  if (!canSeeEdition(actor, pre.doc, pre.edition)) throw notFound();
  requireAction(actor, 'library:author', pre.doc);
  const ep = editProblem(pre.edition.status);
  if (ep) throw new AppError(409, ep);
  const { name, file } = await checkUpload(upload, store);
  const updated = await audited(db, auditSourceOf(actor, ip), async (tx, audit) => {
    const { edition } = await loadEdition(tx, editionId);
    const ep2 = editProblem(edition.status);
    if (ep2) throw new AppError(409, ep2);
    const [row] = await tx
      .update(editions)
      .set({
        fileSha256: file.sha256,
        fileName: name,
        fileType: file.type,
        fileSize: file.size,
        fileText: file.text,
        ...(replaceContent ? { content: file.content } : {}),
        revision: edition.revision + 1,
        updatedAt: new Date(),
      })
      .where(eq(editions.id, editionId))
      .returning();
    await indexEditions(tx, { editionIds: [editionId] });
    await audit({ action: 'library.edition.file', entityType: 'library_edition', entityId: editionId, institutionId: pre.doc.issuerId, summary: { file: name, sha256: file.sha256, replaceContent } });
    return row;
  });
  await fileStore(store.dataDir).put(upload.buffer);
  return { doc: pre.doc, edition: updated };
}
