// Multipart forms: the fields before the first file are read up front, so the guard can check the
// CSRF token they carry (forms put it first) before any file byte is consumed; the route then reads
// the rest with readMultipartForm. The token never needs to travel in the URL.
import type { FastifyRequest } from 'fastify';
import type { Multipart } from '@fastify/multipart';

interface PartsState {
  fields: Record<string, string>;
  iterator: AsyncIterator<Multipart>;
  next: IteratorResult<Multipart> | undefined;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Multipart parts read so far (set by readLeadingFields). */
    multipartState?: PartsState;
  }
}

export const isMultipart = (req: FastifyRequest) => /^multipart\/form-data\b/i.test(req.headers['content-type'] ?? '');

/** Reads the fields that come before the first file (bounded by the multipart limits) and keeps the rest for the route. */
export async function readLeadingFields(req: FastifyRequest): Promise<Record<string, string>> {
  if (req.multipartState) return req.multipartState.fields;
  const iterator = req.parts()[Symbol.asyncIterator]();
  const fields: Record<string, string> = {};
  let next = await iterator.next();
  while (!next.done && next.value.type === 'field') {
    fields[next.value.fieldname] = String(next.value.value ?? '');
    next = await iterator.next();
  }
  req.multipartState = { fields, iterator, next };
  return fields;
}

export interface FormFile {
  buffer: Buffer;
  filename: string;
}

/** The whole form: its fields and its one file (absent when none was chosen). */
export async function readMultipartForm(req: FastifyRequest): Promise<{ fields: Record<string, string>; file?: FormFile }> {
  await readLeadingFields(req);
  const state = req.multipartState!;
  const fields = { ...state.fields };
  let file: FormFile | undefined;
  for (let r = state.next; r && !r.done; r = await state.iterator.next()) {
    const part = r.value;
    if (part.type === 'file') {
      const buffer = await part.toBuffer();
      if (buffer.length > 0) file = { buffer, filename: part.filename };
    } else fields[part.fieldname] = String(part.value ?? '');
  }
  state.next = undefined;
  return { fields, file };
}
