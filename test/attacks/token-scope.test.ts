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
