// Public pages for visitors: cached per content version, strong validators and 304, public cache
// headers and no cookie; signed-in pages private and never mixed into the visitors' cache; a change
// on one instance reaches another instance's next request; forms keep their CSRF protection.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/app.ts';
import { createTestDb, ctxAs, makeUser, signIn, testConfig, csrfToken, Browser, type TestDb } from './helpers.ts';
import { loadLibraryReference } from '../src/modules/library/seed.ts';
import { findDocument } from '../src/modules/library/documents.service.ts';
import { buildDocument } from '../src/modules/library/index.ts';
import { createEdition, saveDraft, transition } from '../src/modules/library/editions.service.ts';

let t: TestDb;
let one: FastifyInstance;
let two: FastifyInstance;

before(async () => {
  t = await createTestDb();
  await loadLibraryReference(t.db);
  // Two instances of Viwango on one database, each with its own connection pool and page cache.
  one = await buildApp({ config: testConfig(), db: t.db });
  two = await buildApp({ config: testConfig(), db: await t.openAnother() });
  await one.ready();
  await two.ready();
});
after(async () => {
  await one.close();
  await two.close();
  await t.close();
});

const PUBLIC_PAGES = [
  '/',
  '/about',
  '/framework',
  '/library',
  '/library?level=2',
  '/library?q=usalama',
  '/library/structure',
  '/library/templates',
  '/library/feed.atom',
  '/library/documents/ega-ext-ita-001',
  '/library/documents/ega-ext-ita-001/editions/1.1',
  '/library/documents/ega-ext-ita-001/editions/1.1/print',
];

const get = (app: FastifyInstance, url: string, headers: Record<string, string> = {}) => app.inject({ method: 'GET', url, headers });

test('visitors get public pages with no cookie, public cache headers and a strong ETag, and 304 when it still matches', async () => {
  for (const url of PUBLIC_PAGES) {
    const first = await get(one, url);
    assert.equal(first.statusCode, 200, url);
    assert.equal(first.headers['set-cookie'], undefined, `${url} sets no cookie for a visitor`);
    assert.match(String(first.headers['cache-control']), /^public, max-age=\d+, must-revalidate$/, url);
    assert.match(String(first.headers.vary), /Cookie/, url);
    const etag = String(first.headers.etag);
    assert.match(etag, /^"[A-Za-z0-9_-]+"$/, `${url}: a strong validator`);
    assert.doesNotMatch(first.body, /name="_csrf"/, `${url} carries no one's CSRF token`);
    // The security headers stay as they were.
    assert.match(String(first.headers['content-security-policy']), /default-src 'self'/, url);
    assert.equal(first.headers['x-content-type-options'], 'nosniff', url);

    const again = await get(one, url, { 'if-none-match': etag });
    assert.equal(again.statusCode, 304, `${url} answers a matching conditional request with 304`);
    assert.equal(again.body, '');
    assert.equal(again.headers.etag, etag);
    assert.match(String(again.headers['cache-control']), /^public/);

    const stale = await get(one, url, { 'if-none-match': '"something-else"' });
    assert.equal(stale.statusCode, 200, url);
    assert.equal(stale.body, first.body, `${url}: the same bytes from the cache`);
  }
});

test('a query the page does not know is answered but not kept, so made-up URLs cannot crowd the cache', async () => {
  const cache = one.publicPages.cache;
  const before = cache.size;
  for (let i = 0; i < 5; i++) {
    const r = await get(one, `/library/templates?utm_source=x${i}`);
    assert.equal(r.statusCode, 200);
    assert.match(String(r.headers['cache-control']), /^public/);
  }
  assert.equal(cache.size, before);
  await get(one, '/library?level=3');
  assert.equal(cache.size, before + 1, 'a declared filter is kept');
});

test('compressed copies carry their own ETag and are revalidated like the page itself', async () => {
  const url = '/library/documents/ega-ext-ita-001';
  const plain = await get(one, url);
  const br = await get(one, url, { 'accept-encoding': 'gzip, deflate, br' });
  assert.equal(br.headers['content-encoding'], 'br');
  assert.equal(br.headers.etag, String(plain.headers.etag).replace(/"$/, '-br"'));
  const gz = await get(one, url, { 'accept-encoding': 'gzip' });
  assert.equal(gz.headers['content-encoding'], 'gzip');
  assert.ok(Number(gz.headers['content-length']) < plain.rawPayload.length / 3, 'compressed');
  const cond = await get(one, url, { 'accept-encoding': 'br', 'if-none-match': String(br.headers.etag) });
  assert.equal(cond.statusCode, 304);
});

test('the language is part of what is cached: the cookie picks it, and the switch link (which sets it) is private', async () => {
  const sw = await get(one, '/library/templates');
  assert.match(sw.body, /<html lang="sw"/);
  const en = await get(one, '/library/templates', { cookie: 'lang=en' });
  assert.match(en.body, /<html lang="en"/);
  assert.notEqual(en.headers.etag, sw.headers.etag);
  const swAgain = await get(one, '/library/templates');
  assert.match(swAgain.body, /<html lang="sw"/);
  const pick = await get(one, '/library/templates?lang=en');
  assert.match(String(pick.headers['set-cookie']), /lang=en/);
  assert.equal(pick.headers['cache-control'], 'private, no-store', 'a response that sets a cookie is never shared');
});

test('signed-in pages are private and never enter the visitors’ cache, before or after', async () => {
  const author = await makeUser(t.db, 'issuer_author', 'e-GA');
  const { doc } = await buildDocument(await ctxAs(t.db, author), { code: 'eGA/EXT/TST/701', titleEn: 'A strictly internal draft' });
  const visitorBefore = await get(two, '/library?level=2');
  assert.doesNotMatch(visitorBefore.body, /TST\/701/);
  const officer = await signIn(two, author);
  for (const url of ['/library?level=2', `/library/documents/${doc.slug}`, '/']) {
    const seen = await officer.get(url);
    assert.equal(seen.statusCode, 200, url);
    assert.equal(seen.headers['cache-control'], 'private, no-store', url);
    assert.equal(seen.headers.etag, undefined, url);
    if (url !== '/') assert.match(seen.body, /TST\/701/, `${url}: the officer sees their draft`);
  }
  // The same URLs for a visitor, on both instances, right after: nothing of the officer's view.
  for (const app of [one, two]) {
    const list = await get(app, '/library?level=2');
    assert.doesNotMatch(list.body, /TST\/701|strictly internal/);
    assert.equal(list.headers.etag, visitorBefore.headers.etag, 'the visitor page is unchanged');
    assert.equal((await get(app, `/library/documents/${doc.slug}`)).statusCode, 404);
    const home = await get(app, '/');
    assert.doesNotMatch(home.body, /vw-header__who/, 'no signed-in header in the visitors’ home page');
  }
  // A visitor with an expired or made-up session cookie is a visitor.
  const stray = await get(two, '/library?level=2', { cookie: 'vw_session=not-a-session' });
  assert.doesNotMatch(stray.body, /TST\/701/);
});

test('publishing and withdrawing change the page on every instance at the next request, with a new ETag', async () => {
  const url = '/library/documents/ega-ext-ita-001?lang=en';
  const page = '/library/documents/ega-ext-ita-001';
  const before1 = await get(one, page, { cookie: 'lang=en' });
  const before2 = await get(two, page, { cookie: 'lang=en' });
  assert.equal(before1.headers.etag, before2.headers.etag, 'both instances render the same bytes');
  const feedBefore = await get(two, '/library/feed.atom');
  const etag = String(before1.headers.etag);
  assert.equal((await get(two, page, { cookie: 'lang=en', 'if-none-match': etag })).statusCode, 304);

  const author = await ctxAs(t.db, await makeUser(t.db, 'issuer_author', 'e-GA'));
  const approver = await ctxAs(t.db, await makeUser(t.db, 'issuer_approver', 'e-GA'));
  const doc = (await findDocument(t.db.orm, 'ega-ext-ita-001'))!;
  const { edition } = await createEdition(author, { documentId: doc.id, version: '1.9' });
  // A draft is not what visitors see: their pages stay valid.
  const draft = await saveDraft(author, { editionId: edition.id, revision: edition.revision, changeSummary: 'Clarified the cached clause' });
  assert.equal((await get(two, page, { cookie: 'lang=en', 'if-none-match': etag })).statusCode, 304, 'saving a draft does not invalidate');
  await transition(author, { editionId: draft.id, action: 'submit' });
  await transition(approver, { editionId: draft.id, action: 'approve' });
  await transition(approver, { editionId: draft.id, action: 'publish', reason: 'A newer edition for the cache test' });

  for (const app of [two, one]) {
    const after = await get(app, page, { cookie: 'lang=en', 'if-none-match': etag });
    assert.equal(after.statusCode, 200, 'the old ETag no longer matches');
    assert.notEqual(after.headers.etag, etag);
    assert.match(after.body, /1\.9/);
  }
  const feedAfter = await get(two, '/library/feed.atom', { 'if-none-match': String(feedBefore.headers.etag) });
  assert.equal(feedAfter.statusCode, 200);
  assert.match(feedAfter.body, /1\.9/);

  const published = String((await get(one, url)).headers.etag);
  await transition(approver, { editionId: draft.id, action: 'withdraw', reason: 'Withdrawn again for the cache test' });
  for (const app of [one, two]) {
    const after = await get(app, page, { cookie: 'lang=en', 'if-none-match': published });
    assert.equal(after.statusCode, 200);
    assert.match(after.body, /Withdrawn/);
  }
});

test('an edit of reference data reaches the pages that name it, on the other instance too', async () => {
  const before = await get(two, '/framework', { cookie: 'lang=en' });
  assert.doesNotMatch(before.body, /Renamed Security Architecture/);
  await t.db.query(`UPDATE architecture_groups SET name_en = 'Renamed Security Architecture' WHERE code = 'SA'`);
  const after = await get(two, '/framework', { cookie: 'lang=en', 'if-none-match': String(before.headers.etag) });
  assert.equal(after.statusCode, 200);
  assert.match(after.body, /Renamed Security Architecture/);
});

test('forms keep their CSRF protection: the subscription form is on its own private page, and a post without token or from elsewhere is refused', async () => {
  const doc = await get(one, '/library/documents/ega-ext-ita-001');
  assert.match(doc.body, /<form method="get" action="\/library\/subscribe"/, 'the document page links to the form');
  assert.doesNotMatch(doc.body, /<form method="post"/);

  const b = new Browser(one);
  const form = await b.get('/library/subscribe?type=document&target=ega-ext-ita-001&lang=en');
  assert.equal(form.statusCode, 200);
  assert.equal(form.headers['cache-control'], 'private, no-store');
  assert.match(String(form.headers['set-cookie']), /_csrf=/, 'the form page gives the browser its CSRF secret');
  assert.match(form.body, /name="target" value="ega-ext-ita-001"/);
  const token = csrfToken(form.body);
  const fields = { type: 'document', target: 'ega-ext-ita-001', email: 'reader@example.go.tz' };

  const noToken = await b.post('/library/subscribe', fields, { csrf: '' });
  assert.equal(noToken.statusCode, 403);
  const elsewhere = await b.post('/library/subscribe', fields, { csrf: token, headers: { origin: 'https://evil.example' } });
  assert.equal(elsewhere.statusCode, 403);
  const stranger = await new Browser(one).post('/library/subscribe', fields, { csrf: token });
  assert.equal(stranger.statusCode, 403, 'a token without its cookie is refused');
  const ok = await b.post('/library/subscribe?lang=en', fields, { csrf: token });
  assert.equal(ok.statusCode, 200);
  assert.match(ok.body, /Check your e-mail/);
  const mails = await t.db.query(`SELECT 1 FROM mail_outbox WHERE to_address = 'reader@example.go.tz'`);
  assert.equal(mails.length, 1);
});
