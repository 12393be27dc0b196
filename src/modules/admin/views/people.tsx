// The people list with its filters, and the invitation form.
import type { PageCtx } from '../../../web/context.ts';
import { Layout } from '../../../web/layout.tsx';
import { Button, Csrf, ErrorSummary, Select, TextInput, type FieldErrors } from '../../../web/components/forms.tsx';
import { ROLES, type RoleGrant } from '../../../platform/auth/actor.ts';
import type { MessageKey } from '../../../messages.ts';
import { PEOPLE_PAGE_SIZE, type Paged, type PersonRow } from '../people.service.ts';
import { AdminSections, Email, FilterForm, Pagination, Showing, TableWrap } from './parts.tsx';

export interface InstitutionOption {
  id: string;
  acronym: string;
  nameSw: string;
  nameEn: string;
}

export function institutionSelectOptions(ctx: PageCtx, list: InstitutionOption[], emptyKey: MessageKey) {
  return [{ value: '', label: ctx.t(emptyKey) }, ...list.map((i) => ({ value: i.id, label: `${i.acronym} — ${ctx.lang === 'sw' ? i.nameSw : i.nameEn}` }))];
}

export function roleOptions(ctx: PageCtx, emptyKey: MessageKey) {
  return [{ value: '', label: ctx.t(emptyKey) }, ...ROLES.map((r) => ({ value: r, label: ctx.t(`role.${r}`) }))];
}

export function GrantList({ ctx, grants }: { ctx: PageCtx; grants: RoleGrant[] }) {
  return (
    <ul class="govuk-list govuk-!-margin-bottom-0">
      {grants.map((g) => (
        <li>
          {ctx.t(`role.${g.role}`)}
          {g.institutionAcronym ? ` — ${g.institutionAcronym}` : ''}
        </li>
      ))}
    </ul>
  );
}

export interface PeopleView {
  result: Paged<PersonRow>;
  filter: { q: string; role: string; institution: string; status: string };
  institutions: InstitutionOption[];
}

export function PeoplePage({ ctx, v }: { ctx: PageCtx; v: PeopleView }) {
  const { t, f } = ctx;
  return (
    <Layout ctx={ctx} title={t('admin.people.title')}>
      <AdminSections ctx={ctx} />
      <h1 class="govuk-heading-xl">{t('admin.people.title')}</h1>
      <p class="govuk-body-l">{t('admin.people.lead')}</p>
      <a class="govuk-button" data-module="govuk-button" href="/admin/people/new" role="button">
        {t('admin.people.invite')}
      </a>
      <FilterForm ctx={ctx} action="/admin/people" clearHref="/admin/people">
        <TextInput ctx={ctx} name="q" label={t('admin.people.search')} value={v.filter.q} type="search" spellcheck={false} />
        <Select ctx={ctx} name="role" label={t('admin.people.role')} value={v.filter.role} options={roleOptions(ctx, 'admin.people.anyRole')} />
        <Select ctx={ctx} name="institution" label={t('admin.people.institution')} value={v.filter.institution} options={institutionSelectOptions(ctx, v.institutions, 'admin.people.anyInstitution')} />
        <Select
          ctx={ctx}
          name="status"
          label={t('admin.people.status')}
          value={v.filter.status}
          options={[
            { value: '', label: t('admin.status.any') },
            { value: 'active', label: t('admin.status.active') },
            { value: 'inactive', label: t('admin.status.inactive') },
          ]}
        />
      </FilterForm>
      <Showing ctx={ctx} page={v.result.page} size={PEOPLE_PAGE_SIZE} total={v.result.total} />
      {v.result.items.length > 0 && (
        <TableWrap>
          <table class="govuk-table" id="people">
            <caption class="govuk-table__caption govuk-visually-hidden">{t('admin.people.title')}</caption>
            <thead class="govuk-table__head">
              <tr class="govuk-table__row">
                <th scope="col" class="govuk-table__header">{t('admin.people.name')}</th>
                <th scope="col" class="govuk-table__header">{t('admin.people.roles')}</th>
                <th scope="col" class="govuk-table__header">{t('admin.people.status')}</th>
                <th scope="col" class="govuk-table__header">{t('admin.people.lastLogin')}</th>
              </tr>
            </thead>
            <tbody class="govuk-table__body">
              {v.result.items.map((p) => (
                <tr class="govuk-table__row">
                  <td class="govuk-table__cell">
                    <a class="govuk-link" href={`/admin/people/${p.id}`}>
                      {p.name}
                    </a>
                    <br />
                    <span class="vw-muted govuk-body-s">
                      <Email address={p.email} />
                    </span>
                  </td>
                  <td class="govuk-table__cell">
                    <GrantList ctx={ctx} grants={p.grants} />
                  </td>
                  <td class="govuk-table__cell">
                    {p.active ? <strong class="govuk-tag govuk-tag--green">{t('admin.status.active')}</strong> : <strong class="govuk-tag govuk-tag--grey">{t('admin.status.inactive')}</strong>}
                  </td>
                  <td class="govuk-table__cell">{p.lastLoginAt ? f.dateTime(p.lastLoginAt) : t('admin.people.never')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      <Pagination ctx={ctx} page={v.result.page} pages={v.result.pages} />
    </Layout>
  );
}

export interface InviteView {
  form: Record<string, string>;
  institutions: InstitutionOption[];
  errors?: FieldErrors;
}

export function InvitePage({ ctx, v }: { ctx: PageCtx; v: InviteView }) {
  const { t } = ctx;
  const form = v.form;
  return (
    <Layout ctx={ctx} title={t('admin.people.invite')}>
      <a class="govuk-back-link" href="/admin/people">
        {t('common.back')}
      </a>
      <ErrorSummary ctx={ctx} errors={v.errors} />
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <h1 class="govuk-heading-xl">{t('admin.people.invite')}</h1>
          <p class="govuk-body">{t('admin.people.inviteLead')}</p>
          <form method="post" action="/admin/people/new" novalidate>
            <Csrf ctx={ctx} />
            <TextInput ctx={ctx} name="name" label={t('admin.people.name')} value={form.name} errors={v.errors} autocomplete="off" spellcheck={false} />
            <TextInput ctx={ctx} name="email" label={t('admin.people.email')} value={form.email} errors={v.errors} type="email" autocomplete="off" spellcheck={false} />
            <Select
              ctx={ctx}
              name="lang"
              label={t('admin.people.lang')}
              value={form.lang || 'sw'}
              errors={v.errors}
              options={[
                { value: 'sw', label: t('admin.lang.sw') },
                { value: 'en', label: t('admin.lang.en') },
              ]}
            />
            <Select ctx={ctx} name="role" label={t('admin.people.role')} value={form.role} errors={v.errors} options={roleOptions(ctx, 'admin.people.chooseRole')} />
            <Select
              ctx={ctx}
              name="institution"
              label={t('admin.people.institution')}
              hint={t('admin.people.institutionHint')}
              value={form.institution}
              errors={v.errors}
              options={institutionSelectOptions(ctx, v.institutions, 'admin.people.noInstitution')}
            />
            <Button>{t('admin.people.sendInvite')}</Button>
          </form>
        </div>
      </div>
    </Layout>
  );
}
