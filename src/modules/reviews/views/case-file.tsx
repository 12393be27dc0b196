// What a case holds, as the reviewer and the institution read it: the proposal, the screening, value
// for money and an institution's document (case.tsx puts the page together).
import type { ComponentChildren } from 'preact';
import type { PageCtx } from '../../../web/context.ts';
import type { MessageKey } from '../../../messages.ts';
import { Button, TextArea } from '../../../web/components/forms.tsx';
import { SummaryRow } from '../../../web/components/lists.tsx';
import { DataTable } from '../../../web/components/table.tsx';
import { describeReason } from '../../portfolio/index.ts';
import type { CaseView } from '../queries.ts';
import { SHARED_ALTERNATIVE } from '../rules.ts';
import { caseHref, label, PostForm, tzs } from './common.tsx';
import type { CasePageProps } from './case.tsx';

export const Section = ({ id, title, children }: { id: string; title: string; children: preact.ComponentChildren }) => (
  <section aria-labelledby={`${id}-h`} class="govuk-!-margin-bottom-8">
    <h2 class="govuk-heading-l" id={`${id}-h`}>{title}</h2>
    {children}
  </section>
);

export function ProposalSection({ ctx, v }: { ctx: PageCtx; v: CaseView }) {
  const { t } = ctx;
  const p = v.proposal!;
  const text = (s: string) => (s ? <span class="vw-prewrap">{s}</span> : '—');
  return (
    <Section id="proposal" title={t('reviews.case.proposal')}>
      <dl class="govuk-summary-list">
        <SummaryRow k={t('reviews.f.systemName')}>{text(p.systemName)}</SummaryRow>
        <SummaryRow k={t('reviews.f.problem')}>{text(p.problem)}</SummaryRow>
        <SummaryRow k={t('reviews.f.objectives')}>{text(p.objectives)}</SummaryRow>
        <SummaryRow k={t('reviews.f.capabilities')}>{p.capabilities.join(', ') || '—'}</SummaryRow>
        <SummaryRow k={t('reviews.f.options')}>{text(p.options)}</SummaryRow>
        <SummaryRow k={t('reviews.f.scope')}>{text(p.scope)}</SummaryRow>
        <SummaryRow k={t('reviews.f.integrations')}>{text(p.integrations)}</SummaryRow>
        <SummaryRow k={t('reviews.f.govesb')}>{t(p.govesb ? 'reviews.yes' : 'reviews.no')}</SummaryRow>
        <SummaryRow k={t('reviews.f.hosting')}>{p.hosting ? label(ctx, 'reviews.hosting', p.hosting) : '—'}</SummaryRow>
        <SummaryRow k={t('reviews.f.dataDescription')}>{text(p.dataDescription)}</SummaryRow>
        <SummaryRow k={t('reviews.f.personalData')}>{t(p.personalData ? 'reviews.yes' : 'reviews.no')}</SummaryRow>
        <SummaryRow k={t('reviews.f.standards')}>{text(p.standards)}</SummaryRow>
        <SummaryRow k={t('reviews.f.usersCount')}>{p.usersCount === null ? '—' : ctx.f.number(p.usersCount)}</SummaryRow>
        <SummaryRow k={t('reviews.f.fundingSource')}>{text(p.fundingSource)}</SummaryRow>
        <SummaryRow k={t('reviews.f.timeline')}>{text(p.timeline)}</SummaryRow>
        <SummaryRow k={t('reviews.f.benefits')}>{text(p.benefits)}</SummaryRow>
        <SummaryRow k={t('reviews.f.risks')}>{text(p.risks)}</SummaryRow>
      </dl>
      {p.costs.length > 0 && (
        <DataTable
          caption={t('reviews.costs.caption')}
          showCaption
          rowHeader
          rows={[...p.costs, { year: t('reviews.costs.total'), capex: p.capexTotal, opex: p.opexTotal }]}
          columns={[
            { head: t('reviews.costs.year'), cell: (y) => y.year },
            { head: t('reviews.costs.capex'), numeric: true, cell: (y) => tzs(ctx, y.capex) },
            { head: t('reviews.costs.opex'), numeric: true, cell: (y) => tzs(ctx, y.opex) },
          ]}
        />
      )}
    </Section>
  );
}

/** One part of the screening: a heading, then a bulleted list, or a line saying there is nothing. */
function ScreeningList({ ctx, title, none, items }: { ctx: PageCtx; title: MessageKey; none: MessageKey; items: ComponentChildren[] }) {
  return (
    <>
      <h3 class="govuk-heading-m">{ctx.t(title)}</h3>
      {items.length === 0 ? <p class="govuk-body">{ctx.t(none)}</p> : <ul class="govuk-list govuk-list--bullet">{items.map((i) => <li>{i}</li>)}</ul>}
    </>
  );
}

export function ScreeningSection({ ctx, v }: { ctx: PageCtx; v: CaseView }) {
  const { t } = ctx;
  const s = v.screening!;
  return (
    <Section id="screening" title={t('reviews.screening.title')}>
      <p class="govuk-body vw-muted">{t('reviews.screening.at', { at: ctx.f.dateTime(new Date(s.at)) })}</p>
      <h3 class="govuk-heading-m">{t('reviews.screening.overlaps')}</h3>
      {s.overlaps.length === 0 ? (
        <p class="govuk-body">{t('reviews.screening.noOverlaps')}</p>
      ) : (
        <ul class="govuk-list" id="screening-overlaps">
          {s.overlaps.map((o) => (
            <li class="vw-box">
              <a class="govuk-link" href={`/portfolio/systems/${o.systemId}`}>{o.name}</a> ({o.institution}) · {t('reviews.screening.score', { score: o.score.toFixed(2) })}
              {o.shared && <> <strong class="govuk-tag govuk-tag--green">{t('reviews.screening.sharedFlag')}</strong></>}
              <ul class="govuk-list govuk-list--bullet">{o.reasons.map((r) => <li>{describeReason(r, ctx.lang)}</li>)}</ul>
            </li>
          ))}
        </ul>
      )}
      <ScreeningList ctx={ctx} title="reviews.screening.shared" none="reviews.screening.noShared" items={s.sharedCoverage.map((x) => <><a class="govuk-link" href={`/portfolio/systems/${x.systemId}`}>{x.name}</a> ({x.institution}){x.capabilities.length ? ` · ${x.capabilities.join(', ')}` : ''}</>)} />
      <ScreeningList ctx={ctx} title="reviews.screening.requirements" none="reviews.screening.noRequirements" items={s.requirements.map((r) => <><strong>{r.ref}</strong> {ctx.lang === 'sw' ? r.textSw : r.textEn}</>)} />
      <ScreeningList ctx={ctx} title="reviews.screening.findings" none="reviews.screening.noFindings" items={s.findings.map((x) => <>{x.severity}: {x.description} ({ctx.f.date(x.dueOn)})</>)} />
      <ScreeningList ctx={ctx} title="reviews.screening.directives" none="reviews.screening.noDirectives" items={s.directives.map((x) => <>{x.code}: {ctx.lang === 'sw' ? x.titleSw : x.titleEn} ({ctx.f.date(x.deadline)})</>)} />
    </Section>
  );
}

export function VfmSection({ ctx, v }: { ctx: PageCtx; v: CaseView }) {
  const { t } = ctx;
  const m = v.vfm!;
  return (
    <Section id="vfm" title={t('reviews.vfm.title')}>
      <p class="govuk-body-l"><strong>{t('reviews.vfm.score', { score: String(m.score) })}</strong></p>
      <dl class="govuk-summary-list">
        <SummaryRow k={t('reviews.vfm.tco')}>{tzs(ctx, m.tco)} TZS ({t('reviews.costs.capex')} {tzs(ctx, m.capex)} · {t('reviews.costs.opex')} {tzs(ctx, m.opex)})</SummaryRow>
        <SummaryRow k={t('reviews.vfm.perUser')}>{m.costPerUser === null ? '—' : `${tzs(ctx, m.costPerUser)} TZS`}</SummaryRow>
        <SummaryRow k={t('reviews.vfm.alternative')}>
          {m.sharedAlternative === null ? t('reviews.vfm.noAlternative') : <>{tzs(ctx, m.sharedAlternative)} TZS <span class="govuk-hint">{t('reviews.vfm.alternative.how', { onboarding: `${tzs(ctx, SHARED_ALTERNATIVE.onboardingTzs)} TZS`, yearly: `${tzs(ctx, SHARED_ALTERNATIVE.yearlyTzs)} TZS` })}</span></>}
        </SummaryRow>
        {m.saving !== null && <SummaryRow k={t('reviews.vfm.saving')}>{tzs(ctx, m.saving)} TZS</SummaryRow>}
      </dl>
      <p class="govuk-body">{t('reviews.vfm.inputs')}</p>
      <ul class="govuk-list govuk-list--bullet">{m.deductions.map((d) => <li>{t(d.key)}: {t('reviews.vfm.points', { points: String(d.points) })}</li>)}</ul>
    </Section>
  );
}

export function DocumentSection(p: CasePageProps) {
  const { ctx, v, can } = p;
  const { t } = ctx;
  const d = v.document!;
  return (
    <Section id="document" title={t('reviews.document.clauses')}>
      <p class="govuk-body">{label(ctx, 'reviews.docKind', d.docKind)}</p>
      {v.previous && (
        <div class="govuk-inset-text">
          <p class="govuk-body"><a class="govuk-link" href={caseHref(v.previous.id)}>{t('reviews.document.revisionOf', { title: v.previous.title })}</a></p>
        </div>
      )}
      {v.sinceAdvice && (
        <>
          <h3 class="govuk-heading-m">{t('reviews.document.sinceAdvice')}</h3>
          <ul class="govuk-list" id="since-advice">
            {v.sinceAdvice.map((x) => (
              <li>
                {x.parts.map((part) => (part.added ? <ins>{part.value}</ins> : part.removed ? <del>{part.value}</del> : <span>{part.value}</span>))}
              </li>
            ))}
          </ul>
        </>
      )}
      {d.clauses.map((x) => (
        <div class="vw-box">
          <p class="govuk-body"><strong>{t('reviews.document.clause', { n: x.number })}</strong> {x.text}</p>
          <ul class="govuk-list">{v.comments.filter((m) => m.clauseNumber === x.number).map((m) => <li class="govuk-inset-text">{m.comment} <span class="govuk-body-s vw-muted">({m.authorName})</span></li>)}</ul>
          {can.review && (
            <PostForm ctx={ctx} action={`${caseHref(v.case.id)}/comments`}>
              <input type="hidden" name="clause" value={x.number} />
              <TextArea ctx={ctx} name={`comment_${x.number.replace(/\./g, '_')}`} label={`${t('reviews.document.comment')} ${x.number}`} rows={2} />
              <Button secondary>{t('reviews.document.addComment')} <span class="govuk-visually-hidden">{x.number}</span></Button>
            </PostForm>
          )}
        </div>
      ))}
    </Section>
  );
}
