// The call context of a request, built once on first use from what the hooks established
// (database, configuration, the actor, the address, the language).
import type { FastifyRequest } from 'fastify';
import { createCtx, type Ctx } from '../context.ts';

const cache = new WeakMap<FastifyRequest, Ctx>();

export function ctxOf(req: FastifyRequest): Ctx {
  let ctx = cache.get(req);
  if (!ctx || ctx.actor !== req.actor) {
    ctx = createCtx({ db: req.server.db, config: req.server.config, actor: req.actor, ip: req.ip, lang: req.lang });
    cache.set(req, ctx);
  }
  return ctx;
}
