// Small pieces shared by the review pages.
import type { ComponentChildren } from 'preact';
import type { PageCtx } from '../../../web/context.ts';
import type { MessageKey } from '../../../messages.ts';
import { Csrf } from '../../../web/components/forms.tsx';
import { SectionNav } from '../../../web/components/section-nav.tsx';

export const label = (ctx: PageCtx, prefix: string, value: string) => ctx.t(`${prefix}.${value}` as MessageKey);
export const tzs = (ctx: PageCtx, v: number | null | undefined) => (v === null || v === undefined ? '—' : ctx.f.number(v));
export const caseHref = (id: string) => `/reviews/cases/${id}`;

/** The section's links: the same for everyone who reads reviews (each page shows what the reader may do). */
const SECTION_LINKS: { href: string; key: MessageKey }[] = [
  { href: '/reviews', key: 'reviews.title' },
  { href: '/reviews/pipeline', key: 'reviews.pipeline' },
  { href: '/reviews/criteria', key: 'reviews.criteria' },
  { href: '/reviews/holidays', key: 'reviews.holidays' },
];

export function ReviewsNav({ ctx }: { ctx: PageCtx }) {
  return <SectionNav ctx={ctx} label={ctx.t('reviews.title')} links={SECTION_LINKS} />;
}

/** A small form posting to `action` with its CSRF token. */
export function PostForm({ ctx, action, children, multipart }: { ctx: PageCtx; action: string; children: ComponentChildren; multipart?: boolean }) {
  return (
    <form method="post" action={action} enctype={multipart ? 'multipart/form-data' : undefined} novalidate>
      <Csrf ctx={ctx} />
      {children}
    </form>
  );
}

export function StageTag({ ctx, stage, outcome }: { ctx: PageCtx; stage: string; outcome?: string | null }) {
  const colour = stage === 'decided' ? (outcome === 'rejected' ? 'red' : outcome === 'postponed' ? 'yellow' : 'green') : stage === 'clarification' || stage === 'returned' ? 'orange' : stage === 'draft' ? 'grey' : 'blue';
  return <strong class={`govuk-tag govuk-tag--${colour}`}>{outcome ? label(ctx, 'reviews.outcome', outcome) : label(ctx, 'reviews.stage', stage)}</strong>;
}
