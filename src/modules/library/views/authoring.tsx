// Authoring pages: the workbench and the new-document form (optionally importing a file); the
// sectioned editor is in editor.tsx. Plain forms: every action works without JavaScript.
import type { PageCtx } from '../../../web/context.ts';
import { Layout } from '../../../web/layout.tsx';
import { DataTable } from '../../../web/components/table.tsx';
import type { ArchitectureGroup } from '../../reference/index.ts';
import type { Document, Edition } from '../schema.ts';
import { LEVEL_KINDS } from '../rules.ts';
import { Csrf, ErrMsg, errClass, ErrorSummary, kindLabel, StatusTag, titleOf, type Errors } from './common.tsx';


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
        <DataTable
          caption={t('library.manage.open')}
          rows={rows}
          columns={[
            {
              head: t('library.col.document'),
              cell: ({ doc, edition }) => (
                <a class="govuk-link" href={`/library/manage/editions/${edition.id}`}>
                  <span class="vw-code">{doc.code}</span> {titleOf(doc, lang)}
                </a>
              ),
            },
            { head: t('library.col.version'), cell: ({ edition }) => edition.version },
            { head: t('library.col.status'), cell: ({ edition }) => <StatusTag ctx={ctx} status={edition.status} /> },
          ]}
        />
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
          <form method="post" action="/library/manage/new" enctype="multipart/form-data" novalidate>
            {/* First, so the token is checked before the file is read (platform/http/multipart.ts). */}
            <Csrf ctx={ctx} />
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
