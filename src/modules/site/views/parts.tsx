import type { PageCtx } from '../../../web/context.ts';
import type { ArchitectureGroup } from '../../reference/index.ts';

/** The nine architecture groups with their descriptions, in the reader's language. */
export function GroupList({ ctx, groups, showCode }: { ctx: PageCtx; groups: ArchitectureGroup[]; showCode?: boolean }) {
  const sw = ctx.lang === 'sw';
  return (
    <ol class="vw-groups">
      {groups.map((g) => (
        <li id={showCode ? `group-${g.code.toLowerCase()}` : undefined}>
          <strong>{sw ? g.nameSw : g.nameEn}</strong>
          {showCode && <span class="vw-muted"> ({g.code})</span>}
          <br />
          <span class="govuk-body-s">{sw ? g.descriptionSw : g.descriptionEn}</span>
        </li>
      ))}
    </ol>
  );
}

/** What the framework is for. */
export function PurposeList({ ctx }: { ctx: PageCtx }) {
  const { t } = ctx;
  return (
    <ul class="govuk-list govuk-list--bullet">
      <li>{t('home.purpose.reuse')}</li>
      <li>{t('home.purpose.invest')}</li>
      <li>{t('home.purpose.cost')}</li>
      <li>{t('home.purpose.comply')}</li>
    </ul>
  );
}
