// Module boundaries: a module reaches another only through that module's index.ts, and the
// composition roots (app, server, CLI, the message and audit-event catalogs) through a module's
// entry (module.ts), index.ts, messages or audit events. The platform knows no module. A change that
// reaches into another module's internals fails here with the file and the import named.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

import { root, src, sourceFiles } from './source-files.ts';

/** Every module-relative target a file imports (static, re-export and dynamic imports). */
function moduleImports(file: string, text = fs.readFileSync(file, 'utf8')): { module: string; inner: string; spec: string }[] {
  const out: { module: string; inner: string; spec: string }[] = [];
  for (const m of text.matchAll(/(?:from\s+|import\s*\(\s*|import\s+)'(\.[^']+)'/g)) {
    const target = path.resolve(path.dirname(file), m[1]!);
    const rel = path.relative(path.join(src, 'modules'), target);
    if (rel.startsWith('..') || path.isAbsolute(rel)) continue;
    const [module, ...rest] = rel.split(path.sep);
    out.push({ module: module!, inner: rest.join('/'), spec: m[1]! });
  }
  return out;
}

const ownModule = (file: string) => {
  const rel = path.relative(path.join(src, 'modules'), file);
  return rel.startsWith('..') ? null : rel.split(path.sep)[0]!;
};

test('modules import one another only through index.ts', () => {
  const wrong: string[] = [];
  for (const file of sourceFiles(path.join(src, 'modules'))) {
    const own = ownModule(file);
    for (const imp of moduleImports(file)) {
      if (imp.module !== own && imp.inner !== 'index.ts') wrong.push(`${path.relative(root, file)} imports ${imp.spec}`);
    }
  }
  assert.deepEqual(wrong, [], 'import these from the other module\'s index.ts (add the export there)');
});

test('the platform and web components know no module; composition roots use entries, indexes and messages', () => {
  const wrong: string[] = [];
  for (const file of sourceFiles(src).filter((f) => ownModule(f) === null)) {
    const inPlatform = file.startsWith(path.join(src, 'platform') + path.sep) || file.startsWith(path.join(src, 'web') + path.sep);
    for (const imp of moduleImports(file)) {
      const entry = imp.inner === 'index.ts' || imp.inner === 'module.ts' || imp.inner.endsWith('messages.ts') || imp.inner === 'audit-events.ts';
      if (inPlatform || !entry) wrong.push(`${path.relative(root, file)} imports ${imp.spec}`);
    }
  }
  assert.deepEqual(wrong, []);
});

test('every module has an entry or an index, and this test sees the real tree', () => {
  const modules = fs.readdirSync(path.join(src, 'modules'), { withFileTypes: true }).filter((e) => e.isDirectory());
  assert.ok(modules.length >= 8, 'the module folders are found');
  const missing = modules.filter((m) => !fs.existsSync(path.join(src, 'modules', m.name, 'module.ts')) && !fs.existsSync(path.join(src, 'modules', m.name, 'index.ts')));
  assert.deepEqual(missing.map((m) => m.name), []);
  // The reader finds static, re-export and dynamic imports into another module's internals.
  const probe = moduleImports(
    path.join(src, 'modules', 'reviews', 'probe.ts'),
    "import { a } from '../portfolio/schema.ts';\nexport { b } from '../portfolio/index.ts';\nconst c = await import('../library/seed.ts');\nimport type { D } from '../../platform/context.ts';",
  );
  assert.deepEqual(probe.map((p) => `${p.module}/${p.inner}`), ['portfolio/schema.ts', 'portfolio/index.ts', 'library/seed.ts']);
  assert.ok(moduleImports(path.join(src, 'app.ts')).some((i) => i.inner === 'module.ts'), 'app.ts registers module entries');
});
