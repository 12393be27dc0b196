// GOV.UK-style form parts: an error summary that links to each field, and fields that show their
// own error. Every form posts a CSRF token.
import type { ComponentChildren } from 'preact';
import type { PageCtx } from '../context.ts';
import type { MessageKey } from '../../messages.ts';

export type FieldErrors = Record<string, MessageKey>;

export function Csrf({ ctx }: { ctx: PageCtx }) {
  return <input type="hidden" name="_csrf" value={ctx.csrf()} />;
}

/**
 * The error summary at the top of a form. Takes message keys per field, or messages already translated.
 * Each links to its field's control; `idOf` names the control's id when it is not the field's name.
 */
export function ErrorSummary({ ctx, errors, messages, idOf }: { ctx: PageCtx; errors?: FieldErrors; messages?: { field: string; message: string }[]; idOf?: (field: string) => string }) {
  const items = (messages ?? Object.entries(errors ?? {}).map(([field, key]) => ({ field, message: ctx.t(key) }))).map((e) => (idOf ? { ...e, field: idOf(e.field) } : e));
  if (items.length === 0) return null;
  return (
    <div class="govuk-error-summary" data-module="govuk-error-summary">
      <div role="alert">
        <h2 class="govuk-error-summary__title">{ctx.t('error.summary')}</h2>
        <div class="govuk-error-summary__body">
          <ul class="govuk-list govuk-error-summary__list">
            {items.map((e) => (
              <li>
                <a href={`#${e.field}`}>{e.message}</a>
              </li>
            ))}
          </ul>
        </div>
      </div>
    </div>
  );
}

interface FieldProps {
  ctx: PageCtx;
  name: string;
  /** The control's id when `name` is not unique on the page (several forms with the same fields); errors are still looked up by `name`. */
  id?: string;
  label: string;
  hint?: string;
  errors?: FieldErrors;
  value?: string;
  type?: string;
  autocomplete?: string;
  width?: 'full' | '20' | '10' | '5';
  inputmode?: 'numeric' | 'text' | 'email';
  spellcheck?: boolean;
  labelSize?: 'l' | 'm' | 's';
  required?: boolean;
}

/** A field's hint and error message, with the ids its control's aria-describedby names. */
function HintAndError({ ctx, name, hint, err }: { ctx: PageCtx; name: string; hint?: string; err?: MessageKey }) {
  return (
    <>
      {hint && (
        <div id={`${name}-hint`} class="govuk-hint">
          {hint}
        </div>
      )}
      {err && (
        <p id={`${name}-error`} class="govuk-error-message">
          <span class="govuk-visually-hidden">{ctx.lang === 'sw' ? 'Kosa:' : 'Error:'}</span> {ctx.t(err)}
        </p>
      )}
    </>
  );
}

/** Label, hint and error message around one control, wired together for screen readers. */
function Field(p: { ctx: PageCtx; name: string; id?: string; label: string; hint?: string; errors?: FieldErrors; labelSize?: 'l' | 'm' | 's'; children: (describedBy: string | undefined, hasError: boolean) => ComponentChildren }) {
  const err = p.errors?.[p.name];
  const id = p.id ?? p.name;
  const describedBy = [p.hint ? `${id}-hint` : '', err ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div class={`govuk-form-group${err ? ' govuk-form-group--error' : ''}`}>
      <label class={`govuk-label${p.labelSize ? ` govuk-label--${p.labelSize}` : ''}`} for={id}>
        {p.label}
      </label>
      <HintAndError ctx={p.ctx} name={id} hint={p.hint} err={err} />
      {p.children(describedBy, !!err)}
    </div>
  );
}

export function TextInput(p: FieldProps) {
  return (
    <Field {...p}>
      {(describedBy, hasError) => (
        <input
          class={`govuk-input${p.width && p.width !== 'full' ? ` govuk-input--width-${p.width}` : ''}${hasError ? ' govuk-input--error' : ''}`}
          id={p.id ?? p.name}
          name={p.name}
          type={p.type ?? 'text'}
          value={p.value ?? ''}
          autoComplete={p.autocomplete}
          inputMode={p.inputmode}
          spellcheck={p.spellcheck}
          aria-describedby={describedBy}
          required={p.required}
        />
      )}
    </Field>
  );
}

/** A file chooser; `accept` only steers the browser's dialog, the server judges the file by its content. */
export function FileUpload(p: Pick<FieldProps, 'ctx' | 'name' | 'label' | 'hint' | 'errors' | 'labelSize'> & { accept: string }) {
  return (
    <Field {...p}>
      {(describedBy, hasError) => <input class={`govuk-file-upload${hasError ? ' govuk-file-upload--error' : ''}`} id={p.name} name={p.name} type="file" accept={p.accept} aria-describedby={describedBy} />}
    </Field>
  );
}

export function TextArea(p: Omit<FieldProps, 'type' | 'width'> & { rows?: number }) {
  return (
    <Field {...p}>
      {(describedBy, hasError) => (
        <textarea class={`govuk-textarea${hasError ? ' govuk-textarea--error' : ''}`} id={p.id ?? p.name} name={p.name} rows={p.rows ?? 5} aria-describedby={describedBy}>
          {p.value ?? ''}
        </textarea>
      )}
    </Field>
  );
}

export function Select(p: Omit<FieldProps, 'type' | 'width'> & { options: { value: string; label: string }[] }) {
  return (
    <Field {...p}>
      {(describedBy, hasError) => (
        <select class={`govuk-select${hasError ? ' govuk-select--error' : ''}`} id={p.id ?? p.name} name={p.name} aria-describedby={describedBy}>
          {p.options.map((o) => (
            <option value={o.value} selected={o.value === p.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/** A group of checkboxes under one legend (the small GOV.UK style); `values` are the ticked ones. */
export function Checkboxes(p: { ctx: PageCtx; name: string; legend: string; options: { value: string; label: string }[]; values: string[]; errors?: FieldErrors; hint?: string }) {
  const err = p.errors?.[p.name];
  const describedBy = [p.hint ? `${p.name}-hint` : '', err ? `${p.name}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div class={`govuk-form-group${err ? ' govuk-form-group--error' : ''}`}>
      <fieldset class="govuk-fieldset" id={p.name} aria-describedby={describedBy}>
        <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">{p.legend}</legend>
        <HintAndError ctx={p.ctx} name={p.name} hint={p.hint} err={err} />
        <div class="govuk-checkboxes govuk-checkboxes--small" data-module="govuk-checkboxes">
          {p.options.map((o, i) => (
            <div class="govuk-checkboxes__item">
              <input class="govuk-checkboxes__input" id={`${p.name}-${i}`} name={p.name} type="checkbox" value={o.value} checked={p.values.includes(o.value)} />
              <label class="govuk-label govuk-checkboxes__label" for={`${p.name}-${i}`}>
                {o.label}
              </label>
            </div>
          ))}
        </div>
      </fieldset>
    </div>
  );
}

export function Button({ children, secondary, warning, name, value }: { children: ComponentChildren; secondary?: boolean; warning?: boolean; name?: string; value?: string }) {
  return (
    <button type="submit" class={`govuk-button${secondary ? ' govuk-button--secondary' : ''}${warning ? ' govuk-button--warning' : ''}`} data-module="govuk-button" name={name} value={value}>
      {children}
    </button>
  );
}

export function Notice({ ctx, children, success }: { ctx: PageCtx; children: ComponentChildren; success?: boolean }) {
  return (
    <div class={`govuk-notification-banner${success ? ' govuk-notification-banner--success' : ''}`} role={success ? 'alert' : 'region'} aria-labelledby="notice-title">
      <div class="govuk-notification-banner__header">
        <h2 class="govuk-notification-banner__title" id="notice-title">
          {ctx.t(success ? 'common.success' : 'common.important')}
        </h2>
      </div>
      <div class="govuk-notification-banner__content">{children}</div>
    </div>
  );
}

/** Only local paths are followed after sign-in, never another site. */
export function safeNext(next: unknown, fallback = '/'): string {
  if (typeof next !== 'string' || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return fallback;
  return next;
}
