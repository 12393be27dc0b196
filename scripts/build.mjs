// Compiles the TypeScript sources to JavaScript ahead of time (after `npm install`), so `viwango`
// starts without loading a compiler: about 40 MiB less memory and seconds less start time than
// running the sources through tsx (decision 0010). The output mirrors the repository under
// node_modules/.cache/viwango, with links to the folders the code reads at run time.
// bin/viwango.js uses it only while no source file is newer; otherwise it runs the sources via tsx.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const buildDir = path.join(root, 'node_modules', '.cache', 'viwango');
const stamp = path.join(buildDir, '.built');
const LINKED = ['migrations', 'seeds', 'public', 'package.json'];

function sources() {
  return fs
    .readdirSync(path.join(root, 'src'), { recursive: true })
    .filter((f) => /\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f))
    .map((f) => path.join(root, 'src', f));
}

/** The compiled entry point, or undefined when there is none or a source changed after it was built. */
export function freshBuild() {
  let built;
  try {
    built = fs.statSync(stamp).mtimeMs;
  } catch {
    return undefined;
  }
  for (const f of sources()) if (fs.statSync(f).mtimeMs > built) return undefined;
  return path.join(buildDir, 'src', 'cli', 'main.js');
}

export async function build() {
  const { build: esbuild } = await import('esbuild');
  const startedAt = new Date();
  const files = sources();
  fs.rmSync(buildDir, { recursive: true, force: true });
  fs.mkdirSync(buildDir, { recursive: true });
  await esbuild({
    entryPoints: files,
    outdir: path.join(buildDir, 'src'),
    outbase: path.join(root, 'src'),
    format: 'esm',
    platform: 'node',
    target: 'node20',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    logLevel: 'warning',
  });
  // Sources import each other as './x.ts'; the compiled files are './x.js'.
  for (const f of files) {
    const js = path.join(buildDir, path.relative(root, f)).replace(/\.tsx?$/, '.js');
    fs.writeFileSync(js, fs.readFileSync(js, 'utf8').replace(/(['"])(\.{1,2}\/[^'"]+)\.tsx?\1/g, '$1$2.js$1'));
  }
  for (const name of LINKED) fs.symlinkSync(path.join(root, name), path.join(buildDir, name));
  // Stamped with the start time, so a source saved while this ran counts as newer.
  fs.writeFileSync(stamp, startedAt.toISOString());
  fs.utimesSync(stamp, startedAt, startedAt);
  return files.length;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const started = performance.now();
  const n = await build();
  console.log(`viwango: ${n} source files compiled in ${Math.round(performance.now() - started)} ms`);
}
