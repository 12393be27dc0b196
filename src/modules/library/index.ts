// What other modules may use of the standards library.
export { loadLibraryReference } from './seed.ts';
export { loadLibraryDemo } from './demo.ts';
