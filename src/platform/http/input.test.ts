// Input at the edge (issue 13, finding 5): each request below answered 500 before the route
// schemas were built from platform/http/schemas.ts and the input guard was installed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, makeUser, apiToken, signIn, type TestApp } from '../../../test/helpers.ts';
import { loadLibraryReference } from '../../modules/library/seed.ts';
import { cleanUrl, cleanValue, parseForm } from './input-guard.ts';
import { isCalendarDate } from './schemas.ts';
import { parseAmount } from '../input.ts';

let t: TestApp;
let auth: Record<string, string>;
let editionId: string;

before(async () => {
  t = await createTestApp();
  await loadLibraryReference(t.db);
  const author = await makeUser(t.db, 'issuer_author', 'e-GA');
  auth = { authorization: `Bearer ${await apiToken(t.db, author, 'write')}` };
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/documents',
    headers: auth,
    payload: { code: 'eGA/TEST/IN/001', level: 2, kind: 'technical_standard', issuer: 'e-GA', titleSw: 'Jaribio', titleEn: 'Test' },
  });
  assert.equal(res.statusCode, 201, res.body);
  editionId = res.json().id;
});
after(() => t.close());

async function send(method: string, url: string, payload?: unknown, lang = 'en') {
  return t.app.inject({ method: method as 'GET', url, headers: { ...auth, 'accept-language': lang }, ...(payload === undefined ? {} : { payload: payload as object }) });
}

test('a page number of 1e309 is refused as bad input, not coerced to Infinity', async () => {
  for (const url of ['/api/v1/documents?page=1e309', '/api/v1/search?q=huduma&page=1e309', '/api/v1/documents?pageSize=-1e309']) {
    const res = await send('GET', url);
    assert.equal(res.statusCode, 400, `${url}: ${res.body}`);
    assert.equal(res.json().errors?.[0]?.field, url.includes('pageSize') ? 'pageSize' : 'page', res.body);
  }
  assert.equal((await send('GET', '/api/v1/documents?page=2')).statusCode, 200);
});

test('a revision beyond the integer column and an impossible review date are refused with 400', async () => {
  for (const body of [{ revision: 9007199254740992 }, { revision: 2 ** 31 }, { revision: 1, nextReviewDate: '2026-13-45' }, { revision: 1, nextReviewDate: '2026-02-30' }, { revision: 1, nextReviewDate: '0000-01-01' }]) {
    const res = await send('PUT', `/api/v1/editions/${editionId}`, body);
    assert.equal(res.statusCode, 400, `${JSON.stringify(body)}: ${res.body}`);
  }
  const leap = await send('PUT', `/api/v1/editions/${editionId}`, { revision: 1, nextReviewDate: '2028-02-29' });
  assert.equal(leap.statusCode, 200, leap.body);
  assert.equal(leap.json().nextReviewDate, '2028-02-29');
});

test('an id of 36 dashes is not an id: the path names nothing', async () => {
  const res = await send('PUT', `/api/v1/editions/${'-'.repeat(36)}`, { revision: 1 });
  assert.equal(res.statusCode, 404, res.body);
  assert.equal((await send('PUT', '/api/v1/editions/urn:uuid:3f2b8c1e-4d5a-4b6c-8d7e-9f0a1b2c3d4e', { revision: 1 })).statusCode, 404);
  assert.equal((await send('GET', '/api/v1/documents/NOT_A_SLUG')).statusCode, 404);
});

test('a NUL byte or invalid UTF-8 anywhere in the request is refused in the caller’s language', async () => {
  const page = await t.app.inject({ url: '/library/documents/a%00b', headers: { cookie: 'lang=en' } });
  assert.equal(page.statusCode, 400);
  assert.match(page.body, /characters that are not allowed/);
  const sw = await t.app.inject('/library/documents/a%00b');
  assert.match(sw.body, /herufi zisizoruhusiwa/);
  for (const url of ['/library/documents/a%FFb', '/library?q=a%00b', '/library?q=%C3%28', '/api/v1/documents?q=%ED%A0%80']) {
    const res = await send('GET', url);
    assert.equal(res.statusCode, 400, url);
    assert.doesNotMatch(res.body, /FST_ERR|at .*\.ts:\d+/, url);
  }
  const api = await send('PUT', `/api/v1/editions/${editionId}`, { revision: 2, changeSummary: 'a\u0000b' }, 'sw');
  assert.equal(api.statusCode, 400);
  assert.match(api.json().title, /herufi zisizoruhusiwa/);
  assert.equal((await send('PUT', `/api/v1/editions/${editionId}`, { revision: 2, changeSummary: '\ud800' })).statusCode, 400);
  const rawBytes = await t.app.inject({
    method: 'PUT',
    url: `/api/v1/editions/${editionId}`,
    headers: { ...auth, 'content-type': 'application/json' },
    payload: Buffer.concat([Buffer.from('{"revision":2,"changeSummary":"'), Buffer.from([0xff, 0xfe]), Buffer.from('"}')]),
  });
  assert.equal(rawBytes.statusCode, 400);
  // Forms too: a signed-in author posting a comment with a broken escape or a NUL.
  const b = await signIn(t.app, (await t.db.query<{ email: string }>("SELECT email FROM users WHERE email LIKE 'issuer_author%'"))[0]);
  for (const body of ['body=a%FFb', 'body=a%00b']) {
    const page = await b.get(`/library/manage/editions/${editionId}`);
    const csrf = page.body.match(/name="_csrf" value="([^"]+)"/)![1];
    const res = await t.app.inject({
      method: 'POST',
      url: `/library/manage/editions/${editionId}/comments`,
      headers: { cookie: [...b.cookies].map(([k, v]) => `${k}=${v}`).join('; '), 'content-type': 'application/x-www-form-urlencoded' },
      payload: `_csrf=${encodeURIComponent(csrf)}&${body}`,
    });
    assert.equal(res.statusCode, 400, body);
  }
});

test('the guard’s parts: URL components, form bodies, values and calendar dates', () => {
  assert.equal(cleanUrl('/library?q=huduma+za+serikali&lang=en'), true);
  assert.equal(cleanUrl('/library?q=%E2%9C%93'), true);
  assert.equal(cleanUrl('/library?q=%'), false);
  assert.equal(cleanUrl('/x%00'), false);
  assert.deepEqual({ ...parseForm('a=1&a=2&b=x+y&c') }, { a: ['1', '2'], b: 'x y', c: '' });
  assert.throws(() => parseForm('a=%C3%28'));
  assert.equal(cleanValue({ a: [{ b: 'ok' }] }), true);
  assert.equal(cleanValue({ a: [{ b: 'no\u0000' }] }), false);
  assert.equal(cleanValue({ ['k\u0000']: 1 }), false);
  assert.equal(isCalendarDate('2024-02-29'), true);
  assert.equal(isCalendarDate('2026-02-29'), false);
  assert.equal(isCalendarDate('2026-13-01'), false);
});

test('amounts of shillings are read as people write them, within the bound each module keeps', () => {
  assert.equal(parseAmount('TZS 1,200,000', 13), 1_200_000);
  assert.equal(parseAmount(' 1 200 000 ', 13), 1_200_000);
  assert.equal(parseAmount('', 13), null);
  assert.ok(Number.isNaN(parseAmount('12.5', 13)), 'no fractions of a shilling');
  assert.ok(Number.isNaN(parseAmount('-5', 13)), 'no negative amounts');
  assert.ok(Number.isNaN(parseAmount('1'.repeat(14), 13)), 'longer than the bound');
  assert.equal(parseAmount('1'.repeat(14), 16), 11_111_111_111_111);
});
