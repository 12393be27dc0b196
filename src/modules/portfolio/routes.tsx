// Portfolio pages: thin handlers that read the request, call a query or a command and render.
import type { App } from '../../platform/http/app.ts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { pageCtx } from '../../web/context.ts';
import { ctxOf } from '../../platform/http/request-context.ts';
import { submitForm } from '../../platform/http/forms.ts';
import { AppError, invalid, notFound } from '../../platform/http/errors.ts';
import { Acronym, FormFields, Id } from '../../platform/http/schemas.ts';
import { readMultipartForm } from '../../platform/http/multipart.ts';
import { contentDisposition } from '../../platform/files/index.ts';
import { permitted, requireVisible } from '../../platform/auth/access.ts';
import { can } from '../../platform/auth/policy.ts';
import { formString, pageNumber } from '../../platform/input.ts';
import { findInstitution } from '../reference/index.ts';
import type { MessageKey } from '../../messages.ts';
import { decideIntegration, institutionPortfolioPolicy, readScope, systemPolicy } from './access.ts';
import { capabilityModel, capabilityName } from './capabilities.ts';
import { catalogue, catalogueInstitutions, capabilityMatrix, confirmationOf, dashboard, integrationMap, integrationRow, publicEServices, publicSharedSystems, sharedChoices, systemCount, systemView, type CatalogueFilters } from './queries.ts';
import { agreementFile, agreementsOf, loadIntegration, uploadAgreement } from './agreements.service.ts';
import { clusterCount, clusters, decideOverlap, overlapState, reuseAdvice } from './overlaps.service.ts';
import { registerSystem, updateSystem } from './systems.service.ts';
import { confirmPortfolio } from './confirmations.service.ts';
import { confirmationYear } from './rules.ts';
import { eserviceInputFromForm, formValues, formValuesOf, integrationFormErrors, integrationInputFromForm, systemInputFromForm } from './form-input.ts';
import { addEService, removeEService } from './eservices.service.ts';
import { addIntegration, removeIntegration } from './integrations.service.ts';
import { CataloguePage, InstitutionPage, type CatalogueFiltersView, type NavLinks } from './views/catalogue.tsx';
import { SystemPage } from './views/system.tsx';
import type { SystemFormsState } from './views/system-forms.tsx';
import { SystemFormPage } from './views/form.tsx';
import { IntegrationPage } from './views/integration.tsx';
import { DashboardPage, MapPage, MatrixPage, OverlapsPage } from './views/national.tsx';
import { EServicesPage, SharedSystemsPage } from './views/public.tsx';

/** A page's query string, or a form's fields: values the handlers read with formString. */
const Query = FormFields();
const IdParams = Type.Object({ id: Id() });
const AcronymParams = Type.Object({ acronym: Acronym() });
/** A system and one of its e-services, or one of its integrations, named in the address. */
const EServiceParams = Type.Object({ id: Id(), eid: Id() });
const IntegrationParams = Type.Object({ id: Id(), gid: Id() });
const yesNoFilter = (v: string) => (v === 'yes' ? true : v === 'no' ? false : undefined);

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

/** Clusters on one page of the overlaps list: a registry of 10,000 systems has about 300, with up to 230 members each. */
const OVERLAPS_PAGE_SIZE = 20;

export async function portfolioRoutes(app: App) {
  const read = { config: { action: 'portfolio:read' as const } };
  const write = { config: { action: 'portfolio:write' as const } };
  const open = { config: { action: 'portfolio:public' as const } };

  app.get('/portfolio', { ...read, schema: { querystring: Query } }, async (req, reply) => {
    const ctx = ctxOf(req);
    const s = (k: string) => formString(req.query[k]).trim().slice(0, 200);
    const view: CatalogueFiltersView = { q: s('q'), capability: s('capability'), institution: s('institution'), sector: s('sector'), hosting: s('hosting'), lifecycle: s('lifecycle'), govesb: s('govesb'), personal_data: s('personal_data') };
    const filters: CatalogueFilters = { ...view, govesb: yesNoFilter(view.govesb), personalData: yesNoFilter(view.personal_data), page: pageNumber(req.query.page) };
    const model = await capabilityModel(ctx);
    const insts = await catalogueInstitutions(ctx);
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

  app.get('/portfolio/eservices', { ...open, schema: { querystring: Query } }, async (req, reply) => {
    const filters = { q: formString(req.query.q).slice(0, 200), audience: formString(req.query.audience).slice(0, 40) };
    const result = await publicEServices(ctxOf(req), { q: filters.q, audience: filters.audience || undefined, page: pageNumber(req.query.page) });
    return reply.page(<EServicesPage ctx={pageCtx(req, reply)} result={result} filters={filters} />);
  });

  app.get('/portfolio/shared', open, async (req, reply) => reply.page(<SharedSystemsPage ctx={pageCtx(req, reply)} items={await publicSharedSystems(ctxOf(req))} />));

  const institutionOf = async (req: FastifyRequest, acronym: string) => {
    const inst = await findInstitution(app.db.orm, acronym);
    return requireVisible(req.actor, institutionPortfolioPolicy, inst ? { ...inst, institutionId: inst.id } : undefined);
  };

  async function institutionPage(req: FastifyRequest, reply: FastifyReply, acronym: string, notice?: MessageKey) {
    const ctx = ctxOf(req);
    const inst = await institutionOf(req, acronym);
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

  app.get('/portfolio/institutions/:acronym', { ...read, schema: { params: AcronymParams } }, async (req, reply) => institutionPage(req, reply, req.params.acronym));

  app.post('/portfolio/institutions/:acronym/confirm', { config: { action: 'portfolio:confirm' }, schema: { params: AcronymParams } }, async (req, reply) => {
    const inst = await institutionOf(req, req.params.acronym);
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

  /** The institution a new system is registered for: named in the address or the form, else the caller's own. */
  const newTarget = async (req: FastifyRequest, query: Record<string, unknown>, body: Record<string, unknown> = {}) => {
    const acronym = formString(query.institution) || formString(body.institution) || req.actor?.roles.find((g) => g.institutionAcronym && can(req.actor, 'portfolio:write', { institutionId: g.institutionId }))?.institutionAcronym || '';
    const inst = await findInstitution(app.db.orm, acronym);
    const visible = requireVisible(req.actor, institutionPortfolioPolicy, inst ? { ...inst, institutionId: inst.id } : undefined);
    return visible;
  };

  app.get('/portfolio/systems/new', { ...write, schema: { querystring: Query } }, async (req, reply) => {
    const inst = await newTarget(req, req.query);
    return formPage(req, reply, { institution: inst, values: { lifecycle: 'production', hosting: 'govdc', institution: inst.acronym }, action: `/portfolio/systems/new?institution=${encodeURIComponent(inst.acronym)}`, title: req.t('portfolio.register'), cancel: `/portfolio/institutions/${encodeURIComponent(inst.acronym)}` });
  });

  app.post('/portfolio/systems/new', { ...write, schema: { querystring: Query, body: Query } }, async (req, reply) => {
    const body = req.body;
    const inst = await newTarget(req, req.query, body);
    const base = { institution: inst, values: formValues(body), action: `/portfolio/systems/new?institution=${encodeURIComponent(inst.acronym)}`, title: req.t('portfolio.register'), cancel: `/portfolio/institutions/${encodeURIComponent(inst.acronym)}` };
    if (body.check === '1') return formPage(req, reply, { ...base, advice: true });
    const r = await submitForm(() => registerSystem(ctxOf(req), { ...systemInputFromForm(body), institutionId: inst.id }));
    if (!r.ok) return formPage(req, reply, { ...base, errors: r.errors, status: r.status, advice: true });
    return reply.redirect(`/portfolio/systems/${r.value.id}?saved=1`, 303);
  });

  /** A system's page; after a refused e-service or integration form, with that form as it was typed (422). */
  async function systemPage(req: FastifyRequest, reply: FastifyReply, id: string, extra: { saved?: boolean; removed?: boolean; forms?: SystemFormsState; status?: number } = {}) {
    const ctx = ctxOf(req);
    const v = await systemView(ctx, id);
    const allowed = permitted(req.actor, systemPolicy, v.system);
    return reply.page(
      <SystemPage
        ctx={pageCtx(req, reply)}
        {...v}
        overlaps={await clusters(ctx, { systemId: v.system.id })}
        can={{ readDetails: allowed.readDetails, edit: allowed.edit }}
        saved={extra.saved}
        removed={extra.removed}
        forms={extra.forms}
      />,
      extra.status ?? 200,
    );
  }

  app.get('/portfolio/systems/:id', { ...read, schema: { params: IdParams, querystring: Query } }, async (req, reply) =>
    systemPage(req, reply, req.params.id, { saved: formString(req.query.saved) === '1', removed: formString(req.query.removed) === '1' }),
  );

  /** The system whose page a form was posted from, when the caller may edit it; 404 otherwise (as for the edit page). */
  const editableSystem = async (req: FastifyRequest, id: string) => {
    const v = await systemView(ctxOf(req), id);
    if (!permitted(req.actor, systemPolicy, v.system).edit) throw notFound();
    return v;
  };
  const sectionHref = (id: string, section: 'eservices' | 'integrations', done: 'saved' | 'removed') => `/portfolio/systems/${id}?${done}=1#${section}-h`;

  // E-services and integrations from the system's page (issue 9, item 3): each form re-renders the page
  // with its field errors, or goes back to its section.
  app.post('/portfolio/systems/:id/eservices', { ...write, schema: { params: IdParams, body: Query } }, async (req, reply) => {
    const v = await editableSystem(req, req.params.id);
    const r = await submitForm(() => addEService(ctxOf(req), { ...eserviceInputFromForm(req.body), systemId: v.system.id }));
    if (!r.ok) return systemPage(req, reply, v.system.id, { status: r.status, forms: { form: 'eservice', errors: r.errors, values: formValues(req.body), channels: eserviceInputFromForm(req.body).channels ?? [] } });
    return reply.redirect(sectionHref(v.system.id, 'eservices', 'saved'), 303);
  });

  app.post('/portfolio/systems/:id/eservices/:eid/remove', { ...write, schema: { params: EServiceParams, body: Query } }, async (req, reply) => {
    const v = await editableSystem(req, req.params.id);
    if (!v.eservices.some((e) => e.id === req.params.eid)) throw notFound();
    await removeEService(ctxOf(req), { id: req.params.eid });
    return reply.redirect(sectionHref(v.system.id, 'eservices', 'removed'), 303);
  });

  app.post('/portfolio/systems/:id/integrations', { ...write, schema: { params: IdParams, body: Query } }, async (req, reply) => {
    const v = await editableSystem(req, req.params.id);
    const r = await submitForm(async () => {
      const input = integrationInputFromForm(v.system.id, req.body);
      if (!input) throw invalid({ role: 'portfolio.field.role' });
      return addIntegration(ctxOf(req), input);
    });
    if (!r.ok) return systemPage(req, reply, v.system.id, { status: r.status, forms: { form: 'integration', errors: integrationFormErrors(r.errors), values: formValues(req.body), channels: [] } });
    return reply.redirect(sectionHref(v.system.id, 'integrations', 'saved'), 303);
  });

  app.post('/portfolio/systems/:id/integrations/:gid/remove', { ...write, schema: { params: IntegrationParams, body: Query } }, async (req, reply) => {
    const v = await editableSystem(req, req.params.id);
    if (!v.integrations.some((g) => g.id === req.params.gid)) throw notFound();
    await removeIntegration(ctxOf(req), { id: req.params.gid });
    return reply.redirect(sectionHref(v.system.id, 'integrations', 'removed'), 303);
  });

  const editTarget = (req: FastifyRequest, id: string) => systemView(ctxOf(req), id);

  app.get('/portfolio/systems/:id/edit', { ...write, schema: { params: IdParams } }, async (req, reply) => {
    const v = await editTarget(req, req.params.id);
    const action = `/portfolio/systems/${v.system.id}/edit`;
    if (!permitted(req.actor, systemPolicy, v.system).edit) return reply.callNotFound();
    return formPage(req, reply, { institution: { id: v.institution.id, acronym: v.institution.acronym }, values: formValuesOf(v.system, v.uses?.code ?? null), action, title: `${req.t('portfolio.edit')}: ${v.system.name}`, cancel: `/portfolio/systems/${v.system.id}` });
  });

  app.post('/portfolio/systems/:id/edit', { ...write, schema: { params: IdParams, body: Query } }, async (req, reply) => {
    const v = await editTarget(req, req.params.id);
    const body = req.body;
    const base = { institution: { id: v.institution.id, acronym: v.institution.acronym }, values: formValues(body), action: `/portfolio/systems/${v.system.id}/edit`, title: `${req.t('portfolio.edit')}: ${v.system.name}`, cancel: `/portfolio/systems/${v.system.id}` };
    if (body.check === '1') return formPage(req, reply, { ...base, advice: true });
    try {
      const r = await submitForm(() => updateSystem(ctxOf(req), { ...systemInputFromForm(body), id: v.system.id, revision: Number(formString(body.revision)) }));
      if (!r.ok) return formPage(req, reply, { ...base, errors: r.errors, status: r.status });
    } catch (err) {
      if (err instanceof AppError && err.key === 'portfolio.conflict') {
        const fresh = await editTarget(req, req.params.id);
        return formPage(req, reply, { ...base, values: { ...formValues(body), revision: String(fresh.system.revision) }, conflict: true, status: 409 });
      }
      throw err;
    }
    return reply.redirect(`/portfolio/systems/${v.system.id}?saved=1`, 303);
  });

  app.get('/portfolio/overlaps', { ...read, schema: { querystring: Query } }, async (req, reply) => {
    const ctx = ctxOf(req);
    // Institution staff see the clusters their own systems are in; everyone a page at a time.
    const page = pageNumber(req.query.page);
    const shown = await clusters(ctx, { scoped: true, limit: OVERLAPS_PAGE_SIZE, offset: (page - 1) * OVERLAPS_PAGE_SIZE });
    const total = await clusterCount(ctx, { scoped: true });
    return reply.page(<OverlapsPage ctx={pageCtx(req, reply)} nav={navFor(req)} clusters={shown} page={page} pages={Math.ceil(total / OVERLAPS_PAGE_SIZE)} state={await overlapState(ctx)} systems={await systemCount(ctx)} canDecide={can(req.actor, 'portfolio:review')} />);
  });

  app.post('/portfolio/overlaps/decide', { config: { action: 'portfolio:review' }, schema: { body: Query } }, async (req, reply) => {
    const body = req.body;
    const ids = [body.systems].flat().filter((x): x is string => typeof x === 'string');
    await decideOverlap(ctxOf(req), { systemIds: ids, verdict: formString(body.verdict), note: formString(body.note) });
    return reply.redirect('/portfolio/overlaps', 303);
  });

  app.get('/portfolio/matrix', read, async (req, reply) => {
    const ctx = ctxOf(req);
    const model = await capabilityModel(ctx);
    return reply.page(<MatrixPage ctx={pageCtx(req, reply)} nav={navFor(req)} domains={model.map((d) => ({ code: d.code, name: capabilityName(d, req.lang) }))} cells={await capabilityMatrix(ctx)} />);
  });

  app.get('/portfolio/map', { ...read, schema: { querystring: Query } }, async (req, reply) => {
    const institution = formString(req.query.institution).slice(0, 40) || undefined;
    return reply.page(<MapPage ctx={pageCtx(req, reply)} nav={navFor(req)} rows={await integrationMap(ctxOf(req), { institution })} />);
  });

  app.get('/portfolio/dashboard', read, async (req, reply) => {
    const ctx = ctxOf(req);
    const model = await capabilityModel(ctx);
    const names = new Map(model.map((d) => [d.code, capabilityName(d, req.lang)]));
    return reply.page(<DashboardPage ctx={pageCtx(req, reply)} nav={navFor(req)} d={await dashboard(ctx)} domainName={(c) => names.get(c) ?? c} />);
  });

  // One integration, with its data-sharing agreement file (decision 0215).
  async function integrationPage(req: FastifyRequest, reply: FastifyReply, id: string, extra: { errors?: Record<string, MessageKey>; status?: number; saved?: boolean } = {}) {
    const ctx = ctxOf(req);
    const sides = await loadIntegration(ctx, id);
    const row = await integrationRow(ctx, sides.integration.id);
    if (!row) throw new AppError(404, 'error.notFound.title');
    return reply.page(
      <IntegrationPage
        ctx={pageCtx(req, reply)}
        integration={row}
        agreements={await agreementsOf(ctx, row.id)}
        currentSha256={sides.integration.agreementSha256}
        canEdit={decideIntegration(req.actor, 'edit', sides).ok}
        errors={extra.errors}
        saved={extra.saved}
      />,
      extra.status ?? 200,
    );
  }

  app.get('/portfolio/integrations/:id', { ...read, schema: { params: IdParams, querystring: Query } }, async (req, reply) => integrationPage(req, reply, req.params.id, { saved: formString(req.query.saved) === '1' }));

  // The form is multipart: the CSRF token travels first in its body (platform/http/multipart.ts).
  app.post('/portfolio/integrations/:id/agreement', { ...write, schema: { params: IdParams } }, async (req, reply) => {
    const { file } = await readMultipartForm(req);
    const r = await submitForm(async () => {
      if (!file) throw new AppError(422, 'error.summary', undefined, { file: 'portfolio.agreement.empty' });
      return uploadAgreement(ctxOf(req), { integrationId: req.params.id, fileName: file.filename, bytes: file.buffer });
    });
    if (!r.ok) return integrationPage(req, reply, req.params.id, { errors: r.errors, status: r.status });
    return reply.redirect(`/portfolio/integrations/${req.params.id}?saved=1#agreement-h`, 303);
  });

  app.get('/portfolio/integrations/:id/agreement', { ...read, schema: { params: IdParams, querystring: Type.Object({ version: Type.Optional(Id({ description: 'An earlier file; the current one when omitted' })) }) } }, async (req, reply) => {
    const { agreement, stream } = await agreementFile(ctxOf(req), req.params.id, req.query.version);
    return reply.type(agreement.fileType).header('content-disposition', contentDisposition(agreement.fileName)).header('x-content-type-options', 'nosniff').send(stream);
  });
}
