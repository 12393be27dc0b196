// Server-side PDF documents (reports, decision letters) with pdf-lib: headings, paragraphs, label/value
// lists and tables, wrapped to the page width, with page breaks and a footer on every page. A4,
// the standard Helvetica fonts (Latin text: Kiswahili and English need nothing more). Characters the
// standard fonts cannot show (arrows, emoji) are replaced, never allowed to fail a report.
// pdf-lib is loaded on the first PDF, not at start-up (decision 0505: start time).
import type { PDFDocument, PDFFont, PDFPage, RGB } from 'pdf-lib';

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 56;
const FOOTER = 28;
let INK: RGB;
let MUTED: RGB;
let RULE: RGB;

/** pdf-lib and the colours made with it, loaded once. */
let loaded: Promise<typeof import('pdf-lib')> | undefined;
function pdfLib() {
  loaded ??= import('pdf-lib').then((lib) => {
    INK = lib.rgb(0.043, 0.047, 0.047);
    MUTED = lib.rgb(0.31, 0.33, 0.35);
    RULE = lib.rgb(0.69, 0.71, 0.73);
    return lib;
  });
  return loaded;
}

export interface TableColumn {
  label: string;
  /** Share of the text width (the shares of all columns are scaled to fill it). */
  width?: number;
  align?: 'left' | 'right';
}

export interface PdfMeta {
  title: string;
  /** Shown at the foot of every page, e.g. the institution and the date. */
  footer?: string;
  lang: 'sw' | 'en';
  author?: string;
  subject?: string;
  /** Fixed creation date, so the same input gives the same bytes (tests, caches). */
  createdAt?: Date;
}

export class PdfWriter {
  private page!: PDFPage;
  private y = 0;
  private readonly width = A4[0] - 2 * MARGIN;
  private readonly unsafe = new Map<string, boolean>();

  private constructor(
    private readonly doc: PDFDocument,
    private readonly regular: PDFFont,
    private readonly bold: PDFFont,
    private readonly meta: PdfMeta,
  ) {
    this.newPage();
  }

  static async create(meta: PdfMeta): Promise<PdfWriter> {
    const { PDFDocument, StandardFonts } = await pdfLib();
    const doc = await PDFDocument.create();
    const when = meta.createdAt ?? new Date();
    doc.setTitle(meta.title);
    doc.setLanguage(meta.lang);
    doc.setCreator('Viwango');
    doc.setProducer('Viwango');
    doc.setCreationDate(when);
    doc.setModificationDate(when);
    if (meta.author) doc.setAuthor(meta.author);
    if (meta.subject) doc.setSubject(meta.subject);
    const regular = await doc.embedFont(StandardFonts.Helvetica);
    const bold = await doc.embedFont(StandardFonts.HelveticaBold);
    return new PdfWriter(doc, regular, bold, meta);
  }

  heading(text: string, level: 1 | 2 | 3 = 1): this {
    const size = level === 1 ? 18 : level === 2 ? 14 : 12;
    this.space(level === 1 ? 4 : 10);
    this.lines(text, { font: this.bold, size, gap: 4 });
    this.space(4);
    return this;
  }

  paragraph(text: string, opts: { muted?: boolean; size?: number } = {}): this {
    for (const para of text.split(/\n{2,}/)) {
      this.lines(para.replace(/\s*\n\s*/g, ' '), { font: this.regular, size: opts.size ?? 10.5, gap: 3, color: opts.muted ? MUTED : INK });
      this.space(6);
    }
    return this;
  }

  /** Label: value pairs, the labels in bold in a column of their own. */
  facts(pairs: [string, string][]): this {
    const labelWidth = this.width * 0.34;
    for (const [label, value] of pairs) {
      const size = 10.5;
      const labelLines = this.wrap(label, this.bold, size, labelWidth - 8);
      const valueLines = this.wrap(value || '—', this.regular, size, this.width - labelWidth);
      const height = Math.max(labelLines.length, valueLines.length) * (size + 3);
      this.ensure(height);
      this.drawLines(labelLines, MARGIN, this.bold, size, INK);
      this.drawLines(valueLines, MARGIN + labelWidth, this.regular, size, INK);
      this.y -= height + 2;
    }
    this.space(6);
    return this;
  }

  /** A table with a header row repeated on every page it runs onto. */
  table(columns: TableColumn[], rows: string[][]): this {
    const size = 9.5;
    const total = columns.reduce((s, c) => s + (c.width ?? 1), 0);
    const widths = columns.map((c) => ((c.width ?? 1) / total) * this.width);
    const drawRow = (cells: string[], font: PDFFont) => {
      const wrapped = cells.map((c, i) => this.wrap(c, font, size, widths[i]! - 6));
      const height = Math.max(1, ...wrapped.map((w) => w.length)) * (size + 2.5) + 4;
      return { wrapped, height };
    };
    const header = drawRow(columns.map((c) => c.label), this.bold);
    const putHeader = () => {
      this.ensure(header.height + 14);
      this.putRow(header.wrapped, widths, columns, this.bold, size, header.height);
      this.page.drawLine({ start: { x: MARGIN, y: this.y + 2 }, end: { x: MARGIN + this.width, y: this.y + 2 }, thickness: 0.8, color: INK });
    };
    putHeader();
    for (const cells of rows) {
      const row = drawRow(cells, this.regular);
      if (this.y - row.height < MARGIN + FOOTER) {
        this.newPage();
        putHeader();
      }
      this.putRow(row.wrapped, widths, columns, this.regular, size, row.height);
      this.page.drawLine({ start: { x: MARGIN, y: this.y + 2 }, end: { x: MARGIN + this.width, y: this.y + 2 }, thickness: 0.3, color: RULE });
    }
    this.space(10);
    return this;
  }

  space(points: number): this {
    this.y -= points;
    return this;
  }

  /** The finished file, with "page n of m" and the footer text on every page. */
  async bytes(): Promise<Uint8Array> {
    const pages = this.doc.getPages();
    pages.forEach((page, i) => {
      const size = 8.5;
      const left = this.clean(this.meta.footer ?? this.meta.title, this.regular);
      page.drawText(left, { x: MARGIN, y: MARGIN / 2, size, font: this.regular, color: MUTED });
      const right = `${i + 1} / ${pages.length}`;
      page.drawText(right, { x: A4[0] - MARGIN - this.regular.widthOfTextAtSize(right, size), y: MARGIN / 2, size, font: this.regular, color: MUTED });
    });
    return this.doc.save({ useObjectStreams: false });
  }

  private putRow(wrapped: string[][], widths: number[], columns: TableColumn[], font: PDFFont, size: number, height: number) {
    let x = MARGIN;
    wrapped.forEach((lines, i) => {
      const w = widths[i]!;
      lines.forEach((line, n) => {
        const lineX = columns[i]!.align === 'right' ? x + w - 3 - font.widthOfTextAtSize(line, size) : x + 3;
        this.page.drawText(line, { x: lineX, y: this.y - size - n * (size + 2.5), size, font, color: INK });
      });
      x += w;
    });
    this.y -= height;
  }

  private lines(text: string, o: { font: PDFFont; size: number; gap: number; color?: RGB }) {
    for (const line of this.wrap(text, o.font, o.size, this.width)) {
      this.ensure(o.size + o.gap);
      this.page.drawText(line, { x: MARGIN, y: this.y - o.size, size: o.size, font: o.font, color: o.color ?? INK });
      this.y -= o.size + o.gap;
    }
  }

  private drawLines(lines: string[], x: number, font: PDFFont, size: number, color: RGB) {
    lines.forEach((line, n) => this.page.drawText(line, { x, y: this.y - size - n * (size + 3), size, font, color }));
  }

  private ensure(height: number) {
    if (this.y - height < MARGIN + FOOTER) this.newPage();
  }

  private newPage() {
    this.page = this.doc.addPage(A4);
    this.y = A4[1] - MARGIN;
  }

  /** Splits text into lines no wider than `width`, breaking long words when they must. */
  private wrap(raw: string, font: PDFFont, size: number, width: number): string[] {
    const text = this.clean(raw, font);
    if (!text) return [''];
    const out: string[] = [];
    let line = '';
    for (const word of text.split(/\s+/)) {
      const candidate = line ? `${line} ${word}` : word;
      if (font.widthOfTextAtSize(candidate, size) <= width) {
        line = candidate;
        continue;
      }
      if (line) out.push(line);
      line = word;
      while (font.widthOfTextAtSize(line, size) > width && line.length > 1) {
        let cut = line.length - 1;
        while (cut > 1 && font.widthOfTextAtSize(line.slice(0, cut), size) > width) cut--;
        out.push(line.slice(0, cut));
        line = line.slice(cut);
      }
    }
    if (line) out.push(line);
    return out;
  }

  /** The text with every character the font cannot encode replaced by '?'. */
  private clean(text: string, font: PDFFont): string {
    let out = '';
    for (const ch of text.replace(/[\u2018\u2019]/g, "'").replace(/[\u201C\u201D]/g, '"').replace(/\t/g, ' ')) {
      let bad = this.unsafe.get(ch);
      if (bad === undefined) {
        try {
          font.encodeText(ch);
          bad = false;
        } catch {
          bad = true;
        }
        this.unsafe.set(ch, bad);
      }
      out += bad ? '?' : ch;
    }
    return out;
  }
}
