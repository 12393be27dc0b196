// The file worker: every step that parses an untrusted upload (type detection, unzip, text
// extraction) runs here, one file per thread, so a hostile file costs this thread, never the
// server's event loop. reader.ts starts it, caps its memory and time, and reads its one answer.
import { parentPort } from 'node:worker_threads';
import { inflateEntries } from './archive.ts';
import { detectKind, ooxmlKind } from './detect.ts';
import { docxParagraphs, pdfParagraphs } from './extract.ts';
import { FileProblemError } from './problems.ts';
import type { WorkerAnswer, WorkerJob, WorkerValue } from './reader.ts';

// Pictures and embedded objects are never inflated: the XML parts tell the kind and carry the text.
const OOXML_PARTS = /\.(xml|rels)$/;

async function run(job: WorkerJob): Promise<WorkerValue> {
  const bytes = Buffer.from(job.bytes.buffer, job.bytes.byteOffset, job.bytes.byteLength);
  if (job.type === 'inflate') return { entries: await inflateEntries(bytes, job.limits, { include: job.include }) };
  const detected = await detectKind(bytes, job.allow);
  if (detected !== 'zip') return { kind: detected, paragraphs: job.extract && detected === 'pdf' ? await pdfParagraphs(bytes) : undefined };
  // Every zip is opened within the caps, even one only to be stored: a bomb is refused at the door.
  const parts = await inflateEntries(bytes, job.limits, { include: OOXML_PARTS });
  const kind = ooxmlKind(parts, job.allow);
  return { kind, paragraphs: job.extract && kind === 'docx' ? await docxParagraphs(parts) : undefined };
}

parentPort!.once('message', (job: WorkerJob) => {
  run(job).then(
    (value) => parentPort!.postMessage({ ok: true, value } satisfies WorkerAnswer),
    (err: unknown) => parentPort!.postMessage({ ok: false, problem: err instanceof FileProblemError ? err.problem : 'corrupt' } satisfies WorkerAnswer),
  );
});
