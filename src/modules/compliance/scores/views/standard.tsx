// How widely a standard is met: the national score for it and, per requirement, how many answers of
// the cycle were compliant, partly, not compliant or not applicable (from compliance_requirement_scores).
import type { PageCtx } from '../../../../web/context.ts';
import { Layout } from '../../../../web/layout.tsx';
import { BarChart } from '../../../../web/components/charts.tsx';
import { SCORE_BANDS } from '../rules.ts';
import type { CycleRow, RequirementScoreRow } from '../queries.ts';
import { CycleChooser, Downloads, msg, scoreColumn, ScoreNav, scoreText } from './common.tsx';
import { DataTable } from '../../../../web/components/table.tsx';
import type { NavLink } from './national.tsx';

export function StandardScoresPage(p: {
  ctx: PageCtx;
  nav: NavLink[];
  document: { id: string; code: string; titleSw: string; titleEn: string };
  cycles: CycleRow[];
  cycle: CycleRow | null;
  overall: { score: number | null; institutions: number; high: number; medium: number; low: number } | null;
  requirements: RequirementScoreRow[];
}) {
  const { ctx, cycle } = p;
  const { t } = ctx;
  const title = t('compliance.scores.standard', { code: p.document.code });
  const num = (n: number) => ctx.f.number(n);
  return (
    <Layout ctx={ctx} title={title}>
      <ScoreNav ctx={ctx} links={p.nav} />
      <span class="govuk-caption-xl">{ctx.lang === 'sw' ? p.document.titleSw : p.document.titleEn}</span>
      <h1 class="govuk-heading-xl">{title}</h1>
      <p class="govuk-body-l">{t('compliance.scores.standard.lead')}</p>
      <CycleChooser ctx={ctx} cycles={p.cycles} current={cycle} action={`/compliance/standards/${p.document.id}`} />
      {cycle && p.overall && p.overall.institutions > 0 && (
        <p class="govuk-body" id="standard-overall">
          {t('compliance.scores.standard.overall', {
            score: scoreText(ctx, p.overall.score),
            n: num(p.overall.institutions),
            high: num(p.overall.high),
            medium: num(p.overall.medium),
            low: num(p.overall.low),
            highMin: String(SCORE_BANDS.high),
            mediumMin: String(SCORE_BANDS.medium),
          })}
        </p>
      )}
      {cycle && p.requirements.length === 0 && <p class="govuk-body">{t('compliance.scores.standard.none')}</p>}
      {cycle && p.requirements.length > 0 && (
        <>
          <BarChart ctx={ctx} id="req-scores" title={t('compliance.scores.requirements')} valueLabel={t('compliance.scores.col.score')} bars={p.requirements.filter((r) => r.score !== null).map((r) => ({ label: r.ref.replace(p.document.code, '').trim() || r.ref, value: r.score! }))} />
          <DataTable
            id="requirements"
            class="vw-heat"
            caption={t('compliance.scores.requirements')}
            showCaption
            rowHeader
            rows={p.requirements}
            columns={[
              {
                head: t('compliance.scores.col.requirement'),
                cell: (r) => (
                  <>
                    {r.ref}
                    <span class="govuk-body-s govuk-!-display-block">{ctx.lang === 'sw' ? r.textSw : r.textEn}</span>
                  </>
                ),
              },
              { head: t('compliance.scores.col.obligation'), cell: (r) => msg(ctx, 'compliance.obligation', r.obligation) },
              scoreColumn<RequirementScoreRow>(ctx, t('compliance.scores.col.score'), (r) => r.score),
              { head: t('compliance.scores.col.compliant'), numeric: true, cell: (r) => num(r.compliant) },
              { head: t('compliance.scores.col.partial'), numeric: true, cell: (r) => num(r.partial) },
              { head: t('compliance.scores.col.nonCompliant'), numeric: true, cell: (r) => num(r.nonCompliant) },
              { head: t('compliance.scores.col.notApplicable'), numeric: true, cell: (r) => num(r.notApplicable) },
              { head: t('compliance.scores.col.unanswered'), numeric: true, cell: (r) => num(r.unanswered) },
            ]}
          />
          <Downloads ctx={ctx} base={`/compliance/standards/${p.document.id}/requirements`} table={t('compliance.scores.requirements')} query={{ cycle: cycle.id }} />
        </>
      )}
    </Layout>
  );
}
