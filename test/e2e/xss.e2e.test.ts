// Stored XSS, generated from the route table (issue 13, 5c). Every payload of
// test/attacks/xss-payloads.txt is stored through every free-text field of every API write route
// (and through people's and institutions' names), then every page that shows them is loaded in
// Chromium with the Content-Security-Policy bypassed, so that only escaping stands between a
// payload and execution. A payload that runs calls xss(n), recorded by an init script; the DOM is
// searched for event-handler attributes, scripts and javascript: URLs carrying a payload; and the
// raw HTML must never contain a payload's markup verbatim. New write routes are filled the same
// way: their free-text fields receive payloads without test code.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { startE2E, type E2E } from './support.ts';
import { apiToken, Browser, makeUser, signIn, systemCtxOf, testConfig } from '../helpers.ts';
import { complianceWorld } from '../compliance-fixture.ts';
import { createCtx } from '../../src/platform/context.ts';
import { sampleProposal } from '../../src/modules/reviews/demo.ts';
import { addAttachment } from '../../src/modules/reviews/cases.service.ts';
import { PdfWriter } from '../../src/platform/pdf/index.ts';
import { challengeFinding, completePlan, raiseFinding, savePlan, submitPlan } from '../../src/modules/compliance/oversight/findings.service.ts';
import { schemaFields } from '../attacks/route-schemas.ts';
import { can, type Action } from '../../src/platform/auth/policy.ts';
import type { Actor } from '../../src/platform/auth/actor.ts';
import { actorFor, type User } from '../../src/modules/identity/users.service.ts';
import { createInstitution } from '../../src/modules/admin/institutions.service.ts';
import { loadLibraryReference } from '../../src/modules/library/seed.ts';
import { INSTITUTION_TYPES } from '../../src/modules/reference/schema.ts';

const corpus = fs.readFileSync(path.join(import.meta.dirname, '../attacks/xss-payloads.txt'), 'utf8');
const PAYLOADS = corpus
  .split('\n')
  .filter((l) => l.trim() && !l.startsWith('#'))
  .map((l, i) => l.replaceAll('XSS()', `xss(${i + 1})`));
const NO_NUL = '^[^\\u0000]*$';
// Values for fields the services check strictly (a payload there is refused with 422, which is fine).
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const SEEDS: Record<string, (n: number, url: string) => unknown> = {
  // A library document's code, or a compliance cycle's or directive's (no slashes there, unique per call).
  code: (n, url) => (url.includes('/compliance/') ? `XSS-${n}-${url.length}-${Math.floor(Math.random() * 1e6)}` : `eGA/XSS/STD/${100 + n}`),
  level: () => 2,
  kind: () => 'technical_standard',
  issuer: () => 'e-GA',
  // Compliance: dates to come, e-GA as the institution, a link that is a link.
  submissionDue: () => day(30),
  reviewDue: () => day(45),
  challengeUntil: () => day(60),
  deadline: () => day(40),
  dueOn: () => day(50),
  plannedOn: () => day(20),
  institution: () => 'e-GA',
  institutions: () => ['e-GA'],
  url: () => 'https://example.go.tz/evidence',
  // Reviews: a checklist criterion the authority keeps.
  criterion: () => 'reuse',
};

type S = { type?: string; pattern?: string; format?: string; const?: unknown; enum?: unknown; maxLength?: number; maxItems?: number; examples?: unknown[]; minimum?: number; properties?: Record<string, S>; required?: string[]; items?: S; anyOf?: S[] };
const isFree = (s: S): boolean => (s.anyOf ? s.anyOf.some(isFree) : s.type === 'string' && (!s.pattern || s.pattern === NO_NUL) && !s.format && s.const === undefined && s.enum === undefined);
const maxOf = (s: S): number => (s.anyOf ? Math.max(...s.anyOf.filter(isFree).map(maxOf)) : (s.maxLength ?? 2000));

/** Each field takes payloads from its own cursor, as many as fit, until all have been stored once. */
class Cursors {
  private next = new Map<string, number>();
  private complete = new Set<string>();
  readonly stored = new Map<string, Set<number>>();
  done(key: string) {
    return this.complete.has(key);
  }
  take(key: string, max: number, one = false): { text: string; taken: number[] } {
    let i = this.next.get(key) ?? 0;
    if (i >= PAYLOADS.length) i = 0;
    const taken: number[] = [];
    let text = '';
    while (i < PAYLOADS.length && !(one && taken.length)) {
      // A payload longer than the field can never be stored in it: pass over it.
      if (PAYLOADS[i].length > max && !taken.length) {
        i++;
        continue;
      }
      if ((text ? text.length + 1 : 0) + PAYLOADS[i].length > max) break;
      text = text ? `${text} ${PAYLOADS[i]}` : PAYLOADS[i];
      taken.push(i++);
    }
    this.next.set(key, i);
    if (i >= PAYLOADS.length) this.complete.add(key);
    return { text, taken };
  }
  keep(key: string, taken: number[]) {
    const set = this.stored.get(key) ?? new Set<number>();
    for (const n of taken) set.add(n);
    this.stored.set(key, set);
  }
}

let e: E2E;
const contexts: BrowserContext[] = [];
before(async () => {
  e = await startE2E();
  await loadLibraryReference(e.db);
});
after(async () => {
  for (const c of contexts) await c.close().catch(() => {});
  await e?.close();
});

interface Person {
  user: User;
  actor: Actor;
  token: string;
}
async function person(role: 'issuer_author' | 'issuer_approver' | 'admin' | 'institution_officer' | 'institution_head' | 'authority_reviewer'): Promise<Person> {
  const user = await makeUser(e.db, role, role === 'admin' || role === 'authority_reviewer' ? undefined : 'e-GA');
  return { user, actor: await actorFor(e.db.orm, user, 'web'), token: await apiToken(e.db, user, 'write') };
}

/** Looks for payloads that became markup: handlers, scripts, javascript: URLs. Runs in the page. */
function domFindings(): string[] {
  const out: string[] = [];
  for (const el of Array.from(document.querySelectorAll('*'))) {
    for (const a of Array.from(el.attributes)) {
      const v = a.value.replace(/\s+/g, '').toLowerCase();
      if (a.name.startsWith('on') && v.includes('xss(')) out.push(`<${el.localName} ${a.name}="${a.value.slice(0, 60)}">`);
      if (/^(href|src|action|formaction|data|xlink:href|srcdoc|content)$/.test(a.name) && (v.startsWith('javascript:') || v.includes('<script')) && v.includes('xss(')) out.push(`<${el.localName} ${a.name}="${a.value.slice(0, 60)}">`);
    }
    if (el.localName === 'script' && (el.textContent ?? '').includes('xss(')) out.push(`<script>${(el.textContent ?? '').slice(0, 60)}`);
  }
  return out;
}

async function newContext(browser: Browser, lang: 'sw' | 'en'): Promise<{ page: Page; cookie: string }> {
  const ctx = await e.browser.newContext({ bypassCSP: true });
  contexts.push(ctx);
  await ctx.addInitScript(() => {
    const w = window as unknown as { __xss: unknown[]; xss: (n: unknown) => void; alert: (x: unknown) => void };
    w.__xss = [];
    w.xss = (n) => w.__xss.push(n);
    w.alert = (n) => w.__xss.push(`alert ${String(n)}`);
  });
  const cookies = [...browser.cookies, ['lang', lang] as [string, string]];
  await ctx.addCookies(cookies.map(([name, value]) => ({ name, value, url: e.base })));
  return { page: await ctx.newPage(), cookie: cookies.map(([k, v]) => `${k}=${v}`).join('; ') };
}

test('the detector works: an unescaped payload fires and is found in the DOM', async () => {
  const ctx = await e.browser.newContext({ bypassCSP: true });
  contexts.push(ctx);
  await ctx.addInitScript(() => {
    const w = window as unknown as { __xss: unknown[]; xss: (n: unknown) => void };
    w.__xss = [];
    w.xss = (n) => w.__xss.push(n);
  });
  const page = await ctx.newPage();
  await page.goto(`${e.base}/about`);
  await page.evaluate((html) => {
    document.body.insertAdjacentHTML('beforeend', html);
  }, `${PAYLOADS[14]}<a href="javascript:xss(1)">x</a>`);
  await page.waitForFunction(() => (window as unknown as { __xss: unknown[] }).__xss.length > 0, undefined, { timeout: 5000 });
  assert.ok((await page.evaluate(domFindings)).length >= 2);
});

test('stored XSS: every payload through every free-text field, every page that shows it, in Chromium', async (t) => {
  const started = Date.now();
  assert.ok(PAYLOADS.length >= 100, `${PAYLOADS.length} payloads`);
  const author = await person('issuer_author');
  const approver = await person('issuer_approver');
  const admin = await person('admin');
  // An officer of e-GA writes e-GA's portfolio (systems, e-services, integrations).
  const officer = await person('institution_officer');
  // e-GA's head signs off, and the authority's reviewer runs cycles, reviews, findings and directives.
  const head = await person('institution_head');
  const reviewer = await person('authority_reviewer');
  const people = [author, approver, admin, officer, head, reviewer];
  const cur = new Cursors();
  // Records no API write creates (assessments come from opening a cycle): e-GA's assessment in an open
  // cycle (answered through the API) and a signed-off one (reviewed, verified on site, with findings:
  // one challenged and one whose plan is completed, for the decision and send-back routes).
  const known: Record<string, string[]> = {};
  // Records prepared here for the routes that act on them, tried after the newest records the routes make.
  const seeded = new Map<string, string[]>();
  const openWorld = await complianceWorld(e.db, { institutions: ['e-GA'], documentCode: 'eGA/XSS/CMP/001', cycleCode: 'XSS-OPEN' });
  const doneWorld = await complianceWorld(e.db, { institutions: ['e-GA'], documentCode: 'eGA/XSS/CMP/002', cycleCode: 'XSS-DONE', answers: 'mixed' });
  const signedOff = doneWorld.assessments['e-GA']!;
  await e.db.query(`UPDATE compliance_assessments SET status = 'signed_off', sampled = true, signed_off_at = now() WHERE id = $1`, [signedOff]);
  const answerOf = async (assessment: string) => (await e.db.query<{ id: string }>('SELECT id FROM compliance_answers WHERE assessment_id = $1 ORDER BY position LIMIT 1', [assessment]))[0]!.id;
  const [openAnswer, doneAnswer] = [await answerOf(openWorld.assessments['e-GA']!), await answerOf(signedOff)];
  known.answerId = [openAnswer, doneAnswer];
  known.acronym = ['e-GA'];
  SEEDS.answerId = () => doneAnswer;
  SEEDS.documentIds = () => [openWorld.documentId];
  const as = (p: Person) => createCtx({ db: e.db, config: testConfig(), actor: p.actor });
  const challenged = await raiseFinding(as(reviewer), { answerId: doneAnswer, severity: 'high', dueOn: day(50), description: 'Prepared finding' });
  await challengeFinding(as(officer), { id: challenged.id, reason: 'Prepared challenge' });
  const completed = await raiseFinding(as(reviewer), { answerId: doneAnswer, severity: 'low', dueOn: day(50), description: 'Prepared finding' });
  await savePlan(as(officer), { findingId: completed.id, ownerName: 'Owner', plan: 'Prepared plan', milestones: [{ title: 'Step', plannedOn: day(20), actualOn: day(0) }] });
  await submitPlan(as(officer), { findingId: completed.id });
  await completePlan(as(officer), { findingId: completed.id });
  // Review cases in the states the review steps act on: in review, waiting for a clarification, with a
  // deficiency open and one answered, and decided with a condition.
  const api = async (method: 'POST' | 'GET', url: string, p: Person, payload?: object) => {
    const res = await e.app.inject({ method, url, headers: { authorization: `Bearer ${p.token}` }, ...(payload ? { payload } : {}) });
    assert.ok(res.statusCode < 300, `${method} ${url}: ${res.statusCode} ${res.body.slice(0, 300)}`);
    return res.json() as { id: string; deficiencies: { id: string; status: string }[]; conditions: { id: string }[] };
  };
  const submittedCase = async (title: string) => {
    const made = await api('POST', '/api/v1/reviews/proposals', officer, {
      institution: 'e-GA',
      ...sampleProposal({ title, systemName: title, problem: 'Prepared case', capabilities: ['ADM.REC'], capex: [100, 0, 0, 0, 0], opex: [10, 10, 10, 10, 10] }),
    });
    for (const kind of ['concept_note', 'business_case', 'requirements']) await addAttachment(as(officer), { caseId: made.id, kind, fileName: `${kind}.pdf`, bytes: await (await PdfWriter.create({ title: kind, lang: 'en' })).heading(kind).bytes() });
    await api('POST', `/api/v1/reviews/proposals/${made.id}/submit`, head, {});
    return made.id;
  };
  const inReview = [await submittedCase('Prepared case one'), await submittedCase('Prepared case two'), await submittedCase('Prepared case three')];
  const waiting = await submittedCase('Prepared case four');
  await api('POST', `/api/v1/reviews/proposals/${waiting}/clarification`, reviewer, { text: 'Prepared question' });
  const withDeficiencies = await submittedCase('Prepared case five');
  await api('POST', `/api/v1/reviews/proposals/${withDeficiencies}/deficiencies`, reviewer, { text: 'Prepared deficiency one' });
  const raised = await api('POST', `/api/v1/reviews/proposals/${withDeficiencies}/deficiencies`, reviewer, { text: 'Prepared deficiency two' });
  await api('POST', `/api/v1/reviews/deficiencies/${raised.deficiencies[1]!.id}/answer`, officer, { text: 'Prepared answer' });
  const decided = await submittedCase('Prepared case six');
  const withCondition = await api('POST', `/api/v1/reviews/proposals/${decided}/decision`, reviewer, { outcome: 'approved_with_conditions', reasons: 'Prepared', conditions: [{ text: 'Prepared condition' }] });
  seeded.set('/api/v1/reviews/proposals', [...inReview, waiting]);
  seeded.set('/api/v1/reviews/deficiencies', raised.deficiencies.map((d) => d.id));
  seeded.set('/api/v1/reviews/conditions', withCondition.conditions.map((c) => c.id));

  // 1. Store through the API: every write route whose body has free-text fields, in route-table order.
  const writes = e.app.routeList.filter((r) => ['POST', 'PUT', 'PATCH'].includes(r.method) && r.url.startsWith('/api/') && schemaFields(r.schema).some((f) => f.in === 'body' && f.leaves.some((l) => isFree(l as S))));
  const ok = new Map<string, number>();
  const ctx: Record<string, unknown> = {};
  // Records made by POST to a collection (by its URL): what that collection's `:id` routes act on.
  const madeIn = new Map<string, string[]>([
    ['/api/v1/compliance/assessments', [openWorld.assessments['e-GA']!, signedOff]],
    ['/api/v1/compliance/findings', [challenged.id, completed.id]],
  ]);
  // The revision of each record made here (by id), for routes that name the revision they edit.
  const madeRevision = new Map<string, number>();
  const collectionOf = (url: string) => url.split('/:')[0]!;
  /** The values to try for each path parameter, newest record first: every combination is tried until one is accepted. */
  function paramChoices(r: { url: string }): Record<string, string>[] {
    let combos: Record<string, string>[] = [{}];
    for (const p of [...r.url.matchAll(/:([A-Za-z]+)/g)].map((m) => m[1]!)) {
      const made = p === 'id' ? [...[...(madeIn.get(collectionOf(r.url)) ?? [])].reverse().slice(0, 3), ...(seeded.get(collectionOf(r.url)) ?? [])] : [];
      const values = made.length ? [...new Set(made)] : known[p] ?? (ctx[p] === undefined ? [] : [String(ctx[p])]);
      combos = combos.flatMap((c) => values.map((v) => ({ ...c, [p]: v })));
    }
    return combos.slice(0, 8);
  }
  /** The first revision number in a 409 answer (the stored version of what the caller tried to change). */
  const revisionIn = (v: unknown): number | undefined => {
    if (!v || typeof v !== 'object') return undefined;
    if (typeof (v as { revision?: unknown }).revision === 'number') return (v as { revision: number }).revision;
    for (const x of Object.values(v)) {
      const found = revisionIn(x);
      if (found !== undefined) return found;
    }
    return undefined;
  };
  const records: Record<string, string>[] = [];
  let calls = 0;
  // A requirement revision is made by proposing from an in-force edition (no free text in that call):
  // its candidates' decisions (texts, reasons) are what the decision route stores, and its pages show them.
  {
    const [isa] = await e.db.query<{ id: string }>(`SELECT e.id FROM library_editions e JOIN library_documents d ON d.id = e.document_id WHERE d.code = 'eGA/EXT/ISA/001' AND e.status = 'in_force'`);
    const res = await e.app.inject({ method: 'POST', url: '/api/v1/compliance/revisions', headers: { authorization: `Bearer ${author.token}` }, payload: { editionId: isa.id } });
    const rev = res.json() as { id: string; items: { id: string; obligation: string | null }[] };
    const candidateId = rev.items.find((c) => c.obligation)!.id;
    madeIn.set('/api/v1/compliance/revisions', [rev.id]);
    ctx.candidateId = candidateId;
    records.push({ id: rev.id, candidateId });
  }
  const fieldKeys = () => writes.flatMap((r) => schemaFields(r.schema).filter((f) => f.in === 'body' && isFree(f.schema as S)).map((f) => `${r.method} ${r.url} ${f.path}`));

  function body(r: (typeof writes)[number], n: number, drop: Set<string>): { json: Record<string, unknown>; taken: Map<string, number[]> } {
    const taken = new Map<string, number[]>();
    const fill = (s: S, key: string, name: string, required: boolean, single: boolean): unknown => {
      if (drop.has(name)) return SEEDS[name]?.(n, r.url) ?? (required ? (ctx[name] ?? s.examples?.[0]) : undefined);
      if (isFree(s)) {
        const { text, taken: got } = cur.take(key, maxOf(s), single);
        taken.set(key, got);
        return text;
      }
      if (s.type === 'array' && s.items?.properties) {
        return Array.from({ length: Math.min(24, s.maxItems ?? 24) }, () => fill(s.items!, key, name, true, true));
      }
      if (s.properties) {
        return Object.fromEntries(Object.entries(s.properties).map(([k, c]) => [k, fill(c, `${key}.${k}`, k, !!s.required?.includes(k), single)]).filter(([, v]) => v !== undefined));
      }
      // Optional fields are left out, except those the services need to act at all (e.g. a directive's targets).
      if (!required) return SEEDS[name]?.(n, r.url);
      return SEEDS[name]?.(n, r.url) ?? ctx[name] ?? s.examples?.[0] ?? s.const ?? s.anyOf?.find((x) => x.const !== undefined)?.const ?? s.minimum;
    };
    const schema = r.schema!.body as S;
    const json = Object.fromEntries(Object.entries(schema.properties ?? {}).map(([k, c]) => [k, fill(c, `${r.method} ${r.url} ${k}`, k, !!schema.required?.includes(k), false)]).filter(([, v]) => v !== undefined));
    return { json, taken };
  }

  async function call(r: (typeof writes)[number], n: number) {
    const who = people.find((p) => can(p.actor, r.action as Action));
    if (!who) return;
    for (const params of paramChoices(r)) {
      if (Object.keys(params).length !== [...r.url.matchAll(/:([A-Za-z]+)/g)].length) return;
      const url = r.url.replace(/:([A-Za-z]+)/g, (_m, p: string) => encodeURIComponent(params[p]!));
      if (await attempt(r, n, who, url, params)) return;
    }
  }

  /** One route with one set of path parameters: true when a payload was stored. */
  async function attempt(r: (typeof writes)[number], n: number, who: Person, url: string, params: Record<string, string>): Promise<boolean> {
    const drop = new Set<string>();
    // Editing a record made here names its own revision, not the last library edition's.
    const collection = collectionOf(r.url);
    const ownRevision = params.id ? (madeRevision.get(params.id) ?? (madeIn.get(collection)?.includes(params.id) ? 1 : undefined)) : undefined;
    if (ownRevision !== undefined) ctx.revision = ownRevision;
    let conflictRetried = false;
    for (let attempt = 0; attempt < 4; attempt++) {
      const { json, taken } = body(r, n, drop);
      calls++;
      const res = await e.app.inject({ method: r.method as 'POST', url, headers: { authorization: `Bearer ${who.token}` }, payload: json });
      assert.ok(res.statusCode < 500, `${r.method} ${url}: ${res.statusCode} ${res.body.slice(0, 300)}`);
      if (res.statusCode < 300) {
        for (const [k, v] of taken) cur.keep(k, v);
        const made = res.json() as { id?: unknown; revision?: unknown } | null;
        if (r.method === 'POST' && !r.url.includes(':') && typeof made?.id === 'string') madeIn.set(r.url, [...(madeIn.get(r.url) ?? []), made.id]);
        if (typeof made?.revision === 'number' && params.id) madeRevision.set(params.id, made.revision);
        ok.set(`${r.method} ${r.url}`, (ok.get(`${r.method} ${r.url}`) ?? 0) + 1);
        const out = res.json() as { id?: string; revision?: number; url?: string; version?: string };
        const m = out.url?.match(/^\/api\/v1\/documents\/([^/]+)\/editions\/([^/]+)$/);
        if (m && out.id) {
          Object.assign(ctx, { slug: m[1], version: decodeURIComponent(m[2]), id: out.id, revision: out.revision });
          records.push({ slug: m[1], version: decodeURIComponent(m[2]), id: out.id });
        }
        return true;
      }
      // Someone (an earlier round) changed it since: try again from the version the answer names.
      if (res.statusCode === 409 && !conflictRetried) {
        const current = revisionIn(res.json());
        if (current !== undefined) {
          conflictRetried = true;
          ctx.revision = current;
          continue;
        }
      }
      const errs = (res.json() as { errors?: { field: string }[] }).errors ?? [];
      if (!errs.length) return false;
      for (const x of errs) drop.add(x.field.split('.')[0]);
    }
    return false;
  }

  let rounds = 0;
  for (let n = 0; n < 16 && fieldKeys().some((k) => !cur.done(k)); n++, rounds++) {
    for (const r of writes) await call(r, n);
    for (const r of writes.filter((x) => x.url.includes(':'))) await call(r, n);
  }

  // People and institutions have no API to write them: their names go in through the services.
  const extra: Record<string, string>[] = [];
  for (let n = 0; !cur.done('person.name'); n++) {
    const { text, taken } = cur.take('person.name', 200);
    const u = await makeUser(e.db, 'institution_officer', 'NIDA', { name: text, email: `xss${n}@test.go.tz` });
    cur.keep('person.name', taken);
    extra.push({ id: u.id });
  }
  for (let n = 0; !cur.done('institution.nameEn'); n++) {
    const en = cur.take('institution.nameEn', 200);
    const sw = cur.take('institution.nameSw', 200);
    const region = cur.take('institution.region', 100);
    const inst = await createInstitution(systemCtxOf(e.db), { acronym: `XSS${n}`, nameSw: sw.text, nameEn: en.text, type: INSTITUTION_TYPES[1], sector: 'ICT', parentId: '', region: region.text, active: 'true' });
    for (const [k, v] of [['institution.nameEn', en.taken], ['institution.nameSw', sw.taken], ['institution.region', region.taken]] as const) cur.keep(k, v);
    extra.push({ id: inst.id });
  }
  const storedIn = ((Date.now() - started) / 1000).toFixed(1);
  const unused = writes.filter((r) => !ok.get(`${r.method} ${r.url}`)).map((r) => `${r.method} ${r.url}`);
  assert.deepEqual(unused, [], 'every API write route with free-text fields stored payloads at least once');

  // 2. Load every page that shows them: page routes without parameters, and those the records fill.
  const sessions = { author: await signIn(e.app, author.user), admin: await signIn(e.app, admin.user) };
  const viewers = [
    { name: 'author', actor: author.actor, ...(await newContext(sessions.author, 'sw')) },
    { name: 'admin', actor: admin.actor, ...(await newContext(sessions.admin, 'en')) },
  ];
  const pageRoutes = e.app.routeList.filter((r) => r.method === 'GET' && !r.url.startsWith('/api/') && r.url !== '/healthz');
  const searches = ['script', 'onerror', 'svg', 'javascript', 'img', 'huduma'].map((q) => `/library?q=${q}`);
  const problems: string[] = [];
  let loads = 0;
  const seen = new Set<string>();
  const visited = new Set<string>();
  for (const v of viewers) {
    const urls = new Set<string>(searches);
    for (const r of pageRoutes) {
      if (!can(v.actor, r.action)) continue;
      const params = [...r.url.matchAll(/:([A-Za-z]+)/g)].map((m) => m[1]);
      if (!params.length) urls.add(r.url);
      for (const rec of [...records, ...extra]) if (params.length && params.every((p) => rec[p])) urls.add(r.url.replace(/:([A-Za-z]+)/g, (_m, p: string) => encodeURIComponent(rec[p])));
    }
    for (const url of urls) {
      // Each page once, seen by the first viewer who may open it (the author sees the library's drafts).
      if (visited.has(url)) continue;
      const head = await e.app.inject({ url, headers: { cookie: v.cookie } });
      if (head.statusCode !== 200 || !String(head.headers['content-type']).startsWith('text/html')) continue;
      visited.add(url);
      const res = await v.page.goto(`${e.base}${url}`, { waitUntil: 'load' });
      loads++;
      seen.add(url.replace(/[0-9a-f-]{36}|ega-xss-std-\d+|\/editions\/[^/]+/g, ':x'));
      const raw = (await res?.text()) ?? '';
      const fired = (await v.page.evaluate(() => (window as unknown as { __xss: unknown[] }).__xss)) as unknown[];
      if (fired.length) problems.push(`${v.name} ${url}: payloads ran: ${fired.join(', ')}`);
      for (const f of await v.page.evaluate(domFindings)) problems.push(`${v.name} ${url}: markup from a payload: ${f}`);
      for (const p of PAYLOADS) if (p.includes('<') && raw.includes(p)) problems.push(`${v.name} ${url}: unescaped: ${p}`);
    }
  }
  // Reflected: every payload as a search query (raw HTML only; the pages above ran in Chromium).
  for (const p of PAYLOADS) {
    const res = await e.app.inject(`/library?q=${encodeURIComponent(p)}`);
    if (p.includes('<') && res.body.includes(p)) problems.push(`reflected in /library?q=: ${p}`);
  }
  const stored = [...cur.stored.values()].reduce((a, s) => a + s.size, 0);
  const fieldsCovered = [...cur.stored.entries()].filter(([, s]) => s.size === PAYLOADS.length).length;
  t.diagnostic(`${rounds} rounds; fields not through the whole corpus: ${fieldKeys().filter((k) => !cur.done(k)).join(', ') || 'none'}`);
  t.diagnostic(
    `${PAYLOADS.length} payloads; ${writes.length} API write routes, ${calls} calls; ${cur.stored.size} fields (${fieldsCovered} with every payload), ${stored} payload×field stores; ${loads} page loads in Chromium (${seen.size} distinct page shapes); stored in ${storedIn} s, all in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  assert.deepEqual(problems, []);
});
