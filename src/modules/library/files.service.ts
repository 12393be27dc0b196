// Original files (PDF or DOCX): the type is decided by content, never by name; a DOCX is checked
// for zip bombs from its central directory before anything is decompressed; text is extracted into
// sections and clauses. Files are stored by SHA-256 under <dataDir>/files, only after every check.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../platform/http/errors.ts';
import type { MessageKey } from '../../messages.ts';
import { contentFromParagraphs } from './content.ts';
import type { Section } from './schema.ts';

export const ZIP_LIMITS = { maxEntries: 2000, maxTotal: 100 * 1024 * 1024, maxRatio: 200 };

export interface InspectedFile {
  type: 'pdf' | 'docx';
  sha256: string;
  size: number;
  text: string;
  content: Section[];
  lang: 'sw' | 'en';
}

const reject = (key: MessageKey) => new AppError(422, key, undefined, { file: key });

interface ZipEntry {
  name: string;
  compressed: number;
  uncompressed: number;
}

/** Reads the zip central directory without decompressing anything. */
export function zipEntries(buf: Buffer): ZipEntry[] {
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 65535); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw reject('library.file.corrupt');
  const count = buf.readUInt16LE(eocd + 10);
  const cdSize = buf.readUInt32LE(eocd + 12);
  const cdOffset = buf.readUInt32LE(eocd + 16);
  if (count === 0xffff || cdOffset === 0xffffffff) throw reject('library.file.zipBomb');
  if (count > ZIP_LIMITS.maxEntries) throw reject('library.file.zipBomb');
  if (cdOffset + cdSize > buf.length) throw reject('library.file.corrupt');
  const out: ZipEntry[] = [];
  let p = cdOffset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== 0x02014b50) throw reject('library.file.corrupt');
    const compressed = buf.readUInt32LE(p + 20);
    const uncompressed = buf.readUInt32LE(p + 24);
    const n = buf.readUInt16LE(p + 28);
    const e = buf.readUInt16LE(p + 30);
    const c = buf.readUInt16LE(p + 32);
    out.push({ name: buf.toString('utf8', p + 46, p + 46 + n), compressed, uncompressed });
    p += 46 + n + e + c;
  }
  return out;
}

/** A zip bomb: too many entries, too much data once expanded, or an entry that expands too far. */
export function zipBombProblem(entries: ZipEntry[]): boolean {
  let total = 0;
  for (const e of entries) {
    if (e.uncompressed === 0xffffffff || e.compressed === 0xffffffff) return true;
    total += e.uncompressed;
    if (e.uncompressed > 1024 * 1024 && e.uncompressed / Math.max(e.compressed, 1) > ZIP_LIMITS.maxRatio) return true;
  }
  return total > ZIP_LIMITS.maxTotal || entries.length > ZIP_LIMITS.maxEntries;
}

const decode = (s: string) =>
  s.replace(/<[^>]+>/g, ' ').replace(/&(amp|lt|gt|quot|#39);/g, (_m, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[e]!);

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

async function docxParagraphs(buf: Buffer): Promise<{ text: string; heading?: boolean }[]> {
  const entries = zipEntries(buf);
  if (zipBombProblem(entries)) throw reject('library.file.zipBomb');
  const names = new Set(entries.map((e) => e.name));
  if (!names.has('word/document.xml') || !names.has('[Content_Types].xml')) throw reject('library.file.notPdfOrDocx');
  const mammoth = (await import('mammoth')).default;
  let html: string;
  try {
    html = (await mammoth.convertToHtml({ buffer: buf })).value;
  } catch {
    throw reject('library.file.corrupt');
  }
  return [...html.matchAll(/<(h[1-6]|p|li)\b[^>]*>([\s\S]*?)<\/\1>/g)].map((m) => ({ text: decode(m[2]), heading: m[1].startsWith('h') }));
}

async function pdfParagraphs(buf: Buffer): Promise<{ text: string }[]> {
  const { extractText, getDocumentProxy } = await import('unpdf');
  let pages: string[];
  try {
    const pdf = await getDocumentProxy(new Uint8Array(buf));
    pages = (await extractText(pdf, { mergePages: false })).text;
  } catch {
    throw reject('library.file.corrupt');
  }
  const out: { text: string }[] = [];
  let current = '';
  for (const line of pages.join('\n').split('\n').map((l) => l.trim())) {
    if (!line) {
      if (current) out.push({ text: current });
      current = '';
      continue;
    }
    const startsNew = /^(\d{1,2}(\.\d{1,3})*\.?\s|section\s|sehemu\s)/i.test(line);
    if (current && (startsNew || /[.:;]$/.test(current))) {
      out.push({ text: current });
      current = line;
    } else current = current ? `${current} ${line}` : line;
  }
  if (current) out.push({ text: current });
  return out;
}

/** Checks and reads an upload. Throws a 422 with a clear message for anything that is not a sound PDF or DOCX. */
export async function inspectFile(buf: Buffer, limit: number): Promise<InspectedFile> {
  if (buf.length === 0) throw reject('library.file.empty');
  if (buf.length > limit) throw new AppError(413, 'error.tooLarge.title');
  const isPdf = buf.subarray(0, 1024).includes(Buffer.from('%PDF-'));
  const isZip = buf.readUInt32LE(0) === 0x04034b50;
  if (!isPdf && !isZip) throw reject('library.file.notPdfOrDocx');
  const paragraphs = isPdf ? await pdfParagraphs(buf) : await docxParagraphs(buf);
  const text = paragraphs.map((p) => p.text.replace(/\s+/g, ' ').trim()).filter(Boolean).join('\n');
  if (!text) throw reject('library.file.noText');
  const lang = guessLang(text);
  return {
    type: isPdf ? 'pdf' : 'docx',
    sha256: crypto.createHash('sha256').update(buf).digest('hex'),
    size: buf.length,
    text: text.slice(0, 2_000_000),
    content: contentFromParagraphs(paragraphs, lang),
    lang,
  };
}

export function filePath(dir: string, sha256: string): string {
  return path.join(dir, 'files', sha256.slice(0, 2), sha256);
}

/** Stores the bytes under their hash (idempotent: the same file is stored once). */
export function storeFile(dir: string, sha256: string, buf: Buffer): void {
  const p = filePath(dir, sha256);
  if (fs.existsSync(p)) return;
  fs.mkdirSync(path.dirname(p), { recursive: true });
  const tmp = `${p}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, buf);
  fs.renameSync(tmp, p);
}
