import type { PageCtx } from '../../../web/context.ts';
import { Layout } from '../../../web/layout.tsx';
import type { ArchitectureGroup } from '../../reference/index.ts';
import type { MessageKey } from '../../../messages.ts';
import { GroupList, PurposeList } from './parts.tsx';

interface Entry { href: string; title: MessageKey; text: MessageKey }

export function HomePage({ ctx, groups, entries }: { ctx: PageCtx; groups: ArchitectureGroup[]; entries: Entry[] }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('home.title')}>
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <h1 class="govuk-heading-xl">{t('home.title')}</h1>
          <p class="govuk-body-l">{t('home.lead')}</p>
        </div>
      </div>
      <div class="vw-card-grid">
        {entries.map((e) => (
          <div class="vw-card">
            <h2 class="govuk-heading-m">
              <a class="govuk-link" href={e.href}>
                {t(e.title)}
              </a>
            </h2>
            <p class="govuk-body">{t(e.text)}</p>
          </div>
        ))}
      </div>
      <h2 class="govuk-heading-l">{t('home.purpose.title')}</h2>
      <PurposeList ctx={ctx} />
      <h2 class="govuk-heading-l">{t('home.groups.title')}</h2>
      <GroupList ctx={ctx} groups={groups} />
    </Layout>
  );
}
