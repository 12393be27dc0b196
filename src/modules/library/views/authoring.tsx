// Authoring pages: the workbench, the new-document form (optionally importing a file) and the
// sectioned editor. Plain forms: every action works without JavaScript.
import type { PageCtx } from '../../../web/context.ts';
import { Layout } from '../../../web/layout.tsx';
import type { ArchitectureGroup } from '../../reference/reference.service.ts';
import type { Document, Edition, Section } from '../schema.ts';
import { LEVEL_KINDS } from '../rules.ts';
import { Csrf, docHref, ErrorSummary, kindLabel, StatusTag, titleOf } from './common.tsx';
import { SectionsView } from './DocumentPage.tsx';

type Errors = { field: string; message: string }[] | undefined;
const errClass = (errors: Errors, f: string) => (errors?.some((e) => e.field === f) ? ' govuk-form-group--error' : '');
const ErrMsg = ({ errors, f }: { errors: Errors; f: string }) => {
  const e = errors?.find((x) => x.field === f);
  return e ? <p class="govuk-error-message">{e.message}</p> : null;
};

export function ManagePage({ ctx, rows, canCreate }: { ctx: PageCtx; rows: { doc: Document; edition: Edition }[]; canCreate: boolean }) {
  const { t, lang } = ctx;
  return (
    <Layout ctx={ctx} title={t('library.manage.title')}>
      <h1 class="govuk-heading-xl">{t('library.manage.title')}</h1>
      <p class="govuk-body-l">{t('library.manage.lead')}</p>
      {canCreate && (
        <a class="govuk-button" href="/library/manage/new">{t('library.new.title')}</a>
      )}
      <h2 class="govuk-heading-m">{t('library.manage.open')}</h2>
      {rows.length === 0 && <p class="govuk-body">{t('common.none')}</p>}
      {rows.length > 0 && (
        <table class="govuk-table">
          <caption class="govuk-table__caption govuk-visually-hidden">{t('library.manage.open')}</caption>
          <thead class="govuk-table__head">
            <tr class="govuk-table__row">
              <th scope="col" class="govuk-table__header">{t('library.col.document')}</th>
              <th scope="col" class="govuk-table__header">{t('library.col.version')}</th>
              <th scope="col" class="govuk-table__header">{t('library.col.status')}</th>
            </tr>
          </thead>
          <tbody class="govuk-table__body">
            {rows.map(({ doc, edition }) => (
              <tr class="govuk-table__row">
                <td class="govuk-table__cell">
                  <a class="govuk-link" href={`/library/manage/editions/${edition.id}`}>
                    <span class="vw-code">{doc.code}</span> {titleOf(doc, lang)}
                  </a>
                </td>
                <td class="govuk-table__cell">{edition.version}</td>
                <td class="govuk-table__cell"><StatusTag ctx={ctx} status={edition.status} /></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Layout>
  );
}

export interface NewDocOptions {
  groups: ArchitectureGroup[];
  issuers: { id: string; acronym: string; nameSw: string; nameEn: string }[];
  templates: { editionId: string; label: string }[];
}

export function NewDocumentPage({ ctx, opts, values, errors }: { ctx: PageCtx; opts: NewDocOptions; values: Record<string, string>; errors?: Errors }) {
  const { t, lang } = ctx;
  const v = values;
  const kinds = [...new Set<string>([...LEVEL_KINDS[1], ...LEVEL_KINDS[2], ...LEVEL_KINDS[3]])];
  const Text = ({ name, label, hint, width }: { name: string; label: string; hint?: string; width?: string }) => (
    <div class={`govuk-form-group${errClass(errors, name)}`}>
      <label class="govuk-label" for={name}>{label}</label>
      {hint && <div class="govuk-hint" id={`${name}-hint`}>{hint}</div>}
      <ErrMsg errors={errors} f={name} />
      <input class={`govuk-input ${width ?? ''}`} id={name} name={name} value={v[name] ?? ''} aria-describedby={hint ? `${name}-hint` : undefined} />
    </div>
  );
  return (
    <Layout ctx={ctx} title={t('library.new.title')}>
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <ErrorSummary ctx={ctx} errors={errors} />
          <h1 class="govuk-heading-xl">{t('library.new.title')}</h1>
          <p class="govuk-body">{t('library.new.lead')}</p>
          <form method="post" action={`/library/manage/new?_csrf=${encodeURIComponent(ctx.csrf())}`} enctype="multipart/form-data" novalidate>
            <div class={`govuk-form-group${errClass(errors, 'issuer')}`}>
              <label class="govuk-label" for="issuer">{t('library.field.issuerLabel')}</label>
              <ErrMsg errors={errors} f="issuer" />
              <select class="govuk-select" id="issuer" name="issuer">
                {opts.issuers.map((i) => <option value={i.id} selected={v.issuer === i.id}>{i.acronym} – {lang === 'sw' ? i.nameSw : i.nameEn}</option>)}
              </select>
            </div>
            <Text name="code" label={t('library.field.codeLabel')} hint={t('library.field.codeHint')} width="govuk-input--width-20" />
            <div class={`govuk-form-group${errClass(errors, 'level')}`}>
              <label class="govuk-label" for="level">{t('library.filter.level')}</label>
              <ErrMsg errors={errors} f="level" />
              <select class="govuk-select" id="level" name="level">
                {[1, 2, 3].map((l) => <option value={String(l)} selected={v.level === String(l)}>{t('library.level.n', { n: l })} – {t(`library.level.${l as 1 | 2 | 3}.name`)}</option>)}
              </select>
            </div>
            <div class={`govuk-form-group${errClass(errors, 'kind')}`}>
              <label class="govuk-label" for="kind">{t('library.filter.kind')}</label>
              <ErrMsg errors={errors} f="kind" />
              <select class="govuk-select" id="kind" name="kind">
                {kinds.map((k) => <option value={k} selected={v.kind === k}>{kindLabel(ctx, k)}</option>)}
              </select>
            </div>
            <Text name="titleSw" label={t('library.field.titleSw')} />
            <Text name="titleEn" label={t('library.field.titleEn')} />
            <div class="govuk-form-group">
              <label class="govuk-label" for="summarySw">{t('library.field.summarySw')} {t('common.optional')}</label>
              <textarea class="govuk-textarea" id="summarySw" name="summarySw" rows={3}>{v.summarySw ?? ''}</textarea>
            </div>
            <div class="govuk-form-group">
              <label class="govuk-label" for="summaryEn">{t('library.field.summaryEn')} {t('common.optional')}</label>
              <textarea class="govuk-textarea" id="summaryEn" name="summaryEn" rows={3}>{v.summaryEn ?? ''}</textarea>
            </div>
            <div class={`govuk-form-group${errClass(errors, 'groupCode')}`}>
              <label class="govuk-label" for="groupCode">{t('library.filter.group')}</label>
              <ErrMsg errors={errors} f="groupCode" />
              <select class="govuk-select" id="groupCode" name="groupCode">
                <option value="">{t('library.filter.any')}</option>
                {opts.groups.map((g) => <option value={g.code} selected={v.groupCode === g.code}>{lang === 'sw' ? g.nameSw : g.nameEn}</option>)}
              </select>
            </div>
            <Text name="parent" label={`${t('library.field.parentLabel')} ${t('common.optional')}`} hint={t('library.field.parentHint')} width="govuk-input--width-20" />
            <Text name="sector" label={`${t('library.filter.sector')} ${t('common.optional')}`} hint={t('library.field.sectorHint')} width="govuk-input--width-20" />
            <Text name="implements" label={`${t('library.doc.implements')} ${t('common.optional')}`} hint={t('library.field.implementsHint')} />
            <div class={`govuk-form-group${errClass(errors, 'templateEditionId')}`}>
              <label class="govuk-label" for="templateEditionId">{t('library.field.templateLabel')} {t('common.optional')}</label>
              <ErrMsg errors={errors} f="templateEditionId" />
              <select class="govuk-select" id="templateEditionId" name="templateEditionId">
                <option value="">{t('library.field.noTemplate')}</option>
                {opts.templates.map((x) => <option value={x.editionId} selected={v.templateEditionId === x.editionId}>{x.label}</option>)}
              </select>
            </div>
            <div class="govuk-form-group">
              <label class="govuk-label" for="audience">{t('library.doc.audience')}</label>
              <select class="govuk-select" id="audience" name="audience">
                <option value="">{t('library.field.audienceDefault')}</option>
                <option value="public" selected={v.audience === 'public'}>{t('library.audience.public')}</option>
                <option value="internal" selected={v.audience === 'internal'}>{t('library.audience.internal')}</option>
              </select>
            </div>
            <Text name="version" label={t('library.col.version')} width="govuk-input--width-5" />
            <div class={`govuk-form-group${errClass(errors, 'file')}`}>
              <label class="govuk-label govuk-label--s" for="file">{t('library.import.file')} {t('common.optional')}</label>
              <div class="govuk-hint" id="file-hint">{t('library.import.hint')}</div>
              <ErrMsg errors={errors} f="file" />
              <input class="govuk-file-upload" id="file" name="file" type="file" accept=".pdf,.docx,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document" aria-describedby="file-hint" />
            </div>
            <button type="submit" class="govuk-button">{t('library.new.submit')}</button>
          </form>
        </div>
      </div>
    </Layout>
  );
}

export interface EditorProps {
  ctx: PageCtx;
  doc: Document;
  edition: Edition;
  content: Section[];
  revision: number;
  meta: { version: string; changeSummary: string; authoritativeLang: string; nextReviewDate: string };
  comments: { authorName: string; body: string; createdAt: Date }[];
  can: { author: boolean; approve: boolean; comment: boolean };
  errors?: Errors;
  conflict?: { theirs: Edition };
  saved?: boolean;
}

export function EditorPage(p: EditorProps) {
  const { ctx, doc, edition } = p;
  const { t, lang } = ctx;
  const editable = edition.status === 'draft' && p.can.author;
  const action = `/library/manage/editions/${edition.id}`;
  return (
    <Layout ctx={ctx} title={`${t('library.editor.title')} ${doc.code} ${edition.version}`}>
      <ErrorSummary ctx={ctx} errors={p.errors} />
      {p.saved && <div class="govuk-notification-banner govuk-notification-banner--success" role="alert"><div class="govuk-notification-banner__content"><p class="govuk-notification-banner__heading">{t('library.editor.saved')}</p></div></div>}
      <span class="govuk-caption-l"><a class="govuk-link" href={docHref(doc.slug)}>{doc.code}</a> · {kindLabel(ctx, doc.kind)}</span>
      <h1 class="govuk-heading-xl">{titleOf(doc, lang)}</h1>
      <p class="govuk-body"><StatusTag ctx={ctx} status={edition.status} /> {t('library.doc.version', { version: edition.version })}</p>
      {edition.statusReason && edition.status === 'draft' && <div class="govuk-inset-text">{t('library.editor.returned', { reason: edition.statusReason })}</div>}
      {p.conflict && (
        <div class="govuk-error-summary" role="alert">
          <h2 class="govuk-error-summary__title">{t('library.conflict.title')}</h2>
          <div class="govuk-error-summary__body"><p class="govuk-body">{t('library.conflict.body')}</p></div>
        </div>
      )}
      {p.conflict && (
        <details class="govuk-details" open>
          <summary class="govuk-details__summary"><span class="govuk-details__summary-text">{t('library.conflict.theirs', { revision: p.conflict.theirs.revision })}</span></summary>
          <div class="govuk-details__text">
            <p class="govuk-body">{t('library.col.version')}: {p.conflict.theirs.version}</p>
            <SectionsView ctx={ctx} content={p.conflict.theirs.content} lang={lang} />
          </div>
        </details>
      )}
      {editable ? (
        <form method="post" action={action} novalidate>
          <Csrf ctx={ctx} />
          <input type="hidden" name="revision" value={String(p.revision)} />
          {p.conflict && <h2 class="govuk-heading-m">{t('library.conflict.yours')}</h2>}
          <div class="govuk-grid-row">
            <div class="govuk-grid-column-one-quarter">
              <div class={`govuk-form-group${errClass(p.errors, 'version')}`}>
                <label class="govuk-label" for="version">{t('library.col.version')}</label>
                <ErrMsg errors={p.errors} f="version" />
                <input class="govuk-input" id="version" name="version" value={p.meta.version} />
              </div>
            </div>
            <div class="govuk-grid-column-one-quarter">
              <div class="govuk-form-group">
                <label class="govuk-label" for="authoritativeLang">{t('library.editor.authoritative')}</label>
                <select class="govuk-select" id="authoritativeLang" name="authoritativeLang">
                  <option value="sw" selected={p.meta.authoritativeLang === 'sw'}>Kiswahili</option>
                  <option value="en" selected={p.meta.authoritativeLang === 'en'}>English</option>
                </select>
              </div>
            </div>
            <div class="govuk-grid-column-one-half">
              <div class={`govuk-form-group${errClass(p.errors, 'nextReviewDate')}`}>
                <label class="govuk-label" for="nextReviewDate">{t('library.doc.nextReview')} {t('common.optional')}</label>
                <div class="govuk-hint" id="nrd-hint">{t('library.editor.dateHint')}</div>
                <ErrMsg errors={p.errors} f="nextReviewDate" />
                <input class="govuk-input govuk-input--width-10" id="nextReviewDate" name="nextReviewDate" type="date" value={p.meta.nextReviewDate} aria-describedby="nrd-hint" />
              </div>
            </div>
          </div>
          <div class="govuk-form-group">
            <label class="govuk-label" for="changeSummary">{t('library.doc.changeSummary')}</label>
            <textarea class="govuk-textarea" id="changeSummary" name="changeSummary" rows={2}>{p.meta.changeSummary}</textarea>
          </div>
          {p.content.map((s, i) => (
            <fieldset class="govuk-fieldset vw-editor-section" aria-describedby={`s${i}-legend`}>
              <legend class="govuk-fieldset__legend govuk-fieldset__legend--m" id={`s${i}-legend`}>{t('library.editor.section', { n: i + 1 })}</legend>
              <input type="hidden" name={`s${i}_id`} value={s.id} />
              <div class="govuk-grid-row">
                <div class="govuk-grid-column-one-half">
                  <div class="govuk-form-group">
                    <label class="govuk-label" for={`s${i}_hsw`}>{t('library.editor.headingSw')}</label>
                    <input class="govuk-input" id={`s${i}_hsw`} name={`s${i}_hsw`} value={s.headingSw} lang="sw" />
                  </div>
                </div>
                <div class="govuk-grid-column-one-half">
                  <div class="govuk-form-group">
                    <label class="govuk-label" for={`s${i}_hen`}>{t('library.editor.headingEn')}</label>
                    <input class="govuk-input" id={`s${i}_hen`} name={`s${i}_hen`} value={s.headingEn} lang="en" />
                  </div>
                </div>
              </div>
              {s.clauses.map((c, j) => (
                <div class="vw-editor-clause">
                  <input type="hidden" name={`s${i}_c${j}_id`} value={c.id} />
                  <p class="govuk-body govuk-!-font-weight-bold">{t('library.editor.clause', { n: `${i + 1}.${j + 1}` })}</p>
                  <div class="govuk-grid-row">
                    <div class="govuk-grid-column-one-half">
                      <div class="govuk-form-group">
                        <label class="govuk-label" for={`s${i}_c${j}_sw`}>{t('library.editor.textSw')}</label>
                        <textarea class="govuk-textarea" id={`s${i}_c${j}_sw`} name={`s${i}_c${j}_sw`} rows={3} lang="sw">{c.textSw}</textarea>
                      </div>
                    </div>
                    <div class="govuk-grid-column-one-half">
                      <div class="govuk-form-group">
                        <label class="govuk-label" for={`s${i}_c${j}_en`}>{t('library.editor.textEn')}</label>
                        <textarea class="govuk-textarea" id={`s${i}_c${j}_en`} name={`s${i}_c${j}_en`} rows={3} lang="en">{c.textEn}</textarea>
                      </div>
                    </div>
                  </div>
                  <button type="submit" name="op" value={`removeClause:${i}:${j}`} class="govuk-button govuk-button--warning govuk-button--small vw-small">{t('library.editor.removeClause', { n: `${i + 1}.${j + 1}` })}</button>
                </div>
              ))}
              <div class="govuk-button-group">
                <button type="submit" name="op" value={`addClause:${i}`} class="govuk-button govuk-button--secondary">{t('library.editor.addClause', { n: i + 1 })}</button>
                <button type="submit" name="op" value={`removeSection:${i}`} class="govuk-button govuk-button--warning">{t('library.editor.removeSection', { n: i + 1 })}</button>
              </div>
            </fieldset>
          ))}
          <div class="govuk-button-group vw-sticky-actions">
            <button type="submit" name="op" value="save" class="govuk-button">{p.conflict ? t('library.conflict.keepMine') : t('common.save')}</button>
            <button type="submit" name="op" value="addSection" class="govuk-button govuk-button--secondary">{t('library.editor.addSection')}</button>
          </div>
        </form>
      ) : (
        <>
          <h2 class="govuk-heading-l">{t('library.doc.contents')}</h2>
          <SectionsView ctx={ctx} content={edition.content} lang={lang} />
        </>
      )}
      <Workflow {...p} />
    </Layout>
  );
}

function Workflow(p: EditorProps) {
  const { ctx, edition } = p;
  const { t } = ctx;
  const base = `/library/manage/editions/${edition.id}`;
  const Simple = ({ path, label, warn }: { path: string; label: string; warn?: boolean }) => (
    <form method="post" action={`${base}/${path}`} class="vw-inline">
      <Csrf ctx={ctx} />
      <button type="submit" class={`govuk-button ${warn ? 'govuk-button--warning' : ''}`}>{label}</button>
    </form>
  );
  return (
    <div class="vw-workflow">
      <h2 class="govuk-heading-l">{t('library.editor.workflow')}</h2>
      {edition.status === 'draft' && p.can.author && (
        <>
          <p class="govuk-body">{t('library.editor.submitHint')}</p>
          <Simple path="submit" label={t('library.editor.submit')} />
          <form method={'post'} action={`${base}/file?_csrf=${encodeURIComponent(ctx.csrf())}`} enctype="multipart/form-data" class="vw-box">
            <h3 class="govuk-heading-s">{t('library.editor.attach')}</h3>
            <div class="govuk-form-group">
              <label class="govuk-label" for="attach-file">{t('library.import.file')}</label>
              <div class="govuk-hint" id="attach-hint">{t('library.import.hint')}</div>
              <input class="govuk-file-upload" id="attach-file" name="file" type="file" aria-describedby="attach-hint" />
            </div>
            <div class="govuk-checkboxes govuk-checkboxes--small govuk-form-group">
              <div class="govuk-checkboxes__item">
                <input class="govuk-checkboxes__input" id="replace" name="replace" type="checkbox" value="1" />
                <label class="govuk-label govuk-checkboxes__label" for="replace">{t('library.editor.replaceContent')}</label>
              </div>
            </div>
            <button type="submit" class="govuk-button govuk-button--secondary">{t('library.editor.upload')}</button>
          </form>
        </>
      )}
      {edition.status === 'in_review' && p.can.approve && (
        <div class="govuk-button-group">
          <Simple path="approve" label={t('library.editor.approve')} />
          <Simple path="return" label={t('library.editor.return')} warn />
        </div>
      )}
      {edition.status === 'approved' && p.can.approve && (
        <form method="post" action={`${base}/publish`} class="vw-box">
          <Csrf ctx={ctx} />
          <h3 class="govuk-heading-m">{t('library.editor.publish')}</h3>
          <div class="govuk-form-group">
            <label class="govuk-label" for="effectiveDate">{t('library.editor.effectiveDate')}</label>
            <div class="govuk-hint" id="ed-hint">{t('library.editor.dateHint')}</div>
            <input class="govuk-input govuk-input--width-10" id="effectiveDate" name="effectiveDate" type="date" aria-describedby="ed-hint" />
          </div>
          <div class="govuk-form-group">
            <label class="govuk-label" for="reason">{t('library.editor.supersedeReason')}</label>
            <div class="govuk-hint" id="reason-hint">{t('library.editor.supersedeHint')}</div>
            <textarea class="govuk-textarea" id="reason" name="reason" rows={2} aria-describedby="reason-hint" />
          </div>
          <button type="submit" class="govuk-button">{t('library.editor.publish')}</button>
        </form>
      )}
      {(edition.status === 'in_review' || edition.status === 'approved' || edition.status === 'draft') && p.can.comment && (
        <section aria-labelledby="comments-h">
          <h2 class="govuk-heading-m" id="comments-h">{t('library.editor.comments')}</h2>
          {p.comments.length === 0 && <p class="govuk-body">{t('common.none')}</p>}
          <ul class="govuk-list vw-comments">
            {p.comments.map((c) => (
              <li><strong>{c.authorName}</strong> <span class="govuk-body-s">{ctx.f.dateTime(c.createdAt)}</span><br />{c.body}</li>
            ))}
          </ul>
          <form method="post" action={`${base}/comments`}>
            <Csrf ctx={ctx} />
            <div class="govuk-form-group">
              <label class="govuk-label" for="comment">{t('library.editor.addComment')}</label>
              <textarea class="govuk-textarea" id="comment" name="body" rows={3} />
            </div>
            <button type="submit" class="govuk-button govuk-button--secondary">{t('library.editor.postComment')}</button>
          </form>
        </section>
      )}
    </div>
  );
}

/** On the document page of an issuer: start a new edition, or withdraw the one in force. */
export function IssuerActions({ ctx, doc, inForce, canAuthor, canApprove }: { ctx: PageCtx; doc: Document; inForce: Edition | null; canAuthor: boolean; canApprove: boolean }) {
  const { t } = ctx;
  if (!canAuthor && !canApprove) return null;
  return (
    <div class="vw-box">
      <h2 class="govuk-heading-m">{t('library.manage.issuerActions')}</h2>
      {canAuthor && (
        <form method="post" action={`/library/manage/documents/${doc.slug}/editions`}>
          <Csrf ctx={ctx} />
          <button type="submit" class="govuk-button govuk-button--secondary">{t('library.editor.newEdition')}</button>
        </form>
      )}
      {canApprove && inForce && (
        <form method="post" action={`/library/manage/editions/${inForce.id}/withdraw`}>
          <Csrf ctx={ctx} />
          <div class="govuk-form-group">
            <label class="govuk-label" for="withdraw-reason">{t('library.editor.withdrawReason')}</label>
            <textarea class="govuk-textarea" id="withdraw-reason" name="reason" rows={2} />
          </div>
          <button type="submit" class="govuk-button govuk-button--warning">{t('library.editor.withdraw', { version: inForce.version })}</button>
        </form>
      )}
    </div>
  );
}
