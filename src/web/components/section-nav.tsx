// The links between the pages of one section (a module's sub-navigation), the current page marked.
import type { PageCtx } from '../context.ts';
import type { MessageKey } from '../../messages.ts';

export interface SectionLink {
  href: string;
  key: MessageKey;
}

export function SectionNav({ ctx, label, links }: { ctx: PageCtx; label: string; links: SectionLink[] }) {
  return (
    <nav class="vw-subnav" aria-label={label}>
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
