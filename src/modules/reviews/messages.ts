// Reviews of ICT project proposals and institutional ICT documents: messages.
import { defineCatalog } from '../../platform/i18n/catalog.ts';

export const reviewsMessages = defineCatalog({}, {});
