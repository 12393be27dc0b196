// What a file is, decided by its bytes (file-type), never by its name or the declared Content-Type.
// Each use names the kinds it accepts; anything else is refused. A file that is two kinds at once
// (a polyglot: a PDF that is also a valid zip, or a zip that a PDF reader would take for a PDF) is
// refused, because what one program checks is not what another opens.
import { fileTypeFromBuffer } from 'file-type';
import { FileProblemError } from './problems.ts';

export const FILE_KINDS = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  png: 'image/png',
  jpg: 'image/jpeg',
} as const;
export type FileKind = keyof typeof FILE_KINDS;

const ZIP_LOCAL = 0x04034b50;
const ZIP_END = 0x06054b50;

/** A zip's end-of-central-directory record whose directory lies inside the file. */
export function hasZipDirectory(buf: Buffer): boolean {
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 65535); i--) {
    if (buf.readUInt32LE(i) !== ZIP_END) continue;
    const size = buf.readUInt32LE(i + 12);
    const offset = buf.readUInt32LE(i + 16);
    if (offset + size <= i) return true;
  }
  return false;
}

// PDF readers accept the header anywhere in the first kilobyte.
const looksLikePdf = (buf: Buffer) => buf.subarray(0, 1024).includes('%PDF-');

const OOXML: readonly FileKind[] = ['docx', 'xlsx'];
export const isOoxml = (k: FileKind) => OOXML.includes(k);

/**
 * The kind of a file that is not a zip, or 'zip' for one: which Office format a zip holds is decided
 * from its parts once it has been opened within the caps (ooxmlKind), not from a header scan.
 */
export async function detectKind(buf: Buffer, allow: readonly FileKind[]): Promise<FileKind | 'zip'> {
  if (buf.length === 0) throw new FileProblemError('empty');
  const isZip = buf.length >= 4 && buf.readUInt32LE(0) === ZIP_LOCAL;
  if (isZip && looksLikePdf(buf)) throw new FileProblemError('polyglot');
  if (isZip) {
    if (!allow.some(isOoxml)) throw new FileProblemError('wrongType');
    return 'zip';
  }
  const found = await fileTypeFromBuffer(buf).catch(() => undefined);
  const kind = (Object.keys(FILE_KINDS) as FileKind[]).find((k) => k === found?.ext);
  if (kind === 'pdf' && hasZipDirectory(buf)) throw new FileProblemError('polyglot');
  if (!kind || !allow.includes(kind)) throw new FileProblemError('wrongType');
  return kind;
}

/** Office Open XML parts every file of the kind has. */
export function ooxmlKind(parts: ReadonlyMap<string, unknown>, allow: readonly FileKind[]): FileKind {
  const kind = !parts.has('[Content_Types].xml') ? undefined : parts.has('word/document.xml') ? 'docx' : parts.has('xl/workbook.xml') ? 'xlsx' : undefined;
  if (!kind || !allow.includes(kind)) throw new FileProblemError('wrongType');
  return kind;
}
