// The OSCAL 1.0.6 documents Viwango writes, built from plain rows (no database here): the catalog of
// requirements, a closed cycle's assessment results and an institution's plan of action and
// milestones. Every identifier is a UUID v5 of a stable name (rules.ts stableUuid), so exporting the
// same data twice gives the same document. The queries that feed these are in
// export.ts; the shared parts are in parts.ts, each document in its own file.
export * from './parts.ts';
export * from './catalog.ts';
export * from './assessment-results.ts';
export * from './poam.ts';
