// The signed-in person's own account: password, two-factor, sessions, API tokens.
import type { App } from '../../platform/http/app.ts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../platform/http/errors.ts';
import { pageCtx } from '../../web/context.ts';
import { changePassword } from './auth.service.ts';
import { activeSessions, revokeSession } from './sessions.service.ts';
import { createToken, listTokens, revokeToken, serviceTokenInstitutions } from './tokens.service.ts';
import { beginEnrolment, confirmEnrolment, enrolmentQr } from './totp.service.ts';
import { getUser } from './users.service.ts';
import { AccountPage, type AccountView } from './views/account.tsx';
import { EnrolPage, RecoveryCodesPage } from './views/auth.tsx';
import { formString } from '../../platform/input.ts';
import { ctxOf } from '../../platform/http/request-context.ts';
import { Type } from 'typebox';
import { Code, FormFields, Id } from '../../platform/http/schemas.ts';
import { submitForm } from '../../platform/http/forms.ts';

export async function accountRoutes(app: App) {
  const read = { config: { action: 'account:read' as const } };
  const manage = { config: { action: 'account:manage' as const } };
  const one = { ...manage, schema: { params: Type.Object({ id: Id() }) } };
  const form = { ...manage, schema: { body: FormFields() } };

  async function show(req: FastifyRequest, reply: FastifyReply, extra: Partial<AccountView> = {}, status = 200) {
    const actor = req.actor!;
    const user = (await getUser(app.db.orm, actor.userId))!;
    const v: AccountView = {
      user,
      sessions: await activeSessions(app.db.orm, user.id),
      tokens: await listTokens(app.db.orm, user.id),
      serviceInstitutions: await serviceTokenInstitutions(ctxOf(req)),
      ...extra,
    };
    return reply.page(<AccountPage ctx={pageCtx(req, reply)} v={v} />, status);
  }

  app.get('/account', { ...read, schema: { querystring: Type.Object({ done: Type.Optional(Code()) }) } }, async (req, reply) => {
    const done = req.query.done;
    const notice = done === 'password' ? 'account.password.done' : done === 'session' ? 'account.sessions.revoked' : done === 'token' ? 'tokens.revoked' : undefined;
    return show(req, reply, { notice });
  });

  app.post('/account/password', form, async (req, reply) => {
    const body = req.body;
    const user = (await getUser(app.db.orm, req.actor!.userId))!;
    const r = await submitForm(() => changePassword(ctxOf(req), { user, current: formString(body.current), next: formString(body.password), keepSessionId: req.actor!.sessionId }));
    if (!r.ok) return show(req, reply, { errors: r.errors }, 422);
    return reply.redirect('/account?done=password', 303);
  });

  app.post('/account/sessions/:id/revoke', one, async (req, reply) => {
    await revokeSession(ctxOf(req), { userId: req.actor!.userId, sessionId: req.params.id });
    return reply.redirect('/account?done=session', 303);
  });

  app.post('/account/tokens', form, async (req, reply) => {
    const body = req.body;
    const days = formString(body.expiresInDays).trim();
    const form = { name: formString(body.name), scope: formString(body.scope), expiresInDays: days, institution: formString(body.institution) };
    try {
      if (days && !/^\d+$/.test(days)) throw new AppError(422, 'error.summary', undefined, { expiresInDays: 'tokens.error.expiry' });
      const { token } = await createToken(ctxOf(req), { name: form.name, scope: form.scope as 'read' | 'write', expiresInDays: days ? Number(days) : null, institutionId: form.institution || null });
      return show(req, reply, { newToken: token });
    } catch (err) {
      if (err instanceof AppError && err.fields) return show(req, reply, { errors: err.fields, form }, 422);
      throw err;
    }
  });

  app.post('/account/tokens/:id/revoke', one, async (req, reply) => {
    await revokeToken(ctxOf(req), { tokenId: req.params.id });
    return reply.redirect('/account?done=token', 303);
  });

  app.get('/account/two-factor', manage, async (req, reply) => {
    const user = (await getUser(app.db.orm, req.actor!.userId))!;
    if (user.totpEnabledAt) return reply.redirect('/account');
    const qr = (await enrolmentQr(app.secrets, user)) ?? (await beginEnrolment(ctxOf(req), { box: app.secrets, user }));
    return reply.page(<EnrolPage ctx={pageCtx(req, reply)} qrDataUrl={qr.qrDataUrl} secret={qr.secret} action="/account/two-factor" />);
  });

  app.post('/account/two-factor', form, async (req, reply) => {
    const user = (await getUser(app.db.orm, req.actor!.userId))!;
    if (user.totpEnabledAt) return reply.redirect('/account', 303);
    const r = await submitForm(() => confirmEnrolment(ctxOf(req), { box: app.secrets, user, code: formString(req.body.code).trim() }));
    if (r.ok) return reply.page(<RecoveryCodesPage ctx={pageCtx(req, reply)} codes={r.value} next="/account" />);
    const qr = (await enrolmentQr(app.secrets, user)) ?? (await beginEnrolment(ctxOf(req), { box: app.secrets, user }));
    return reply.page(<EnrolPage ctx={pageCtx(req, reply)} qrDataUrl={qr.qrDataUrl} secret={qr.secret} action="/account/two-factor" errors={r.errors} />, 422);
  });
}
