// The OpenAPI document, generated from the route schemas, and a readable server-rendered reference.
import type { App } from '../../platform/http/app.ts';
import { pageCtx, type PageCtx } from '../../web/context.ts';
import { Layout } from '../../web/layout.tsx';
import { DataTable } from '../../web/components/table.tsx';

interface Operation {
  summary?: string;
  description?: string;
  tags?: string[];
  parameters?: { name: string; in: string; required?: boolean; description?: string; schema?: unknown }[];
  requestBody?: { content?: Record<string, { schema?: unknown }> };
  responses?: Record<string, { description?: string }>;
}
type Paths = Record<string, Record<string, Operation>>;

function ApiDocsPage({ ctx, paths }: { ctx: PageCtx; paths: Paths }) {
  const { t } = ctx;
  const entries = Object.entries(paths).flatMap(([p, ops]) => Object.entries(ops).map(([m, op]) => ({ path: p, method: m.toUpperCase(), op })));
  return (
    <Layout ctx={ctx} title={t('apidocs.title')}>
      <h1 class="govuk-heading-xl">{t('apidocs.title')}</h1>
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <p class="govuk-body-l">{t('apidocs.lead')}</p>
          <p class="govuk-body">
            <a class="govuk-link" href="/api/openapi.json">
              {t('apidocs.openapi')}
            </a>
          </p>
          <h2 class="govuk-heading-m">{t('apidocs.auth.title')}</h2>
          <p class="govuk-body">{t('apidocs.auth.text')}</p>
          <h2 class="govuk-heading-m">{t('apidocs.errors.title')}</h2>
          <p class="govuk-body">{t('apidocs.errors.text')}</p>
        </div>
      </div>
      <h2 class="govuk-heading-l">{t('apidocs.endpoints')}</h2>
      {entries.map(({ path, method, op }) => (
        <section class="govuk-!-margin-bottom-8" id={`${method}-${path}`.replace(/[^a-zA-Z0-9]+/g, '-')}>
          <h3 class="govuk-heading-s">
            <strong class="govuk-tag govuk-tag--blue">{method}</strong> <code class="vw-code">{path}</code>
          </h3>
          {op.summary && <p class="govuk-body">{op.summary}</p>}
          {op.parameters && op.parameters.length > 0 && (
            <DataTable
              caption={t('apidocs.params')}
              showCaption="s"
              rows={op.parameters}
              columns={[
                { head: t('apidocs.param.name'), cellClass: () => 'vw-code', cell: (p) => p.name },
                { head: t('apidocs.param.in'), cell: (p) => p.in },
                { head: t('apidocs.param.required'), cell: (p) => (p.required ? t('common.yes') : t('common.no')) },
                { head: t('apidocs.param.description'), cell: (p) => p.description ?? '' },
              ]}
            />
          )}
          {op.requestBody?.content && (
            <details class="govuk-details">
              <summary class="govuk-details__summary">
                <span class="govuk-details__summary-text">{t('apidocs.body')}</span>
              </summary>
              <div class="govuk-details__text">
                <pre class="vw-pre">{JSON.stringify(Object.values(op.requestBody.content)[0]?.schema ?? {}, null, 2)}</pre>
              </div>
            </details>
          )}
          {op.responses && (
            <p class="govuk-body-s">
              {t('apidocs.responses')}: {Object.entries(op.responses).map(([code, r]) => `${code} ${r.description ?? ''}`.trim()).join(' · ')}
            </p>
          )}
        </section>
      ))}
    </Layout>
  );
}

export async function apiDocsRoutes(app: App) {
  app.get('/api/openapi.json', { config: { action: 'site:read' } }, async () => app.swagger());
  app.get('/api/docs', { config: { action: 'site:read' } }, async (req, reply) => {
    const doc = app.swagger() as { paths?: Paths };
    return reply.page(<ApiDocsPage ctx={pageCtx(req, reply)} paths={doc.paths ?? {}} />);
  });
}
