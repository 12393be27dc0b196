import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../platform/auth/actor.ts';
import { formatters, type Lang, type T } from '../messages.ts';

/** Everything a page component needs from the request, passed down as `ctx`. */
export interface PageCtx {
  lang: Lang;
  t: T;
  f: ReturnType<typeof formatters>;
  path: string;
  /** Current URL (path + query) for building links that keep the query. */
  url: string;
  actor: Actor | null;
  /** A CSRF token for forms on this page (issued on first use). */
  csrf: () => string;
  assetVersion: string;
  demoNotice: boolean;
}

/**
 * Without a reply the page is one of the public pages kept in the page cache (web/public-page.ts):
 * the same bytes go to every visitor, so it may not carry a CSRF token, and asking for one is a bug.
 */
export function pageCtx(req: FastifyRequest, reply?: FastifyReply): PageCtx {
  let token: string | undefined;
  return {
    lang: req.lang,
    t: req.t,
    f: formatters(req.lang),
    path: req.url.split('?')[0],
    url: req.url,
    actor: req.actor,
    csrf: () => {
      if (!reply) throw new Error(`${req.url}: a cached public page cannot carry a CSRF token; put the form on a page of its own`);
      return (token ??= reply.generateCsrf());
    },
    assetVersion: req.server.assetVersion,
    demoNotice: req.server.demoNotice,
  };
}

/** The same path with `lang` set, for the language switch. */
export function withLang(url: string, lang: Lang): string {
  const u = new URL(url, 'http://x');
  u.searchParams.set('lang', lang);
  return u.pathname + u.search;
}
