// The reviews' pure rules: completeness, costs that add up, the working-day clock with weekends,
// holidays and clarifications, the checklist and value-for-money scores, decisions and clauses.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { changesBetween, checklistScore, completeness, costProblems, decisionProblems, dueDate, parseClauses, requirementApplies, slaAction, valueForMoney, workingDaysUsed, type ProposalFacts } from './rules.ts';
import { OUTCOMES } from './schema.ts';

const years = (capex: number[], opex: number[]) => capex.map((c, i) => ({ year: i + 1, capex: c, opex: opex[i] }));
const full: ProposalFacts = {
  systemName: 'Records Management System', problem: 'Paper files get lost.', objectives: 'Digital files.', capabilities: ['ADM.REC'], options: 'e-Office considered.', scope: 'All offices.',
  integrations: 'GovESB', hosting: 'govdc', dataDescription: 'Letters and files.', standards: 'Interoperability standard.', costs: years([100, 0, 0, 0, 0], [10, 10, 10, 10, 10]),
  capexTotal: 100, opexTotal: 50, fundingSource: 'Budget', timeline: '12 months', benefits: 'Faster', risks: 'Adoption', usersCount: 300,
};

test('a complete proposal with its three attachments has nothing missing; a missing attachment is named', () => {
  assert.deepEqual(completeness('project', full, ['concept_note', 'business_case', 'requirements']), []);
  const missing = completeness('project', full, ['concept_note', 'requirements']);
  assert.deepEqual(missing.map((m) => m.key), ['reviews.missing.attachment.business_case']);
  const blank = completeness('project', { ...full, problem: ' ', capabilities: [], hosting: null }, ['concept_note', 'business_case', 'requirements']);
  assert.deepEqual(blank.map((m) => m.field), ['problem', 'capabilities', 'hosting']);
});

test('costs must add up: totals equal the sum of the five years', () => {
  assert.deepEqual(costProblems(full.costs, 100, 50), {});
  assert.deepEqual(costProblems(full.costs, 120, 50), { capexTotal: 'reviews.field.capexTotal' });
  assert.deepEqual(costProblems(full.costs, 100, 49), { opexTotal: 'reviews.field.opexTotal' });
  assert.deepEqual(costProblems(years([-1, 0, 0, 0, 0], [0, 0, 0, 0, 0]), 0, 0), { capex1: 'reviews.field.cost' });
  assert.equal(completeness('project', { ...full, capexTotal: 999 }, ['concept_note', 'business_case', 'requirements'])[0].key, 'reviews.missing.costsAddUp');
});

test('working days skip weekends and public holidays', () => {
  const none = new Set<string>();
  // Friday 2026-12-04 → the 5th working day is Friday 2026-12-11 without holidays …
  assert.equal(dueDate('2026-12-04', 5, none), '2026-12-11');
  // … and Monday 2026-12-14 when Independence Day (Wednesday 9 December) is a holiday.
  assert.equal(dueDate('2026-12-04', 5, new Set(['2026-12-09'])), '2026-12-14');
  assert.equal(workingDaysUsed('2026-12-04', '2026-12-11', none), 5);
  assert.equal(workingDaysUsed('2026-12-04', '2026-12-11', new Set(['2026-12-09'])), 4);
  // 20 working days from 2026-04-01 with Good Friday, Easter Monday and Karume Day.
  assert.equal(dueDate('2026-04-01', 20, new Set(['2026-04-03', '2026-04-06', '2026-04-07'])), '2026-05-04');
});

test('a clarification stops the clock: its days are not counted, and an open one leaves no deadline', () => {
  const h = new Set<string>();
  // Asked Monday 7 Dec, answered Wednesday 9 Dec: Tuesday and Wednesday do not count.
  assert.equal(dueDate('2026-12-04', 5, h, [{ from: '2026-12-07', to: '2026-12-09' }]), '2026-12-15');
  assert.equal(workingDaysUsed('2026-12-04', '2026-12-11', h, [{ from: '2026-12-07', to: '2026-12-09' }]), 3);
  assert.equal(dueDate('2026-12-04', 5, h, [{ from: '2026-12-07', to: null }]), null);
});

test('reminder shortly before the deadline, escalation once after it', () => {
  const h = new Set<string>();
  assert.equal(slaAction({ due: '2026-12-31', today: '2026-12-01', reminded: false, escalated: false, holidays: h }), null);
  assert.equal(slaAction({ due: '2026-12-31', today: '2026-12-28', reminded: false, escalated: false, holidays: h }), 'remind');
  assert.equal(slaAction({ due: '2026-12-31', today: '2026-12-28', reminded: true, escalated: false, holidays: h }), null);
  assert.equal(slaAction({ due: '2026-12-31', today: '2027-01-04', reminded: true, escalated: false, holidays: h }), 'escalate');
  assert.equal(slaAction({ due: '2026-12-31', today: '2027-01-04', reminded: true, escalated: true, holidays: h }), null);
});

test('checklist score weighs green 1, amber ½, red 0 over the rated criteria', () => {
  const crit = [{ code: 'a', weight: 30 }, { code: 'b', weight: 10 }];
  assert.equal(checklistScore(crit, []), null);
  assert.equal(checklistScore(crit, [{ criterion: 'a', rating: 'green' }, { criterion: 'b', rating: 'red' }]), 75);
  assert.equal(checklistScore(crit, [{ criterion: 'a', rating: 'amber' }]), 50);
});

test('value for money: five-year TCO, cost per user, the shared alternative and a score with its deductions', () => {
  const v = valueForMoney({ costs: years([450_000_000, 80_000_000, 0, 0, 0], [30_000_000, 40_000_000, 40_000_000, 40_000_000, 40_000_000]), usersCount: 400, sharedOverlap: 0.8, otherOverlap: 0.7 });
  assert.equal(v.tco, 720_000_000);
  assert.equal(v.costPerUser, 1_800_000);
  assert.equal(v.sharedAlternative, 55_000_000);
  assert.equal(v.saving, 665_000_000);
  assert.deepEqual(v.deductions.map((d) => [d.key, d.points]), [['reviews.vfm.d.shared', 37], ['reviews.vfm.d.duplicate', 20], ['reviews.vfm.d.perUser', 15]]);
  assert.equal(v.score, 28);
  const clean = valueForMoney({ costs: years([10_000_000, 0, 0, 0, 0], [1_000_000, 1_000_000, 1_000_000, 1_000_000, 1_000_000]), usersCount: 1000, sharedOverlap: null, otherOverlap: null });
  assert.equal(clean.score, 100);
  assert.equal(clean.sharedAlternative, null);
});

test('a decision needs reasons, and conditions go with an approval on conditions only', () => {
  assert.deepEqual(decisionProblems('approved', '', [], OUTCOMES), { reasons: 'reviews.field.reasons' });
  assert.deepEqual(decisionProblems('approved_with_conditions', 'ok', [], OUTCOMES), { conditions: 'reviews.field.conditionsNeeded' });
  assert.deepEqual(decisionProblems('rejected', 'dup', ['use e-Office'], OUTCOMES), { conditions: 'reviews.field.conditionsOnlyWith' });
  assert.deepEqual(decisionProblems('approved_with_conditions', 'ok', ['use e-Office'], OUTCOMES), {});
  assert.deepEqual(decisionProblems('maybe', 'ok', [], OUTCOMES), { outcome: 'reviews.field.outcome' });
});

test('what changed between two submissions, field by field', () => {
  assert.deepEqual(changesBetween({ title: 'A', capexTotal: 10, attachments: ['x'] }, { title: 'A', capexTotal: 12, attachments: ['x', 'y'] }), [
    { field: 'capexTotal', from: '10', to: '12' },
    { field: 'attachments', from: '["x"]', to: '["x","y"]' },
  ]);
});

test('clauses are read from pasted text by their numbers', () => {
  assert.deepEqual(parseClauses('Preamble\n1 Purpose.\n  continues here\n2.1) Hosting in GovDC.\n\n3.2.1 Passwords.'), [
    { number: '0', text: 'Preamble' },
    { number: '1', text: 'Purpose. continues here' },
    { number: '2.1', text: 'Hosting in GovDC.' },
    { number: '3.2.1', text: 'Passwords.' },
  ]);
});

test('a system requirement applies when its conditions take in the planned system', () => {
  const planned = { institutionType: 'executive_agency', sector: 'Identity', personalData: true, govesb: true, integrates: true, publicFacing: true, hosting: 'govdc' };
  assert.equal(requirementApplies({}, planned), true);
  assert.equal(requirementApplies({ system: { personalData: true } }, planned), true);
  assert.equal(requirementApplies({ system: { personalData: false } }, planned), false);
  assert.equal(requirementApplies({ system: { hosting: ['commercial_cloud'] } }, planned), false);
  assert.equal(requirementApplies({ institutionTypes: ['ministry'] }, planned), false);
});
