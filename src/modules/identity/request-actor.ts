// Works out who is asking, on every request: a bearer token on the API (cookies are ignored
// there, so the API needs no CSRF defence), a session cookie on pages.
import type { FastifyInstance, FastifyReply } from 'fastify';
import { AppError } from '../../platform/http/errors.ts';
import { isApiRequest } from '../../platform/http/problem.ts';
import { renewCsrfSecret } from '../../platform/http/csrf.ts';
import type { Session } from './sessions.service.ts';
import { resumeSession, SESSION_COOKIE } from './sessions.service.ts';
import { authenticateToken } from './tokens.service.ts';
import { actorFor, type User } from './users.service.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** A half-finished sign-in waiting for its second factor. */
    pending: { session: Session; user: User } | null;
    session: Session | null;
  }
}

export function sessionCookieOptions(app: FastifyInstance) {
  return {
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: app.config.publicUrl.startsWith('https://'),
  };
}

/** Every change of session (password step, second factor) also renews the CSRF secret. */
export function setSessionCookie(app: FastifyInstance, reply: FastifyReply, secret: string) {
  reply.setCookie(SESSION_COOKIE, secret, sessionCookieOptions(app));
  renewCsrfSecret(reply.request, reply);
}

export function clearSessionCookie(app: FastifyInstance, reply: FastifyReply) {
  reply.clearCookie(SESSION_COOKIE, sessionCookieOptions(app));
  renewCsrfSecret(reply.request, reply);
}

export function installRequestActor(app: FastifyInstance) {
  app.decorateRequest('pending', null);
  app.decorateRequest('session', null);
  app.addHook('onRequest', async (req) => {
    if (req.url.startsWith('/static/')) return;
    if (isApiRequest(req)) {
      const header = req.headers.authorization;
      if (!header) return;
      const m = /^Bearer\s+(\S+)$/i.exec(header);
      const result = m ? await authenticateToken(app.db.orm, m[1]) : { ok: false as const };
      if (!result.ok) throw new AppError(401, 'auth.error.badToken');
      req.actor = result.actor;
      return;
    }
    const found = await resumeSession(app.db.orm, req.cookies[SESSION_COOKIE]);
    if (!found) return;
    if (found.session.state === 'pending_2fa') {
      req.pending = found;
      return;
    }
    req.session = found.session;
    req.actor = await actorFor(app.db.orm, found.user, 'web', { sessionId: found.session.id });
  });
}
