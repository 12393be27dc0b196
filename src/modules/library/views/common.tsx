import type { PageCtx } from '../../../web/context.ts';
import type { MessageKey } from '../../../messages.ts';
import type { Part } from '../diff.ts';
import { Csrf, ErrorSummary as SharedErrorSummary } from '../../../web/components/forms.tsx';

export const titleOf = (d: { titleSw: string; titleEn: string }, lang: 'sw' | 'en') => (lang === 'sw' ? d.titleSw || d.titleEn : d.titleEn || d.titleSw);
export const kindLabel = (ctx: PageCtx, kind: string) => ctx.t(`library.kind.${kind}` as MessageKey);
export const statusLabel = (ctx: PageCtx, s: string) => ctx.t(`library.status.${s}` as MessageKey);
export const docHref = (slug: string) => `/library/documents/${slug}`;
export const editionHref = (slug: string, version: string) => `/library/documents/${slug}/editions/${encodeURIComponent(version)}`;

const TAG: Record<string, string> = {
  in_force: 'govuk-tag--green',
  draft: 'govuk-tag--grey',
  in_review: 'govuk-tag--yellow',
  approved: 'govuk-tag--blue',
  superseded: 'govuk-tag--orange',
  withdrawn: 'govuk-tag--red',
};

export function StatusTag({ ctx, status }: { ctx: PageCtx; status: string }) {
  return <strong class={`govuk-tag ${TAG[status] ?? ''}`}>{statusLabel(ctx, status)}</strong>;
}

export function DocLink({ ctx, d }: { ctx: PageCtx; d: { slug: string; code: string; titleSw: string; titleEn: string } }) {
  return (
    <a class="govuk-link" href={docHref(d.slug)}>
      <span class="vw-code">{d.code}</span> {titleOf(d, ctx.lang)}
    </a>
  );
}

/** Word-level changes: insertions and deletions are marked by element and by visually hidden words, not colour alone. */
export function Parts({ ctx, parts }: { ctx: PageCtx; parts: Part[] }) {
  return (
    <>
      {parts.map((p) =>
        p.added ? (
          <ins class="vw-ins">
            <span class="govuk-visually-hidden">[{ctx.t('library.redline.addedWord')}] </span>
            {p.value}
          </ins>
        ) : p.removed ? (
          <del class="vw-del">
            <span class="govuk-visually-hidden">[{ctx.t('library.redline.removedWord')}] </span>
            {p.value}
          </del>
        ) : (
          <span>{p.value}</span>
        ),
      )}
    </>
  );
}

/** Library forms carry messages already translated by the service layer. */
export function ErrorSummary({ ctx, errors }: { ctx: PageCtx; errors?: { field: string; message: string }[] }) {
  return <SharedErrorSummary ctx={ctx} messages={errors} />;
}

export { Csrf };

/** Field-level errors as the library services report them (already translated). */
export type Errors = { field: string; message: string }[] | undefined;
export const errClass = (errors: Errors, f: string) => (errors?.some((e) => e.field === f) ? ' govuk-form-group--error' : '');
export const ErrMsg = ({ errors, f }: { errors: Errors; f: string }) => {
  const e = errors?.find((x) => x.field === f);
  return e ? <p class="govuk-error-message">{e.message}</p> : null;
};
