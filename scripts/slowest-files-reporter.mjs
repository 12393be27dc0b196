// A test reporter that prints, at the end of a run, the test files that took longest (wall time from
// a file's first event to its last). CI's time limit is tight; this shows where the time goes and
// which files scripts/test.mjs should start first.
export default async function* slowestFiles(source) {
  // A file starts when it is first dequeued and ends with the completion of the test named by its path
  // (the runner replays a file's inner tests later, so their events do not tell the time).
  const spans = new Map();
  for await (const event of source) {
    const file = event.data?.file;
    if (!file) continue;
    const now = performance.now();
    // Every file is enqueued at the start; it starts when it is first dequeued.
    if (!spans.has(file) && event.type !== 'test:dequeue') continue;
    const span = spans.get(file) ?? { first: now, last: undefined };
    if (event.type === 'test:complete' && event.data.name === file && span.last === undefined) span.last = now;
    spans.set(file, span);
  }
  const rows = [...spans].map(([file, s]) => [file.replace(`${process.cwd()}/`, ''), ((s.last ?? s.first) - s.first) / 1000]).sort((a, b) => b[1] - a[1]);
  yield '\nSlowest test files (wall seconds):\n';
  for (const [file, secs] of rows.slice(0, 12)) yield `  ${secs.toFixed(1).padStart(6)}  ${file}\n`;
}
