// Readable log lines for development (LOG_FORMAT=pretty): pino writes its JSON lines here and a
// person reads "12:04:05.120 INFO  GET /library → 200 in 14 ms  req=4f2a…". Production keeps JSON,
// which log collectors parse.
import { Writable } from 'node:stream';

const LEVELS: Record<number, string> = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO', 40: 'WARN', 50: 'ERROR', 60: 'FATAL' };
const COLOURS: Record<number, string> = { 10: '90', 20: '36', 30: '32', 40: '33', 50: '31', 60: '35' };
/** Fields pino adds to every line, or that the line's head already shows. */
const SHOWN = new Set(['level', 'time', 'pid', 'hostname', 'msg', 'reqId', 'req', 'res', 'responseTime', 'err']);

type Entry = Record<string, unknown> & { level?: number; time?: number; msg?: string };

function clock(ms: number | undefined): string {
  return new Date(ms ?? Date.now()).toISOString().slice(11, 23);
}

/** One JSON log line as one readable line (plus the stack of an error, indented, below it). */
export function formatLogLine(line: string, colour = false): string {
  let e: Entry;
  try {
    e = JSON.parse(line) as Entry;
  } catch {
    return line;
  }
  const level = LEVELS[e.level ?? 30] ?? String(e.level);
  const paint = (s: string) => (colour ? `\x1b[${COLOURS[e.level ?? 30] ?? '0'}m${s}\x1b[0m` : s);
  const head = `${clock(e.time)} ${paint(level.padEnd(5))} ${e.msg ?? ''}`;
  const parts: string[] = [];
  const req = e.req as { method?: string; url?: string } | undefined;
  const res = e.res as { statusCode?: number } | undefined;
  if (req?.method) parts.push(`${req.method} ${req.url ?? ''}`);
  if (res?.statusCode) parts.push(`→ ${res.statusCode}${typeof e.responseTime === 'number' ? ` in ${Math.round(e.responseTime)} ms` : ''}`);
  const extra = Object.entries(e)
    .filter(([k]) => !SHOWN.has(k))
    .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`);
  if (typeof e.reqId === 'string') extra.push(`req=${e.reqId.slice(0, 8)}`);
  let out = [head, ...parts, ...extra].join('  ');
  const err = e.err as { type?: string; message?: string; stack?: string } | undefined;
  if (err) out += `\n    ${(err.stack ?? `${err.type ?? 'Error'}: ${err.message ?? ''}`).replace(/\n/g, '\n    ')}`;
  return out;
}

/** A stream for pino that writes readable lines to `target`. */
export function prettyLogStream(target: NodeJS.WritableStream = process.stdout): Writable {
  const colour = Boolean((target as { isTTY?: boolean }).isTTY) && !process.env.NO_COLOR;
  let pending = '';
  return new Writable({
    write(chunk: Buffer, _enc, done) {
      pending += chunk.toString('utf8');
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const l of lines) if (l) target.write(`${formatLogLine(l, colour)}\n`);
      done();
    },
  });
}
