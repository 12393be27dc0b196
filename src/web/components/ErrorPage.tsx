import type { PageCtx } from '../context.ts';
import { Layout } from '../layout.tsx';

export function ErrorPage({ ctx, title, body }: { ctx: PageCtx; title: string; body: string }) {
  return (
    <Layout ctx={ctx} title={title}>
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <h1 class="govuk-heading-l">{title}</h1>
          <p class="govuk-body">{body}</p>
          <p class="govuk-body">
            <a class="govuk-link" href="/">
              {ctx.t('error.notFound.home')}
            </a>
          </p>
        </div>
      </div>
    </Layout>
  );
}
