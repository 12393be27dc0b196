// The catalog of requirements as OSCAL (documents/index.ts).
import { OSCAL_VERSION, VIWANGO_NS, oneLine, stableUuid, tokenOf } from '../rules.ts';
import { type Json, prop, compact, latest, AUTHORITY_PARTY, ROLES, parties } from './parts.ts';

export interface RequirementRow {
  id: string;
  ref: string;
  controlId: string;
  textEn: string;
  textSw: string;
  obligation: string;
  appliesTo: string;
  version: number;
  groupCode: string | null;
  groupNameEn: string | null;
  groupNameSw: string | null;
  documentCode: string;
  documentSlug: string;
  documentTitleEn: string;
  documentTitleSw: string;
  clauseNumber: string;
  updatedAt: Date;
  mappings: { frameworkCode: string; frameworkUuid: string | null; frameworkTitle: string; controlId: string; relation: string }[];
}

const documentResource = (code: string) => stableUuid(`resource:document:${code}`);
const frameworkResource = (code: string) => stableUuid(`resource:framework:${code}`);

/**
 * The active requirements as a catalog: one group per architecture group (requirements without one
 * in `other`), one control per requirement with its statement in English and a Kiswahili translation
 * part, obligation, applies-to and version as props, a link to its standard (a back-matter resource
 * pointing at the library page) and one link and prop per mapping to a reference framework control.
 */
export function buildCatalog(rows: RequirementRow[], publicUrl: string): Json {
  const groups = new Map<string, { code: string; nameEn: string; nameSw: string; controls: Json[] }>();
  const documents = new Map<string, RequirementRow>();
  const frameworks = new Map<string, RequirementRow['mappings'][number]>();
  // Groups in the order of the rows (architecture group order); within a group, clause numbers in
  // numeric order: §1.2 before §1.10.
  for (const r of rows) {
    const code = r.groupCode ?? 'OTHER';
    if (!groups.has(code)) groups.set(code, { code, nameEn: r.groupNameEn ?? 'Other requirements', nameSw: r.groupNameSw ?? 'Matakwa mengine', controls: [] });
  }
  const sorted = [...rows].sort((a, b) => a.ref.localeCompare(b.ref, 'en', { numeric: true }));
  for (const r of sorted) {
    const code = r.groupCode ?? 'OTHER';
    documents.set(r.documentCode, r);
    for (const m of r.mappings) frameworks.set(m.frameworkCode, m);
    groups.get(code)!.controls.push(
      compact({
        id: r.controlId,
        class: 'viwango-requirement',
        title: r.ref,
        props: [
          { name: 'label', value: oneLine(r.ref) },
          prop('obligation', r.obligation),
          prop('applies-to', r.appliesTo),
          prop('version', String(r.version)),
          prop('standard', r.documentCode),
          prop('clause', r.clauseNumber),
          ...r.mappings.map((m) => prop('maps-to', `${m.frameworkCode}:${m.controlId}`, { class: m.relation })),
        ],
        links: [
          { href: `#${documentResource(r.documentCode)}`, rel: 'reference', text: r.documentCode },
          ...r.mappings.map((m) => ({ href: `#${frameworkResource(m.frameworkCode)}`, rel: m.relation, text: `${m.frameworkCode} ${m.controlId}` })),
        ],
        parts: [
          {
            id: `${r.controlId}_smt`,
            name: 'statement',
            prose: r.textEn,
            parts: [{ id: `${r.controlId}_smt.sw`, name: 'translation', ns: VIWANGO_NS, class: 'sw', props: [prop('lang', 'sw')], prose: r.textSw }],
          },
        ],
      }),
    );
  }
  const lastModified = latest(rows.map((r) => r.updatedAt), '2020-01-01T00:00:00Z');
  return {
    catalog: compact({
      uuid: stableUuid('catalog:requirements'),
      metadata: {
        title: 'Viwango: e-Government requirements of public institutions',
        'last-modified': lastModified,
        version: lastModified.slice(0, 10),
        'oscal-version': OSCAL_VERSION,
        props: [prop('requirement-count', String(rows.length))],
        roles: [ROLES[0]],
        parties: [{ uuid: AUTHORITY_PARTY, type: 'organization', name: 'e-Government Authority', 'short-name': 'e-GA' }],
        'responsible-parties': [{ 'role-id': 'authority', 'party-uuids': [AUTHORITY_PARTY] }],
      },
      groups: [...groups.values()].map((g) => ({ id: tokenOf(g.code), class: 'architecture-group', title: g.nameEn, props: [prop('title-sw', g.nameSw)], controls: g.controls })),
      'back-matter': documents.size === 0 ? undefined : {
        resources: [
          ...[...documents.values()].map((d) => ({
            uuid: documentResource(d.documentCode),
            title: `${d.documentCode}: ${d.documentTitleEn}`,
            props: [prop('title-sw', d.documentTitleSw)],
            rlinks: [{ href: `${publicUrl}/library/documents/${encodeURIComponent(d.documentSlug)}`, 'media-type': 'text/html' }],
          })),
          ...[...frameworks.values()].map((f) =>
            compact({
              uuid: frameworkResource(f.frameworkCode),
              title: f.frameworkTitle,
              'document-ids': f.frameworkUuid ? [{ identifier: f.frameworkUuid }] : [],
              props: [prop('framework-code', f.frameworkCode)],
            }),
          ),
        ],
      },
    }),
  };
}
