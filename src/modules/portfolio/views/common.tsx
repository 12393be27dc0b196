// Labels and small pieces shared by the portfolio pages.
import type { PageCtx } from '../../../web/context.ts';
import type { MessageKey } from '../../../messages.ts';
import { describeReason, type Reason } from '../overlap/engine.ts';

export const label = (ctx: PageCtx, prefix: string, value: string) => ctx.t(`${prefix}.${value}` as MessageKey);
export const yesNo = (ctx: PageCtx, v: boolean) => ctx.t(v ? 'portfolio.yes' : 'portfolio.no');
export const tzs = (ctx: PageCtx, v: number | null | undefined) => (v === null || v === undefined ? '—' : ctx.f.number(v));
export const systemHref = (id: string) => `/portfolio/systems/${id}`;
export const institutionHref = (acronym: string) => `/portfolio/institutions/${encodeURIComponent(acronym)}`;

export function Reasons({ ctx, reasons }: { ctx: PageCtx; reasons: Reason[] }) {
  return (
    <ul class="govuk-list govuk-list--bullet">
      {reasons.map((r) => (
        <li>{describeReason(r, ctx.lang)}</li>
      ))}
    </ul>
  );
}

export function PortfolioNav({ ctx, links }: { ctx: PageCtx; links: { href: string; key: MessageKey }[] }) {
  return (
    <nav class="vw-subnav" aria-label={ctx.t('portfolio.title')}>
      <ul class="govuk-list vw-inline-list">
        {links.map((l) => (
          <li>
            <a class="govuk-link" href={l.href} aria-current={ctx.path === l.href ? 'page' : undefined}>
              {ctx.t(l.key)}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
