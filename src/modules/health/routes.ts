import type { App } from '../../platform/http/app.ts';
import { Type } from 'typebox';
import { VERSION } from '../../version.ts';

const Health = Type.Object({
  status: Type.Union([Type.Literal('ok'), Type.Literal('unavailable')]),
  db: Type.Union([Type.Literal('embedded'), Type.Literal('postgres')]),
  version: Type.String(),
});

export async function healthRoutes(app: App) {
  app.get(
    '/healthz',
    {
      config: { action: 'site:read', rateLimit: false },
      schema: { response: { 200: Health, 503: Health } },
    },
    async (_req, reply) => {
      try {
        await Promise.race([
          app.db.ping(),
          new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 3000).unref()),
        ]);
        return { status: 'ok' as const, db: app.db.kind, version: VERSION };
      } catch {
        return reply.status(503).send({ status: 'unavailable' as const, db: app.db.kind, version: VERSION });
      }
    },
  );
}
