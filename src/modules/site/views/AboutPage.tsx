import type { PageCtx } from '../../../web/context.ts';
import { Layout } from '../../../web/layout.tsx';

export function AboutPage({ ctx }: { ctx: PageCtx }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('about.title')}>
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <h1 class="govuk-heading-xl">{t('about.title')}</h1>
          <p class="govuk-body-l">{t('about.lead')}</p>
          <h2 class="govuk-heading-m">{t('about.history.title')}</h2>
          <p class="govuk-body">{t('about.history.p1')}</p>
          <p class="govuk-body">{t('about.history.p2')}</p>
          <p class="govuk-body">{t('about.history.p3')}</p>
          <h2 class="govuk-heading-m">{t('about.mandate.title')}</h2>
          <p class="govuk-body">{t('about.mandate.p1')}</p>
          <h2 class="govuk-heading-m">{t('about.vision.title')}</h2>
          <p class="govuk-body">{t('about.vision.text')}</p>
          <h2 class="govuk-heading-m">{t('about.mission.title')}</h2>
          <p class="govuk-body">{t('about.mission.text')}</p>
          <h2 class="govuk-heading-m">{t('about.motto.title')}</h2>
          <p class="govuk-body">{t('about.motto.text')}</p>
          <h2 class="govuk-heading-m">{t('about.values.title')}</h2>
          <ul class="govuk-list govuk-list--bullet">
            <li>{t('about.values.integrity')}</li>
            <li>{t('about.values.innovation')}</li>
            <li>{t('about.values.customer')}</li>
            <li>{t('about.values.collaboration')}</li>
            <li>{t('about.values.conduct')}</li>
          </ul>
          <h2 class="govuk-heading-m">{t('about.sessions.title')}</h2>
          <p class="govuk-body">{t('about.sessions.text')}</p>
        </div>
      </div>
    </Layout>
  );
}
