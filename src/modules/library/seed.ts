// Loads the real structure of the framework (codes, titles, levels, groups, issuers, parent links)
// from seeds/reference/documents.json into an empty library, applying the library's rules where the
// source data breaks them (docs/decisions/0101-library-reference-data.md). Bodies are sample text.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { eq } from 'drizzle-orm';
import type { Database, Tx } from '../../platform/db/database.ts';
import { SYSTEM } from '../../platform/audit.ts';
import { institutions } from '../reference/index.ts';
import { editions } from './schema.ts';
import { insertDocument, type DocumentInput } from './documents.service.ts';
import { indexEditions } from './indexing.ts';
import { sampleContent, sampleSummary } from './sample.ts';
import { audit } from './audit-events.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

interface SourceDocument {
  code: string;
  titleEn: string;
  titleSw: string | null;
  level: number;
  kind: string;
  groupCode: string | null;
  issuerAcronym: string;
  isParent: boolean;
  parentCode: string | null;
  version: string | null;
  year: number | null;
  date: string | null;
}

const LEVEL1_PARENT = 'PO-GL-EGOV-2017';

/** The source record with the library's rules applied; each change is listed in the decision record. */
export function reconcile(d: SourceDocument): { doc: SourceDocument; implementsCodes: string[]; sector: string | null } {
  const doc = { ...d };
  const implementsCodes: string[] = [];
  // The national ICT policy is a legal/policy instrument, not an institutional policy.
  if (doc.kind === 'policy' && doc.level === 1) doc.kind = 'national_policy';
  // Level 2 is issued by the authority only: PO-PSMGG's guidebooks sit at level 1.
  if (doc.level === 2 && doc.issuerAcronym !== 'e-GA') doc.level = 1;
  // A level-3 checklist issued by the authority under a level-2 guideline is a level-2 related document.
  if (doc.level === 3 && doc.kind === 'checklist') doc.level = 2;
  // A template (level 3) cannot have a level-2 parent: the link becomes "implements".
  if (doc.kind === 'template' && doc.parentCode) {
    implementsCodes.push(doc.parentCode);
    doc.parentCode = null;
  }
  // Level-1 related documents without a parent belong to the level-1 parent document.
  const reference = ['legislation', 'regulation', 'national_policy', 'strategy'].includes(doc.kind);
  if (doc.level === 1 && !reference && !doc.isParent && !doc.parentCode) doc.parentCode = LEVEL1_PARENT;
  const sector = doc.kind === 'sector_guideline' ? 'health' : null;
  return { doc, implementsCodes, sector };
}

function effectiveDate(d: SourceDocument): string | null {
  if (d.date && /^\d{4}-\d{2}-\d{2}$/.test(d.date)) return d.date;
  if (d.date && /^\d{4}-\d{2}$/.test(d.date)) return `${d.date}-01`;
  return d.year ? `${d.year}-01-01` : null;
}

async function publishReference(tx: Tx, editionId: string, date: string | null) {
  await tx
    .update(editions)
    .set({ status: 'in_force', effectiveDate: date, publishedAt: date ? new Date(`${date}T08:00:00+03:00`) : new Date(), changeSummary: 'Reference entry with sample text. / Rejea yenye maandishi ya sampuli.' })
    .where(eq(editions.id, editionId));
  await indexEditions(tx, { editionIds: [editionId] });
}

/** Loads the reference documents into an empty library. Returns true when it loaded anything. */
export async function loadLibraryReference(db: Database): Promise<boolean> {
  const [{ n }] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM library_documents');
  if (n > 0) return false;
  const source = JSON.parse(fs.readFileSync(path.join(root, 'seeds/reference/documents.json'), 'utf8')) as SourceDocument[];
  const insts = await db.orm.select({ id: institutions.id, acronym: institutions.acronym }).from(institutions);
  const idOf = new Map(insts.map((i) => [i.acronym, i.id]));
  const groups = await db.query<{ code: string; name_sw: string; name_en: string }>('SELECT code, name_sw, name_en FROM architecture_groups');
  const groupOf = new Map(groups.map((g) => [g.code, g]));
  const items = source.map(reconcile);
  // Parents before the documents that point to them.
  const order: typeof items = [];
  const placed = new Set<string>();
  while (order.length < items.length) {
    const before = order.length;
    for (const it of items) {
      if (placed.has(it.doc.code)) continue;
      if (it.doc.parentCode && !placed.has(it.doc.parentCode)) continue;
      if (it.implementsCodes.some((c) => !placed.has(c))) continue;
      order.push(it);
      placed.add(it.doc.code);
    }
    if (order.length === before) throw new Error('library reference data: parent links form a loop or name a missing document');
  }
  await db.orm.transaction(async (tx) => {
    for (const { doc, implementsCodes, sector } of order) {
      const issuerId = idOf.get(doc.issuerAcronym);
      if (!issuerId) throw new Error(`library reference data: unknown issuer ${doc.issuerAcronym} for ${doc.code}`);
      const g = doc.groupCode ? groupOf.get(doc.groupCode) : undefined;
      const input: DocumentInput = {
        code: doc.code,
        level: doc.level,
        kind: doc.kind,
        parent: doc.parentCode,
        groupCode: doc.groupCode,
        sector,
        issuerId,
        audience: 'public',
        titleSw: doc.titleSw ?? '',
        titleEn: doc.titleEn,
        ...sampleSummary(doc.titleSw ?? doc.titleEn, doc.titleEn),
        implements: implementsCodes,
        isSample: true,
        version: doc.version ?? '1.0',
        authoritativeLang: doc.titleSw ? 'sw' : 'en',
        content: sampleContent({ titleSw: doc.titleSw ?? doc.titleEn, titleEn: doc.titleEn, groupSw: g?.name_sw, groupEn: g?.name_en, kind: doc.kind }),
      };
      const { edition } = await insertDocument(tx, input, null, { reference: true });
      await publishReference(tx, edition.id, effectiveDate(doc));
    }
    await audit({ tx, source: SYSTEM }, 'library.reference.load', { details: { documents: order.length } });
  });
  return true;
}

export async function libraryCounts(db: Database) {
  const [r] = await db.query<{ documents: number; editions: number }>(
    'SELECT (SELECT count(*)::int FROM library_documents) AS documents, (SELECT count(*)::int FROM library_editions) AS editions',
  );
  return r;
}
