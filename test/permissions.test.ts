// The permission matrix. Part 1 states, independently of policy.ts, who may do each action, and
// checks can() against it for every role, on their own institution's resources and on another's.
// Part 2 walks the real route table: every route × every role (and visitors), through the real
// sign-in and bearer tokens, must be allowed or refused exactly as can() says. A new route or
// action cannot escape: an action missing here fails part 1, a route is walked automatically.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { ACTIONS, can, type Action } from '../src/platform/auth/policy.ts';
import { ROLES, SCOPED_ROLES, type Actor, type Role } from '../src/platform/auth/actor.ts';
import { createTestApp, ctxAs, makeUser, signIn, apiToken, csrfToken, type TestApp, Browser } from './helpers.ts';

type Who = Role | 'visitor';
interface Expect {
  /** Roles allowed everywhere. */
  any?: Who[];
  /** Roles allowed only on their own institution's resources. */
  own?: Role[];
  /** Every signed-in person. */
  signedIn?: boolean;
}

const ALL_ROLES: Who[] = ['visitor', ...ROLES];
const everyone: Expect = { any: ALL_ROLES };

const EXPECTED: Record<Action, Expect> = {
  'site:read': everyone,
  'auth:signIn': everyone,
  'account:read': { signedIn: true },
  'account:manage': { signedIn: true },
  'tokens:personal': { signedIn: true },
  'tokens:service': { any: ['admin'], own: ['institution_head'] },
  'users:read': { any: ['admin'] },
  'users:manage': { any: ['admin'] },
  'institutions:read': { any: ['admin', 'auditor', 'authority_reviewer'] },
  'institutions:manage': { any: ['admin'] },
  'audit:read': { any: ['admin', 'auditor'], own: ['institution_head'] },
  'audit:checkpoints': { any: ['admin', 'auditor'] },
  'outbox:read': { any: ['admin'] },
  'jobs:read': { any: ['admin'] },
  'jobs:manage': { any: ['admin'] },
  'admin:home': { any: ['admin', 'auditor', 'authority_reviewer'], own: ['institution_head'] },
  'library:read': everyone,
  'library:readInternal': { any: ['authority_reviewer', 'auditor'], own: ['issuer_author', 'issuer_approver', 'institution_officer', 'institution_head'] },
  'library:author': { own: ['issuer_author', 'institution_officer'] },
  'library:approve': { own: ['issuer_approver', 'institution_head'] },
  'library:comment': { any: ['authority_reviewer'], own: ['issuer_author', 'issuer_approver', 'institution_officer', 'institution_head'] },
  'library:subscribe': everyone,
  'portfolio:public': everyone,
  'portfolio:read': { any: ['authority_reviewer', 'auditor', 'admin'], own: ['institution_officer', 'institution_head'] },
  'portfolio:write': { own: ['institution_officer', 'institution_head'] },
  'portfolio:confirm': { own: ['institution_head'] },
  'portfolio:review': { any: ['authority_reviewer'] },
  'compliance:public': everyone,
  'compliance:read': { any: ['authority_reviewer', 'auditor', 'admin'], own: ['institution_officer', 'institution_head'] },
  'compliance:answer': { own: ['institution_officer', 'institution_head'] },
  'compliance:signOff': { own: ['institution_head'] },
  'compliance:remediate': { own: ['institution_officer', 'institution_head'] },
  'compliance:requirements': { own: ['issuer_author'] },
  'compliance:manage': { any: ['authority_reviewer'] },
  'compliance:review': { any: ['authority_reviewer'] },
  'reviews:read': { any: ['authority_reviewer', 'auditor', 'admin'], own: ['institution_officer', 'institution_head'] },
  'reviews:prepare': { own: ['institution_officer', 'institution_head'] },
  'reviews:submit': { own: ['institution_head'] },
  'reviews:review': { any: ['authority_reviewer'] },
  'reviews:manage': { any: ['authority_reviewer', 'admin'] },
};

const OWN = '11111111-1111-4111-8111-111111111111';
const OTHER = '22222222-2222-4222-8222-222222222222';

function persona(who: Who): Actor | null {
  if (who === 'visitor') return null;
  return {
    userId: crypto.randomUUID(),
    name: who,
    email: `${who}@x.go.tz`,
    lang: 'en',
    via: 'web',
    roles: [{ role: who, institutionId: SCOPED_ROLES.has(who) ? OWN : null, institutionAcronym: null }],
  };
}

test('policy: every action × every role × own/other institution matches the stated matrix', () => {
  const missing = Object.keys(ACTIONS).filter((a) => !(a in EXPECTED));
  assert.deepEqual(missing, [], 'every action needs a row in EXPECTED');
  const wrong: string[] = [];
  for (const action of Object.keys(ACTIONS) as Action[]) {
    const e = EXPECTED[action];
    for (const who of ALL_ROLES) {
      const actor = persona(who);
      const anywhere = !!e.any?.includes(who) || (!!e.signedIn && who !== 'visitor');
      const ownOnly = who !== 'visitor' && !!e.own?.includes(who as Role);
      const checks: [string, boolean, boolean][] = [
        ['own', can(actor, action, { institutionId: OWN }), anywhere || ownOnly],
        ['other', can(actor, action, { institutionId: OTHER }), anywhere],
        ['unscoped', can(actor, action), anywhere || ownOnly],
      ];
      for (const [where, got, want] of checks) if (got !== want) wrong.push(`${action} ${who} ${where}: got ${got}, want ${want}`);
    }
  }
  assert.deepEqual(wrong, []);
});

test('policy: a read-only token never performs a write action', () => {
  for (const [action, def] of Object.entries(ACTIONS) as [Action, { write: boolean }][]) {
    if (!def.write) continue;
    for (const who of ROLES) {
      const reader = { ...persona(who)!, tokenScope: 'read' as const };
      assert.equal(can(reader, action, { institutionId: OWN }), false, `${action} with a read token as ${who}`);
    }
  }
});

describe_routes();

function describe_routes() {
  let t: TestApp;
  const pages = new Map<Who, Browser>();
  const tokens = new Map<Who, string>();
  const actors = new Map<Who, Actor | null>();

  before(async () => {
    t = await createTestApp();
    pages.set('visitor', new Browser(t.app));
    actors.set('visitor', null);
    for (const role of ROLES) {
      const inst = SCOPED_ROLES.has(role) ? (role.startsWith('issuer') ? 'e-GA' : 'NIDA') : undefined;
      const user = await makeUser(t.db, role, inst);
      pages.set(role, await signIn(t.app, user));
      tokens.set(role, await apiToken(t.db, user, 'write'));
      const grants = await t.db.query<{ institution_id: string | null }>('SELECT institution_id FROM role_grants WHERE user_id = $1', [user.id]);
      actors.set(role, { ...persona(role)!, roles: [{ role, institutionId: grants[0].institution_id, institutionAcronym: inst ?? null }] });
    }
  });
  after(() => t.close());

  test('routes: every route × every role is allowed or refused exactly as its declared action says', async () => {
    const problems: string[] = [];
    const csrfOf = new Map<Who, string>();
    for (const who of ALL_ROLES) csrfOf.set(who, csrfToken((await pages.get(who)!.get('/password/forgot')).body));
    const routes = [...t.app.routeList].sort((a, b) => Number(a.url === '/logout') - Number(b.url === '/logout'));
    for (const r of routes) {
      const url = r.url.replace(/:[A-Za-z]+/g, '00000000-0000-4000-8000-000000000000').replace(/\*$/, 'x');
      const isApi = url.startsWith('/api/');
      for (const who of ALL_ROLES) {
        const allowed = can(actors.get(who) ?? null, r.action);
        let status: number;
        if (isApi) {
          const headers: Record<string, string> = who === 'visitor' ? {} : { authorization: `Bearer ${tokens.get(who)}` };
          const res = await t.app.inject({ method: r.method as 'GET', url, headers, ...(r.method === 'GET' || r.method === 'DELETE' ? {} : { payload: {} }) });
          status = res.statusCode;
        } else if (r.method === 'GET') {
          status = (await pages.get(who)!.get(url)).statusCode;
        } else {
          status = (await pages.get(who)!.post(url, {}, { csrf: csrfOf.get(who)! })).statusCode;
        }
        const refused = status === 401 || status === 403 || (status === 302 && who === 'visitor' && !allowed);
        if (allowed === refused) problems.push(`${r.method} ${r.url} as ${who}: status ${status}, expected ${allowed ? 'allowed' : 'refused'}`);
      }
      if (r.url === '/logout') break;
    }
    assert.deepEqual(problems, []);
  });
}

describe_own_other();

/**
 * Own versus other institution, on real records: a NIDA level-3 draft and NIDA's audit entries.
 * People of NIDA reach them; people of BRELA get 404 (as if nothing were there), not 403, so that
 * another institution's drafts cannot even be detected.
 */
function describe_own_other() {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(() => t.close());

  test('own/other institution: a NIDA draft and NIDA audit entries are visible to NIDA only', async () => {
    const { loadLibraryReference } = await import('../src/modules/library/seed.ts');
    const { buildDocument } = await import('../src/modules/library/index.ts');
    await loadLibraryReference(t.db);
    const nidaOfficer = await makeUser(t.db, 'institution_officer', 'NIDA');
    const { doc, edition } = await buildDocument(await ctxAs(t.db, nidaOfficer), { code: 'NIDA/ICT/POL/900' });
    const people = {
      own: [nidaOfficer, await makeUser(t.db, 'institution_head', 'NIDA')],
      other: [await makeUser(t.db, 'institution_officer', 'BRELA'), await makeUser(t.db, 'institution_head', 'BRELA')],
      anywhere: [await makeUser(t.db, 'auditor'), await makeUser(t.db, 'authority_reviewer')],
    };
    const pagesToCheck = [`/library/documents/${doc.slug}`, `/library/manage/editions/${edition.id}`];
    const apiToCheck = [`/api/v1/documents/${doc.slug}`, `/api/v1/documents/${doc.slug}/editions/${edition.version}`];
    const problems: string[] = [];
    for (const [group, users] of Object.entries(people)) {
      for (const u of users) {
        const b = await signIn(t.app, u);
        const token = await apiToken(t.db, u, 'read');
        for (const url of pagesToCheck) {
          const status = (await b.get(url)).statusCode;
          const ok = group === 'other' ? status === 404 : status === 200;
          if (!ok) problems.push(`${group} ${u.email} GET ${url}: ${status}`);
        }
        for (const url of apiToCheck) {
          const status = (await t.app.inject({ url, headers: { authorization: `Bearer ${token}` } })).statusCode;
          const ok = group === 'other' ? status === 404 : status === 200;
          if (!ok) problems.push(`${group} ${u.email} API ${url}: ${status}`);
        }
      }
    }
    // A visitor sees nothing either.
    for (const url of [...pagesToCheck, ...apiToCheck]) {
      const status = (await t.app.inject(url)).statusCode;
      if (status !== 404 && status !== 302) problems.push(`visitor GET ${url}: ${status}`);
    }
    // Writing to another institution's draft is refused as not found.
    const brela = await signIn(t.app, people.other[0]);
    const submit = await brela.post(`/library/manage/editions/${edition.id}/submit`, {}, { csrfFrom: '/library/manage' });
    if (submit.statusCode !== 404) problems.push(`other POST submit: ${submit.statusCode}`);
    // Audit entries: the NIDA head sees the draft's creation, the BRELA head does not.
    const nidaHead = await signIn(t.app, people.own[1]);
    const brelaHead = await signIn(t.app, people.other[1]);
    // (The event filter offers every declared code, so the entry is looked for in the table.)
    const entry = '<code class="vw-code">library.document.create</code>';
    if (!(await nidaHead.get('/admin/audit')).body.includes(entry)) problems.push('NIDA head does not see NIDA audit entry');
    if ((await brelaHead.get('/admin/audit')).body.includes(entry)) problems.push('BRELA head sees NIDA audit entry');
    assert.deepEqual(problems, []);
  });
}
