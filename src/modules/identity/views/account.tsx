import type { PageCtx } from '../../../web/context.ts';
import { Layout } from '../../../web/layout.tsx';
import { Button, Csrf, ErrorSummary, Notice, Select, TextInput, type FieldErrors } from '../../../web/components/forms.tsx';
import type { User } from '../users.service.ts';
import type { Session } from '../sessions.service.ts';
import type { ApiToken } from '../tokens.service.ts';
import type { MessageKey } from '../../../messages.ts';

export interface AccountView {
  user: User;
  sessions: Session[];
  tokens: ApiToken[];
  /** Institutions for which the person may create service tokens. */
  serviceInstitutions: { id: string; acronym: string }[];
  newToken?: string;
  notice?: MessageKey;
  errors?: FieldErrors;
  form?: Record<string, string>;
}

export function AccountPage({ ctx, v }: { ctx: PageCtx; v: AccountView }) {
  const { t, f, actor } = ctx;
  const acronymOf = new Map(v.serviceInstitutions.map((i) => [i.id, i.acronym]));
  return (
    <Layout ctx={ctx} title={t('account.title')}>
      {v.notice && <Notice ctx={ctx} success>{t(v.notice)}</Notice>}
      {v.newToken && (
        <Notice ctx={ctx} success>
          <p class="govuk-notification-banner__heading">{t('tokens.created')}</p>
          <p class="govuk-body">
            <code class="vw-code" id="new-token">
              {v.newToken}
            </code>
          </p>
        </Notice>
      )}
      <ErrorSummary ctx={ctx} errors={v.errors} />
      <h1 class="govuk-heading-xl">{t('account.title')}</h1>
      <h2 class="govuk-heading-m">{t('account.details')}</h2>
      <dl class="govuk-summary-list">
        <div class="govuk-summary-list__row">
          <dt class="govuk-summary-list__key">{t('account.name')}</dt>
          <dd class="govuk-summary-list__value">{v.user.name}</dd>
        </div>
        <div class="govuk-summary-list__row">
          <dt class="govuk-summary-list__key">{t('account.email')}</dt>
          <dd class="govuk-summary-list__value">{v.user.email}</dd>
        </div>
        <div class="govuk-summary-list__row">
          <dt class="govuk-summary-list__key">{t('account.roles')}</dt>
          <dd class="govuk-summary-list__value">
            <ul class="govuk-list">
              {actor!.roles.map((g) => (
                <li>
                  {t(`role.${g.role}`)}
                  {g.institutionAcronym ? ` — ${g.institutionAcronym}` : ''}
                </li>
              ))}
            </ul>
          </dd>
        </div>
      </dl>

      <h2 class="govuk-heading-m">{t('account.security')}</h2>
      {v.user.totpEnabledAt ? (
        <p class="govuk-body">
          <strong class="govuk-tag govuk-tag--green">{t('auth.2fa.on')}</strong>
        </p>
      ) : (
        <>
          <p class="govuk-body">
            <strong class="govuk-tag govuk-tag--grey">{t('auth.2fa.off')}</strong>
          </p>
          <p class="govuk-body">
            <a class="govuk-link" href="/account/two-factor">
              {t('auth.2fa.enable')}
            </a>
          </p>
        </>
      )}
      <details class="govuk-details" open={!!(v.errors && ('current' in v.errors || 'password' in v.errors))}>
        <summary class="govuk-details__summary">
          <span class="govuk-details__summary-text">{t('account.password')}</span>
        </summary>
        <div class="govuk-details__text">
          <form method="post" action="/account/password" novalidate>
            <Csrf ctx={ctx} />
            <TextInput ctx={ctx} name="current" label={t('account.password.current')} type="password" autocomplete="current-password" errors={v.errors} />
            <TextInput ctx={ctx} name="password" label={t('account.password.new')} hint={t('auth.reset.hint')} type="password" autocomplete="new-password" errors={v.errors} />
            <Button>{t('account.password.submit')}</Button>
          </form>
        </div>
      </details>

      <h2 class="govuk-heading-m">{t('account.sessions')}</h2>
      <table class="govuk-table">
        <caption class="govuk-table__caption govuk-visually-hidden">{t('account.sessions')}</caption>
        <thead class="govuk-table__head">
          <tr class="govuk-table__row">
            <th scope="col" class="govuk-table__header">{t('account.sessions.device')}</th>
            <th scope="col" class="govuk-table__header">{t('account.sessions.address')}</th>
            <th scope="col" class="govuk-table__header">{t('account.sessions.started')}</th>
            <th scope="col" class="govuk-table__header">{t('account.sessions.lastSeen')}</th>
            <th scope="col" class="govuk-table__header">
              <span class="govuk-visually-hidden">{t('common.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody class="govuk-table__body">
          {v.sessions.map((s) => (
            <tr class="govuk-table__row">
              <td class="govuk-table__cell">{(s.userAgent ?? '').slice(0, 60)}</td>
              <td class="govuk-table__cell">{s.ip}</td>
              <td class="govuk-table__cell">{f.dateTime(s.createdAt)}</td>
              <td class="govuk-table__cell">{f.dateTime(s.lastSeenAt)}</td>
              <td class="govuk-table__cell">
                {s.id === actor!.sessionId ? (
                  <strong class="govuk-tag">{t('account.sessions.current')}</strong>
                ) : (
                  <form method="post" action={`/account/sessions/${s.id}/revoke`}>
                    <Csrf ctx={ctx} />
                    <Button secondary>{t('account.sessions.revoke')}</Button>
                  </form>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      <h2 class="govuk-heading-m" id="tokens">
        {t('tokens.title')}
      </h2>
      <p class="govuk-body">{t('tokens.lead')}</p>
      {v.tokens.length === 0 ? (
        <p class="govuk-body">{t('tokens.none')}</p>
      ) : (
        <table class="govuk-table">
          <caption class="govuk-table__caption govuk-visually-hidden">{t('tokens.title')}</caption>
          <thead class="govuk-table__head">
            <tr class="govuk-table__row">
              <th scope="col" class="govuk-table__header">{t('tokens.name')}</th>
              <th scope="col" class="govuk-table__header">{t('tokens.kind')}</th>
              <th scope="col" class="govuk-table__header">{t('tokens.scope')}</th>
              <th scope="col" class="govuk-table__header">{t('tokens.lastUsed')}</th>
              <th scope="col" class="govuk-table__header">{t('tokens.expiresAt')}</th>
              <th scope="col" class="govuk-table__header">
                <span class="govuk-visually-hidden">{t('common.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody class="govuk-table__body">
            {v.tokens.map((tk) => (
              <tr class="govuk-table__row">
                <td class="govuk-table__cell">
                  {tk.name} <span class="vw-muted vw-code">vw_{tk.prefix}_…</span>
                </td>
                <td class="govuk-table__cell">{tk.institutionId ? t('tokens.kind.service', { institution: acronymOf.get(tk.institutionId) ?? '' }) : t('tokens.kind.personal')}</td>
                <td class="govuk-table__cell">{t(tk.scope === 'write' ? 'tokens.scope.write' : 'tokens.scope.read')}</td>
                <td class="govuk-table__cell">{tk.lastUsedAt ? f.dateTime(tk.lastUsedAt) : t('tokens.never')}</td>
                <td class="govuk-table__cell">{tk.expiresAt ? f.date(tk.expiresAt) : t('tokens.noExpiry')}</td>
                <td class="govuk-table__cell">
                  <form method="post" action={`/account/tokens/${tk.id}/revoke`}>
                    <Csrf ctx={ctx} />
                    <Button warning>{t('tokens.revoke')}</Button>
                  </form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form method="post" action="/account/tokens" novalidate>
        <Csrf ctx={ctx} />
        <TextInput ctx={ctx} name="name" label={t('tokens.name')} hint={t('tokens.nameHint')} errors={v.errors} value={v.form?.name} />
        <Select
          ctx={ctx}
          name="scope"
          label={t('tokens.scope')}
          value={v.form?.scope ?? 'read'}
          errors={v.errors}
          options={[
            { value: 'read', label: t('tokens.scope.read') },
            { value: 'write', label: t('tokens.scope.write') },
          ]}
        />
        {v.serviceInstitutions.length > 0 && (
          <Select
            ctx={ctx}
            name="institution"
            label={t('tokens.serviceFor')}
            value={v.form?.institution ?? ''}
            options={[{ value: '', label: t('tokens.serviceNone') }, ...v.serviceInstitutions.map((i) => ({ value: i.id, label: i.acronym }))]}
          />
        )}
        <TextInput ctx={ctx} name="expiresInDays" label={t('tokens.expires')} hint={t('tokens.expiresHint')} inputmode="numeric" width="5" errors={v.errors} value={v.form?.expiresInDays} />
        <Button>{t('tokens.create')}</Button>
      </form>
    </Layout>
  );
}
