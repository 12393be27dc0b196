// Original files (PDF or DOCX) of editions: checked and read by the platform (platform/files: type by
// content, archives within caps, off the event loop), then turned into sections and clauses.
import crypto from 'node:crypto';
import { AppError } from '../../platform/http/errors.ts';
import { FileProblemError, fileRefusal, readUpload, type ArchiveLimits } from '../../platform/files/index.ts';
import { contentFromParagraphs } from './content.ts';
import type { Section } from './schema.ts';

export interface InspectedFile {
  type: 'pdf' | 'docx';
  sha256: string;
  size: number;
  text: string;
  content: Section[];
  lang: 'sw' | 'en';
}

/** A rough language guess from the commonest short words of each language. */
export function guessLang(text: string): 'sw' | 'en' {
  const words = text.toLowerCase().split(/[^a-z]+/);
  let sw = 0;
  let en = 0;
  for (const w of words) {
    if (['na', 'ya', 'wa', 'kwa', 'za', 'la', 'cha', 'katika', 'kuhusu', 'taasisi'].includes(w)) sw++;
    if (['the', 'and', 'of', 'to', 'for', 'in', 'is', 'shall', 'with', 'be'].includes(w)) en++;
  }
  return sw > en ? 'sw' : 'en';
}

/** Checks and reads an upload. Throws a 4xx with a clear message for anything that is not a sound PDF or DOCX. */
export async function inspectFile(buf: Buffer, limit: number, limits?: Partial<ArchiveLimits>): Promise<InspectedFile> {
  let read;
  try {
    read = await readUpload(buf, { allow: ['pdf', 'docx'], maxBytes: limit, extract: true, limits });
  } catch (err) {
    if (err instanceof FileProblemError) throw fileRefusal(err.problem, 'library.file.notPdfOrDocx');
    throw err;
  }
  const text = read.paragraphs.map((p) => p.text.replace(/\s+/g, ' ').trim()).filter(Boolean).join('\n');
  if (!text) throw new AppError(422, 'error.summary', undefined, { file: 'library.file.noText' });
  const lang = guessLang(text);
  return {
    type: read.kind as 'pdf' | 'docx',
    sha256: crypto.createHash('sha256').update(buf).digest('hex'),
    size: buf.length,
    text: text.slice(0, 2_000_000),
    content: contentFromParagraphs(read.paragraphs, lang),
    lang,
  };
}
