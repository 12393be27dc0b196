// The audit-event catalog holds every action the code writes or looks up: each module's catalog is
// in the list the audit browser reads, nothing bypasses the catalogs to write entries, and every
// action code named in the source (a recorder call or an SQL lookup) is declared.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { auditCatalogs, auditEvents, auditEventOf } from '../src/audit-events.ts';

import { root, src, sourceFiles } from './source-files.ts';
const files = sourceFiles(src).map((f) => ({ rel: path.relative(root, f), text: fs.readFileSync(f, 'utf8') }));

test('every module that declares audit events is in the list the audit browser reads', () => {
  const declaring = fs
    .readdirSync(path.join(src, 'modules'))
    .filter((m) => fs.existsSync(path.join(src, 'modules', m, 'audit-events.ts')))
    .sort();
  const listed = auditCatalogs.map((c) => c.module).filter((m) => m !== 'platform').sort();
  assert.deepEqual(listed, declaring);
});

test('entries are written only through a catalog', () => {
  const direct = files.filter((f) => f.rel !== 'src/platform/audit-events.ts' && /\brecordAudit\s*\(/.test(f.text) && f.rel !== 'src/platform/audit.ts').map((f) => f.rel);
  assert.deepEqual(direct, [], 'call audit(ctx, event, …) of the module’s audit-events.ts instead');
});

test('every action code named in the source is declared', () => {
  const named = new Set<string>();
  for (const f of files) {
    // audit(target, 'name', …) and the names in conditional expressions passed to it.
    for (const m of f.text.matchAll(/\baudit\(\s*[^,]+,\s*([^{]+?),\s*\{/g)) for (const s of m[1].matchAll(/'([a-z0-9_]+(?:\.[a-zA-Z0-9_]+)+)'/g)) named.add(s[1]);
    // SQL that reads the trail by action.
    for (const m of f.text.matchAll(/action\s*(?:=|IN\s*\()\s*'([a-z0-9_]+\.[a-zA-Z0-9_.]+)'/gi)) named.add(m[1]);
  }
  assert.ok(named.size > 50, `the scan found the call sites (${named.size})`);
  assert.deepEqual([...named].filter((n) => !auditEventOf(n)), []);
});

test('every declared event has a label in both languages and names its entity', () => {
  for (const e of auditEvents) {
    assert.ok(e.label.en.trim() && e.label.sw.trim(), `${e.name} is labelled in both languages`);
    assert.notEqual(e.label.en, e.label.sw, `${e.name} has a Kiswahili label of its own`);
    assert.match(e.entity, /^[a-z_]+$/, `${e.name} names its entity`);
  }
  for (const c of auditCatalogs) assert.ok(c.en.trim() && c.sw.trim() && c.en !== c.sw, `module ${c.module} is named in both languages`);
});
