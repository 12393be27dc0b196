import { test } from 'node:test';
import assert from 'node:assert/strict';
import { catalogs } from '../src/messages.ts';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

test('every message exists in both Kiswahili and English, with the same placeholders', () => {
  const problems: string[] = [];
  for (const [name, cat] of Object.entries(catalogs)) {
    const en = cat.en as Record<string, string>;
    const sw = cat.sw as Record<string, string>;
    for (const k of Object.keys(en)) if (!(k in sw)) problems.push(`${name}: "${k}" has no Kiswahili text`);
    for (const k of Object.keys(sw)) if (!(k in en)) problems.push(`${name}: "${k}" has no English text`);
    for (const k of Object.keys(en)) {
      if (k in sw) {
        if (!en[k].trim() || !sw[k].trim()) problems.push(`${name}: "${k}" is empty`);
        if (placeholders(en[k]).join() !== placeholders(sw[k]).join()) problems.push(`${name}: "${k}" placeholders differ`);
      }
    }
  }
  assert.deepEqual(problems, []);
});

test('no message key is defined by two catalogs', () => {
  const owner = new Map<string, string>();
  const clashes: string[] = [];
  for (const [name, cat] of Object.entries(catalogs)) {
    for (const k of Object.keys(cat.en)) {
      if (owner.has(k)) clashes.push(`${k} in ${owner.get(k)} and ${name}`);
      owner.set(k, name);
    }
  }
  assert.deepEqual(clashes, []);
});

test('Kiswahili text is not a copy of the English text for sentences', () => {
  const same: string[] = [];
  for (const [name, cat] of Object.entries(catalogs)) {
    const en = cat.en as Record<string, string>;
    const sw = cat.sw as Record<string, string>;
    for (const k of Object.keys(en)) if (en[k].split(' ').length > 3 && en[k] === sw[k]) same.push(`${name}: ${k}`);
  }
  assert.deepEqual(same, []);
});
