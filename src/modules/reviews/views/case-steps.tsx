// The review steps on a case: the checklist, deficiencies, clarification and the decision with its
// conditions. Each form shows only when the policy allows the step now (case.tsx puts the page together).
import { Button, Checkboxes, Select, TextArea, TextInput } from '../../../web/components/forms.tsx';
import { DataTable } from '../../../web/components/table.tsx';
import { OUTCOMES, RATINGS } from '../schema.ts';
import { caseHref, label, PostForm, StageTag } from './common.tsx';
import type { CasePageProps } from './case.tsx';
import { Section } from './case-file.tsx';

export function ChecklistSection(p: CasePageProps) {
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

export function DeficienciesSection(p: CasePageProps) {
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

export function ClarificationSection(p: CasePageProps) {
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

export function DecisionSection(p: CasePageProps) {
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
