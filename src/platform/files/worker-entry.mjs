// Worker threads do not inherit the TypeScript loader that bin/viwango.js registers in the main
// thread; this plain module registers it before loading the worker.
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
