// Route shape: a handler's input is typed by its route's TypeBox schema, never by a cast. Module route
// plugins receive `App` (src/platform/http/app.ts: the instance with the TypeBox type provider), so
// `req.params`, `req.query` and `req.body` already have their schema's static types; a cast would
// claim a shape nobody checked. A change that casts the input again fails here, with the line named.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

import { root, src, sourceFiles } from './source-files.ts';

const INPUT = String.raw`\b(?:req|request)\.(?:body|query|params)\b`;
const RULES: { what: string; re: RegExp; modulesOnly?: boolean }[] = [
  // req.body as X, (req.query as X).y
  { what: 'casts the request input', re: new RegExp(String.raw`${INPUT}\s+as\b`) },
  // (req.body ?? {}) as X, (req.body ?? other) as X
  { what: 'casts the request input', re: new RegExp(String.raw`\(\s*${INPUT}[^;()]*\)\s*as\b`) },
  // app.get<{ Params: … }>(…): a hand-written type instead of the schema's
  { what: 'types a route by hand instead of by its schema', re: /\bapp\.(?:get|post|put|patch|delete|head|route)<\{\s*(?:Params|Querystring|Body)\b/ },
  // a route plugin on the untyped instance
  { what: 'takes an untyped FastifyInstance as a route plugin', re: /\basync function \w+\(app: FastifyInstance\)/, modulesOnly: true },
];

function findings(file: string): string[] {
  const rel = path.relative(root, file);
  const inModule = rel.startsWith('src/modules/');
  const out: string[] = [];
  fs.readFileSync(file, 'utf8')
    .split('\n')
    .forEach((line, i) => {
      for (const r of RULES) if ((!r.modulesOnly || inModule) && r.re.test(line)) out.push(`${rel}:${i + 1} ${r.what}: ${line.trim().slice(0, 120)}`);
    });
  return out;
}

test('no route reads its input through a cast or a hand-written route type', () => {
  const bad = sourceFiles(src).flatMap(findings);
  assert.deepEqual(bad, []);
});

test('the guard sees the casts it is meant to refuse', () => {
  const probe = (line: string) => RULES.some((r) => r.re.test(line));
  for (const line of [
    'const b = req.body as Form;',
    "const q = (req.query as Record<string, unknown>).page;",
    'const b = (req.body ?? {}) as Record<string, unknown>;',
    "await run((request.params as { id: string }).id);",
    "app.post<{ Params: { id: string } }>('/x/:id', opts, handler);",
    'export async function routes(app: FastifyInstance) {',
  ]) assert.ok(probe(line), line);
  for (const line of ['const b = req.body;', 'const body: unknown = req.body;', 'const { filter } = parseAuditFilter(req.query);']) assert.ok(!probe(line), line);
});
