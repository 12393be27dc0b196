// Institution pages: the register (read: admins, auditors, authority reviewers) and the add/edit
// form (admins only). Validation and auditing live in institutions.service.ts.
import type { App } from '../../platform/http/app.ts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ctxOf } from '../../platform/http/request-context.ts';
import { pageCtx } from '../../web/context.ts';
import type { FieldErrors } from '../../web/components/forms.tsx';
import type { MessageKey } from '../../messages.ts';
import { createInstitution, getInstitutionById, listInstitutions, listMinistries, listSectors, updateInstitution, type InstitutionInput } from './institutions.service.ts';
import { InstitutionFormPage, InstitutionsPage } from './views/institutions.tsx';
import { formString } from '../../platform/input.ts';
import { Type } from 'typebox';
import { Code, FormFields, Id, PageText, Text } from '../../platform/http/schemas.ts';
import { submitForm } from '../../platform/http/forms.ts';

const FIELDS = ['acronym', 'nameSw', 'nameEn', 'type', 'sector', 'parentId', 'region', 'active'] as const;
const readForm = (b: Record<string, unknown>): InstitutionInput => Object.fromEntries(FIELDS.map((k) => [k, formString(b?.[k])])) as unknown as InstitutionInput;

export async function institutionRoutes(app: App) {
  const read = { config: { action: 'institutions:read' as const } };
  const manage = { config: { action: 'institutions:manage' as const } };
  const one = { ...manage, schema: { params: Type.Object({ id: Id() }) } };
  const create = { ...manage, schema: { body: FormFields() } };
  const oneForm = { ...manage, schema: { params: Type.Object({ id: Id() }), body: FormFields() } };

  app.get('/admin/institutions', { ...read, schema: { querystring: Type.Object({ q: Type.Optional(Text(200)), type: Type.Optional(Code()), sector: Type.Optional(Text(200)), status: Type.Optional(Code()), page: Type.Optional(PageText()), done: Type.Optional(Code()) }) } }, async (req, reply) => {
    const q = req.query;
    const filter = { q: formString(q.q), type: formString(q.type), sector: formString(q.sector), status: formString(q.status) };
    const result = await listInstitutions(ctxOf(req), { ...filter, page: Number(formString(q.page)) || 1 });
    const done = formString(q.done);
    const notice: MessageKey | undefined = done === 'created' ? 'admin.inst.created' : done === 'saved' ? 'admin.inst.saved' : undefined;
    return reply.page(<InstitutionsPage ctx={pageCtx(req, reply)} v={{ result, filter, sectors: await listSectors(ctxOf(req)), notice }} />);
  });

  const formPage = async (req: FastifyRequest, reply: FastifyReply, v: { id?: string; acronym?: string; form: Record<string, string>; errors?: FieldErrors }, status = 200) =>
    reply.page(<InstitutionFormPage ctx={pageCtx(req, reply)} v={{ ...v, ministries: await listMinistries(app.db.orm) }} />, status);

  /** Saves through the service; on field errors shows the form again with what was typed. */
  const save = async (req: FastifyRequest, reply: FastifyReply, body: Record<string, unknown>, id?: string) => {
    const input = readForm(body);
    const r = await submitForm(() => (id ? updateInstitution(ctxOf(req), { ...input, id }) : createInstitution(ctxOf(req), input)));
    if (!r.ok) {
      const acronym = id ? (await getInstitutionById(app.db.orm, id)).acronym : undefined;
      return formPage(req, reply, { id, acronym, form: { ...input }, errors: r.errors }, r.status);
    }
    return reply.redirect(`/admin/institutions?done=${id ? 'saved' : 'created'}`, 303);
  };

  app.get('/admin/institutions/new', manage, async (req, reply) => formPage(req, reply, { form: { active: 'true' } }));
  app.post('/admin/institutions/new', create, async (req, reply) => save(req, reply, req.body));

  app.get('/admin/institutions/:id/edit', one, async (req, reply) => {
    const i = await getInstitutionById(app.db.orm, req.params.id);
    const form = { acronym: i.acronym, nameSw: i.nameSw, nameEn: i.nameEn, type: i.type, sector: i.sector, parentId: i.parentId ?? '', region: i.region ?? '', active: String(i.active) };
    return formPage(req, reply, { id: i.id, acronym: i.acronym, form });
  });
  app.post('/admin/institutions/:id/edit', oneForm, async (req, reply) => save(req, reply, req.body, req.params.id));
}
