import type { PageCtx } from '../../../web/context.ts';
import { Layout } from '../../../web/layout.tsx';
import { DataTable } from '../../../web/components/table.tsx';
import type { ArchitectureGroup } from '../../reference/index.ts';
import { GroupList, PurposeList } from './parts.tsx';

export function FrameworkPage({ ctx, groups }: { ctx: PageCtx; groups: ArchitectureGroup[] }) {
  const { t } = ctx;
  const levels = [1, 2, 3] as const;
  return (
    <Layout ctx={ctx} title={t('framework.title')}>
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <h1 class="govuk-heading-xl">{t('framework.title')}</h1>
          <p class="govuk-body-l">{t('framework.lead')}</p>
        </div>
      </div>
      <h2 class="govuk-heading-l">{t('framework.levels.title')}</h2>
      <DataTable
        caption={t('framework.levels.title')}
        rowHeader
        rows={[...levels]}
        columns={[
          { head: t('framework.level.col'), cell: (l) => l },
          { head: t('framework.what.col'), cell: (l) => t(`framework.level${l}.what`) },
          { head: t('framework.issuer.col'), cell: (l) => t(`framework.level${l}.issuer`) },
          { head: t('framework.for.col'), cell: (l) => t(`framework.level${l}.for`) },
        ]}
      />
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <h2 class="govuk-heading-m">{t('framework.gov.title')}</h2>
          <p class="govuk-body">{t('framework.gov.text')}</p>
          <h2 class="govuk-heading-m">{t('framework.parent.title')}</h2>
          <p class="govuk-body">{t('framework.parent.text')}</p>
        </div>
      </div>
      <h2 class="govuk-heading-l">{t('framework.groups.title')}</h2>
      <p class="govuk-body">{t('framework.groups.text')}</p>
      <GroupList ctx={ctx} groups={groups} showCode />
      <h2 class="govuk-heading-m">{t('framework.purpose.title')}</h2>
      <PurposeList ctx={ctx} />
    </Layout>
  );
}
