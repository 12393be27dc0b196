// Types for scripts/build.mjs, which bin/viwango.js and bench/startup.ts import.
export const buildDir: string;
export function freshBuild(): string | undefined;
export function build(): Promise<number>;
