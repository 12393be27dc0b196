// Keeps library_search (one row per edition) and library_words in step with the editions.
// Called inside the same transaction as every change to an edition or its document.
import { sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.ts';
import { contentLangs, contentText } from './content.ts';
import type { Section } from './schema.ts';
import { normalise, pgArray, vocabulary } from './text.ts';

const MAX_BODY = 400_000;

interface Row {
  id: string;
  document_id: string;
  status: string;
  content: Section[] | string;
  file_text: string | null;
  change_summary: string;
  code: string;
  title_sw: string;
  title_en: string;
  summary_sw: string;
  summary_en: string;
  audience: string;
  issuer_id: string;
  level: number;
  group_code: string | null;
  kind: string;
}

/** Re-indexes the given editions, or every edition of the given document. */
export async function indexEditions(tx: Tx, where: { editionIds?: string[]; documentId?: string }): Promise<void> {
  const rows = (
    await tx.execute(sql`SELECT e.id, e.document_id, e.status, e.content, e.file_text, e.change_summary, d.code, d.title_sw, d.title_en,
        d.summary_sw, d.summary_en, d.audience, d.issuer_id, d.level, d.group_code, d.kind
      FROM library_editions e JOIN library_documents d ON d.id = e.document_id
      WHERE ${where.documentId ? sql`e.document_id = ${where.documentId}` : sql`e.id = ANY(${pgArray(where.editionIds ?? [])}::uuid[])`}`)
  ).rows as unknown as Row[];
  for (const r of rows) {
    const content = (typeof r.content === 'string' ? JSON.parse(r.content) : r.content) as Section[];
    const head = [r.code, r.title_sw, r.title_en, r.summary_sw, r.summary_en].join('\n');
    const body = [head, r.change_summary, contentText(content), r.file_text ?? ''].join('\n').slice(0, MAX_BODY);
    const normBody = normalise(body);
    const langs = contentLangs(content);
    if (langs.length === 0) langs.push('sw', 'en');
    await tx.execute(sql`INSERT INTO library_search (edition_id, document_id, status, audience, issuer_id, level, group_code, kind, langs, head_tsv, body_tsv, body)
      VALUES (${r.id}, ${r.document_id}, ${r.status}, ${r.audience}, ${r.issuer_id}, ${r.level}, ${r.group_code}, ${r.kind}, ${pgArray(langs)}::text[],
        to_tsvector('simple', ${normalise(head)}), to_tsvector('simple', ${normBody}), ${body})
      ON CONFLICT (edition_id) DO UPDATE SET status = EXCLUDED.status, audience = EXCLUDED.audience, issuer_id = EXCLUDED.issuer_id,
        level = EXCLUDED.level, group_code = EXCLUDED.group_code, kind = EXCLUDED.kind, langs = EXCLUDED.langs,
        head_tsv = EXCLUDED.head_tsv, body_tsv = EXCLUDED.body_tsv, body = EXCLUDED.body`);
    const words = vocabulary(normBody);
    if (words.length) {
      await tx.execute(sql`INSERT INTO library_words (word) SELECT unnest(${pgArray(words)}::text[]) ON CONFLICT DO NOTHING`);
    }
  }
}
