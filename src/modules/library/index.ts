// What other modules may use of the standards library.
export { loadLibraryReference } from './seed.ts';
export { loadLibraryDemo } from './demo.ts';
export { redline, type ClauseDiff, type Part } from './diff.ts';
