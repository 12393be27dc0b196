// Library search and document pages at scale: generates a synthetic library (default 5,000
// documents, 15,000 editions, ~10 KB of text each) straight into the tables in the shape
// indexing.ts writes, then times search (bare SQL, service, app.inject, real HTTP) and the
// document pages (HTML and API over HTTP, beside the bare SQL the page runs).
//
// Usage: node --import tsx bench/library.ts
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/  server to use (a fresh viwango_bench_<random> database is
//                                                   created there and dropped at the end); this is the default
//   EMBEDDED=1      use embedded PGlite in a temporary folder instead
//   DOCS=5000       documents (3 editions each)
//   SAMPLES=300     timed samples per search query and path (after WARMUP=30)
//   SECONDS=10      duration of each document-page throughput run; CLIENTS=4 concurrent clients
//   KEEP=1          keep the database (prints its name) instead of dropping it
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { buildApp } from '../src/app.ts';
import { openDatabase, type Database } from '../src/platform/db/database.ts';
import { migrate } from '../src/platform/db/migrate.ts';
import { loadReferenceData } from '../src/modules/reference/seed.ts';
import { catalogs } from '../src/messages.ts';
import { sampleContent } from '../src/modules/library/sample.ts';
import { contentLangs, contentText } from '../src/modules/library/content.ts';
import { normalise, queryTerms, vocabulary } from '../src/modules/library/text.ts';
import { search, searchSql, type SearchFilters } from '../src/modules/library/search.service.ts';
import { LEVEL_KINDS, slugOf } from '../src/modules/library/rules.ts';
import type { Section } from '../src/modules/library/schema.ts';
import { testConfig } from '../test/helpers.ts';
import { createCtx } from '../src/platform/context.ts';

const DOCS = Number(process.env.DOCS ?? 5000);
const SAMPLES = Number(process.env.SAMPLES ?? 300);
const WARMUP = Number(process.env.WARMUP ?? 30);
const SECONDS = Number(process.env.SECONDS ?? 10);
const CLIENTS = Number(process.env.CLIENTS ?? 4);
const EMBEDDED = process.env.EMBEDDED === '1';
const KEEP = process.env.KEEP === '1';
const ONLY = process.env.ONLY ?? ''; // 'search' or 'pages' to run one part
const MAX_BODY = 400_000; // as indexing.ts
const hardStop = setTimeout(() => {
  console.error('bench: still running after 20 minutes, giving up');
  process.exit(2);
}, 20 * 60_000);
hardStop.unref();

// ---------------------------------------------------------------------------------------------
// Deterministic randomness, so runs are comparable.
let seed = 0x9e3779b9;
function rnd(): number {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
function uuid(): string {
  return crypto.randomUUID();
}

// ---------------------------------------------------------------------------------------------
// Vocabulary: words of our own message catalogs and sample text, plus generated Kiswahili-like words.
function wordsOf(texts: string[]): string[] {
  const out = new Set<string>();
  for (const t of texts) for (const w of normalise(t.replace(/\{[^}]*\}/g, ' ')).split(' ')) if (/^[a-z]{3,16}$/.test(w)) out.add(w);
  return [...out];
}
const sampleSections = sampleContent({ titleSw: 'x', titleEn: 'x', kind: 'guideline' });
const catalogSw = Object.values(catalogs).flatMap((c) => Object.values(c.sw as Record<string, string>));
const catalogEn = Object.values(catalogs).flatMap((c) => Object.values(c.en as Record<string, string>));
const enWords = wordsOf([...catalogEn, ...sampleSections.flatMap((s) => [s.headingEn, ...s.clauses.map((c) => c.textEn)])]);
const swBase = wordsOf([...catalogSw, ...sampleSections.flatMap((s) => [s.headingSw, ...s.clauses.map((c) => c.textSw)])]);
const syllables = ['ba', 'cha', 'da', 'fa', 'ga', 'ha', 'ja', 'ka', 'la', 'ma', 'na', 'nya', 'pa', 'ra', 'sa', 'ta', 'wa', 'ya', 'za', 'mba', 'nda', 'ngi', 'shi', 'ki', 'mi', 'ni', 'li', 'ti', 'ku', 'mu', 'tu', 'zu', 'bo', 'ko', 'mo', 'to', 'e', 'i', 'u', 'o'];
const swSet = new Set(swBase);
while (swSet.size < swBase.length + 4000) {
  const n = 2 + Math.floor(rnd() * 3);
  let w = '';
  for (let i = 0; i < n; i++) w += pick(syllables);
  if (w.length >= 4) swSet.add(w);
}
// Put the words the queries use near the top of the frequency ranking (they are common words).
const common = ['taarifa', 'usalama', 'mifumo', 'taasisi', 'kumbukumbu', 'huduma', 'serikali'];
const swWords = [...common, ...[...swSet].filter((w) => !common.includes(w))];
// Rare words, each put into a handful of editions.
const rareWords = Array.from({ length: 200 }, (_, i) => `nadra${String.fromCharCode(97 + (i % 26))}${String.fromCharCode(97 + Math.floor(i / 26))}kipekee`);

/** Zipf sampler (s = 1) over a list, by binary search on the cumulative weights. */
function zipf(words: string[]): () => string {
  const cum = new Float64Array(words.length);
  let acc = 0;
  for (let i = 0; i < words.length; i++) cum[i] = acc += 1 / (i + 3);
  return () => {
    const x = rnd() * acc;
    let lo = 0;
    let hi = words.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cum[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return words[lo];
  };
}
const swWord = zipf(swWords);
const enWord = zipf(enWords);
function sentence(word: () => string, n: number): string {
  const ws = Array.from({ length: n }, word);
  ws[0] = ws[0][0].toUpperCase() + ws[0].slice(1);
  if (n > 8) ws[Math.floor(n / 2)] += ',';
  return ws.join(' ') + '.';
}
const para = (word: () => string) => sentence(word, 8 + Math.floor(rnd() * 10)) + ' ' + sentence(word, 6 + Math.floor(rnd() * 10));

// ---------------------------------------------------------------------------------------------
// Synthetic documents and editions.
interface Doc {
  id: string;
  code: string;
  slug: string;
  level: number;
  kind: string;
  role: 'parent' | 'related';
  parentId: string | null;
  groupCode: string | null;
  sector: string | null;
  issuerId: string;
  audience: 'public' | 'internal';
  titleSw: string;
  titleEn: string;
  summarySw: string;
  summaryEn: string;
  langs: 'both' | 'sw' | 'en';
}

function makeContent(langs: Doc['langs']): Section[] {
  const sections: Section[] = [];
  const nSections = 6 + Math.floor(rnd() * 3);
  for (let s = 0; s < nSections; s++) {
    const clauses = [];
    const nClauses = 3 + Math.floor(rnd() * 3);
    for (let c = 0; c < nClauses; c++) {
      clauses.push({
        id: crypto.randomBytes(6).toString('base64url'),
        textSw: langs === 'en' ? '' : para(swWord),
        textEn: langs === 'sw' ? '' : para(enWord),
      });
    }
    sections.push({
      id: crypto.randomBytes(6).toString('base64url'),
      headingSw: langs === 'en' ? '' : sentence(swWord, 2 + Math.floor(rnd() * 3)).slice(0, -1),
      headingEn: langs === 'sw' ? '' : sentence(enWord, 2 + Math.floor(rnd() * 3)).slice(0, -1),
      clauses,
    });
  }
  return sections;
}

/** The next edition: the same sections with about one clause in eight rewritten, sometimes one added. */
function revise(content: Section[], langs: Doc['langs']): Section[] {
  const out = content.map((s) => ({
    ...s,
    clauses: s.clauses.map((c) => (rnd() < 0.125 ? { ...c, textSw: langs === 'en' ? '' : para(swWord), textEn: langs === 'sw' ? '' : para(enWord) } : c)),
  }));
  if (rnd() < 0.3) pick(out).clauses.push({ id: crypto.randomBytes(6).toString('base64url'), textSw: langs === 'en' ? '' : para(swWord), textEn: langs === 'sw' ? '' : para(enWord) });
  return out;
}

interface Ref {
  institutions: { id: string; acronym: string; type: string; nameEn: string }[];
  groups: { code: string; nameSw: string; nameEn: string }[];
}

function makeDocs(n: number, ref: Ref): Doc[] {
  const by = (a: string) => ref.institutions.find((i) => i.acronym === a)!;
  const ega = by('e-GA');
  const psmgg = by('PO-PSMGG');
  const ministries = ref.institutions.filter((i) => i.type === 'ministry');
  const docs: Doc[] = [];
  const parents: Record<number, Doc[]> = { 1: [], 2: [], 3: [] };
  for (let i = 0; i < n; i++) {
    const r = rnd();
    const level = r < 0.1 ? 1 : r < 0.5 ? 2 : 3;
    const kind = pick(LEVEL_KINDS[level as 1 | 2 | 3]) as string;
    let issuer = ega;
    let sector: string | null = null;
    if (level === 1) {
      if (kind === 'sector_guideline') {
        issuer = pick(ministries);
        sector = issuer.nameEn.split(' ').slice(-2).join(' ');
      } else issuer = psmgg;
    } else if (level === 3) {
      if (kind !== 'template') issuer = pick(ref.institutions);
    }
    const group = level === 2 || rnd() < 0.3 ? pick(ref.groups) : null;
    const audience: Doc['audience'] = level === 3 && kind !== 'template' && rnd() < 0.7 ? 'internal' : 'public';
    const sameLevel = parents[level].filter((p) => p.issuerId === issuer.id || level !== 3);
    const related = sameLevel.length > 0 && rnd() < 0.3;
    const code = `BENCH/${issuer.acronym.replace(/[^A-Za-z0-9]/g, '')}/L${level}/${kind.slice(0, 4).toUpperCase()}/${String(i + 1).padStart(5, '0')}`;
    const tSw = sentence(swWord, 3 + Math.floor(rnd() * 4)).slice(0, -1);
    const tEn = sentence(enWord, 3 + Math.floor(rnd() * 4)).slice(0, -1);
    const d: Doc = {
      id: uuid(),
      code,
      slug: slugOf(code),
      level,
      kind,
      role: related ? 'related' : 'parent',
      parentId: related ? pick(sameLevel.slice(-50)).id : null,
      groupCode: group?.code ?? null,
      sector,
      issuerId: issuer.id,
      audience,
      titleSw: `${group ? group.nameSw + ': ' : ''}${tSw}`,
      titleEn: `${group ? group.nameEn + ': ' : ''}${tEn}`,
      summarySw: sentence(swWord, 12 + Math.floor(rnd() * 10)),
      summaryEn: sentence(enWord, 12 + Math.floor(rnd() * 10)),
      langs: rnd() < 0.85 ? 'both' : rnd() < 0.66 ? 'sw' : 'en',
    };
    if (!related) parents[level].push(d);
    docs.push(d);
  }
  return docs;
}

interface EditionRow {
  id: string;
  documentId: string;
  version: string;
  status: string;
  effectiveDate: string | null;
  nextReviewDate: string | null;
  changeSummary: string;
  lang: 'sw' | 'en';
  content: Section[];
  statusReason: string | null;
  publishedAt: string | null;
  endedAt: string | null;
  createdAt: string;
}

function makeEditions(d: Doc, rare: Map<number, string[]>, index: number): EditionRow[] {
  const base = Date.UTC(2015, 0, 1) + Math.floor(rnd() * 6 * 365) * 86400_000;
  const day = (n: number) => new Date(base + n * 86400_000).toISOString().slice(0, 10);
  const ts = (n: number) => new Date(base + n * 86400_000).toISOString();
  const v1 = makeContent(d.langs);
  const v2 = revise(v1, d.langs);
  const v3 = revise(v2, d.langs);
  const third = pick(['draft', 'draft', 'in_review', 'approved', 'withdrawn'] as const);
  const lang = d.langs === 'en' ? 'en' : 'sw';
  // The rare words: appended to a clause of the in-force edition of a few documents.
  for (const w of rare.get(index) ?? []) {
    const c = pick(pick(v2).clauses);
    if (c.textSw) c.textSw += ` ${w}.`;
    else c.textEn += ` ${w}.`;
  }
  const eds: EditionRow[] = [
    { id: uuid(), documentId: d.id, version: '1.0', status: 'superseded', effectiveDate: day(30), nextReviewDate: null, changeSummary: 'Toleo la kwanza. First edition.', lang, content: v1, statusReason: 'Imebadilishwa na toleo 2.0. Replaced by 2.0.', publishedAt: ts(30), endedAt: ts(700), createdAt: ts(0) },
    { id: uuid(), documentId: d.id, version: '2.0', status: third === 'withdrawn' ? 'withdrawn' : 'in_force', effectiveDate: day(700), nextReviewDate: day(700 + 3 * 365), changeSummary: sentence(swWord, 8) + ' ' + sentence(enWord, 8), lang, content: v2, statusReason: third === 'withdrawn' ? 'Imeondolewa. Withdrawn pending review.' : null, publishedAt: ts(700), endedAt: third === 'withdrawn' ? ts(1500) : null, createdAt: ts(650) },
  ];
  if (third !== 'withdrawn') {
    eds.push({ id: uuid(), documentId: d.id, version: '3.0', status: third, effectiveDate: null, nextReviewDate: null, changeSummary: sentence(swWord, 8) + ' ' + sentence(enWord, 8), lang, content: v3, statusReason: null, publishedAt: null, endedAt: null, createdAt: ts(1400) });
  } else {
    // Withdrawn documents keep a third edition too: a draft that replaces it.
    eds.push({ id: uuid(), documentId: d.id, version: '3.0', status: 'draft', effectiveDate: null, nextReviewDate: null, changeSummary: sentence(swWord, 8), lang, content: v3, statusReason: null, publishedAt: null, endedAt: null, createdAt: ts(1450) });
  }
  return eds;
}

// ---------------------------------------------------------------------------------------------
// Loading: documents first (so parents exist), then editions and their search rows in batches
// (arrays through unnest, one statement per table per batch), then the word list.

/** A JS array as a PostgreSQL array literal for text[] (or uuid[], date[] …) parameters; null stays NULL. */
function arr(items: (string | number | null)[]): string {
  return `{${items.map((x) => (x === null ? 'NULL' : `"${String(x).replace(/["\\]/g, (c) => `\\${c}`)}"`)).join(',')}}`;
}

async function insertDocuments(db: Database, docs: Doc[]) {
  for (let i = 0; i < docs.length; i += 1000) {
    const b = docs.slice(i, i + 1000);
    const col = <K extends keyof Doc>(k: K) => arr(b.map((d) => d[k] as string | number | null));
    await db.query(
      `INSERT INTO library_documents (id, code, slug, level, kind, role, parent_id, group_code, sector, issuer_id, audience, title_sw, title_en, summary_sw, summary_en)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::int[], $5::text[], $6::text[], $7::uuid[], $8::text[], $9::text[], $10::uuid[], $11::text[], $12::text[], $13::text[], $14::text[], $15::text[])`,
      [col('id'), col('code'), col('slug'), col('level'), col('kind'), col('role'), col('parentId'), col('groupCode'), col('sector'), col('issuerId'), col('audience'), col('titleSw'), col('titleEn'), col('summarySw'), col('summaryEn')],
    );
  }
  // Implements links: level-3 documents trace to one to three level-1/2 documents.
  const targets = docs.filter((d) => d.level !== 3);
  const from: string[] = [];
  const to: string[] = [];
  for (const d of docs) {
    if (d.level !== 3) continue;
    const n = 1 + Math.floor(rnd() * 3);
    const seen = new Set<string>();
    for (let k = 0; k < n; k++) {
      const t = pick(targets).id;
      if (seen.has(t)) continue;
      seen.add(t);
      from.push(d.id);
      to.push(t);
    }
  }
  await db.query('INSERT INTO library_links (document_id, target_id) SELECT * FROM unnest($1::uuid[], $2::uuid[])', [arr(from), arr(to)]);
}

async function insertBatch(db: Database, docs: Doc[], eds: EditionRow[], words: Set<string>): Promise<number> {
  const byId = new Map(docs.map((d) => [d.id, d]));
  const search = eds.map((e) => {
    const d = byId.get(e.documentId)!;
    // Exactly what indexEditions() computes.
    const head = [d.code, d.titleSw, d.titleEn, d.summarySw, d.summaryEn].join('\n');
    const body = [head, e.changeSummary, contentText(e.content), ''].join('\n').slice(0, MAX_BODY);
    const normBody = normalise(body);
    const langs: string[] = contentLangs(e.content);
    if (langs.length === 0) langs.push('sw', 'en');
    for (const w of vocabulary(normBody)) words.add(w);
    return { body, normBody, normHead: normalise(head), langs: arr(langs) };
  });
  const col = <K extends keyof EditionRow>(k: K) => arr(eds.map((e) => e[k] as string | null));
  await db.query(
    `INSERT INTO library_editions (id, document_id, version, status, effective_date, next_review_date, change_summary, authoritative_lang, content, status_reason, published_at, ended_at, created_at, updated_at, submitted_at, approved_at)
     SELECT id, doc, v, st, eff, nrd, cs, lang, content::jsonb, reason, pub, ended, created, created,
       CASE WHEN st <> 'draft' THEN created END, CASE WHEN st IN ('approved','in_force','superseded','withdrawn') THEN created END
     FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::date[], $6::date[], $7::text[], $8::text[], $9::text[], $10::text[], $11::timestamptz[], $12::timestamptz[], $13::timestamptz[])
       AS u(id, doc, v, st, eff, nrd, cs, lang, content, reason, pub, ended, created)`,
    [col('id'), col('documentId'), col('version'), col('status'), col('effectiveDate'), col('nextReviewDate'), col('changeSummary'), col('lang'), arr(eds.map((e) => JSON.stringify(e.content))), col('statusReason'), col('publishedAt'), col('endedAt'), col('createdAt')],
  );
  await db.query(
    `INSERT INTO library_search (edition_id, document_id, status, audience, issuer_id, level, group_code, kind, langs, head_tsv, body_tsv, body)
     SELECT u.id, d.id, u.st, d.audience, d.issuer_id, d.level, d.group_code, d.kind, u.langs::text[], to_tsvector('simple', u.head), to_tsvector('simple', u.norm), u.body
     FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[]) AS u(id, doc, st, langs, head, norm, body)
     JOIN library_documents d ON d.id = u.doc`,
    [col('id'), col('documentId'), col('status'), arr(search.map((s) => s.langs)), arr(search.map((s) => s.normHead)), arr(search.map((s) => s.normBody)), arr(search.map((s) => s.body))],
  );
  return search.reduce((n, s) => n + s.body.length, 0);
}

async function generate(db: Database) {
  const t0 = performance.now();
  const ref: Ref = {
    institutions: await db.query('SELECT id, acronym, type, name_en AS "nameEn" FROM institutions ORDER BY acronym'),
    groups: await db.query('SELECT code, name_sw AS "nameSw", name_en AS "nameEn" FROM architecture_groups ORDER BY code'),
  };
  const docs = makeDocs(DOCS, ref);
  await insertDocuments(db, docs);
  const rare = new Map<number, string[]>();
  for (const w of rareWords) for (let k = 0; k < 5; k++) {
    const i = Math.floor(rnd() * docs.length);
    rare.set(i, [...(rare.get(i) ?? []), w]);
  }
  const words = new Set<string>();
  const BATCH = 100;
  let bytes = 0;
  let nEditions = 0;
  // Two batches in flight on a server (its work is mostly to_tsvector; Node generates the next batch meanwhile).
  const inflight: Promise<void>[] = [];
  for (let i = 0; i < docs.length; i += BATCH) {
    const b = docs.slice(i, i + BATCH);
    const eds = b.flatMap((d, k) => makeEditions(d, rare, i + k));
    nEditions += eds.length;
    const p = insertBatch(db, b, eds, words).then((n) => {
      bytes += n;
    });
    inflight.push(p);
    if (inflight.length >= (db.kind === 'embedded' ? 1 : 2)) await inflight.shift();
    if ((i / BATCH) % 10 === 0) process.stdout.write(`\r  generating: ${i + b.length}/${docs.length} documents`);
  }
  await Promise.all(inflight);
  process.stdout.write('\n');
  const all = [...words];
  for (let i = 0; i < all.length; i += 20_000) {
    await db.query('INSERT INTO library_words (word) SELECT unnest($1::text[]) ON CONFLICT DO NOTHING', [arr(all.slice(i, i + 20_000))]);
  }
  const tLoad = performance.now() - t0;
  // VACUUM as well: otherwise autovacuum starts on the fresh 300 MB table in the middle of the measurements.
  await db.query('VACUUM ANALYZE');
  const tAll = performance.now() - t0;
  const sizes = await db.query<{ t: string; rows: string; size: string }>(
    `SELECT c.relname AS t, c.reltuples::bigint::text AS rows, pg_size_pretty(pg_total_relation_size(c.oid)) AS size
     FROM pg_class c WHERE c.relname IN ('library_documents','library_editions','library_search','library_words','library_links') ORDER BY c.relname`,
  );
  const dbSize = await db.query<{ s: string }>('SELECT pg_size_pretty(pg_database_size(current_database())) AS s');
  return { docs, nEditions, bytes, words: all.length, tLoad, tAll, sizes, dbSize: dbSize[0].s };
}

// ---------------------------------------------------------------------------------------------
// Timing helpers.
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};
const f1 = (x: number) => (x < 10 ? x.toFixed(2) : x.toFixed(1));

async function timeit(fn: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

interface QueryCase {
  name: string;
  q: string;
  f: SearchFilters;
}

function qs(c: QueryCase): string {
  const u = new URLSearchParams({ q: c.q });
  if (c.f.level) u.set('level', String(c.f.level));
  return u.toString();
}

async function benchSearch(db: Database, app: Awaited<ReturnType<typeof buildApp>>, base: string, cases: QueryCase[]) {
  const rows: string[] = [];
  const summary: { name: string; sqlP95: number; httpP95: number; ratio50: number; ratio95: number; total: number }[] = [];
  for (const c of cases) {
    const terms = queryTerms(c.q);
    const { text, params } = searchSql(terms, null, c.f, 20, 0);
    const url = `/api/v1/search?${qs(c)}`;
    const paths: Record<string, () => Promise<unknown>> = {
      sql: () => db.query(text, params),
      service: () => search(createCtx({ db, config: testConfig() }), c.q, c.f),
      inject: async () => {
        const r = await app.inject({ method: 'GET', url });
        if (r.statusCode !== 200) throw new Error(`${url}: ${r.statusCode} ${r.body.slice(0, 200)}`);
      },
      http: async () => {
        const r = await fetch(base + url);
        if (r.status !== 200) throw new Error(`${url}: ${r.status}`);
        await r.arrayBuffer();
      },
    };
    const names = Object.keys(paths);
    const times: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
    for (let i = 0; i < WARMUP + SAMPLES; i++) {
      // Interleaved, in a rotating order, so drift and caching affect every path alike.
      for (let k = 0; k < names.length; k++) {
        const n = names[(i + k) % names.length];
        const t = await timeit(paths[n]);
        if (i >= WARMUP) times[n].push(t);
      }
    }
    const res = await search(createCtx({ db, config: testConfig() }), c.q, c.f);
    const p = (n: string, q: number) => pct(times[n], q);
    for (const n of names) {
      rows.push(`| ${c.name} | \`${c.q}\`${c.f.level ? ` level=${c.f.level}` : ''} | ${n} | ${f1(p(n, 50))} | ${f1(p(n, 95))} | ${f1(p(n, 99))} | ${n === 'sql' ? '' : `${(p(n, 50) / p('sql', 50)).toFixed(2)}× / ${(p(n, 95) / p('sql', 95)).toFixed(2)}×`} |`);
    }
    summary.push({ name: c.name, sqlP95: p('sql', 95), httpP95: p('http', 95), ratio50: p('http', 50) / p('sql', 50), ratio95: p('http', 95) / p('sql', 95), total: res.total });
    console.log(`  ${c.name.padEnd(18)} total=${String(res.total).padStart(5)} alt=[${res.alternatives.join(',')}]  sql p50/p95 ${f1(p('sql', 50))}/${f1(p('sql', 95))} ms  http p50/p95 ${f1(p('http', 50))}/${f1(p('http', 95))} ms`);
  }
  return { rows, summary };
}

/** The statements documentView() runs for an anonymous reader, in the same order, as plain SQL. */
async function documentSql(db: Database, slug: string) {
  const [doc] = await db.query<{ id: string; issuer_id: string; group_code: string | null; parent_id: string | null; template_edition_id: string | null; audience: string }>(
    'SELECT * FROM library_documents WHERE slug = $1 OR lower(code) = lower($2) LIMIT 1',
    [slug, slug],
  );
  if (!doc || doc.audience !== 'public') throw new Error(`not visible: ${slug}`);
  await db.query('SELECT * FROM library_editions WHERE document_id = $1 ORDER BY created_at DESC', [doc.id]);
  await db.query('SELECT acronym, name_sw, name_en FROM institutions WHERE id = $1', [doc.issuer_id]);
  if (doc.group_code) await db.query('SELECT code, name_sw, name_en FROM architecture_groups WHERE code = $1', [doc.group_code]);
  const seeable = async (ids: string[]) => {
    if (ids.length === 0) return;
    await db.query('SELECT * FROM library_documents WHERE id = ANY($1::uuid[]) ORDER BY code', [arr(ids)]);
    await db.query("SELECT document_id FROM library_editions WHERE document_id = ANY($1::uuid[]) AND status IN ('in_force','superseded','withdrawn')", [arr(ids)]);
  };
  if (doc.parent_id) await seeable([doc.parent_id]);
  const children = await db.query<{ id: string }>('SELECT id FROM library_documents WHERE parent_id = $1', [doc.id]);
  const impl = await db.query<{ id: string }>('SELECT target_id AS id FROM library_links WHERE document_id = $1', [doc.id]);
  const by = await db.query<{ id: string }>('SELECT document_id AS id FROM library_links WHERE target_id = $1', [doc.id]);
  await seeable(children.map((r) => r.id));
  await seeable(impl.map((r) => r.id));
  await seeable(by.map((r) => r.id));
}

async function throughput(name: string, slugs: string[], fn: (slug: string) => Promise<void>) {
  const lat: number[] = [];
  // Warm-up
  for (let i = 0; i < 50; i++) await fn(pick(slugs));
  const end = performance.now() + SECONDS * 1000;
  const t0 = performance.now();
  let n = 0;
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (performance.now() < end) {
        const t = performance.now();
        await fn(pick(slugs));
        lat.push(performance.now() - t);
        n++;
      }
    }),
  );
  const secs = (performance.now() - t0) / 1000;
  const row = { name, rps: n / secs, p50: pct(lat, 50), p95: pct(lat, 95), n };
  console.log(`  ${name.padEnd(34)} ${row.rps.toFixed(0).padStart(6)} req/s  p50 ${f1(row.p50)} ms  p95 ${f1(row.p95)} ms  (${n} requests)`);
  return row;
}

// ---------------------------------------------------------------------------------------------
async function main() {
  let db: Database;
  let cleanup: () => Promise<void>;
  let where: string;
  if (EMBEDDED) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'viwango-bench-lib-'));
    db = await openDatabase({ dataDir: dir });
    where = `embedded PGlite (${dir})`;
    cleanup = async () => {
      await db.close();
      if (!KEEP) fs.rmSync(dir, { recursive: true, force: true });
    };
  } else {
    const url = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/';
    const u = new URL(url);
    if (!['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname)) throw new Error('the bench only connects to a local server (127.0.0.1)');
    const name = `viwango_bench_${crypto.randomBytes(5).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    u.pathname = `/${name}`;
    db = await openDatabase({ databaseUrl: u.toString(), poolSize: 10 });
    const ver = await db.query<{ v: string }>("SELECT current_setting('server_version') AS v");
    where = `PostgreSQL ${ver[0].v} at ${u.hostname}:${u.port || 5432}/${name}`;
    cleanup = async () => {
      await db.close();
      if (KEEP) return console.log(`kept database ${name}`);
      const a = new pg.Client({ connectionString: url });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    };
  }
  let app: Awaited<ReturnType<typeof buildApp>> | undefined;
  try {
    console.log(`# Library bench on ${where}; Node ${process.version}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB`);
    await migrate(db);
    await loadReferenceData(db);
    console.log(`vocabulary: ${swWords.length} sw-like + ${enWords.length} en words, ${rareWords.length} rare words`);
    const g = await generate(db);
    console.log(`generated ${g.docs.length} documents, ${g.nEditions} editions, ${(g.bytes / 1e6).toFixed(0)} MB of indexed text, ${g.words} distinct words`);
    console.log(`load ${(g.tLoad / 1000).toFixed(1)} s, with ANALYZE ${(g.tAll / 1000).toFixed(1)} s; database ${g.dbSize}`);
    for (const s of g.sizes) console.log(`  ${s.t.padEnd(18)} ${s.rows.padStart(7)} rows  ${s.size}`);

    app = await buildApp({ config: testConfig({ dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'viwango-bench-data-')) }), db });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;

    const rare = rareWords[7];
    const cases: QueryCase[] = [
      { name: 'common word', q: 'taarifa', f: {} },
      { name: 'two words', q: 'usalama taarifa', f: {} },
      { name: 'prefix', q: 'kumbu', f: {} },
      { name: 'typo', q: 'usalma', f: {} },
      { name: 'rare word', q: rare, f: {} },
      { name: 'no hits', q: 'qwxzvbnj', f: {} },
      { name: 'filter level=2', q: 'mifumo', f: { level: 2 } },
    ];
    let searchOut: Awaited<ReturnType<typeof benchSearch>> | undefined;
    if (ONLY !== 'pages') {
      console.log(`\nsearch (anonymous reader; ${WARMUP} warm-up + ${SAMPLES} samples per path, interleaved):`);
      searchOut = await benchSearch(db, app, base, cases);
    }
    const pageRows: Awaited<ReturnType<typeof throughput>>[] = [];
    if (ONLY !== 'search') {
      const slugs = g.docs.filter((d) => d.audience === 'public').map((d) => d.slug);
      console.log(`\ndocument pages (${CLIENTS} concurrent clients, ${SECONDS} s each, random public documents of ${slugs.length}):`);
      const get = (prefix: string) => async (slug: string) => {
        const r = await fetch(`${base}${prefix}${slug}`);
        if (r.status !== 200) throw new Error(`${prefix}${slug}: ${r.status}`);
        await r.arrayBuffer();
      };
      pageRows.push(await throughput('bare SQL (documentView statements)', slugs, (s) => documentSql(db, s)));
      pageRows.push(await throughput('GET /api/v1/documents/:slug', slugs, get('/api/v1/documents/')));
      pageRows.push(await throughput('GET /library/documents/:slug (HTML)', slugs, get('/library/documents/')));
    }

    // Markdown for docs/benchmarks.md
    console.log('\n--- markdown ---');
    console.log(`Data: ${g.docs.length} documents, ${g.nEditions} editions, ${(g.bytes / 1e6).toFixed(0)} MB of indexed text, ${g.words} distinct words; database ${g.dbSize}; generated in ${(g.tAll / 1000).toFixed(0)} s (incl. ANALYZE).\n`);
    console.log('| table | rows | size (with indexes, TOAST) |\n|---|---:|---:|');
    for (const s of g.sizes) console.log(`| ${s.t} | ${s.rows} | ${s.size} |`);
    if (searchOut) {
      console.log(`\n| query | q | path | p50 ms | p95 ms | p99 ms | ÷ SQL (p50 / p95) |\n|---|---|---|---:|---:|---:|---:|`);
      for (const r of searchOut.rows) console.log(r);
      const worst = Math.max(...searchOut.summary.map((s) => s.httpP95));
      const worstRatio = Math.max(...searchOut.summary.map((s) => s.ratio95));
      console.log(`\nWorst HTTP p95: ${f1(worst)} ms (target ≤ 50). Worst HTTP/SQL p95 ratio: ${worstRatio.toFixed(2)}× (target ≤ 1.5×).`);
    }
    if (pageRows.length) {
      console.log(`\n| path | requests/s | p50 ms | p95 ms |\n|---|---:|---:|---:|`);
      for (const r of pageRows) console.log(`| ${r.name} | ${r.rps.toFixed(0)} | ${f1(r.p50)} | ${f1(r.p95)} |`);
    }
  } finally {
    if (app) await app.close();
    await cleanup();
  }
}

await main();
