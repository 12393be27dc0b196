import type { PageCtx } from '../../../web/context.ts';
import { Layout } from '../../../web/layout.tsx';
import { Button, Csrf, ErrorSummary, Notice, TextInput, type FieldErrors } from '../../../web/components/forms.tsx';

function Narrow({ children }: { children: preact.ComponentChildren }) {
  return (
    <div class="govuk-grid-row">
      <div class="govuk-grid-column-two-thirds">{children}</div>
    </div>
  );
}

export function LoginPage({ ctx, email, next, errors, message }: { ctx: PageCtx; email?: string; next?: string; errors?: FieldErrors; message?: string }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('auth.login.title')}>
      <Narrow>
        {message && <Notice ctx={ctx} success>{message}</Notice>}
        <ErrorSummary ctx={ctx} errors={errors} />
        <h1 class="govuk-heading-l">{t('auth.login.title')}</h1>
        <p class="govuk-body">{t('auth.login.lead')}</p>
        {ctx.demoNotice && (
          <div class="govuk-inset-text" id="demo-notice">
            {t('common.demoNotice')}
          </div>
        )}
        <form method="post" action="/login" novalidate>
          <Csrf ctx={ctx} />
          {next && <input type="hidden" name="next" value={next} />}
          <TextInput ctx={ctx} name="email" label={t('auth.login.email')} type="email" autocomplete="username" spellcheck={false} value={email} errors={errors} />
          <TextInput ctx={ctx} name="password" label={t('auth.login.password')} type="password" autocomplete="current-password" errors={errors} />
          <Button>{t('auth.login.submit')}</Button>
        </form>
        <p class="govuk-body">
          <a class="govuk-link" href="/password/forgot">
            {t('auth.login.forgot')}
          </a>
        </p>
      </Narrow>
    </Layout>
  );
}

export function SecondFactorPage({ ctx, errors }: { ctx: PageCtx; errors?: FieldErrors }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('auth.2fa.title')}>
      <Narrow>
        <ErrorSummary ctx={ctx} errors={errors} />
        <h1 class="govuk-heading-l">{t('auth.2fa.title')}</h1>
        <p class="govuk-body">{t('auth.2fa.lead')}</p>
        <form method="post" action="/login/two-factor" novalidate>
          <Csrf ctx={ctx} />
          <TextInput ctx={ctx} name="code" label={t('auth.2fa.code')} autocomplete="one-time-code" inputmode="numeric" spellcheck={false} width="10" errors={errors} />
          <Button>{t('common.continue')}</Button>
        </form>
      </Narrow>
    </Layout>
  );
}

export function EnrolPage({ ctx, qrDataUrl, secret, action, errors }: { ctx: PageCtx; qrDataUrl: string; secret: string; action: string; errors?: FieldErrors }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('auth.2fa.setupTitle')}>
      <Narrow>
        <ErrorSummary ctx={ctx} errors={errors} />
        <h1 class="govuk-heading-l">{t('auth.2fa.setupTitle')}</h1>
        <p class="govuk-body">{t('auth.2fa.setupLead')}</p>
        <p>
          <img src={qrDataUrl} alt={t('auth.2fa.qrAlt')} width={220} height={220} />
        </p>
        <p class="govuk-body">{t('auth.2fa.manual')}</p>
        <p class="govuk-body">
          <code class="vw-code" id="totp-secret">
            {secret}
          </code>
        </p>
        <form method="post" action={action} novalidate>
          <Csrf ctx={ctx} />
          <TextInput ctx={ctx} name="code" label={t('auth.2fa.code')} autocomplete="one-time-code" inputmode="numeric" spellcheck={false} width="10" errors={errors} />
          <Button>{t('auth.2fa.confirm')}</Button>
        </form>
      </Narrow>
    </Layout>
  );
}

export function RecoveryCodesPage({ ctx, codes, next }: { ctx: PageCtx; codes: string[]; next: string }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('auth.2fa.recoveryTitle')}>
      <Narrow>
        <h1 class="govuk-heading-l">{t('auth.2fa.recoveryTitle')}</h1>
        <p class="govuk-body">{t('auth.2fa.recoveryLead')}</p>
        <ul class="govuk-list vw-code" id="recovery-codes">
          {codes.map((c) => (
            <li>{c}</li>
          ))}
        </ul>
        <a class="govuk-button" href={next}>
          {t('common.continue')}
        </a>
      </Narrow>
    </Layout>
  );
}

export function ForgotPage({ ctx, sent, errors, email }: { ctx: PageCtx; sent?: boolean; errors?: FieldErrors; email?: string }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('auth.forgot.title')}>
      <Narrow>
        {sent && <Notice ctx={ctx} success>{t('auth.forgot.sent')}</Notice>}
        <ErrorSummary ctx={ctx} errors={errors} />
        <h1 class="govuk-heading-l">{t('auth.forgot.title')}</h1>
        <p class="govuk-body">{t('auth.forgot.lead')}</p>
        <form method="post" action="/password/forgot" novalidate>
          <Csrf ctx={ctx} />
          <TextInput ctx={ctx} name="email" label={t('auth.login.email')} type="email" autocomplete="username" spellcheck={false} value={email} errors={errors} />
          <Button>{t('auth.forgot.submit')}</Button>
        </form>
      </Narrow>
    </Layout>
  );
}

export function SetPasswordPage({ ctx, title, lead, action, errors }: { ctx: PageCtx; title: string; lead?: string; action: string; errors?: FieldErrors }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={title}>
      <Narrow>
        <ErrorSummary ctx={ctx} errors={errors} />
        <h1 class="govuk-heading-l">{title}</h1>
        {lead && <p class="govuk-body">{lead}</p>}
        <form method="post" action={action} novalidate>
          <Csrf ctx={ctx} />
          <TextInput ctx={ctx} name="password" label={t('auth.reset.password')} hint={t('auth.reset.hint')} type="password" autocomplete="new-password" errors={errors} />
          <TextInput ctx={ctx} name="confirm" label={t('auth.reset.confirm')} type="password" autocomplete="new-password" errors={errors} />
          <Button>{t('auth.reset.submit')}</Button>
        </form>
      </Narrow>
    </Layout>
  );
}

export function LinkGonePage({ ctx, purpose }: { ctx: PageCtx; purpose: 'invite' | 'reset' }) {
  const { t } = ctx;
  const title = t(purpose === 'invite' ? 'auth.link.inviteGone' : 'auth.link.resetGone');
  return (
    <Layout ctx={ctx} title={title}>
      <Narrow>
        <h1 class="govuk-heading-l">{title}</h1>
        <p class="govuk-body">{t(purpose === 'invite' ? 'auth.link.inviteGoneBody' : 'auth.link.resetGoneBody')}</p>
        {purpose === 'reset' && (
          <p class="govuk-body">
            <a class="govuk-link" href="/password/forgot">
              {t('auth.link.requestNew')}
            </a>
          </p>
        )}
      </Narrow>
    </Layout>
  );
}
