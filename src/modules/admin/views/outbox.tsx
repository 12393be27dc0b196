// The development mail outbox.
import type { PageCtx } from '../../../web/context.ts';
import { Layout } from '../../../web/layout.tsx';
import type { OutboxMessage } from '../outbox.service.ts';
import { AdminSections, Email } from './parts.tsx';
import { DataTable } from '../../../web/components/table.tsx';

export function OutboxPage({ ctx, messages, smtp }: { ctx: PageCtx; messages: OutboxMessage[]; smtp: boolean }) {
  const { t, f } = ctx;
  return (
    <Layout ctx={ctx} title={t('admin.outbox.title')}>
      <AdminSections ctx={ctx} />
      <h1 class="govuk-heading-xl">{t('admin.outbox.title')}</h1>
      <p class="govuk-body">{t('admin.outbox.lead')}</p>
      {!smtp && <div class="govuk-inset-text">{t('admin.outbox.note')}</div>}
      {messages.length === 0 ? (
        <p class="govuk-body">{t('common.none')}</p>
      ) : (
        <DataTable
          id="outbox"
          caption={t('admin.outbox.title')}
          rows={messages}
          columns={[
            { head: t('admin.outbox.to'), cell: (m) => <Email address={m.to} /> },
            {
              head: t('admin.outbox.subject'),
              cell: (m) => (
                <details class="govuk-details govuk-!-margin-bottom-0">
                  <summary class="govuk-details__summary">
                    <span class="govuk-details__summary-text">{m.subject}</span>
                  </summary>
                  <div class="govuk-details__text">
                    <span class="govuk-visually-hidden">{t('admin.outbox.body')}: </span>
                    <pre class="vw-pre vw-break">{m.body}</pre>
                    {m.attachments.length > 0 && (
                      <p class="govuk-body-s">
                        {t('admin.outbox.files')}: {m.attachments.map((a) => a.filename).join(', ')}
                      </p>
                    )}
                  </div>
                </details>
              ),
            },
            { head: t('admin.outbox.created'), cell: (m) => f.dateTime(m.createdAt), class: 'vw-nowrap' },
            {
              head: t('admin.outbox.status'),
              cell: (m) =>
                m.sentAt ? (
                  <strong class="govuk-tag govuk-tag--green">{t('admin.outbox.sent')}</strong>
                ) : m.error ? (
                  <>
                    <strong class="govuk-tag govuk-tag--red">{t('admin.outbox.error')}</strong>
                    <br />
                    <span class="govuk-body-s">{m.error}</span>
                  </>
                ) : (
                  <strong class="govuk-tag govuk-tag--yellow">{t('admin.outbox.pending')}</strong>
                ),
            },
          ]}
        />
      )}
    </Layout>
  );
}
