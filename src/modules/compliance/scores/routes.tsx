// Score pages, their downloads and the authority's forms (close a cycle, recompute, publish): thin
// handlers that read the request, call a query or a command, and render or redirect.
import type { App } from '../../../platform/http/app.ts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { pageCtx } from '../../../web/context.ts';
import { ctxOf } from '../../../platform/http/request-context.ts';
import { permitted } from '../../../platform/auth/access.ts';
import { can } from '../../../platform/auth/policy.ts';
import { contentDisposition } from '../../../platform/files/index.ts';
import { AppError, notFound } from '../../../platform/http/errors.ts';
import { Acronym, Code, FormFields, Id, PageText, Text } from '../../../platform/http/schemas.ts';
import { formString, pageNumber } from '../../../platform/input.ts';
import type { Ctx } from '../../../platform/context.ts';
import type { MessageKey } from '../../../messages.ts';
import { findInstitution } from '../../reference/index.ts';
import { readScope } from '../access.ts';
import { cycleScoresPolicy, institutionScoresPolicy } from './access.ts';
import { chooseCycle, heatmap, institutionView, league, nationalView, architectureGroups, publishedCycles, publishedScores, scoredCycles, scoredSectors, sectorRollup, standardView } from './queries.ts';
import { closeCycle, publishSummary, requestRecompute, unpublishSummary } from './scores.service.ts';
import { presentHeatmapRow, presentLeagueRow, presentRequirementScore, presentSectorRow } from './presenters.ts';
import { EXPORT_FORMATS, render, sheetOf, type ExportFormat, type Sheet } from './export.ts';
import { DashboardPage, LeaguePage, type NavLink } from './views/national.tsx';
import { InstitutionScoresPage } from './views/institution.tsx';
import { StandardScoresPage } from './views/standard.tsx';
import { PublicSummaryPage } from './views/public.tsx';
import { institutionReport } from './report.ts';

const Query = Type.Object({ cycle: Type.Optional(Text(64)), page: Type.Optional(PageText()), sector: Type.Optional(Text(80)), done: Type.Optional(Code()) });
/** The section links a person sees: the national pages, and their own institution's. */
export function scoreNav(req: FastifyRequest): NavLink[] {
  const links: NavLink[] = [
    { href: '/compliance', key: 'compliance.scores.dashboard' },
    { href: '/compliance/league', key: 'compliance.scores.league' },
  ];
  const own = req.actor?.roles.find((g) => g.institutionAcronym && can(req.actor, 'compliance:read', { institutionId: g.institutionId }));
  if (own?.institutionAcronym) links.push({ href: `/compliance/institutions/${encodeURIComponent(own.institutionAcronym)}/scores`, key: 'compliance.scores.institution', params: { name: own.institutionAcronym } });
  return links;
}

const NOTICES: Record<string, MessageKey> = { closed: 'compliance.scores.closed', recompute: 'compliance.scores.recompute.queued' };

export async function scoresRoutes(app: App) {
  const read = { config: { action: 'compliance:read' as const }, schema: { querystring: Query } };
  const manage = { config: { action: 'compliance:manage' as const } };

  app.get('/compliance', read, async (req, reply) => {
    const ctx = ctxOf(req);
    const v = await nationalView(ctx, { cycle: req.query.cycle, page: pageNumber(req.query.page) });
    const notice = NOTICES[formString(req.query.done)];
    const allowed = v.cycle ? permitted(req.actor, cycleScoresPolicy, v.cycle) : { close: false, recompute: false };
    return reply.page(
      <DashboardPage
        ctx={pageCtx(req, reply)}
        nav={scoreNav(req)}
        {...v}
        scoped={!readScope(req.actor).all}
        can={allowed}
        notice={notice}
        noticeParams={{ code: v.cycle?.code ?? '' }}
      />,
    );
  });

  app.get('/compliance/league', read, async (req, reply) => {
    const ctx = ctxOf(req);
    const cycles = await scoredCycles(ctx);
    const cycle = chooseCycle(cycles, req.query.cycle);
    const sector = (req.query.sector ?? '').trim();
    const result = cycle ? await league(ctx, { cycleId: cycle.id, page: pageNumber(req.query.page), sector }) : { total: 0, page: 1, pageSize: 50, items: [] };
    return reply.page(<LeaguePage ctx={pageCtx(req, reply)} nav={scoreNav(req)} cycles={cycles} cycle={cycle} sector={sector} sectors={cycle ? await scoredSectors(ctx, cycle.id) : []} league={result} />);
  });

  const acronymParams = Type.Object({ acronym: Acronym() });
  app.get('/compliance/institutions/:acronym/scores', { ...read, schema: { params: acronymParams, querystring: Query } }, async (req, reply) => {
    const ctx = ctxOf(req);
    const v = await institutionView(ctx, req.params.acronym, req.query.cycle);
    const record = { institutionId: v.inst.id, cycleStatus: v.cycle?.status ?? '' };
    const done = formString(req.query.done);
    return reply.page(
      <InstitutionScoresPage
        ctx={pageCtx(req, reply)}
        nav={scoreNav(req)}
        {...v}
        institution={{ acronym: v.inst.acronym, name: req.lang === 'sw' ? v.inst.nameSw : v.inst.nameEn }}
        publication={{ published: v.publishedAt !== null, publishedAt: v.publishedAt, canPublish: permitted(req.actor, institutionScoresPolicy, record).publish }}
        notice={done === 'published' ? 'compliance.scores.publish' : done === 'unpublished' ? 'compliance.scores.unpublish' : undefined}
      />,
    );
  });

  const docParams = Type.Object({ documentId: Id() });
  app.get('/compliance/standards/:documentId', { ...read, schema: { params: docParams, querystring: Query } }, async (req, reply) => {
    const v = await standardView(ctxOf(req), req.params.documentId, req.query.cycle);
    return reply.page(<StandardScoresPage ctx={pageCtx(req, reply)} nav={scoreNav(req)} document={v.document} cycles={v.cycles} cycle={v.cycle} overall={v.overall} requirements={v.requirements} />);
  });

  app.get('/compliance/public/:acronym', { config: { action: 'compliance:public' }, schema: { params: acronymParams, querystring: Query } }, async (req, reply) => {
    const ctx = ctxOf(req);
    const inst = await findInstitution(app.db.orm, req.params.acronym);
    if (!inst) throw notFound();
    const published = await publishedCycles(ctx, inst.id);
    const cycle = published.find((c) => c.id === req.query.cycle || c.code.toLowerCase() === (req.query.cycle ?? '').toLowerCase()) ?? published[0];
    if (!cycle) throw notFound();
    const s = await publishedScores(ctx, inst.id, cycle.id);
    return reply.page(
      <PublicSummaryPage ctx={pageCtx(req, reply)} institution={{ acronym: inst.acronym, name: req.lang === 'sw' ? inst.nameSw : inst.nameEn }} cycle={cycle} overall={s.overall} groups={s.groups} others={published.filter((c) => c.id !== cycle.id)} />,
    );
  });

  const reportParams = Type.Object({ acronym: Acronym(), cycleId: Id() });
  const LangQuery = Type.Object({ lang: Type.Optional(Type.Union([Type.Literal('sw'), Type.Literal('en')])) });
  app.get('/compliance/institutions/:acronym/cycles/:cycleId/report.pdf', { config: { action: 'compliance:read' }, schema: { params: reportParams, querystring: LangQuery } }, async (req, reply) => {
    const r = await institutionReport(ctxOf(req), { acronym: req.params.acronym, cycleId: req.params.cycleId, lang: req.lang });
    return reply.type('application/pdf').header('cache-control', 'no-store').header('content-disposition', contentDisposition(r.fileName)).send(Buffer.from(r.bytes));
  });

  // The authority's forms.
  const cycleParams = Type.Object({ cycleId: Id() });
  app.post('/compliance/cycles/:cycleId/close', { ...manage, schema: { params: cycleParams, body: FormFields({ revision: Type.Optional(PageText()) }) } }, async (req, reply) => {
    const rev = req.body.revision;
    await closeCycle(ctxOf(req), { cycleId: req.params.cycleId, revision: rev ? Number(rev) : undefined });
    return reply.redirect(`/compliance?cycle=${req.params.cycleId}&done=closed`, 303);
  });

  app.post('/compliance/scores/recompute', manage, async (req, reply) => {
    await requestRecompute(ctxOf(req), {});
    return reply.redirect('/compliance?done=recompute', 303);
  });

  const pubParams = Type.Object({ acronym: Acronym(), cycleId: Id() });
  for (const [verb, cmd] of [['publish', publishSummary], ['unpublish', unpublishSummary]] as const) {
    app.post(`/compliance/institutions/:acronym/cycles/:cycleId/${verb}`, { ...manage, schema: { params: pubParams } }, async (req, reply) => {
      await cmd(ctxOf(req), { cycleId: req.params.cycleId, acronym: req.params.acronym });
      return reply.redirect(`/compliance/institutions/${encodeURIComponent(req.params.acronym)}/scores?cycle=${req.params.cycleId}&done=${verb}ed`, 303);
    });
  }

  // Downloads: every table of the pages as CSV and XLSX, with the caller's visibility.
  const send = async (reply: FastifyReply, sheet: Sheet, format: ExportFormat, name: string) => {
    const out = await render(sheet, format);
    return reply.type(out.type).header('cache-control', 'no-store').header('content-disposition', contentDisposition(`${name}.${format}`)).send(out.body);
  };
  const cycleFor = async (ctx: Ctx, cycle: string | undefined) => {
    const c = chooseCycle(await scoredCycles(ctx), cycle);
    if (!c) throw new AppError(404, 'compliance.scores.noCycle');
    return c;
  };
  for (const format of EXPORT_FORMATS) {
    app.get(`/compliance/league.${format}`, read, async (req, reply) => {
      const ctx = ctxOf(req);
      const cycle = await cycleFor(ctx, req.query.cycle);
      const r = await league(ctx, { cycleId: cycle.id, pageSize: 0, sector: req.query.sector });
      const rows = r.items.map((x) => presentLeagueRow(x, req.lang));
      return send(reply, sheetOf('league', ['rank', 'institution', 'name', 'sector', 'score', 'earned', 'possible', 'answered', 'questions', 'assessmentStatus'], rows), format, `viwango-league-${cycle.code}`);
    });
    app.get(`/compliance/heatmap.${format}`, read, async (req, reply) => {
      const ctx = ctxOf(req);
      const cycle = await cycleFor(ctx, req.query.cycle);
      const groups = await architectureGroups(ctx);
      const r = await heatmap(ctx, { cycleId: cycle.id, pageSize: 0 });
      const rows = r.items.map((x) => presentHeatmapRow(x, req.lang)).map((x) => ({ institution: x.institution, name: x.name, score: x.score, ...Object.fromEntries(groups.map((g) => [g.code, x.groups[g.code] ?? null])) }));
      return send(reply, sheetOf('heatmap', ['institution', 'name', 'score', ...groups.map((g) => g.code)] as never[], rows), format, `viwango-heatmap-${cycle.code}`);
    });
    app.get(`/compliance/sectors.${format}`, read, async (req, reply) => {
      const ctx = ctxOf(req);
      const cycle = await cycleFor(ctx, req.query.cycle);
      const rows = (await sectorRollup(ctx, cycle.id)).map(presentSectorRow);
      return send(reply, sheetOf('sectors', ['sector', 'institutions', 'score'], rows), format, `viwango-sectors-${cycle.code}`);
    });
    app.get(`/compliance/standards/:documentId/requirements.${format}`, { ...read, schema: { params: docParams, querystring: Query } }, async (req, reply) => {
      const v = await standardView(ctxOf(req), req.params.documentId, req.query.cycle);
      if (!v.cycle) throw new AppError(404, 'compliance.scores.noCycle');
      const rows = v.requirements.map((x) => presentRequirementScore(x, req.lang));
      return send(reply, sheetOf('requirements', ['ref', 'text', 'obligation', 'group', 'status', 'score', 'compliant', 'partial', 'nonCompliant', 'notApplicable', 'unanswered'], rows), format, `viwango-requirements-${v.cycle.code}`);
    });
  }
}
