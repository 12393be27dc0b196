// Compliance oversight, scores: the messages of its pages, API and e-mails.
import { defineCatalog } from '../../../platform/i18n/catalog.ts';

export const complianceScoresMessages = defineCatalog({}, {});
