// Importing an original PDF/DOCX: as the starting draft of a new document, or onto an existing draft.
// The file is checked and read first (in a worker, with caps); it is stored only when the database
// change succeeds.
import type { Ctx } from '../../platform/context.ts';
import { transaction } from '../../platform/context.ts';
import { authorize, authorizeFor } from '../../platform/auth/access.ts';
import { AppError } from '../../platform/http/errors.ts';
import { insertDocument, type DocumentInput } from './documents.service.ts';
import { loadEdition } from './editions.service.ts';
import { editionPolicy } from './access.ts';
import { updateEdition } from './editions.store.ts';
import { inspectFile } from './files.service.ts';
import { checkFileName, fileRefusal, FileProblemError, fileStore, safeFileName, type ArchiveLimits } from '../../platform/files/index.ts';
import { audit } from './audit-events.ts';

export interface Upload {
  buffer: Buffer;
  filename: string;
}

export interface FileStore {
  dataDir: string;
  uploadLimit: number;
  archive?: Partial<ArchiveLimits>;
}

const storeOf = (ctx: Ctx): FileStore => ({ dataDir: ctx.config.dataDir, uploadLimit: ctx.config.uploadLimit, archive: ctx.config.archive });

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

export async function importNewDocument(ctx: Ctx, input: DocumentInput & { upload: Upload }) {
  authorizeFor(ctx.actor, 'library:author', input.issuerId);
  const store = storeOf(ctx);
  // Read the file before the transaction: the worker may take seconds, and the embedded database has one connection.
  const { name, file } = await checkUpload(input.upload, store);
  const result = await transaction(ctx, async (tx) => {
    const r = await insertDocument(tx.tx, { ...input, content: file.content, authoritativeLang: input.authoritativeLang ?? file.lang }, ctx.actor?.userId ?? null);
    const edition = (await updateEdition(tx.tx, r.edition.id, { fileSha256: file.sha256, fileName: name, fileType: file.type, fileSize: file.size, fileText: file.text }))!;
    await audit(tx, 'library.document.import', {
      entityId: r.doc.id,
      institutionId: r.doc.issuerId,
      details: { code: r.doc.code, file: name, type: file.type, sha256: file.sha256, sections: file.content.length },
    });
    return { doc: r.doc, edition };
  });
  await fileStore(store.dataDir).put(input.upload.buffer);
  return result;
}

/** Attaches the original file to a draft; with `replaceContent` its text becomes the draft's content. */
export async function attachFile(ctx: Ctx, input: { editionId: string; upload: Upload; replaceContent: boolean }) {
  const pre = await loadEdition(ctx.q, input.editionId);
  authorize(ctx.actor, editionPolicy, 'edit', pre);
  const store = storeOf(ctx);
  const { name, file } = await checkUpload(input.upload, store);
  const updated = await transaction(ctx, async (tx) => {
    // The draft may have moved on while the file was read: check again under the transaction.
    const { edition } = await loadEdition(tx.tx, input.editionId);
    authorize(ctx.actor, editionPolicy, 'edit', { doc: pre.doc, edition });
    const row = await updateEdition(tx.tx, edition.id, {
      fileSha256: file.sha256,
      fileName: name,
      fileType: file.type,
      fileSize: file.size,
      fileText: file.text,
      ...(input.replaceContent ? { content: file.content } : {}),
      revision: edition.revision + 1,
      updatedAt: new Date(),
    });
    if (!row) throw new AppError(409, 'library.rule.onlyDraftEditable');
    await audit(tx, 'library.edition.file', { entityId: edition.id, institutionId: pre.doc.issuerId, details: { file: name, sha256: file.sha256, replaceContent: input.replaceContent } });
    return row;
  });
  await fileStore(store.dataDir).put(input.upload.buffer);
  return { doc: pre.doc, edition: updated };
}
