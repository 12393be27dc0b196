import { buildIndex, candidatePairs, TUNING } from '../src/modules/portfolio/overlap/engine.ts';
import { generateRegistry, pairLabel } from './portfolio-data.ts';
const reg = generateRegistry({ institutions: 700, systems: 10000, seed: 1, templates: 'a' });
const index = buildIndex(reg.systems);
const sc = candidatePairs(index, 0.3);
const SHIFT = 4_194_304;
const byId = new Map(reg.systems.map((s) => [s.id, s]));
const buckets: Record<string, [number, number]> = {};
const fp = new Map<string, [number, string]>();
for (const [k, s] of sc) {
  const i = Math.floor(k / SHIFT), j = k % SHIFT;
  const a = index.entries[i]!.sys.id, b = index.entries[j]!.sys.id;
  const pos = reg.truth.has(pairLabel(a, b));
  const bk = (Math.floor(s * 20) / 20).toFixed(2);
  buckets[bk] ??= [0, 0]; buckets[bk][pos ? 0 : 1]++;
  if (!pos && s >= 0.55) { const key = [reg.jobOf.get(a), reg.jobOf.get(b)].sort().join('~'); const v = fp.get(key) ?? [0, '']; fp.set(key, [v[0] + 1, `${s.toFixed(2)} ${byId.get(a)!.name} [${byId.get(a)!.purpose}] {${byId.get(a)!.capabilities}} | ${byId.get(b)!.name} [${byId.get(b)!.purpose}] {${byId.get(b)!.capabilities}}`]); }
}
console.log(Object.entries(buckets).sort().map(([k, [p, n]]) => `${k}: +${p} -${n}`).join('\n'));
for (const [k, [n, ex]] of [...fp].sort((a, b) => b[1][0] - a[1][0]).slice(0, 12)) console.log(n, k, ex);
