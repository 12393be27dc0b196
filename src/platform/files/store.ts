// Content-addressed storage under <dataDir>/files: a file's name is its SHA-256, so the same bytes
// are kept once and a stored file can be checked against the hash the database holds. Writes go to
// a temporary file that is flushed and then renamed, so a crash leaves either the whole file or none.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { FileProblemError } from './problems.ts';

export interface StoredFile {
  sha256: string;
  size: number;
}

const SHA256 = /^[0-9a-f]{64}$/;

export interface FileStore {
  /** Stores bytes or a stream (at most `maxBytes`; more is refused and nothing is kept). */
  put(data: Uint8Array | Readable, opts?: { maxBytes?: number }): Promise<StoredFile>;
  exists(sha256: string): boolean;
  /** A stream of the stored bytes; undefined when there is no such file. */
  read(sha256: string): fs.ReadStream | undefined;
  /** Where the file lives (for tools and tests). */
  pathOf(sha256: string): string;
}

export function fileStore(dataDir: string): FileStore {
  const root = path.join(dataDir, 'files');
  const pathOf = (sha256: string) => {
    // The hash becomes a path: only a real hash may.
    if (!SHA256.test(sha256)) throw new Error(`not a sha256: ${JSON.stringify(sha256).slice(0, 80)}`);
    return path.join(root, sha256.slice(0, 2), sha256);
  };
  const exists = (sha256: string) => SHA256.test(sha256) && fs.existsSync(pathOf(sha256));

  async function put(data: Uint8Array | Readable, opts: { maxBytes?: number } = {}): Promise<StoredFile> {
    const max = opts.maxBytes ?? Number.POSITIVE_INFINITY;
    const tmpDir = path.join(root, '.tmp');
    fs.mkdirSync(tmpDir, { recursive: true });
    const tmp = path.join(tmpDir, `${process.pid}-${crypto.randomBytes(8).toString('hex')}`);
    const hash = crypto.createHash('sha256');
    let size = 0;
    const source = data instanceof Readable ? data : Readable.from([Buffer.from(data.buffer, data.byteOffset, data.byteLength)]);
    try {
      const out = fs.createWriteStream(tmp, { flags: 'wx' });
      await pipeline(
        source,
        async function* (chunks: AsyncIterable<Buffer>) {
          for await (const chunk of chunks) {
            size += chunk.length;
            if (size > max) throw new FileProblemError('tooLarge');
            hash.update(chunk);
            yield chunk;
          }
        },
        out,
      );
      const fd = fs.openSync(tmp, 'r');
      fs.fsyncSync(fd);
      fs.closeSync(fd);
      const sha256 = hash.digest('hex');
      const final = pathOf(sha256);
      if (fs.existsSync(final)) fs.rmSync(tmp);
      else {
        fs.mkdirSync(path.dirname(final), { recursive: true });
        fs.renameSync(tmp, final);
      }
      return { sha256, size };
    } catch (err) {
      fs.rmSync(tmp, { force: true });
      throw err;
    }
  }

  return {
    put,
    exists,
    read: (sha256) => (exists(sha256) ? fs.createReadStream(pathOf(sha256)) : undefined),
    pathOf,
  };
}
