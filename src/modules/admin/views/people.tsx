// The people list with its filters, and the invitation form.
import type { PageCtx } from '../../../web/context.ts';
import { Layout } from '../../../web/layout.tsx';
import { Button, Csrf, ErrorSummary, Select, TextInput, type FieldErrors } from '../../../web/components/forms.tsx';
import { ROLES, type RoleGrant } from '../../../platform/auth/actor.ts';
import type { MessageKey } from '../../../messages.ts';
import { PEOPLE_PAGE_SIZE, type Paged, type PersonRow } from '../people.service.ts';
import { ActiveFilter, ActiveTag, AdminSections, Email, FilterForm, Pagination, Showing } from './parts.tsx';
import { DataTable } from '../../../web/components/table.tsx';

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
        <ActiveFilter ctx={ctx} label={t('admin.people.status')} value={v.filter.status} />
      </FilterForm>
      <Showing ctx={ctx} page={v.result.page} size={PEOPLE_PAGE_SIZE} total={v.result.total} />
      {v.result.items.length > 0 && (
        <DataTable
          id="people"
          caption={t('admin.people.title')}
          rows={v.result.items}
          columns={[
            {
              head: t('admin.people.name'),
              cell: (p) => (
                <>
                  <a class="govuk-link" href={`/admin/people/${p.id}`}>
                    {p.name}
                  </a>
                  <br />
                  <span class="vw-muted govuk-body-s">
                    <Email address={p.email} />
                  </span>
                </>
              ),
            },
            { head: t('admin.people.roles'), cell: (p) => <GrantList ctx={ctx} grants={p.grants} /> },
            { head: t('admin.people.status'), cell: (p) => <ActiveTag ctx={ctx} active={p.active} /> },
            { head: t('admin.people.lastLogin'), cell: (p) => (p.lastLoginAt ? f.dateTime(p.lastLoginAt) : t('admin.people.never')) },
          ]}
        />
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
