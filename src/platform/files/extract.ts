// Text of a PDF or DOCX as paragraphs (headings marked). Runs inside the file worker only: both
// readers hold the whole document in memory and may spin on a hostile one.
import { rebuiltZip } from './archive.ts';
import { FileProblemError } from './problems.ts';

export interface Paragraph {
  text: string;
  heading?: boolean;
}

const decode = (s: string) =>
  s.replace(/<[^>]+>/g, ' ').replace(/&(amp|lt|gt|quot|#39);/g, (_m, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[e]!);

/** Paragraphs of a DOCX from its XML parts, already inflated within the caps (archive.ts). */
export async function docxParagraphs(parts: Map<string, Buffer>): Promise<Paragraph[]> {
  // mammoth opens a zip itself and trusts its headers; it gets one rebuilt from the parts already
  // inflated within the caps, stored uncompressed, so its sizes are true.
  const rebuilt = Buffer.from(await rebuiltZip(parts));
  const mammoth = (await import('mammoth')).default;
  let html: string;
  try {
    const ignoreImages = mammoth.images.imgElement(async () => ({ src: '' }));
    html = (await mammoth.convertToHtml({ buffer: rebuilt }, { convertImage: ignoreImages })).value;
  } catch {
    throw new FileProblemError('corrupt');
  }
  return [...html.matchAll(/<(h[1-6]|p|li)\b[^>]*>([\s\S]*?)<\/\1>/g)].map((m) => ({ text: decode(m[2]), heading: m[1].startsWith('h') }));
}

export async function pdfParagraphs(buf: Buffer): Promise<Paragraph[]> {
  const { extractText, getDocumentProxy } = await import('unpdf');
  let pages: string[];
  try {
    const pdf = await getDocumentProxy(new Uint8Array(buf));
    pages = (await extractText(pdf, { mergePages: false })).text;
  } catch {
    throw new FileProblemError('corrupt');
  }
  const out: Paragraph[] = [];
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
