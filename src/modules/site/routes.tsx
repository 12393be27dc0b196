import type { App } from '../../platform/http/app.ts';
import { publicPage } from '../../web/public-page.ts';
import { listGroups } from '../reference/index.ts';
import { HomePage } from './views/HomePage.tsx';
import { AboutPage } from './views/AboutPage.tsx';
import { FrameworkPage } from './views/FrameworkPage.tsx';
import { HOME_ENTRIES } from './entries.ts';

export async function siteRoutes(app: App) {
  const opts = { config: { action: 'site:read' as const } };

  // Public pages: cached for visitors, private for people signed in (web/public-page.ts).
  app.get('/', opts, (req, reply) => publicPage(req, reply, async (ctx) => {
    const groups = await listGroups(app.db.orm);
    const entries = HOME_ENTRIES.filter((e) => !e.visible || e.visible(ctx.actor));
    return <HomePage ctx={ctx} groups={groups} entries={entries} />;
  }));

  app.get('/about', opts, (req, reply) => publicPage(req, reply, async (ctx) => <AboutPage ctx={ctx} />));

  app.get('/framework', opts, (req, reply) => publicPage(req, reply, async (ctx) => {
    const groups = await listGroups(app.db.orm);
    return <FrameworkPage ctx={ctx} groups={groups} />;
  }));
}
