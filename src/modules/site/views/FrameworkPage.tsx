import type { PageCtx } from '../../../web/context.ts';
import { Layout } from '../../../web/layout.tsx';
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
      <table class="govuk-table">
        <caption class="govuk-table__caption govuk-visually-hidden">{t('framework.levels.title')}</caption>
        <thead class="govuk-table__head">
          <tr class="govuk-table__row">
            <th scope="col" class="govuk-table__header">{t('framework.level.col')}</th>
            <th scope="col" class="govuk-table__header">{t('framework.what.col')}</th>
            <th scope="col" class="govuk-table__header">{t('framework.issuer.col')}</th>
            <th scope="col" class="govuk-table__header">{t('framework.for.col')}</th>
          </tr>
        </thead>
        <tbody class="govuk-table__body">
          {levels.map((l) => (
            <tr class="govuk-table__row">
              <th scope="row" class="govuk-table__header">{l}</th>
              <td class="govuk-table__cell">{t(`framework.level${l}.what`)}</td>
              <td class="govuk-table__cell">{t(`framework.level${l}.issuer`)}</td>
              <td class="govuk-table__cell">{t(`framework.level${l}.for`)}</td>
            </tr>
          ))}
        </tbody>
      </table>
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
