// Search: one query over library_search. Each query word matches by prefix, or any known word
// within trigram distance (typos); all words must match. In-force editions rank first, then
// matches in titles and summaries, then in the text (normalised by length). Visibility and filters are part of the same query.
import type { Ctx } from '../../platform/context.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { visibleEditionSql } from './access.ts';
import { queryTerms, snippet } from './text.ts';
import { sqlParams } from '../../platform/db/sql-params.ts';
import type { DocumentHeading } from './queries.service.ts';

export interface SearchFilters {
  level?: number;
  group?: string;
  kind?: string;
  issuer?: string;
  status?: string;
  lang?: 'sw' | 'en';
}

export interface SearchHit extends DocumentHeading {
  version: string;
  status: string;
  snippet: string;
}

export interface SearchResult {
  query: string;
  total: number;
  hits: SearchHit[];
  /** Known words the misspelt terms were matched to. */
  alternatives: string[];
}

/** Hits beyond the requested page whose text is also ranked (the rest are ordered by the cheap key only). */
export const RERANK = 100;

/** Builds the SQL and its parameters; exported so the bench can run the same statement bare. */
export function searchSql(terms: string[], actor: Actor | null, f: SearchFilters, limit: number, offset: number): { text: string; params: unknown[] } {
  const { params, p } = sqlParams([terms]);
  const where: string[] = ['s.body_tsv @@ q.q'];
  // Published rows are spelt as literals, so the planner can use the partial index of public,
  // published editions (migration 0005) for visitors; people with internal scope add theirs.
  where.push(visibleEditionSql(actor, p, { audience: 's.audience', status: 's.status', issuer: 's.issuer_id' }));
  if (f.level) where.push(`s.level = ${p(f.level)}`);
  if (f.group) where.push(`s.group_code = ${p(f.group)}`);
  if (f.kind) where.push(`s.kind = ${p(f.kind)}`);
  if (f.status) where.push(`s.status = ${p(f.status)}`);
  if (f.lang) where.push(`${p(f.lang)} = ANY(s.langs)`);
  if (f.issuer) where.push(`s.issuer_id = (SELECT id FROM institutions WHERE lower(acronym) = lower(${p(f.issuer)}))`);
  const text = `
WITH t AS (SELECT term, ord FROM unnest($1::text[]) WITH ORDINALITY AS u(term, ord)),
alts AS (
  SELECT t.ord, t.term, ARRAY(
    SELECT w.word FROM library_words w
    WHERE length(t.term) >= 4 AND w.word % t.term AND w.word NOT LIKE t.term || '%'
      -- A term that a known word starts with is taken as spelt right (a word or a prefix): no
      -- look-alikes for it. Normalised words are [a-z0-9], all below '~' in byte order.
      AND NOT EXISTS (SELECT 1 FROM library_words k WHERE k.word COLLATE "C" >= t.term AND k.word COLLATE "C" < t.term || '~')
    ORDER BY similarity(w.word, t.term) DESC LIMIT 5) AS near
  FROM t
),
q AS (
  SELECT to_tsquery('simple', string_agg('(' || term || ':*' ||
    CASE WHEN cardinality(near) > 0 THEN ' | ' || array_to_string(near, ' | ') ELSE '' END || ')', ' & ' ORDER BY ord)) AS q,
    (SELECT coalesce(array_agg(n), '{}') FROM alts a2, unnest(a2.near) n) AS near
  FROM alts
),
-- Every visible hit, with the cheap part of the rank (titles, code, summaries: a small tsvector stored
-- in the row). Ranking the text needs the large body_tsv (~10 KB, TOASTed); doing that for thousands of
-- hits of a common word costs hundreds of ms, so only the best candidates by the cheap key are re-ranked
-- with it (docs/benchmarks.md, issue 4). total still counts every hit.
-- One hit per document: its edition in force when that matches, otherwise its best-matching edition.
m AS MATERIALIZED (
  SELECT DISTINCT ON (s.document_id) s.edition_id, s.status, ts_rank(s.head_tsv, q.q) AS head_rank
  FROM library_search s, q
  WHERE ${where.join(' AND ')}
  ORDER BY s.document_id, (s.status = 'in_force') DESC, ts_rank(s.head_tsv, q.q) DESC, s.edition_id
),
cand AS (
  SELECT m.*, count(*) OVER () AS total
  FROM m
  ORDER BY (m.status = 'in_force') DESC, m.head_rank DESC, m.edition_id
  LIMIT ${p(offset + limit + RERANK)}
),
hits AS (
  SELECT c.edition_id, c.status, c.total, 4 * c.head_rank + ts_rank(s.body_tsv, q.q, 1) AS rank
  FROM cand c JOIN library_search s ON s.edition_id = c.edition_id, q
  ORDER BY (c.status = 'in_force') DESC, rank DESC, c.edition_id
  LIMIT ${p(limit)} OFFSET ${p(offset)}
)
SELECT h.edition_id, h.status, h.total, d.slug, d.code, d.title_sw, d.title_en, d.level, d.kind, e.version, s.body, q.near
FROM hits h
JOIN library_search s ON s.edition_id = h.edition_id
JOIN library_editions e ON e.id = h.edition_id
JOIN library_documents d ON d.id = e.document_id, q
ORDER BY (h.status = 'in_force') DESC, h.rank DESC, h.edition_id`;
  return { text, params };
}

interface Row {
  total: string | number;
  slug: string;
  code: string;
  title_sw: string;
  title_en: string;
  level: number;
  kind: string;
  version: string;
  status: string;
  body: string;
  near: string[] | null;
}

export async function search(ctx: Ctx, q: string, f: SearchFilters = {}, page = 1, pageSize = 20): Promise<SearchResult> {
  const { actor } = ctx;
  const terms = queryTerms(q);
  if (terms.length === 0) return { query: q, total: 0, hits: [], alternatives: [] };
  const size = Math.min(Math.max(pageSize, 1), 50);
  const { text, params } = searchSql(terms, actor, f, size, (Math.max(page, 1) - 1) * size);
  const rows = await ctx.db.query<Row>(text, params);
  const alternatives = [...new Set(rows[0]?.near ?? [])];
  return {
    query: q,
    total: rows.length ? Number(rows[0].total) : 0,
    alternatives,
    hits: rows.map((r) => ({
      slug: r.slug,
      code: r.code,
      titleSw: r.title_sw,
      titleEn: r.title_en,
      level: r.level,
      kind: r.kind,
      version: r.version,
      status: r.status,
      snippet: snippet(r.body.split('\n').slice(5).join('\n') || r.body, terms, alternatives),
    })),
  };
}
