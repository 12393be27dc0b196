// The authority's settings for every review: the public holidays the working-day clock skips and the
// checklist's criteria. Thin: settings.service.ts judges the forms; here they are read and shown again
// with the field errors.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { App } from '../../platform/http/app.ts';
import { DateOnly, FormFields } from '../../platform/http/schemas.ts';
import { formValues, submitForm } from '../../platform/http/forms.ts';
import { pageCtx } from '../../web/context.ts';
import { ctxOf } from '../../platform/http/request-context.ts';
import { mayAtAll } from '../../platform/auth/access.ts';
import { formString } from '../../platform/input.ts';
import type { FieldErrors } from '../../web/components/forms.tsx';
import { addHoliday, removeHoliday, updateCriterion } from './settings.service.ts';
import { criteriaList, holidayList } from './queries.ts';
import { CriteriaPage, HolidaysPage } from './views/pages.tsx';

export async function settingsRoutes(app: App) {
  const read = { config: { action: 'reviews:read' as const } };
  const manage = { config: { action: 'reviews:manage' as const } };
  const form = { body: FormFields() };

  const holidaysPage = async (req: FastifyRequest, reply: FastifyReply, again: { errors?: FieldErrors; values?: Record<string, string>; status?: number } = {}) =>
    reply.page(<HolidaysPage ctx={pageCtx(req, reply)} rows={await holidayList(ctxOf(req))} canManage={mayAtAll(req.actor, 'reviews:manage')} errors={again.errors} values={again.values} />, again.status ?? 200);
  app.get('/reviews/holidays', read, async (req, reply) => holidaysPage(req, reply));
  app.post('/reviews/holidays', { ...manage, schema: form }, async (req, reply) => {
    const b = req.body;
    const r = await submitForm(() => addHoliday(ctxOf(req), { day: formString(b.day), nameSw: formString(b.nameSw), nameEn: formString(b.nameEn) }));
    if (!r.ok) return holidaysPage(req, reply, { errors: r.errors, values: formValues(b), status: r.status });
    return reply.redirect('/reviews/holidays', 303);
  });
  // A path that names no calendar day names no holiday: 404, as for a day that is not one.
  app.post('/reviews/holidays/:day/remove', { ...manage, schema: { params: Type.Object({ day: DateOnly() }) } }, async (req, reply) => {
    await removeHoliday(ctxOf(req), { day: req.params.day });
    return reply.redirect('/reviews/holidays', 303);
  });

  const criteriaPage = async (req: FastifyRequest, reply: FastifyReply, again: { errors?: FieldErrors; status?: number } = {}) =>
    reply.page(<CriteriaPage ctx={pageCtx(req, reply)} rows={await criteriaList(ctxOf(req))} canManage={mayAtAll(req.actor, 'reviews:manage')} errors={again.errors} />, again.status ?? 200);
  app.get('/reviews/criteria', read, async (req, reply) => criteriaPage(req, reply));
  // Each criterion's row posts its code and revision with weight_<code> and active_<code>.
  app.post('/reviews/criteria', { ...manage, schema: form }, async (req, reply) => {
    const b = req.body;
    const code = formString(b.code).slice(0, 40);
    const r = await submitForm(() => updateCriterion(ctxOf(req), { code, weight: Number(formString(b[`weight_${code}`]) || 'x'), active: formString(b[`active_${code}`]) !== 'no', revision: Number(formString(b.revision)) }));
    if (!r.ok) return criteriaPage(req, reply, { errors: r.errors, status: r.status });
    return reply.redirect('/reviews/criteria', 303);
  });
}
