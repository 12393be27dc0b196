import type { PageCtx } from '../../../web/context.ts';
import { Layout } from '../../../web/layout.tsx';
import type { ArchitectureGroup } from '../../reference/index.ts';
import type { ListedDocument } from '../queries.service.ts';
import type { SearchResult } from '../search.service.ts';
import { ALL_KINDS } from '../rules.ts';
import { EDITION_STATUSES } from '../schema.ts';
import { DocLink, kindLabel, StatusTag, titleOf, editionHref } from './common.tsx';

export interface LibraryFilters {
  q: string;
  level: string;
  group: string;
  kind: string;
  issuer: string;
  sector: string;
  status: string;
  lang: string;
  page: number;
}

interface Props {
  ctx: PageCtx;
  groups: ArchitectureGroup[];
  issuers: { acronym: string; nameSw: string; nameEn: string }[];
  filters: LibraryFilters;
  list?: { total: number; items: ListedDocument[]; page: number; pageSize: number };
  results?: SearchResult;
}

function Select({ ctx, name, label, value, options }: { ctx: PageCtx; name: string; label: string; value: string; options: [string, string][] }) {
  return (
    <div class="govuk-form-group">
      <label class="govuk-label govuk-label--s" for={`f-${name}`}>
        {label}
      </label>
      <select class="govuk-select vw-fullwidth" id={`f-${name}`} name={name}>
        <option value="">{ctx.t('library.filter.any')}</option>
        {options.map(([v, l]) => (
          <option value={v} selected={v === value}>
            {l}
          </option>
        ))}
      </select>
    </div>
  );
}

export function pageLink(ctx: PageCtx, page: number): string {
  const u = new URL(ctx.url, 'http://x');
  u.searchParams.set('page', String(page));
  return u.pathname + u.search;
}

export function LibraryPage({ ctx, groups, issuers, filters, list, results }: Props) {
  const { t, lang } = ctx;
  const f = filters;
  const groupName = (code: string | null) => {
    const g = groups.find((x) => x.code === code);
    return g ? (lang === 'sw' ? g.nameSw : g.nameEn) : '';
  };
  const pages = list ? Math.max(1, Math.ceil(list.total / list.pageSize)) : 1;
  return (
    <Layout ctx={ctx} title={results ? t('library.search.title', { q: f.q }) : t('library.title')}>
      <h1 class="govuk-heading-xl">{t('library.title')}</h1>
      <p class="govuk-body-l">{t('library.lead')}</p>
      <form method="get" action="/library" role="search" class="vw-search">
        <div class="govuk-form-group">
          <label class="govuk-label govuk-label--m" for="q">
            {t('library.search.label')}
          </label>
          <div class="govuk-hint" id="q-hint">
            {t('library.search.hint')}
          </div>
          <div class="vw-search__row">
            <input class="govuk-input" id="q" name="q" type="search" value={f.q} aria-describedby="q-hint" />
            <button type="submit" class="govuk-button vw-search__button">
              {t('common.search')}
            </button>
          </div>
        </div>
      </form>
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-one-third">
          <form method="get" action="/library" class="vw-filters" aria-labelledby="filters-h">
            <h2 class="govuk-heading-m" id="filters-h">
              {t('common.filter')}
            </h2>
            {f.q && <input type="hidden" name="q" value={f.q} />}
            <Select ctx={ctx} name="level" label={t('library.filter.level')} value={f.level} options={[1, 2, 3].map((l) => [String(l), `${t('library.level.n', { n: l })} – ${t(`library.level.${l as 1 | 2 | 3}.name`)}`])} />
            <Select ctx={ctx} name="group" label={t('library.filter.group')} value={f.group} options={groups.map((g) => [g.code, lang === 'sw' ? g.nameSw : g.nameEn])} />
            <Select ctx={ctx} name="kind" label={t('library.filter.kind')} value={f.kind} options={ALL_KINDS.map((k) => [k, kindLabel(ctx, k)])} />
            <Select ctx={ctx} name="issuer" label={t('library.filter.issuer')} value={f.issuer} options={issuers.map((i) => [i.acronym, `${i.acronym} – ${lang === 'sw' ? i.nameSw : i.nameEn}`])} />
            {!results && (
              <div class="govuk-form-group">
                <label class="govuk-label govuk-label--s" for="f-sector">
                  {t('library.filter.sector')}
                </label>
                <input class="govuk-input" id="f-sector" name="sector" value={f.sector} />
              </div>
            )}
            <Select ctx={ctx} name="status" label={t('library.filter.status')} value={f.status} options={EDITION_STATUSES.map((s) => [s, t(`library.status.${s}`)])} />
            {results && <Select ctx={ctx} name="inlang" label={t('library.filter.lang')} value={f.lang} options={[['sw', 'Kiswahili'], ['en', 'English']]} />}
            <button type="submit" class="govuk-button govuk-button--secondary">
              {t('library.filter.apply')}
            </button>
            <p class="govuk-body-s">
              <a class="govuk-link" href="/library">
                {t('common.clear')}
              </a>
            </p>
          </form>
          <h2 class="govuk-heading-s">{t('library.more.title')}</h2>
          <ul class="govuk-list">
            <li><a class="govuk-link" href="/library/structure">{t('library.structure.title')}</a></li>
            <li><a class="govuk-link" href="/library/templates">{t('library.templates.title')}</a></li>
            <li><a class="govuk-link" href="/library/subscribe">{t('library.subscribe.title')}</a></li>
            <li><a class="govuk-link" href="/library/feed.atom">{t('library.feed.title')}</a></li>
          </ul>
        </div>
        <div class="govuk-grid-column-two-thirds">
          {results ? (
            <>
              <h2 class="govuk-heading-m" aria-live="polite">
                {t('library.search.results', { count: results.total, q: f.q })}
              </h2>
              {results.alternatives.length > 0 && <p class="govuk-body-s">{t('library.search.alsoMatched', { words: results.alternatives.join(', ') })}</p>}
              {results.hits.length === 0 && <p class="govuk-body">{t('library.search.none')}</p>}
              <ol class="vw-results">
                {results.hits.map((h) => (
                  <li class="vw-result">
                    <h3 class="govuk-heading-s">
                      <a class="govuk-link" href={editionHref(h.slug, h.version)}>
                        <span class="vw-code">{h.code}</span> {titleOf(h, lang)}
                      </a>
                    </h3>
                    <p class="govuk-body-s vw-meta">
                      <StatusTag ctx={ctx} status={h.status} /> {t('library.doc.version', { version: h.version })} · {t('library.level.n', { n: h.level })} · {kindLabel(ctx, h.kind)}
                    </p>
                    <p class="govuk-body-s" dangerouslySetInnerHTML={{ __html: h.snippet }} />
                  </li>
                ))}
              </ol>
            </>
          ) : (
            list && (
              <>
                <h2 class="govuk-heading-m">{t('common.results', { count: list.total })}</h2>
                <table class="govuk-table vw-doctable">
                  <caption class="govuk-table__caption govuk-visually-hidden">{t('library.title')}</caption>
                  <thead class="govuk-table__head">
                    <tr class="govuk-table__row">
                      <th scope="col" class="govuk-table__header">{t('library.col.document')}</th>
                      <th scope="col" class="govuk-table__header">{t('library.col.level')}</th>
                      <th scope="col" class="govuk-table__header">{t('library.col.inForce')}</th>
                    </tr>
                  </thead>
                  <tbody class="govuk-table__body">
                    {list.items.map((d) => (
                      <tr class="govuk-table__row">
                        <td class="govuk-table__cell">
                          <DocLink ctx={ctx} d={d} />
                          <br />
                          <span class="govuk-body-s vw-meta">
                            {kindLabel(ctx, d.kind)} · {d.issuerAcronym}
                            {d.groupCode ? ` · ${groupName(d.groupCode)}` : ''}
                            {d.role === 'related' ? ` · ${t('library.role.related')}` : ''}
                            {d.audience === 'internal' ? ` · ${t('library.audience.internal')}` : ''}
                          </span>
                        </td>
                        <td class="govuk-table__cell">{d.level}</td>
                        <td class="govuk-table__cell">
                          {d.inForceVersion ? (
                            <>
                              {d.inForceVersion}
                              <br />
                              <span class="govuk-body-s">{ctx.f.date(d.effectiveDate)}</span>
                            </>
                          ) : (
                            d.latestStatus && <StatusTag ctx={ctx} status={d.latestStatus} />
                          )}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
                {pages > 1 && (
                  <nav class="govuk-pagination" aria-label={t('library.pagination')}>
                    {list.page > 1 && (
                      <div class="govuk-pagination__prev">
                        <a class="govuk-link govuk-pagination__link" href={pageLink(ctx, list.page - 1)} rel="prev">
                          {t('common.previous')}
                        </a>
                      </div>
                    )}
                    <p class="govuk-body-s">{t('common.page', { page: list.page, pages })}</p>
                    {list.page < pages && (
                      <div class="govuk-pagination__next">
                        <a class="govuk-link govuk-pagination__link" href={pageLink(ctx, list.page + 1)} rel="next">
                          {t('common.next')}
                        </a>
                      </div>
                    )}
                  </nav>
                )}
              </>
            )
          )}
        </div>
      </div>
    </Layout>
  );
}
