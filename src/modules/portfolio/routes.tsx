// Portfolio pages: thin handlers that read the request, call a query or a command and render.
import type { App } from '../../platform/http/app.ts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { pageCtx } from '../../web/context.ts';
import { ctxOf } from '../../platform/http/request-context.ts';
import { submitForm } from '../../platform/http/forms.ts';
import { permitted, requireVisible } from '../../platform/auth/access.ts';
import { can } from '../../platform/auth/policy.ts';
import { formString } from '../../platform/input.ts';
import { findInstitution } from '../reference/index.ts';
import type { MessageKey } from '../../messages.ts';
import { institutionPortfolioPolicy, readScope, systemPolicy } from './access.ts';
import { capabilityModel, capabilityName } from './capabilities.ts';
import { catalogue, capabilityMatrix, confirmationOf, dashboard, integrationMap, publicEServices, publicSharedSystems, sharedChoices, systemView, type CatalogueFilters } from './queries.ts';
import { clusters, decideOverlap, overlapState, reuseAdvice } from './overlaps.service.ts';
import { registerSystem, updateSystem } from './systems.service.ts';
import { confirmPortfolio } from './confirmations.service.ts';
import { confirmationYear } from './rules.ts';
import { formValues, formValuesOf, systemInputFromForm } from './form-input.ts';
import { CataloguePage, InstitutionPage, type CatalogueFiltersView, type NavLinks } from './views/catalogue.tsx';
import { SystemPage } from './views/system.tsx';
import { SystemFormPage } from './views/form.tsx';
import { DashboardPage, MapPage, MatrixPage, OverlapsPage } from './views/national.tsx';
import { EServicesPage, SharedSystemsPage } from './views/public.tsx';
import { institutions } from '../reference/index.ts';
import { systems } from './schema.ts';
import { asc, sql } from 'drizzle-orm';

const q = (req: FastifyRequest) => (req.query ?? {}) as Record<string, unknown>;
const yesNoFilter = (v: string) => (v === 'yes' ? true : v === 'no' ? false : undefined);
const pageOf = (v: unknown) => {
  const n = Number(v);
  return Number.isSafeInteger(n) && n > 0 && n <= 100_000 ? n : 1;
};

/** The section links a person sees, by what they may do. */
function navFor(req: FastifyRequest): NavLinks {
  const actor = req.actor;
  const links: NavLinks['links'] = [{ href: '/portfolio', key: 'portfolio.catalogue' }];
  const own = actor?.roles.find((g) => g.institutionAcronym && can(actor, 'portfolio:read', { institutionId: g.institutionId }));
  if (own?.institutionAcronym) links.push({ href: `/portfolio/institutions/${encodeURIComponent(own.institutionAcronym)}`, key: 'portfolio.myInstitution' });
  links.push({ href: '/portfolio/overlaps', key: 'portfolio.overlaps' });
  if (readScope(actor).all) links.push({ href: '/portfolio/matrix', key: 'portfolio.matrix' }, { href: '/portfolio/dashboard', key: 'portfolio.dashboard' });
  links.push({ href: '/portfolio/map', key: 'portfolio.map' }, { href: '/portfolio/eservices', key: 'portfolio.eservices' }, { href: '/portfolio/shared', key: 'portfolio.shared' });
  return { links };
}

export async function portfolioRoutes(app: App) {
  const read = { config: { action: 'portfolio:read' as const } };
  const write = { config: { action: 'portfolio:write' as const } };
  const open = { config: { action: 'portfolio:public' as const } };

  app.get('/portfolio', read, async (req, reply) => {
    const ctx = ctxOf(req);
    const s = (k: string) => formString(q(req)[k]).trim().slice(0, 200);
    const view: CatalogueFiltersView = { q: s('q'), capability: s('capability'), institution: s('institution'), sector: s('sector'), hosting: s('hosting'), lifecycle: s('lifecycle'), govesb: s('govesb'), personal_data: s('personal_data') };
    const filters: CatalogueFilters = { ...view, govesb: yesNoFilter(view.govesb), personalData: yesNoFilter(view.personal_data), page: pageOf(q(req).page) };
    const model = await capabilityModel(ctx);
    const insts = await ctx.q.selectDistinct({ acronym: institutions.acronym, sector: institutions.sector }).from(institutions).innerJoin(systems, sql`${systems.institutionId} = ${institutions.id}`).orderBy(asc(institutions.acronym));
    return reply.page(
      <CataloguePage
        ctx={pageCtx(req, reply)}
        nav={navFor(req)}
        filters={view}
        result={await catalogue(ctx, filters)}
        capabilities={model.flatMap((d) => [{ code: d.code, label: capabilityName(d, req.lang) }, ...d.capabilities.map((c) => ({ code: c.code, label: capabilityName(c, req.lang) }))])}
        institutions={insts.map((i) => i.acronym)}
        sectors={[...new Set(insts.map((i) => i.sector).filter(Boolean))].sort()}
      />,
    );
  });

  app.get('/portfolio/eservices', open, async (req, reply) => {
    const filters = { q: formString(q(req).q).slice(0, 200), audience: formString(q(req).audience).slice(0, 40) };
    const result = await publicEServices(ctxOf(req), { q: filters.q, audience: filters.audience || undefined, page: pageOf(q(req).page) });
    return reply.page(<EServicesPage ctx={pageCtx(req, reply)} result={result} filters={filters} />);
  });

  app.get('/portfolio/shared', open, async (req, reply) => reply.page(<SharedSystemsPage ctx={pageCtx(req, reply)} items={await publicSharedSystems(ctxOf(req))} />));

  const institutionOf = async (req: FastifyRequest<{ Params: { acronym: string } }>) => {
    const inst = await findInstitution(app.db.orm, req.params.acronym);
    return requireVisible(req.actor, institutionPortfolioPolicy, inst ? { ...inst, institutionId: inst.id } : undefined);
  };

  async function institutionPage(req: FastifyRequest<{ Params: { acronym: string } }>, reply: FastifyReply, notice?: MessageKey) {
    const ctx = ctxOf(req);
    const inst = await institutionOf(req);
    const year = confirmationYear(new Date());
    const conf = await confirmationOf(ctx, inst.id, year);
    const rows = await catalogue(ctx, { institution: inst.acronym, pageSize: 200 });
    return reply.page(
      <InstitutionPage
        ctx={pageCtx(req, reply)}
        nav={navFor(req)}
        institution={{ acronym: inst.acronym, name: req.lang === 'sw' ? inst.nameSw : inst.nameEn }}
        rows={rows.items}
        can={permitted(req.actor, institutionPortfolioPolicy, { institutionId: inst.id })}
        confirmation={conf ? { year: conf.year, name: conf.confirmedName, at: conf.confirmedAt } : null}
        year={year}
        notice={notice}
      />,
    );
  }

  app.get<{ Params: { acronym: string } }>('/portfolio/institutions/:acronym', read, async (req, reply) => institutionPage(req, reply));

  app.post<{ Params: { acronym: string } }>('/portfolio/institutions/:acronym/confirm', { config: { action: 'portfolio:confirm' } }, async (req, reply) => {
    const inst = await institutionOf(req);
    await confirmPortfolio(ctxOf(req), { institutionId: inst.id });
    return reply.redirect(`/portfolio/institutions/${encodeURIComponent(inst.acronym)}`, 303);
  });

  // Registering a system: the form, reuse advice on demand, and saving.
  const formPage = async (req: FastifyRequest, reply: FastifyReply, p: { institution: { id: string; acronym: string }; values: Record<string, string>; action: string; title: string; errors?: Record<string, MessageKey>; advice?: boolean; status?: number; conflict?: boolean; cancel: string }) => {
    const ctx = ctxOf(req);
    const advice = p.advice ? await reuseAdvice(ctx, { institutionId: p.institution.id, ...systemInputFromForm(p.values) }) : undefined;
    return reply.page(
      <SystemFormPage ctx={pageCtx(req, reply)} title={p.title} action={p.action} institution={p.institution.acronym} values={p.values} errors={p.errors} advice={advice} shared={await sharedChoices(ctx)} conflict={p.conflict} cancelHref={p.cancel} />,
      p.status ?? 200,
    );
  };

  const newTarget = async (req: FastifyRequest) => {
    const acronym = formString(q(req).institution) || formString((req.body as Record<string, unknown> | undefined)?.institution) || req.actor?.roles.find((g) => g.institutionAcronym && can(req.actor, 'portfolio:write', { institutionId: g.institutionId }))?.institutionAcronym || '';
    const inst = await findInstitution(app.db.orm, acronym);
    const visible = requireVisible(req.actor, institutionPortfolioPolicy, inst ? { ...inst, institutionId: inst.id } : undefined);
    return visible;
  };

  app.get('/portfolio/systems/new', write, async (req, reply) => {
    const inst = await newTarget(req);
    return formPage(req, reply, { institution: inst, values: { lifecycle: 'production', hosting: 'govdc', institution: inst.acronym }, action: `/portfolio/systems/new?institution=${encodeURIComponent(inst.acronym)}`, title: req.t('portfolio.register'), cancel: `/portfolio/institutions/${encodeURIComponent(inst.acronym)}` });
  });

  app.post('/portfolio/systems/new', write, async (req, reply) => {
    const inst = await newTarget(req);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const base = { institution: inst, values: formValues(body), action: `/portfolio/systems/new?institution=${encodeURIComponent(inst.acronym)}`, title: req.t('portfolio.register'), cancel: `/portfolio/institutions/${encodeURIComponent(inst.acronym)}` };
    if (body.check === '1') return formPage(req, reply, { ...base, advice: true });
    const r = await submitForm(() => registerSystem(ctxOf(req), { ...systemInputFromForm(body), institutionId: inst.id }));
    if (!r.ok) return formPage(req, reply, { ...base, errors: r.errors, status: r.status, advice: true });
    return reply.redirect(`/portfolio/systems/${r.value.id}?saved=1`, 303);
  });

  app.get<{ Params: { id: string } }>('/portfolio/systems/:id', read, async (req, reply) => {
    const ctx = ctxOf(req);
    const v = await systemView(ctx, req.params.id);
    const allowed = permitted(req.actor, systemPolicy, v.system);
    return reply.page(
      <SystemPage
        ctx={pageCtx(req, reply)}
        system={v.system}
        institution={v.institution}
        shared={v.shared}
        uses={v.uses}
        history={v.history}
        eservices={v.eservices}
        integrations={v.integrations}
        overlaps={await clusters(ctx, { systemId: v.system.id })}
        can={{ readDetails: allowed.readDetails, edit: allowed.edit }}
        saved={q(req).saved === '1'}
      />,
    );
  });

  const editTarget = async (req: FastifyRequest<{ Params: { id: string } }>) => {
    const v = await systemView(ctxOf(req), req.params.id);
    return v;
  };

  app.get<{ Params: { id: string } }>('/portfolio/systems/:id/edit', write, async (req, reply) => {
    const v = await editTarget(req);
    const action = `/portfolio/systems/${v.system.id}/edit`;
    if (!permitted(req.actor, systemPolicy, v.system).edit) return reply.callNotFound();
    return formPage(req, reply, { institution: { id: v.institution.id, acronym: v.institution.acronym }, values: formValuesOf(v.system, v.uses?.code ?? null), action, title: `${req.t('portfolio.edit')}: ${v.system.name}`, cancel: `/portfolio/systems/${v.system.id}` });
  });

  app.post<{ Params: { id: string } }>('/portfolio/systems/:id/edit', write, async (req, reply) => {
    const v = await editTarget(req);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const base = { institution: { id: v.institution.id, acronym: v.institution.acronym }, values: formValues(body), action: `/portfolio/systems/${v.system.id}/edit`, title: `${req.t('portfolio.edit')}: ${v.system.name}`, cancel: `/portfolio/systems/${v.system.id}` };
    if (body.check === '1') return formPage(req, reply, { ...base, advice: true });
    try {
      const r = await submitForm(() => updateSystem(ctxOf(req), { ...systemInputFromForm(body), id: v.system.id, revision: Number(formString(body.revision)) }));
      if (!r.ok) return formPage(req, reply, { ...base, errors: r.errors, status: r.status });
    } catch (err) {
      if ((err as { key?: string }).key === 'portfolio.conflict') {
        const fresh = await editTarget(req);
        return formPage(req, reply, { ...base, values: { ...formValues(body), revision: String(fresh.system.revision) }, conflict: true, status: 409 });
      }
      throw err;
    }
    return reply.redirect(`/portfolio/systems/${v.system.id}?saved=1`, 303);
  });

  app.get('/portfolio/overlaps', read, async (req, reply) => {
    const ctx = ctxOf(req);
    const scope = readScope(req.actor);
    const all = await clusters(ctx);
    // Institution staff see the clusters their own systems are in.
    const mine = scope.all ? all : all.filter((c) => c.systems.some((m) => scope.institutions.includes(m.institutionId)));
    const [{ n }] = await ctx.q.select({ n: sql<number>`count(*)::int` }).from(systems);
    return reply.page(<OverlapsPage ctx={pageCtx(req, reply)} nav={navFor(req)} clusters={mine} state={await overlapState(ctx)} systems={n} canDecide={can(req.actor, 'portfolio:review')} />);
  });

  app.post('/portfolio/overlaps/decide', { config: { action: 'portfolio:review' } }, async (req, reply) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const ids = [body.systems].flat().filter((x): x is string => typeof x === 'string');
    await decideOverlap(ctxOf(req), { systemIds: ids, verdict: formString(body.verdict), note: formString(body.note) });
    return reply.redirect('/portfolio/overlaps', 303);
  });

  app.get('/portfolio/matrix', read, async (req, reply) => {
    const ctx = ctxOf(req);
    const model = await capabilityModel(ctx);
    return reply.page(<MatrixPage ctx={pageCtx(req, reply)} nav={navFor(req)} domains={model.map((d) => ({ code: d.code, name: capabilityName(d, req.lang) }))} cells={await capabilityMatrix(ctx)} />);
  });

  app.get('/portfolio/map', read, async (req, reply) => {
    const institution = formString(q(req).institution).slice(0, 40) || undefined;
    return reply.page(<MapPage ctx={pageCtx(req, reply)} nav={navFor(req)} rows={await integrationMap(ctxOf(req), { institution })} />);
  });

  app.get('/portfolio/dashboard', read, async (req, reply) => {
    const ctx = ctxOf(req);
    const model = await capabilityModel(ctx);
    const names = new Map(model.map((d) => [d.code, capabilityName(d, req.lang)]));
    return reply.page(<DashboardPage ctx={pageCtx(req, reply)} nav={navFor(req)} d={await dashboard(ctx)} domainName={(c) => names.get(c) ?? c} />);
  });
}
