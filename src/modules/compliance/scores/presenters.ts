// The JSON shapes of scores, declared once: a TypeBox schema (validation and OpenAPI), the type, and
// the function that makes it. The API returns them, and the CSV/XLSX exports are these same rows.
import { Type, type Static } from 'typebox';
import type { Lang } from '../../../platform/i18n/catalog.ts';
import type { CycleRow, GroupScoreRow, HeatmapRow, InstitutionScores, LeagueRow, RequirementScoreRow, ScopeScoreRow, SectorRow, TrendRow, DueRow } from './queries.ts';

const Score = Type.Union([Type.Number({ description: 'Per cent, two decimals' }), Type.Null()]);
const pick = (lang: Lang, sw: string, en: string) => (lang === 'sw' ? sw || en : en || sw);
const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

export const CycleT = Type.Object({ id: Type.String(), code: Type.String(), name: Type.String(), status: Type.String(), closedAt: Type.Union([Type.String(), Type.Null()]) });
export type CycleJson = Static<typeof CycleT>;
export function presentCycle(c: CycleRow, lang: Lang): CycleJson {
  return { id: c.id, code: c.code, name: pick(lang, c.nameSw, c.nameEn), status: c.status, closedAt: iso(c.closedAt) };
}

export const LeagueRowT = Type.Object({
  rank: Type.Integer(),
  institution: Type.String(),
  name: Type.String(),
  sector: Type.String(),
  score: Score,
  earned: Type.Number(),
  possible: Type.Number(),
  answered: Type.Integer(),
  questions: Type.Integer(),
  assessmentStatus: Type.String(),
});
export type LeagueRowJson = Static<typeof LeagueRowT>;
export function presentLeagueRow(r: LeagueRow, lang: Lang): LeagueRowJson {
  return { rank: r.rank, institution: r.acronym, name: pick(lang, r.nameSw, r.nameEn), sector: r.sector, score: r.score, earned: r.earned, possible: r.possible, answered: r.answered, questions: r.questions, assessmentStatus: r.status };
}

export const HeatmapRowT = Type.Object({
  institution: Type.String(),
  name: Type.String(),
  score: Score,
  groups: Type.Record(Type.String(), Score, { description: 'Score per architecture group code; a group with no applicable requirement is absent' }),
});
export type HeatmapRowJson = Static<typeof HeatmapRowT>;
export function presentHeatmapRow(r: HeatmapRow, lang: Lang): HeatmapRowJson {
  return { institution: r.acronym, name: pick(lang, r.nameSw, r.nameEn), score: r.score, groups: r.groups };
}

export const SectorRowT = Type.Object({ sector: Type.String(), institutions: Type.Integer(), score: Score });
export type SectorRowJson = Static<typeof SectorRowT>;
export const presentSectorRow = (r: SectorRow): SectorRowJson => ({ sector: r.sector, institutions: r.institutions, score: r.score });

export const GroupScoreT = Type.Object({ group: Type.String(), name: Type.String(), institutions: Type.Integer(), score: Score });
export type GroupScoreJson = Static<typeof GroupScoreT>;
export const presentGroupScore = (r: GroupScoreRow, lang: Lang): GroupScoreJson => ({ group: r.code, name: pick(lang, r.nameSw, r.nameEn), institutions: r.institutions, score: r.score });

export const TrendT = Type.Object({ cycle: Type.String(), name: Type.String(), closedAt: Type.Union([Type.String(), Type.Null()]), institutions: Type.Integer(), score: Score });
export type TrendJson = Static<typeof TrendT>;
export const presentTrend = (r: TrendRow, lang: Lang): TrendJson => ({ cycle: r.code, name: pick(lang, r.nameSw, r.nameEn), closedAt: iso(r.closedAt), institutions: r.institutions, score: r.score });

export const DashboardT = Type.Object({
  cycle: Type.Union([CycleT, Type.Null()]),
  cycles: Type.Array(CycleT),
  overdue: Type.Object({ findings: Type.Integer(), directives: Type.Integer() }),
  groups: Type.Array(GroupScoreT),
  sectors: Type.Array(SectorRowT),
  trend: Type.Array(TrendT),
});
export type DashboardJson = Static<typeof DashboardT>;

export const ScopeScoreT = Type.Object({ key: Type.String(), code: Type.String(), name: Type.String(), score: Score, earned: Type.Number(), possible: Type.Number(), answered: Type.Integer(), applicable: Type.Integer() });
export type ScopeScoreJson = Static<typeof ScopeScoreT>;
export const presentScope = (r: ScopeScoreRow, lang: Lang): ScopeScoreJson => ({ key: r.key, code: r.code, name: pick(lang, r.nameSw, r.nameEn), score: r.score, earned: r.earned, possible: r.possible, answered: r.answered, applicable: r.applicable });

export const DueT = Type.Object({ kind: Type.String(), ref: Type.String(), text: Type.String(), severity: Type.Union([Type.String(), Type.Null()]), dueOn: Type.String(), status: Type.String(), overdue: Type.Boolean() });

export const InstitutionScoresT = Type.Object({
  institution: Type.String(),
  name: Type.String(),
  cycle: Type.Union([CycleT, Type.Null()]),
  frozen: Type.Boolean(),
  overall: Type.Union([ScopeScoreT, Type.Null()]),
  assessment: Type.Union([Type.Object({ status: Type.String(), questions: Type.Integer(), answered: Type.Integer() }), Type.Null()]),
  groups: Type.Array(ScopeScoreT),
  standards: Type.Array(ScopeScoreT),
  systems: Type.Array(ScopeScoreT),
  due: Type.Array(DueT),
  trend: Type.Array(TrendT),
  published: Type.Boolean(),
});
export type InstitutionScoresJson = Static<typeof InstitutionScoresT>;
export function presentInstitutionScores(p: { acronym: string; name: string; cycle: CycleRow | null; s: InstitutionScores | null; due: DueRow[]; trend: TrendRow[]; published: boolean }, lang: Lang): InstitutionScoresJson {
  return {
    institution: p.acronym,
    name: p.name,
    cycle: p.cycle ? presentCycle(p.cycle, lang) : null,
    frozen: p.s?.frozen ?? false,
    overall: p.s?.overall ? presentScope(p.s.overall, lang) : null,
    assessment: p.s?.assessment ?? null,
    groups: (p.s?.groups ?? []).map((g) => presentScope(g, lang)),
    standards: (p.s?.documents ?? []).map((g) => presentScope(g, lang)),
    systems: (p.s?.systems ?? []).map((g) => presentScope(g, lang)),
    due: p.due,
    trend: p.trend.map((x) => presentTrend(x, lang)),
    published: p.published,
  };
}

export const RequirementScoreT = Type.Object({
  ref: Type.String(),
  text: Type.String(),
  obligation: Type.String(),
  group: Type.Union([Type.String(), Type.Null()]),
  status: Type.String(),
  score: Score,
  compliant: Type.Integer(),
  partial: Type.Integer(),
  nonCompliant: Type.Integer(),
  notApplicable: Type.Integer(),
  unanswered: Type.Integer(),
});
export type RequirementScoreJson = Static<typeof RequirementScoreT>;
export function presentRequirementScore(r: RequirementScoreRow, lang: Lang): RequirementScoreJson {
  return { ref: r.ref, text: pick(lang, r.textSw, r.textEn), obligation: r.obligation, group: r.groupCode, status: r.status, score: r.score, compliant: r.compliant, partial: r.partial, nonCompliant: r.nonCompliant, notApplicable: r.notApplicable, unanswered: r.unanswered };
}

export const StandardScoresT = Type.Object({
  document: Type.Object({ id: Type.String(), code: Type.String(), title: Type.String() }),
  cycle: Type.Union([CycleT, Type.Null()]),
  overall: Type.Union([Type.Object({ score: Score, institutions: Type.Integer(), high: Type.Integer(), medium: Type.Integer(), low: Type.Integer() }), Type.Null()]),
  requirements: Type.Array(RequirementScoreT),
});
export type StandardScoresJson = Static<typeof StandardScoresT>;
