// Errors that carry a message key, so every layer can answer in the caller's language.
// Services throw these; the error handler turns them into a page or RFC 9457 problem+json.
import type { MessageKey } from '../../messages.ts';
import type { Params } from '../i18n/translator.ts';

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly key: MessageKey,
    readonly params?: Params,
    /** Field-level problems for forms and for the API's `errors` member. */
    readonly fields?: Record<string, MessageKey>,
    /** Extra members for problem+json (e.g. the current version on a conflict). */
    readonly extra?: Record<string, unknown>,
  ) {
    super(key);
  }
}

export const notFound = () => new AppError(404, 'error.notFound.title');
export const forbidden = () => new AppError(403, 'error.forbidden.title');
export const invalid = (fields: Record<string, MessageKey>) => new AppError(422, 'error.summary', undefined, fields);
