// The audit browser, its CSV export, the mail outbox and the administration start page.
import type { App } from '../../platform/http/app.ts';
import { ctxOf } from '../../platform/http/request-context.ts';
import { Readable } from 'node:stream';
import { pageCtx } from '../../web/context.ts';
import { auditCsv, auditInstitutions, auditPage, entityTypes, parseAuditFilter, verifyChain } from './audit-browser.service.ts';
import { latestMail } from './outbox.service.ts';
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
    const ctx = ctxOf(req);
    const page = await auditPage(ctx, filter, cursor);
    const { options, everything } = await auditInstitutions(ctx);
    const verify = formString(q.verify) === '1' ? await verifyChain(ctx) : undefined;
    const form = Object.fromEntries((['email', 'institution', 'entity', 'module', 'action', 'from', 'to'] as const).map((k) => [k, formString(q[k])]));
    const view = { ...page, form, institutions: options, entityTypes: await entityTypes(ctx), everything, verify, errors: Object.keys(errors).length ? errors : undefined };
    return reply.page(<AuditPage ctx={pageCtx(req, reply)} v={view} />, view.errors ? 422 : 200);
  });

  app.get('/admin/audit.csv', read, async (req, reply) => {
    const { filter } = parseAuditFilter(req.query);
    const lines = auditCsv(ctxOf(req), filter);
    const stamp = new Date().toISOString().slice(0, 10);
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="viwango-audit-${stamp}.csv"`)
      .header('cache-control', 'no-store')
      .send(Readable.from(lines));
  });

  app.get('/admin/outbox', { config: { action: 'outbox:read' } }, async (req, reply) =>
    reply.page(<OutboxPage ctx={pageCtx(req, reply)} messages={await latestMail(ctxOf(req))} smtp={!!app.config.smtpUrl} />),
  );
}
