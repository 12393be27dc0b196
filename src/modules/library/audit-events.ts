// The library module's audit events: documents, editions and their lifecycle, comments, subscriptions.
import { defineAuditEvents, event } from '../../platform/audit-events.ts';

/** Every lifecycle move: the edition's code and version, the states, and the reason or superseded edition where there is one. */
export type EditionMove = { code: string; version: string; from: string; to: string; reason?: string; superseded?: string };

export const libraryAuditEvents = defineAuditEvents({ module: 'library', en: 'Standards library', sw: 'Maktaba ya viwango' }, {
  'library.reference.load': event<{ documents: number }>({ entity: 'library', en: 'Reference documents loaded', sw: 'Nyaraka za rejea zimepakiwa' }),
  'library.document.create': event<{ code: string; level: number; kind: string; draft: string }>({ entity: 'library_document', en: 'Document created', sw: 'Nyaraka imeundwa' }),
  'library.document.import': event<{ code: string; file: string; type: string; sha256: string; sections: number }>({ entity: 'library_document', en: 'Document imported from a file', sw: 'Nyaraka imeingizwa kutoka faili' }),
  'library.document.audience': event<{ from: string; to: string }>({ entity: 'library_document', en: 'Document audience changed', sw: 'Hadhira ya nyaraka imebadilishwa' }),
  'library.edition.create': event<{ code: string; version: string; from: string | null }>({ entity: 'library_edition', en: 'Edition created', sw: 'Toleo limeundwa' }),
  'library.edition.save': event<{ code: string; version: string; revision: number }>({ entity: 'library_edition', en: 'Edition saved', sw: 'Toleo limehifadhiwa' }),
  'library.edition.file': event<{ file: string; sha256: string; replaceContent: boolean | undefined }>({ entity: 'library_edition', en: 'Edition file replaced', sw: 'Faili la toleo limebadilishwa' }),
  'library.edition.submit': event<EditionMove>({ entity: 'library_edition', en: 'Edition submitted for review', sw: 'Toleo limewasilishwa kwa mapitio' }),
  'library.edition.return': event<EditionMove>({ entity: 'library_edition', en: 'Edition returned to draft', sw: 'Toleo limerudishwa kuwa rasimu' }),
  'library.edition.approve': event<EditionMove>({ entity: 'library_edition', en: 'Edition approved', sw: 'Toleo limeidhinishwa' }),
  'library.edition.publish': event<EditionMove>({ entity: 'library_edition', en: 'Edition published', sw: 'Toleo limechapishwa', checkpoint: true }),
  'library.edition.withdraw': event<EditionMove>({ entity: 'library_edition', en: 'Edition withdrawn', sw: 'Toleo limeondolewa', checkpoint: true }),
  'library.comment.add': event<{ code: string; version: string }>({ entity: 'library_edition', en: 'Comment added', sw: 'Maoni yameongezwa' }),
  'library.subscription.request': event<{ type: string; target: string }>({ entity: 'library_subscription', en: 'Subscription requested', sw: 'Usajili umeombwa' }),
  'library.subscription.confirm': event<{ type: string; target: string }>({ entity: 'library_subscription', en: 'Subscription confirmed', sw: 'Usajili umethibitishwa' }),
  'library.subscription.remove': event<{ type: string; target: string }>({ entity: 'library_subscription', en: 'Subscription ended', sw: 'Usajili umesitishwa' }),
});
export const audit = libraryAuditEvents.audit;
