// The self-assessment pages: the questionnaire (paged, filtered, one plain form per question that
// saves that answer), one question with its evidence and assignment, the completeness check and
// sign-off, the attestations with their verification, and the spreadsheet round trip. No JavaScript needed.
import type { PageCtx } from '../../../../web/context.ts';
import type { MessageKey } from '../../../../messages.ts';
import { Layout } from '../../../../web/layout.tsx';
import { Csrf, ErrorSummary, type FieldErrors } from '../../../../web/components/forms.tsx';
import { FilterForm, Pagination, Showing, SummaryRow, withQuery } from '../../../../web/components/lists.tsx';
import { DataTable } from '../../../../web/components/table.tsx';
import { RESULTS, type Attestation, type Evidence } from '../../schema.ts';
import type { AssessmentView, AnswerVersion, GapRow } from '../answers.service.ts';
import type { QuestionRow } from '../queries.ts';
import type { RowProblem } from '../spreadsheet.ts';
import { tanzaniaDate } from '../../../../platform/calendar.ts';

export const assessmentHref = (id: string) => `/compliance/assessments/${id}`;
export const answerHref = (assessmentId: string, answerId: string) => `${assessmentHref(assessmentId)}/answers/${answerId}`;

export const statusLabel = (ctx: PageCtx, s: string) => ctx.t(`assessments.status.${s}` as MessageKey);
const resultLabel = (ctx: PageCtx, r: string | null) => ctx.t(r ? (`compliance.result.${r}` as MessageKey) : 'compliance.result.none');

function Breadcrumbs({ ctx, a }: { ctx: PageCtx; a: AssessmentView }) {
  return (
    <nav class="govuk-breadcrumbs" aria-label={ctx.t('assessments.breadcrumbs')}>
      <ol class="govuk-breadcrumbs__list">
        <li class="govuk-breadcrumbs__list-item"><a class="govuk-breadcrumbs__link" href="/compliance/cycles">{ctx.t('assessments.cycles')}</a></li>
        <li class="govuk-breadcrumbs__list-item"><a class="govuk-breadcrumbs__link" href={`/compliance/cycles/${a.cycleId}`}>{a.cycleCode}</a></li>
        <li class="govuk-breadcrumbs__list-item"><a class="govuk-breadcrumbs__link" href={`/compliance/institutions/${encodeURIComponent(a.acronym)}`}>{a.acronym}</a></li>
      </ol>
    </nav>
  );
}

export function Progress({ ctx, answered, total }: { ctx: PageCtx; answered: number; total: number }) {
  const pct = total ? Math.floor((answered / total) * 100) : 100;
  return (
    <span>
      {ctx.t('assessments.progress', { answered: ctx.f.number(answered), total: ctx.f.number(total), percent: ctx.f.number(pct) })}
    </span>
  );
}

function AssessmentHeader({ ctx, a }: { ctx: PageCtx; a: AssessmentView }) {
  const { t } = ctx;
  return (
    <>
      <Breadcrumbs ctx={ctx} a={a} />
      <span class="govuk-caption-l">{ctx.lang === 'sw' ? a.cycleNameSw : a.cycleNameEn} · {a.acronym}</span>
      <h1 class="govuk-heading-xl">{t('assessments.title', { institution: ctx.lang === 'sw' ? a.institutionNameSw : a.institutionNameEn })}</h1>
      <dl class="govuk-summary-list">
        <SummaryRow k={t('assessments.col.status')}><strong class="govuk-tag">{statusLabel(ctx, a.status)}</strong></SummaryRow>
        <SummaryRow k={t('assessments.col.progress')}><Progress ctx={ctx} answered={a.answeredCount} total={a.questionCount} /></SummaryRow>
        <SummaryRow k={t('assessments.col.due')}>{ctx.f.date(a.submissionDue)}</SummaryRow>
      </dl>
    </>
  );
}

function AssessmentLinks({ ctx, a }: { ctx: PageCtx; a: AssessmentView }) {
  const base = assessmentHref(a.id);
  return (
    <ul class="govuk-list vw-inline-list">
      <li><a class="govuk-link" href={`${base}/submit`}>{ctx.t('assessments.link.submit')}</a></li>
      <li><a class="govuk-link" href={`${base}/questionnaire.xlsx`}>{ctx.t('assessments.link.download')}</a></li>
      <li><a class="govuk-link" href={`${base}/import`}>{ctx.t('assessments.link.upload')}</a></li>
      <li><a class="govuk-link" href={`${base}/attestations`}>{ctx.t('assessments.link.attestations')}</a></li>
      <li><a class="govuk-link" href={`/compliance/institutions/${encodeURIComponent(a.acronym)}/evidence`}>{ctx.t('assessments.link.evidence')}</a></li>
    </ul>
  );
}

export function EvidenceLink({ ctx, e }: { ctx: PageCtx; e: Evidence }) {
  const expired = e.expiresOn && e.expiresOn < tanzaniaDate();
  return (
    <>
      {e.kind === 'file' ? <a class="govuk-link" href={`/compliance/evidence/${e.id}/download`}>{e.title}</a> : <a class="govuk-link" href={e.url ?? '#'} rel="noopener noreferrer">{e.title}</a>}
      {e.expiresOn && <span class="vw-muted"> ({ctx.t(expired ? 'assessments.evidence.expired' : 'assessments.evidence.expires', { date: ctx.f.date(e.expiresOn) })})</span>}
    </>
  );
}

/** The answer form of one question: result radios, justification, comment. Ids are unique per question, so many forms fit one page. */
export function AnswerForm({ ctx, assessmentId, q, editable, values, errors, back }: { ctx: PageCtx; assessmentId: string; q: QuestionRow; editable: boolean; values?: { result: string; justification: string; comment: string }; errors?: FieldErrors; back?: string }) {
  const { t } = ctx;
  const id = q.answer.id;
  const v = values ?? { result: q.answer.result ?? '', justification: q.answer.justification, comment: q.answer.comment };
  if (!editable) {
    return (
      <dl class="govuk-summary-list govuk-summary-list--no-border">
        <SummaryRow k={t('assessments.q.result')}>{resultLabel(ctx, q.answer.result)}</SummaryRow>
        {q.answer.justification && <SummaryRow k={t('assessments.q.justification')}>{q.answer.justification}</SummaryRow>}
        {q.answer.comment && <SummaryRow k={t('assessments.q.comment')}>{q.answer.comment}</SummaryRow>}
      </dl>
    );
  }
  const err = (f: string) => errors?.[f];
  return (
    <form method="post" action={answerHref(assessmentId, id)} novalidate>
      <Csrf ctx={ctx} />
      <input type="hidden" name="revision" value={String(q.answer.revision)} />
      {back && <input type="hidden" name="back" value={back} />}
      <div class={`govuk-form-group${err('result') ? ' govuk-form-group--error' : ''}`}>
        <fieldset class="govuk-fieldset" id={`result-${id}`}>
          <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">{t('assessments.q.result')}</legend>
          {err('result') && <p class="govuk-error-message">{t(err('result')!)}</p>}
          <div class="govuk-radios govuk-radios--small govuk-radios--inline">
            {RESULTS.map((r) => (
              <div class="govuk-radios__item">
                <input class="govuk-radios__input" id={`r-${id}-${r}`} name="result" type="radio" value={r} checked={v.result === r} />
                <label class="govuk-label govuk-radios__label" for={`r-${id}-${r}`}>{t(`compliance.result.${r}`)}</label>
              </div>
            ))}
          </div>
        </fieldset>
      </div>
      <div class={`govuk-form-group${err('justification') ? ' govuk-form-group--error' : ''}`}>
        <label class="govuk-label" for={`justification-${id}`}>{t('assessments.q.justification')}</label>
        <div class="govuk-hint" id={`justification-${id}-hint`}>{t('assessments.q.justificationHint')}</div>
        {err('justification') && <p class="govuk-error-message" id={`justification-${id}-error`}>{t(err('justification')!)}</p>}
        <textarea class="govuk-textarea" id={`justification-${id}`} name="justification" rows={2} aria-describedby={`justification-${id}-hint${err('justification') ? ` justification-${id}-error` : ''}`}>{v.justification}</textarea>
      </div>
      <div class={`govuk-form-group${err('comment') ? ' govuk-form-group--error' : ''}`}>
        <label class="govuk-label" for={`comment-${id}`}>{t('assessments.q.comment')}</label>
        {err('comment') && <p class="govuk-error-message" id={`comment-${id}-error`}>{t(err('comment')!)}</p>}
        <textarea class="govuk-textarea" id={`comment-${id}`} name="comment" rows={2}>{v.comment}</textarea>
      </div>
      <button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button">
        {t(q.answer.carriedFrom && !q.answer.answeredAt ? 'assessments.q.confirm' : 'assessments.q.save')}
        <span class="govuk-visually-hidden"> {q.ref}{q.systemCode ? ` · ${q.systemCode}` : ''}</span>
      </button>
    </form>
  );
}

function QuestionMeta({ ctx, q }: { ctx: PageCtx; q: QuestionRow }) {
  const { t } = ctx;
  return (
    <>
      <p class="govuk-body">{ctx.lang === 'sw' ? q.textSw : q.textEn}</p>
      <p class="govuk-body-s vw-muted">
        {t(`compliance.obligation.${q.obligation}`)}
        {q.groupCode && ` · ${q.groupCode}`}
        {q.assigneeName && ` · ${t('assessments.q.assignedTo', { name: q.assigneeName })}`}
        {q.answer.reviewStatus === 'returned' && ` · ${t('assessments.q.returned')}`}
      </p>
      {q.answer.reviewStatus === 'returned' && q.answer.reviewComment && <div class="govuk-inset-text">{q.answer.reviewComment}</div>}
      {q.answer.carriedFrom && !q.answer.answeredAt && q.answer.result && (
        <p class="govuk-body"><strong class="govuk-tag govuk-tag--yellow">{t('assessments.q.carried')}</strong></p>
      )}
    </>
  );
}

export interface QuestionnaireProps {
  ctx: PageCtx;
  assessment: AssessmentView;
  items: QuestionRow[];
  total: number;
  page: number;
  pageSize: number;
  filters: { unanswered: string; mine: string; group: string; system: string };
  choices: { groups: string[]; systems: { id: string; code: string; name: string }[] };
  can: { answer: boolean; signOff: boolean };
  editable: (q: QuestionRow) => boolean;
  saved?: string;
}

export function QuestionnairePage(p: QuestionnaireProps) {
  const { ctx, assessment: a } = p;
  const { t } = ctx;
  const here = assessmentHref(a.id);
  return (
    <Layout ctx={ctx} title={t('assessments.title', { institution: a.acronym })}>
      <AssessmentHeader ctx={ctx} a={a} />
      {p.saved && <div class="govuk-inset-text" role="status">{t('assessments.saved')}</div>}
      <AssessmentLinks ctx={ctx} a={a} />
      <FilterForm ctx={ctx} action={here} clearHref={here}>
        <div class="govuk-form-group">
          <div class="govuk-checkboxes govuk-checkboxes--small">
            <div class="govuk-checkboxes__item">
              <input class="govuk-checkboxes__input" id="f-unanswered" name="unanswered" type="checkbox" value="1" checked={p.filters.unanswered === '1'} />
              <label class="govuk-label govuk-checkboxes__label" for="f-unanswered">{t('assessments.filter.unanswered')}</label>
            </div>
            <div class="govuk-checkboxes__item">
              <input class="govuk-checkboxes__input" id="f-mine" name="mine" type="checkbox" value="1" checked={p.filters.mine === '1'} />
              <label class="govuk-label govuk-checkboxes__label" for="f-mine">{t('assessments.filter.mine')}</label>
            </div>
          </div>
        </div>
        <div class="govuk-form-group">
          <label class="govuk-label" for="f-group">{t('assessments.filter.group')}</label>
          <select class="govuk-select" id="f-group" name="group">
            <option value="">{t('assessments.filter.all')}</option>
            {p.choices.groups.map((g) => <option value={g} selected={p.filters.group === g}>{g}</option>)}
          </select>
        </div>
        <div class="govuk-form-group">
          <label class="govuk-label" for="f-system">{t('assessments.filter.system')}</label>
          <select class="govuk-select" id="f-system" name="system">
            <option value="">{t('assessments.filter.all')}</option>
            <option value="institution" selected={p.filters.system === 'institution'}>{t('assessments.filter.institutionOnly')}</option>
            {p.choices.systems.map((s) => <option value={s.id} selected={p.filters.system === s.id}>{s.code} — {s.name}</option>)}
          </select>
        </div>
      </FilterForm>
      <Showing ctx={ctx} page={p.page} size={p.pageSize} total={p.total} />
      {p.items.map((q) => (
        <section class="vw-question" id={`q-${q.answer.id}`} aria-labelledby={`h-${q.answer.id}`}>
          <h2 class="govuk-heading-s" id={`h-${q.answer.id}`}>
            <a class="govuk-link" href={answerHref(a.id, q.answer.id)}>{q.ref}</a>
            {q.systemCode && <span> · {t('assessments.q.system', { code: q.systemCode, name: q.systemName ?? '' })}</span>}
            <span class="vw-muted"> — {resultLabel(ctx, q.answer.carriedFrom && !q.answer.answeredAt ? null : q.answer.result)}</span>
          </h2>
          <QuestionMeta ctx={ctx} q={q} />
          {q.evidence.length > 0 && (
            <p class="govuk-body-s">
              {t('assessments.q.evidence')}:{' '}
              {q.evidence.map((e, i) => (
                <>
                  {i > 0 && ', '}
                  <EvidenceLink ctx={ctx} e={e} />
                </>
              ))}
            </p>
          )}
          <AnswerForm ctx={ctx} assessmentId={a.id} q={q} editable={p.editable(q)} back={withQuery(ctx, { saved: undefined })} />
          {p.editable(q) && <p class="govuk-body-s"><a class="govuk-link" href={answerHref(a.id, q.answer.id)}>{t('assessments.q.more')}<span class="govuk-visually-hidden"> {q.ref}{q.systemCode ? ` · ${q.systemCode}` : ''}</span></a></p>}
          <hr class="govuk-section-break govuk-section-break--m govuk-section-break--visible" />
        </section>
      ))}
      <Pagination ctx={ctx} page={p.page} pages={Math.max(1, Math.ceil(p.total / p.pageSize))} />
    </Layout>
  );
}

export interface AnswerPageProps {
  ctx: PageCtx;
  assessment: AssessmentView;
  q: QuestionRow;
  editable: boolean;
  library: Evidence[];
  colleagues: { id: string; name: string }[];
  errors?: FieldErrors;
  values?: { result: string; justification: string; comment: string };
  /** On a conflict: the stored version, shown beside the caller's. */
  conflict?: AnswerVersion;
  back?: string;
  notice?: MessageKey;
}

export function AnswerPage(p: AnswerPageProps) {
  const { ctx, assessment: a, q } = p;
  const { t } = ctx;
  const base = answerHref(a.id, q.answer.id);
  const attached = new Set(q.evidence.map((e) => e.id));
  const pickable = p.library.filter((e) => !attached.has(e.id));
  return (
    <Layout ctx={ctx} title={`${q.ref} – ${a.acronym}`}>
      <Breadcrumbs ctx={ctx} a={a} />
      <p class="govuk-body"><a class="govuk-back-link" href={p.back || assessmentHref(a.id)}>{t('assessments.backToQuestionnaire')}</a></p>
      <ErrorSummary ctx={ctx} messages={Object.entries(p.errors ?? {}).map(([field, key]) => ({ field: ['result', 'justification', 'comment'].includes(field) ? `${field}-${q.answer.id}` : field, message: t(key) }))} />
      {p.notice && <div class="govuk-inset-text" role="status">{t(p.notice)}</div>}
      <span class="govuk-caption-l">{a.acronym} · {a.cycleCode}</span>
      <h1 class="govuk-heading-l">{q.ref}{q.systemCode ? ` · ${q.systemCode}` : ''}</h1>
      <QuestionMeta ctx={ctx} q={q} />
      {p.conflict && (
        <div class="govuk-warning-text" role="alert">
          <span class="govuk-warning-text__icon" aria-hidden="true">!</span>
          <strong class="govuk-warning-text__text">{t('assessments.conflict')}</strong>
        </div>
      )}
      {p.conflict && (
        <DataTable
          caption={t('assessments.conflict.caption')}
          showCaption="s"
          rowHeader
          rows={[
            { field: t('assessments.q.result'), theirs: resultLabel(ctx, p.conflict.result), yours: resultLabel(ctx, p.values?.result || null) },
            { field: t('assessments.q.justification'), theirs: p.conflict.justification, yours: p.values?.justification },
            { field: t('assessments.q.comment'), theirs: p.conflict.comment, yours: p.values?.comment },
          ]}
          columns={[
            { head: <span class="govuk-visually-hidden">{t('assessments.conflict.field')}</span>, cell: (r) => r.field },
            { head: t('assessments.conflict.theirs'), cell: (r) => r.theirs },
            { head: t('assessments.conflict.yours'), cell: (r) => r.yours },
          ]}
        />
      )}
      <AnswerForm ctx={ctx} assessmentId={a.id} q={q} editable={p.editable} values={p.values} errors={p.errors} back={p.back} />

      <h2 class="govuk-heading-m">{t('assessments.q.evidence')}</h2>
      {q.evidence.length === 0 ? (
        <p class="govuk-body">{t('assessments.evidence.none')}</p>
      ) : (
        <ul class="govuk-list">
          {q.evidence.map((e) => (
            <li>
              <EvidenceLink ctx={ctx} e={e} />
              {p.editable && (
                <form method="post" action={`${base}/evidence/${e.id}/remove`} class="vw-inline-form">
                  <Csrf ctx={ctx} />
                  <button type="submit" class="govuk-button govuk-button--secondary govuk-!-margin-bottom-0 govuk-!-margin-left-2" data-module="govuk-button">
                    {t('assessments.evidence.remove')}<span class="govuk-visually-hidden"> {e.title}</span>
                  </button>
                </form>
              )}
            </li>
          ))}
        </ul>
      )}
      {p.editable && pickable.length > 0 && (
        <form method="post" action={`${base}/evidence`}>
          <Csrf ctx={ctx} />
          <div class={`govuk-form-group${p.errors?.evidence ? ' govuk-form-group--error' : ''}`}>
            <fieldset class="govuk-fieldset" id="evidence">
              <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">{t('assessments.evidence.pick')}</legend>
              <div class="govuk-checkboxes govuk-checkboxes--small">
                {pickable.map((e) => (
                  <div class="govuk-checkboxes__item">
                    <input class="govuk-checkboxes__input" id={`ev-${e.id}`} name="evidence" type="checkbox" value={e.id} />
                    <label class="govuk-label govuk-checkboxes__label" for={`ev-${e.id}`}>{e.title}</label>
                  </div>
                ))}
              </div>
            </fieldset>
          </div>
          <button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button">{t('assessments.evidence.attach')}</button>
        </form>
      )}
      {p.editable && (
        <form method="post" action={`${base}/evidence/new`} enctype="multipart/form-data">
          <Csrf ctx={ctx} />
          <h3 class="govuk-heading-s">{t('assessments.evidence.add')}</h3>
          <EvidenceFields ctx={ctx} errors={p.errors} />
          <button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button">{t('assessments.evidence.upload')}</button>
        </form>
      )}
      {p.editable && (
        <>
          <h2 class="govuk-heading-m">{t('assessments.assign.title')}</h2>
          <form method="post" action={`${base}/assign`}>
            <Csrf ctx={ctx} />
            <div class={`govuk-form-group${p.errors?.assignee ? ' govuk-form-group--error' : ''}`}>
              <label class="govuk-label" for="assignee">{t('assessments.assign.label')}</label>
              {p.errors?.assignee && <p class="govuk-error-message">{t(p.errors.assignee)}</p>}
              <select class="govuk-select" id="assignee" name="assignee">
                <option value="">{t('assessments.assign.nobody')}</option>
                {p.colleagues.map((c) => <option value={c.id} selected={q.answer.assignedTo === c.id}>{c.name}</option>)}
              </select>
            </div>
            <button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button">{t('assessments.assign.submit')}</button>
          </form>
        </>
      )}
    </Layout>
  );
}

/** Title, expiry, file or link: the fields of a new piece of evidence (a multipart form; the CSRF token comes first). */
/** The id of a form control named `name`: the name itself, or with `-suffix` where the page holds several forms with the same fields. */
export const fieldId = (name: string, suffix?: string) => (suffix ? `${name}-${suffix}` : name);

/** The fields of a new piece of evidence; `idSuffix` keeps their ids unique when a page holds several such forms. */
export function EvidenceFields({ ctx, errors, idSuffix }: { ctx: PageCtx; errors?: FieldErrors; idSuffix?: string }) {
  const { t } = ctx;
  // Each control is described by its hint and, after a refused post, its error message.
  const group = (name: string, label: string, control: (id: string, describedBy: string | undefined) => preact.JSX.Element, hint?: string) => {
    const id = fieldId(name, idSuffix);
    const err = errors?.[name];
    const describedBy = [hint ? `${id}-hint` : '', err ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
    return (
      <div class={`govuk-form-group${err ? ' govuk-form-group--error' : ''}`}>
        <label class="govuk-label" for={id}>{label}</label>
        {hint && <div class="govuk-hint" id={`${id}-hint`}>{hint}</div>}
        {err && <p class="govuk-error-message" id={`${id}-error`}>{t(err)}</p>}
        {control(id, describedBy)}
      </div>
    );
  };
  return (
    <>
      {group('title', t('assessments.evidence.title'), (id, by) => <input class="govuk-input" id={id} name="title" type="text" maxLength={200} aria-describedby={by} />)}
      {group('expiresOn', t('assessments.evidence.expiresOn'), (id, by) => <input class="govuk-input govuk-input--width-10" id={id} name="expiresOn" type="date" aria-describedby={by} />, t('assessments.evidence.expiresHint'))}
      {group('url', t('assessments.evidence.url'), (id, by) => <input class="govuk-input" id={id} name="url" type="url" maxLength={2000} aria-describedby={by} />, t('assessments.evidence.urlHint'))}
      {group('file', t('assessments.evidence.file'), (id, by) => <input class="govuk-file-upload" id={id} name="file" type="file" accept=".pdf,.docx,.xlsx,.png,.jpg,.jpeg" aria-describedby={by} />, t('assessments.evidence.fileHint'))}
    </>
  );
}

export function SubmitPage({ ctx, assessment: a, gaps, canSignOff, refusal, error }: { ctx: PageCtx; assessment: AssessmentView; gaps: GapRow[]; canSignOff: boolean; refusal: MessageKey | null; error?: MessageKey }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('assessments.submit.title')}>
      <AssessmentHeader ctx={ctx} a={a} />
      {error && (
        <div class="govuk-error-summary" role="alert">
          <h2 class="govuk-error-summary__title">{t(error)}</h2>
        </div>
      )}
      <h2 class="govuk-heading-m">{t('assessments.submit.completeness')}</h2>
      {gaps.length === 0 ? (
        <p class="govuk-body">{t('assessments.submit.complete')}</p>
      ) : (
        <DataTable
          caption={t('assessments.submit.missing', { count: ctx.f.number(gaps.length) })}
          showCaption="s"
          rows={gaps.slice(0, 200)}
          columns={[
            { head: t('assessments.col.requirement'), cell: (g) => <a class="govuk-link" href={answerHref(a.id, g.answerId)}>{g.ref}</a> },
            { head: t('assessments.col.system'), cell: (g) => g.systemCode ?? '—' },
            { head: t('assessments.col.missing'), cell: (g) => t(`assessments.gap.${g.gap}`) },
          ]}
        />
      )}
      <h2 class="govuk-heading-m">{t('assessments.signOff.title')}</h2>
      {canSignOff && gaps.length === 0 ? (
        <form method="post" action={`${assessmentHref(a.id)}/sign-off`}>
          <Csrf ctx={ctx} />
          <input type="hidden" name="revision" value={String(a.revision)} />
          <p class="govuk-body">{t('assessments.signOff.statement', { institution: ctx.lang === 'sw' ? a.institutionNameSw : a.institutionNameEn })}</p>
          <button type="submit" class="govuk-button" data-module="govuk-button">{t('assessments.signOff.submit')}</button>
        </form>
      ) : (
        <p class="govuk-body">{refusal ? t(refusal) : gaps.length ? t('assessments.signOff.incomplete') : t('assessments.signOff.headOnly')}</p>
      )}
    </Layout>
  );
}

export interface AttestationView {
  attestation: Attestation;
  contentIntact: boolean;
  matchesCurrent: boolean;
  recomputed: string;
}

export function AttestationsPage({ ctx, assessment: a, items, signed }: { ctx: PageCtx; assessment: AssessmentView; items: AttestationView[]; signed?: boolean }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('assessments.attestations.title')}>
      <AssessmentHeader ctx={ctx} a={a} />
      {signed && <div class="govuk-inset-text" role="status">{t('assessments.signOff.done')}</div>}
      <h2 class="govuk-heading-m">{t('assessments.attestations.title')}</h2>
      {items.length === 0 && <p class="govuk-body">{t('assessments.attestations.none')}</p>}
      {items.map((v) => (
        <section aria-labelledby={`att-${v.attestation.id}`}>
          <h3 class="govuk-heading-s" id={`att-${v.attestation.id}`}>{t('assessments.attestations.by', { name: v.attestation.signerName, date: ctx.f.dateTime(v.attestation.signedAt) })}</h3>
          <dl class="govuk-summary-list">
            <SummaryRow k={t('assessments.attestations.hash')}><code class="vw-hash">{v.attestation.contentSha256}</code></SummaryRow>
            <SummaryRow k={t('assessments.attestations.intact')}>{t(v.contentIntact ? 'assessments.attestations.yes' : 'assessments.attestations.no')}</SummaryRow>
            <SummaryRow k={t('assessments.attestations.current')}>{t(v.matchesCurrent ? 'assessments.attestations.yes' : 'assessments.attestations.changed')}</SummaryRow>
          </dl>
          <p class="govuk-body-s"><a class="govuk-link" href={`/api/v1/compliance/attestations/${v.attestation.id}/verify`}>{t('assessments.attestations.api')}</a></p>
        </section>
      ))}
    </Layout>
  );
}

export function ImportPage({ ctx, assessment: a, error, problems, applied }: { ctx: PageCtx; assessment: AssessmentView; error?: MessageKey; problems?: RowProblem[]; applied?: number }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('assessments.import.title')}>
      <AssessmentHeader ctx={ctx} a={a} />
      {applied !== undefined && <div class="govuk-inset-text" role="status">{t('assessments.import.applied', { count: ctx.f.number(applied) })}</div>}
      {(error || problems?.length) && (
        <div class="govuk-error-summary" role="alert">
          <h2 class="govuk-error-summary__title">{t(error ?? 'assessments.import.refused')}</h2>
          {problems && problems.length > 0 && (
            <div class="govuk-error-summary__body">
              <ul class="govuk-list govuk-error-summary__list">
                {problems.slice(0, 100).map((p) => <li>{t('assessments.import.rowProblem', { row: ctx.f.number(p.row), problem: t(p.problem) })}</li>)}
              </ul>
            </div>
          )}
        </div>
      )}
      <h2 class="govuk-heading-m">{t('assessments.import.title')}</h2>
      <p class="govuk-body">{t('assessments.import.explain')}</p>
      <p class="govuk-body"><a class="govuk-link" href={`${assessmentHref(a.id)}/questionnaire.xlsx`}>{t('assessments.link.download')}</a></p>
      <form method="post" action={`${assessmentHref(a.id)}/import`} enctype="multipart/form-data">
        <Csrf ctx={ctx} />
        <div class="govuk-form-group">
          <label class="govuk-label" for="file">{t('assessments.import.file')}</label>
          <input class="govuk-file-upload" id="file" name="file" type="file" accept=".xlsx" />
        </div>
        <button type="submit" class="govuk-button" data-module="govuk-button">{t('assessments.import.submit')}</button>
      </form>
    </Layout>
  );
}
