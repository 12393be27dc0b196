import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyse, CONCEPT_IDS, conceptTokens, initialsOf, normalise, stem } from './text.ts';
import { CONCEPT_LABELS } from './concepts.ts';

const concepts = (text: string) => analyse(text).concepts.sort();

test('normalise folds accents and case and drops stop words of both languages', () => {
  assert.deepEqual(normalise('Mfumo wa Usimamizi wa MANUNUZI'), [stem('manunuzi')]);
  assert.deepEqual(normalise('Procurement Management Information System'), [stem('procurement')]);
  assert.deepEqual(normalise('Café Régistre'), ['cafe', 'registr']);
});

test('the same job named in Kiswahili and English maps to the same concepts', () => {
  assert.deepEqual(concepts('Mfumo wa Manunuzi'), concepts('Procurement Management System'));
  assert.deepEqual(concepts('Mfumo wa Ununuzi'), ['procurement']);
  for (const hr of ['Rasilimali Watu', 'Taarifa za Watumishi', 'Human Resources', 'HR system', 'Personnel Records']) {
    assert.ok(analyse(hr).concepts.includes('hr'), hr);
  }
  assert.deepEqual(concepts('Mfumo wa Kituo cha Afya'), ['facility']);
  assert.deepEqual(concepts('Hospital Management System'), ['facility']);
  assert.deepEqual(concepts('Mfumo wa Mikopo ya Wanafunzi'), concepts('Student Loan Management System'));
  assert.deepEqual(concepts('Kumbukumbu na Nyaraka'), ['records']);
  assert.deepEqual(concepts('e-Office'), ['records']);
});

test('phrases win over their words: a health facility is not just "health"', () => {
  assert.ok(!analyse('Health Facility Management').concepts.includes('health'));
  assert.ok(analyse('Health Insurance Claims').concepts.includes('health'));
});

test('the stemmer meets Kiswahili noun and verb forms and English inflections', () => {
  assert.equal(stem('kusafirisha'), stem('usafirishaji'));
  assert.equal(stem('registers'), stem('register'));
  assert.equal(stem('registered'), stem('register'));
  assert.equal(stem('companies'), 'company');
  assert.deepEqual(concepts('hospitalini'), ['facility']);
  assert.deepEqual(concepts('ofisini'), ['records']);
});

test('one-letter typos of known words are repaired; management misspelt is still a stop word', () => {
  assert.deepEqual(concepts('Procurment Managment System'), ['procurement']);
  assert.deepEqual(concepts('Conrtact Register'), ['contract', 'registration']);
});

test('acronyms: an MIS acronym of a concept, and initials of a name', () => {
  const a = analyse('HRMIS');
  assert.deepEqual(a.acronyms, ['hrmis']);
  assert.ok(a.concepts.includes('hr'));
  assert.equal(initialsOf('Human Resource Management Information System'), 'hrmis');
  assert.equal(initialsOf('Bureau of Statistics'), 'bs');
  assert.deepEqual(analyse('GoT-HoMIS').acronyms, ['got', 'homis']);
});

test('look-alike jobs keep apart in concepts', () => {
  assert.notDeepEqual(concepts('Revenue Collection'), concepts('Revenue Forecasting'));
  assert.notDeepEqual(concepts('Usajili wa Ardhi'), concepts('Usajili wa Biashara'));
});

test('conceptTokens marks concepts and leftover words', () => {
  assert.deepEqual(conceptTokens('Fisheries Licensing Portal Zanzibar'), ['c:fisheries', 'c:licence', 'c:website', 'w:zanzibar']);
});

test('the concept table has at least 60 concepts, each labelled in both languages', () => {
  assert.ok(CONCEPT_IDS.length >= 60, `${CONCEPT_IDS.length}`);
  for (const id of CONCEPT_IDS) assert.ok(CONCEPT_LABELS[id]?.[0] && CONCEPT_LABELS[id]?.[1], id);
});
