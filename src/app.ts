// Assembles the HTTP application: security plugins, language and identity on every request,
// the permission guard, error pages / problem+json, and every module's routes.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import compress from '@fastify/compress';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import multipart from '@fastify/multipart';
import csrf from '@fastify/csrf-protection';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { VNode } from 'preact';
import type { Config } from './config.ts';
import type { Database } from './platform/db/database.ts';
import type { Actor } from './platform/auth/actor.ts';
import { isLang, DEFAULT_LANG, type Lang } from './platform/i18n/catalog.ts';
import { translator, type T, type MessageKey } from './messages.ts';
import { lazyCompilers } from './platform/http/lazy-compilers.ts';
import { AppError } from './platform/http/errors.ts';
import { isApiRequest, sendProblem, ProblemSchema } from './platform/http/problem.ts';
import { installGuard } from './platform/http/guard.ts';
import { installSecurityHeaders } from './platform/http/security-headers.ts';
import { getOrCreateSecretSetting } from './platform/settings.ts';
import { loadSecretKeys, SecretBox } from './platform/secrets.ts';
import { resealStoredSecrets } from './platform/stored-secrets.ts';
import { csrfCookieOptions, CSRF_COOKIE } from './platform/http/csrf.ts';
import { pruneRateLimitCounters, rateLimitStore, SharedWindowCounter } from './platform/http/rate-limit-store.ts';
import { isDatabaseDown, isBadValue } from './platform/db/errors.ts';
import { installInputGuard, parseForm } from './platform/http/input-guard.ts';
import { renderDocument } from './web/render.ts';
import { installPublicPages, PRIVATE, type PublicPages } from './web/public-page.ts';
import { pageCtx } from './web/context.ts';
import { ErrorPage } from './web/components/ErrorPage.tsx';
import { createElement } from 'preact';
import { healthModule } from './modules/health/module.ts';
import { siteModule } from './modules/site/module.ts';
import { apidocsModule } from './modules/apidocs/module.ts';
import { libraryModule } from './modules/library/module.ts';
import { installRequestActor } from './modules/identity/index.ts';
import { identityModule } from './modules/identity/module.ts';
import { adminModule } from './modules/admin/module.ts';
import { portfolioModule } from './modules/portfolio/module.ts';
import { complianceModule } from './modules/compliance/module.ts';
import { reviewsModule } from './modules/reviews/module.ts';
import { VERSION } from './version.ts';
import { prettyLogStream } from './platform/log-format.ts';

declare module 'fastify' {
  interface FastifyInstance {
    db: Database;
    config: Config;
    /** Seals and opens secrets stored in the database. */
    secrets: SecretBox;
    assetVersion: string;
    demoNotice: boolean;
    /** Builds every route validator and serializer not built yet (they are built on first use; decision 0505). */
    compileRouteSchemas(): number;
    /** The page cache and content version of public pages (web/public-page.ts). */
    publicPages: PublicPages;
  }
  interface FastifyRequest {
    lang: Lang;
    t: T;
    actor: Actor | null;
  }
  interface FastifyReply {
    page(node: VNode<any>, status?: number): FastifyReply;
  }
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const buildDir = path.join(root, 'public', 'build');

function assetVersion(): string {
  const h = crypto.createHash('sha256');
  for (const f of ['viwango.css', 'app.js', 'favicon.svg']) {
    const p = path.join(buildDir, f);
    if (fs.existsSync(p)) h.update(fs.readFileSync(p));
  }
  return h.digest('hex').slice(0, 10);
}

/** A field of a parsed query string or form body in a hook, which runs before any route schema. */
function fieldOf(parsed: unknown, name: string): unknown {
  return parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>)[name] : undefined;
}

function pickLang(req: FastifyRequest): Lang {
  const q = fieldOf(req.query, 'lang');
  if (isLang(q)) return q;
  if (isApiRequest(req)) {
    const al = req.headers['accept-language'];
    if (typeof al === 'string') {
      const first = al.split(',')[0]?.trim().slice(0, 2).toLowerCase();
      if (isLang(first)) return first;
    }
  }
  const c = req.cookies?.lang;
  return isLang(c) ? c : DEFAULT_LANG;
}

export interface AppOptions {
  config: Config;
  db: Database;
  demoNotice?: boolean;
}

export async function buildApp({ config, db, demoNotice = false }: AppOptions): Promise<FastifyInstance> {
  const compilers = lazyCompilers();
  const app = Fastify({
    logger:
      config.logLevel === 'silent'
        ? false
        : { level: config.logLevel, redact: ['req.headers.authorization', 'req.headers.cookie'], ...(config.logFormat === 'pretty' ? { stream: prettyLogStream() } : {}) },
    bodyLimit: config.bodyLimit,
    trustProxy: config.trustProxy,
    requestIdHeader: 'x-request-id',
    genReqId: () => crypto.randomUUID(),
    return503OnClosing: true,
    // Non-finite numbers are refused by bounds, so strictNumbers must be off: with it on (ajv's default),
    // the "1e309" that coercion turns into Infinity skips minimum/maximum and passes as an integer.
    // Every number in a route schema is bounded (platform/http/schemas.ts; checked by test/attacks).
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', allErrors: true, strictNumbers: false } },
    schemaController: { compilersFactory: compilers },
    // A path whose percent-escapes are not UTF-8 cannot be routed; answer it like any other bad input.
    frameworkErrors: (error, req, reply) => {
      req.lang = pickLang(req);
      req.t = translator(req.lang);
      return (reply as FastifyReply).send(error.code === 'FST_ERR_BAD_URL' ? new AppError(400, 'error.input.title') : error);
    },
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.decorate('db', db);
  app.decorate('config', config);
  app.decorate('assetVersion', assetVersion());
  app.decorate('demoNotice', demoNotice);
  app.decorate('compileRouteSchemas', compilers.compileAll);
  app.decorateRequest('lang', DEFAULT_LANG);
  app.decorateRequest('t', null as unknown as T);
  app.decorateRequest('actor', null);
  app.decorateReply('page', function (this: FastifyReply, node: VNode<any>, status = 200) {
    return this.status(status).type('text/html; charset=utf-8').header('cache-control', PRIVATE).send(renderDocument(node));
  });
  app.addSchema(ProblemSchema);

  const secure = config.publicUrl.startsWith('https://');
  const secrets = new SecretBox(loadSecretKeys(config));
  app.decorate('secrets', secrets);
  // Values stored before sealing existed are sealed now; a value under an unknown key stops start-up here.
  await resealStoredSecrets(db, secrets, 'plain');
  await pruneRateLimitCounters(db);
  const cookieSecret = config.sessionSecret ?? (await getOrCreateSecretSetting(db, secrets, 'cookie_secret', () => crypto.randomBytes(32).toString('base64url')));

  installSecurityHeaders(app, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        ...(secure ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    strictTransportSecurity: secure ? { maxAge: 31536000, includeSubDomains: true } : false,
    referrerPolicy: { policy: 'same-origin' },
  });
  await app.register(compress, { global: true, threshold: 1024 });
  await app.register(cookie, { secret: cookieSecret });
  installPublicPages(app, db, config);
  await app.register(formbody, { parser: parseForm });
  // One file per form, for every module that takes uploads; the guard reads the fields before it.
  // 80 fields: the remediation plan's progress form (20 milestones × 3 fields) carries its evidence (decision 0347).
  await app.register(multipart, { limits: { fileSize: config.uploadLimit, files: 1, fields: 80, fieldSize: 100_000 } });
  await app.register(csrf, {
    sessionPlugin: '@fastify/cookie',
    cookieKey: CSRF_COOKIE,
    cookieOpts: csrfCookieOptions(config),
    getToken: (req) => {
      // From the form body (multipart: its leading fields) or a header; never from the URL, which ends up in logs.
      const v = fieldOf(req.body ?? req.multipartState?.fields, '_csrf') ?? req.headers['x-csrf-token'];
      return typeof v === 'string' ? v : '';
    },
  });
  const globalCounter = new SharedWindowCounter(db, (err) => app.log.warn({ err }, 'rate-limit counts not shared this second'));
  app.addHook('onClose', () => globalCounter.stop());
  await app.register(rateLimit, {
    global: true,
    max: config.rateLimitPerMinute,
    timeWindow: '1 minute',
    store: rateLimitStore(db, globalCounter),
    errorResponseBuilder: (_req, ctx) => {
      const err = new AppError(429, 'error.rateLimited.title');
      (err as unknown as { retryAfter: number }).retryAfter = Math.ceil(ctx.ttl / 1000);
      return err;
    },
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Viwango API',
        version: VERSION,
        description:
          'JSON API of Viwango, the e-Government standards platform. Authenticate with `Authorization: Bearer <token>`. Errors are RFC 9457 problem details. Send `Accept-Language: sw` or `en` for messages in Kiswahili or English.',
      },
      servers: [{ url: config.publicUrl }],
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    },
    transform: ({ schema, url }) => {
      const s = (schema ?? {}) as Record<string, unknown>;
      return { schema: (url.startsWith('/api/v1') ? s : { ...s, hide: true }) as never, url };
    },
  });
  await app.register(fastifyStatic, {
    root: buildDir,
    prefix: '/static/',
    maxAge: '365d',
    immutable: true,
    index: false,
    // The .br and .gz copies scripts/build-assets.mjs made, instead of compressing on every request.
    preCompressed: true,
  });

  app.addHook('onRequest', async (req, reply) => {
    req.lang = pickLang(req);
    req.t = translator(req.lang);
    const q = fieldOf(req.query, 'lang');
    if (isLang(q) && req.cookies?.lang !== q && !isApiRequest(req)) {
      reply.setCookie('lang', q, { path: '/', sameSite: 'lax', secure, httpOnly: false, maxAge: 365 * 24 * 3600 });
    }
    reply.header('x-request-id', req.id);
    reply.header('content-language', req.lang);
  });

  installRequestActor(app);
  installGuard(app);
  installInputGuard(app);

  app.setNotFoundHandler((req, reply) => {
    if (isApiRequest(req)) return sendProblem(req, reply, { status: 404, title: req.t('error.notFound.title') });
    const ctx = pageCtx(req, reply);
    return reply.page(createElement(ErrorPage, { ctx, title: ctx.t('error.notFound.title'), body: ctx.t('error.notFound.body') }), 404);
  });

  app.setErrorHandler((error: Error & { statusCode?: number; code?: string; validation?: unknown[] }, req, reply) => {
    const t = req.t ?? translator(DEFAULT_LANG);
    let status = 500;
    let key: MessageKey = 'error.server.title';
    let bodyKey: MessageKey = 'error.server.body';
    let fields: { field: string; message: string }[] | undefined;
    let extra: Record<string, unknown> = {};
    let params: Record<string, string | number> = {};
    if (error instanceof AppError) {
      params = error.params ?? {};
      status = error.status;
      key = error.key;
      bodyKey = status === 403 ? (key === 'error.csrf.title' ? 'error.csrf.body' : 'error.forbidden.body') : status === 404 ? 'error.notFound.body' : 'error.badRequest.body';
      if (status === 429) bodyKey = 'error.rateLimited.body';
      if (error.fields) fields = Object.entries(error.fields).map(([field, k]) => ({ field, message: t(k) }));
      extra = error.extra ?? {};
      const retry = (error as unknown as { retryAfter?: number }).retryAfter;
      if (retry) reply.header('retry-after', retry);
    } else if (error.code === 'FST_CSRF_INVALID_TOKEN' || error.code === 'FST_CSRF_MISSING_SECRET') {
      status = 403;
      key = 'error.csrf.title';
      bodyKey = 'error.csrf.body';
    } else if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || error.code === 'FST_REQ_FILE_TOO_LARGE' || error.statusCode === 413) {
      status = 413;
      key = 'error.tooLarge.title';
      bodyKey = 'error.tooLarge.body';
    } else if (error.validation && (error as { validationContext?: string }).validationContext === 'params') {
      // A path whose parameter cannot be an id, slug or version names nothing: not found, like a missing record.
      status = 404;
      key = 'error.notFound.title';
      bodyKey = 'error.notFound.body';
    } else if (error.validation) {
      status = 400;
      key = 'error.badRequest.title';
      fields = (error.validation as { instancePath?: string; params?: { missingProperty?: string }; message?: string }[]).map((v) => ({
        field: (v.instancePath || '/' + (v.params?.missingProperty ?? '')).replace(/^\//, '').replace(/\//g, '.'),
        message: v.message ?? '',
      }));
    } else if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      status = error.statusCode;
      key = status === 404 ? 'error.notFound.title' : status === 429 ? 'error.rateLimited.title' : 'error.badRequest.title';
      bodyKey = status === 429 ? 'error.rateLimited.body' : 'error.badRequest.body';
    } else if (isBadValue(error)) {
      // Last line only: route schemas should have refused the value before it reached the database.
      status = 400;
      key = 'error.badRequest.title';
      req.log.warn({ err: error }, 'value refused by the database');
    } else if (isDatabaseDown(error)) {
      status = 503;
      key = 'error.unavailable.title';
      bodyKey = 'error.unavailable.body';
      req.log.error({ err: error }, 'database unavailable');
    } else {
      req.log.error({ err: error }, 'unhandled error');
    }
    const limit = `${Math.round(config.uploadLimit / (1024 * 1024))} MB`;
    if (isApiRequest(req)) {
      return sendProblem(req, reply, {
        status,
        title: t(key, { ...params, limit, id: req.id }),
        ...(status >= 500 ? { detail: t(bodyKey, { id: req.id, limit }) } : {}),
        ...(fields ? { errors: fields } : {}),
        ...extra,
      });
    }
    const ctx = pageCtx(req, reply);
    return reply.page(createElement(ErrorPage, { ctx, title: t(key, { ...params, limit }), body: t(bodyKey, { ...params, id: req.id, limit }) }), status);
  });

  await app.register(healthModule);
  await app.register(siteModule);
  await app.register(apidocsModule);
  await app.register(libraryModule);
  await app.register(identityModule);
  await app.register(adminModule);
  await app.register(portfolioModule);
  await app.register(complianceModule);
  await app.register(reviewsModule);
  return app;
}
