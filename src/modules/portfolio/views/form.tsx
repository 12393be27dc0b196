// Registering or editing a system. "Check for existing systems" shows, before anything is saved,
// the shared systems and other institutions' systems that already do the job (reuse advice).
import type { PageCtx } from '../../../web/context.ts';
import { Layout } from '../../../web/layout.tsx';
import { Button, Csrf, ErrorSummary, Select, TextArea, TextInput, type FieldErrors } from '../../../web/components/forms.tsx';
import { HOSTINGS, LIFECYCLES, SECURITY_CLASSES } from '../schema.ts';
import type { Reason } from '../overlap/engine.ts';
import { label, Reasons, systemHref } from './common.tsx';

export type SystemFormValues = Record<string, string>;

export interface Advice {
  id: string;
  institution: string;
  name: string;
  shared: boolean;
  score: number;
  reasons: Reason[];
}

export function ReuseAdvice({ ctx, advice }: { ctx: PageCtx; advice: Advice[] }) {
  const { t } = ctx;
  return (
    <section class="vw-box" aria-labelledby="reuse-h" id="reuse">
      <h2 class="govuk-heading-m" id="reuse-h">{t('portfolio.reuse.title')}</h2>
      {advice.length === 0 ? (
        <p class="govuk-body">{t('portfolio.reuse.none')}</p>
      ) : (
        <ul class="govuk-list">
          {advice.map((a) => (
            <li>
              <a class="govuk-link" href={systemHref(a.id)}>{a.name}</a> ({a.institution}){a.shared && <> · <strong class="govuk-tag govuk-tag--green">{t('portfolio.reuse.shared')}</strong></>}
              <Reasons ctx={ctx} reasons={a.reasons} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function SystemFormPage(p: {
  ctx: PageCtx;
  title: string;
  action: string;
  institution: string;
  values: SystemFormValues;
  errors?: FieldErrors;
  advice?: Advice[];
  shared: { code: string; fullName: string | null }[];
  conflict?: boolean;
  cancelHref: string;
}) {
  const { ctx, values: v, errors } = p;
  const { t } = ctx;
  const yn = [
    { value: 'no', label: t('portfolio.no') },
    { value: 'yes', label: t('portfolio.yes') },
  ];
  return (
    <Layout ctx={ctx} title={p.title}>
      <ErrorSummary ctx={ctx} errors={errors} />
      {p.conflict && <div class="govuk-warning-text"><strong class="govuk-warning-text__text">{t('portfolio.conflict')}</strong></div>}
      <span class="govuk-caption-l">{p.institution}</span>
      <h1 class="govuk-heading-xl">{p.title}</h1>
      <p class="govuk-body">{t('portfolio.reuse.lead')}</p>
      {p.advice && <ReuseAdvice ctx={ctx} advice={p.advice} />}
      <form method="post" action={p.action} novalidate>
        <Csrf ctx={ctx} />
        {v.revision && <input type="hidden" name="revision" value={v.revision} />}
        <TextInput ctx={ctx} name="name" label={t('portfolio.f.name')} value={v.name} errors={errors} />
        <TextArea ctx={ctx} name="purpose" label={t('portfolio.f.purpose')} hint={t('portfolio.f.purpose.hint')} value={v.purpose} errors={errors} rows={3} />
        <TextInput ctx={ctx} name="capabilities" label={t('portfolio.f.capabilities')} hint={t('portfolio.f.capabilities.hint')} value={v.capabilities} errors={errors} spellcheck={false} />
        <Select ctx={ctx} name="sharedSystem" label={t('portfolio.f.sharedSystem')} hint={t('portfolio.f.sharedSystem.hint')} value={v.sharedSystem} errors={errors} options={[{ value: '', label: t('portfolio.f.sharedSystem.none') }, ...p.shared.map((s) => ({ value: s.code, label: s.fullName ? `${s.code} – ${s.fullName}` : s.code }))]} />
        <div class="govuk-button-group">
          <Button secondary name="check" value="1">{t('portfolio.reuse.check')}</Button>
        </div>
        <TextInput ctx={ctx} name="code" label={t('portfolio.f.code')} value={v.code} errors={errors} width="10" spellcheck={false} />
        <TextInput ctx={ctx} name="nameSw" label={t('portfolio.f.nameSw')} value={v.nameSw} errors={errors} />
        <TextInput ctx={ctx} name="nameEn" label={t('portfolio.f.nameEn')} value={v.nameEn} errors={errors} />
        <Select ctx={ctx} name="lifecycle" label={t('portfolio.f.lifecycle')} value={v.lifecycle} errors={errors} options={LIFECYCLES.map((l) => ({ value: l, label: label(ctx, 'portfolio.lifecycle', l) }))} />
        <Select ctx={ctx} name="hosting" label={t('portfolio.f.hosting')} value={v.hosting} errors={errors} options={HOSTINGS.map((h) => ({ value: h, label: label(ctx, 'portfolio.hosting', h) }))} />
        <Select ctx={ctx} name="govesb" label={t('portfolio.f.govesb')} value={v.govesb} errors={errors} options={yn} />
        <Select ctx={ctx} name="personalData" label={t('portfolio.f.personalData')} value={v.personalData} errors={errors} options={yn} />
        <Select ctx={ctx} name="securityClass" label={t('portfolio.f.securityClass')} value={v.securityClass || 'internal'} errors={errors} options={SECURITY_CLASSES.map((c) => ({ value: c, label: label(ctx, 'portfolio.security', c) }))} />
        <TextInput ctx={ctx} name="usersCount" label={t('portfolio.f.usersCount')} value={v.usersCount} errors={errors} width="10" inputmode="numeric" />
        <TextArea ctx={ctx} name="dataObjects" label={t('portfolio.f.dataObjects')} hint={t('portfolio.f.dataObjects.hint')} value={v.dataObjects} errors={errors} rows={3} />
        <TextInput ctx={ctx} name="technology" label={t('portfolio.f.technology')} value={v.technology} errors={errors} />
        <TextInput ctx={ctx} name="vendor" label={t('portfolio.f.vendor')} value={v.vendor} errors={errors} />
        <TextInput ctx={ctx} name="goLive" label={t('portfolio.f.goLive')} hint={t('portfolio.f.date.hint')} value={v.goLive} errors={errors} width="10" />
        <TextInput ctx={ctx} name="capexTzs" label={t('portfolio.f.capex')} value={v.capexTzs} errors={errors} width="20" inputmode="numeric" />
        <TextInput ctx={ctx} name="opexTzs" label={t('portfolio.f.opex')} value={v.opexTzs} errors={errors} width="20" inputmode="numeric" />
        <TextInput ctx={ctx} name="contactName" label={t('portfolio.f.contactName')} value={v.contactName} errors={errors} />
        <TextInput ctx={ctx} name="contactEmail" label={t('portfolio.f.contactEmail')} value={v.contactEmail} errors={errors} type="email" inputmode="email" spellcheck={false} />
        <div class="govuk-button-group">
          <Button>{t('portfolio.save')}</Button>
          <a class="govuk-link" href={p.cancelHref}>{t('portfolio.cancel')}</a>
        </div>
      </form>
    </Layout>
  );
}
