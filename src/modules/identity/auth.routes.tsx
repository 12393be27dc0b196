// Sign-in, second factor, sign-out, forgotten password and invitations.
import type { App } from '../../platform/http/app.ts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { withSource, type Ctx } from '../../platform/context.ts';
import { AppError } from '../../platform/http/errors.ts';
import { pageCtx } from '../../web/context.ts';
import { safeNext, type FieldErrors } from '../../web/components/forms.tsx';
import { checkLink, login, redeemLink, requestReset } from './auth.service.ts';
import { promoteSession, revokeSession } from './sessions.service.ts';
import { beginEnrolment, confirmEnrolment, enrolmentQr, verifySecondFactor } from './totp.service.ts';
import { getUser } from './users.service.ts';
import { clearSessionCookie, setSessionCookie } from './request-actor.ts';
import { EnrolPage, ForgotPage, LinkGonePage, LoginPage, RecoveryCodesPage, SecondFactorPage, SetPasswordPage } from './views/auth.tsx';
import { formString, isEmail } from '../../platform/input.ts';
import { ctxOf } from '../../platform/http/request-context.ts';
import { Type } from 'typebox';
import { Code, FormFields, LinkToken, Text } from '../../platform/http/schemas.ts';
import { submitForm } from '../../platform/http/forms.ts';


/** Steps of a half-finished sign-in are audited as the person signing in. */
function pendingCtx(req: FastifyRequest): Ctx {
  const u = req.pending!.user;
  return withSource(ctxOf(req), { actorId: u.id, actorLabel: u.email, via: 'web', ip: req.ip });
}

export async function authRoutes(app: App) {
  const open = { config: { action: 'auth:signIn' as const } };
  // Sign-in forms share one rate per address, counted in the database for every instance, on top of
  // the per-account waits in the service.
  const limited = { config: { action: 'auth:signIn' as const, rateLimit: { max: app.config.loginRateLimitPerMinute, timeWindow: '1 minute', groupId: 'signin' } } };
  const nextQuery = { querystring: Type.Object({ next: Type.Optional(Text(2000)), done: Type.Optional(Code()) }) };
  const linkParams = { params: Type.Object({ token: LinkToken() }) };
  const form = { body: FormFields() };

  app.get('/login', { ...open, schema: nextQuery }, async (req, reply) => {
    if (req.actor) return reply.redirect('/account');
    const q = req.query;
    return reply.page(<LoginPage ctx={pageCtx(req, reply)} next={safeNext(q.next, '')} message={q.done === 'reset' ? req.t('auth.reset.done') : q.done === 'logout' ? req.t('auth.logout.done') : undefined} />);
  });

  app.post('/login', { ...limited, schema: form }, async (req, reply) => {
    const body = req.body;
    const email = formString(body.email).trim();
    const next = safeNext(body.next);
    const errors: FieldErrors = {};
    if (!email) errors.email = 'users.error.email';
    if (!formString(body.password)) errors.password = 'auth.error.credentials';
    if (Object.keys(errors).length) return reply.page(<LoginPage ctx={pageCtx(req, reply)} email={email} errors={errors} next={next} />, 422);
    const result = await login(ctxOf(req), { email, password: formString(body.password), userAgent: req.headers['user-agent'] });
    if (result.kind === 'failed') return reply.page(<LoginPage ctx={pageCtx(req, reply)} email={email} errors={{ email: 'auth.error.credentials' }} next={next} />, 401);
    if (result.kind === 'throttled') {
      reply.header('retry-after', result.retryAfterSeconds);
      return reply.page(<LoginPage ctx={pageCtx(req, reply)} email={email} errors={{ email: 'auth.error.throttled' }} next={next} />, 429);
    }
    setSessionCookie(app, reply, result.secret);
    if (!req.cookies.lang) reply.setCookie('lang', result.user.lang, { path: '/', sameSite: 'lax', maxAge: 365 * 86400 });
    const after = `?next=${encodeURIComponent(next)}`;
    if (result.kind === 'second_factor') return reply.redirect(`/login/two-factor${after}`, 303);
    if (result.kind === 'enrol') return reply.redirect(`/login/two-factor/setup${after}`, 303);
    return reply.redirect(next, 303);
  });

  app.get('/login/two-factor', { ...open, schema: nextQuery }, async (req, reply) => {
    if (!req.pending?.user.totpEnabledAt) return reply.redirect('/login');
    return reply.page(<SecondFactorPage ctx={pageCtx(req, reply)} />);
  });

  app.post('/login/two-factor', { ...limited, schema: { ...nextQuery, ...form } }, async (req, reply) => {
    if (!req.pending?.user.totpEnabledAt) return reply.redirect('/login', 303);
    const code = formString(req.body.code).trim();
    const result = await verifySecondFactor(pendingCtx(req), { box: app.secrets, pending: req.pending, code });
    if (result.kind === 'wrong') return reply.page(<SecondFactorPage ctx={pageCtx(req, reply)} errors={{ code: 'auth.2fa.badCode' }} />, 422);
    if (result.kind !== 'ok') {
      // The half-finished sign-in is over: back to the password.
      clearSessionCookie(app, reply);
      const ctx = pageCtx(req, reply);
      if (result.kind === 'void') return reply.page(<LoginPage ctx={ctx} errors={{ email: 'auth.2fa.tooMany' }} />, 429);
      reply.header('retry-after', Math.ceil((result.until.getTime() - Date.now()) / 1000));
      return reply.page(<LoginPage ctx={ctx} errors={{ email: 'auth.2fa.locked' }} />, 429);
    }
    setSessionCookie(app, reply, await promoteSession(pendingCtx(req), { sessionId: req.pending.session.id }));
    return reply.redirect(safeNext(req.query.next), 303);
  });

  app.get('/login/two-factor/setup', { ...open, schema: nextQuery }, async (req, reply) => {
    if (!req.pending || req.pending.user.totpEnabledAt) return reply.redirect('/login');
    const qr = (await enrolmentQr(app.secrets, req.pending.user)) ?? (await beginEnrolment(pendingCtx(req), { box: app.secrets, user: req.pending.user }));
    const next = encodeURIComponent(safeNext(req.query.next));
    return reply.page(<EnrolPage ctx={pageCtx(req, reply)} qrDataUrl={qr.qrDataUrl} secret={qr.secret} action={`/login/two-factor/setup?next=${next}`} />);
  });

  app.post('/login/two-factor/setup', { ...limited, schema: { ...nextQuery, ...form } }, async (req, reply) => {
    if (!req.pending || req.pending.user.totpEnabledAt) return reply.redirect('/login', 303);
    const user = (await getUser(app.db.orm, req.pending.user.id))!;
    const next = safeNext(req.query.next);
    const r = await submitForm(() => confirmEnrolment(pendingCtx(req), { box: app.secrets, user, code: formString(req.body.code).trim() }));
    if (!r.ok) {
      const qr = (await enrolmentQr(app.secrets, user))!;
      return reply.page(<EnrolPage ctx={pageCtx(req, reply)} qrDataUrl={qr.qrDataUrl} secret={qr.secret} action={`/login/two-factor/setup?next=${encodeURIComponent(next)}`} errors={r.errors} />, 422);
    }
    setSessionCookie(app, reply, await promoteSession(pendingCtx(req), { sessionId: req.pending.session.id }));
    return reply.page(<RecoveryCodesPage ctx={pageCtx(req, reply)} codes={r.value} next={next} />);
  });

  app.post('/logout', open, async (req, reply) => {
    const s = req.session ?? req.pending?.session;
    if (s) await revokeSession(ctxOf(req), { userId: s.userId, sessionId: s.id });
    clearSessionCookie(app, reply);
    return reply.redirect('/login?done=logout', 303);
  });

  app.get('/password/forgot', open, async (req, reply) => reply.page(<ForgotPage ctx={pageCtx(req, reply)} />));

  app.post('/password/forgot', { ...limited, schema: form }, async (req, reply) => {
    const email = formString(req.body.email).trim();
    if (!isEmail(email)) {
      return reply.page(<ForgotPage ctx={pageCtx(req, reply)} email={email} errors={{ email: 'users.error.email' }} />, 422);
    }
    await requestReset(ctxOf(req), { email });
    return reply.page(<ForgotPage ctx={pageCtx(req, reply)} sent />);
  });

  for (const purpose of ['invite', 'reset'] as const) {
    const path = purpose === 'invite' ? '/invite/:token' : '/password/reset/:token';
    const page = async (req: FastifyRequest, reply: FastifyReply, token: string, errors?: FieldErrors) => {
      const state = await checkLink(app.db.orm, purpose, token);
      const ctx = pageCtx(req, reply);
      if (!state.ok) return reply.page(<LinkGonePage ctx={ctx} purpose={purpose} />, 410);
      const title = ctx.t(purpose === 'invite' ? 'auth.invite.title' : 'auth.reset.title');
      const lead = purpose === 'invite' ? ctx.t('auth.invite.lead', { name: state.user.name, email: state.user.email }) : undefined;
      return reply.page(<SetPasswordPage ctx={ctx} title={title} lead={lead} action={req.url.split('?')[0]} errors={errors} />, errors ? 422 : 200);
    };
    app.get(path, { ...open, schema: linkParams }, async (req, reply) => {
      // The one-time link in this URL must not leak through the Referer header, not even to our own
      // logs: only the origin is sent. (Not no-referrer: browsers then send "Origin: null" with the
      // form, which the Origin check refuses.)
      reply.header('referrer-policy', 'strict-origin');
      return page(req, reply, req.params.token);
    });
    app.post(path, { ...limited, schema: { ...linkParams, ...form } }, async (req, reply) => {
      const body = req.body;
      if (formString(body.password) !== formString(body.confirm)) return page(req, reply, req.params.token, { confirm: 'auth.error.passwordsDiffer' });
      try {
        await redeemLink(ctxOf(req), { purpose, secret: req.params.token, password: formString(body.password) });
      } catch (err) {
        if (err instanceof AppError && err.fields) return page(req, reply, req.params.token, err.fields);
        if (err instanceof AppError && err.status === 410) return reply.page(<LinkGonePage ctx={pageCtx(req, reply)} purpose={purpose} />, 410);
        throw err;
      }
      return reply.redirect('/login?done=reset', 303);
    });
  }
}
