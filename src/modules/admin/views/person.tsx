// One person: details, roles (add and remove), and account actions.
import type { PageCtx } from '../../../web/context.ts';
import { Layout } from '../../../web/layout.tsx';
import { Button, Csrf, ErrorSummary, Notice, Select, type FieldErrors } from '../../../web/components/forms.tsx';
import type { RoleGrant } from '../../../platform/auth/actor.ts';
import type { MessageKey } from '../../../messages.ts';
import type { User } from '../../identity/index.ts';
import { institutionSelectOptions, roleOptions, type InstitutionOption } from './people.tsx';
import { AdminSections, SummaryRow as Row } from './parts.tsx';

export interface PersonView {
  user: User;
  grants: RoleGrant[];
  institutions: InstitutionOption[];
  notice?: MessageKey;
  errors?: FieldErrors;
  form?: Record<string, string>;
}

export function PersonPage({ ctx, v }: { ctx: PageCtx; v: PersonView }) {
  const { t, f } = ctx;
  const u = v.user;
  const base = `/admin/people/${u.id}`;
  const self = ctx.actor?.userId === u.id;
  return (
    <Layout ctx={ctx} title={u.name}>
      <AdminSections ctx={ctx} />
      <a class="govuk-back-link" href="/admin/people">
        {t('admin.people.title')}
      </a>
      {v.notice && (
        <Notice ctx={ctx} success>
          <p class="govuk-notification-banner__heading">{t(v.notice, { email: u.email })}</p>
        </Notice>
      )}
      <ErrorSummary ctx={ctx} errors={v.errors} />
      <h1 class="govuk-heading-xl vw-break">{u.name}</h1>

      <h2 class="govuk-heading-m">{t('admin.people.details')}</h2>
      <dl class="govuk-summary-list">
        <Row k={t('admin.people.email')}>
          <span class="vw-break">{u.email}</span>
        </Row>
        <Row k={t('admin.people.status')}>
          {u.active ? <strong class="govuk-tag govuk-tag--green">{t('admin.status.active')}</strong> : <strong class="govuk-tag govuk-tag--grey">{t('admin.status.inactive')}</strong>}
        </Row>
        <Row k={t('admin.people.lang')}>{t(u.lang === 'en' ? 'admin.lang.en' : 'admin.lang.sw')}</Row>
        <Row k={t('admin.people.password')}>{u.passwordHash ? t('admin.people.passwordSet') : t('admin.people.passwordPending')}</Row>
        <Row k={t('admin.people.twoFactor')}>{u.totpEnabledAt ? t('admin.people.on') : t('admin.people.off')}</Row>
        <Row k={t('admin.people.lastLogin')}>{u.lastLoginAt ? f.dateTime(u.lastLoginAt) : t('admin.people.never')}</Row>
        <Row k={t('admin.people.created')}>{f.dateTime(u.createdAt)}</Row>
      </dl>

      <h2 class="govuk-heading-m" id="roles">
        {t('admin.people.roles')}
      </h2>
      <dl class="govuk-summary-list">
        {v.grants.map((g) => (
          <div class="govuk-summary-list__row">
            <dt class="govuk-summary-list__key">{t(`role.${g.role}`)}</dt>
            <dd class="govuk-summary-list__value">{g.institutionAcronym ?? '—'}</dd>
            <dd class="govuk-summary-list__actions">
              <form method="post" action={`${base}/grants/remove`}>
                <Csrf ctx={ctx} />
                <input type="hidden" name="role" value={g.role} />
                <input type="hidden" name="institution" value={g.institutionId ?? ''} />
                <button type="submit" class="vw-admin-linkbutton govuk-link">
                  {t('admin.people.remove')}
                  <span class="govuk-visually-hidden">
                    {' '}
                    {t(`role.${g.role}`)} {g.institutionAcronym ?? ''}
                  </span>
                </button>
              </form>
            </dd>
          </div>
        ))}
      </dl>
      <details class="govuk-details" open={!!(v.errors && ('role' in v.errors || 'institution' in v.errors))}>
        <summary class="govuk-details__summary">
          <span class="govuk-details__summary-text">{t('admin.people.addRole')}</span>
        </summary>
        <div class="govuk-details__text">
          <form method="post" action={`${base}/grants`} novalidate>
            <Csrf ctx={ctx} />
            <Select ctx={ctx} name="role" label={t('admin.people.role')} value={v.form?.role} errors={v.errors} options={roleOptions(ctx, 'admin.people.chooseRole')} />
            <Select
              ctx={ctx}
              name="institution"
              label={t('admin.people.institution')}
              hint={t('admin.people.institutionHint')}
              value={v.form?.institution}
              errors={v.errors}
              options={institutionSelectOptions(ctx, v.institutions, 'admin.people.noInstitution')}
            />
            <Button secondary>{t('admin.people.addRole')}</Button>
          </form>
        </div>
      </details>

      <h2 class="govuk-heading-m" id="account">
        {t('admin.people.account')}
      </h2>
      {!u.passwordHash && u.active && (
        <form method="post" action={`${base}/resend`}>
          <Csrf ctx={ctx} />
          <Button secondary>{t('admin.people.resend')}</Button>
        </form>
      )}
      {u.totpEnabledAt && (
        <form method="post" action={`${base}/reset-2fa`}>
          <Csrf ctx={ctx} />
          <p class="govuk-body">{t('admin.people.reset2faHint')}</p>
          <Button secondary>{t('admin.people.reset2fa')}</Button>
        </form>
      )}
      {u.active ? (
        !self && (
          <form method="post" action={`${base}/deactivate`}>
            <Csrf ctx={ctx} />
            <p class="govuk-body">{t('admin.people.deactivateHint')}</p>
            <Button warning>{t('admin.people.deactivate')}</Button>
          </form>
        )
      ) : (
        <form method="post" action={`${base}/activate`}>
          <Csrf ctx={ctx} />
          <Button secondary>{t('admin.people.reactivate')}</Button>
        </form>
      )}
    </Layout>
  );
}
