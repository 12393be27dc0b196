// Forged form posts: a CSRF secret planted before sign-in, and posts from another site.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, makeUser, signIn, Browser, csrfToken, TEST_PASSWORD, type TestApp } from '../../../test/helpers.ts';

let t: TestApp;
before(async () => {
  t = await createTestApp({ publicUrl: 'https://viwango.example.go.tz' });
});
after(() => t.close());

test('the CSRF secret an attacker planted before sign-in is worthless after it', async () => {
  const user = await makeUser(t.db, 'institution_officer', 'NIDA');
  // The attacker gets a secret and a matching token, and plants the secret cookie in the victim's browser.
  const attacker = new Browser(t.app);
  const token = csrfToken((await attacker.get('/login')).body);
  const victim = new Browser(t.app);
  victim.cookies.set('_csrf', attacker.cookies.get('_csrf')!);
  const login = await victim.post('/login', { email: user.email, password: TEST_PASSWORD }, { csrf: token });
  assert.equal(login.statusCode, 303);
  assert.notEqual(victim.cookies.get('_csrf'), attacker.cookies.get('_csrf'), 'a new secret at sign-in');
  const forged = await victim.post('/account/tokens', { name: 'planted', scope: 'write' }, { csrf: token });
  assert.equal(forged.statusCode, 403);
  assert.equal((await t.db.query("SELECT 1 FROM api_tokens WHERE name = 'planted'")).length, 0);
  // The victim's own forms keep working.
  assert.equal((await victim.post('/account/tokens', { name: 'mine', scope: 'read' }, { csrfFrom: '/account' })).statusCode, 200);
});

test('signing out gives a new CSRF secret too', async () => {
  const user = await makeUser(t.db, 'institution_officer', 'NIDA');
  const b = await signIn(t.app, user);
  const before = b.cookies.get('_csrf');
  const token = csrfToken((await b.get('/account')).body);
  assert.equal((await b.post('/logout', {}, { csrf: token })).statusCode, 303);
  assert.notEqual(b.cookies.get('_csrf'), before);
  assert.equal((await b.post('/login', { email: user.email, password: TEST_PASSWORD }, { csrf: token })).statusCode, 403, 'a token from before sign-out is refused');
});

test('a form posted from another site is refused with the CSRF message, even with a valid token', async () => {
  const user = await makeUser(t.db, 'institution_officer', 'NIDA');
  const b = await signIn(t.app, user);
  const token = csrfToken((await b.get('/account')).body);
  const cross = await b.post('/account/tokens?lang=en', { name: 'cross', scope: 'write' }, { csrf: token, headers: { origin: 'https://evil.example.com' } });
  assert.equal(cross.statusCode, 403);
  assert.match(cross.body, /Your form expired/);
  const viaReferer = await b.post('/account/tokens?lang=sw', { name: 'cross', scope: 'write' }, { csrf: token, headers: { referer: 'https://evil.example.com/page' } });
  assert.equal(viaReferer.statusCode, 403);
  assert.match(viaReferer.body, /Muda wa fomu yako umekwisha/);
  const nullOrigin = await b.post('/account/tokens', { name: 'cross', scope: 'write' }, { csrf: token, headers: { origin: 'null' } });
  assert.equal(nullOrigin.statusCode, 403);
  assert.equal((await t.db.query("SELECT 1 FROM api_tokens WHERE name = 'cross'")).length, 0);

  // Same origin: the public address, or the host the request came to.
  assert.equal((await b.post('/account/tokens', { name: 'same-1', scope: 'read' }, { csrf: token, headers: { origin: 'https://viwango.example.go.tz' } })).statusCode, 200);
  assert.equal((await b.post('/account/tokens', { name: 'same-2', scope: 'read' }, { csrf: token, headers: { origin: 'http://localhost:80' } })).statusCode, 200);
  assert.equal((await b.post('/account/tokens', { name: 'same-3', scope: 'read' }, { csrf: token, headers: { referer: 'https://viwango.example.go.tz/account' } })).statusCode, 200);
});
