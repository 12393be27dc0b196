// "Run the command; when it refuses the input, show the form again with the field errors": the one
// place every page form does this.
import type { FieldErrors } from '../../web/components/forms.tsx';
import { AppError } from './errors.ts';

export type FormOutcome<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors; status: number };

export async function submitForm<T>(run: () => Promise<T>): Promise<FormOutcome<T>> {
  try {
    return { ok: true, value: await run() };
  } catch (err) {
    if (err instanceof AppError && err.fields) return { ok: false, errors: err.fields, status: err.status };
    throw err;
  }
}

/**
 * A submitted form's text values, to show the form again as it was typed. A repeated name (a list)
 * has no one value to show, and the CSRF token is the page's own, so neither is kept.
 */
export function formValues(body: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(body)) if (typeof v === 'string' && k !== '_csrf') out[k] = v;
  return out;
}
