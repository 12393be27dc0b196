// Malformed input against every route, generated from the route table (issue 13, 5b). For each
// route the suite signs in as someone its action allows, then sends, one field at a time, every
// declared parameter, query field and body field a hostile value: huge and non-finite numbers,
// impossible dates, NUL bytes, invalid UTF-8, 100k strings, wrong types. It also sends every form
// field name seen on the site's pages to every route, so handlers that read undeclared input are
// reached too. Nothing may answer 5xx or show a stack trace; NUL and broken UTF-8 must answer 400.
// A route added tomorrow is walked the same way without a line of test code.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import type { FastifySchema, LightMyRequestResponse } from 'fastify';
import { can, type Action } from '../../src/platform/auth/policy.ts';
import { ROLES, SCOPED_ROLES, type Actor, type Role } from '../../src/platform/auth/actor.ts';
import { actorFor } from '../../src/modules/identity/users.service.ts';
import { buildDocument } from '../../src/modules/library/index.ts';
import { loadLibraryReference } from '../../src/modules/library/seed.ts';
import { createToken } from '../../src/modules/identity/tokens.service.ts';
import { apiToken, Browser, createTestApp, csrfToken, institutionId, makeUser, signIn, type TestApp } from '../helpers.ts';
import { schemaFields, type Field } from './route-schemas.ts';
import { createCtx } from '../../src/platform/context.ts';

interface Attack {
  label: string;
  /** Raw (already percent-encoded) text for a path, query string or form. */
  url: string;
  /** Raw JSON text of the value for a JSON body. */
  json: Buffer;
  /** Must be refused with exactly 400 by the input guard. */
  unclean?: boolean;
}
const LONG = 'a'.repeat(100_000);
const j = (s: string) => Buffer.from(s);
const UNCLEAN: Attack[] = [
  { label: 'NUL', url: 'a%00b', json: j('"a\\u0000b"'), unclean: true },
  { label: 'bad UTF-8 %C3%28', url: '%C3%28', json: Buffer.from([0x22, 0xc3, 0x28, 0x22]), unclean: true },
  { label: 'bad UTF-8 %FF', url: '%FF', json: Buffer.from([0x22, 0xff, 0x22]), unclean: true },
  { label: 'lone surrogate', url: '%ED%A0%80', json: j('"\\ud800"'), unclean: true },
];
const NUMBERS: Attack[] = [
  { label: 'huge', url: '1e309', json: j('1e309') },
  { label: '-huge', url: '-1e309', json: j('-1e309') },
  { label: '2^53+1', url: '9007199254740993', json: j('9007199254740993') },
  { label: 'NaN', url: 'NaN', json: j('"NaN"') },
];
const DATES: Attack[] = [
  { label: 'month 13', url: '2026-13-45', json: j('"2026-13-45"') },
  { label: '30 February', url: '2026-02-30', json: j('"2026-02-30"') },
];
const TYPES: Attack[] = [
  { label: 'object', url: '%5Bobject%20Object%5D', json: j('{"a":{"b":1}}') },
  { label: 'array', url: '', json: j('["x","y"]') },
  { label: 'null', url: '', json: j('null') },
];
const HUGE_TEXT: Attack = { label: '100k', url: LONG, json: j(`"${LONG}"`) };
const ALL = [...UNCLEAN, ...NUMBERS, ...DATES, ...TYPES, HUGE_TEXT];

/**
 * The values for the i-th field: each family in turn, so that across the route table every value
 * meets every kind of field, and the values that matter most for the field's type always.
 * (Sending all fourteen to every field took four minutes; this keeps the suite near one.)
 */
function attacksFor(i: number, kinds: Set<string>, where: string): Attack[] {
  const pick = (xs: Attack[], k = 0) => xs[(i + k) % xs.length];
  const out = [pick(UNCLEAN), pick(NUMBERS), pick(DATES), pick(TYPES)];
  if (kinds.has('integer') || kinds.has('number')) out.push(pick(NUMBERS, 1), pick(NUMBERS, 2));
  if (kinds.has('date')) out.push(pick(DATES, 1));
  if (kinds.has('string') && where !== 'params') out.push(HUGE_TEXT);
  return out.filter((a) => !(where === 'params' && (a.label === 'array' || a.label === 'null')));
}
const STACK = /\n\s+at .+:\d+:\d+\)?|node_modules\/|\.tsx?:\d+:\d+/;

type Route = { method: string; url: string; action: Action; schema?: FastifySchema };
let t: TestApp;
const who = new Map<Role, { actor: Actor; page?: Browser; csrf?: string; token?: string; userId: string }>();
const ids: Record<string, string> = {};
let slug = '';
let version = '';

before(async () => {
  t = await createTestApp();
  await loadLibraryReference(t.db);
  const ega = await institutionId(t.db, 'e-GA');
  for (const role of ROLES) {
    const user = await makeUser(t.db, role, SCOPED_ROLES.has(role) ? 'e-GA' : undefined);
    who.set(role, { actor: await actorFor(t.db.orm, user, 'web'), userId: user.id });
  }
  const author = who.get('issuer_author')!;
  const { doc, edition } = await buildDocument(createCtx({ db: t.db, config: t.config, actor: author.actor }), { code: 'eGA/ATK/STD/001', issuerId: ega });
  slug = doc.slug;
  version = edition.version;
  const victim = await makeUser(t.db, 'institution_officer', 'NIDA');
  const spare = await createToken(createCtx({ db: t.db, config: t.config, actor: author.actor }), { name: 'spare', scope: 'read', institutionId: null });
  // A path's :id is filled from the resource named just before it; anything else gets a random uuid.
  Object.assign(ids, { editions: edition.id, people: victim.id, institutions: await institutionId(t.db, 'NIDA'), tokens: spare.record.id });
});
after(() => t.close());

/** The first role (administrator first) whose real actor may perform the action. */
function roleFor(action: Action): Role | null {
  return ROLES.find((r) => can(who.get(r)!.actor, action)) ?? null;
}

async function session(role: Role) {
  const w = who.get(role)!;
  if (!w.page) {
    const email = (await t.db.query<{ email: string }>('SELECT email FROM users WHERE id = $1', [w.userId]))[0].email;
    w.page = await signIn(t.app, { email });
    w.csrf = csrfToken((await w.page.get('/password/forgot')).body);
    w.token = await apiToken(t.db, (await t.db.query<never>('SELECT * FROM users WHERE id = $1', [w.userId]))[0], 'write');
  }
  return w as Required<typeof w>;
}

function fillPath(url: string, attack?: { name: string; raw: string }): string {
  return url.replace(/:([A-Za-z]+)/g, (_m, name: string, at: number) => {
    if (attack?.name === name) return attack.raw;
    if (name === 'slug') return slug;
    if (name === 'version') return version;
    if (name === 'token') return 'no-such-link-token';
    const resource = url.slice(0, at).split('/').filter(Boolean).pop() ?? '';
    return ids[resource] ?? crypto.randomUUID();
  });
}

/** A plausible value for a required field, so the attacked field is what the server judges. */
function plain(f: Field): unknown {
  const s = f.schema as { examples?: unknown[]; const?: unknown; anyOf?: { const?: unknown }[]; type?: string; minimum?: number };
  if (s.examples?.length) return s.examples[0];
  if (s.const !== undefined) return s.const;
  if (s.anyOf?.[0]?.const !== undefined) return s.anyOf[0].const;
  if (s.type === 'integer' || s.type === 'number') return s.minimum ?? 1;
  if (s.type === 'array') return [];
  if (s.type === 'object') return {};
  return f.name === 'q' ? 'huduma' : 'x';
}

interface Sent {
  route: Route;
  where: string;
  attack: Attack;
  res: LightMyRequestResponse;
}

async function send(route: Route, where: 'params' | 'querystring' | 'body' | 'undeclared', names: string[], attack: Attack, required: Field[]): Promise<Sent> {
  const role = roleFor(route.action)!;
  const w = await session(role);
  const isApi = route.url.startsWith('/api/');
  const hasBody = route.method !== 'GET' && route.method !== 'DELETE';
  const url = fillPath(route.url, where === 'params' ? { name: names[0], raw: attack.url } : undefined);
  const query = required.filter((f) => f.in === 'querystring').map((f) => `${f.name}=${encodeURIComponent(String(plain(f)))}`);
  const bodyBase = Object.fromEntries(required.filter((f) => f.in === 'body').map((f) => [f.name, plain(f)]));
  const attacked = where === 'querystring' || (where === 'undeclared' && !hasBody) ? names : [];
  for (const n of attacked) query.push(...(attack.label === 'array' ? [`${n}=a`, `${n}=b`] : [`${n}=${attack.url}`]));
  const full = query.length ? `${url}?${query.join('&')}` : url;
  const inBody = where === 'body' || (where === 'undeclared' && hasBody) ? names : [];
  const headers: Record<string, string> = isApi ? { authorization: `Bearer ${w.token}` } : { cookie: [...w.page.cookies].map(([k, v]) => `${k}=${v}`).join('; ') };
  let payload: Buffer | string | undefined;
  if (hasBody && isApi) {
    const text = JSON.stringify({ ...bodyBase, ...Object.fromEntries(inBody.map((n) => [n, '\u0000ATTACK\u0000'])) }).split(JSON.stringify('\u0000ATTACK\u0000'));
    payload = Buffer.concat(text.flatMap((part, i) => (i === 0 ? [j(part)] : [attack.json, j(part)])));
    headers['content-type'] = 'application/json';
  } else if (hasBody) {
    const form = [`_csrf=${encodeURIComponent(w.csrf)}`, ...Object.entries(bodyBase).map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`)];
    for (const n of inBody) form.push(...(attack.label === 'array' ? [`${n}=a`, `${n}=b`] : [`${n}=${attack.url}`]));
    payload = form.join('&');
    headers['content-type'] = 'application/x-www-form-urlencoded';
  }
  const res = await t.app.inject({ method: route.method as 'GET', url: full, headers, ...(payload === undefined ? {} : { payload }) });
  return { route, where, attack, res };
}

test('every number in every route schema has both bounds and every string a length limit', () => {
  const loose: string[] = [];
  for (const r of t.app.routeList) {
    for (const f of schemaFields(r.schema)) {
      for (const s of f.leaves) {
        const x = s as { type?: string; minimum?: number; maximum?: number; maxLength?: number; const?: unknown; enum?: unknown };
        if ((x.type === 'integer' || x.type === 'number') && (x.minimum === undefined || x.maximum === undefined)) loose.push(`${r.method} ${r.url} ${f.in}.${f.path}: unbounded number`);
        if (x.type === 'string' && x.maxLength === undefined && x.const === undefined && x.enum === undefined) loose.push(`${r.method} ${r.url} ${f.in}.${f.path}: string without maxLength`);
      }
    }
  }
  assert.deepEqual(loose, []);
});

test('malformed input to every route: never a 5xx, never a stack trace; NUL and invalid UTF-8 refused with 400', async (ctx) => {
  const started = Date.now();
  const routes = [...t.app.routeList].filter((r) => roleFor(r.action)).sort((a, b) => Number(a.url === '/logout') - Number(b.url === '/logout'));
  // Every form field name the site's own pages offer, to reach handlers that read undeclared input.
  const formNames = new Set<string>();
  for (const r of routes) {
    if (r.method !== 'GET' || r.url.startsWith('/api/') || r.url === '/logout') continue;
    const w = await session(roleFor(r.action)!);
    const res = await w.page.get(fillPath(r.url));
    for (const m of res.body.matchAll(/\sname="([A-Za-z0-9_.[\]-]{1,40})"/g)) if (m[1] !== '_csrf') formNames.add(m[1]);
  }
  const problems: string[] = [];
  let sent = 0;
  let fields = 0;
  const used = new Set<string>();
  const check = (s: Sent, name: string) => {
    sent++;
    const what = `${s.route.method} ${s.route.url} ${s.where}.${name} = ${s.attack.label}`;
    if (s.res.statusCode >= 500) problems.push(`${what}: ${s.res.statusCode} ${s.res.body.slice(0, 200)}`);
    else if (STACK.test(s.res.body)) problems.push(`${what}: stack trace in the body`);
    else if (s.attack.unclean && s.where !== 'undeclared' && s.res.statusCode !== 400) problems.push(`${what}: ${s.res.statusCode}, expected 400`);
  };
  let i = 0;
  for (const r of routes) {
    const all = schemaFields(r.schema);
    const required = all.filter((f) => f.required && f.in !== 'params' && !f.path.includes('.'));
    for (const f of all.filter((x) => !x.path.includes('.'))) {
      fields++;
      const kinds = new Set(f.leaves.map((l) => ((l as { format?: string }).format === 'date' ? 'date' : String((l as { type?: string }).type))));
      for (const attack of attacksFor(i++, kinds, f.in)) {
        used.add(attack.label);
        check(await send(r, f.in, [f.name], attack, required.filter((x) => x.name !== f.name || x.in !== f.in)), f.name);
      }
    }
    const undeclared = [...formNames].filter((n) => !all.some((f) => f.name === n));
    for (const attack of attacksFor(i++, new Set(), 'undeclared')) check(await send(r, 'undeclared', undeclared, attack, required), `${undeclared.length} form names`);
  }
  assert.deepEqual(ALL.filter((a) => !used.has(a.label)).map((a) => a.label), [], 'every value was sent');
  ctx.diagnostic(`${routes.length} routes, ${fields} declared fields, ${formNames.size} form field names, ${ALL.length} values, ${sent} requests in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  assert.deepEqual(problems, []);
});
