// Writes the configuration table into README.md from the settings declared in src/config.ts.
// Usage: node scripts/config-table.mjs   (src/config.test.ts fails when README.md is out of date)
import fs from 'node:fs';
import { register } from 'tsx/esm/api';

register();
const { configTable } = await import('../src/config.ts');
const readme = fs.readFileSync('README.md', 'utf8');
const start = '<!-- config-table:start -->';
const end = '<!-- config-table:end -->';
const [before, rest] = readme.split(start);
if (rest === undefined || !rest.includes(end)) throw new Error(`README.md needs ${start} … ${end} around the configuration table`);
const after = rest.slice(rest.indexOf(end));
fs.writeFileSync('README.md', `${before}${start}\n${configTable()}\n${after}`);
console.log('README.md configuration table updated');
