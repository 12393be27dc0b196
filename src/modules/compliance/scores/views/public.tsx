// The public summary of one institution for one cycle, once the authority published it: the overall
// score and the score per architecture group, frozen when the cycle closed.
import type { PageCtx } from '../../../../web/context.ts';
import { Layout } from '../../../../web/layout.tsx';
import { BarChart } from '../../../../web/components/charts.tsx';
import { localName, scoreColumn } from './common.tsx';
import { DataTable } from '../../../../web/components/table.tsx';

export function PublicSummaryPage(p: {
  ctx: PageCtx;
  institution: { acronym: string; name: string };
  cycle: { id: string; code: string; nameSw: string; nameEn: string; closedAt: Date | null };
  overall: number | null;
  groups: { code: string; nameSw: string; nameEn: string; score: number | null }[];
  others: { id: string; code: string; nameSw: string; nameEn: string }[];
}) {
  const { ctx } = p;
  const { t } = ctx;
  const title = t('compliance.scores.public.title', { name: p.institution.name });
  return (
    <Layout ctx={ctx} title={title}>
      <span class="govuk-caption-xl">{`${p.institution.acronym} · ${p.cycle.code} — ${localName(ctx, p.cycle)}`}</span>
      <h1 class="govuk-heading-xl">{title}</h1>
      <p class="govuk-body-l">{t('compliance.scores.public.lead')}</p>
      <p class="govuk-body">{t('compliance.scores.pdf.frozen', { date: ctx.f.date(p.cycle.closedAt) })}</p>
      <p class="vw-score-big" id="overall">
        <span class="govuk-visually-hidden">{t('compliance.scores.overall')}: </span>
        {p.overall === null ? t('compliance.scores.noScore') : `${ctx.f.number(p.overall)} %`}
      </p>
      <BarChart ctx={ctx} id="public-groups" title={t('compliance.scores.groups')} valueLabel={t('compliance.scores.col.score')} bars={p.groups.filter((g) => g.score !== null).map((g) => ({ label: `${g.code} ${localName(ctx, g)}`, value: g.score! }))} />
      <DataTable
        id="public-by-group"
        class="vw-heat"
        caption={t('compliance.scores.groups')}
        showCaption
        rowHeader
        rows={p.groups}
        columns={[{ head: t('compliance.scores.col.group'), cell: (g) => `${g.code} ${localName(ctx, g)}` }, scoreColumn<(typeof p.groups)[number]>(ctx, t('compliance.scores.col.score'), (g) => g.score)]}
      />
      {p.others.length > 0 && (
        <>
          <h2 class="govuk-heading-m">{t('compliance.scores.public.other')}</h2>
          <ul class="govuk-list">
            {p.others.map((c) => (
              <li><a class="govuk-link" href={`/compliance/public/${encodeURIComponent(p.institution.acronym)}?cycle=${c.id}`}>{`${c.code} — ${localName(ctx, c)}`}</a></li>
            ))}
          </ul>
        </>
      )}
    </Layout>
  );
}

