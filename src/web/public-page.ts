// Public pages at close to static speed (decision 0501). A visitor's page (no session) is the same
// for every visitor in the same language, so it is rendered once per content version, compressed
// once, kept in this process's memory, and sent with a strong ETag and `Cache-Control: public`;
// a conditional request whose ETag still matches gets 304. The content version comes from the
// database (platform/content-version.ts), so a change on any instance reaches every instance's
// next request. Signed-in people never get or fill these entries: their pages are rendered for
// them and marked `private, no-store`.
import crypto from 'node:crypto';
import zlib from 'node:zlib';
import { promisify } from 'node:util';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import type { Database } from '../platform/db/database.ts';
import { contentVersionReader, type VersionReader } from '../platform/content-version.ts';
import { pageCtx, type PageCtx } from './context.ts';
import { renderDocument } from './render.ts';

const gzip = promisify(zlib.gzip);
const brotli = promisify(zlib.brotliCompress);

export const HTML = 'text/html; charset=utf-8';
/** What a cached public page varies on besides its URL: the language cookie (and the session cookie, which makes it private). */
const VARY = 'Accept-Encoding, Cookie';
export const PRIVATE = 'private, no-store';

interface Entry {
  version: bigint;
  /** Base64url SHA-256 of the uncompressed bytes: the strong validator; each encoding adds a suffix. */
  hash: string;
  type: string;
  identity: Buffer;
  /** Compressed once per encoding, when first asked for (the promise, so a burst of requests compresses once). */
  encoded: { br?: Promise<Buffer>; gzip?: Promise<Buffer> };
}

/** Bytes an entry is counted for: the page and, roughly, its two compressed forms. */
const weight = (key: string, e: Entry) => Math.ceil(e.identity.length * 1.4) + key.length;

type Encoding = 'br' | 'gzip' | null;

/** The best encoding the client accepts (q-values honoured; an explicit q=0 refuses). */
export function pickEncoding(header: string | string[] | undefined): Encoding {
  const accepted = new Map<string, number>();
  for (const part of String(header ?? '').toLowerCase().split(',')) {
    const [name, ...params] = part.trim().split(';');
    if (!name) continue;
    const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)).find(Boolean);
    accepted.set(name.trim(), q ? Number(q[1]) : 1);
  }
  const ok = (e: string) => (accepted.get(e) ?? accepted.get('*') ?? 0) > 0;
  if (ok('br')) return 'br';
  if (ok('gzip')) return 'gzip';
  return null;
}

const etagOf = (hash: string, enc: Encoding) => `"${hash}${enc === 'br' ? '-br' : enc === 'gzip' ? '-gz' : ''}"`;

/** Whether an If-None-Match header names this page (in any of its encodings). */
export function etagMatches(header: string | undefined, hash: string): boolean {
  if (!header) return false;
  return header.split(',').some((raw) => {
    const tag = raw.trim().replace(/^W\//, '');
    return tag === '*' || tag.replace(/^"|"$/g, '').replace(/-(br|gz)$/, '') === hash;
  });
}

/** Rendered pages by language and URL, for the newest content version seen, within a byte budget. */
export class PageCache {
  private readonly entries = new Map<string, Entry>();
  private version = -1n;
  private bytes = 0;
  hits = 0;
  misses = 0;
  constructor(private readonly maxBytes: number) {}

  get(key: string, version: bigint): Entry | undefined {
    this.advance(version);
    const e = this.entries.get(key);
    if (!e || e.version !== version) return undefined;
    // Most recently used last: eviction takes from the front.
    this.entries.delete(key);
    this.entries.set(key, e);
    return e;
  }

  set(key: string, e: Entry): void {
    this.advance(e.version);
    if (e.version !== this.version || this.maxBytes === 0) return;
    const size = weight(key, e);
    if (size > this.maxBytes / 8) return;
    const old = this.entries.get(key);
    if (old) this.drop(key, old);
    this.entries.set(key, e);
    this.bytes += size;
    for (const [k, v] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.drop(k, v);
    }
  }

  get size() {
    return this.entries.size;
  }

  get enabled() {
    return this.maxBytes > 0;
  }

  /** A newer version empties the cache; pages of an older one (a slow render) are never kept. */
  private advance(version: bigint) {
    if (version <= this.version) return;
    this.version = version;
    this.entries.clear();
    this.bytes = 0;
  }

  private drop(key: string, e: Entry) {
    this.entries.delete(key);
    this.bytes -= weight(key, e);
  }
}

export interface PublicPages {
  version: VersionReader;
  cache: PageCache;
  maxAge: number;
  /** Renders under way, so a burst of visitors after a change renders each page once. */
  rendering: Map<string, Promise<Entry>>;
}

/**
 * Gives the app its page cache, and makes sure a response that sets a cookie (the language
 * switch, `?lang=`) is never marked for shared caches. Registered after the cookie plugin, whose
 * own onSend hook writes the Set-Cookie header.
 */
export function installPublicPages(app: FastifyInstance, db: Database, opts: { pageCacheMb: number; publicMaxAge: number }): void {
  app.decorate('publicPages', { version: contentVersionReader(db), cache: new PageCache(opts.pageCacheMb * 1024 * 1024), maxAge: opts.publicMaxAge, rendering: new Map() } satisfies PublicPages);
  app.addHook('onSend', async (_req, reply, payload) => {
    if (reply.hasHeader('set-cookie') && String(reply.getHeader('cache-control') ?? '').startsWith('public')) reply.header('cache-control', PRIVATE);
    return payload;
  });
}

function entryOf(body: string, type: string, version: bigint): Entry {
  const identity = Buffer.from(body, 'utf8');
  return { version, hash: crypto.createHash('sha256').update(identity).digest('base64url').slice(0, 27), type, identity, encoded: {} };
}

/** Small bodies are not worth compressing (the same threshold as the compression plugin's). */
const MIN_COMPRESS = 1024;

/** The bytes in this encoding: kept pages are compressed harder, once; with the cache off, quickly. */
function bytesIn(entry: Entry, enc: Encoding, kept: boolean): Promise<Buffer> {
  if (!enc) return Promise.resolve(entry.identity);
  const done = entry.encoded[enc];
  if (done) return done;
  const out =
    enc === 'br'
      ? brotli(entry.identity, { params: { [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT, [zlib.constants.BROTLI_PARAM_QUALITY]: kept ? 9 : 4, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: entry.identity.length } })
      : gzip(entry.identity, { level: kept ? 9 : 6 });
  if (kept) entry.encoded[enc] = out;
  return out;
}

/** A visitor: no session, not even one half-way through sign-in. */
export const isVisitor = (req: FastifyRequest) => !req.actor && !req.pending;

/**
 * Answers a public page: from the cache (or 304) for visitors, rendered afresh and private for
 * everyone signed in. `render` gets a page context whose `csrf()` refuses for visitors: a page
 * shared by everyone cannot hold anyone's token.
 */
export async function publicPage(req: FastifyRequest, reply: FastifyReply, render: (ctx: PageCtx) => Promise<VNode<any> | string>, type = HTML): Promise<FastifyReply> {
  if (!isVisitor(req)) {
    const out = await render(pageCtx(req, reply));
    if (typeof out === 'string') return reply.type(type).header('cache-control', PRIVATE).send(out);
    return reply.page(out);
  }
  const pages = req.server.publicPages;
  // First the version, then the data: a page is never older than the version it is filed under.
  const version = await pages.version();
  const key = `${req.lang} ${type} ${req.url}`;
  // A query the route does not declare (?utm=…, ?x=random) still gets its page, rendered afresh and
  // not kept: made-up URLs must not push the real pages out of the cache.
  if (!declaredQuery(req)) return sendEntry(req, reply, entryOf(await renderBody(req, render), type, version), pages, false);
  let entry = pages.cache.get(key, version);
  if (entry) pages.cache.hits++;
  else {
    pages.cache.misses++;
    const job = `${version} ${key}`;
    let pending = pages.rendering.get(job);
    if (!pending) {
      pending = renderBody(req, render).then((body) => entryOf(body, type, version));
      pages.rendering.set(job, pending);
      pending.then(
        (e) => {
          pages.rendering.delete(job);
          pages.cache.set(key, e);
        },
        () => pages.rendering.delete(job),
      );
    }
    entry = await pending;
  }
  return sendEntry(req, reply, entry, pages);
}

async function renderBody(req: FastifyRequest, render: (ctx: PageCtx) => Promise<VNode<any> | string>): Promise<string> {
  const out = await render(pageCtx(req));
  return typeof out === 'string' ? out : renderDocument(out);
}

/** Whether every query parameter is one the route's schema declares (or the language). */
function declaredQuery(req: FastifyRequest): boolean {
  const query: unknown = req.query;
  const names = query && typeof query === 'object' ? Object.keys(query) : [];
  if (names.length === 0) return true;
  const declared = (req.routeOptions.schema?.querystring as { properties?: Record<string, unknown> } | undefined)?.properties ?? {};
  return names.every((n) => n === 'lang' || n in declared);
}

async function sendEntry(req: FastifyRequest, reply: FastifyReply, entry: Entry, pages: PublicPages, kept = pages.cache.enabled): Promise<FastifyReply> {
  const enc = entry.identity.length < MIN_COMPRESS ? null : pickEncoding(req.headers['accept-encoding']);
  const maxAge = pages.maxAge;
  reply.header('cache-control', `public, max-age=${maxAge}, must-revalidate`);
  reply.header('vary', VARY);
  reply.header('etag', etagOf(entry.hash, enc));
  if (etagMatches(req.headers['if-none-match'], entry.hash)) return reply.code(304).send();
  reply.type(entry.type);
  if (enc) reply.header('content-encoding', enc);
  return reply.send(await bytesIn(entry, enc, kept));
}
