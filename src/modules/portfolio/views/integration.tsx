// One integration: its two systems, what it exchanges, on what legal basis, and its data-sharing
// agreement file with the earlier ones; the upload form for whoever may edit either side.
import type { PageCtx } from '../../../web/context.ts';
import { Layout } from '../../../web/layout.tsx';
import { SummaryRow } from '../../../web/components/lists.tsx';
import { Button, Csrf, ErrorSummary, FileUpload, type FieldErrors } from '../../../web/components/forms.tsx';
import type { IntegrationRow } from '../queries.ts';
import type { IntegrationAgreement } from '../schema.ts';
import { agreementHref, integrationHref, label, systemHref } from './common.tsx';

export interface IntegrationPageProps {
  ctx: PageCtx;
  integration: IntegrationRow;
  /** Every agreement file, oldest first; the current one is the integration's. */
  agreements: IntegrationAgreement[];
  currentSha256: string | null;
  canEdit: boolean;
  errors?: FieldErrors;
  saved?: boolean;
}

function AgreementLine({ ctx, a }: { ctx: PageCtx; a: IntegrationAgreement }) {
  return (
    <span class="govuk-body-s vw-muted">
      {ctx.t('portfolio.agreement.uploaded', { at: ctx.f.dateTime(a.uploadedAt), who: a.uploadedLabel, size: ctx.f.number(Math.max(1, Math.round(a.size / 1024))) })}
    </span>
  );
}

export function IntegrationPage(p: IntegrationPageProps) {
  const { ctx, integration: g } = p;
  const { t } = ctx;
  const current = [...p.agreements].reverse().find((a) => a.sha256 === p.currentSha256);
  const earlier = p.agreements.filter((a) => a !== current).reverse();
  const title = t('portfolio.integration.title', { provider: g.provider, consumer: g.consumer });
  return (
    <Layout ctx={ctx} title={title}>
      <nav class="govuk-breadcrumbs" aria-label={t('portfolio.breadcrumbs')}>
        <ol class="govuk-breadcrumbs__list">
          <li class="govuk-breadcrumbs__list-item"><a class="govuk-breadcrumbs__link" href="/portfolio">{t('portfolio.title')}</a></li>
          <li class="govuk-breadcrumbs__list-item"><a class="govuk-breadcrumbs__link" href={systemHref(g.providerId)}>{g.provider}</a></li>
        </ol>
      </nav>
      {p.saved && <div class="govuk-inset-text" role="status">{t('portfolio.agreement.saved')}</div>}
      <ErrorSummary ctx={ctx} errors={p.errors} />
      <span class="govuk-caption-l">{t('portfolio.integration.caption')}</span>
      <h1 class="govuk-heading-xl">{title}</h1>
      <h2 class="govuk-heading-m">{t('portfolio.integration.details')}</h2>
      <dl class="govuk-summary-list">
        <SummaryRow k={t('portfolio.col.provider')}><a class="govuk-link" href={systemHref(g.providerId)}>{g.provider}</a> ({g.providerInstitution})</SummaryRow>
        <SummaryRow k={t('portfolio.col.consumer')}><a class="govuk-link" href={systemHref(g.consumerId)}>{g.consumer}</a> ({g.consumerInstitution})</SummaryRow>
        <SummaryRow k={t('portfolio.col.data')}>{g.dataExchanged}</SummaryRow>
        <SummaryRow k={t('portfolio.col.channel')}>{label(ctx, 'portfolio.ichannel', g.channel)}</SummaryRow>
        <SummaryRow k={t('portfolio.col.status')}>{label(ctx, 'portfolio.istatus', g.status)}</SummaryRow>
        <SummaryRow k={t('portfolio.integration.legalBasis')}>{g.legalBasis || '—'}</SummaryRow>
      </dl>

      <h2 class="govuk-heading-m" id="agreement-h">{t('portfolio.agreement.title')}</h2>
      <p class="govuk-body">{t('portfolio.agreement.lead')}</p>
      {current ? (
        <p class="govuk-body" id="agreement-current">
          {t('portfolio.agreement.current')}: <a class="govuk-link" href={agreementHref(g.id)} download>{current.fileName}</a>
          <br />
          <AgreementLine ctx={ctx} a={current} />
        </p>
      ) : (
        <p class="govuk-body">{t('portfolio.agreement.none')}</p>
      )}
      {earlier.length > 0 && (
        <>
          <h3 class="govuk-heading-s">{t('portfolio.agreement.earlier')}</h3>
          <ul class="govuk-list" id="agreement-earlier">
            {earlier.map((a) => (
              <li>
                <a class="govuk-link" href={agreementHref(g.id, a.id)} download>{a.fileName}</a> <AgreementLine ctx={ctx} a={a} />
              </li>
            ))}
          </ul>
        </>
      )}
      {p.canEdit && (
        <form method="post" action={`${integrationHref(g.id)}/agreement`} enctype="multipart/form-data" novalidate>
          <Csrf ctx={ctx} />
          <FileUpload ctx={ctx} name="file" label={t('portfolio.agreement.file')} labelSize="s" hint={t('portfolio.agreement.fileHint')} errors={p.errors} accept=".pdf,.docx,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document" />
          <Button secondary={!!current}>{t(current ? 'portfolio.agreement.replace' : 'portfolio.agreement.upload')}</Button>
        </form>
      )}
    </Layout>
  );
}
