// The sectioned editor of a draft, and the workflow actions beside it. Plain forms: every action
// works without JavaScript.
import type { PageCtx } from '../../../web/context.ts';
import { Layout } from '../../../web/layout.tsx';
import type { Document, Edition, Section } from '../schema.ts';
import { Csrf, docHref, ErrMsg, errClass, ErrorSummary, kindLabel, StatusTag, titleOf, type Errors } from './common.tsx';
import { SectionsView } from './DocumentPage.tsx';
import type { EditionAction } from '../access.ts';

export interface EditorProps {
  ctx: PageCtx;
  doc: Document;
  edition: Edition;
  content: Section[];
  revision: number;
  meta: { version: string; changeSummary: string; authoritativeLang: string; nextReviewDate: string };
  comments: { authorName: string; body: string; createdAt: Date }[];
  /** What the caller may do to this edition now (access.ts editionPolicy). */
  can: Record<EditionAction, boolean>;
  errors?: Errors;
  conflict?: { theirs: Edition };
  saved?: boolean;
}

export function EditorPage(p: EditorProps) {
  const { ctx, doc, edition } = p;
  const { t, lang } = ctx;
  const editable = p.can.edit;
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
      {p.can.submit && (
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
      {p.can.approve && p.can.return && (
        <div class="govuk-button-group">
          <Simple path="approve" label={t('library.editor.approve')} />
          <Simple path="return" label={t('library.editor.return')} warn />
        </div>
      )}
      {p.can.publish && (
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
      {p.can.comment && (
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
