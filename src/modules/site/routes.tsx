import type { FastifyInstance } from 'fastify';
import { pageCtx } from '../../web/context.ts';
import { listGroups } from '../reference/index.ts';
import { HomePage } from './views/HomePage.tsx';
import { AboutPage } from './views/AboutPage.tsx';
import { FrameworkPage } from './views/FrameworkPage.tsx';
import { HOME_ENTRIES } from './entries.ts';

export async function siteRoutes(app: FastifyInstance) {
  const opts = { config: { action: 'site:read' as const } };

  app.get('/', opts, async (req, reply) => {
    const ctx = pageCtx(req, reply);
    const groups = await listGroups(app.db.orm);
    const entries = HOME_ENTRIES.filter((e) => !e.visible || e.visible(ctx.actor));
    return reply.page(<HomePage ctx={ctx} groups={groups} entries={entries} />);
  });

  app.get('/about', opts, async (req, reply) => reply.page(<AboutPage ctx={pageCtx(req, reply)} />));

  app.get('/framework', opts, async (req, reply) => {
    const groups = await listGroups(app.db.orm);
    return reply.page(<FrameworkPage ctx={pageCtx(req, reply)} groups={groups} />);
  });
}
