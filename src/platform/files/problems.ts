// Why an uploaded file was refused. Each reason has one message (messages.ts) in both languages;
// the worker sends the reason across the thread boundary and the caller turns it into an AppError.
import { AppError } from '../http/errors.ts';
import type { MessageKey } from '../../messages.ts';

export type FileProblem = 'empty' | 'tooLarge' | 'wrongType' | 'polyglot' | 'corrupt' | 'zipBomb' | 'tooDemanding' | 'badName';

export class FileProblemError extends Error {
  constructor(readonly problem: FileProblem) {
    super(`file refused: ${problem}`);
  }
}

/** The 4xx a refused file gets: 413 for size (as the body limit answers), otherwise 422 on the `file` field. */
export function fileRefusal(problem: FileProblem, wrongTypeKey?: MessageKey): AppError {
  if (problem === 'tooLarge') return new AppError(413, 'error.tooLarge.title');
  const key: MessageKey = problem === 'wrongType' && wrongTypeKey ? wrongTypeKey : `files.${problem}`;
  return new AppError(422, 'error.summary', undefined, { file: key });
}
