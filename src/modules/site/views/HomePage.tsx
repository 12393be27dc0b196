import type { PageCtx } from '../../../web/context.ts';
import { Layout } from '../../../web/layout.tsx';
import type { ArchitectureGroup } from '../../reference/reference.service.ts';
import type { MessageKey } from '../../../messages.ts';

interface Entry { href: string; title: MessageKey; text: MessageKey }

export function HomePage({ ctx, groups, entries }: { ctx: PageCtx; groups: ArchitectureGroup[]; entries: Entry[] }) {
  const { t, lang } = ctx;
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
      <ul class="govuk-list govuk-list--bullet">
        <li>{t('home.purpose.reuse')}</li>
        <li>{t('home.purpose.invest')}</li>
        <li>{t('home.purpose.cost')}</li>
        <li>{t('home.purpose.comply')}</li>
      </ul>
      <h2 class="govuk-heading-l">{t('home.groups.title')}</h2>
      <ol class="vw-groups">
        {groups.map((g) => (
          <li>
            <strong>{lang === 'sw' ? g.nameSw : g.nameEn}</strong>
            <br />
            <span class="govuk-body-s">{lang === 'sw' ? g.descriptionSw : g.descriptionEn}</span>
          </li>
        ))}
      </ol>
    </Layout>
  );
}
