// The administration start page: a card for each section the reader may open.
import type { PageCtx } from '../../../web/context.ts';
import { Layout } from '../../../web/layout.tsx';
import type { Action } from '../../../platform/auth/policy.ts';
import { mayAtAll } from '../../../platform/auth/access.ts';
import type { MessageKey } from '../../../messages.ts';

const SECTIONS: { href: string; title: MessageKey; lead: MessageKey; action: Action }[] = [
  { href: '/admin/people', title: 'admin.people.title', lead: 'admin.people.lead', action: 'users:read' },
  { href: '/admin/institutions', title: 'admin.inst.title', lead: 'admin.inst.lead', action: 'institutions:read' },
  { href: '/admin/audit', title: 'admin.audit.title', lead: 'admin.audit.lead', action: 'audit:read' },
  { href: '/admin/outbox', title: 'admin.outbox.title', lead: 'admin.outbox.lead', action: 'outbox:read' },
  { href: '/admin/jobs', title: 'admin.jobs.title', lead: 'admin.jobs.lead', action: 'jobs:read' },
];

export function AdminHomePage({ ctx }: { ctx: PageCtx }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('admin.title')}>
      <h1 class="govuk-heading-xl">{t('admin.title')}</h1>
      <p class="govuk-body-l">{t('admin.lead')}</p>
      <div class="vw-card-grid">
        {SECTIONS.filter((s) => mayAtAll(ctx.actor, s.action)).map((s) => (
          <div class="vw-card">
            <h2 class="govuk-heading-m">
              <a class="govuk-link" href={s.href}>
                {t(s.title)}
              </a>
            </h2>
            <p class="govuk-body">{t(s.lead)}</p>
          </div>
        ))}
      </div>
    </Layout>
  );
}
