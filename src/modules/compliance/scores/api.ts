// JSON API of scores: the same queries and commands as the pages; presenters.ts shapes the JSON.
import type { App } from '../../../platform/http/app.ts';
import { Type, type Static } from 'typebox';
import { ctxOf } from '../../../platform/http/request-context.ts';
import { notFound } from '../../../platform/http/errors.ts';
import { Acronym, Id, PageNumber, Revision, Text } from '../../../platform/http/schemas.ts';
import { findInstitution } from '../../reference/index.ts';
import { chooseCycle, institutionView, league, nationalView, publishedCycles, publishedScores, scoredCycles, standardView } from './queries.ts';
import { closeCycle, publishSummary, requestRecompute, unpublishSummary } from './scores.service.ts';
import {
  CycleT, DashboardT, GroupScoreT, HeatmapRowT, InstitutionScoresT, LeagueRowT, StandardScoresT,
  presentCycle, presentGroupScore, presentHeatmapRow, presentInstitutionScores, presentLeagueRow, presentRequirementScore, presentSectorRow, presentTrend,
} from './presenters.ts';

const Problem = { $ref: 'Problem#' } as const;
const errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem, 422: Problem };
const tags = ['compliance'];
const CycleQuery = Type.Object({ cycle: Type.Optional(Text(64, { description: 'Cycle id or code; default: the latest closed cycle, else the latest open one' })) });
const Paged = Type.Object({ ...CycleQuery.properties, page: Type.Optional(PageNumber()), sector: Type.Optional(Text(80)) });

export async function scoresApi(app: App) {
  const read = { action: 'compliance:read' as const };
  const manage = { action: 'compliance:manage' as const, noCsrf: true };

  app.get('/api/v1/compliance/dashboard', { config: read, schema: { tags, summary: 'National dashboard figures for a cycle (over the institutions the caller may read)', querystring: Type.Object({ ...CycleQuery.properties, page: Type.Optional(PageNumber()) }), response: { 200: Type.Object({ ...DashboardT.properties, heatmap: Type.Object({ total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer(), groups: Type.Array(GroupScoreT), items: Type.Array(HeatmapRowT) }) }), ...errors } } }, async (req) => {
    const qs = req.query;
    const v = await nationalView(ctxOf(req), { cycle: qs.cycle, page: qs.page });
    return {
      cycle: v.cycle ? presentCycle(v.cycle, req.lang) : null,
      cycles: v.cycles.map((c) => presentCycle(c, req.lang)),
      overdue: v.overdue,
      groups: v.groupScores.map((g) => presentGroupScore(g, req.lang)),
      sectors: v.sectors.map(presentSectorRow),
      trend: v.trend.map((x) => presentTrend(x, req.lang)),
      heatmap: { total: v.heat.total, page: v.heat.page, pageSize: v.heat.pageSize, groups: v.groups.map((g) => presentGroupScore({ ...g, score: null, institutions: 0 }, req.lang)), items: v.heat.items.map((x) => presentHeatmapRow(x, req.lang)) },
    };
  });

  app.get('/api/v1/compliance/league', { config: read, schema: { tags, summary: 'League table of a cycle, best first, paged (ranks are national)', querystring: Paged, response: { 200: Type.Object({ cycle: Type.Union([CycleT, Type.Null()]), total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer(), items: Type.Array(LeagueRowT) }), ...errors } } }, async (req) => {
    const ctx = ctxOf(req);
    const qs = req.query;
    const cycle = chooseCycle(await scoredCycles(ctx), qs.cycle);
    if (!cycle) return { cycle: null, total: 0, page: 1, pageSize: 50, items: [] };
    const r = await league(ctx, { cycleId: cycle.id, page: qs.page, sector: qs.sector });
    return { cycle: presentCycle(cycle, req.lang), ...r, items: r.items.map((x) => presentLeagueRow(x, req.lang)) };
  });

  app.get('/api/v1/compliance/institutions/:acronym/scores', { config: read, schema: { tags, summary: 'An institution\'s scores in a cycle: overall, per group, standard and system, what is due, its trend (404 for another institution\'s)', params: Type.Object({ acronym: Acronym() }), querystring: CycleQuery, response: { 200: InstitutionScoresT, ...errors } } }, async (req) => {
    const v = await institutionView(ctxOf(req), req.params.acronym, req.query.cycle);
    return presentInstitutionScores({ acronym: v.inst.acronym, name: req.lang === 'sw' ? v.inst.nameSw : v.inst.nameEn, cycle: v.cycle, s: v.scores, due: v.due, trend: v.trend, published: v.publishedAt !== null }, req.lang);
  });

  app.get('/api/v1/compliance/standards/:id/scores', { config: read, schema: { tags, summary: 'How widely a standard is met in a cycle: national score and counts per requirement', params: Type.Object({ id: Id() }), querystring: CycleQuery, response: { 200: StandardScoresT, ...errors } } }, async (req) => {
    const v = await standardView(ctxOf(req), req.params.id, req.query.cycle);
    return {
      document: { id: v.document.id, code: v.document.code, title: req.lang === 'sw' ? v.document.titleSw : v.document.titleEn },
      cycle: v.cycle ? presentCycle(v.cycle, req.lang) : null,
      overall: v.overall,
      requirements: v.requirements.map((r) => presentRequirementScore(r, req.lang)),
    };
  });

  app.get('/api/v1/compliance/public/:acronym', { config: { action: 'compliance:public' }, schema: { tags, summary: 'An institution\'s published summary (404 until the authority publishes one)', params: Type.Object({ acronym: Acronym() }), querystring: CycleQuery, response: { 200: Type.Object({ institution: Type.String(), cycle: CycleT, overall: Type.Union([Type.Number(), Type.Null()]), groups: Type.Array(Type.Object({ group: Type.String(), score: Type.Union([Type.Number(), Type.Null()]) })) }), ...errors } } }, async (req) => {
    const ctx = ctxOf(req);
    const inst = await findInstitution(app.db.orm, req.params.acronym);
    if (!inst) throw notFound();
    const published = await publishedCycles(ctx, inst.id);
    const want = req.query.cycle;
    const cycle = published.find((c) => c.id === want || c.code.toLowerCase() === (want ?? '').toLowerCase()) ?? published[0];
    if (!cycle) throw notFound();
    const s = await publishedScores(ctx, inst.id, cycle.id);
    return { institution: inst.acronym, cycle: presentCycle({ ...cycle, status: 'closed', submissionDue: '', openedAt: null, revision: 0 }, req.lang), overall: s.overall, groups: s.groups.map((g) => ({ group: g.code, score: g.score })) };
  });

  const CycleParams = Type.Object({ id: Id() });
  app.post('/api/v1/compliance/cycles/:id/close', { config: manage, schema: { tags, summary: 'Close an open cycle: recompute and freeze its scores', security: [{ bearer: [] }], params: CycleParams, body: Type.Optional(Type.Object({ revision: Type.Optional(Revision()) })), response: { 200: Type.Object({ cycleId: Type.String(), assessments: Type.Integer() }), ...errors } } }, async (req) => {
    return closeCycle(ctxOf(req), { cycleId: req.params.id, revision: req.body?.revision });
  });

  app.post('/api/v1/compliance/scores/recompute', { config: manage, schema: { tags, summary: 'Recompute stale scores now (in the background); returns the job to follow at /api/v1/jobs/{id}', security: [{ bearer: [] }], response: { 202: Type.Object({ jobId: Type.Integer() }), ...errors } } }, async (req, reply) => {
    return reply.status(202).send(await requestRecompute(ctxOf(req), {}));
  });

  const PubParams = Type.Object({ id: Id(), acronym: Acronym() });
  app.put('/api/v1/compliance/cycles/:id/publications/:acronym', { config: manage, schema: { tags, summary: 'Publish an institution\'s summary for a closed cycle', security: [{ bearer: [] }], params: PubParams, response: { 200: Type.Object({ published: Type.Boolean() }), ...errors } } }, async (req) =>
    publishSummary(ctxOf(req), { cycleId: req.params.id, acronym: req.params.acronym }),
  );
  app.delete('/api/v1/compliance/cycles/:id/publications/:acronym', { config: manage, schema: { tags, summary: 'Withdraw a published summary', security: [{ bearer: [] }], params: PubParams, response: { 200: Type.Object({ published: Type.Boolean() }), ...errors } } }, async (req) =>
    unpublishSummary(ctxOf(req), { cycleId: req.params.id, acronym: req.params.acronym }),
  );
}
