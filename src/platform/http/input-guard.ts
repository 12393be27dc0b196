// The outermost check on input: no URL, query string, form or JSON body may carry a NUL byte or
// text that is not valid UTF-8. PostgreSQL refuses NUL in text (a 500 if it got that far) and a
// lenient decoder silently turns broken bytes into U+FFFD; both are refused here with a 400 in the
// caller's language, before the route schema or any service sees the request.
import { isUtf8 } from 'node:buffer';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from './errors.ts';

const refused = () => new AppError(400, 'error.input.title');
// A NUL, or half of a UTF-16 surrogate pair (what "\ud800" in JSON decodes to): no UTF-8 spelling exists.
const UNCLEAN = /[\0\p{Cs}]/u;

/** Percent-decodes strictly (a form's `+` is a space); throws on sequences that are not UTF-8. */
function decode(part: string, plusIsSpace: boolean): string {
  const s = decodeURIComponent(plusIsSpace ? part.replace(/\+/g, ' ') : part);
  if (UNCLEAN.test(s)) throw new URIError('NUL or lone surrogate');
  return s;
}

/** True when every component of the URL (path and query) decodes to clean text. */
export function cleanUrl(url: string): boolean {
  const q = url.indexOf('?');
  try {
    decode(q < 0 ? url : url.slice(0, q), false);
    if (q >= 0) for (const pair of url.slice(q + 1).split('&')) decode(pair, true);
    return true;
  } catch {
    return false;
  }
}

/** The form parser: like the default one, but a broken percent-sequence is refused, not guessed. */
export function parseForm(body: string): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = Object.create(null);
  if (!body) return out;
  try {
    for (const pair of body.split('&')) {
      if (!pair) continue;
      const eq = pair.indexOf('=');
      const key = decode(eq < 0 ? pair : pair.slice(0, eq), true);
      const value = eq < 0 ? '' : decode(pair.slice(eq + 1), true);
      const prev = out[key];
      out[key] = prev === undefined ? value : Array.isArray(prev) ? [...prev, value] : [prev, value];
    }
  } catch {
    throw refused();
  }
  return out;
}

/** True when no string in the value (keys included) holds a NUL or a lone surrogate. */
export function cleanValue(value: unknown): boolean {
  const stack: unknown[] = [value];
  while (stack.length) {
    const v = stack.pop();
    if (typeof v === 'string') {
      if (UNCLEAN.test(v)) return false;
    } else if (v && typeof v === 'object' && !Buffer.isBuffer(v)) {
      for (const [k, x] of Object.entries(v)) {
        if (UNCLEAN.test(k)) return false;
        stack.push(x);
      }
    }
  }
  return true;
}

export function installInputGuard(app: FastifyInstance) {
  app.addHook('onRequest', async (req: FastifyRequest) => {
    if (!cleanUrl(req.url)) throw refused();
  });

  // JSON arrives as bytes so that invalid UTF-8 is refused instead of decoded into U+FFFD.
  const json = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (req, body, done) => {
    if (!isUtf8(body as Buffer)) return done(refused(), undefined);
    json(req, (body as Buffer).toString('utf8'), done);
  });

  app.addHook('preValidation', async (req) => {
    if (!cleanValue(req.body)) throw refused();
  });
}
