import { test } from 'node:test';
import assert from 'node:assert/strict';
import { editProblem, implementsProblem, issuingProblem, parentProblem, reasonProblem, sectorProblem, slugOf, transitionProblem, defaultAudience } from './rules.ts';
import { normalise, queryTerms, snippet } from './text.ts';
import { redline } from './diff.ts';
import { applyOp, contentFromForm, contentFromParagraphs, parseOp } from './content.ts';
import { reconcile } from './seed.ts';

const po = { acronym: 'PO-PSMGG', type: 'ministry' };
const moh = { acronym: 'MoH', type: 'ministry' };
const ega = { acronym: 'e-GA', type: 'public_authority' };
const nida = { acronym: 'NIDA', type: 'public_authority' };

test('who may issue which level and kind', () => {
  assert.equal(issuingProblem(po, 1, 'policy_guideline'), null);
  assert.equal(issuingProblem(po, 1, 'sector_guideline'), null);
  assert.equal(issuingProblem(moh, 1, 'sector_guideline'), null);
  assert.equal(issuingProblem(moh, 1, 'policy_guideline'), 'library.rule.ministrySectoralOnly');
  assert.equal(issuingProblem(ega, 1, 'policy_guideline'), 'library.rule.level1Issuer');
  assert.equal(issuingProblem(ega, 2, 'technical_standard'), null);
  assert.equal(issuingProblem(po, 2, 'technical_standard'), 'library.rule.level2Issuer');
  assert.equal(issuingProblem(ega, 3, 'template'), null);
  assert.equal(issuingProblem(nida, 3, 'template'), 'library.rule.templateIssuer');
  assert.equal(issuingProblem(nida, 3, 'policy'), null);
  assert.equal(issuingProblem(nida, 2, 'policy'), 'library.rule.kindNotAtLevel');
  assert.equal(issuingProblem(po, 1, 'legislation'), 'library.rule.referenceOnly');
});

test('parents at the same level, sectors for sectoral guidelines, implements only from level 3 to levels 1–2', () => {
  assert.equal(parentProblem(2, { level: 2 }), null);
  assert.equal(parentProblem(3, { level: 2 }), 'library.rule.parentSameLevel');
  assert.equal(sectorProblem('sector_guideline', ''), 'library.rule.sectorRequired');
  assert.equal(sectorProblem('sector_guideline', 'health'), null);
  assert.equal(implementsProblem(3, [{ level: 2 }, { level: 1 }]), null);
  assert.equal(implementsProblem(2, [{ level: 1 }]), 'library.rule.implementsLevel3');
  assert.equal(implementsProblem(3, [{ level: 3 }]), 'library.rule.implementsTarget');
  assert.equal(defaultAudience(3, 'policy'), 'internal');
  assert.equal(defaultAudience(3, 'template'), 'public');
});

test('lifecycle: publish needs approval, only drafts are edited, withdrawing needs a reason', () => {
  assert.equal(transitionProblem('publish', 'draft'), 'library.rule.publishNotApproved');
  assert.equal(transitionProblem('publish', 'approved'), null);
  assert.equal(transitionProblem('submit', 'in_force'), 'library.rule.badTransition');
  assert.equal(editProblem('in_force'), 'library.rule.inForceNotEditable');
  assert.equal(editProblem('draft'), null);
  assert.equal(reasonProblem(''), 'library.rule.reasonRequired');
  assert.equal(reasonProblem('Replaced by 2.0'), null);
});

test('slugs and normalised search terms', () => {
  assert.equal(slugOf('eGA/EXT/ITA/001'), 'ega-ext-ita-001');
  assert.equal(normalise('Usalama wa Taarifa—Café'), 'usalama wa taarifa cafe');
  assert.deepEqual(queryTerms('  Usalama, usalama! TEHAMA '), ['usalama', 'tehama']);
  const s = snippet('Sehemu ya kwanza. Usalama wa <taarifa> ni muhimu.', ['usalama'], ['taarifa']);
  assert.match(s, /<mark>Usalama<\/mark>/);
  assert.match(s, /&lt;<mark>taarifa<\/mark>&gt;/);
});

test('redline marks changed, added and removed clauses by their identity', () => {
  const from = [{ id: 's1', headingSw: 'Madhumuni', headingEn: 'Purpose', clauses: [{ id: 'a', textSw: '', textEn: 'Keep logs for one year.' }, { id: 'b', textSw: '', textEn: 'Gone soon.' }] }];
  const to = [{ id: 's1', headingSw: 'Madhumuni', headingEn: 'Purpose', clauses: [{ id: 'a', textSw: '', textEn: 'Keep logs for two years.' }, { id: 'c', textSw: '', textEn: 'New clause.' }] }];
  const d = redline(from, to, 'en');
  assert.equal(d[0].kind, 'changed');
  const kinds = d[0].clauses.map((c) => c.kind);
  assert.deepEqual(kinds, ['changed', 'added', 'removed']);
  assert.ok(d[0].clauses[0].parts.some((p) => p.removed && p.value.includes('one')));
  assert.ok(d[0].clauses[0].parts.some((p) => p.added && p.value.includes('two')));
});

test('the editor form round-trips sections and clauses, and its buttons add and remove parts', () => {
  const body = { s0_id: 'abcd1', s0_hsw: 'Utangulizi', s0_hen: 'Introduction', s0_c0_id: 'cl001', s0_c0_sw: 'Maandishi', s0_c0_en: 'Text', s1_hsw: 'Pili', s1_c0_sw: 'Kifungu' };
  const c = contentFromForm(body);
  assert.equal(c.length, 2);
  assert.equal(c[0].id, 'abcd1');
  assert.equal(c[0].clauses[0].textEn, 'Text');
  assert.equal(applyOp(c, parseOp('addClause:1'))[1].clauses.length, 2);
  assert.equal(applyOp(c, parseOp('removeSection:0')).length, 1);
  assert.equal(applyOp(c, parseOp('addSection')).length, 3);
});

test('imported text is split into sections at headings and numbered lines', () => {
  const c = contentFromParagraphs([{ text: 'Purpose', heading: true }, { text: '1.1 This standard applies to all.' }, { text: '2. Scope' }, { text: 'It covers systems.' }], 'en');
  assert.equal(c.length, 2);
  assert.equal(c[0].headingEn, 'Purpose');
  assert.equal(c[0].clauses[0].textEn, 'This standard applies to all.');
  assert.equal(c[1].headingEn, 'Scope');
});

test('source records that break the rules are reconciled', () => {
  const base = { titleSw: null, year: null, date: null, version: null, isParent: false };
  assert.equal(reconcile({ ...base, code: 'X', titleEn: 'x', level: 2, kind: 'guidebook', groupCode: 'BA', issuerAcronym: 'PO-PSMGG', parentCode: null }).doc.level, 1);
  assert.equal(reconcile({ ...base, code: 'Y', titleEn: 'y', level: 3, kind: 'checklist', groupCode: 'AA', issuerAcronym: 'e-GA', parentCode: 'P' }).doc.level, 2);
  const tpl = reconcile({ ...base, code: 'Z', titleEn: 'z', level: 3, kind: 'template', groupCode: 'SA', issuerAcronym: 'e-GA', parentCode: 'eGA/EXT/ISA/001' });
  assert.equal(tpl.doc.parentCode, null);
  assert.deepEqual(tpl.implementsCodes, ['eGA/EXT/ISA/001']);
});
