// A candidate requirement's review page: confirm it (with edits to its text, obligation, group and
// applicability conditions) or reject it with a reason; a removed clause's retirement is confirmed.
import type { PageCtx } from '../../../../web/context.ts';
import { Layout } from '../../../../web/layout.tsx';
import { Button, Checkboxes, Csrf, Select, TextArea, TextInput, type FieldErrors } from '../../../../web/components/forms.tsx';
import { SummaryRow } from '../../../../web/components/lists.tsx';
import { INSTITUTION_TYPES } from '../../../reference/index.ts';
import { HOSTINGS, LIFECYCLES } from '../../../portfolio/index.ts';
import { APPLIES_TO, OBLIGATIONS } from '../../schema.ts';
import type { CandidateView, RevisionView } from '../queries.ts';
import { ConditionsText } from './catalogue.tsx';
import { BackToRevision, candidateHref, ChangeTag, DecisionTag, groupName, label, requirementHref, revisionHref, type Group } from './common.tsx';
import { RevisionHeading, type RevisionCan } from './revisions.tsx';

/** The values the candidate form shows (the candidate's, or what the author sent back with errors). */
export interface CandidateFormValues {
  textSw: string;
  textEn: string;
  obligation: string;
  groupCode: string;
  appliesTo: string;
  institutionTypes: string[];
  sectors: string;
  publicFacing: string;
  personalData: string;
  integrates: string;
  govesb: string;
  hosting: string[];
  lifecycle: string[];
  reason: string;
}

export function CandidatePage(p: { ctx: PageCtx; revision: RevisionView['revision']; candidate: CandidateView; values: CandidateFormValues; errors?: FieldErrors; can: RevisionCan; groups: Group[]; conflict?: boolean }) {
  const { ctx, candidate: c, values: v } = p;
  const { t } = ctx;
  const r = p.revision;
  const yn = (name: keyof CandidateFormValues & string, key: string) => (
    <Select
      ctx={ctx}
      name={`cond_${name}`}
      label={label(ctx, 'compliance.req.cond', key)}
      value={v[name] as string}
      errors={p.errors}
      options={[
        { value: '', label: t('compliance.req.cond.either') },
        { value: 'yes', label: t('common.yes') },
        { value: 'no', label: t('common.no') },
      ]}
    />
  );
  const editable = p.can.decide && c.change !== 'removed';
  return (
    <Layout ctx={ctx} title={c.ref}>
      <RevisionHeading ctx={ctx} r={r} errors={p.errors} conflict={p.conflict} />
      <h1 class="govuk-heading-xl">{c.ref}</h1>
      <p class="govuk-body">
        <ChangeTag ctx={ctx} change={c.change} /> <DecisionTag ctx={ctx} decision={c.decision} />
      </p>
      <p class="govuk-body">{t(`compliance.req.changeHelp.${c.change}`)}</p>
      {c.decisionReason && <p class="govuk-body">{t('compliance.req.reasonGiven', { reason: c.decisionReason })}</p>}
      {c.current && c.change !== 'added' && (
        <>
          <h2 class="govuk-heading-m">{t('compliance.req.currentRequirement', { version: ctx.f.number(c.current.version) })}</h2>
          <dl class="govuk-summary-list">
            <SummaryRow k={t('compliance.req.textSw')}>
              <span lang="sw">{c.current.textSw || '—'}</span>
            </SummaryRow>
            <SummaryRow k={t('compliance.req.textEn')}>
              <span lang="en">{c.current.textEn || '—'}</span>
            </SummaryRow>
            <SummaryRow k={t('compliance.req.col.obligation')}>{label(ctx, 'compliance.obligation', c.current.obligation)}</SummaryRow>
          </dl>
          {c.requirementId && (
            <p class="govuk-body">
              <a class="govuk-link" href={requirementHref(c.requirementId)}>
                {t('compliance.req.openRequirement')}
              </a>
            </p>
          )}
        </>
      )}
      {!editable && c.change !== 'removed' && (
        <dl class="govuk-summary-list">
          <SummaryRow k={t('compliance.req.textSw')}>
            <span lang="sw">{c.textSw || '—'}</span>
          </SummaryRow>
          <SummaryRow k={t('compliance.req.textEn')}>
            <span lang="en">{c.textEn || '—'}</span>
          </SummaryRow>
          <SummaryRow k={t('compliance.req.col.obligation')}>{c.obligation ? label(ctx, 'compliance.obligation', c.obligation) : t('compliance.req.noObligation')}</SummaryRow>
          <SummaryRow k={t('compliance.req.col.group')}>{groupName(ctx, p.groups, c.groupCode)}</SummaryRow>
          <SummaryRow k={t('compliance.req.col.appliesTo')}>{c.appliesTo ? label(ctx, 'compliance.appliesTo', c.appliesTo) : '—'}</SummaryRow>
          <SummaryRow k={t('compliance.req.conditions')}>
            <ConditionsText ctx={ctx} c={c.conditions} />
          </SummaryRow>
        </dl>
      )}
      {p.can.decide && c.change === 'removed' && c.decision === 'proposed' && (
        <form method="post" action={candidateHref(r.id, c.id)}>
          <Csrf ctx={ctx} />
          <input type="hidden" name="revision" value={String(r.revision)} />
          <p class="govuk-body">{t('compliance.req.removedHelp')}</p>
          <Button name="decision" value="confirm">
            {t('compliance.req.confirmRemoval')}
          </Button>
        </form>
      )}
      {editable && (
        <>
          <form method="post" action={candidateHref(r.id, c.id)} novalidate>
            <Csrf ctx={ctx} />
            <input type="hidden" name="revision" value={String(r.revision)} />
            <h2 class="govuk-heading-m">{t('compliance.req.proposed')}</h2>
            {!c.obligation && c.decision === 'proposed' && <div class="govuk-inset-text">{t('compliance.req.noObligationHelp')}</div>}
            <TextArea ctx={ctx} name="textSw" label={t('compliance.req.textSw')} value={v.textSw} errors={p.errors} rows={4} />
            <TextArea ctx={ctx} name="textEn" label={t('compliance.req.textEn')} value={v.textEn} errors={p.errors} rows={4} />
            <Select ctx={ctx} name="obligation" label={t('compliance.req.col.obligation')} value={v.obligation} errors={p.errors} options={[{ value: '', label: t('compliance.req.noObligation') }, ...OBLIGATIONS.map((o) => ({ value: o, label: label(ctx, 'compliance.obligation', o) }))]} />
            <Select ctx={ctx} name="groupCode" label={t('compliance.req.col.group')} value={v.groupCode} errors={p.errors} options={[{ value: '', label: '—' }, ...p.groups.map((g) => ({ value: g.code, label: groupName(ctx, p.groups, g.code) }))]} />
            <Select ctx={ctx} name="appliesTo" label={t('compliance.req.col.appliesTo')} value={v.appliesTo} errors={p.errors} options={[{ value: '', label: '—' }, ...APPLIES_TO.map((o) => ({ value: o, label: label(ctx, 'compliance.appliesTo', o) }))]} />
            <h3 class="govuk-heading-s">{t('compliance.req.conditions')}</h3>
            <p class="govuk-body">{t('compliance.req.conditions.help')}</p>
            <Checkboxes ctx={ctx} name="cond_institutionTypes" legend={t('compliance.req.cond.institutionTypes')} values={v.institutionTypes} options={INSTITUTION_TYPES.map((x) => ({ value: x, label: label(ctx, 'instType', x) }))} />
            <TextInput ctx={ctx} name="cond_sectors" label={t('compliance.req.cond.sectors')} hint={t('compliance.req.cond.sectorsHint')} value={v.sectors} errors={p.errors} />
            {yn('publicFacing', 'publicFacing')}
            {yn('personalData', 'personalData')}
            {yn('integrates', 'integrates')}
            {yn('govesb', 'govesb')}
            <Checkboxes ctx={ctx} name="cond_hosting" legend={t('compliance.req.cond.hosting')} values={v.hosting} options={HOSTINGS.map((x) => ({ value: x, label: label(ctx, 'portfolio.hosting', x) }))} />
            <Checkboxes ctx={ctx} name="cond_lifecycle" legend={t('compliance.req.cond.lifecycle')} values={v.lifecycle} options={LIFECYCLES.map((x) => ({ value: x, label: label(ctx, 'portfolio.lifecycle', x) }))} />
            <Button name="decision" value="confirm">
              {t('compliance.req.confirmAs')}
            </Button>
          </form>
          <form method="post" action={candidateHref(r.id, c.id)} novalidate>
            <Csrf ctx={ctx} />
            <input type="hidden" name="revision" value={String(r.revision)} />
            <h2 class="govuk-heading-m">{t('compliance.req.rejectTitle')}</h2>
            <TextArea ctx={ctx} name="reason" label={t('compliance.req.reason')} hint={t(c.change === 'added' ? 'compliance.req.reasonHint' : 'compliance.req.reasonHintRetire')} value={v.reason} errors={p.errors} rows={3} />
            <Button name="decision" value="reject" warning>
              {t('compliance.req.reject')}
            </Button>
          </form>
        </>
      )}
      <BackToRevision ctx={ctx} id={r.id} />
    </Layout>
  );
}
