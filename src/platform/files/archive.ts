// Inflating a zip (DOCX, XLSX) without trusting it. The central directory is read with yauzl, each
// entry is inflated as a stream, and three caps hold whatever the headers claim: the number of
// entries, each entry's declared size (yauzl stops an entry the moment it yields more than its header
// said), and the total of bytes actually produced. Runs inside the file worker (reader.ts), which
// adds the time cap by terminating the thread.
import yauzl from 'yauzl';
import { FileProblemError } from './problems.ts';

export interface ArchiveLimits {
  /** Most bytes all inflated entries may add up to. */
  maxInflatedBytes: number;
  maxEntries: number;
  /** Longest a worker may take on one file before it is terminated. */
  timeoutMs: number;
}

export const DEFAULT_ARCHIVE_LIMITS: ArchiveLimits = { maxInflatedBytes: 50 * 1024 * 1024, maxEntries: 2000, timeoutMs: 10_000 };

/** An entry compressing far better than any document part does is a bomb even when small. */
const MAX_RATIO = 1000;

export interface InflateOptions {
  /** Only entries whose name matches are inflated (and counted); others are skipped unread. */
  include?: RegExp;
}

const isBombSignal = (err: unknown) => err instanceof Error && /too many bytes/.test(err.message);

export async function inflateEntries(bytes: Buffer, limits: ArchiveLimits, opts: InflateOptions = {}): Promise<Map<string, Buffer>> {
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.fromBufferPromise(bytes, { lazyEntries: true, validateEntrySizes: true, strictFileNames: false, decodeStrings: true });
  } catch {
    throw new FileProblemError('corrupt');
  }
  if (zip.entryCount > limits.maxEntries) throw new FileProblemError('zipBomb');
  const out = new Map<string, Buffer>();
  let total = 0;
  try {
    for await (const entry of zip.eachEntry()) {
      if (entry.fileName.endsWith('/') || (opts.include && !opts.include.test(entry.fileName))) continue;
      if (entry.isEncrypted()) throw new FileProblemError('corrupt');
      const declared = entry.uncompressedSize;
      // Refused on the claim alone: an honest bomb says how large it is.
      if (total + declared > limits.maxInflatedBytes) throw new FileProblemError('zipBomb');
      if (declared > 1024 * 1024 && declared / Math.max(entry.compressedSize, 1) > MAX_RATIO) throw new FileProblemError('zipBomb');
      const stream = await zip.openReadStreamPromise(entry);
      const chunks: Buffer[] = [];
      // A lying bomb understates `declared`: yauzl errors past it, and the running total is checked per chunk.
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        total += chunk.length;
        if (total > limits.maxInflatedBytes) {
          (stream as unknown as { destroy(): void }).destroy();
          throw new FileProblemError('zipBomb');
        }
        chunks.push(chunk);
      }
      out.set(entry.fileName, Buffer.concat(chunks));
    }
  } catch (err) {
    if (err instanceof FileProblemError) throw err;
    throw new FileProblemError(isBombSignal(err) ? 'zipBomb' : 'corrupt');
  } finally {
    zip.close();
  }
  return out;
}

/**
 * A zip made again from parts already inflated within the caps, stored uncompressed, so every size
 * in it is true: for readers (spreadsheets, DOCX) that open a zip themselves and trust its headers.
 * The zip library is loaded on first use, not at start-up.
 */
export async function rebuiltZip(parts: Map<string, Buffer>): Promise<ArrayBuffer> {
  const { default: JSZip } = await import('jszip');
  const safe = new JSZip();
  for (const [name, data] of parts) safe.file(name, data);
  parts.clear();
  return safe.generateAsync({ type: 'arraybuffer', compression: 'STORE' });
}
