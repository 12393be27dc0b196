import { performance } from 'node:perf_hooks';
import { buildIndex, detect, TUNING } from '../src/modules/portfolio/overlap/engine.ts';
import { generateRegistry, pairLabel } from './portfolio-data.ts';
const t = (process.argv[2] ?? 'a') as 'a' | 'b';
const reg = generateRegistry({ institutions: 700, systems: 10000, seed: t === 'a' ? 1 : 2, templates: t });
const inst = new Map(reg.systems.map((s) => [s.id, s.institutionId]));
const grid = JSON.parse(process.argv[3] ?? '[{}]') as Partial<typeof TUNING>[];
for (const g of grid) {
  Object.assign(TUNING, g);
  const index = buildIndex(reg.systems);
  const t0 = performance.now();
  const { clusters } = detect(index);
  const ms = performance.now() - t0;
  const pred = new Set<string>();
  for (const c of clusters) for (let x = 0; x < c.members.length; x++) for (let y = x + 1; y < c.members.length; y++) if (inst.get(c.members[x]) !== inst.get(c.members[y])) pred.add(pairLabel(c.members[x], c.members[y]));
  let tp = 0; for (const p of pred) if (reg.truth.has(p)) tp++;
  console.log(JSON.stringify(g), 'P', (tp / pred.size).toFixed(3), 'R', (tp / reg.truth.size).toFixed(3), 'ms', ms.toFixed(0), 'clusters', clusters.length);
}
