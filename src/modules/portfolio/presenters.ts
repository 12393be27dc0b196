// The portfolio's JSON shapes, declared once: a TypeBox schema (for validation and OpenAPI), the
// type inferred from it, and the function that turns a record into it.
import { Type, type Static } from 'typebox';
import { HOSTINGS, LIFECYCLES, SECURITY_CLASSES, USER_KINDS, type System } from './schema.ts';
import { DateOnly, Pattern } from '../../platform/http/schemas.ts';
import type { CatalogueRow } from './queries.ts';
import type { ClusterView } from './overlaps.service.ts';
import { describeReason } from './overlap/engine.ts';
import type { Lang } from '../../platform/i18n/catalog.ts';

const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);

export const SystemSummaryT = Type.Object({
  id: Type.String(),
  institution: Type.String(),
  code: Type.String(),
  name: Type.String(),
  capabilities: Type.Array(Type.String()),
  lifecycle: Type.String(),
  hosting: Type.String(),
  govesb: Type.Boolean(),
  personalData: Type.Boolean(),
  shared: Type.Boolean(),
  usesSharedSystem: Nullable(Type.String()),
});
export type SystemSummary = Static<typeof SystemSummaryT>;

export function presentSummary(r: CatalogueRow): SystemSummary {
  return { id: r.id, institution: r.institution, code: r.code, name: r.name, capabilities: r.capabilities, lifecycle: r.lifecycle, hosting: r.hosting, govesb: r.govesb, personalData: r.personalData, shared: r.shared, usesSharedSystem: r.usesShared };
}

export const SystemT = Type.Object({
  id: Type.String(),
  institution: Type.String(),
  code: Type.String(),
  name: Type.String(),
  nameSw: Type.String(),
  nameEn: Type.String(),
  purpose: Type.String(),
  capabilities: Type.Array(Type.String()),
  lifecycle: Type.String(),
  hosting: Type.String(),
  govesb: Type.Boolean(),
  shared: Type.Boolean(),
  usesSharedSystem: Nullable(Type.String()),
  revision: Type.Integer(),
  /** Only for the system's institution and the authority. */
  details: Type.Union([
    Type.Object({
      usersCount: Type.Union([Type.Integer(), Type.Null()]),
      userKinds: Type.Array(Type.String()),
      personalData: Type.Boolean(),
      dataObjects: Type.Array(Type.String()),
      securityClass: Type.String(),
      technology: Type.String(),
      vendor: Type.String(),
      goLive: Nullable(Type.String()),
      retireDate: Nullable(Type.String()),
      capexTzs: Type.Union([Type.Integer(), Type.Null()]),
      opexTzs: Type.Union([Type.Integer(), Type.Null()]),
      contactName: Type.String(),
      contactEmail: Type.String(),
    }),
    Type.Null(),
  ]),
});
export type SystemJson = Static<typeof SystemT>;

export function presentSystem(s: System, institution: string, usesShared: string | null, withDetails: boolean): SystemJson {
  return {
    id: s.id,
    institution,
    code: s.code,
    name: s.name,
    nameSw: s.nameSw,
    nameEn: s.nameEn,
    purpose: s.purpose,
    capabilities: s.capabilities,
    lifecycle: s.lifecycle,
    hosting: s.hosting,
    govesb: s.govesb,
    shared: s.sharedSystemId !== null,
    usesSharedSystem: usesShared,
    revision: s.revision,
    details: withDetails
      ? { usersCount: s.usersCount, userKinds: s.userKinds, personalData: s.personalData, dataObjects: s.dataObjects, securityClass: s.securityClass, technology: s.technology, vendor: s.vendor, goLive: s.goLive, retireDate: s.retireDate, capexTzs: s.capexTzs, opexTzs: s.opexTzs, contactName: s.contactName, contactEmail: s.contactEmail }
      : null,
  };
}

export const ReasonT = Type.Object({ kind: Type.String() }, { additionalProperties: true });

/** The overlaps contract: {"clusters":[{"id","score","capability","systems":[{"institution","code","name"}],"reasons":[…]}]}. */
export const OverlapsT = Type.Object({
  clusters: Type.Array(
    Type.Object({
      id: Type.String(),
      score: Type.Number(),
      capability: Nullable(Type.String()),
      systems: Type.Array(Type.Object({ institution: Type.String(), code: Type.String(), name: Type.String() })),
      reasons: Type.Array(Type.String({ description: 'Why the systems overlap, in plain language (the caller\'s language)' })),
    }),
  ),
});
export type OverlapsJson = Static<typeof OverlapsT>;

/** The same document for the API and `viwango portfolio overlaps --json`. */
export function presentOverlaps(clusters: ClusterView[], lang: Lang): OverlapsJson {
  return {
    clusters: clusters.map((c) => ({
      id: c.id,
      score: Math.round(c.score * 1000) / 1000,
      capability: c.capability,
      systems: c.systems.map((m) => ({ institution: m.institution, code: m.code, name: m.name })),
      reasons: c.reasons.map((r) => describeReason(r, lang)),
    })),
  };
}

export const SystemInputT = Type.Object({
  code: Pattern(/^[A-Za-z0-9][A-Za-z0-9._\/-]{0,39}$/, 40, 'HRMIS'),
  name: Type.String({ maxLength: 200 }),
  nameSw: Type.Optional(Type.String({ maxLength: 200 })),
  nameEn: Type.Optional(Type.String({ maxLength: 200 })),
  purpose: Type.Optional(Type.String({ maxLength: 2000 })),
  capabilities: Type.Optional(Type.Array(Pattern(/^[A-Za-z]{2,6}(\.[A-Za-z]{2,8})?$/, 20, 'HR.CORE'), { maxItems: 20 })),
  lifecycle: Type.Union(LIFECYCLES.map((v) => Type.Literal(v))),
  hosting: Type.Union(HOSTINGS.map((v) => Type.Literal(v))),
  usersCount: Type.Optional(Type.Union([Type.Integer({ minimum: 0, maximum: 100_000_000 }), Type.Null()])),
  userKinds: Type.Optional(Type.Array(Type.Union(USER_KINDS.map((v) => Type.Literal(v))), { maxItems: 4 })),
  personalData: Type.Optional(Type.Boolean()),
  dataObjects: Type.Optional(Type.Array(Type.String({ maxLength: 120 }), { maxItems: 30 })),
  securityClass: Type.Optional(Type.Union(SECURITY_CLASSES.map((v) => Type.Literal(v)))),
  govesb: Type.Optional(Type.Boolean()),
  technology: Type.Optional(Type.String({ maxLength: 300 })),
  vendor: Type.Optional(Type.String({ maxLength: 200 })),
  goLive: Type.Optional(Type.Union([DateOnly(), Type.Null()])),
  retireDate: Type.Optional(Type.Union([DateOnly(), Type.Null()])),
  capexTzs: Type.Optional(Type.Union([Type.Integer({ minimum: 0, maximum: 1_000_000_000_000 }), Type.Null()])),
  opexTzs: Type.Optional(Type.Union([Type.Integer({ minimum: 0, maximum: 1_000_000_000_000 }), Type.Null()])),
  contactName: Type.Optional(Type.String({ maxLength: 200 })),
  contactEmail: Type.Optional(Type.String({ maxLength: 254 })),
  sharedSystem: Type.Optional(Type.Union([Type.String({ maxLength: 100 }), Type.Null()])),
});
