// The development mail outbox.
import type { PageCtx } from '../../../web/context.ts';
import { Layout } from '../../../web/layout.tsx';
import type { OutboxMessage } from '../outbox.service.ts';
import { AdminSections, Email, TableWrap } from './parts.tsx';

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
        <TableWrap>
          <table class="govuk-table" id="outbox">
            <caption class="govuk-table__caption govuk-visually-hidden">{t('admin.outbox.title')}</caption>
            <thead class="govuk-table__head">
              <tr class="govuk-table__row">
                <th scope="col" class="govuk-table__header">{t('admin.outbox.to')}</th>
                <th scope="col" class="govuk-table__header">{t('admin.outbox.subject')}</th>
                <th scope="col" class="govuk-table__header">{t('admin.outbox.created')}</th>
                <th scope="col" class="govuk-table__header">{t('admin.outbox.status')}</th>
              </tr>
            </thead>
            <tbody class="govuk-table__body">
              {messages.map((m) => (
                <tr class="govuk-table__row">
                  <td class="govuk-table__cell">
                    <Email address={m.to} />
                  </td>
                  <td class="govuk-table__cell">
                    <details class="govuk-details govuk-!-margin-bottom-0">
                      <summary class="govuk-details__summary">
                        <span class="govuk-details__summary-text">{m.subject}</span>
                      </summary>
                      <div class="govuk-details__text">
                        <span class="govuk-visually-hidden">{t('admin.outbox.body')}: </span>
                        <pre class="vw-pre vw-break">{m.body}</pre>
                      </div>
                    </details>
                  </td>
                  <td class="govuk-table__cell vw-nowrap">{f.dateTime(m.createdAt)}</td>
                  <td class="govuk-table__cell">
                    {m.sentAt ? (
                      <strong class="govuk-tag govuk-tag--green">{t('admin.outbox.sent')}</strong>
                    ) : m.error ? (
                      <>
                        <strong class="govuk-tag govuk-tag--red">{t('admin.outbox.error')}</strong>
                        <br />
                        <span class="govuk-body-s">{m.error}</span>
                      </>
                    ) : (
                      <strong class="govuk-tag govuk-tag--yellow">{t('admin.outbox.pending')}</strong>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </Layout>
  );
}
