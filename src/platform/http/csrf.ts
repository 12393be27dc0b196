// Forged form posts are stopped twice: a token tied to a secret cookie (@fastify/csrf-protection),
// and an Origin/Referer check. The secret cookie is renewed whenever the session changes, so a
// secret planted in a browser before sign-in is worthless after it.
import crypto from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../../config.ts';

export const CSRF_COOKIE = '_csrf';

export function csrfCookieOptions(config: Pick<Config, 'publicUrl'>) {
  return { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: config.publicUrl.startsWith('https://'), signed: true };
}

/** Gives the browser a new CSRF secret; forms rendered later in this response already use it. */
export function renewCsrfSecret(req: FastifyRequest, reply: FastifyReply): void {
  const secret = crypto.randomBytes(18).toString('base64url');
  reply.setCookie(CSRF_COOKIE, secret, csrfCookieOptions(req.server.config));
  req.cookies[CSRF_COOKIE] = reply.signCookie(secret);
}

const originOf = (url: string): string | null => {
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.origin : null;
  } catch {
    return null;
  }
};

/**
 * Whether an unsafe form post comes from this site: its Origin (or, without one, its Referer) is
 * PUBLIC_URL's origin or the origin the request was addressed to. A post carrying neither header
 * is let through to the token check: browsers send Origin on every cross-site POST, and some
 * privacy settings strip both headers from same-site ones.
 */
export function sameOrigin(req: FastifyRequest, publicUrl: string): boolean {
  const origin = req.headers.origin;
  const referer = req.headers.referer;
  const claimed = typeof origin === 'string' ? origin : typeof referer === 'string' ? referer : undefined;
  if (claimed === undefined) return true;
  const from = originOf(claimed);
  if (!from) return false; // "null" (sandboxed frames, privacy redirects) or garbage
  return from === originOf(publicUrl) || from === originOf(`${req.protocol}://${req.host}`);
}
