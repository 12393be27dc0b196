// People pages: list, invite, and one person's page with its actions. Thin: the rules live in
// people.service.ts; here we read forms, call it, and show the page again with any field errors.
import type { App } from '../../platform/http/app.ts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { pageCtx } from '../../web/context.ts';
import { ctxOf } from '../../platform/http/request-context.ts';
import type { FieldErrors } from '../../web/components/forms.tsx';
import type { MessageKey } from '../../messages.ts';
import {
  addGrant,
  getPerson,
  institutionOptions,
  invitePerson,
  listPeople,
  removeGrant,
  resendInvite,
  resetPersonTwoFactor,
  setPersonActive,
} from './people.service.ts';
import { InvitePage, PeoplePage } from './views/people.tsx';
import { PersonPage } from './views/person.tsx';
import { formString } from '../../platform/input.ts';
import { Type } from 'typebox';
import { Code, FormFields, Id, PageText, Text } from '../../platform/http/schemas.ts';
import { submitForm } from '../../platform/http/forms.ts';


const DONE: Record<string, MessageKey> = {
  invited: 'admin.people.done.invited',
  roles: 'admin.people.done.roles',
  deactivated: 'admin.people.done.deactivated',
  activated: 'admin.people.done.activated',
  twoFactor: 'admin.people.done.twoFactor',
  resent: 'admin.people.done.resent',
};

export async function peopleRoutes(app: App) {
  const read = { config: { action: 'users:read' as const } };
  const manage = { config: { action: 'users:manage' as const } };
  const one = { ...manage, schema: { params: Type.Object({ id: Id() }), body: FormFields() } };

  app.get('/admin/people', { ...read, schema: { querystring: Type.Object({ q: Type.Optional(Text(200)), role: Type.Optional(Code()), institution: Type.Optional(Text(64)), status: Type.Optional(Code()), page: Type.Optional(PageText()) }) } }, async (req, reply) => {
    const q = req.query;
    const filter = { q: formString(q.q), role: formString(q.role), institution: formString(q.institution), status: formString(q.status) };
    const page = Number(formString(q.page)) || 1;
    const result = await listPeople(ctxOf(req), { ...filter, institutionId: filter.institution, page });
    return reply.page(<PeoplePage ctx={pageCtx(req, reply)} v={{ result, filter, institutions: await institutionOptions(app.db.orm) }} />);
  });

  const inviteForm = async (req: FastifyRequest, reply: FastifyReply, form: Record<string, string>, errors?: FieldErrors, status = 200) =>
    reply.page(<InvitePage ctx={pageCtx(req, reply)} v={{ form, errors, institutions: await institutionOptions(app.db.orm) }} />, status);

  app.get('/admin/people/new', manage, async (req, reply) => inviteForm(req, reply, {}));

  app.post('/admin/people/new', { ...manage, schema: { body: FormFields() } }, async (req, reply) => {
    const b = req.body;
    const form = { name: formString(b.name), email: formString(b.email), lang: formString(b.lang), role: formString(b.role), institution: formString(b.institution) };
    const r = await submitForm(() => invitePerson(ctxOf(req), form));
    if (!r.ok) return inviteForm(req, reply, form, r.errors, r.status);
    return reply.redirect(`/admin/people/${r.value.id}?done=invited`, 303);
  });

  const personPage = async (req: FastifyRequest, reply: FastifyReply, id: string, extra: { errors?: FieldErrors; form?: Record<string, string>; notice?: MessageKey } = {}, status = 200) => {
    const { user, grants } = await getPerson(ctxOf(req), id);
    return reply.page(<PersonPage ctx={pageCtx(req, reply)} v={{ user, grants, institutions: await institutionOptions(app.db.orm), ...extra }} />, status);
  };

  app.get('/admin/people/:id', { ...read, schema: { params: Type.Object({ id: Id() }), querystring: Type.Object({ done: Type.Optional(Code()) }) } }, async (req, reply) => personPage(req, reply, req.params.id, { notice: DONE[formString(req.query.done)] }));

  /** Runs an action on the person, then shows the page again (errors) or redirects with a notice. */
  const action = (done: string, run: (req: FastifyRequest, id: string, body: Record<string, string>) => Promise<unknown>) => async (req: FastifyRequest<{ Params: { id: string }; Body: Record<string, string | string[]> }>, reply: FastifyReply) => {
    const id = req.params.id;
    const body = Object.fromEntries(Object.entries(req.body).map(([k, v]) => [k, formString(v)]));
    const r = await submitForm(() => run(req, id, body));
    if (!r.ok) return personPage(req, reply, id, { errors: r.errors, form: body }, r.status);
    return reply.redirect(`/admin/people/${id}?done=${done}`, 303);
  };

  app.post('/admin/people/:id/grants', one, action('roles', (req, id, b) => addGrant(ctxOf(req), { userId: id, role: b.role ?? '', institution: b.institution ?? '' })));
  app.post('/admin/people/:id/grants/remove', one, action('roles', (req, id, b) => removeGrant(ctxOf(req), { userId: id, role: b.role ?? '', institutionId: b.institution || null })));
  app.post('/admin/people/:id/deactivate', one, action('deactivated', (req, id) => setPersonActive(ctxOf(req), { userId: id, active: false })));
  app.post('/admin/people/:id/activate', one, action('activated', (req, id) => setPersonActive(ctxOf(req), { userId: id, active: true })));
  app.post('/admin/people/:id/reset-2fa', one, action('twoFactor', (req, id) => resetPersonTwoFactor(ctxOf(req), { userId: id })));
  app.post('/admin/people/:id/resend', one, action('resent', (req, id) => resendInvite(ctxOf(req), { userId: id })));
}
