// One case: the proposal or document, what is missing, the screening, value for money, the clock,
// the checklist, deficiencies, clarifications, changes since the last submission, the decision, its
// conditions and the lineage. Each form shows only when the policy allows the step now.
import type { ComponentChildren } from 'preact';
import type { PageCtx } from '../../../web/context.ts';
import type { MessageKey } from '../../../messages.ts';
import { Layout } from '../../../web/layout.tsx';
import { Button, Checkboxes, ErrorSummary, Select, TextArea, TextInput, type FieldErrors } from '../../../web/components/forms.tsx';
import { SummaryRow } from '../../../web/components/lists.tsx';
import { DataTable } from '../../../web/components/table.tsx';
import { describeReason } from '../../portfolio/index.ts';
import type { CaseView } from '../queries.ts';
import { SHARED_ALTERNATIVE } from '../rules.ts';
import { OUTCOMES, RATINGS } from '../schema.ts';
import { caseHref, label, PostForm, StageTag, tzs } from './common.tsx';

export type CaseCan = Record<'edit' | 'submit' | 'answer' | 'assign' | 'review' | 'decide' | 'reportCondition' | 'closeCondition' | 'goLive', boolean>;

export interface CasePageProps {
  ctx: PageCtx;
  v: CaseView;
  can: CaseCan;
  reviewers: { id: string; name: string }[];
  library: { id: string; code: string; title: string }[];
  /** Whether the caller prepares cases for this institution (for a change request of the live system). */
  canPrepare?: boolean;
  errors?: FieldErrors;
  values?: Record<string, string>;
  notice?: MessageKey;
}

const Section = ({ id, title, children }: { id: string; title: string; children: preact.ComponentChildren }) => (
  <section aria-labelledby={`${id}-h`} class="govuk-!-margin-bottom-8">
    <h2 class="govuk-heading-l" id={`${id}-h`}>{title}</h2>
    {children}
  </section>
);

export function CasePage(p: CasePageProps) {
  const { ctx, v, can } = p;
  const { t, f } = ctx;
  const c = v.case;
  const val = (k: string) => p.values?.[k] ?? '';
  const base = caseHref(c.id);
  return (
    <Layout ctx={ctx} title={c.title}>
      <nav class="govuk-breadcrumbs" aria-label={t('reviews.breadcrumbs')}>
        <ol class="govuk-breadcrumbs__list">
          <li class="govuk-breadcrumbs__list-item"><a class="govuk-breadcrumbs__link" href="/reviews">{t('reviews.title')}</a></li>
        </ol>
      </nav>
      <ErrorSummary ctx={ctx} errors={p.errors} />
      {p.notice && <div class="govuk-inset-text" role="status">{t(p.notice)}</div>}
      <span class="govuk-caption-l">{label(ctx, 'reviews.kind', c.kind)} · {v.institution.acronym}</span>
      <h1 class="govuk-heading-xl">{c.title}</h1>
      <p class="govuk-body"><StageTag ctx={ctx} stage={c.stage} outcome={c.outcome} /></p>

      <dl class="govuk-summary-list">
        <SummaryRow k={t('reviews.col.institution')}>{ctx.lang === 'sw' ? v.institution.nameSw : v.institution.nameEn}</SummaryRow>
        <SummaryRow k={t('reviews.case.reviewer')}>{c.reviewerName ?? t('reviews.case.unassigned')}</SummaryRow>
        <SummaryRow k={t('reviews.case.clock')}>
          {c.stage === 'returned'
            ? t('reviews.case.clock.returned')
            : !v.clock.start
            ? t('reviews.case.clock.notStarted')
            : c.stage === 'decided'
              ? t('reviews.case.clock.decided', { used: String(v.clock.used), days: String(v.clock.days) })
              : v.clock.stopped
              ? t('reviews.case.clock.stopped', { used: String(v.clock.used), days: String(v.clock.days) })
              : t('reviews.case.clock.text', { used: String(Math.min(v.clock.used, v.clock.days)), days: String(v.clock.days), due: v.clock.due ? f.date(v.clock.due) : '—' })}
          {v.clock.overdue && <> <strong class="govuk-tag govuk-tag--red">{t('reviews.case.clock.overdue')}</strong></>}
        </SummaryRow>
        {v.system && <SummaryRow k={t('reviews.case.lineage')}><a class="govuk-link" href={`/portfolio/systems/${v.system.id}`}>{t('reviews.case.changeOf', { name: v.system.name })}</a></SummaryRow>}
        {v.liveSystem && <SummaryRow k={t('reviews.case.lineage')}><a class="govuk-link" href={`/portfolio/systems/${v.liveSystem.id}`}>{t('reviews.case.becameSystem', { name: v.liveSystem.name })}</a></SummaryRow>}
      </dl>
      {v.liveSystem && p.canPrepare && (
        <p class="govuk-body"><a class="govuk-link" href={`/reviews/proposals/new?system=${v.liveSystem.id}`}>{t('reviews.case.changeRequest')}</a></p>
      )}

      {can.assign && (
        <PostForm ctx={ctx} action={`${base}/assign`}>
          <Select ctx={ctx} name="reviewerId" label={t('reviews.case.reviewer')} errors={p.errors} value={c.reviewerId ?? ''} options={[{ value: '', label: t('reviews.case.unassigned') }, ...p.reviewers.map((r) => ({ value: r.id, label: r.name }))]} />
          <Button secondary>{t('reviews.case.assign')}</Button>
        </PostForm>
      )}

      {(c.stage === 'draft' || c.stage === 'returned') && (
        <Section id="missing" title={t('reviews.missing.title')}>
          {v.missing.length === 0 ? (
            <p class="govuk-body">{t('reviews.missing.none')}</p>
          ) : (
            <ul class="govuk-list govuk-list--bullet" id="missing-list">
              {v.missing.map((m) => <li>{t(m.key)}</li>)}
            </ul>
          )}
          <div class="govuk-button-group">
            {can.edit && c.kind !== 'document' && <a class="govuk-button govuk-button--secondary" role="button" data-module="govuk-button" href={`${base}/edit`}>{t('reviews.case.edit')}</a>}
            {can.edit && c.kind === 'document' && <a class="govuk-button govuk-button--secondary" role="button" data-module="govuk-button" href={`${base}/document`}>{t('reviews.document.edit')}</a>}
          </div>
          {can.submit ? (
            <PostForm ctx={ctx} action={`${base}/submit`}><Button>{t('reviews.case.submit')}</Button></PostForm>
          ) : (
            <p class="govuk-hint">{t('reviews.case.submitHint')}</p>
          )}
        </Section>
      )}

      {v.proposal && <ProposalSection ctx={ctx} v={v} />}
      {v.document && <DocumentSection {...p} />}

      <Section id="attachments" title={t('reviews.case.attachments')}>
        {v.attachments.length === 0 ? (
          <p class="govuk-body">{t('reviews.case.noAttachments')}</p>
        ) : (
          <ul class="govuk-list">
            {v.attachments.map((a) => (
              <li>
                <a class="govuk-link" href={`${base}/attachments/${a.id}`}>{a.fileName}</a> · {label(ctx, 'reviews.attachment', a.kind)} · {f.number(Math.ceil(a.size / 1024))} KB
                {can.edit && a.kind !== 'evidence' && (
                  <PostForm ctx={ctx} action={`${base}/attachments/${a.id}/remove`}>
                    <button type="submit" class="govuk-button govuk-button--secondary govuk-!-margin-bottom-2" data-module="govuk-button">{t('reviews.case.remove')} <span class="govuk-visually-hidden">{a.fileName}</span></button>
                  </PostForm>
                )}
              </li>
            ))}
          </ul>
        )}
        {can.edit && (
          <PostForm ctx={ctx} action={`${base}/attachments`} multipart>
            <Select ctx={ctx} name="kind" label={t('reviews.f.kind')} errors={p.errors} value={val('kind')} options={(['concept_note', 'business_case', 'requirements', 'document', 'other'] as const).map((k) => ({ value: k, label: label(ctx, 'reviews.attachment', k) }))} />
            <div class={`govuk-form-group${p.errors?.file ? ' govuk-form-group--error' : ''}`}>
              <label class="govuk-label" for="file">{t('reviews.f.file')}</label>
              {p.errors?.file && <p class="govuk-error-message" id="file-error">{t(p.errors.file)}</p>}
              <input class="govuk-file-upload" id="file" name="file" type="file" accept=".pdf,.docx,.xlsx" aria-describedby={p.errors?.file ? 'file-error' : undefined} />
            </div>
            <Button secondary>{t('reviews.case.attach')}</Button>
          </PostForm>
        )}
      </Section>

      {v.screening && <ScreeningSection ctx={ctx} v={v} />}
      {v.vfm && <VfmSection ctx={ctx} v={v} />}
      {v.changes && (
        <Section id="changes" title={t('reviews.changes.title')}>
          {v.changes.length === 0 ? (
            <p class="govuk-body">{t('reviews.changes.none')}</p>
          ) : (
            <DataTable
              caption={t('reviews.changes.title')}
              rowHeader
              rows={v.changes}
              columns={[
                { head: t('reviews.changes.field'), cell: (x) => x.field },
                { head: t('reviews.changes.from'), cell: (x) => <del>{x.from.slice(0, 600) || '—'}</del> },
                { head: t('reviews.changes.to'), cell: (x) => <ins>{x.to.slice(0, 600) || '—'}</ins> },
              ]}
            />
          )}
        </Section>
      )}

      {c.stage !== 'draft' && <ChecklistSection {...p} />}
      {c.stage !== 'draft' && <DeficienciesSection {...p} />}
      {c.stage !== 'draft' && <ClarificationSection {...p} />}
      <DecisionSection {...p} />
    </Layout>
  );
}

function ProposalSection({ ctx, v }: { ctx: PageCtx; v: CaseView }) {
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

function ScreeningSection({ ctx, v }: { ctx: PageCtx; v: CaseView }) {
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

function VfmSection({ ctx, v }: { ctx: PageCtx; v: CaseView }) {
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

function ChecklistSection(p: CasePageProps) {
  const { ctx, v, can } = p;
  const { t } = ctx;
  const byCode = new Map(v.ratings.map((r) => [r.criterion, r]));
  const name = (k: { nameSw: string; nameEn: string }) => (ctx.lang === 'sw' ? k.nameSw : k.nameEn);
  const ratingText = (rating: string | undefined) => (rating ? label(ctx, 'reviews.rating', rating) : t('reviews.rating.none'));
  return (
    <Section id="checklist" title={t('reviews.checklist.title')}>
      {v.score !== null && <p class="govuk-body"><strong>{t('reviews.checklist.score', { score: String(v.score) })}</strong></p>}
      {can.review ? (
        <PostForm ctx={ctx} action={`${caseHref(v.case.id)}/ratings`}>
          {v.criteria.map((k) => {
            const r = byCode.get(k.code);
            return (
              <fieldset class="govuk-fieldset vw-box">
                <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">{name(k)} ({t('reviews.checklist.weight')} {k.weight})</legend>
                <Select ctx={ctx} name={`rating_${k.code}`} label={t('reviews.checklist.rating')} errors={p.errors} value={p.values?.[`rating_${k.code}`] ?? r?.rating ?? ''} options={[{ value: '', label: t('reviews.rating.none') }, ...RATINGS.map((x) => ({ value: x, label: label(ctx, 'reviews.rating', x) }))]} />
                <TextArea ctx={ctx} name={`comment_${k.code}`} label={t('reviews.checklist.comment')} rows={2} errors={p.errors} value={p.values?.[`comment_${k.code}`] ?? r?.comment ?? ''} />
              </fieldset>
            );
          })}
          <Button>{t('reviews.checklist.save')}</Button>
        </PostForm>
      ) : (
        <DataTable
          caption={t('reviews.checklist.caption')}
          rowHeader
          rows={v.criteria}
          columns={[
            { head: t('reviews.checklist.criterion'), cell: (k) => name(k) },
            { head: t('reviews.checklist.weight'), numeric: true, cell: (k) => k.weight },
            { head: t('reviews.checklist.rating'), cell: (k) => ratingText(byCode.get(k.code)?.rating) },
            { head: t('reviews.checklist.comment'), cell: (k) => byCode.get(k.code)?.comment || '—' },
          ]}
        />
      )}
    </Section>
  );
}

function DeficienciesSection(p: CasePageProps) {
  const { ctx, v, can } = p;
  const { t, f } = ctx;
  return (
    <Section id="deficiencies" title={t('reviews.deficiencies.title')}>
      {v.deficiencies.length === 0 && <p class="govuk-body">{t('reviews.deficiencies.none')}</p>}
      {v.deficiencies.map((d) => (
        <div class="vw-box" id={`deficiency-${d.number}`}>
          <h3 class="govuk-heading-s">{t('reviews.deficiencies.number', { n: String(d.number) })} · {label(ctx, 'reviews.deficiencies.status', d.status)}</h3>
          <ul class="govuk-list">
            {d.events.map((e) => (
              <li><span class="govuk-body-s vw-muted">{label(ctx, 'reviews.deficiencies.event', e.action).replace('{who}', e.actorLabel)} · {f.dateTime(e.at)}</span><br />{e.text}</li>
            ))}
          </ul>
          {can.answer && d.status === 'raised' && (
            <PostForm ctx={ctx} action={`/reviews/deficiencies/${d.id}/answer`}>
              <TextArea ctx={ctx} name={`answer_${d.number}`} label={t('reviews.deficiencies.answer')} rows={3} errors={p.errors} />
              <Button secondary>{t('reviews.deficiencies.send')}</Button>
            </PostForm>
          )}
          {can.review && d.status === 'answered' && (
            <div class="govuk-button-group">
              <PostForm ctx={ctx} action={`/reviews/deficiencies/${d.id}/resolve`}><Button secondary>{t('reviews.deficiencies.resolve')} <span class="govuk-visually-hidden">{d.number}</span></Button></PostForm>
              <PostForm ctx={ctx} action={`/reviews/deficiencies/${d.id}/reopen`}><Button secondary>{t('reviews.deficiencies.reopen')} <span class="govuk-visually-hidden">{d.number}</span></Button></PostForm>
            </div>
          )}
        </div>
      ))}
      {can.review && (
        <PostForm ctx={ctx} action={`${caseHref(v.case.id)}/deficiencies`}>
          <TextArea ctx={ctx} name="text" label={t('reviews.deficiencies.text')} rows={3} errors={p.errors} value={p.values?.text} />
          <Select ctx={ctx} name="criterion" label={t('reviews.deficiencies.criterion')} value={p.values?.criterion ?? ''} options={[{ value: '', label: '—' }, ...v.criteria.map((k) => ({ value: k.code, label: ctx.lang === 'sw' ? k.nameSw : k.nameEn }))]} />
          <Button secondary>{t('reviews.deficiencies.raise')}</Button>
        </PostForm>
      )}
    </Section>
  );
}

function ClarificationSection(p: CasePageProps) {
  const { ctx, v, can } = p;
  const { t, f } = ctx;
  const base = caseHref(v.case.id);
  if (v.clarifications.length === 0 && !can.review) return null;
  return (
    <Section id="clarification" title={t('reviews.clarification.title')}>
      {v.clarifications.map((q) => (
        <div class="vw-box">
          <p class="govuk-body"><strong>{q.question}</strong><br /><span class="govuk-body-s vw-muted">{t('reviews.clarification.asked', { at: f.dateTime(q.askedAt) })}</span></p>
          {q.answer && <p class="govuk-body">{q.answer}<br /><span class="govuk-body-s vw-muted">{t('reviews.clarification.answered', { at: f.dateTime(q.answeredAt!) })}</span></p>}
        </div>
      ))}
      {can.answer && v.case.stage === 'clarification' && (
        <PostForm ctx={ctx} action={`${base}/clarification/answer`}>
          <TextArea ctx={ctx} name="answer" label={t('reviews.clarification.answer')} rows={3} errors={p.errors} />
          <Button>{t('reviews.clarification.send')}</Button>
        </PostForm>
      )}
      {can.review && (
        <>
          <PostForm ctx={ctx} action={`${base}/clarification`}>
            <TextArea ctx={ctx} name="question" label={t('reviews.clarification.question')} rows={3} errors={p.errors} value={p.values?.question} />
            <Button secondary>{t('reviews.clarification.ask')}</Button>
          </PostForm>
          <PostForm ctx={ctx} action={`${base}/return`}>
            <TextArea ctx={ctx} name="note" label={t('reviews.return.note')} rows={2} />
            <Button secondary>{t('reviews.return.button')}</Button>
          </PostForm>
        </>
      )}
    </Section>
  );
}

function DecisionSection(p: CasePageProps) {
  const { ctx, v, can } = p;
  const { t, f } = ctx;
  const d = v.decision;
  const base = caseHref(v.case.id);
  const letter = `${caseHref(v.case.id)}/decision.pdf`;
  if (!d && !can.decide) return null;
  return (
    <Section id="decision" title={t('reviews.decision.title')}>
      {d ? (
        <>
          <p class="govuk-body-l"><StageTag ctx={ctx} stage="decided" outcome={d.outcome} /></p>
          <p class="govuk-body vw-prewrap">{d.reasons}</p>
          <p class="govuk-body-s vw-muted">{t('reviews.decision.by', { who: d.decidedByName, at: f.date(d.decidedAt) })}</p>
          {v.document && (
            <>
              <h3 class="govuk-heading-m">{t('reviews.document.implements')}</h3>
              <ul class="govuk-list govuk-list--bullet">{v.implementsDocs.map((x) => <li>{x.code}: {ctx.lang === 'sw' ? x.title_sw : x.title_en}</li>)}</ul>
              <h3 class="govuk-heading-m">{t('reviews.document.advice')}</h3>
              <p class="govuk-body vw-prewrap">{v.document.advice}</p>
            </>
          )}
          <h3 class="govuk-heading-m">{t('reviews.decision.letter')}</h3>
          <ul class="govuk-list">
            <li><a class="govuk-link" href={`${letter}?lang=sw`} hreflang="sw">{t('reviews.decision.letterSw')}</a></li>
            <li><a class="govuk-link" href={`${letter}?lang=en`} hreflang="en">{t('reviews.decision.letterEn')}</a></li>
          </ul>
          {v.conditions.length > 0 && (
            <>
              <h3 class="govuk-heading-m">{t('reviews.conditions.title')}</h3>
              {v.conditions.map((k) => (
                <div class="vw-box" id={`condition-${k.number}`}>
                  <p class="govuk-body"><strong>{t('reviews.conditions.number', { n: String(k.number) })}</strong> · {label(ctx, 'reviews.conditions.status', k.status)}{k.dueOn && <> · {f.date(k.dueOn)}</>}</p>
                  <p class="govuk-body">{k.text}</p>
                  {k.evidence && <p class="govuk-body"><em>{k.evidence}</em></p>}
                  {can.reportCondition && k.status !== 'closed' && (
                    <PostForm ctx={ctx} action={`/reviews/conditions/${k.id}/report`}>
                      <TextArea ctx={ctx} name={`evidence_${k.number}`} label={t('reviews.conditions.evidence')} rows={2} errors={p.errors} />
                      <Button secondary>{t('reviews.conditions.report')}</Button>
                    </PostForm>
                  )}
                  {can.closeCondition && k.status !== 'closed' && (
                    <PostForm ctx={ctx} action={`/reviews/conditions/${k.id}/close`}><Button secondary>{t('reviews.conditions.close')} <span class="govuk-visually-hidden">{k.number}</span></Button></PostForm>
                  )}
                </div>
              ))}
            </>
          )}
          {can.goLive && (
            <>
              <h3 class="govuk-heading-m">{t('reviews.live.title')}</h3>
              <PostForm ctx={ctx} action={`${base}/live`}>
                <TextInput ctx={ctx} name="code" label={t('reviews.f.code')} width="10" errors={p.errors} value={p.values?.code} />
                <TextInput ctx={ctx} name="goLive" label={t('reviews.f.goLive')} width="10" errors={p.errors} value={p.values?.goLive} />
                <Button>{t('reviews.live.button')}</Button>
              </PostForm>
            </>
          )}
          {v.case.kind === 'document' && can.edit === false && v.case.outcome && (
            <p class="govuk-body"><a class="govuk-link" href={`/reviews/documents/new?previous=${v.case.id}`}>{t('reviews.document.revise')}</a></p>
          )}
        </>
      ) : (
        <PostForm ctx={ctx} action={`${base}/decision`}>
          <Select ctx={ctx} name="outcome" label={t('reviews.decision.outcome')} errors={p.errors} value={p.values?.outcome ?? ''} options={[{ value: '', label: '—' }, ...OUTCOMES.map((o) => ({ value: o, label: label(ctx, 'reviews.outcome', o) }))]} />
          <TextArea ctx={ctx} name="reasons" label={t('reviews.decision.reasons')} rows={4} errors={p.errors} value={p.values?.reasons} />
          <TextArea ctx={ctx} name="conditions" label={t('reviews.decision.conditions')} rows={3} errors={p.errors} value={p.values?.conditions} />
          {v.document && (
            <>
              <TextArea ctx={ctx} name="advice" label={t('reviews.document.advice')} rows={4} value={p.values?.advice} />
              <Checkboxes ctx={ctx} name="implements" legend={t('reviews.document.implements')} hint={t('reviews.document.implements.hint')} options={p.library.map((x) => ({ value: x.id, label: `${x.code}: ${x.title}` }))} values={[]} />
            </>
          )}
          <Button>{t('reviews.decision.record')}</Button>
        </PostForm>
      )}
    </Section>
  );
}

function DocumentSection(p: CasePageProps) {
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
