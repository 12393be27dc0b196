// File names come from the uploader and go back out in Content-Disposition headers and audit
// entries. A name that tries something (a path, a line break to split headers, a direction override
// to disguise its extension, a quote to end the header value) is refused at upload; names are
// still made safe again on the way out (RFC 6266 with an RFC 8187 `filename*`).
import { FileProblemError } from './problems.ts';

const CONTROL = /[\u0000-\u001f\u007f-\u009f]/u;
// Bidirectional embeddings, overrides and isolates, and the marks that steer them.
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;
const RESERVED = /["/\\<>:*?|]/;
const MAX_NAME_BYTES = 255;

/** Checks an uploaded file's name and returns it normalised (NFC, trimmed). Throws FileProblemError('badName'). */
export function checkFileName(raw: string): string {
  const name = raw.normalize('NFC').trim();
  if (CONTROL.test(name) || BIDI.test(name) || RESERVED.test(name)) throw new FileProblemError('badName');
  if (name === '.' || name === '..' || Buffer.byteLength(name) > MAX_NAME_BYTES) throw new FileProblemError('badName');
  return name;
}

/** A name safe anywhere it is shown: anything odd becomes `_`, no leading dots, at most 120 characters. */
export function safeFileName(raw: string, fallback = 'file'): string {
  const cleaned = [...raw.normalize('NFC')]
    .map((c) => (CONTROL.test(c) || BIDI.test(c) || RESERVED.test(c) ? '_' : c))
    .join('')
    .replace(/\s+/g, ' ')
    .replace(/^[.\s]+/, '')
    .trim();
  if (!cleaned) return fallback;
  const chars = [...cleaned];
  if (chars.length <= 120) return cleaned;
  const ext = /\.[\p{L}\p{N}]{1,8}$/u.exec(cleaned)?.[0] ?? '';
  return chars.slice(0, 120 - ext.length).join('') + ext;
}

// RFC 8187: everything but attr-chars is percent-encoded as UTF-8.
const extValue = (s: string) => encodeURIComponent(s).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** A Content-Disposition value: an ASCII `filename` for old clients and the exact name in `filename*`. */
export function contentDisposition(name: string, type: 'attachment' | 'inline' = 'attachment'): string {
  const safe = safeFileName(name);
  const ascii = safe.replace(/[^\x20-\x7e]/g, '_').replace(/[%]/g, '_');
  return `${type}; filename="${ascii}"; filename*=UTF-8''${extValue(safe)}`;
}
