import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, makeUser, signIn, apiToken, institutionId, csrfToken, type TestApp } from '../../../test/helpers.ts';

let t: TestApp;
before(async () => {
  t = await createTestApp();
});
after(() => t.close());

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

test('a token made on the account page is shown once, stored hashed, and identifies its owner on the API', async () => {
  const user = await makeUser(t.db, 'institution_officer', 'NIDA', { name: 'Rehema Tokeni' });
  const b = await signIn(t.app, user);
  const res = await b.post('/account/tokens?lang=en', { name: 'Portfolio sync', scope: 'read', expiresInDays: '30' }, { csrfFrom: '/account' });
  assert.equal(res.statusCode, 200);
  const token = res.body.match(/id="new-token">(vw_[^<]+)</)![1];
  const again = await b.get('/account');
  assert.ok(!again.body.includes(token), 'the secret is not shown a second time');
  const stored = await t.db.query<{ token_hash: string }>('SELECT token_hash FROM api_tokens WHERE user_id = $1', [user.id]);
  assert.ok(stored.length === 1 && stored[0].token_hash !== token);

  const me = await t.app.inject({ url: '/api/v1/me', headers: bearer(token) });
  assert.equal(me.statusCode, 200);
  const body = me.json();
  assert.equal(body.email, user.email);
  assert.equal(body.name, 'Rehema Tokeni');
  assert.deepEqual(body.roles.map((r: { role: string; institutionAcronym: string }) => `${r.role}@${r.institutionAcronym}`), ['institution_officer@NIDA']);
  assert.equal(body.token.scope, 'read');
  const last = await t.db.query<{ last_used_at: Date | null }>('SELECT last_used_at FROM api_tokens WHERE user_id = $1', [user.id]);
  assert.ok(last[0].last_used_at, 'last use is recorded');
});

test('a read token cannot write; a write token can create and revoke tokens', async () => {
  const user = await makeUser(t.db, 'institution_officer', 'BRELA');
  const read = await apiToken(t.db, user, 'read');
  const denied = await t.app.inject({ method: 'POST', url: '/api/v1/tokens', headers: bearer(read), payload: { name: 'x', scope: 'read' } });
  assert.equal(denied.statusCode, 403);
  assert.match(String(denied.headers['content-type']), /problem\+json/);

  const write = await apiToken(t.db, user, 'write');
  const created = await t.app.inject({ method: 'POST', url: '/api/v1/tokens', headers: bearer(write), payload: { name: 'CI job', scope: 'read', expiresInDays: 7 } });
  assert.equal(created.statusCode, 201);
  const { token, record } = created.json();
  assert.match(token, /^vw_[0-9a-f]{8}_/);
  assert.equal((await t.app.inject({ url: '/api/v1/me', headers: bearer(token) })).statusCode, 200);
  const del = await t.app.inject({ method: 'DELETE', url: `/api/v1/tokens/${record.id}`, headers: bearer(write) });
  assert.equal(del.statusCode, 204);
  const revoked = await t.app.inject({ url: '/api/v1/me', headers: bearer(token) });
  assert.equal(revoked.statusCode, 401);
  assert.equal(revoked.json().status, 401);
});

test('expired, unknown and malformed tokens get 401 problem+json in the caller’s language', async () => {
  const user = await makeUser(t.db, 'auditor');
  const token = await apiToken(t.db, user, 'read');
  await t.db.query("UPDATE api_tokens SET expires_at = now() - interval '1 minute' WHERE user_id = $1", [user.id]);
  const expired = await t.app.inject({ url: '/api/v1/me', headers: { ...bearer(token), 'accept-language': 'sw' } });
  assert.equal(expired.statusCode, 401);
  assert.match(expired.json().title, /Tokeni ya API/);
  const unknown = await t.app.inject({ url: '/api/v1/me', headers: bearer('vw_00000000_' + 'a'.repeat(32)) });
  assert.equal(unknown.statusCode, 401);
  const malformed = await t.app.inject({ url: '/api/v1/me', headers: { authorization: 'Basic abc' } });
  assert.equal(malformed.statusCode, 401);
  const none = await t.app.inject({ url: '/api/v1/me' });
  assert.equal(none.statusCode, 401);
});

test('an institution head makes a service token that acts only for their institution', async () => {
  const head = await makeUser(t.db, 'institution_head', 'NIDA');
  const nida = await institutionId(t.db, 'NIDA');
  const brela = await institutionId(t.db, 'BRELA');
  const token = await apiToken(t.db, head, 'read', nida);
  const me = (await t.app.inject({ url: '/api/v1/me', headers: bearer(token) })).json();
  assert.equal(me.token.institutionId, nida);
  // Not for another institution.
  const write = await apiToken(t.db, head, 'write');
  const other = await t.app.inject({ method: 'POST', url: '/api/v1/tokens', headers: bearer(write), payload: { name: 'x', scope: 'read', institutionId: brela } });
  assert.equal(other.statusCode, 403);
  // An officer may not make service tokens at all.
  const officer = await makeUser(t.db, 'institution_officer', 'NIDA');
  const ow = await apiToken(t.db, officer, 'write');
  const denied = await t.app.inject({ method: 'POST', url: '/api/v1/tokens', headers: bearer(ow), payload: { name: 'x', scope: 'read', institutionId: nida } });
  assert.equal(denied.statusCode, 403);
});

test('API requests ignore session cookies, so a signed-in browser cannot be used against the API', async () => {
  const user = await makeUser(t.db, 'institution_officer', 'NIDA');
  const b = await signIn(t.app, user);
  const res = await b.get('/api/v1/me');
  assert.equal(res.statusCode, 401);
});

test('token form errors are shown next to the fields, in the chosen language', async () => {
  const user = await makeUser(t.db, 'institution_officer', 'NIDA');
  const b = await signIn(t.app, user);
  const page = await b.get('/account?lang=sw');
  const res = await b.post('/account/tokens', { name: '', scope: 'read', expiresInDays: '900' }, { csrf: csrfToken(page.body) });
  assert.equal(res.statusCode, 422);
  assert.match(res.body, /href="#name">Ipe tokeni jina/);
  const rows = await t.db.query('SELECT 1 FROM api_tokens WHERE user_id = $1', [user.id]);
  assert.equal(rows.length, 0);
});
