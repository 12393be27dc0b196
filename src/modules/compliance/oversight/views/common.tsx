// Pieces shared by the oversight pages: the section links, value labels and status tags.
import type { ComponentChildren } from 'preact';
import type { PageCtx } from '../../../../web/context.ts';
import type { MessageKey } from '../../../../messages.ts';
import { mayAtAll } from '../../../../platform/auth/access.ts';
import { SectionNav } from '../../../../web/components/section-nav.tsx';

export const label = (ctx: PageCtx, prefix: string, value: string | null | undefined) => ctx.t(`${prefix}.${value ?? 'none'}` as MessageKey);
export const resultLabel = (ctx: PageCtx, r: string | null) => label(ctx, 'compliance.result', r);
export const findingHref = (id: string) => `/compliance/findings/${id}`;
export const reviewHref = (id: string) => `/compliance/assessments/${id}/review`;
export const directiveHref = (id: string) => `/compliance/directives/${id}`;

const TAG: Record<string, string> = {
  open: 'govuk-tag--yellow', challenged: 'govuk-tag--orange', withdrawn: 'govuk-tag--grey', closed: 'govuk-tag--green',
  signed_off: 'govuk-tag--blue', returned: 'govuk-tag--orange', reviewed: 'govuk-tag--green', accepted: 'govuk-tag--green', pending: 'govuk-tag--grey',
  draft: 'govuk-tag--grey', submitted: 'govuk-tag--blue', in_progress: 'govuk-tag--yellow', completed: 'govuk-tag--turquoise', done: 'govuk-tag--green', issued: 'govuk-tag--blue',
  low: 'govuk-tag--grey', moderate: 'govuk-tag--yellow', high: 'govuk-tag--orange', critical: 'govuk-tag--red',
};

export function Tag({ value, children }: { value: string; children: ComponentChildren }) {
  return <strong class={`govuk-tag ${TAG[value] ?? ''}`}>{children}</strong>;
}

/** Links to the oversight pages the person may use. */
export function OversightNav({ ctx }: { ctx: PageCtx }) {
  const links: { href: string; key: MessageKey }[] = [];
  if (mayAtAll(ctx.actor, 'compliance:review')) links.push({ href: '/compliance/reviews', key: 'oversight.nav.reviews' });
  if (mayAtAll(ctx.actor, 'compliance:manage')) links.push({ href: '/compliance/reviews/sample', key: 'oversight.nav.sample' });
  links.push({ href: '/compliance/findings', key: 'oversight.nav.findings' }, { href: '/compliance/directives', key: 'oversight.nav.directives' });
  return (
    <SectionNav ctx={ctx} label={ctx.t('compliance.title')} links={links} />
  );
}

/** A select of a filter form: "any" first, then the values with their labels. */
export function FilterSelect({ ctx, name, label: text, value, options }: { ctx: PageCtx; name: string; label: string; value: string; options: { value: string; label: string }[] }) {
  return (
    <div class="govuk-form-group">
      <label class="govuk-label" for={`f-${name}`}>{text}</label>
      <select class="govuk-select" id={`f-${name}`} name={name}>
        <option value="">{ctx.t('oversight.filter.any')}</option>
        {options.map((o) => (
          <option value={o.value} selected={o.value === value}>{o.label}</option>
        ))}
      </select>
    </div>
  );
}

/** The top of one finding's or directive's page: the section's tabs, a breadcrumb back to its list, and the saved notice. */
export function RecordTop({ ctx, back, saved }: { ctx: PageCtx; back: { href: string; label: string }; saved: boolean }) {
  return (
    <>
      <OversightNav ctx={ctx} />
      <nav class="govuk-breadcrumbs" aria-label={ctx.t('oversight.breadcrumbs')}>
        <ol class="govuk-breadcrumbs__list">
          <li class="govuk-breadcrumbs__list-item"><a class="govuk-breadcrumbs__link" href={back.href}>{back.label}</a></li>
        </ol>
      </nav>
      <Saved ctx={ctx} show={saved} />
    </>
  );
}

export function Saved({ ctx, show }: { ctx: PageCtx; show: boolean }) {
  return show ? <div class="govuk-inset-text" role="status">{ctx.t('oversight.saved')}</div> : null;
}
