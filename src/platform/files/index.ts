// The platform's file handling, for every module that takes files: storage by hash, type by
// content, safe names, and reading untrusted archives and documents off the event loop.
export { fileStore, type FileStore, type StoredFile } from './store.ts';
export { readUpload, inflateZip, type ReadOptions, type ReadResult } from './reader.ts';
export { DEFAULT_ARCHIVE_LIMITS, rebuiltZip, type ArchiveLimits } from './archive.ts';
export { FILE_KINDS, type FileKind } from './detect.ts';
export type { Paragraph } from './extract.ts';
export { checkFileName, safeFileName, contentDisposition } from './names.ts';
export { FileProblemError, fileRefusal, type FileProblem } from './problems.ts';
