// Pieces shared by the administration pages: section links, GOV.UK pagination that keeps the
// filters in its links, summary-list rows, and a scrolling wrapper so wide tables do not break small screens.
import type { ComponentChildren } from 'preact';
import type { PageCtx } from '../../../web/context.ts';
import { mayAtAll } from '../../../platform/auth/access.ts';
import { Select } from '../../../web/components/forms.tsx';
import type { MessageKey } from '../../../messages.ts';
export { withQuery, Pagination, Showing, SummaryRow, TableWrap, FilterForm } from '../../../web/components/lists.tsx';

export function AdminSections({ ctx }: { ctx: PageCtx }) {
  const items: { href: string; key: MessageKey; ok: boolean }[] = [
    { href: '/admin/people', key: 'admin.people.title', ok: mayAtAll(ctx.actor, 'users:read') },
    { href: '/admin/institutions', key: 'admin.inst.title', ok: mayAtAll(ctx.actor, 'institutions:read') },
    { href: '/admin/audit', key: 'admin.audit.title', ok: mayAtAll(ctx.actor, 'audit:read') },
    { href: '/admin/outbox', key: 'admin.outbox.title', ok: mayAtAll(ctx.actor, 'outbox:read') },
    { href: '/admin/jobs', key: 'admin.jobs.title', ok: mayAtAll(ctx.actor, 'jobs:read') },
  ];
  return (
    <nav class="vw-admin-sections" aria-label={ctx.t('admin.title')}>
      <ul class="govuk-list">
        {items
          .filter((i) => i.ok)
          .map((i) => (
            <li>
              <a class="govuk-link govuk-link--no-visited-state" href={i.href} aria-current={ctx.path.startsWith(i.href) ? 'page' : undefined}>
                {ctx.t(i.key)}
              </a>
            </li>
          ))}
      </ul>
    </nav>
  );
}

/** An e-mail address that may wrap after the @ (and nowhere odd) in narrow table cells. */
export function Email({ address }: { address: string }) {
  const at = address.indexOf('@');
  if (at < 0) return <span class="vw-break">{address}</span>;
  return (
    <span class="vw-email">
      {address.slice(0, at + 1)}
      <wbr />
      {address.slice(at + 1)}
    </span>
  );
}

/** Active or not, as a coloured tag (people and institutions). */
export function ActiveTag({ ctx, active }: { ctx: PageCtx; active: boolean }) {
  return active ? <strong class="govuk-tag govuk-tag--green">{ctx.t('admin.status.active')}</strong> : <strong class="govuk-tag govuk-tag--grey">{ctx.t('admin.status.inactive')}</strong>;
}

/** The "any / active / inactive" filter of the people and institution lists. */
export function ActiveFilter({ ctx, label, value }: { ctx: PageCtx; label: string; value: string }) {
  const { t } = ctx;
  return (
    <Select
      ctx={ctx}
      name="status"
      label={label}
      value={value}
      options={[
        { value: '', label: t('admin.status.any') },
        { value: 'active', label: t('admin.status.active') },
        { value: 'inactive', label: t('admin.status.inactive') },
      ]}
    />
  );
}
