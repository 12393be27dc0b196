// Smaller public pages: framework structure, templates, subscription, notices, printable edition.
import type { PageCtx } from '../../../web/context.ts';
import { Layout } from '../../../web/layout.tsx';
import type { ArchitectureGroup } from '../../reference/index.ts';
import type { Document, Edition } from '../schema.ts';
import type { ListedDocument } from '../queries.service.ts';
import { Csrf, DocLink, editionHref, ErrorSummary, kindLabel, titleOf } from './common.tsx';
import { SectionsView } from './DocumentPage.tsx';

export function StructurePage({ ctx, groups, docs }: { ctx: PageCtx; groups: ArchitectureGroup[]; docs: ListedDocument[] }) {
  const { t, lang } = ctx;
  const children = (slug: string) => docs.filter((d) => d.parentSlug === slug);
  const Tree = ({ d }: { d: ListedDocument }) => (
    <li>
      <DocLink ctx={ctx} d={d} /> <span class="govuk-body-s vw-meta">({kindLabel(ctx, d.kind)}, {d.issuerAcronym})</span>
      {children(d.slug).length > 0 && (
        <ul class="vw-tree">
          {children(d.slug).map((c) => (
            <Tree d={c} />
          ))}
        </ul>
      )}
    </li>
  );
  return (
    <Layout ctx={ctx} title={t('library.structure.title')}>
      <h1 class="govuk-heading-xl">{t('library.structure.title')}</h1>
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <p class="govuk-body-l">{t('library.structure.lead')}</p>
          <p class="govuk-body">{t('library.structure.parentRelated')}</p>
          <p class="govuk-body">
            <a class="govuk-link" href="/framework">{t('library.structure.more')}</a>
          </p>
        </div>
      </div>
      {([1, 2, 3] as const).map((level) => {
        const roots = docs.filter((d) => d.level === level && (!d.parentSlug || !docs.some((p) => p.slug === d.parentSlug)));
        return (
          <section aria-labelledby={`level-${level}`}>
            <h2 class="govuk-heading-l" id={`level-${level}`}>
              {t('library.level.n', { n: level })}: {t(`library.level.${level}.name`)}
            </h2>
            <p class="govuk-body">{t(`library.level.${level}.text`)}</p>
            {groups
              .map((g) => ({ g, items: roots.filter((d) => d.groupCode === g.code) }))
              .concat([{ g: null as unknown as ArchitectureGroup, items: roots.filter((d) => !d.groupCode) }])
              .filter((x) => x.items.length > 0)
              .map(({ g, items }) => (
                <>
                  <h3 class="govuk-heading-s">{g ? (lang === 'sw' ? g.nameSw : g.nameEn) : t('library.structure.noGroup')}</h3>
                  <ul class="govuk-list vw-tree">
                    {items.map((d) => (
                      <Tree d={d} />
                    ))}
                  </ul>
                </>
              ))}
          </section>
        );
      })}
    </Layout>
  );
}

export function TemplatesPage({ ctx, items }: { ctx: PageCtx; items: { doc: Document; edition: Edition }[] }) {
  const { t, lang } = ctx;
  return (
    <Layout ctx={ctx} title={t('library.templates.title')}>
      <h1 class="govuk-heading-xl">{t('library.templates.title')}</h1>
      <p class="govuk-body-l">{t('library.templates.lead')}</p>
      {items.length === 0 && <p class="govuk-body">{t('common.none')}</p>}
      <ul class="govuk-list">
        {items.map(({ doc, edition }) => (
          <li class="vw-result">
            <h2 class="govuk-heading-s">
              <a class="govuk-link" href={editionHref(doc.slug, edition.version)}>
                <span class="vw-code">{doc.code}</span> {titleOf(doc, lang)}
              </a>
            </h2>
            <p class="govuk-body-s">{t('library.doc.version', { version: edition.version })}</p>
          </li>
        ))}
      </ul>
      <p class="govuk-body">{t('library.templates.howTo')}</p>
    </Layout>
  );
}

export function SubscribePage({ ctx, groups, errors, values, document }: { ctx: PageCtx; groups: ArchitectureGroup[]; errors?: { field: string; message: string }[]; values?: Record<string, string>; document?: Pick<Document, 'slug' | 'code' | 'titleSw' | 'titleEn'> }) {
  const { t, lang } = ctx;
  const v = values ?? {};
  return (
    <Layout ctx={ctx} title={t('library.subscribe.title')}>
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <ErrorSummary ctx={ctx} errors={errors} />
          <h1 class="govuk-heading-xl">{t('library.subscribe.title')}</h1>
          <p class="govuk-body">{t('library.subscribe.lead')}</p>
          <form method="post" action="/library/subscribe" novalidate>
            <Csrf ctx={ctx} />
            {document ? (
              <>
                <input type="hidden" name="type" value="document" />
                <input type="hidden" name="target" value={document.slug} />
                <p class="govuk-body">
                  {t('library.subscribe.toThisDocument')} <strong>{document.code} – {titleOf(document, lang)}</strong>
                </p>
              </>
            ) : (
            <>
            <div class="govuk-form-group">
              <fieldset class="govuk-fieldset">
                <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">{t('library.subscribe.what')}</legend>
                <div class="govuk-radios" data-module="govuk-radios">
                  <div class="govuk-radios__item">
                    <input class="govuk-radios__input" id="type-level" name="type" type="radio" value="level" checked={v.type !== 'group'} />
                    <label class="govuk-label govuk-radios__label" for="type-level">{t('library.subscribe.aLevel')}</label>
                  </div>
                  <div class="govuk-radios__item">
                    <input class="govuk-radios__input" id="type-group" name="type" type="radio" value="group" checked={v.type === 'group'} />
                    <label class="govuk-label govuk-radios__label" for="type-group">{t('library.subscribe.aGroup')}</label>
                  </div>
                </div>
              </fieldset>
            </div>
            <div class="govuk-form-group">
              <label class="govuk-label" for="target">{t('library.subscribe.which')}</label>
              <select class="govuk-select" id="target" name="target">
                {[1, 2, 3].map((l) => (
                  <option value={String(l)} selected={v.target === String(l)}>{t('library.level.n', { n: l })}</option>
                ))}
                {groups.map((g) => (
                  <option value={g.code} selected={v.target === g.code}>{lang === 'sw' ? g.nameSw : g.nameEn}</option>
                ))}
              </select>
              <p class="govuk-hint">{t('library.subscribe.whichHint')}</p>
            </div>
            </>
            )}
            <div class={`govuk-form-group${errors?.some((e) => e.field === 'email') ? ' govuk-form-group--error' : ''}`}>
              <label class="govuk-label" for="email">{t('library.subscribe.email')}</label>
              <input class="govuk-input" id="email" name="email" type="email" autocomplete="email" spellcheck={false} value={v.email ?? ''} />
            </div>
            <button type="submit" class="govuk-button">{t('library.subscribe.submit')}</button>
          </form>
        </div>
      </div>
    </Layout>
  );
}

export function NoticePage({ ctx, title, body, back }: { ctx: PageCtx; title: string; body: string; back?: { href: string; label: string } }) {
  return (
    <Layout ctx={ctx} title={title}>
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <div class="govuk-panel govuk-panel--confirmation vw-panel">
            <h1 class="govuk-panel__title">{title}</h1>
          </div>
          <p class="govuk-body">{body}</p>
          {back && (
            <p class="govuk-body">
              <a class="govuk-link" href={back.href}>{back.label}</a>
            </p>
          )}
        </div>
      </div>
    </Layout>
  );
}

/** A plain printable rendition: the document frame without navigation, styled for paper. */
export function PrintPage({ ctx, doc, edition, issuer, url }: { ctx: PageCtx; doc: Document; edition: Edition; issuer: string; url: string }) {
  const { t, lang, f } = ctx;
  return (
    <html lang={lang} class="govuk-template vw-print">
      <head>
        <meta charSet="utf-8" />
        <title>{`${doc.code} ${edition.version} – ${titleOf(doc, lang)}`}</title>
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <link rel="stylesheet" href={`/static/viwango.css?v=${ctx.assetVersion}`} />
      </head>
      <body class="govuk-template__body vw-print__body">
        <main class="govuk-width-container vw-print__main" id="main-content">
          <p class="govuk-body-s">{t('app.authority')} · {t('app.republic')}</p>
          <p class="govuk-caption-m">{doc.code} · {kindLabel(ctx, doc.kind)} · {issuer}</p>
          <h1 class="govuk-heading-l">{titleOf(doc, lang)}</h1>
          <p class="govuk-body">
            {t('library.doc.version', { version: edition.version })} · {t(`library.status.${edition.status}`)}
            {edition.effectiveDate && <> · {t('library.doc.effective', { date: f.date(edition.effectiveDate) })}</>}
          </p>
          {doc.isSample && <p class="govuk-inset-text">{t('library.doc.sample')}</p>}
          <SectionsView ctx={ctx} content={edition.content} lang={lang} />
          <p class="govuk-body-s">{t('library.doc.citation')}: {url}</p>
          {edition.fileSha256 && <p class="govuk-body-s">{t('library.doc.sha256')}: {edition.fileSha256}</p>}
        </main>
      </body>
    </html>
  );
}
