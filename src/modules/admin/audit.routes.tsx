// The audit browser, its CSV export, the mail outbox and the administration start page.
import type { App } from '../../platform/http/app.ts';
import { Readable } from 'node:stream';
import { inArray } from 'drizzle-orm';
import { scopeOf } from '../../platform/auth/policy.ts';
import { scopeFilter } from '../../platform/auth/scope.ts';
import { pageCtx } from '../../web/context.ts';
import { institutions } from '../reference/index.ts';
import { auditCsv, auditPage, entityTypes, parseAuditFilter, verifyChain } from './audit-browser.service.ts';
import { latestMail } from './outbox.service.ts';
import { institutionOptions } from './people.service.ts';
import { AuditPage } from './views/audit.tsx';
import { OutboxPage } from './views/outbox.tsx';
import { AdminHomePage } from './views/home.tsx';
import { formString } from '../../platform/input.ts';

import { Type } from 'typebox';
import { Code, Pattern, Text } from '../../platform/http/schemas.ts';
// Dates stay text here: the audit service answers a badly written date with a field error on the page.
const AuditQuery = Type.Object({
  email: Type.Optional(Text(200)), institution: Type.Optional(Text(64)), entity: Type.Optional(Code()), module: Type.Optional(Code()), action: Type.Optional(Code()),
  from: Type.Optional(Text(40)), to: Type.Optional(Text(40)), before: Type.Optional(Pattern(/^[0-9]{0,15}$/, 15, '120')), after: Type.Optional(Pattern(/^[0-9]{0,15}$/, 15, '80')), verify: Type.Optional(Code()),
});

export async function auditRoutes(app: App) {
  const read = { config: { action: 'audit:read' as const }, schema: { querystring: AuditQuery } };

  app.get('/admin', { config: { action: 'admin:home' } }, async (req, reply) => reply.page(<AdminHomePage ctx={pageCtx(req, reply)} />));

  app.get('/admin/audit', read, async (req, reply) => {
    const q = req.query;
    const { filter, cursor, errors } = parseAuditFilter(q);
    const scope = scopeOf(req.actor, 'audit:read');
    const everything = scope.all;
    const page = await auditPage(app.db, req.actor, filter, cursor);
    // Only the institutions the reader may see are offered in the filter.
    const insts = await institutionOptions(app.db.orm).where(scopeFilter(scope, institutions.id));
    const verify = formString(q.verify) === '1' ? await verifyChain(app.db, app.config, req.actor) : undefined;
    const form = Object.fromEntries((['email', 'institution', 'entity', 'module', 'action', 'from', 'to'] as const).map((k) => [k, formString(q[k])]));
    const view = { ...page, form, institutions: insts, entityTypes: await entityTypes(app.db), everything, verify, errors: Object.keys(errors).length ? errors : undefined };
    return reply.page(<AuditPage ctx={pageCtx(req, reply)} v={view} />, view.errors ? 422 : 200);
  });

  app.get('/admin/audit.csv', read, async (req, reply) => {
    const { filter } = parseAuditFilter(req.query);
    const lines = auditCsv(app.db, req.actor, filter, req.lang);
    const stamp = new Date().toISOString().slice(0, 10);
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="viwango-audit-${stamp}.csv"`)
      .header('cache-control', 'no-store')
      .send(Readable.from(lines));
  });

  app.get('/admin/outbox', { config: { action: 'outbox:read' } }, async (req, reply) =>
    reply.page(<OutboxPage ctx={pageCtx(req, reply)} messages={await latestMail(app.db)} smtp={!!app.config.smtpUrl} />),
  );
}
