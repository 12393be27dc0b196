// The authorization matrix (issue 13, 5a), generated from the route table. Real records are made
// through the API's write routes, as NIDA and as BRELA, their free-text fields carrying a canary
// unique to the record, and by the modules' journeys (test/attacks/authz-journeys.ts: cycles opened
// by the job runner, sign-off, findings, decided cases…); then every GET route (pages and API:
// detail, list, search, export, file) is called by every persona — visitor; officer and head of
// NIDA; officer and head of BRELA; a person holding grants in both through their session, a
// personal read token, a personal write token and a service token for each institution; e-GA's
// issuer author; auditor; authority reviewer; administrator. What each persona may see is asked of
// the modules' own policies (test/attacks/authz-registry.ts maps a table or route parameters to a
// policy and a loader; with the journeys, nothing else here is per module):
// - a detail route answers 200 to a persona the policy lets see the record, 404 to one it does not;
// - a canary appears in a list, search or export response only for personas that may see its record,
//   and each record's own people find it in at least one;
// - the NIDA service token of the two-institution person answers exactly as NIDA-only access does.
// MATRIX_DEBUG=1 prints every write that was refused, with its body and answer.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { unzipSync, strFromU8 } from 'fflate';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { Browser, createTestApp, csrfToken, institutionId, signIn, systemCtxOf, TEST_PASSWORD, type TestApp } from '../helpers.ts';
import { createCtx } from '../../src/platform/context.ts';
import { schemaFields } from './route-schemas.ts';
import { RECORD_KINDS, NOT_RECORDS, NOT_WALKED, FIELD_VALUES, type RecordKind } from './authz-registry.ts';
import { JOURNEYS, type JourneyTools, type Writer } from './authz-journeys.ts';
import { runJobsNow } from '../../src/platform/jobs/index.ts';
import { can, isWriteAction, type Action } from '../../src/platform/auth/policy.ts';
import type { Actor, Role } from '../../src/platform/auth/actor.ts';
import { actorFor, createUser, type User } from '../../src/modules/identity/users.service.ts';
import { authenticateToken, createToken } from '../../src/modules/identity/tokens.service.ts';
import { loadLibraryReference } from '../../src/modules/library/seed.ts';
import { isUuid } from '../../src/platform/input.ts';

type Route = { method: string; url: string; action: Action; schema?: Parameters<typeof schemaFields>[0] };
type S = { type?: string; pattern?: string; format?: string; const?: unknown; enum?: unknown[]; maxLength?: number; minLength?: number; maximum?: number; minimum?: number; examples?: unknown[]; properties?: Record<string, S>; required?: string[]; items?: S; anyOf?: S[]; default?: unknown };

/** A word every canary contains, so one search finds them all. */
const COMMON = 'zqmatrix';
const INSTITUTIONS = ['NIDA', 'BRELA'] as const;
type Inst = (typeof INSTITUTIONS)[number];

interface Persona {
  name: string;
  /** The actor the app builds for pages (session) and for the API (token); null for a visitor. */
  pageActor?: Actor | null;
  apiActor?: Actor | null;
  browser?: Browser;
  token?: string | null;
}

interface Made {
  inst: Inst;
  table: string;
  kind: RecordKind | null;
  /** Null for a record with no text of its own (an assessment, an attestation): checked by its detail routes only. */
  canary: string | null;
  /** Values for route parameters: the id, and what the response's url names (slug, version…). */
  values: Record<string, string>;
  record?: unknown;
}

let t: TestApp;
before(async () => {
  t = await createTestApp();
  await loadLibraryReference(t.db);
});
after(() => t.close());

const isFree = (s: S): boolean => (s.anyOf ? s.anyOf.some(isFree) : s.type === 'string' && (!s.pattern || s.pattern === '^[^\\u0000]*$') && !s.format && s.const === undefined && s.enum === undefined);
const choices = (s: S): unknown[] => s.enum ?? s.anyOf?.flatMap((x) => (x.const !== undefined ? [x.const] : (x.enum ?? []))) ?? (s.const !== undefined ? [s.const] : []);

async function person(email: string, roles: { role: Role; institution: string | null }[]): Promise<User> {
  return createUser(systemCtxOf(t.db), { email, name: email.split('@')[0], lang: 'en', roles, password: TEST_PASSWORD });
}
async function token(user: User, scope: 'read' | 'write', inst?: Inst): Promise<{ token: string; actor: Actor }> {
  const made = await createToken(createCtx({ db: t.db, config: t.config, actor: await actorFor(t.db.orm, user, 'web') }), { name: `matrix ${scope} ${inst ?? ''}`, scope, institutionId: inst ? await institutionId(t.db, inst) : null });
  const check = await authenticateToken(t.db.orm, made.token);
  assert.ok(check.ok);
  return { token: made.token, actor: check.actor };
}
async function full(user: User): Promise<Persona> {
  const w = await token(user, 'write');
  return { name: '', pageActor: await actorFor(t.db.orm, user, 'web'), browser: await signIn(t.app, user), apiActor: w.actor, token: w.token };
}

async function pdfWith(text: string): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const page = doc.addPage();
  page.drawText(text, { x: 50, y: 700, size: 12, font: await doc.embedFont(StandardFonts.Helvetica) });
  return Buffer.from(await doc.save());
}

/** Every table with a uuid `id`: where a returned id is looked up to learn what was made. */
async function tableOf(id: string, tables: string[]): Promise<string | null> {
  for (const table of tables) if ((await t.db.query(`SELECT 1 FROM "${table}" WHERE id = $1`, [id])).length) return table;
  return null;
}

/** The text of a response, with spreadsheets unzipped. */
function textOf(res: { rawPayload: Buffer; headers: Record<string, unknown> }): string {
  const raw = res.rawPayload;
  if (raw.length > 4 && raw[0] === 0x50 && raw[1] === 0x4b) {
    try {
      return Object.values(unzipSync(new Uint8Array(raw))).map((f) => strFromU8(f)).join('\n');
    } catch {
      return raw.toString('latin1');
    }
  }
  return raw.toString('utf8');
}

test('authorization matrix: every GET route × persona × record answers as the policies say', { timeout: 600_000 }, async (tt) => {
  const started = Date.now();
  const routes = t.app.routeList as Route[];
  const uuidTables = (await t.db.query<{ table_name: string }>("SELECT table_name FROM information_schema.columns WHERE table_schema = current_schema() AND column_name = 'id' AND data_type = 'uuid' ORDER BY table_name")).map((r) => r.table_name);
  const ownedTables = new Set((await t.db.query<{ table_name: string }>("SELECT DISTINCT table_name FROM information_schema.columns WHERE table_schema = current_schema() AND column_name IN ('institution_id', 'issuer_id')")).map((r) => r.table_name));

  // 1. People. Writers hold officer and head in one institution; the personas are separate people.
  const writers = {} as Record<Writer, { token: string; browser?: Browser }>;
  for (const inst of INSTITUTIONS) {
    const u = await person(`writer.${inst.toLowerCase()}@matrix.go.tz`, [{ role: 'institution_officer', institution: inst }, { role: 'institution_head', institution: inst }]);
    writers[inst] = { token: (await token(u, 'write')).token, browser: await signIn(t.app, u) };
  }
  // The authority's reviewer and e-GA's author write what is theirs in the journeys (cycles, findings, directives, decisions; requirements).
  // The reviewer is also the 'authority reviewer' persona, so the job that opens the cycle is walked for its creator.
  const reviewer = await person('reviewer@matrix.go.tz', [{ role: 'authority_reviewer', institution: null }]);
  writers.authority = { token: (await token(reviewer, 'write')).token, browser: await signIn(t.app, reviewer) };
  writers['e-GA author'] = { token: (await token(await person('writer.ega@matrix.go.tz', [{ role: 'issuer_author', institution: 'e-GA' }]), 'write')).token };
  const personas: Persona[] = [{ name: 'visitor', pageActor: null, apiActor: null, browser: undefined, token: null }];
  const add = (name: string, p: Persona) => personas.push({ ...p, name });
  for (const inst of INSTITUTIONS) {
    add(`${inst} officer`, await full(await person(`officer.${inst.toLowerCase()}@matrix.go.tz`, [{ role: 'institution_officer', institution: inst }])));
    add(`${inst} head`, await full(await person(`head.${inst.toLowerCase()}@matrix.go.tz`, [{ role: 'institution_head', institution: inst }])));
  }
  // NIDA-only access with every NIDA grant the two-institution person holds: what their NIDA token must equal.
  add('NIDA officer+head', await full(await person('both.nida@matrix.go.tz', [{ role: 'institution_officer', institution: 'NIDA' }, { role: 'institution_head', institution: 'NIDA' }])));
  const twoHats = await person('two.hats@matrix.go.tz', INSTITUTIONS.flatMap((inst) => [{ role: 'institution_officer' as const, institution: inst }, { role: 'institution_head' as const, institution: inst }]));
  personas.push({ name: 'two-institution session', pageActor: await actorFor(t.db.orm, twoHats, 'web'), browser: await signIn(t.app, twoHats) });
  for (const [name, scope, inst] of [['personal read token', 'read'], ['personal write token', 'write'], ['NIDA service token', 'write', 'NIDA'], ['BRELA service token', 'write', 'BRELA']] as const) {
    const tok = await token(twoHats, scope, inst);
    personas.push({ name: `two-institution ${name}`, apiActor: tok.actor, token: tok.token });
  }
  add('e-GA author', await full(await person('author.ega@matrix.go.tz', [{ role: 'issuer_author', institution: 'e-GA' }])));
  add('auditor', await full(await person('auditor@matrix.go.tz', [{ role: 'auditor', institution: null }])));
  add('authority reviewer', await full(reviewer));
  add('admin', await full(await person('admin@matrix.go.tz', [{ role: 'admin', institution: null }])));

  // 2. Records: every API write route, as each institution, bodies filled from their schemas.
  const made: Made[] = [];
  const getPatterns = routes.filter((r) => r.method === 'GET' && r.url.includes(':')).map((r) => ({ names: [...r.url.matchAll(/:([A-Za-z]+)/g)].map((m) => m[1]), re: new RegExp(`^${r.url.replace(/:[A-Za-z]+/g, '([^/?]+)')}$`) }));
  let serial = 0;
  let writes = 0;
  const collections = routes.filter((r) => r.method === 'POST' && r.url.startsWith('/api/') && !r.url.includes(':'));
  const steps = routes.filter((r) => ['POST', 'PUT'].includes(r.method) && r.url.startsWith('/api/') && /\/:id(\/|$)/.test(r.url));

  function fill(s: S, name: string, j: number, canary: string, inst: Inst, ids: string[], state: { uuid: number; rev?: number }, drop: Set<string>, required: boolean): unknown {
    if (drop.has(name) && !required) return undefined;
    const refused = bumps.get(name) ?? 0;
    if (name === 'revision' && state.rev !== undefined) return state.rev;
    if (FIELD_VALUES[name] && !refused) return FIELD_VALUES[name](inst, serial, ids);
    if (isFree(s) && !refused) {
      const text = `${COMMON} ${canary}`;
      return text.length <= (s.maxLength ?? 1000) ? text : canary.slice(0, s.maxLength);
    }
    if (s.type === 'object' || s.properties) {
      return Object.fromEntries(Object.entries(s.properties ?? {}).map(([k, c]) => [k, fill(c, k, j, canary, inst, ids, state, drop, !!s.required?.includes(k))]).filter(([, v]) => v !== undefined));
    }
    if (s.type === 'array' && s.items) return s.items.properties ? [fill(s.items, name, j, canary, inst, ids, state, drop, true)] : s.examples?.[0] ?? [];
    const options = choices(s);
    if (options.length) return options[(j + refused) % options.length];
    if (s.format === 'uuid' || /Id$/.test(name)) return ids[state.uuid++] ?? s.examples?.[0];
    if (!required) return undefined;
    return s.examples?.[0] ?? s.default ?? s.minimum;
  }
  /** How often the service refused each field: a refused choice moves to the next, refused text falls back to the schema's example. */
  const bumps = new Map<string, number>();

  async function write(r: Route, inst: Inst, j: number, url: string, state: { uuid: number; rev?: number }): Promise<{ id?: string; url?: string; revision?: number } | null> {
    const canary = `zq${inst.toLowerCase()}${++serial}x`;
    const ids = made.filter((m) => m.inst === inst && ownedTables.has(m.table)).map((m) => m.values.id).reverse();
    const drop = new Set<string>();
    bumps.clear();
    for (let attempt = 0; attempt < 8; attempt++) {
      // A body that is a file (declared by content type): a one-page PDF carrying the canary.
      const fileType = Object.keys((r.schema?.body as { content?: Record<string, unknown> } | undefined)?.content ?? {}).find((k) => k.endsWith('/pdf'));
      const payload = fileType ? await pdfWith(`${COMMON} ${canary}`) : fill((r.schema?.body ?? {}) as S, '', j, canary, inst, ids, { ...state }, drop, true);
      // Free-text query fields (e.g. an uploaded file's name) carry the canary too.
      const query = new URLSearchParams(schemaFields(r.schema).filter((f) => f.in === 'querystring' && isFree(f.schema as S)).map((f) => [f.name, `${COMMON}-${canary}.pdf`]));
      writes++;
      const res = await t.app.inject({
        method: r.method as 'POST',
        url: query.size ? `${url}?${query}` : url,
        headers: { authorization: `Bearer ${writers[inst].token}`, ...(fileType ? { 'content-type': fileType } : {}) },
        payload: payload as object,
      });
      assert.ok(res.statusCode < 500, `${r.method} ${url}: ${res.statusCode} ${res.body.slice(0, 300)}`);
      if (res.statusCode < 300) {
        const out = (res.headers['content-type'] ?? '').toString().includes('json') ? (res.json() as { id?: string; url?: string; revision?: number }) : {};
        if (typeof out?.id === 'string' && !made.some((m) => m.values.id === out.id)) {
          // The writing institution's acronym names its pages (e.g. /portfolio/institutions/:acronym).
          const values: Record<string, string> = { id: out.id, acronym: inst };
          for (const p of getPatterns) {
            const m = typeof out.url === 'string' ? out.url.match(p.re) : null;
            if (m) p.names.forEach((n, i) => (values[n] ??= decodeURIComponent(m[i + 1])));
          }
          const table = await tableOf(out.id, uuidTables);
          if (table) made.push({ inst, table, kind: RECORD_KINDS.find((k) => k.table === table) ?? null, canary, values });
        }
        return out;
      }
      if (process.env.MATRIX_DEBUG) console.log(r.method, url, res.statusCode, String(JSON.stringify(payload)).slice(0, 300), res.body.slice(0, 300));
      const errs = (res.headers['content-type'] ?? '').toString().includes('json') ? ((res.json() as { errors?: { field: string }[] }).errors ?? []) : [];
      if (!errs.length) return null;
      for (const x of errs) {
        const f = x.field.split('.').pop()!;
        drop.add(f);
        bumps.set(f, (bumps.get(f) ?? 0) + 1);
      }
    }
    return null;
  }

  // Each collection's POST makes a record; the `:id` write routes that accept it (tried in route
  // order on the first) are its steps. Then one record per prefix of those steps (none, the first,
  // the first two…), so records stand in every state the API can bring them to.
  for (const inst of INSTITUTIONS) {
    for (const c of collections) {
      const first = await write(c, inst, 0, c.url, { uuid: 0 });
      if (!first?.id) continue;
      const accepted: Route[] = [];
      let rev = first.revision;
      for (const s of steps) {
        const out = await write(s, inst, 0, s.url.replace(':id', first.id), { uuid: 0, rev });
        if (!out) continue;
        accepted.push(s);
        if (out.revision !== undefined) rev = out.revision;
      }
      for (let j = 0; j < accepted.length; j++) {
        const out = await write(c, inst, j + 1, c.url, { uuid: 0 });
        if (!out?.id) break;
        let r2 = out.revision;
        for (const s of accepted.slice(0, j)) {
          const next = await write(s, inst, j + 1, s.url.replace(':id', out.id), { uuid: 0, rev: r2 });
          if (next?.revision !== undefined) r2 = next.revision;
        }
      }
    }
  }

  // Records no single write route creates, made by walking the modules' journeys (authz-journeys.ts).
  const journeyStarted = Date.now();
  const tools: JourneyTools = {
    db: t.db,
    async api(as, method, url, body, file) {
      writes++;
      const res = await t.app.inject({
        method,
        url,
        headers: { authorization: `Bearer ${writers[as].token}`, ...(file ? { 'content-type': file.type } : {}) },
        ...(file ? { payload: file.bytes } : body === undefined ? {} : { payload: body as object }),
      });
      assert.ok(res.statusCode < 300, `journey: ${as} ${method} ${url}: ${res.statusCode} ${res.body.slice(0, 400)}`);
      return res.json();
    },
    async upload(as, url, fields, file) {
      writes++;
      const b = writers[as].browser!;
      const boundary = `----matrix${serial}`;
      const part = (head: string, body: Buffer | string) => [Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; ${head}\r\n\r\n`), Buffer.from(body), Buffer.from('\r\n')];
      const csrf = csrfToken((await b.get(url)).body);
      const payload = Buffer.concat([
        ...Object.entries({ _csrf: csrf, ...fields }).flatMap(([k, v]) => part(`name="${k}"`, v)),
        ...part(`name="file"; filename="${file.name}"\r\nContent-Type: ${file.type}`, file.bytes),
        Buffer.from(`--${boundary}--\r\n`),
      ]);
      const res = await t.app.inject({ method: 'POST', url, payload, headers: { cookie: [...b.cookies].map(([k, v]) => `${k}=${v}`).join('; '), 'content-type': `multipart/form-data; boundary=${boundary}` } });
      assert.ok(res.statusCode < 400, `journey: ${as} POST ${url}: ${res.statusCode} ${res.body.slice(0, 400)}`);
      return String(res.headers.location ?? '');
    },
    async form(as, url, fields) {
      writes++;
      const res = await writers[as].browser!.post(url, fields);
      assert.ok(res.statusCode < 400, `journey: ${as} POST ${url}: ${res.statusCode} ${res.body.slice(0, 400)}`);
      return String(res.headers.location ?? '');
    },
    async runJobs() {
      await runJobsNow(t.db, { until: 'idle', config: t.config });
    },
    canary(inst) {
      const canary = `zq${inst.toLowerCase()}${++serial}x`;
      return { canary, text: `${COMMON} ${canary}` };
    },
    pdf: pdfWith,
    made(inst, id, canary, values = {}) {
      pending.push({ inst, id, canary, values });
    },
  };
  const pending: { inst: Inst; id: string; canary: string | null; values: Record<string, string> }[] = [];
  for (const journey of JOURNEYS) await journey(tools);
  // What the administration's pages read: a person (the one with grants in both institutions) and an institution.
  pending.push({ inst: 'NIDA', id: twoHats.id, canary: null, values: {} }, { inst: 'NIDA', id: await institutionId(t.db, 'NIDA'), canary: null, values: {} });
  // A numbered id (a job) is looked for in the tables of the kinds whose ids are not uuids.
  const numberedTables = RECORD_KINDS.flatMap((k) => (k.table && !uuidTables.includes(k.table) ? [k.table] : []));
  for (const p of pending) {
    const table = await tableOf(p.id, isUuid(p.id) ? uuidTables : numberedTables);
    assert.ok(table, `journey: ${p.id} is in no table`);
    made.push({ inst: p.inst, table, kind: RECORD_KINDS.find((k) => k.table === table) ?? null, canary: p.canary, values: { acronym: p.inst, ...p.values, id: p.id } });
  }
  tt.diagnostic(`journeys made ${pending.length} records in ${((Date.now() - journeyStarted) / 1000).toFixed(1)} s`);

  const unknownOwned = [...new Set(made.filter((m) => !m.kind && ownedTables.has(m.table) && !(m.table in NOT_RECORDS)).map((m) => m.table))];
  assert.deepEqual(unknownOwned, [], 'records were made in tables no entry of authz-registry.ts names');
  const records = made.filter((m) => m.kind);
  for (const m of records) m.record = await m.kind!.load(t.db, m.values);
  tt.diagnostic(`${writes} writes made ${made.length} records (${records.length} checked): ${[...new Set(records.map((m) => m.kind!.name))].join(', ')}`);
  assert.ok(records.length >= 8, 'records were made through the write routes');

  // 3. Calls.
  const problems: string[] = [];
  let calls = 0;
  const channel = (p: Persona, url: string) => (url.startsWith('/api/') ? p.token !== undefined : p.browser !== undefined || p.name === 'visitor');
  const actorOf = (p: Persona, url: string) => (url.startsWith('/api/') ? (p.apiActor ?? null) : (p.pageActor ?? null));
  const visitorBrowser = new Browser(t.app);
  async function get(p: Persona, url: string) {
    calls++;
    if (url.startsWith('/api/')) return t.app.inject({ method: 'GET', url, headers: p.token ? { authorization: `Bearer ${p.token}` } : {} });
    return (p.browser ?? visitorBrowser).get(url);
  }
  // Answers of the NIDA-only persona and of the NIDA service token, to be compared.
  const answers = new Map<string, Map<string, string>>();
  const note = (p: Persona, url: string, what: string) => {
    if (p.name !== 'NIDA officer+head' && p.name !== 'two-institution NIDA service token') return;
    const m = answers.get(p.name) ?? new Map<string, string>();
    m.set(url, what);
    answers.set(p.name, m);
  };

  /** Every canary in a response must belong to a record the persona may see. */
  function scan(p: Persona, actor: Actor | null, url: string, res: { statusCode: number }): string[] {
    if (res.statusCode !== 200) return [];
    const body = textOf(res as unknown as { rawPayload: Buffer; headers: Record<string, unknown> });
    const found: string[] = [];
    for (const m of records) {
      if (m.canary === null || !body.includes(m.canary)) continue;
      found.push(m.canary);
      const by = seenBy.get(m.canary) ?? new Set<string>();
      by.add(p.name);
      seenBy.set(m.canary, by);
      if (!m.kind!.visible(actor, m.record)) problems.push(`${p.name} GET ${url}: shows ${m.canary} (${m.kind!.name} of ${m.inst}), which the policy hides from them`);
    }
    return found.sort();
  }
  const seenBy = new Map<string, Set<string>>(); // canary → personas that found it somewhere

  // 3a. Detail routes: a route's parameters name a record of one kind.
  const detail = routes.filter((r) => r.method === 'GET' && r.url.includes(':'));
  const coveredDetail = new Set<string>();
  const visited = new Set<string>();
  for (const r of detail) {
    const names = [...r.url.matchAll(/:([A-Za-z]+)/g)].map((m) => m[1]);
    // Kinds named by the same parameters are told apart by the route's permission (RecordKind.readBy).
    const named = RECORD_KINDS.filter((k) => k.params && k.params.length === names.length && names.every((n) => k.params!.includes(n)));
    const byParams = named.find((k) => k.readBy === r.action) ?? named.find((k) => !k.readBy);
    const kindOf = (m: Made) => (names.length === 1 && names[0] === 'id' ? m.kind : byParams);
    for (const m of records) {
      const kind = kindOf(m);
      if (!kind || !names.every((n) => m.values[n])) continue;
      const record = kind === m.kind ? m.record : await kind.load(t.db, m.values);
      if (!record) continue;
      const url = r.url.replace(/:([A-Za-z]+)/g, (_x, n: string) => encodeURIComponent(m.values[n]));
      if (visited.has(url)) continue;
      visited.add(url);
      const expected = personas
        .filter((p) => channel(p, url))
        .map((p) => {
          const actor = actorOf(p, url);
          const mayRoute = can(actor, r.action);
          const visible = kind.visible(actor, record);
          const mayAct = !isWriteAction(r.action) || can(actor, r.action, { institutionId: kind.owner(record) });
          const want: 'ok' | 'refused' | 'hidden' | 'either' = !mayRoute ? 'refused' : !visible ? 'hidden' : mayAct ? 'ok' : 'either';
          return { p, actor, want };
        });
      // The personas call at once: the database works while the app renders.
      const call = (list: typeof expected) =>
        Promise.all(
          list.map(async ({ p, actor, want }) => {
            const res = await get(p, url);
            scan(p, actor, url, res);
            note(p, url, String(res.statusCode));
            return { p, status: res.statusCode, want };
          }),
        );
      // First two personas the policy lets read it (its own people and the broadest reader): a route
      // that answers neither with 200 does not read this kind (e.g. a job id page given a system id),
      // and the other personas are not called.
      const ok = expected.filter((x) => x.want === 'ok');
      const probes = ok.length ? [...new Set([ok[0], ok[ok.length - 1]])] : [];
      const first = await call(probes);
      if (probes.length && !first.some((x) => x.status === 200)) continue;
      const results = [...first, ...(await call(expected.filter((x) => !probes.includes(x))))];
      if (!results.some((x) => x.status === 200)) continue;
      coveredDetail.add(`${r.url} ${kind.name}`);
      for (const x of results) {
        const okStatus = x.status >= 200 && x.status < 300;
        const refused = [401, 403, 404].includes(x.status) || (x.status === 302 && !x.p.pageActor);
        const bad =
          (x.want === 'ok' && !okStatus) ||
          (x.want === 'hidden' && x.status !== 404) ||
          (x.want === 'refused' && !refused) ||
          (x.want === 'either' && ![403, 404].includes(x.status));
        if (bad) problems.push(`${x.p.name} GET ${url} (${kind.name} of ${m.inst}${kind === m.kind ? `, ${m.canary}` : ''}): ${x.status}, expected ${x.want === 'hidden' ? '404' : x.want}`);
      }
    }
  }

  // 3b. List, search, export and file routes without parameters: canaries only where the policy allows.
  const lists = routes.filter((r) => r.method === 'GET' && !r.url.includes(':') && r.url !== '/healthz');
  for (const r of lists) {
    const query = schemaFields(r.schema).filter((f) => f.in === 'querystring' && f.path === f.name);
    const base = new URLSearchParams();
    for (const f of query) {
      const s = f.schema as S;
      if (f.name === 'q') base.set('q', COMMON);
      else if (/^(pageSize|limit|perPage)$/.test(f.name) && typeof s.maximum === 'number' && Number.isFinite(s.maximum)) base.set(f.name, String(Math.min(s.maximum, 500)));
    }
    const urls = [base.toString() ? `${r.url}?${base}` : r.url];
    if (!base.has('q') && query.some((f) => f.name === 'q')) urls.push(r.url);
    // Filters that name an institution: each institution, as an attacker would try.
    for (const f of query) {
      const s = f.schema as S;
      if (f.name !== 'q' && s.type === 'string' && !s.format && /issuer|institution|owner|acronym/i.test(f.name)) {
        for (const inst of INSTITUTIONS) urls.push(`${r.url}?${new URLSearchParams([...base, [f.name, inst]])}`);
      }
    }
    for (const url of urls) {
      await Promise.all(
        personas
          .filter((p) => channel(p, url) && can(actorOf(p, url), r.action))
          .map(async (p) => {
            const res = await get(p, url);
            if (res.statusCode >= 500) problems.push(`${p.name} GET ${url}: ${res.statusCode}`);
            if (res.statusCode === 200) note(p, url, scan(p, actorOf(p, url), url, res).join(' '));
          }),
      );
    }
  }

  // 3c. The routes work: each record's own people and the authority find it in some list, search or export.
  for (const m of records) {
    if (m.canary === null) continue;
    for (const p of personas) {
      const actor = p.apiActor !== undefined ? p.apiActor : (p.pageActor ?? null);
      if (!m.kind!.visible(actor, m.record)) continue;
      const own = p.name.startsWith(`${m.inst} officer+head`) || p.name === `two-institution ${m.inst} service token` || /^(two-institution (session|personal)|auditor)/.test(p.name);
      if (!own) continue;
      if (!seenBy.get(m.canary)?.has(p.name)) problems.push(`${p.name} found ${m.canary} (${m.kind!.name} of ${m.inst}) in no list, search or export`);
    }
  }

  // 3d. Finding 1: the NIDA service token of the two-institution person answers as NIDA-only access does.
  const nidaOnly = answers.get('NIDA officer+head') ?? new Map();
  const svc = answers.get('two-institution NIDA service token') ?? new Map();
  for (const [url, what] of svc) if (nidaOnly.has(url) && nidaOnly.get(url) !== what) problems.push(`NIDA service token GET ${url}: ${what || '(nothing)'}; NIDA-only access: ${nidaOnly.get(url) || '(nothing)'}`);

  const detailRoutes = new Set([...coveredDetail].map((x) => x.split(' ')[0]));
  const uncovered = detail.filter((r) => !detailRoutes.has(r.url)).map((r) => r.url);
  tt.diagnostic(`${lists.length} list/search/export routes and ${detailRoutes.size} of ${detail.length} detail routes (${coveredDetail.size} route × kind pairs) × ${personas.length} personas; ${calls} calls in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  tt.diagnostic(`detail routes not walked (NOT_WALKED in authz-registry.ts): ${uncovered.join(', ')}`);
  assert.deepEqual(problems, []);
  // Every other detail route is walked: a new one fails here until a record made here names it (or NOT_WALKED says why it cannot).
  assert.deepEqual(uncovered.sort(), Object.keys(NOT_WALKED).sort(), 'detail routes that no record made here names, other than those NOT_WALKED lists');
});
