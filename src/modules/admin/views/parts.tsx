// Pieces shared by the administration pages: section links, GOV.UK pagination that keeps the
// filters in its links, summary-list rows, and a scrolling wrapper so wide tables do not break small screens.
import type { ComponentChildren } from 'preact';
import type { PageCtx } from '../../../web/context.ts';
import { can } from '../../../platform/auth/policy.ts';
import type { MessageKey } from '../../../messages.ts';

export function AdminSections({ ctx }: { ctx: PageCtx }) {
  const items: { href: string; key: MessageKey; ok: boolean }[] = [
    { href: '/admin/people', key: 'admin.people.title', ok: can(ctx.actor, 'users:read') },
    { href: '/admin/institutions', key: 'admin.inst.title', ok: can(ctx.actor, 'institutions:read') },
    { href: '/admin/audit', key: 'admin.audit.title', ok: can(ctx.actor, 'audit:read') },
    { href: '/admin/outbox', key: 'admin.outbox.title', ok: can(ctx.actor, 'outbox:read') },
    { href: '/admin/jobs', key: 'admin.jobs.title', ok: can(ctx.actor, 'jobs:read') },
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

/** The current URL with some query parameters replaced (empty values dropped). */
export function withQuery(ctx: PageCtx, changes: Record<string, string | number | undefined>): string {
  const u = new URL(ctx.url, 'http://x');
  for (const [k, v] of Object.entries(changes)) {
    if (v === undefined || v === '') u.searchParams.delete(k);
    else u.searchParams.set(k, String(v));
  }
  return u.pathname + u.search;
}

function Arrow({ dir }: { dir: 'prev' | 'next' }) {
  return (
    <svg class={`govuk-pagination__icon govuk-pagination__icon--${dir}`} xmlns="http://www.w3.org/2000/svg" height="13" width="15" aria-hidden="true" focusable="false" viewBox="0 0 15 13">
      <path d={dir === 'prev' ? 'm6.5938-0.0078125-6.7266 6.7266 6.7441 6.4062 1.377-1.449-4.1856-3.9768h12.896v-2h-12.984l4.2931-4.293-1.414-1.414z' : 'm8.107-0.0078125-1.4136 1.414 4.2926 4.293h-12.986v2h12.896l-4.1855 3.9766 1.377 1.4492 6.7441-6.4062-6.7246-6.7266z'} />
    </svg>
  );
}

/** Numbered pages: first, last, and two either side of the current one. */
export function Pagination({ ctx, page, pages }: { ctx: PageCtx; page: number; pages: number }) {
  if (pages <= 1) return null;
  const { t } = ctx;
  const shown = [...new Set([1, page - 2, page - 1, page, page + 1, page + 2, pages])].filter((n) => n >= 1 && n <= pages).sort((a, b) => a - b);
  const link = (n: number) => withQuery(ctx, { page: n === 1 ? undefined : n });
  return (
    <nav class="govuk-pagination" aria-label={t('admin.pagination')}>
      {page > 1 && (
        <div class="govuk-pagination__prev">
          <a class="govuk-link govuk-pagination__link" href={link(page - 1)} rel="prev">
            <Arrow dir="prev" />
            <span class="govuk-pagination__link-title">
              {t('admin.previousPage')}
              <span class="govuk-visually-hidden"> {t('admin.pageWord')}</span>
            </span>
          </a>
        </div>
      )}
      <ul class="govuk-pagination__list">
        {shown.map((n, i) => (
          <>
            {i > 0 && n - shown[i - 1] > 1 && <li class="govuk-pagination__item govuk-pagination__item--ellipses">&ctdot;</li>}
            <li class={`govuk-pagination__item${n === page ? ' govuk-pagination__item--current' : ''}`}>
              <a class="govuk-link govuk-pagination__link" href={link(n)} aria-label={`${t('admin.pageWord')} ${n}`} aria-current={n === page ? 'page' : undefined}>
                {n}
              </a>
            </li>
          </>
        ))}
      </ul>
      {page < pages && (
        <div class="govuk-pagination__next">
          <a class="govuk-link govuk-pagination__link" href={link(page + 1)} rel="next">
            <span class="govuk-pagination__link-title">
              {t('admin.nextPage')}
              <span class="govuk-visually-hidden"> {t('admin.pageWord')}</span>
            </span>
            <Arrow dir="next" />
          </a>
        </div>
      )}
    </nav>
  );
}

export function Showing({ ctx, page, size, total }: { ctx: PageCtx; page: number; size: number; total: number }) {
  if (total === 0) return <p class="govuk-body">{ctx.t('common.none')}</p>;
  const from = Math.min(total, (page - 1) * size + 1);
  const to = Math.min(total, page * size);
  return <p class="govuk-body vw-muted">{ctx.t('admin.showing', { from: ctx.f.number(from), to: ctx.f.number(to), total: ctx.f.number(total) })}</p>;
}

/** One row of a GOV.UK summary list: a label and its value. */
export function SummaryRow({ k, children }: { k: string; children: ComponentChildren }) {
  return (
    <div class="govuk-summary-list__row">
      <dt class="govuk-summary-list__key">{k}</dt>
      <dd class="govuk-summary-list__value">{children}</dd>
    </div>
  );
}

export function TableWrap({ children }: { children: ComponentChildren }) {
  return <div class="vw-table-wrap">{children}</div>;
}

/** A filter form laid out in a responsive grid of fields, submitted with GET. */
export function FilterForm({ ctx, action, children, clearHref }: { ctx: PageCtx; action: string; children: ComponentChildren; clearHref: string }) {
  return (
    <form method="get" action={action} class="vw-filters" role="search">
      <div class="vw-filters__fields">{children}</div>
      <div class="govuk-button-group">
        <button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button">
          {ctx.t('admin.apply')}
        </button>
        <a class="govuk-link" href={clearHref}>
          {ctx.t('common.clear')}
        </a>
      </div>
    </form>
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
