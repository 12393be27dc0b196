import type { ComponentChildren } from 'preact';
import type { PageCtx } from '../../../web/context.ts';
import { Layout } from '../../../web/layout.tsx';
import { Button, Csrf, ErrorSummary, Notice, Select, TextInput, type FieldErrors } from '../../../web/components/forms.tsx';
import { SummaryRow } from '../../../web/components/lists.tsx';
import { DataTable } from '../../../web/components/table.tsx';
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

/** A one-button form that ends a session or a token. */
function RevokeForm({ ctx, action, children }: { ctx: PageCtx; action: string; children: ComponentChildren }) {
  return (
    <form method="post" action={action}>
      <Csrf ctx={ctx} />
      {children}
    </form>
  );
}

export function AccountPage({ ctx, v }: { ctx: PageCtx; v: AccountView }) {
  const { t, f, actor } = ctx;
  const acronymOf = new Map(v.serviceInstitutions.map((i) => [i.id, i.acronym]));
  const actions = <span class="govuk-visually-hidden">{t('common.actions')}</span>;
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
        <SummaryRow k={t('account.name')}>{v.user.name}</SummaryRow>
        <SummaryRow k={t('account.email')}>{v.user.email}</SummaryRow>
        <SummaryRow k={t('account.roles')}>
          <ul class="govuk-list">
            {actor!.roles.map((g) => (
              <li>
                {t(`role.${g.role}`)}
                {g.institutionAcronym ? ` — ${g.institutionAcronym}` : ''}
              </li>
            ))}
          </ul>
        </SummaryRow>
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
      <DataTable
        caption={t('account.sessions')}
        rows={v.sessions}
        columns={[
          { head: t('account.sessions.device'), cell: (s) => (s.userAgent ?? '').slice(0, 60) },
          { head: t('account.sessions.address'), cell: (s) => s.ip },
          { head: t('account.sessions.started'), cell: (s) => f.dateTime(s.createdAt) },
          { head: t('account.sessions.lastSeen'), cell: (s) => f.dateTime(s.lastSeenAt) },
          {
            head: actions,
            cell: (s) =>
              s.id === actor!.sessionId ? (
                <strong class="govuk-tag">{t('account.sessions.current')}</strong>
              ) : (
                <RevokeForm ctx={ctx} action={`/account/sessions/${s.id}/revoke`}>
                  <Button secondary>{t('account.sessions.revoke')}</Button>
                </RevokeForm>
              ),
          },
        ]}
      />

      <h2 class="govuk-heading-m" id="tokens">
        {t('tokens.title')}
      </h2>
      <p class="govuk-body">{t('tokens.lead')}</p>
      {v.tokens.length === 0 ? (
        <p class="govuk-body">{t('tokens.none')}</p>
      ) : (
        <DataTable
          caption={t('tokens.title')}
          rows={v.tokens}
          columns={[
            {
              head: t('tokens.name'),
              cell: (tk) => (
                <>
                  {tk.name} <span class="vw-muted vw-code">vw_{tk.prefix}_…</span>
                </>
              ),
            },
            { head: t('tokens.kind'), cell: (tk) => (tk.institutionId ? t('tokens.kind.service', { institution: acronymOf.get(tk.institutionId) ?? '' }) : t('tokens.kind.personal')) },
            { head: t('tokens.scope'), cell: (tk) => t(tk.scope === 'write' ? 'tokens.scope.write' : 'tokens.scope.read') },
            { head: t('tokens.lastUsed'), cell: (tk) => (tk.lastUsedAt ? f.dateTime(tk.lastUsedAt) : t('tokens.never')) },
            { head: t('tokens.expiresAt'), cell: (tk) => (tk.expiresAt ? f.date(tk.expiresAt) : t('tokens.noExpiry')) },
            {
              head: actions,
              cell: (tk) => (
                <RevokeForm ctx={ctx} action={`/account/tokens/${tk.id}/revoke`}>
                  <Button warning>{t('tokens.revoke')}</Button>
                </RevokeForm>
              ),
            },
          ]}
        />
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
