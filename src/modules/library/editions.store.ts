// The only functions that write editions and documents. Each keeps the search index (library_search,
// library_words) in step in the same transaction, so no caller can forget to re-index.
import { and, eq, type SQL } from 'drizzle-orm';
import type { PgUpdateSetSource } from 'drizzle-orm/pg-core';
import type { Tx } from '../../platform/db/database.ts';
import { documents, editions, type Edition } from './schema.ts';
import { indexEditions } from './indexing.ts';

export async function insertEdition(tx: Tx, values: typeof editions.$inferInsert): Promise<Edition> {
  const [edition] = await tx.insert(editions).values(values).returning();
  await indexEditions(tx, { editionIds: [edition.id] });
  return edition;
}

/** Updates one edition (only when `guard` still holds, for optimistic checks); undefined when it did not. */
export async function updateEdition(tx: Tx, id: string, set: PgUpdateSetSource<typeof editions>, guard?: SQL): Promise<Edition | undefined> {
  const [edition] = await tx.update(editions).set(set).where(guard ? and(eq(editions.id, id), guard) : eq(editions.id, id)).returning();
  if (edition) await indexEditions(tx, { editionIds: [id] });
  return edition;
}

/** Updates a document; its editions are re-indexed because they carry its title, audience and group. */
export async function updateDocument(tx: Tx, id: string, set: Partial<typeof documents.$inferInsert>) {
  const [doc] = await tx.update(documents).set(set).where(eq(documents.id, id)).returning();
  await indexEditions(tx, { documentId: id });
  return doc;
}
