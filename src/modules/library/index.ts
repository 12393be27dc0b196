// What other modules may use of the standards library.
export { loadLibraryReference } from './seed.ts';
export { loadLibraryDemo } from './demo.ts';
// For compliance requirements, which are taken from the clauses of in-force editions.
export { documents, editions, type Document, type Edition, type Section } from './schema.ts';
export { readsInternal, internalScope } from './access.ts';
export { words, redline, type Part, type ClauseDiff } from './diff.ts';
export { Parts } from './views/common.tsx';
export { onEditionInForce, type InForceListener } from './in-force.ts';
// Test factories (issue 8): documents through the real command, for any module's tests.
export { buildDocument } from './testing.ts';
