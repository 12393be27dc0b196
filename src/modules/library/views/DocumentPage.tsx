import type { PageCtx } from '../../../web/context.ts';
import { Layout } from '../../../web/layout.tsx';
import type { DocumentView, DocRef } from '../queries.service.ts';
import type { Edition, Section } from '../schema.ts';
import type { SectionDiff } from '../diff.ts';
import { mayAtAll, permitted } from '../../../platform/auth/access.ts';
import { documentPolicy } from '../access.ts';
import { PUBLISHED } from '../rules.ts';
import { DocLink, editionHref, kindLabel, Parts, StatusTag, titleOf, docHref } from './common.tsx';
import { IssuerActions } from './authoring.tsx';

interface Props {
  ctx: PageCtx;
  view: DocumentView;
  edition: Edition | null;
  /** True on the permanent citation page of one edition. */
  cited: boolean;
  redline?: { from: Edition; to: Edition; diff: SectionDiff[]; changes: number };
  baseUrl: string;
}

export function SectionsView({ ctx, content, lang }: { ctx: PageCtx; content: Section[]; lang: 'sw' | 'en' }) {
  const h = (s: Section) => (lang === 'sw' ? s.headingSw || s.headingEn : s.headingEn || s.headingSw);
  return (
    <div class="vw-content">
      {content.map((s, i) => (
        <section id={`s${i + 1}`} aria-labelledby={`s${i + 1}-h`}>
          <h3 class="govuk-heading-m" id={`s${i + 1}-h`}>
            {i + 1}. {h(s)}
          </h3>
          {s.clauses.map((c, j) => (
            <p class="govuk-body vw-clause" id={`c${i + 1}-${j + 1}`}>
              <span class="vw-clause__n">
                {i + 1}.{j + 1}
              </span>{' '}
              {lang === 'sw' ? c.textSw || c.textEn : c.textEn || c.textSw}
            </p>
          ))}
        </section>
      ))}
      {content.length === 0 && <p class="govuk-body">{ctx.t('library.doc.noContent')}</p>}
    </div>
  );
}

function RefList({ ctx, title, items }: { ctx: PageCtx; title: string; items: DocRef[] }) {
  if (items.length === 0) return null;
  return (
    <>
      <h3 class="govuk-heading-s">{title}</h3>
      <ul class="govuk-list">
        {items.map((d) => (
          <li>
            <DocLink ctx={ctx} d={d} />
          </li>
        ))}
      </ul>
    </>
  );
}

export function DocumentPage({ ctx, view, edition, cited, redline, baseUrl }: Props) {
  const { t, lang, f } = ctx;
  const { doc } = view;
  const title = titleOf(doc, lang);
  const summary = lang === 'sw' ? doc.summarySw || doc.summaryEn : doc.summaryEn || doc.summarySw;
  const published = view.editions.filter((e) => e.publishedAt);
  // What the reader may do here comes from the library's one policy (a new edition only when none is being worked on).
  const may = permitted(ctx.actor, documentPolicy, { doc, editionStatuses: view.editions.map((e) => e.status) });
  const canWork = may.work;
  const canAuthor = may.newEdition;
  const canApprove = may.setAudience;
  // An institution's author starts a level-3 document from a template in force.
  const useTemplate = doc.kind === 'template' && edition?.status === 'in_force' && mayAtAll(ctx.actor, 'library:author');
  return (
    <Layout ctx={ctx} title={`${doc.code} ${title}`}>
      <nav class="govuk-breadcrumbs" aria-label={t('library.breadcrumbs')}>
        <ol class="govuk-breadcrumbs__list">
          <li class="govuk-breadcrumbs__list-item"><a class="govuk-breadcrumbs__link" href="/library">{t('library.title')}</a></li>
          <li class="govuk-breadcrumbs__list-item"><a class="govuk-breadcrumbs__link" href={`/library?level=${doc.level}`}>{t('library.level.n', { n: doc.level })}</a></li>
          {cited && <li class="govuk-breadcrumbs__list-item"><a class="govuk-breadcrumbs__link" href={docHref(doc.slug)}>{doc.code}</a></li>}
        </ol>
      </nav>
      <span class="govuk-caption-l">
        {doc.code} · {kindLabel(ctx, doc.kind)}
      </span>
      <h1 class="govuk-heading-xl">{title}</h1>
      {doc.isSample && (
        <div class="govuk-inset-text">{t('library.doc.sample')}</div>
      )}
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          {summary && <p class="govuk-body-l">{summary}</p>}
          {edition ? (
            <div class={`vw-edition-banner vw-edition-banner--${edition.status}`}>
              <p class="govuk-body">
                <StatusTag ctx={ctx} status={edition.status} /> <strong>{t('library.doc.version', { version: edition.version })}</strong>
                {edition.effectiveDate && <> · {t('library.doc.effective', { date: f.date(edition.effectiveDate) })}</>}
              </p>
              {edition.status === 'superseded' && (
                <p class="govuk-body">
                  {t('library.doc.supersededNotice', { date: f.date(edition.endedAt), reason: edition.statusReason ?? '' })}{' '}
                  {view.inForce && <a class="govuk-link" href={editionHref(doc.slug, view.inForce.version)}>{t('library.doc.seeInForce', { version: view.inForce.version })}</a>}
                </p>
              )}
              {edition.status === 'withdrawn' && <p class="govuk-body">{t('library.doc.withdrawnNotice', { date: f.date(edition.endedAt), reason: edition.statusReason ?? '' })}</p>}
              {!['in_force', 'superseded', 'withdrawn'].includes(edition.status) && <p class="govuk-body">{t('library.doc.notPublishedNotice')}</p>}
            </div>
          ) : (
            <p class="govuk-body">{t('library.doc.noneInForce')}</p>
          )}
          {edition && (
            <>
              <p class="govuk-body-s vw-actions">
                <a class="govuk-link" href={`${editionHref(doc.slug, edition.version)}/print`}>{t('library.doc.print')}</a>
                {edition.fileSha256 && (
                  <>
                    {' · '}
                    <a class="govuk-link" href={`${editionHref(doc.slug, edition.version)}/original`}>
                      {t('library.doc.download', { type: (edition.fileType ?? '').toUpperCase() })}
                    </a>
                  </>
                )}
                {canWork && !PUBLISHED.includes(edition.status) && (
                  <>
                    {' · '}
                    <a class="govuk-link" href={`/library/manage/editions/${edition.id}`}>{t('library.manage.openEditor')}</a>
                  </>
                )}
              </p>
              {useTemplate && (
                <p class="govuk-body">
                  <a class="govuk-link" href={`/library/manage/new?level=3&template=${edition.id}`}>{t('library.templates.use')}</a>
                </p>
              )}
              {edition.fileSha256 && (
                <p class="govuk-body-s vw-hash">
                  {t('library.doc.sha256')}: <code>{edition.fileSha256}</code>
                </p>
              )}
              <h2 class="govuk-heading-l">{t('library.doc.contents')}</h2>
              <p class="govuk-body-s">{t('library.doc.authoritative', { lang: edition.authoritativeLang === 'sw' ? 'Kiswahili' : 'English' })}</p>
              <SectionsView ctx={ctx} content={edition.content} lang={lang} />
              <p class="govuk-body-s">
                {t('library.doc.citation')}:{' '}
                <a class="govuk-link" href={editionHref(doc.slug, edition.version)}>
                  {baseUrl}
                  {editionHref(doc.slug, edition.version)}
                </a>
              </p>
            </>
          )}
          {published.length > 1 && (
            <section aria-labelledby="redline-h">
              <h2 class="govuk-heading-l" id="redline-h">{t('library.redline.title')}</h2>
              <form method="get" action={`${docHref(doc.slug)}#redline-h`} class="vw-inline-form">
                <div class="govuk-form-group">
                  <label class="govuk-label" for="from">{t('library.redline.from')}</label>
                  <select class="govuk-select" id="from" name="from">
                    {published.map((e) => <option value={e.version} selected={redline ? e.id === redline.from.id : e === published[1]}>{e.version}</option>)}
                  </select>
                </div>
                <div class="govuk-form-group">
                  <label class="govuk-label" for="to">{t('library.redline.to')}</label>
                  <select class="govuk-select" id="to" name="to">
                    {published.map((e) => <option value={e.version} selected={redline ? e.id === redline.to.id : e === published[0]}>{e.version}</option>)}
                  </select>
                </div>
                <button type="submit" class="govuk-button govuk-button--secondary">{t('library.redline.show')}</button>
              </form>
              {redline && (
                <div class="vw-redline">
                  <p class="govuk-body">
                    {t('library.redline.summary', { from: redline.from.version, to: redline.to.version, count: redline.changes })}
                  </p>
                  {redline.to.changeSummary && <p class="govuk-body"><strong>{t('library.doc.changeSummary')}:</strong> {redline.to.changeSummary}</p>}
                  {redline.diff.filter((s) => s.kind !== 'same').map((s) => (
                    <div class="vw-redline__section">
                      <h3 class="govuk-heading-s">
                        {s.number}. <Parts ctx={ctx} parts={s.heading} />
                      </h3>
                      {s.clauses.filter((c) => c.kind !== 'same').map((c) => (
                        <p class="govuk-body vw-clause">
                          <span class="vw-clause__n">{c.number}</span> <span class="govuk-tag govuk-tag--grey vw-change">{t(`library.redline.${c.kind as 'added' | 'removed' | 'changed'}`)}</span>{' '}
                          <Parts ctx={ctx} parts={c.parts} />
                        </p>
                      ))}
                    </div>
                  ))}
                </div>
              )}
            </section>
          )}
          <IssuerActions ctx={ctx} doc={doc} inForce={view.inForce} canAuthor={canAuthor} canApprove={canApprove} />
        </div>
        <div class="govuk-grid-column-one-third">
          <aside class="vw-sidebar" aria-label={t('library.doc.about')}>
            <dl class="govuk-summary-list govuk-summary-list--no-border vw-facts">
              <div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">{t('library.filter.level')}</dt><dd class="govuk-summary-list__value">{t('library.level.n', { n: doc.level })}</dd></div>
              <div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">{t('library.doc.role')}</dt><dd class="govuk-summary-list__value">{t(`library.role.${doc.role}`)}</dd></div>
              <div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">{t('library.filter.issuer')}</dt><dd class="govuk-summary-list__value">{lang === 'sw' ? view.issuer.nameSw : view.issuer.nameEn} ({view.issuer.acronym})</dd></div>
              {view.group && <div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">{t('library.filter.group')}</dt><dd class="govuk-summary-list__value"><a class="govuk-link" href={`/library?group=${view.group.code}`}>{lang === 'sw' ? view.group.nameSw : view.group.nameEn}</a></dd></div>}
              {doc.sector && <div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">{t('library.filter.sector')}</dt><dd class="govuk-summary-list__value">{doc.sector}</dd></div>}
              <div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">{t('library.doc.audience')}</dt><dd class="govuk-summary-list__value">{t(`library.audience.${doc.audience}`)}</dd></div>
              {edition?.nextReviewDate && <div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">{t('library.doc.nextReview')}</dt><dd class="govuk-summary-list__value">{f.date(edition.nextReviewDate)}</dd></div>}
            </dl>
            {view.parent && <RefList ctx={ctx} title={t('library.doc.parent')} items={[view.parent]} />}
            <RefList ctx={ctx} title={t('library.doc.related')} items={view.related} />
            <RefList ctx={ctx} title={t('library.doc.implements')} items={view.implements} />
            <RefList ctx={ctx} title={t('library.doc.implementedBy')} items={view.implementedBy} />
            {view.template && (
              <>
                <h3 class="govuk-heading-s">{t('library.doc.template')}</h3>
                <p class="govuk-body">
                  <a class="govuk-link" href={editionHref(view.template.doc.slug, view.template.version)}>
                    {view.template.doc.code} {titleOf(view.template.doc, lang)} ({t('library.doc.version', { version: view.template.version })})
                  </a>
                </p>
              </>
            )}
            <h3 class="govuk-heading-s" id="history-h">{t('library.doc.history')}</h3>
            <table class="govuk-table vw-history" aria-labelledby="history-h">
              <thead class="govuk-table__head">
                <tr class="govuk-table__row">
                  <th scope="col" class="govuk-table__header">{t('library.col.version')}</th>
                  <th scope="col" class="govuk-table__header">{t('library.col.status')}</th>
                </tr>
              </thead>
              <tbody class="govuk-table__body">
                {view.editions.map((e) => (
                  <tr class="govuk-table__row">
                    <td class="govuk-table__cell">
                      <a class="govuk-link" href={editionHref(doc.slug, e.version)} aria-current={edition?.id === e.id ? 'page' : undefined}>{e.version}</a>
                      {e.effectiveDate && <><br /><span class="govuk-body-s">{f.date(e.effectiveDate)}</span></>}
                    </td>
                    <td class="govuk-table__cell"><StatusTag ctx={ctx} status={e.status} /></td>
                  </tr>
                ))}
              </tbody>
            </table>
            {doc.audience === 'public' && (
              // The address is asked on the subscription page, which carries the CSRF token: this
              // page is the same for every visitor and is kept by caches (decision 0502).
              <form method="get" action="/library/subscribe" class="vw-subscribe">
                <input type="hidden" name="type" value="document" />
                <input type="hidden" name="target" value={doc.slug} />
                <h3 class="govuk-heading-s">{t('library.subscribe.toDocument')}</h3>
                <button type="submit" class="govuk-button govuk-button--secondary">{t('library.subscribe.start')}</button>
              </form>
            )}
          </aside>
        </div>
      </div>
    </Layout>
  );
}
