// Every module's message catalog, merged. Add a module's catalog here when it is created.
import { defineCatalog, type Lang } from './platform/i18n/catalog.ts';
import { interpolate, formatters, type Params } from './platform/i18n/translator.ts';
import { webMessages } from './web/messages.ts';
import { filesMessages } from './platform/files/messages.ts';
import { siteMessages } from './modules/site/messages.ts';
import { identityMessages } from './modules/identity/messages.ts';
import { apiDocsMessages } from './modules/apidocs/messages.ts';
import { libraryMessages } from './modules/library/messages.ts';
import { adminMessages } from './modules/admin/messages.ts';
import { portfolioMessages } from './modules/portfolio/messages.ts';
import { portfolioImportMessages } from './modules/portfolio/import.messages.ts';
import { complianceMessages } from './modules/compliance/messages.ts';
import { complianceRequirementsMessages } from './modules/compliance/requirements/messages.ts';
import { complianceAssessmentsMessages } from './modules/compliance/assessments/messages.ts';
import { complianceOversightMessages } from './modules/compliance/oversight/messages.ts';
import { complianceScoresMessages } from './modules/compliance/scores/messages.ts';
import { complianceOscalMessages } from './modules/compliance/oscal/messages.ts';
import { reviewsMessages } from './modules/reviews/messages.ts';

export const catalogs = {
  web: webMessages,
  files: filesMessages,
  site: siteMessages,
  identity: identityMessages,
  apidocs: apiDocsMessages,
  library: libraryMessages,
  admin: adminMessages,
  portfolio: portfolioMessages,
  portfolioImport: portfolioImportMessages,
  compliance: complianceMessages,
  complianceRequirements: complianceRequirementsMessages,
  complianceAssessments: complianceAssessmentsMessages,
  complianceOversight: complianceOversightMessages,
  complianceScores: complianceScoresMessages,
  complianceOscal: complianceOscalMessages,
  reviews: reviewsMessages,
};

type Catalogs = typeof catalogs;
export type MessageKey = { [C in keyof Catalogs]: keyof Catalogs[C]['en'] }[keyof Catalogs] & string;

const merged: Record<Lang, Record<string, string>> = {
  en: Object.assign({}, ...Object.values(catalogs).map((c) => c.en)),
  sw: Object.assign({}, ...Object.values(catalogs).map((c) => c.sw)),
};
export type T = (key: MessageKey, params?: Params) => string;

export function translator(lang: Lang): T {
  const table = merged[lang];
  return (key, params) => interpolate(table[key] ?? key, params);
}

export { formatters, defineCatalog };
export type { Lang };
