// Atom feed of new and revised editions of public documents.
import { escapeHtml } from './text.ts';
import type { Document, Edition } from './schema.ts';

export function atomFeed(base: string, entries: { doc: Document; edition: Edition }[], title: string, lang: 'sw' | 'en'): string {
  const updated = entries[0]?.edition.publishedAt ?? new Date(0);
  const x = escapeHtml;
  const items = entries
    .map(({ doc, edition }) => {
      const url = `${base}/library/documents/${doc.slug}/editions/${encodeURIComponent(edition.version)}`;
      const t = lang === 'sw' ? doc.titleSw || doc.titleEn : doc.titleEn || doc.titleSw;
      return `  <entry>
    <id>${x(url)}</id>
    <title>${x(`${doc.code} ${edition.version} – ${t}`)}</title>
    <link rel="alternate" type="text/html" href="${x(url)}"/>
    <updated>${(edition.publishedAt ?? edition.updatedAt).toISOString()}</updated>
    <summary>${x(edition.changeSummary || t)}</summary>
    <category term="level-${doc.level}"/>${doc.groupCode ? `\n    <category term="${x(doc.groupCode)}"/>` : ''}
  </entry>`;
    })
    .join('\n');
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${lang}">
  <id>${x(base)}/library/feed.atom</id>
  <title>${x(title)}</title>
  <link rel="self" href="${x(base)}/library/feed.atom"/>
  <link rel="alternate" type="text/html" href="${x(base)}/library"/>
  <updated>${updated.toISOString()}</updated>
  <author><name>Viwango</name></author>
${items}
</feed>
`;
}
