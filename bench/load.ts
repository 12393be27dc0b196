// A realistic mix under load, against one instance on the embedded default and one on a PostgreSQL
// server, one after the other: 200 concurrent virtual users (autocannon connections, each one a
// closed loop with no think time) split into kinds of use, all running at once for the same time:
//   visitors browsing (home, library lists and filters, framework, templates, structure, feed),
//   visitors searching (/library?q=…), visitors reading documents and editions,
//   officers signed in opening their pages (library, workbench, account, portfolio),
//   officers saving drafts (open the editor, save with its revision: one draft per user, so no 409),
//   an author publishing (new edition, submit, approve, publish: one cycle every few seconds).
// Reports requests/s and p50/p95/p99 per kind, failures (anything but 2xx/3xx, errors, timeouts),
// and the server's memory and CPU.
// Usage: node --import tsx bench/load.ts
//   SECONDS=60 USERS=200 PACE=1 ONLY='embedded|postgres' PUBLISH_EVERY=4 (seconds between publications, at least 4)
//   SERVER_NODE_ARGS='--cpu-prof --cpu-prof-dir=/tmp/prof' passes Node.js flags to the servers it starts
import autocannon from 'autocannon';
import { DEMO_PASSWORD, runViwango, sampleTree, scratchDatabase, scratchDir, settle, startViwango, type Server } from './support.ts';

const SECONDS = Number(process.env.SECONDS ?? 60);
const USERS = Number(process.env.USERS ?? 200);
/** Requests a second per virtual user at most; 0 means no think time. */
const PACE = Number(process.env.PACE ?? 1);
/** The author makes one request a second; a publication is four of them, then idle checks of /healthz. */
const PUBLISH_EVERY = Math.max(4, Number(process.env.PUBLISH_EVERY ?? 4));
const only = process.env.ONLY?.split('|');
const wanted = (name: string) => !only || only.some((o) => name.toLowerCase().includes(o.toLowerCase()));
const DEMO = 'demo.viwango.go.tz';

/** A signed-in browser for setting things up: a cookie jar over fetch, no redirects followed. */
class Client {
  cookies = new Map<string, string>();
  constructor(readonly base: string) {}
  get cookie() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
  private keep(res: Response) {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const i = pair.indexOf('=');
      this.cookies.set(pair.slice(0, i), pair.slice(i + 1));
    }
    return res;
  }
  async get(path: string) {
    const res = this.keep(await fetch(this.base + path, { headers: { cookie: this.cookie }, redirect: 'manual' }));
    return { status: res.status, body: await res.text(), location: res.headers.get('location') ?? '' };
  }
  async post(path: string, form: Record<string, string> | FormData) {
    const body = form instanceof FormData ? form : new URLSearchParams(form);
    const res = this.keep(await fetch(this.base + path, { method: 'POST', body, headers: { cookie: this.cookie, origin: this.base }, redirect: 'manual' }));
    return { status: res.status, body: await res.text(), location: res.headers.get('location') ?? '' };
  }
  /** The CSRF token of the forms on a page (the same for every form of this browser until its session changes). */
  async token(path = '/account') {
    const m = (await this.get(path)).body.match(/name="_csrf" value="([^"]+)"/);
    if (!m) throw new Error(`no CSRF token on ${path}`);
    return m[1];
  }
}

async function signIn(base: string, who: string): Promise<Client & { csrf: string }> {
  const c = new Client(base);
  const token = await c.token('/login');
  const res = await c.post('/login', { _csrf: token, email: `${who}@${DEMO}`, password: DEMO_PASSWORD });
  if (res.status !== 303) throw new Error(`sign-in of ${who}: ${res.status}`);
  return Object.assign(c, { csrf: await c.token('/account') });
}

const expect = (what: string, res: { status: number; location: string }, status = 303) => {
  if (res.status !== status) throw new Error(`${what}: ${res.status}`);
  return res.location;
};

const content = (n: number) => ({
  s0_hsw: 'Madhumuni',
  s0_hen: 'Purpose',
  s0_c0_sw: `Kifungu cha majaribio ya mzigo, toleo ${n}: taasisi zitahifadhi kumbukumbu za usalama kwa mwaka mmoja.`,
  s0_c0_en: `Load test clause, save ${n}: institutions keep security logs for one year.`,
});

/** A new level-2 document of e-GA with its first draft; returns the slug and the draft's id. */
async function newDocument(author: Client & { csrf: string }, code: string, audience: 'public' | 'internal') {
  const page = await author.get('/library/manage/new?level=2');
  const issuer = page.body.match(/<option value="([0-9a-f-]{36})"[^>]*>[^<]*e-GA/)?.[1];
  if (!issuer) throw new Error('no e-GA issuer on the new-document form');
  const form = new FormData();
  for (const [k, v] of Object.entries({ _csrf: author.csrf, code, level: '2', kind: 'technical_standard', groupCode: 'SA', issuer, audience, titleSw: `Kiwango cha majaribio ${code}`, titleEn: `Load test standard ${code}`, version: '1.0' })) form.append(k, v);
  const id = expect(`new document ${code}`, await author.post('/library/manage/new', form)).split('/').pop()!;
  return { id };
}

async function saveOnce(author: Client & { csrf: string }, id: string, n: number) {
  const editor = await author.get(`/library/manage/editions/${id}`);
  const revision = editor.body.match(/name="revision" value="(\d+)"/)![1];
  expect('save', await author.post(`/library/manage/editions/${id}`, { _csrf: author.csrf, revision, version: editor.body.match(/name="version" value="([^"]+)"/)![1], authoritativeLang: 'sw', changeSummary: `Load test save ${n}`, op: 'save', ...content(n) }));
}

/** What one connection remembers between its requests. */
interface Ctx {
  who?: number;
  draft?: { id: string; author: Client & { csrf: string } };
  revision?: string;
  version?: string;
  saves?: number;
  edition?: string;
}

interface Kind {
  name: string;
  connections: number;
  requests: autocannon.Request[];
  overallRate?: number;
}

interface Outcome {
  name: string;
  connections: number;
  total: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  failed: number;
  codes: string;
}

const pick = <T>(xs: T[]) => xs[Math.floor(Math.random() * xs.length)];
const pct = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : 0);

async function kinds(base: string, tag: string): Promise<Kind[]> {
  // What there is to read: every public document on the first pages of the library.
  const visitor = new Client(base);
  const slugs = new Set<string>();
  for (const level of [1, 2, 3]) for (const m of (await visitor.get(`/library?level=${level}`)).body.matchAll(/href="\/library\/documents\/([a-z0-9-]+)"/g)) slugs.add(m[1]);
  const docs = [...slugs];
  const editions: string[] = [];
  for (const slug of docs.slice(0, 30)) for (const m of (await visitor.get(`/library/documents/${slug}`)).body.matchAll(/href="(\/library\/documents\/[a-z0-9-]+\/editions\/[0-9.]+)"/g)) editions.push(m[1]);
  const browse = ['/', '/about', '/framework', '/library', '/library?level=1', '/library?level=2', '/library?level=3', '/library?group=SA', '/library?group=ITA', '/library?level=2&group=AA', '/library/templates', '/library/structure', '/library/feed.atom'];
  const words = ['usalama', 'taarifa', 'mifumo', 'serikali', 'mtandao', 'kumbukumbu', 'data', 'interoperability', 'security', 'cloud', 'usimamizi', 'huduma', 'tehama', 'sera', 'mwongozo', 'standard', 'policy', 'backup', 'usalma', 'taarif', 'kumbu', 'ict', 'e-government', 'architecture'];

  // Officers: a few sessions of several people, shared out among the connections.
  const officerNames = ['officer.nida', 'head.nida', 'officer.brela', 'reviewer', 'author.moh', 'approver.popsmgg'];
  const officers = await Promise.all(officerNames.map((n) => signIn(base, n)));
  const officerPages = ['/library', '/library?level=3', '/library/manage', '/account', '/portfolio', '/'];
  const usable: { cookie: string; path: string }[] = [];
  for (const o of officers) for (const p of officerPages) if ((await o.get(p)).status === 200) usable.push({ cookie: o.cookie, path: p });

  // Drafting: one draft per connection, each its own document, so two saves never race.
  const savers = Math.max(1, Math.round(USERS * 0.075));
  const authors = await Promise.all(Array.from({ length: Math.min(savers, 5) }, () => signIn(base, 'author.ega')));
  const drafts: { id: string; author: Client & { csrf: string } }[] = [];
  for (let i = 0; i < savers; i++) {
    const author = authors[i % authors.length];
    drafts.push({ id: (await newDocument(author, `BENCH/${tag}/D${i}`, 'internal')).id, author });
  }

  // Publishing: a public document with its first edition in force, then new editions in a cycle.
  const author = await signIn(base, 'author.ega');
  const approver = await signIn(base, 'approver.ega');
  const pub = await newDocument(author, `BENCH/${tag}/P`, 'public');
  await saveOnce(author, pub.id, 0);
  expect('submit', await author.post(`/library/manage/editions/${pub.id}/submit`, { _csrf: author.csrf }));
  expect('approve', await approver.post(`/library/manage/editions/${pub.id}/approve`, { _csrf: approver.csrf }));
  const published = expect('publish', await approver.post(`/library/manage/editions/${pub.id}/publish`, { _csrf: approver.csrf }));
  const pubSlug = published.split('/')[3];
  docs.push(pubSlug);

  const form = (c: { cookie: string }, fields: Record<string, string>) => ({
    method: 'POST' as const,
    headers: { cookie: c.cookie, 'content-type': 'application/x-www-form-urlencoded', origin: base },
    body: new URLSearchParams(fields).toString(),
  });
  const visitorHeaders = { 'accept-encoding': 'br, gzip' };
  const v = (share: number) => Math.max(1, Math.round(USERS * share));
  const officersShare = v(0.15);
  const rest = USERS - officersShare - savers - 1;
  let nextDraft = 0;
  let nextOfficer = 0;
  return [
    { name: 'visitor: browse', connections: Math.round(rest * 0.35), requests: [{ method: 'GET', headers: visitorHeaders, setupRequest: (r) => ({ ...r, path: pick(browse) }) }] },
    { name: 'visitor: search', connections: Math.round(rest * 0.25), requests: [{ method: 'GET', headers: visitorHeaders, setupRequest: (r) => ({ ...r, path: `/library?q=${encodeURIComponent(pick(words))}` }) }] },
    {
      name: 'visitor: read a document',
      connections: rest - Math.round(rest * 0.35) - Math.round(rest * 0.25),
      requests: [{ method: 'GET', headers: visitorHeaders, setupRequest: (r) => ({ ...r, path: Math.random() < 0.7 || !editions.length ? `/library/documents/${pick(docs)}` : pick(editions) }) }],
    },
    {
      name: 'officer: open a page',
      connections: officersShare,
      requests: [
        {
          method: 'GET',
          setupRequest: (r, context: Ctx) => {
            const who = (context.who ??= nextOfficer++);
            const mine = usable.filter((u) => u.cookie === usable[who % usable.length].cookie);
            const page = pick(mine);
            return { ...r, path: page.path, headers: { cookie: page.cookie, 'accept-encoding': 'br, gzip' } };
          },
        },
      ],
    },
    {
      name: 'officer: save a draft',
      connections: savers,
      requests: [
        {
          method: 'GET',
          setupRequest: (r, context: Ctx) => {
            context.draft ??= drafts[nextDraft++ % drafts.length];
            const d = context.draft!;
            return { ...r, path: `/library/manage/editions/${d.id}`, headers: { cookie: d.author.cookie } };
          },
          onResponse: (_status, body, context: Ctx) => {
            context.revision = body.match(/name="revision" value="(\d+)"/)?.[1] ?? '0';
            context.version = body.match(/name="version" value="([^"]+)"/)?.[1] ?? '1.0';
          },
        },
        {
          setupRequest: (r, context: Ctx) => {
            const d = context.draft!;
            context.saves = (context.saves ?? 0) + 1;
            return { ...r, path: `/library/manage/editions/${d.id}`, ...form(d.author, { _csrf: d.author.csrf, revision: String(context.revision), version: String(context.version), authoritativeLang: 'sw', changeSummary: 'Load test', op: 'save', ...content(context.saves) }) };
          },
        },
      ],
    },
    {
      name: 'author: publish an edition',
      connections: 1,
      overallRate: 1,
      requests: [
        { setupRequest: (r) => ({ ...r, path: `/library/manage/documents/${pubSlug}/editions`, ...form(author, { _csrf: author.csrf }) }), onResponse: (_s, _b, context: Ctx, headers) => void (context.edition = String(headers?.location ?? '').split('/').pop()) },
        { setupRequest: (r, context: Ctx) => ({ ...r, path: `/library/manage/editions/${context.edition}/submit`, ...form(author, { _csrf: author.csrf }) }) },
        { setupRequest: (r, context: Ctx) => ({ ...r, path: `/library/manage/editions/${context.edition}/approve`, ...form(approver, { _csrf: approver.csrf }) }) },
        { setupRequest: (r, context: Ctx) => ({ ...r, path: `/library/manage/editions/${context.edition}/publish`, ...form(approver, { _csrf: approver.csrf, reason: 'Load test: a newer edition' }) }) },
        ...Array.from({ length: PUBLISH_EVERY - 4 }, () => ({ method: 'GET' as const, path: '/healthz' })),
      ],
    },
  ];
}

function run(base: string, k: Kind): Promise<Outcome> {
  const times: number[] = [];
  const codes = new Map<number, number>();
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      { url: base, connections: k.connections, duration: SECONDS, requests: k.requests, overallRate: k.overallRate, connectionRate: k.overallRate || !PACE ? undefined : PACE, timeout: 30 },
      (err, r) => {
        if (err) return reject(err);
        times.sort((a, b) => a - b);
        const bad = [...codes].filter(([c]) => c >= 400).reduce((a, [, n]) => a + n, 0);
        resolve({
          name: k.name,
          connections: k.connections,
          total: r.requests.total,
          rps: r.requests.total / SECONDS,
          p50: pct(times, 50),
          p95: pct(times, 95),
          p99: pct(times, 99),
          failed: bad + r.errors + r.timeouts,
          codes: [...codes].sort(([a], [b]) => a - b).map(([c, n]) => `${c}×${n}`).join(' '),
        });
      },
    );
    instance.on('response', (_client, status, _bytes, ms) => {
      times.push(ms);
      codes.set(status, (codes.get(status) ?? 0) + 1);
    });
  });
}

async function drive(name: string, server: Server) {
  await settle(server.pid);
  const tag = Math.random().toString(36).slice(2, 7).toUpperCase();
  const ks = await kinds(server.url, tag);
  await settle(server.pid, 30);
  const tree = sampleTree(server.pid);
  const outcomes = await Promise.all(ks.map((k) => run(server.url, k)));
  const use = tree.stop();
  const all = outcomes.reduce((a, o) => a + o.total, 0);
  process.stderr.write(`${name}: ${(all / SECONDS).toFixed(0)} requests/s\n`);
  return { name, outcomes, use, rps: all / SECONDS, failed: outcomes.reduce((a, o) => a + o.failed, 0), users: ks.reduce((a, k) => a + k.connections, 0) };
}

const results: Awaited<ReturnType<typeof drive>>[] = [];
const data = scratchDir('viwango-bench-load-');
const pgdb = wanted('postgres') ? await scratchDatabase('viwango_bench_load') : undefined;
try {
  if (wanted('embedded')) {
    const s = await startViwango({ DATA_DIR: data.dir });
    try {
      results.push(await drive('embedded default', s));
    } finally {
      await s.stop();
    }
  }
  if (pgdb) {
    await runViwango(['seed', '--demo'], { DATABASE_URL: pgdb.url });
    const s = await startViwango({ DATABASE_URL: pgdb.url, DATA_DIR: data.dir });
    try {
      results.push(await drive('PostgreSQL server', s));
    } finally {
      await s.stop();
    }
  }
} finally {
  await pgdb?.drop();
  data.remove();
}

for (const r of results) {
  console.log(`\n**${r.name}**: ${r.users} virtual users for ${SECONDS} s, ${PACE ? `at most ${PACE} request(s) a second each` : 'no think time'}; ${r.rps.toFixed(0)} requests/s in all, ${r.failed} failed; server CPU ${r.use.cpuPercent.toFixed(0)} % of one core, memory (RSS summed over the tree) ${r.use.meanRss.toFixed(0)} MiB mean, ${r.use.peakRss.toFixed(0)} MiB peak\n`);
  console.log('| kind | users | requests | requests/s | p50 ms | p95 ms | p99 ms | failed | status codes |');
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|---|');
  for (const o of r.outcomes) console.log(`| ${o.name} | ${o.connections} | ${o.total} | ${o.rps.toFixed(1)} | ${o.p50} | ${o.p95} | ${o.p99} | ${o.failed} | ${o.codes} |`);
}
