// The forms on a system's page for whoever may edit it: add an e-service or an integration, and the
// small remove buttons beside each. Plain POST forms: they work without JavaScript.
import type { PageCtx } from '../../../web/context.ts';
import { Button, Checkboxes, Csrf, Select, TextArea, TextInput, type FieldErrors } from '../../../web/components/forms.tsx';
import { AUDIENCES, CHANNELS, INTEGRATION_CHANNELS, INTEGRATION_STATUSES } from '../schema.ts';
import { label, systemHref } from './common.tsx';

/** What was typed into one of the forms, shown again with its errors (422). */
export interface SystemFormsState {
  form: 'eservice' | 'integration';
  errors: FieldErrors;
  values: Record<string, string>;
  /** The ticked channels of the e-service form (a repeated field). */
  channels: string[];
}

/** Ids of the forms' controls: the two forms share a page, so each control's id carries its form. */
export const eserviceFieldId = (field: string) => (field === 'channels' ? 'channels' : `es-${field}`);
export const integrationFieldId = (field: string) => `ig-${field}`;

export function RemoveButton({ ctx, action, name }: { ctx: PageCtx; action: string; name: string }) {
  return (
    <form method="post" action={action} class="vw-inline-form">
      <Csrf ctx={ctx} />
      <button type="submit" class="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" data-module="govuk-button">
        {ctx.t('portfolio.remove')}<span class="govuk-visually-hidden"> {name}</span>
      </button>
    </form>
  );
}

export function AddEServiceForm({ ctx, systemId, state }: { ctx: PageCtx; systemId: string; state?: SystemFormsState }) {
  const { t } = ctx;
  const mine = state?.form === 'eservice' ? state : undefined;
  const v = mine?.values ?? {};
  const errors = mine?.errors;
  return (
    <details class="govuk-details" open={!!mine}>
      <summary class="govuk-details__summary">
        <span class="govuk-details__summary-text">{t('portfolio.eservice.add')}</span>
      </summary>
      <div class="govuk-details__text">
        <p class="govuk-body">{t('portfolio.eservice.lead')}</p>
        <form method="post" action={`${systemHref(systemId)}/eservices`} novalidate>
          <Csrf ctx={ctx} />
          <TextInput ctx={ctx} name="nameSw" id={eserviceFieldId('nameSw')} label={t('portfolio.f.nameSw')} value={v.nameSw} errors={errors} />
          <TextInput ctx={ctx} name="nameEn" id={eserviceFieldId('nameEn')} label={t('portfolio.f.nameEn')} value={v.nameEn} errors={errors} />
          <Select ctx={ctx} name="audience" id={eserviceFieldId('audience')} label={t('portfolio.f.audience')} value={v.audience ?? 'citizens'} errors={errors} options={AUDIENCES.map((a) => ({ value: a, label: label(ctx, 'portfolio.audience', a) }))} />
          <Checkboxes ctx={ctx} name="channels" legend={t('portfolio.f.channels')} values={mine ? mine.channels : ['web']} errors={errors} options={CHANNELS.map((c) => ({ value: c, label: label(ctx, 'portfolio.channel', c) }))} />
          <TextInput ctx={ctx} name="feeTzs" id={eserviceFieldId('feeTzs')} label={t('portfolio.f.fee')} hint={t('portfolio.f.fee.hint')} value={v.feeTzs} errors={errors} width="10" inputmode="numeric" />
          <TextInput ctx={ctx} name="url" id={eserviceFieldId('url')} label={t('portfolio.f.url')} hint={t('portfolio.f.url.hint')} value={v.url} errors={errors} type="url" spellcheck={false} />
          <Button>{t('portfolio.eservice.addButton')}</Button>
        </form>
      </div>
    </details>
  );
}

export function AddIntegrationForm({ ctx, systemId, state }: { ctx: PageCtx; systemId: string; state?: SystemFormsState }) {
  const { t } = ctx;
  const mine = state?.form === 'integration' ? state : undefined;
  const v = mine?.values ?? {};
  const errors = mine?.errors;
  return (
    <details class="govuk-details" open={!!mine}>
      <summary class="govuk-details__summary">
        <span class="govuk-details__summary-text">{t('portfolio.integration.add')}</span>
      </summary>
      <div class="govuk-details__text">
        <p class="govuk-body">{t('portfolio.integration.lead')}</p>
        <form method="post" action={`${systemHref(systemId)}/integrations`} novalidate>
          <Csrf ctx={ctx} />
          <Select ctx={ctx} name="role" id={integrationFieldId('role')} label={t('portfolio.f.role')} value={v.role ?? 'provider'} errors={errors} options={(['provider', 'consumer'] as const).map((r) => ({ value: r, label: t(`portfolio.role.${r}`) }))} />
          <TextInput ctx={ctx} name="other" id={integrationFieldId('other')} label={t('portfolio.f.other')} hint={t('portfolio.f.other.hint')} value={v.other} errors={errors} width="20" spellcheck={false} />
          <TextArea ctx={ctx} name="dataExchanged" id={integrationFieldId('dataExchanged')} label={t('portfolio.f.dataExchanged')} value={v.dataExchanged} errors={errors} rows={2} />
          <Select ctx={ctx} name="channel" id={integrationFieldId('channel')} label={t('portfolio.f.channel')} value={v.channel ?? 'govesb'} errors={errors} options={INTEGRATION_CHANNELS.map((c) => ({ value: c, label: label(ctx, 'portfolio.ichannel', c) }))} />
          <TextInput ctx={ctx} name="legalBasis" id={integrationFieldId('legalBasis')} label={t('portfolio.f.legalBasis')} hint={t('portfolio.f.legalBasis.hint')} value={v.legalBasis} errors={errors} />
          <Select ctx={ctx} name="status" id={integrationFieldId('status')} label={t('portfolio.f.status')} value={v.status ?? 'active'} errors={errors} options={INTEGRATION_STATUSES.map((s) => ({ value: s, label: label(ctx, 'portfolio.istatus', s) }))} />
          <Button>{t('portfolio.integration.addButton')}</Button>
        </form>
      </div>
    </details>
  );
}
