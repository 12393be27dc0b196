// Schemas of the library's path parameters, shared by the pages and the API: a document is named
// by its slug or its code (eGA/EXT/APA/001, URL-encoded), an edition by its version number.
import { CODE_PATTERN, VERSION_PATTERN } from './rules.ts';
import { Pattern } from '../../platform/http/schemas.ts';

export const DocRef = () => Pattern(CODE_PATTERN, 64, 'ega-ext-apa-001', { description: 'Slug or code of the document' });
export const Version = () => Pattern(VERSION_PATTERN, 20, '1.0');
