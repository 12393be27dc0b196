// The authority's calendar: days are Tanzanian days, which begin at 21:00 UTC the evening before.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tanzaniaDate, tanzaniaDayStart } from './calendar.ts';

test('late in the UTC evening it is already the next day in Dar es Salaam, and a day begins at 21:00 UTC', () => {
  assert.equal(tanzaniaDate(new Date('2026-11-27T20:59:59Z')), '2026-11-27');
  assert.equal(tanzaniaDate(new Date('2026-11-27T21:00:00Z')), '2026-11-28');
  assert.equal(tanzaniaDate(new Date('2026-12-31T22:30:00Z')), '2027-01-01', 'the year turns three hours early');
  assert.equal(tanzaniaDayStart('2026-11-28').toISOString(), '2026-11-27T21:00:00.000Z');
  assert.equal(tanzaniaDate(tanzaniaDayStart('2026-03-01')), '2026-03-01');
});
