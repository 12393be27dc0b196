// Zip files written byte by byte, so tests can make archives that lie: a header may declare any
// size, whatever the entry really holds.
import zlib from 'node:zlib';

export interface RawEntry {
  name: string;
  /** The entry's data as stored (deflated when method is 8). */
  stored: Buffer;
  method: 0 | 8;
  crc: number;
  /** Uncompressed size written into both headers (the truth, or a lie). */
  declaredSize: number;
}

export function entry(name: string, content: string | Buffer, opts: { declaredSize?: number; store?: boolean } = {}): RawEntry {
  const data = Buffer.from(content);
  return {
    name,
    stored: opts.store ? data : zlib.deflateRawSync(data),
    method: opts.store ? 0 : 8,
    crc: zlib.crc32(data),
    declaredSize: opts.declaredSize ?? data.length,
  };
}

/**
 * An entry of `size` zero bytes (a multiple of 1 MiB), made without ever holding them: one MiB is
 * deflated into self-contained blocks (full flush, so no block refers back across the seam), the
 * blocks are repeated, and an empty final block closes the stream.
 */
export function zeros(name: string, size: number, declaredSize = size): RawEntry {
  const mib = Buffer.alloc(1024 * 1024);
  const block = zlib.deflateRawSync(mib, { finishFlush: zlib.constants.Z_FULL_FLUSH });
  const count = Math.ceil(size / mib.length);
  let crc = 0;
  for (let i = 0; i < count; i++) crc = zlib.crc32(mib, crc);
  const stored = Buffer.concat([...Array.from({ length: count }, () => block), zlib.deflateRawSync(Buffer.alloc(0))]);
  return { name, stored, method: 8, crc, declaredSize };
}

export function zipOf(entries: RawEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(e.method, 8);
    local.writeUInt32LE(e.crc >>> 0, 14);
    local.writeUInt32LE(e.stored.length, 18);
    local.writeUInt32LE(e.declaredSize, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(e.method, 10);
    central.writeUInt32LE(e.crc >>> 0, 16);
    central.writeUInt32LE(e.stored.length, 20);
    central.writeUInt32LE(e.declaredSize, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, e.stored);
    centrals.push(central, name);
    offset += local.length + name.length + e.stored.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

/** The smallest parts that make a zip a DOCX. */
export const docxParts = (text = 'Kiwango hiki kinahusu usalama wa taarifa za taasisi za umma.') => [
  entry('[Content_Types].xml', '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'),
  entry('_rels/.rels', '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>'),
  entry('word/document.xml', `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>${text}</w:t></w:r></w:p></w:body></w:document>`),
];
