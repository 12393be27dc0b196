#!/usr/bin/env node
// Entry for the `viwango` command. Runs the TypeScript sources through tsx so a fresh clone
// needs no build step.
import { register } from 'tsx/esm/api';
register();
await import('../src/cli/main.ts');
