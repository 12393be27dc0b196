import type { ComponentChildren } from 'preact';
import type { PageCtx } from './context.ts';
import { withLang } from './context.ts';
import { NAV } from './nav.ts';

interface LayoutProps {
  ctx: PageCtx;
  title: string;
  children: ComponentChildren;
  /** Wider pages (tables) may drop the two-thirds column. */
  wide?: boolean;
}

function Mark() {
  // A simple emblem in the national colours; not a state symbol.
  return (
    <svg class="vw-header__mark" viewBox="0 0 40 40" aria-hidden="true" focusable="false">
      <rect width="40" height="40" fill="#1eb53a" />
      <polygon points="40,0 40,40 0,40" fill="#00a3dd" />
      <polygon points="29,0 40,0 40,11 11,40 0,40 0,29" fill="#fcd116" />
      <polygon points="33,0 40,0 40,7 7,40 0,40 0,33" fill="#000" />
    </svg>
  );
}

export function Layout({ ctx, title, children }: LayoutProps) {
  const { t, lang, actor } = ctx;
  const other = lang === 'sw' ? 'en' : 'sw';
  const nav = NAV.filter((n) => !n.visible || n.visible(actor));
  // The most specific entry that contains this page is the current one (/library/manage, not /library).
  const matches = (href: string) => (href === '/' ? ctx.path === '/' : ctx.path === href || ctx.path.startsWith(href + '/'));
  const currentHref = nav.filter((n) => matches(n.href)).sort((a, b) => b.href.length - a.href.length)[0]?.href;
  const current = (href: string) => href === currentHref;
  return (
    <html lang={lang} class="govuk-template">
      <head>
        <meta charSet="utf-8" />
        <title>{`${title} – ${t('app.name')}`}</title>
        <meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover" />
        <meta name="theme-color" content="#0f5b32" />
        <link rel="icon" href={`/static/favicon.svg?v=${ctx.assetVersion}`} type="image/svg+xml" />
        <link rel="stylesheet" href={`/static/viwango.css?v=${ctx.assetVersion}`} />
        <link rel="alternate" type="application/atom+xml" title={t('app.tagline')} href="/library/feed.atom" />
      </head>
      <body class="govuk-template__body">
        <a href="#main-content" class="govuk-skip-link">
          {t('layout.skip')}
        </a>
        <header class="vw-header" role="banner">
          <div class="govuk-width-container vw-header__inner">
            <a href="/" class="vw-header__brand">
              <Mark />
              <span>
                <span class="vw-header__name">{t('app.name')}</span>
                <span class="vw-header__org">
                  {t('app.authority')} · {t('app.republic')}
                </span>
              </span>
            </a>
            <div class="vw-header__tools">
              <a href={withLang(ctx.url, other)} hrefLang={other} lang={other}>
                {t('layout.langOther')}
              </a>
              {actor ? (
                <>
                  <a href="/account" class="vw-header__who">
                    {actor.name}
                  </a>
                  <form method="post" action="/logout">
                    <input type="hidden" name="_csrf" value={ctx.csrf()} />
                    <button type="submit" class="vw-linkbutton">
                      {t('layout.signOut')}
                    </button>
                  </form>
                </>
              ) : (
                <a href="/login">{t('layout.signIn')}</a>
              )}
            </div>
          </div>
          <div class="vw-flag-stripe" />
        </header>
        <nav class="vw-nav" aria-label={t('layout.nav')}>
          <div class="govuk-width-container">
            <ul>
              {nav.map((n) => (
                <li>
                  <a class="govuk-link govuk-link--no-visited-state" href={n.href} aria-current={current(n.href) ? 'page' : undefined}>
                    {t(n.key)}
                  </a>
                </li>
              ))}
            </ul>
          </div>
        </nav>
        <div class="govuk-width-container">
          <main class="govuk-main-wrapper vw-main" id="main-content" role="main">
            <div class="govuk-phase-banner vw-noprint">
              <p class="govuk-phase-banner__content">
                <strong class="govuk-tag govuk-phase-banner__content__tag">{t('layout.beta')}</strong>
                <span class="govuk-phase-banner__text">{t('layout.betaText')}</span>
              </p>
            </div>
            {children}
          </main>
        </div>
        <footer class="govuk-footer" role="contentinfo">
          <div class="govuk-width-container">
            <div class="govuk-footer__meta">
              <div class="govuk-footer__meta-item govuk-footer__meta-item--grow">
                <h2 class="govuk-visually-hidden">{t('layout.footer.meta')}</h2>
                <ul class="govuk-footer__inline-list">
                  <li class="govuk-footer__inline-list-item">
                    <a class="govuk-footer__link" href="/about">{t('layout.footer.about')}</a>
                  </li>
                  <li class="govuk-footer__inline-list-item">
                    <a class="govuk-footer__link" href="/framework">{t('layout.footer.framework')}</a>
                  </li>
                  <li class="govuk-footer__inline-list-item">
                    <a class="govuk-footer__link" href="/api/docs">{t('layout.footer.api')}</a>
                  </li>
                </ul>
                <p class="govuk-body-s">{t('layout.footer.rights', { year: new Date().getFullYear() })}</p>
              </div>
            </div>
          </div>
        </footer>
        <script type="module" src={`/static/app.js?v=${ctx.assetVersion}`} />
      </body>
    </html>
  );
}
