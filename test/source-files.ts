// The project's source files, for tests that read the code itself (module boundaries, route shape,
// the audit-event catalog): every .ts and .tsx under src/, without tests and test fixtures.
import fs from 'node:fs';
import path from 'node:path';

export const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
export const src = path.join(root, 'src');

export function sourceFiles(dir: string = src, out: string[] = []): string[] {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) sourceFiles(p, out);
    else if (/\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) && !/\.fixture\.ts$/.test(e.name)) out.push(p);
  }
  return out;
}
