// Reading untrusted uploads off the event loop. Each file goes to a fresh worker thread with capped
// heap; the worker is terminated when it runs past the time cap. The main thread only ever holds
// the upload itself and the (capped) result.
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { DEFAULT_ARCHIVE_LIMITS, type ArchiveLimits } from './archive.ts';
import type { FileKind } from './detect.ts';
import type { Paragraph } from './extract.ts';
import { FileProblemError, type FileProblem } from './problems.ts';

export type WorkerJob =
  | { type: 'inspect'; bytes: Uint8Array; allow: readonly FileKind[]; extract: boolean; limits: ArchiveLimits }
  | { type: 'inflate'; bytes: Uint8Array; include?: RegExp; limits: ArchiveLimits };

export interface WorkerValue {
  kind?: FileKind;
  paragraphs?: Paragraph[];
  entries?: Map<string, Uint8Array>;
}
export type WorkerAnswer =
  | { ok: true; value: WorkerValue }
  | { ok: false; problem: FileProblem };

const WORKER_URL = new URL('./worker-entry.mjs', import.meta.url);
/** Heap of one worker; buffers live outside it and are held down by the archive caps. */
const WORKER_HEAP_MB = 256;
const MAX_WORKERS = Math.max(1, Math.min(4, os.availableParallelism() - 1));

// At most MAX_WORKERS files are read at once; the others wait their turn.
let running = 0;
const waiting: (() => void)[] = [];
async function slot(): Promise<() => void> {
  if (running >= MAX_WORKERS) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  return () => {
    running--;
    waiting.shift()?.();
  };
}

async function inWorker(job: WorkerJob): Promise<WorkerAnswer & { ok: true }> {
  const release = await slot();
  try {
    const worker = new Worker(WORKER_URL, { resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB }, stdout: true, stderr: true });
    const answer = await new Promise<WorkerAnswer>((resolve) => {
      const timer = setTimeout(() => resolve({ ok: false, problem: 'tooDemanding' }), job.limits.timeoutMs);
      const done = (a: WorkerAnswer) => {
        clearTimeout(timer);
        resolve(a);
      };
      worker.once('message', done);
      worker.once('error', (err: Error & { code?: string }) => done({ ok: false, problem: err.code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'tooDemanding' : 'corrupt' }));
      worker.once('exit', () => done({ ok: false, problem: 'tooDemanding' }));
      worker.postMessage(job, [job.bytes.buffer as ArrayBuffer]);
    });
    void worker.terminate();
    if (!answer.ok) throw new FileProblemError(answer.problem);
    return answer;
  } finally {
    release();
  }
}

// The worker takes ownership of a copy, so the caller's buffer stays usable (it is stored afterwards).
const copy = (bytes: Uint8Array) => new Uint8Array(bytes);

export interface ReadOptions {
  /** Kinds accepted for this use, by content. */
  allow: readonly FileKind[];
  /** Largest accepted file in bytes. */
  maxBytes: number;
  /** Extract paragraphs of text (PDF, DOCX). */
  extract?: boolean;
  limits?: Partial<ArchiveLimits>;
}

export interface ReadResult {
  kind: FileKind;
  paragraphs: Paragraph[];
}

/** Checks an upload by its content, within caps, and optionally reads its text. Throws FileProblemError. */
export async function readUpload(bytes: Uint8Array, opts: ReadOptions): Promise<ReadResult> {
  if (bytes.length === 0) throw new FileProblemError('empty');
  if (bytes.length > opts.maxBytes) throw new FileProblemError('tooLarge');
  const limits = { ...DEFAULT_ARCHIVE_LIMITS, ...opts.limits };
  const { value } = await inWorker({ type: 'inspect', bytes: copy(bytes), allow: opts.allow, extract: opts.extract ?? false, limits });
  return { kind: value.kind!, paragraphs: value.paragraphs ?? [] };
}

/**
 * Inflates a zip (an XLSX, say) within caps, in a worker: entries whose name matches `include`
 * (all when omitted) as Buffers. Never trusts the sizes the zip declares. Throws FileProblemError.
 */
export async function inflateZip(bytes: Uint8Array, opts: { include?: RegExp; limits?: Partial<ArchiveLimits> } = {}): Promise<Map<string, Buffer>> {
  const limits = { ...DEFAULT_ARCHIVE_LIMITS, ...opts.limits };
  const { value } = await inWorker({ type: 'inflate', bytes: copy(bytes), include: opts.include, limits });
  const out = new Map<string, Buffer>();
  for (const [name, data] of value.entries ?? []) out.set(name, Buffer.from(data.buffer, data.byteOffset, data.byteLength));
  return out;
}
