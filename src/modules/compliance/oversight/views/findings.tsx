// Findings: the list (an institution sees its own), raising one from an answer, and one finding with
// its challenge, remediation plan, milestones, evidence and history; the plan's form.
import type { PageCtx } from '../../../../web/context.ts';
import { Layout } from '../../../../web/layout.tsx';
import { Button, Csrf, ErrorSummary, Select, TextArea, TextInput, type FieldErrors } from '../../../../web/components/forms.tsx';
import { FilterForm, SummaryRow } from '../../../../web/components/lists.tsx';
import { DataTable, PagedTable } from '../../../../web/components/table.tsx';
import { SEVERITIES } from '../../schema.ts';
import type { FindingRow, Paged, findingView } from '../queries.ts';
import { FilterSelect, findingHref, label, OversightNav, resultLabel, RecordTop, reviewHref, Tag } from './common.tsx';
import { MILESTONES_MAX } from '../rules.ts';
import { EvidenceFields, EvidenceLink } from '../../assessments/views/assessment.tsx';

type View = Awaited<ReturnType<typeof findingView>>;

export function FindingsPage({ ctx, result, filters, canSeeAll }: { ctx: PageCtx; result: Paged<FindingRow>; filters: Record<string, string>; canSeeAll: boolean }) {
  const { t, f } = ctx;
  return (
    <Layout ctx={ctx} title={t('oversight.findings.title')}>
      <OversightNav ctx={ctx} />
      <h1 class="govuk-heading-xl">{t('oversight.findings.title')}</h1>
      <p class="govuk-body-l">{t('oversight.findings.lead')}</p>
      <FilterForm ctx={ctx} action="/compliance/findings" clearHref="/compliance/findings">
        <FilterSelect ctx={ctx} name="status" label={t('oversight.col.status')} value={filters.status} options={['open', 'challenged', 'withdrawn', 'closed'].map((s) => ({ value: s, label: label(ctx, 'oversight.findingStatus', s) }))} />
        <FilterSelect ctx={ctx} name="severity" label={t('oversight.col.severity')} value={filters.severity} options={SEVERITIES.map((s) => ({ value: s, label: label(ctx, 'compliance.severity', s) }))} />
        {canSeeAll && (
          <div class="govuk-form-group">
            <label class="govuk-label" for="f-institution">{t('oversight.col.institution')}</label>
            <input class="govuk-input govuk-input--width-10" id="f-institution" name="institution" value={filters.institution} />
          </div>
        )}
        <FilterSelect ctx={ctx} name="overdue" label={t('oversight.filter.overdue')} value={filters.overdue} options={[{ value: 'yes', label: t('oversight.yes') }]} />
      </FilterForm>
      <PagedTable
        ctx={ctx}
        result={result}
        caption={t('oversight.findings.caption')}
        rowHeader
        columns={[
          { head: t('oversight.col.requirement'), cell: (r) => <><a class="govuk-link" href={findingHref(r.id)}>{r.ref}</a>{r.system ? ` · ${r.system}` : ''}</> },
          { head: t('oversight.col.institution'), cell: (r) => r.institution },
          { head: t('oversight.col.severity'), cell: (r) => <Tag value={r.severity}>{label(ctx, 'compliance.severity', r.severity)}</Tag> },
          { head: t('oversight.col.status'), cell: (r) => label(ctx, 'oversight.findingStatus', r.status) },
          { head: t('oversight.col.due'), cell: (r) => f.date(r.dueOn) },
          { head: t('oversight.col.plan'), cell: (r) => label(ctx, 'oversight.planStatus', r.planStatus) },
          { head: t('oversight.col.escalation'), cell: (r) => t(`oversight.escalation.${Math.min(4, Math.max(0, r.escalation))}` as 'oversight.escalation.0') },
        ]}
      />
    </Layout>
  );
}

export interface NewFindingProps {
  ctx: PageCtx;
  answer: { id: string; ref: string; text: string; system: string | null; institution: string; result: string | null; assessmentId: string };
  challengeUntil: string;
  values: Record<string, string>;
  errors?: FieldErrors;
}

export function NewFindingPage(p: NewFindingProps) {
  const { ctx, answer } = p;
  const { t, f } = ctx;
  const title = t('oversight.finding.new', { ref: answer.ref });
  return (
    <Layout ctx={ctx} title={title}>
      <OversightNav ctx={ctx} />
      <ErrorSummary ctx={ctx} errors={p.errors} />
      <span class="govuk-caption-l">{answer.institution}{answer.system ? ` · ${answer.system}` : ''}</span>
      <h1 class="govuk-heading-xl">{title}</h1>
      <p class="govuk-body">{answer.text}</p>
      <p class="govuk-body">{t('oversight.finding.answer', { result: resultLabel(ctx, answer.result) })}</p>
      <p class="govuk-inset-text">{t('oversight.finding.newLead', { date: f.date(p.challengeUntil) })}</p>
      <form method="post" action={`/compliance/findings/new?answer=${answer.id}`} novalidate>
        <Csrf ctx={ctx} />
        <Select ctx={ctx} name="severity" label={t('oversight.finding.severity')} value={p.values.severity ?? 'moderate'} errors={p.errors} options={SEVERITIES.map((s) => ({ value: s, label: label(ctx, 'compliance.severity', s) }))} />
        <TextInput ctx={ctx} name="dueOn" label={t('oversight.finding.dueOn')} hint={t('oversight.finding.dueHint')} value={p.values.dueOn} errors={p.errors} width="10" />
        <TextArea ctx={ctx} name="description" label={t('oversight.finding.description')} value={p.values.description} errors={p.errors} rows={6} />
        <div class="govuk-button-group">
          <Button>{t('oversight.finding.raise')}</Button>
          <a class="govuk-link" href={reviewHref(answer.assessmentId)}>{t('common.cancel')}</a>
        </div>
      </form>
    </Layout>
  );
}

export interface FindingPageProps {
  ctx: PageCtx;
  v: View;
  can: Record<'challenge' | 'decideChallenge' | 'savePlan' | 'submitPlan' | 'progress' | 'completePlan' | 'closePlan' | 'sendBackPlan', boolean>;
  evidenceChoices: { id: string; title: string }[];
  errors?: FieldErrors;
  values?: Record<string, string>;
  saved?: boolean;
  /** Why an action just failed (state, window): shown at the top. */
  problem?: string;
}

function describeChange(ctx: PageCtx, change: Record<string, unknown>): string {
  const { t } = ctx;
  const action = String(change.action ?? '');
  const fields = (change.fields ?? {}) as Record<string, [unknown, unknown]>;
  if (action === 'create') return t('oversight.plan.history.create');
  if (action === 'evidence') {
    const title = String((change.evidence as { title?: string } | undefined)?.title ?? '');
    return typeof change.milestone === 'number' ? t('oversight.plan.history.evidenceMilestone', { n: change.milestone, title }) : t('oversight.plan.history.evidence', { title });
  }
  const status = fields.status;
  const parts: string[] = [];
  if (status) parts.push(t('oversight.plan.history.move', { from: label(ctx, 'oversight.planStatus', String(status[0])), to: label(ctx, 'oversight.planStatus', String(status[1])) }));
  const others = Object.keys(fields).filter((k) => k !== 'status');
  if (others.length) parts.push(t('oversight.plan.history.update', { fields: others.join(', ') }));
  if (change.reason) parts.push(t('oversight.plan.history.reason', { reason: String(change.reason) }));
  return parts.join(' · ');
}

export function FindingPage(p: FindingPageProps) {
  const { ctx, v } = p;
  const { t, f } = ctx;
  const fd = v.finding;
  const title = t('oversight.finding.title', { ref: v.meta.ref });
  const base = findingHref(fd.id);
  const poam = v.poam;
  const mayEdit = poam ? (poam.status === 'draft' ? p.can.savePlan : p.can.progress) : p.can.savePlan;
  return (
    <Layout ctx={ctx} title={title}>
      <RecordTop ctx={ctx} back={{ href: '/compliance/findings', label: t('oversight.findings.title') }} saved={!!p.saved} />
      {p.problem && <div class="govuk-error-summary" data-module="govuk-error-summary"><div role="alert"><h2 class="govuk-error-summary__title">{t('error.summary')}</h2><div class="govuk-error-summary__body"><p class="govuk-body">{p.problem}</p></div></div></div>}
      <ErrorSummary ctx={ctx} errors={p.errors} />
      <span class="govuk-caption-l">{v.meta.acronym} · {v.meta.cycle}</span>
      <h1 class="govuk-heading-xl">{title}</h1>
      <p class="govuk-body"><Tag value={fd.status}>{label(ctx, 'oversight.findingStatus', fd.status)}</Tag> <Tag value={fd.severity}>{label(ctx, 'compliance.severity', fd.severity)}</Tag></p>

      <h2 class="govuk-heading-m">{t('oversight.finding.details')}</h2>
      <dl class="govuk-summary-list">
        <SummaryRow k={t('oversight.col.requirement')}>{v.meta.ref} — {ctx.lang === 'sw' ? v.meta.textSw : v.meta.textEn}</SummaryRow>
        {v.system && <SummaryRow k={t('oversight.col.system')}>{v.system.name}</SummaryRow>}
        {v.answer && <SummaryRow k={t('oversight.col.answer')}>{resultLabel(ctx, v.answer.result)}{v.answer.verifiedResult ? ` · ${t('oversight.review.verifiedAs', { result: resultLabel(ctx, v.answer.verifiedResult) })}` : ''}</SummaryRow>}
        <SummaryRow k={t('oversight.finding.description')}>{fd.description}</SummaryRow>
        <SummaryRow k={t('oversight.finding.dueOn')}>{f.date(fd.dueOn)}</SummaryRow>
        <SummaryRow k={t('oversight.col.escalation')}>{t(`oversight.escalation.${Math.min(4, Math.max(0, fd.escalation))}` as 'oversight.escalation.0')}</SummaryRow>
        <SummaryRow k={t('oversight.col.who')}>{t('oversight.finding.raisedBy', { name: v.meta.raisedBy ?? '—', date: f.date(fd.raisedAt) })}</SummaryRow>
      </dl>

      <h2 class="govuk-heading-m">{t('oversight.challenge.title')}</h2>
      <p class="govuk-body">{t(v.record.today > v.meta.challengeUntil ? 'oversight.challenge.closed' : 'oversight.challenge.until', { date: f.date(v.meta.challengeUntil) })}</p>
      {v.challenges.map((c) => (
        <div class="vw-box">
          <p class="govuk-body-s vw-muted">{t('oversight.challenge.by', { name: c.by ?? '—', date: f.dateTime(c.submittedAt) })}</p>
          <p class="govuk-body">{c.reason}</p>
          <p class="govuk-body">
            <strong>{c.outcome ? t(c.outcome === 'upheld' ? 'oversight.challenge.upheld' : 'oversight.challenge.withdrawn', { date: f.date(c.decidedAt!) }) : t('oversight.challenge.pending')}</strong>
            {c.outcomeReason ? ` ${c.outcomeReason}` : ''}
          </p>
        </div>
      ))}
      {p.can.challenge && (
        <form method="post" action={`${base}/challenge`} novalidate>
          <Csrf ctx={ctx} />
          <input type="hidden" name="revision" value={String(fd.revision)} />
          <TextArea ctx={ctx} name="reason" label={t('oversight.challenge.reason')} value={p.values?.reason} errors={p.errors} rows={4} />
          <Button secondary>{t('oversight.challenge.submit')}</Button>
        </form>
      )}
      {p.can.decideChallenge && (
        <form method="post" action={`${base}/decision`} novalidate>
          <Csrf ctx={ctx} />
          <input type="hidden" name="revision" value={String(fd.revision)} />
          <h3 class="govuk-heading-s">{t('oversight.challenge.decide')}</h3>
          <TextArea ctx={ctx} name="outcomeReason" label={t('oversight.challenge.decisionReason')} value={p.values?.outcomeReason} errors={p.errors} rows={3} />
          <div class="govuk-button-group">
            <Button name="outcome" value="upheld">{t('oversight.challenge.uphold')}</Button>
            <Button name="outcome" value="withdrawn" secondary>{t('oversight.challenge.withdraw')}</Button>
          </div>
        </form>
      )}

      <h2 class="govuk-heading-m">{t('oversight.plan.title')}</h2>
      {!poam ? (
        <p class="govuk-body">{t('oversight.plan.none')}</p>
      ) : (
        <>
          <p class="govuk-body"><Tag value={poam.status}>{t('oversight.plan.status', { status: label(ctx, 'oversight.planStatus', poam.status) })}</Tag></p>
          <dl class="govuk-summary-list">
            <SummaryRow k={t('oversight.plan.owner')}>{[poam.ownerName, poam.ownerEmail].filter(Boolean).join(' · ')}</SummaryRow>
            <SummaryRow k={t('oversight.plan.plan')}>{poam.plan}</SummaryRow>
          </dl>
          <DataTable
            caption={t('oversight.plan.milestonesCaption')}
            showCaption="s"
            rowHeader
            rows={v.milestones}
            columns={[
              { head: t('oversight.plan.mTitle'), cell: (m) => m.title },
              { head: t('oversight.plan.planned'), cell: (m) => f.date(m.plannedOn) },
              { head: t('oversight.plan.actual'), cell: (m) => (m.actualOn ? f.date(m.actualOn) : '—') },
            ]}
          />
          <h3 class="govuk-heading-s">{t('oversight.plan.evidence')}</h3>
          {v.evidence.length === 0 ? (
            <p class="govuk-body">{t('oversight.plan.noEvidence')}</p>
          ) : (
            <ul class="govuk-list govuk-list--bullet">
              {v.evidence.map((e) => {
                const m = e.milestone ? v.milestones.find((x) => x.position === e.milestone) : undefined;
                return (
                  <li>
                    {m && <>{t('oversight.plan.forMilestone', { n: m.position, title: m.title })} — </>}
                    <EvidenceLink ctx={ctx} e={e} />
                  </li>
                );
              })}
            </ul>
          )}
          {mayEdit && (p.evidenceChoices.length > 0 ? (
            <form method="post" action={`${base}/plan/evidence`} novalidate>
              <Csrf ctx={ctx} />
              <Select ctx={ctx} name="evidenceId" label={t('oversight.plan.evidenceChoice')} errors={p.errors} options={p.evidenceChoices.map((e) => ({ value: e.id, label: e.title }))} />
              <Select ctx={ctx} name="evidenceMilestone" label={t('oversight.plan.evidenceFor')} value={p.values?.evidenceMilestone ?? ''} errors={p.errors} options={[{ value: '', label: t('oversight.plan.wholePlan') }, ...v.milestones.map((m) => ({ value: String(m.position), label: t('oversight.plan.forMilestone', { n: m.position, title: m.title }) }))]} />
              <Button secondary>{t('oversight.plan.attach')}</Button>
            </form>
          ) : (
            <p class="govuk-body vw-muted">{t('oversight.plan.noChoices')}</p>
          ))}
        </>
      )}
      <div class="govuk-button-group">
        {mayEdit && <a class="govuk-button govuk-button--secondary" data-module="govuk-button" role="button" href={`${base}/plan`}>{t(poam ? 'oversight.plan.update' : 'oversight.plan.edit')}</a>}
        {p.can.submitPlan && <PostButton ctx={ctx} action={`${base}/plan/submit`} revision={poam?.revision} text={t('oversight.plan.submit')} />}
        {p.can.completePlan && <PostButton ctx={ctx} action={`${base}/plan/complete`} revision={poam?.revision} text={t('oversight.plan.complete')} />}
        {p.can.closePlan && <PostButton ctx={ctx} action={`${base}/plan/close`} revision={poam?.revision} text={t('oversight.plan.close')} />}
      </div>
      {p.can.sendBackPlan && (
        <form method="post" action={`${base}/plan/send-back`} novalidate>
          <Csrf ctx={ctx} />
          <input type="hidden" name="revision" value={String(poam?.revision ?? '')} />
          <TextArea ctx={ctx} name="sendBackReason" label={t('oversight.plan.sendBackReason')} value={p.values?.sendBackReason} errors={p.errors} rows={3} />
          <Button secondary>{t('oversight.plan.sendBack')}</Button>
        </form>
      )}
      {poam && (
        <>
          <h3 class="govuk-heading-s">{t('oversight.plan.history')}</h3>
          <DataTable
            caption={t('oversight.plan.history')}
            rows={v.history}
            columns={[
              { head: t('oversight.col.when'), cell: (h) => f.dateTime(h.at) },
              { head: t('oversight.col.who'), cell: (h) => h.by ?? '—' },
              { head: t('oversight.col.what'), cell: (h) => describeChange(ctx, h.change) },
            ]}
          />
        </>
      )}
    </Layout>
  );
}

function PostButton({ ctx, action, revision, text }: { ctx: PageCtx; action: string; revision?: number; text: string }) {
  return (
    <form method="post" action={action} class="vw-inline-form">
      <Csrf ctx={ctx} />
      {revision !== undefined && <input type="hidden" name="revision" value={String(revision)} />}
      <Button>{text}</Button>
    </form>
  );
}

export interface PlanFormProps {
  ctx: PageCtx;
  findingId: string;
  ref: string;
  values: Record<string, string>;
  rows: number;
  errors?: FieldErrors;
  conflict?: boolean;
}

/** The plan's form: owner, text and milestone rows (existing ones plus empty rows to add). */
export function PlanFormPage(p: PlanFormProps) {
  const { ctx } = p;
  const { t } = ctx;
  const title = `${t('oversight.plan.title')}: ${p.ref}`;
  const rows = Math.min(MILESTONES_MAX, p.rows);
  return (
    <Layout ctx={ctx} title={title}>
      <OversightNav ctx={ctx} />
      {p.conflict && <div class="govuk-warning-text"><span class="govuk-warning-text__icon" aria-hidden="true">!</span><strong class="govuk-warning-text__text">{t('oversight.conflict')}</strong></div>}
      <ErrorSummary ctx={ctx} errors={p.errors} />
      <h1 class="govuk-heading-xl">{title}</h1>
      <form method="post" action={`${findingHref(p.findingId)}/plan`} enctype="multipart/form-data" novalidate>
        <Csrf ctx={ctx} />
        <input type="hidden" name="revision" value={p.values.revision ?? ''} />
        <TextInput ctx={ctx} name="ownerName" label={t('oversight.plan.owner')} value={p.values.ownerName} errors={p.errors} autocomplete="name" />
        <TextInput ctx={ctx} name="ownerEmail" label={t('oversight.plan.ownerEmail')} value={p.values.ownerEmail} errors={p.errors} type="email" autocomplete="email" spellcheck={false} />
        <TextArea ctx={ctx} name="plan" label={t('oversight.plan.plan')} value={p.values.plan} errors={p.errors} rows={5} />
        <h2 class="govuk-heading-m">{t('oversight.plan.milestones')}</h2>
        <p class="govuk-hint">{t('oversight.plan.milestonesHint')}</p>
        {Array.from({ length: rows }, (_, i) => i + 1).map((n) => (
          <fieldset class="govuk-fieldset vw-box">
            <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">{t('oversight.plan.milestone', { n })}</legend>
            <TextInput ctx={ctx} name={`m${n}-title`} label={t('oversight.plan.mTitle')} value={p.values[`m${n}-title`]} errors={p.errors} />
            <TextInput ctx={ctx} name={`m${n}-planned`} label={t('oversight.plan.planned')} hint={t('oversight.plan.dateHint')} value={p.values[`m${n}-planned`]} errors={p.errors} width="10" />
            <TextInput ctx={ctx} name={`m${n}-actual`} label={t('oversight.plan.actual')} hint={t('oversight.plan.dateHint')} value={p.values[`m${n}-actual`]} errors={p.errors} width="10" />
          </fieldset>
        ))}
        <fieldset class="govuk-fieldset vw-box" aria-describedby="new-evidence-hint">
          <legend class="govuk-fieldset__legend govuk-fieldset__legend--m">{t('oversight.plan.newEvidence')}</legend>
          <p class="govuk-hint" id="new-evidence-hint">{t('oversight.plan.newEvidenceHint')}</p>
          <Select ctx={ctx} name="evidenceMilestone" label={t('oversight.plan.evidenceFor')} value={p.values.evidenceMilestone ?? ''} errors={p.errors} options={[{ value: '', label: t('oversight.plan.wholePlan') }, ...milestoneChoices(p.values, rows).map(({ n, title }) => ({ value: String(n), label: t('oversight.plan.forMilestone', { n, title }) }))]} />
          <EvidenceFields ctx={ctx} errors={p.errors} />
        </fieldset>
        <div class="govuk-button-group">
          <Button>{t('oversight.plan.save')}</Button>
          <a class="govuk-link" href={findingHref(p.findingId)}>{t('common.cancel')}</a>
        </div>
      </form>
    </Layout>
  );
}

/** The milestone rows of the form that have a title, by row number (what the evidence select offers). */
function milestoneChoices(values: Record<string, string>, rows: number) {
  return Array.from({ length: rows }, (_, i) => ({ n: i + 1, title: (values[`m${i + 1}-title`] ?? '').trim() })).filter((m) => m.title);
}
