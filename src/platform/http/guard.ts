// Every route names the action it needs in `config.action`; this guard checks it with can()
// before the handler runs. A route without an action fails at start-up, so none can slip past.
// Finer checks that need the resource (own institution) happen in the services, which answer 404.
import type { FastifyInstance, FastifySchema } from 'fastify';
import { can, type Action, ACTIONS } from '../auth/policy.ts';
import { AppError } from './errors.ts';
import { isApiRequest } from './problem.ts';
import { isMultipart, readLeadingFields } from './multipart.ts';
import { sameOrigin } from './csrf.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    action?: Action;
    /** Skip the CSRF check (API routes authenticate with bearer tokens, never cookies). */
    noCsrf?: boolean;
  }
  interface FastifyInstance {
    /** Every guarded route with its schema, so generated tests can walk all of them. */
    routeList: { method: string; url: string; action: Action; schema?: FastifySchema }[];
  }
}

const UNGUARDED_PREFIXES = ['/static/'];

export function installGuard(app: FastifyInstance) {
  app.decorate('routeList', []);
  app.addHook('onRoute', (route) => {
    if (UNGUARDED_PREFIXES.some((p) => route.url.startsWith(p))) return;
    const action = (route.config as { action?: Action } | undefined)?.action;
    if (!action || !(action in ACTIONS)) {
      throw new Error(`route ${route.method} ${route.url} declares no known action in config.action`);
    }
    for (const m of [route.method].flat()) {
      if (m !== 'HEAD') app.routeList.push({ method: m, url: route.url, action, schema: route.schema });
    }
  });

  // Before schema validation, so a caller without permission learns nothing about the expected body.
  app.addHook('preValidation', async (req, reply) => {
    const action = req.routeOptions.config?.action;
    if (!action) return;
    const method = req.method;
    const isWrite = method !== 'GET' && method !== 'HEAD' && method !== 'OPTIONS';
    if (isWrite && !isApiRequest(req) && !req.routeOptions.config.noCsrf) {
      if (!sameOrigin(req, app.config.publicUrl)) throw new AppError(403, 'error.csrf.title');
      // A multipart form's token is among its leading fields; they are read before the check, the file after it.
      if (isMultipart(req)) await readLeadingFields(req);
      await new Promise<void>((resolve, reject) => {
        app.csrfProtection(req, reply, (err?: Error) => (err ? reject(err) : resolve()));
      });
    }
    if (can(req.actor, action)) return;
    if (!req.actor) {
      if (isApiRequest(req)) throw new AppError(401, 'auth.error.signInRequired');
      if (method === 'GET') return reply.redirect(`/login?next=${encodeURIComponent(req.url)}`);
    }
    throw new AppError(403, 'error.forbidden.title');
  });
}
