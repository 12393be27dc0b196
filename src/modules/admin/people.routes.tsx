// People pages: list, invite, and one person's page with its actions. Thin: the rules live in
// people.service.ts; here we read forms, call it, and show the page again with any field errors.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../platform/http/errors.ts';
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
import { Code, Id, PageText, Text } from '../../platform/http/schemas.ts';

type Form = Record<string, unknown>;
const fieldErrors = (err: unknown): FieldErrors | undefined => (err instanceof AppError && err.fields ? err.fields : undefined);

const DONE: Record<string, MessageKey> = {
  invited: 'admin.people.done.invited',
  roles: 'admin.people.done.roles',
  deactivated: 'admin.people.done.deactivated',
  activated: 'admin.people.done.activated',
  twoFactor: 'admin.people.done.twoFactor',
  resent: 'admin.people.done.resent',
};

export async function peopleRoutes(app: FastifyInstance) {
  const read = { config: { action: 'users:read' as const } };
  const manage = { config: { action: 'users:manage' as const } };
  const one = { ...manage, schema: { params: Type.Object({ id: Id() }) } };

  app.get('/admin/people', { ...read, schema: { querystring: Type.Object({ q: Type.Optional(Text(200)), role: Type.Optional(Code()), institution: Type.Optional(Text(64)), status: Type.Optional(Code()), page: Type.Optional(PageText()) }) } }, async (req, reply) => {
    const q = req.query as Form;
    const filter = { q: formString(q.q), role: formString(q.role), institution: formString(q.institution), status: formString(q.status) };
    const page = Number(formString(q.page)) || 1;
    const result = await listPeople(app.db, { ...filter, institutionId: filter.institution, page });
    return reply.page(<PeoplePage ctx={pageCtx(req, reply)} v={{ result, filter, institutions: await institutionOptions(app.db.orm) }} />);
  });

  const inviteForm = async (req: FastifyRequest, reply: FastifyReply, form: Record<string, string>, errors?: FieldErrors, status = 200) =>
    reply.page(<InvitePage ctx={pageCtx(req, reply)} v={{ form, errors, institutions: await institutionOptions(app.db.orm) }} />, status);

  app.get('/admin/people/new', manage, async (req, reply) => inviteForm(req, reply, {}));

  app.post('/admin/people/new', manage, async (req, reply) => {
    const b = req.body as Form;
    const form = { name: formString(b.name), email: formString(b.email), lang: formString(b.lang), role: formString(b.role), institution: formString(b.institution) };
    try {
      const user = await invitePerson(ctxOf(req), form);
      return reply.redirect(`/admin/people/${user.id}?done=invited`, 303);
    } catch (err) {
      const errors = fieldErrors(err);
      if (errors) return inviteForm(req, reply, form, errors, (err as AppError).status);
      throw err;
    }
  });

  const personPage = async (req: FastifyRequest, reply: FastifyReply, extra: { errors?: FieldErrors; form?: Record<string, string>; notice?: MessageKey } = {}, status = 200) => {
    const id = (req.params as { id: string }).id;
    const { user, grants } = await getPerson(ctxOf(req), id);
    return reply.page(<PersonPage ctx={pageCtx(req, reply)} v={{ user, grants, institutions: await institutionOptions(app.db.orm), ...extra }} />, status);
  };

  app.get('/admin/people/:id', { ...read, schema: { params: Type.Object({ id: Id() }), querystring: Type.Object({ done: Type.Optional(Code()) }) } }, async (req, reply) => personPage(req, reply, { notice: DONE[formString((req.query as Form).done)] }));

  /** Runs an action on the person, then shows the page again (errors) or redirects with a notice. */
  const action = (done: string, run: (req: FastifyRequest, id: string, body: Record<string, string>) => Promise<unknown>) => async (req: FastifyRequest, reply: FastifyReply) => {
    const id = (req.params as { id: string }).id;
    const b = req.body as Form;
    const body = Object.fromEntries(Object.entries(b ?? {}).map(([k, v]) => [k, formString(v)]));
    try {
      await run(req, id, body);
    } catch (err) {
      const errors = fieldErrors(err);
      if (errors) return personPage(req, reply, { errors, form: body }, (err as AppError).status);
      throw err;
    }
    return reply.redirect(`/admin/people/${id}?done=${done}`, 303);
  };

  app.post('/admin/people/:id/grants', one, action('roles', (req, id, b) => addGrant(ctxOf(req), { userId: id, role: b.role ?? '', institution: b.institution ?? '' })));
  app.post('/admin/people/:id/grants/remove', one, action('roles', (req, id, b) => removeGrant(ctxOf(req), { userId: id, role: b.role ?? '', institutionId: b.institution || null })));
  app.post('/admin/people/:id/deactivate', one, action('deactivated', (req, id) => setPersonActive(ctxOf(req), { userId: id, active: false })));
  app.post('/admin/people/:id/activate', one, action('activated', (req, id) => setPersonActive(ctxOf(req), { userId: id, active: true })));
  app.post('/admin/people/:id/reset-2fa', one, action('twoFactor', (req, id) => resetPersonTwoFactor(ctxOf(req), { userId: id })));
  app.post('/admin/people/:id/resend', one, action('resent', (req, id) => resendInvite(ctxOf(req), { userId: id })));
}
