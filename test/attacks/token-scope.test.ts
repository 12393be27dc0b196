// Finding 1 of the attack probe: a service token for one institution must be confined to it in lists
// and search exactly as it is for a single record. A person with grants in NIDA and BRELA makes a
// NIDA service token; BRELA's internal draft must stay invisible through every read route.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createUser } from '../../src/modules/identity/users.service.ts';
import { apiToken, createTestApp, TEST_PASSWORD, institutionId, systemCtxOf, type TestApp } from '../helpers.ts';

let t: TestApp;
before(async () => {
  t = await createTestApp();
});
after(() => t.close());

test('a service token for NIDA neither lists nor finds nor opens a BRELA draft of a person who also works for BRELA', async () => {
  const person = await createUser(systemCtxOf(t.db), {
    email: 'two.hats@test.go.tz',
    name: 'Two Hats',
    lang: 'en',
    roles: [
      { role: 'institution_head', institution: 'NIDA' },
      { role: 'institution_officer', institution: 'BRELA' },
      { role: 'institution_head', institution: 'BRELA' },
    ],
    password: TEST_PASSWORD,
  });
  const personal = await apiToken(t.db, person, 'write');
  const draft = await t.app.inject({
    method: 'POST',
    url: '/api/v1/documents',
    headers: { authorization: `Bearer ${personal}` },
    payload: {
      code: 'BRELA/ICT/POL/777',
      level: 3,
      kind: 'policy',
      issuer: 'BRELA',
      titleSw: 'Sera ya siri ya zambarau',
      titleEn: 'Secret purple policy',
      audience: 'internal',
      sections: [{ headingSw: 'Lengo', headingEn: 'Purpose', clauses: [{ textSw: 'Zambarau ni siri ya ndani.', textEn: 'Purple is an internal secret.' }] }],
    },
  });
  assert.equal(draft.statusCode, 201, draft.body);
  const service = await apiToken(t.db, person, 'read', await institutionId(t.db, 'NIDA'));
  const get = (url: string, token: string) => t.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });

  // The person's own token sees the draft everywhere: the routes do work.
  assert.match((await get('/api/v1/documents?issuer=BRELA', personal)).body, /BRELA\/ICT\/POL\/777/);
  const hits = async (token: string) => ((await get('/api/v1/search?q=zambarau', token)).json() as { hits: { code: string }[] }).hits.map((h) => h.code);
  assert.deepEqual(await hits(personal), ['BRELA/ICT/POL/777']);

  // The NIDA service token sees it nowhere.
  assert.doesNotMatch((await get('/api/v1/documents?issuer=BRELA', service)).body, /POL\/777/);
  assert.doesNotMatch((await get('/api/v1/documents', service)).body, /POL\/777/);
  assert.deepEqual(await hits(service), []);
  assert.equal((await get('/api/v1/documents/brela-ict-pol-777', service)).statusCode, 404);
});

test('a service token for NIDA neither lists nor opens a directive addressed to BRELA only, of a person who works for both', async () => {
  const ctx = systemCtxOf(t.db);
  const person = await createUser(ctx, { email: 'two.hats.directive@test.go.tz', name: 'Two Hats', lang: 'en', roles: [{ role: 'institution_head', institution: 'NIDA' }, { role: 'institution_head', institution: 'BRELA' }], password: TEST_PASSWORD });
  const reviewer = await createUser(ctx, { email: 'reviewer.directive@test.go.tz', name: 'Reviewer', lang: 'en', roles: [{ role: 'authority_reviewer', institution: null }], password: TEST_PASSWORD });
  const deadline = new Date(Date.now() + 40 * 86_400_000).toISOString().slice(0, 10);
  const issued = await t.app.inject({
    method: 'POST',
    url: '/api/v1/compliance/directives',
    headers: { authorization: `Bearer ${await apiToken(t.db, reviewer, 'write')}` },
    payload: { code: 'DIR-BRELA-1', titleSw: 'Agizo la siri la BRELA', titleEn: 'BRELA secret directive', deadline, institutions: ['BRELA'] },
  });
  assert.equal(issued.statusCode, 201, issued.body);
  const id = (issued.json() as { id: string }).id;
  const get = (url: string, token: string) => t.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
  const personal = await apiToken(t.db, person, 'read');
  const nida = await apiToken(t.db, person, 'read', await institutionId(t.db, 'NIDA'));
  const brela = await apiToken(t.db, person, 'read', await institutionId(t.db, 'BRELA'));
  // The person, and their BRELA token, see it: the routes work.
  for (const token of [personal, brela]) {
    assert.equal((await get(`/api/v1/compliance/directives/${id}`, token)).statusCode, 200);
    assert.match((await get('/api/v1/compliance/directives', token)).body, /DIR-BRELA-1/);
  }
  // The NIDA token sees it nowhere.
  assert.equal((await get(`/api/v1/compliance/directives/${id}`, nida)).statusCode, 404);
  assert.doesNotMatch((await get('/api/v1/compliance/directives', nida)).body, /DIR-BRELA-1/);
});
