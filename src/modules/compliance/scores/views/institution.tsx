// One institution's compliance: what applies to it, where it stands (overall, per group, standard and
// system), what is due, its trend, the PDF report, and the public summary (published by the authority).
import type { PageCtx } from '../../../../web/context.ts';
import { Layout } from '../../../../web/layout.tsx';
import { Button, Csrf, Notice } from '../../../../web/components/forms.tsx';
import { DataTable } from '../../../../web/components/table.tsx';
import { BarChart } from '../../../../web/components/charts.tsx';
import type { MessageKey } from '../../../../messages.ts';
import type { CycleRow, DueRow, InstitutionScores, ScopeScoreRow, TrendRow } from '../queries.ts';
import { CycleChooser, localName, msg, scoreColumn, ScoreNav } from './common.tsx';
import type { NavLink } from './national.tsx';

/** When something is due, flagged when that day has passed. */
function DueOn({ ctx, d }: { ctx: PageCtx; d: Pick<DueRow, 'dueOn' | 'overdue'> }) {
  return (
    <>
      {ctx.f.date(d.dueOn)}
      {d.overdue && <> <strong class="govuk-tag govuk-tag--red">{ctx.t('compliance.scores.due.overdue')}</strong></>}
    </>
  );
}

function ScopeTable({ ctx, id, caption, head, rows, href }: { ctx: PageCtx; id: string; caption: string; head: string; rows: ScopeScoreRow[]; href?: (r: ScopeScoreRow) => string }) {
  const { t } = ctx;
  if (rows.length === 0) return null;
  return (
    <DataTable
      id={id}
      class="vw-heat"
      caption={caption}
      showCaption
      rowHeader
      rows={rows}
      columns={[
        {
          head,
          cell: (r) => (
            <>
              {href ? <a class="govuk-link" href={href(r)}>{r.code}</a> : r.code} <span class="govuk-body-s">{localName(ctx, r)}</span>
            </>
          ),
        },
        scoreColumn<ScopeScoreRow>(ctx, t('compliance.scores.col.score'), (r) => r.score),
        { head: t('compliance.scores.col.points'), numeric: true, cell: (r) => `${ctx.f.number(r.earned)} / ${ctx.f.number(r.possible)}` },
        { head: t('compliance.scores.col.progress'), numeric: true, cell: (r) => ctx.f.number(r.answered) },
      ]}
    />
  );
}

export function InstitutionScoresPage(p: {
  ctx: PageCtx;
  nav: NavLink[];
  institution: { acronym: string; name: string };
  cycles: CycleRow[];
  cycle: CycleRow | null;
  scores: InstitutionScores | null;
  rank: { rank: number; total: number } | null;
  due: DueRow[];
  trend: TrendRow[];
  publication: { published: boolean; publishedAt: Date | null; canPublish: boolean };
  notice?: MessageKey;
}) {
  const { ctx, cycle, scores: s } = p;
  const { t } = ctx;
  const acronym = encodeURIComponent(p.institution.acronym);
  return (
    <Layout ctx={ctx} title={t('compliance.scores.institution', { name: p.institution.acronym })}>
      <ScoreNav ctx={ctx} links={p.nav} />
      <span class="govuk-caption-xl">{p.institution.acronym}</span>
      <h1 class="govuk-heading-xl">{t('compliance.scores.institution', { name: p.institution.name })}</h1>
      <p class="govuk-body-l">{t('compliance.scores.institution.lead')}</p>
      {p.notice && <Notice ctx={ctx} success>{t(p.notice)}</Notice>}
      <CycleChooser ctx={ctx} cycles={p.cycles} current={cycle} action={`/compliance/institutions/${acronym}/scores`} />
      {cycle && (
        <>
          <h2 class="govuk-heading-l">{t('compliance.scores.applies')}</h2>
          <p class="govuk-body" id="applies">
            {s?.assessment
              ? t('compliance.scores.applies.text', {
                  questions: ctx.f.number(s.assessment.questions),
                  answered: ctx.f.number(s.assessment.answered),
                  standards: ctx.f.number(s.documents.length),
                  status: msg(ctx, 'compliance.scores.assessment', s.assessment.status),
                })
              : t('compliance.scores.applies.none')}
          </p>

          <h2 class="govuk-heading-l">{t('compliance.scores.standing')}</h2>
          <p class="govuk-body">
            <strong class={`govuk-tag ${cycle.status === 'closed' ? 'govuk-tag--grey' : 'govuk-tag--blue'}`}>{msg(ctx, 'compliance.scores.cycleStatus', cycle.status)}</strong>
          </p>
          <p class="vw-score-big" id="overall">
            <span class="govuk-visually-hidden">{t('compliance.scores.overall')}: </span>
            {s?.overall?.score === null || s?.overall?.score === undefined ? t('compliance.scores.noScore') : `${ctx.f.number(s.overall.score)} %`}
          </p>
          {p.rank && <p class="govuk-body">{t('compliance.scores.rankOf', { rank: ctx.f.number(p.rank.rank), total: ctx.f.number(p.rank.total) })}</p>}
          {s && (
            <>
              <BarChart ctx={ctx} id="inst-groups" title={t('compliance.scores.groups')} valueLabel={t('compliance.scores.col.score')} bars={s.groups.filter((g) => g.score !== null).map((g) => ({ label: `${g.code} ${localName(ctx, g)}`, value: g.score! }))} />
              <ScopeTable ctx={ctx} id="by-group" caption={t('compliance.scores.groups')} head={t('compliance.scores.col.group')} rows={s.groups} />
              <ScopeTable ctx={ctx} id="by-standard" caption={t('compliance.scores.byStandard')} head={t('compliance.scores.col.standard')} rows={s.documents} href={(r) => `/compliance/standards/${r.key}?cycle=${cycle.id}`} />
              <ScopeTable ctx={ctx} id="by-system" caption={t('compliance.scores.bySystem')} head={t('compliance.scores.col.system')} rows={s.systems} href={(r) => `/portfolio/systems/${r.key}`} />
            </>
          )}
          <h2 class="govuk-heading-m">{t('compliance.scores.report')}</h2>
          <ul class="govuk-list">
            <li><a class="govuk-link" href={`/compliance/institutions/${acronym}/cycles/${cycle.id}/report.pdf?lang=sw`} hreflang="sw">{t('compliance.scores.report.sw')} (PDF)</a></li>
            <li><a class="govuk-link" href={`/compliance/institutions/${acronym}/cycles/${cycle.id}/report.pdf?lang=en`} hreflang="en">{t('compliance.scores.report.en')} (PDF)</a></li>
          </ul>
          {cycle.status === 'closed' && (
            <>
              <h2 class="govuk-heading-m">{t('compliance.scores.publication')}</h2>
              {p.publication.published ? (
                <p class="govuk-body">
                  {t('compliance.scores.published', { date: ctx.f.date(p.publication.publishedAt) })}{' '}
                  <a class="govuk-link" href={`/compliance/public/${acronym}?cycle=${cycle.id}`}>{`/compliance/public/${p.institution.acronym}`}</a>
                </p>
              ) : (
                <p class="govuk-body">{t('compliance.scores.notPublished')}</p>
              )}
              {p.publication.canPublish && (
                <form method="post" action={`/compliance/institutions/${acronym}/cycles/${cycle.id}/${p.publication.published ? 'unpublish' : 'publish'}`}>
                  <Csrf ctx={ctx} />
                  <Button secondary={p.publication.published}>{t(p.publication.published ? 'compliance.scores.unpublish' : 'compliance.scores.publish')}</Button>
                </form>
              )}
            </>
          )}
        </>
      )}

      <h2 class="govuk-heading-l">{t('compliance.scores.due')}</h2>
      {p.due.length === 0 ? (
        <p class="govuk-body">{t('compliance.scores.due.none')}</p>
      ) : (
        <DataTable
          id="due"
          caption={t('compliance.scores.due')}
          rows={p.due}
          columns={[
            { head: t('compliance.scores.col.due'), cell: (d) => <DueOn ctx={ctx} d={d} /> },
            { head: t('compliance.scores.col.kind'), cell: (d) => <>{t(d.kind === 'finding' ? 'compliance.scores.due.finding' : 'compliance.scores.due.directive')}{d.severity && <> ({msg(ctx, 'compliance.severity', d.severity)})</>}</> },
            { head: t('compliance.scores.col.what'), cell: (d) => <><strong>{d.ref}</strong> {d.text.length > 160 ? `${d.text.slice(0, 159)}…` : d.text}</> },
            { head: t('compliance.scores.col.status'), cell: (d) => msg(ctx, d.kind === 'finding' ? 'compliance.scores.findingStatus' : 'compliance.scores.targetStatus', d.status) },
          ]}
        />
      )}

      <h2 class="govuk-heading-l">{t('compliance.scores.trend')}</h2>
      {p.trend.length === 0 ? (
        <p class="govuk-body">{t('compliance.scores.trend.none')}</p>
      ) : (
        <BarChart ctx={ctx} id="inst-trend" title={t('compliance.scores.trend')} valueLabel={t('compliance.scores.col.score')} bars={p.trend.filter((x) => x.score !== null).map((x) => ({ label: x.code, value: x.score! }))} />
      )}
    </Layout>
  );
}

