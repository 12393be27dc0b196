// Labels and small pieces shared by the requirements pages.
import type { PageCtx } from '../../../../web/context.ts';
import type { MessageKey } from '../../../../messages.ts';
import type { Outcome } from '../rules.ts';
import { SectionNav } from '../../../../web/components/section-nav.tsx';

export const label = (ctx: PageCtx, prefix: string, value: string) => ctx.t(`${prefix}.${value}` as MessageKey);
export const textOf = (x: { textSw: string; textEn: string }, lang: 'sw' | 'en') => (lang === 'sw' ? x.textSw || x.textEn : x.textEn || x.textSw);
export const titleOf = (x: { titleSw: string; titleEn: string }, lang: 'sw' | 'en') => (lang === 'sw' ? x.titleSw || x.titleEn : x.titleEn || x.titleSw);
export const requirementHref = (id: string) => `/compliance/requirements/${id}`;
export const revisionHref = (id: string) => `/compliance/revisions/${id}`;
export const candidateHref = (revisionId: string, id: string) => `/compliance/revisions/${revisionId}/candidates/${id}`;

export interface Group {
  code: string;
  nameSw: string;
  nameEn: string;
}
export const groupName = (ctx: PageCtx, groups: Group[], code: string | null) => {
  if (!code) return '—';
  const g = groups.find((x) => x.code === code);
  return g ? `${code} · ${ctx.lang === 'sw' ? g.nameSw : g.nameEn}` : code;
};

const CHANGE_TAG: Record<string, string> = { added: 'govuk-tag--green', changed: 'govuk-tag--yellow', unchanged: 'govuk-tag--grey', removed: 'govuk-tag--red' };
export function ChangeTag({ ctx, change }: { ctx: PageCtx; change: string }) {
  return <strong class={`govuk-tag ${CHANGE_TAG[change] ?? ''}`}>{label(ctx, 'compliance.req.change', change)}</strong>;
}

const DECISION_TAG: Record<string, string> = { proposed: 'govuk-tag--blue', confirmed: 'govuk-tag--green', rejected: 'govuk-tag--red' };
export function DecisionTag({ ctx, decision }: { ctx: PageCtx; decision: string }) {
  return <strong class={`govuk-tag ${DECISION_TAG[decision] ?? ''}`}>{label(ctx, 'compliance.req.decision', decision)}</strong>;
}

export const outcomeLabel = (ctx: PageCtx, o: Outcome) => label(ctx, 'compliance.req.outcome', o);

/** The requirements area's section links: the catalogue for everyone, revisions for those who may see them. */
export function RequirementsNav({ ctx, revisions }: { ctx: PageCtx; revisions: boolean }) {
  const links: { href: string; key: MessageKey }[] = [{ href: '/compliance/requirements', key: 'compliance.req.catalogue' }];
  if (revisions) links.push({ href: '/compliance/revisions', key: 'compliance.req.revisions' });
  return (
    <SectionNav ctx={ctx} label={ctx.t('compliance.title')} links={links} />
  );
}

/** The link under a revision's sub-pages (a candidate, the preview) back to the revision. */
export function BackToRevision({ ctx, id }: { ctx: PageCtx; id: string }) {
  return (
    <p class="govuk-body">
      <a class="govuk-link" href={revisionHref(id)}>
        {ctx.t('compliance.req.backToRevision')}
      </a>
    </p>
  );
}
