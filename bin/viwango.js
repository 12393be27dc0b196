#!/usr/bin/env node
// Entry for the `viwango` command. Runs the JavaScript compiled at install (scripts/build.mjs) when
// it is up to date with the sources, and otherwise the TypeScript sources through tsx, so a fresh
// clone or an edited source needs no build step.
import { freshBuild } from '../scripts/build.mjs';

const compiled = freshBuild();
if (compiled) {
  await import(compiled);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli/main.ts');
}
