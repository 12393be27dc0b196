import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatters, interpolate } from './translator.ts';

test('dates, numbers and money are formatted for each language, in Tanzanian time and shillings', () => {
  const d = new Date('2026-07-07T22:30:00Z'); // already 8 July in Dar es Salaam
  assert.equal(formatters('en').date(d), '8 July 2026');
  assert.match(formatters('sw').date(d), /8 Julai 2026/);
  assert.equal(formatters('en').number(1234567.5), '1,234,567.5');
  assert.match(formatters('en').money(2500000), /TSh\s?2,500,000|TZS\s?2,500,000/);
  assert.match(formatters('sw').money(2500000), /2,500,000/);
  assert.equal(formatters('en').date(null), '');
});

test('placeholders are filled and unknown ones are left visible', () => {
  assert.equal(interpolate('Page {page} of {pages}', { page: 2, pages: 5 }), 'Page 2 of 5');
  assert.equal(interpolate('Hello {name}', {}), 'Hello {name}');
});
