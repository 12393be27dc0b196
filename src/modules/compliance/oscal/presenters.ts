// JSON shapes of the OSCAL area's API (frameworks, controls, mappings, import result), declared once.
// The OSCAL documents themselves are shaped by documents.ts after the OSCAL 1.0.6 schemas.
import { Type, type Static } from 'typebox';
import type { ControlRow, FrameworkRow, MappingRow } from './queries.ts';
import type { CatalogImportResult } from './import.service.ts';

export const FrameworkT = Type.Object({
  id: Type.String(),
  code: Type.String({ examples: ['NIST-SPECIAL-PUBLICATION-800-53-REVISION'] }),
  title: Type.String(),
  version: Type.String(),
  oscalUuid: Type.Union([Type.String(), Type.Null()]),
  groups: Type.Integer(),
  controls: Type.Integer(),
  loadedAt: Type.String(),
});
export type FrameworkJson = Static<typeof FrameworkT>;
export const presentFramework = (f: FrameworkRow): FrameworkJson => ({ id: f.id, code: f.code, title: f.title, version: f.version, oscalUuid: f.oscalUuid, groups: f.groupCount, controls: f.controlCount, loadedAt: new Date(f.loadedAt).toISOString() });

export const ControlT = Type.Object({
  id: Type.String(),
  framework: Type.String(),
  controlId: Type.String({ examples: ['ac-2'] }),
  group: Type.String(),
  groupTitle: Type.String(),
  parent: Type.Union([Type.String(), Type.Null()]),
  title: Type.String(),
});
export type ControlJson = Static<typeof ControlT>;
export const presentControl = (c: ControlRow): ControlJson => ({ id: c.id, framework: c.frameworkCode, controlId: c.controlId, group: c.groupId, groupTitle: c.groupTitle, parent: c.parentControlId, title: c.title });

export const MappingT = Type.Object({ ...ControlT.properties, relation: Type.String({ examples: ['equal'] }), createdAt: Type.String() });
export const presentMapping = (m: MappingRow) => ({ ...presentControl(m), relation: m.relation, createdAt: new Date(m.createdAt).toISOString() });

export const ImportResultT = Type.Object({ frameworkId: Type.String(), code: Type.String(), title: Type.String(), version: Type.String(), groups: Type.Integer(), controls: Type.Integer(), created: Type.Boolean(), keptMapped: Type.Integer() });
export const presentImport = (r: CatalogImportResult): Static<typeof ImportResultT> => ({ ...r });
