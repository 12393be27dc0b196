// Labels and small pieces shared by the portfolio pages.
import type { JSX } from 'preact';
import type { PageCtx } from '../../../web/context.ts';
import type { MessageKey } from '../../../messages.ts';
import { describeReason, type Reason } from '../overlap/engine.ts';
import { DataTable } from '../../../web/components/table.tsx';
import type { IntegrationRow } from '../queries.ts';
import { SectionNav } from '../../../web/components/section-nav.tsx';

export const label = (ctx: PageCtx, prefix: string, value: string) => ctx.t(`${prefix}.${value}` as MessageKey);
export const yesNo = (ctx: PageCtx, v: boolean) => ctx.t(v ? 'portfolio.yes' : 'portfolio.no');
export const tzs = (ctx: PageCtx, v: number | null | undefined) => (v === null || v === undefined ? '—' : ctx.f.number(v));
export const systemHref = (id: string) => `/portfolio/systems/${id}`;
export const institutionHref = (acronym: string) => `/portfolio/institutions/${encodeURIComponent(acronym)}`;
export const integrationHref = (id: string) => `/portfolio/integrations/${id}`;
/** The integration's current agreement file, or an earlier one by its id. */
export const agreementHref = (id: string, versionId?: string) => `${integrationHref(id)}/agreement${versionId ? `?version=${versionId}` : ''}`;

/** An e-service's name in the user's language, a link when its address is a web address. */
export function EServiceName({ ctx, e }: { ctx: PageCtx; e: { nameSw: string; nameEn: string; url: string } }) {
  const name = eserviceName(ctx, e);
  return /^https?:\/\//i.test(e.url) ? <a class="govuk-link" href={e.url} rel="noopener noreferrer">{name}</a> : <>{name}</>;
}

/** An e-service's name in the user's language (the other one when it has only that). */
export const eserviceName = (ctx: PageCtx, e: { nameSw: string; nameEn: string }) => (ctx.lang === 'sw' ? e.nameSw || e.nameEn : e.nameEn || e.nameSw);

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
    <SectionNav ctx={ctx} label={ctx.t('portfolio.title')} links={links} />
  );
}

/** Integrations as a table: on a system's page and as the integration map's text alternative. */
/** `action`, when given, is a last column with something to do on each row (a system's editor removing it). */
export function IntegrationsTable({ ctx, rows, id, caption, hideCaption, action }: { ctx: PageCtx; rows: IntegrationRow[]; id?: string; caption: string; hideCaption?: boolean; action?: (g: IntegrationRow) => JSX.Element }) {
  const { t } = ctx;
  return (
    <DataTable
      id={id}
      caption={caption}
      showCaption={!hideCaption}
      rows={rows}
      columns={[
        { head: t('portfolio.col.provider'), cell: (g) => <><a class="govuk-link" href={systemHref(g.providerId)}>{g.provider}</a> ({g.providerInstitution})</> },
        { head: t('portfolio.col.consumer'), cell: (g) => <><a class="govuk-link" href={systemHref(g.consumerId)}>{g.consumer}</a> ({g.consumerInstitution})</> },
        { head: t('portfolio.col.data'), cell: (g) => <a class="govuk-link" href={integrationHref(g.id)}>{g.dataExchanged}</a> },
        { head: t('portfolio.col.channel'), cell: (g) => label(ctx, 'portfolio.ichannel', g.channel) },
        { head: t('portfolio.col.status'), cell: (g) => label(ctx, 'portfolio.istatus', g.status) },
        { head: t('portfolio.col.agreement'), cell: (g) => (g.agreementName ? <a class="govuk-link" href={agreementHref(g.id)} download>{g.agreementName}</a> : '—') },
        ...(action ? [{ head: t('portfolio.col.actions'), cell: action }] : []),
      ]}
    />
  );
}
