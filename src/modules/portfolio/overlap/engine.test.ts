import { test } from 'node:test';
import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import { addSystem, buildIndex, checkOne, clusterId, describeReason, detect, removeSystem, type Cluster, type OverlapSystem } from './engine.ts';
import { generateRegistry, pairLabel } from '../../../../bench/portfolio-data.ts';

let n = 0;
function sys(institutionId: string, name: string, extra: Partial<OverlapSystem> = {}): OverlapSystem {
  n++;
  return { id: `s${n}`, institutionId, code: `C${n}`, name, capabilities: [], isShared: false, usesSharedSystemId: null, lifecycle: 'production', ...extra };
}

const together = (clusters: Cluster[], a: OverlapSystem, b: OverlapSystem) => clusters.some((c) => c.members.includes(a.id) && c.members.includes(b.id));

test('the same job in Kiswahili and English at two institutions is one cluster; within one institution it is not', () => {
  const a = sys('A', 'Human Resource Management Information System', { capabilities: ['HR.CORE'] });
  const b = sys('B', 'Mfumo wa Taarifa za Watumishi', { purpose: 'Kutunza taarifa za watumishi, ajira na likizo.' });
  const a2 = sys('A', 'Staff Records System');
  const { clusters } = detect(buildIndex([a, b, a2]));
  assert.ok(together(clusters, a, b));
  const pairs = clusters.flatMap((c) => c.pairs);
  assert.ok(!pairs.some((p) => [p.a, p.b].includes(a.id) && [p.a, p.b].includes(a2.id)), 'no pair within one institution');
  const c = clusters.find((x) => x.members.includes(a.id))!;
  assert.ok(c.score > 0 && c.score <= 1);
  assert.ok(c.reasons.some((r) => r.kind === 'same_concepts' && r.concepts.includes('hr')));
});

test('hard negatives: similar words, different job, are not clustered', () => {
  const pairs: [string, string][] = [
    ['Student Loan Management System', 'Loan Board Public Website'],
    ['Health Insurance Claims System', 'Health Facility Management System'],
    ['Revenue Collection System', 'Revenue Forecasting System'],
    ['Mfumo wa Usajili wa Ardhi', 'Business Registration System'],
    ['Fisheries Licensing System', 'Fisheries Statistics Database'],
  ];
  const systems = pairs.flatMap(([x, y]) => [sys('P', x), sys('Q', y)]);
  const { clusters } = detect(buildIndex(systems));
  for (let k = 0; k < systems.length; k += 2) assert.ok(!together(clusters, systems[k], systems[k + 1]), `${systems[k].name} vs ${systems[k + 1].name}`);
});

test('a use of a shared system is reuse; an own system doing its job overlaps the shared system', () => {
  const shared = sys('MOH', 'GoT-HoMIS', { isShared: true, purpose: 'Patient registration, billing, pharmacy and records in health facilities.', capabilities: ['HLT.FAC'] });
  const use1 = sys('D1', 'GoT-HoMIS', { usesSharedSystemId: shared.id, capabilities: ['HLT.FAC'] });
  const use2 = sys('D2', 'GoT-HoMIS Wilaya', { usesSharedSystemId: shared.id, capabilities: ['HLT.FAC'] });
  const own = sys('D3', 'Hospital Management Information System', { purpose: 'Patient registration, pharmacy and billing in our hospitals.', capabilities: ['HLT.FAC'] });
  // Other jobs around them, so that word weights are those of a registry rather than of two records.
  const background = ['Fleet Management System', 'Mfumo wa Mishahara', 'E-Procurement', 'Institutional Website', 'Complaints Handling', 'Land Registration', 'Examination Results', 'Internal Audit'].map((name, k) => sys(`B${k}`, name));
  const index = buildIndex([shared, use1, use2, own, ...background]);
  const { clusters } = detect(index);
  const cluster = clusters.find((c) => c.members.includes(shared.id));
  assert.ok(cluster);
  assert.deepEqual(cluster.members, [shared.id, own.id].sort());
  assert.ok(!clusters.some((c) => c.members.includes(use1.id) || c.members.includes(use2.id)));
  assert.equal(cluster.capability, 'HLT.FAC');
  assert.ok(cluster.reasons.some((r) => r.kind === 'overlaps_shared_system' && r.systemId === shared.id));
  assert.deepEqual(checkOne(index, { ...use1, id: 'new', institutionId: 'D9' }), [], 'registering a use needs no advice');
  const advice = checkOne(index, sys('D9', 'Mfumo wa Usimamizi wa Hospitali', { purpose: 'Usajili wa wagonjwa na dawa hospitalini.' }));
  assert.deepEqual(advice.map((m) => m.id).sort(), [shared.id, own.id].sort());
  assert.ok(advice.find((m) => m.id === shared.id)!.isShared);
  assert.ok(advice.every((m, k) => k === 0 || advice[k - 1].score >= m.score));
});

test('retired systems are left out', () => {
  const a = sys('A', 'Procurement Management System');
  const b = sys('B', 'Mfumo wa Manunuzi', { lifecycle: 'retired' });
  const c = sys('C', 'E-Procurement System');
  const { clusters } = detect(buildIndex([a, b, c]));
  assert.ok(together(clusters, a, c));
  assert.ok(!clusters.some((x) => x.members.includes(b.id)));
});

test('decisions: not an overlap removes the pair and does not chain; confirmed always appears', () => {
  const a = sys('A', 'Procurement Management System');
  const b = sys('B', 'Mfumo wa Manunuzi');
  const c = sys('C', 'E-Procurement System');
  const x = sys('X', 'Fleet Management System');
  const y = sys('Y', 'Mfumo wa Mishahara');
  const index = buildIndex([a, b, c, x, y]);
  assert.ok(together(detect(index).clusters, a, c));
  const { clusters } = detect(index, [
    { a: a.id, b: c.id, verdict: 'not_overlap' },
    { a: x.id, b: y.id, verdict: 'confirmed' },
  ]);
  assert.ok(!together(clusters, a, c), 'a and c never share a cluster, even through b');
  assert.ok(!clusters.flatMap((k) => k.pairs).some((p) => [p.a, p.b].sort().join() === [a.id, c.id].sort().join()));
  const confirmed = clusters.find((k) => k.members.includes(x.id));
  assert.ok(confirmed && confirmed.members.includes(y.id));
  assert.ok(confirmed.reasons.some((r) => r.kind === 'decision' && r.verdict === 'confirmed'));
});

test('cluster ids depend on members only: the same registry in another order gives the same clusters', () => {
  const reg = generateRegistry({ institutions: 60, systems: 600, seed: 3 });
  const one = detect(buildIndex(reg.systems)).clusters;
  const two = detect(buildIndex([...reg.systems].reverse())).clusters;
  assert.ok(one.length > 5);
  assert.deepEqual(one.map((c) => c.id).sort(), two.map((c) => c.id).sort());
  assert.equal(clusterId(['b', 'a']), clusterId(['a', 'b']));
  assert.notEqual(clusterId(['a', 'b']), clusterId(['a', 'c']));
});

test('incremental add and remove change what reuse advice finds', () => {
  const a = sys('A', 'Complaints Handling System');
  const index = buildIndex([a, sys('B', 'Fleet Management System')]);
  const probe = sys('Z', 'Mfumo wa Malalamiko na Mrejesho');
  assert.equal(checkOne(index, probe)[0]?.id, a.id);
  removeSystem(index, a.id);
  assert.deepEqual(checkOne(index, probe), []);
  const c = sys('C', 'Grievance Management System');
  addSystem(index, c);
  assert.equal(checkOne(index, probe)[0]?.id, c.id);
});

test('on a labelled registry clusters are mostly right and one check stays fast', () => {
  const reg = generateRegistry({ institutions: 200, systems: 3000, seed: 5 });
  const index = buildIndex(reg.systems);
  const { clusters } = detect(index);
  const inst = new Map(reg.systems.map((s) => [s.id, s.institutionId]));
  let tp = 0;
  let predicted = 0;
  for (const c of clusters) {
    for (let x = 0; x < c.members.length; x++) {
      for (let y = x + 1; y < c.members.length; y++) {
        if (inst.get(c.members[x]) === inst.get(c.members[y])) continue;
        predicted++;
        if (reg.truth.has(pairLabel(c.members[x], c.members[y]))) tp++;
      }
    }
  }
  assert.ok(tp / predicted >= 0.85, `precision ${tp / predicted}`);
  assert.ok(tp / reg.truth.size >= 0.6, `recall ${tp / reg.truth.size}`);
  const probe = reg.systems.find((s) => !s.isShared && !s.usesSharedSystemId && s.lifecycle !== 'retired')!;
  checkOne(index, { ...probe, id: 'warm' });
  const t = performance.now();
  const advice = checkOne(index, { ...probe, id: 'new', institutionId: 'elsewhere' }, 5);
  assert.ok(performance.now() - t < 50);
  assert.ok(advice.length > 0 && advice.length <= 5);
  assert.ok(advice.every((m, k) => k === 0 || advice[k - 1].score >= m.score));
});

test('reasons read in both languages', () => {
  const r = { kind: 'same_concepts' as const, concepts: ['procurement', 'contract'] };
  assert.equal(describeReason(r, 'en'), 'Both are about procurement and contracts');
  assert.equal(describeReason(r, 'sw'), 'Yote yanahusu manunuzi na mikataba');
  assert.match(describeReason({ kind: 'acronym', acronym: 'hrmis', expands: 'Human Resource Management Information System' }, 'sw'), /HRMIS ni kifupisho/);
});
