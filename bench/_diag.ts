import { buildIndex, detect, candidatePairs } from '../src/modules/portfolio/overlap/engine.ts';
import { generateRegistry, pairLabel } from './portfolio-data.ts';
const t = (process.argv[2] ?? 'a') as 'a' | 'b';
const reg = generateRegistry({ institutions: 700, systems: 10000, seed: 1, templates: t });
const index = buildIndex(reg.systems);
const df = index.postings.map((l, i) => [index.featureNames[i], l.length] as const).sort((a, b) => b[1] - a[1]).slice(0, 25);
console.log('top df', df.map((d) => d.join('=')).join(' '), 'active', index.active);
const byId = new Map(reg.systems.map((s) => [s.id, s]));
const { clusters } = detect(index);
const fp = new Map<string, number>(); const fpEx = new Map<string, string>();
const inst = (id: string) => byId.get(id)!.institutionId;
const pred = new Set<string>();
for (const c of clusters) for (let x = 0; x < c.members.length; x++) for (let y = x + 1; y < c.members.length; y++) {
  const a = c.members[x], b = c.members[y]; if (inst(a) === inst(b)) continue;
  const l = pairLabel(a, b); pred.add(l);
  if (!reg.truth.has(l)) { const k = [reg.jobOf.get(a), reg.jobOf.get(b)].sort().join(' ~ '); fp.set(k, (fp.get(k) ?? 0) + 1); fpEx.set(k, `${byId.get(a)!.name} | ${byId.get(b)!.name}`); }
}
console.log('FP by job pair'); for (const [k, n] of [...fp].sort((a, b) => b[1] - a[1]).slice(0, 20)) console.log(n, k, '::', fpEx.get(k));
const fn = new Map<string, number>(); const fnEx = new Map<string, string>();
for (const l of reg.truth) if (!pred.has(l)) { const [a, b] = l.split('|'); const k = reg.jobOf.get(a)!; fn.set(k, (fn.get(k) ?? 0) + 1); fnEx.set(k, `${byId.get(a)!.name} [${byId.get(a)!.purpose ?? ''}] | ${byId.get(b)!.name} [${byId.get(b)!.purpose ?? ''}]`); }
console.log('FN by job'); for (const [k, n] of [...fn].sort((a, b) => b[1] - a[1]).slice(0, 20)) console.log(n, k, '::', fnEx.get(k));
