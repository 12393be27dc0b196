// One system: its details (for its institution and the authority), e-services, integrations,
// overlaps with other institutions' systems, and its history.
import type { PageCtx } from '../../../web/context.ts';
import { Layout } from '../../../web/layout.tsx';
import { SummaryRow } from '../../../web/components/lists.tsx';
import { ErrorSummary } from '../../../web/components/forms.tsx';
import type { System, EService } from '../schema.ts';
import type { IntegrationRow } from '../queries.ts';
import type { ClusterView } from '../overlaps.service.ts';
import { EServiceName, eserviceName, institutionHref, IntegrationsTable, label, Reasons, systemHref, tzs, yesNo } from './common.tsx';
import { AddEServiceForm, AddIntegrationForm, eserviceFieldId, integrationFieldId, RemoveButton, type SystemFormsState } from './system-forms.tsx';

export interface SystemPageProps {
  ctx: PageCtx;
  system: System;
  institution: { acronym: string; nameSw: string; nameEn: string };
  shared: { code: string } | null;
  uses: { id: string; code: string; name: string } | null;
  history: { at: Date; actorLabel: string; change: string; fields: Record<string, unknown> }[];
  eservices: EService[];
  integrations: IntegrationRow[];
  overlaps: ClusterView[];
  can: { readDetails: boolean; edit: boolean };
  saved?: boolean;
  removed?: boolean;
  /** The e-service or integration form as it was posted, with its errors (422). */
  forms?: SystemFormsState;
}

/** The file named by a history line that records a new agreement file on an integration. */
function agreementOf(fields: Record<string, unknown>): string | undefined {
  const to = (fields.agreement as { to?: unknown } | undefined)?.to;
  return typeof to === 'string' ? to : undefined;
}

export function SystemPage(p: SystemPageProps) {
  const { ctx, system: s } = p;
  const { t, f } = ctx;
  const instName = ctx.lang === 'sw' ? p.institution.nameSw : p.institution.nameEn;
  return (
    <Layout ctx={ctx} title={s.name}>
      <nav class="govuk-breadcrumbs" aria-label={t('portfolio.breadcrumbs')}>
        <ol class="govuk-breadcrumbs__list">
          <li class="govuk-breadcrumbs__list-item"><a class="govuk-breadcrumbs__link" href="/portfolio">{t('portfolio.title')}</a></li>
          <li class="govuk-breadcrumbs__list-item"><a class="govuk-breadcrumbs__link" href={institutionHref(p.institution.acronym)}>{p.institution.acronym}</a></li>
        </ol>
      </nav>
      {p.forms && <ErrorSummary ctx={ctx} errors={p.forms.errors} idOf={p.forms.form === 'eservice' ? eserviceFieldId : integrationFieldId} />}
      {p.saved && <div class="govuk-inset-text" role="status">{t('portfolio.saved')}</div>}
      {p.removed && <div class="govuk-inset-text" role="status">{t('portfolio.removed')}</div>}
      <span class="govuk-caption-l">{s.code} · {instName}</span>
      <h1 class="govuk-heading-xl">{s.name}</h1>
      {p.shared && <p class="govuk-body"><strong class="govuk-tag govuk-tag--green">{t('portfolio.system.sharedFlag')}</strong></p>}
      {p.uses && (
        <p class="govuk-body">
          <a class="govuk-link" href={systemHref(p.uses.id)}>{t('portfolio.system.usesShared', { name: p.uses.code })}</a>
        </p>
      )}
      {s.originProposalId && p.can.readDetails && (
        <p class="govuk-body" id="lineage">
          <a class="govuk-link" href={`/reviews/cases/${s.originProposalId}`}>{t('portfolio.system.origin')}</a>
        </p>
      )}
      {s.purpose && <p class="govuk-body-l">{s.purpose}</p>}
      {p.can.edit && (
        <a class="govuk-button govuk-button--secondary" data-module="govuk-button" role="button" href={`${systemHref(s.id)}/edit`}>
          {t('portfolio.edit')}
        </a>
      )}
      <h2 class="govuk-heading-m">{t('portfolio.system.details')}</h2>
      <dl class="govuk-summary-list">
        {s.nameSw && <SummaryRow k={t('portfolio.f.nameSw')}>{s.nameSw}</SummaryRow>}
        {s.nameEn && <SummaryRow k={t('portfolio.f.nameEn')}>{s.nameEn}</SummaryRow>}
        <SummaryRow k={t('portfolio.f.capabilities')}>{s.capabilities.join(', ') || '—'}</SummaryRow>
        <SummaryRow k={t('portfolio.f.lifecycle')}>{label(ctx, 'portfolio.lifecycle', s.lifecycle)}</SummaryRow>
        <SummaryRow k={t('portfolio.f.hosting')}>{label(ctx, 'portfolio.hosting', s.hosting)}</SummaryRow>
        <SummaryRow k={t('portfolio.f.govesb')}>{yesNo(ctx, s.govesb)}</SummaryRow>
        {p.can.readDetails && (
          <>
            <SummaryRow k={t('portfolio.f.personalData')}>{yesNo(ctx, s.personalData)}</SummaryRow>
            <SummaryRow k={t('portfolio.f.securityClass')}>{label(ctx, 'portfolio.security', s.securityClass)}</SummaryRow>
            <SummaryRow k={t('portfolio.f.usersCount')}>{s.usersCount === null ? '—' : f.number(s.usersCount)}</SummaryRow>
            <SummaryRow k={t('portfolio.f.userKinds')}>{s.userKinds.map((k) => label(ctx, 'portfolio.userKind', k)).join(', ') || '—'}</SummaryRow>
            <SummaryRow k={t('portfolio.f.dataObjects')}>{s.dataObjects.join(', ') || '—'}</SummaryRow>
            <SummaryRow k={t('portfolio.f.technology')}>{s.technology || '—'}</SummaryRow>
            <SummaryRow k={t('portfolio.f.vendor')}>{s.vendor || '—'}</SummaryRow>
            <SummaryRow k={t('portfolio.f.goLive')}>{s.goLive ? f.date(s.goLive) : '—'}</SummaryRow>
            <SummaryRow k={t('portfolio.f.capex')}>{tzs(ctx, s.capexTzs)}</SummaryRow>
            <SummaryRow k={t('portfolio.f.opex')}>{tzs(ctx, s.opexTzs)}</SummaryRow>
            <SummaryRow k={t('portfolio.f.contactName')}>{[s.contactName, s.contactEmail].filter(Boolean).join(' · ') || '—'}</SummaryRow>
          </>
        )}
      </dl>

      <h2 class="govuk-heading-m">{t('portfolio.system.overlaps')}</h2>
      {p.overlaps.length === 0 ? (
        <p class="govuk-body">{t('portfolio.system.noOverlaps')}</p>
      ) : (
        p.overlaps.map((c) => (
          <div class="vw-box">
            <p class="govuk-body">
              <strong>{t('portfolio.overlap.score', { score: c.score.toFixed(2) })}</strong>
              {c.verdict && <> · {t(`portfolio.overlap.verdict.${c.verdict}`)}</>}
            </p>
            <ul class="govuk-list">
              {c.systems.filter((m) => m.id !== s.id).map((m) => (
                <li>
                  <a class="govuk-link" href={systemHref(m.id)}>{m.name}</a> ({m.institution}){m.shared && <> · {t('portfolio.reuse.shared')}</>}
                </li>
              ))}
            </ul>
            <Reasons ctx={ctx} reasons={c.reasons} />
          </div>
        ))
      )}

      <h2 class="govuk-heading-m" id="integrations-h">{t('portfolio.system.integrations')}</h2>
      {p.integrations.length === 0 ? (
        <p class="govuk-body">{t('common.none')}</p>
      ) : (
        <IntegrationsTable
          ctx={ctx}
          rows={p.integrations}
          caption={t('portfolio.system.integrations')}
          hideCaption
          action={p.can.edit ? (g) => <RemoveButton ctx={ctx} action={`${systemHref(s.id)}/integrations/${g.id}/remove`} name={`${g.provider} → ${g.consumer}: ${g.dataExchanged}`} /> : undefined}
        />
      )}
      {p.can.edit && <AddIntegrationForm ctx={ctx} systemId={s.id} state={p.forms} />}

      <h2 class="govuk-heading-m" id="eservices-h">{t('portfolio.system.eservices')}</h2>
      {p.eservices.length === 0 ? (
        <p class="govuk-body">{t('common.none')}</p>
      ) : (
        <ul class="govuk-list govuk-list--bullet">
          {p.eservices.map((e) => {
            const name = eserviceName(ctx, e);
            return (
              <li>
                <EServiceName ctx={ctx} e={e} /> · {label(ctx, 'portfolio.audience', e.audience)} · {e.channels.map((c) => label(ctx, 'portfolio.channel', c)).join(', ')} · {e.feeTzs === null ? t('portfolio.free') : `TZS ${f.number(e.feeTzs)}`}
                {p.can.edit && <RemoveButton ctx={ctx} action={`${systemHref(s.id)}/eservices/${e.id}/remove`} name={name} />}
              </li>
            );
          })}
        </ul>
      )}
      {p.can.edit && <AddEServiceForm ctx={ctx} systemId={s.id} state={p.forms} />}

      {p.can.readDetails && (
        <>
          <h2 class="govuk-heading-m">{t('portfolio.system.history')}</h2>
          <ul class="govuk-list">
            {p.history.map((h) => (
              <li>
                <span class="govuk-body-s vw-muted">{f.dateTime(h.at)}</span>{' '}
                {h.change === 'create' || Object.keys(h.fields).length === 0
                  ? t('portfolio.system.history.create')
                  : agreementOf(h.fields) !== undefined
                    ? t('portfolio.history.agreement', { file: agreementOf(h.fields)! })
                    : t(h.change === 'import' ? 'portfolio.system.history.import' : 'portfolio.system.history.update', { fields: Object.keys(h.fields).join(', ') || '—' })}{' '}
                {t('portfolio.system.history.by', { who: h.actorLabel })}
              </li>
            ))}
          </ul>
        </>
      )}
    </Layout>
  );
}
