// Requirements over HTTP: the public catalogue and a requirement's page in both languages, the
// author's revision pages (propose, confirm, edit, reject, preview, apply) working as plain forms,
// who gets which answer, and the JSON API with its problem answers.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { apiToken, createTestApp, makeUser, signIn, type TestApp, Browser } from '../../../../test/helpers.ts';
import { complianceWorld, type ComplianceWorld } from '../../../../test/compliance-fixture.ts';
import { loadLibraryReference } from '../../library/seed.ts';

let t: TestApp;
let world: ComplianceWorld;
let author: Browser;
let authorToken: string;
let isaEdition = '';

before(async () => {
  t = await createTestApp();
  await loadLibraryReference(t.db);
  world = await complianceWorld(t.db, { institutions: ['NIDA'], answers: 'mixed' });
  const user = await makeUser(t.db, 'issuer_author', 'e-GA');
  author = await signIn(t.app, user);
  authorToken = await apiToken(t.db, user, 'write');
  [{ id: isaEdition }] = await t.db.query<{ id: string }>(`SELECT e.id FROM library_editions e JOIN library_documents d ON d.id = e.document_id WHERE d.code = 'eGA/EXT/ISA/001' AND e.status = 'in_force'`);
});
after(() => t.close());

const api = (method: 'GET' | 'POST', url: string, token?: string, payload?: unknown) =>
  t.app.inject({ method, url, headers: { 'accept-language': 'en', ...(token ? { authorization: `Bearer ${token}` } : {}) }, ...(payload !== undefined ? { payload: payload as object } : {}) });

test('anyone reads the requirements catalogue, filtered and in both languages, and a requirement with its versions', async () => {
  const en = await t.app.inject({ url: `/compliance/requirements?lang=en&document=${encodeURIComponent(world.documentCode)}` });
  assert.equal(en.statusCode, 200);
  assert.match(en.body, /The institution shall keep an inventory of its ICT assets\./);
  assert.match(en.body, /Showing 1 to 5 of 5/);
  const sw = await t.app.inject({ url: `/compliance/requirements?lang=sw&obligation=recommended&document=${encodeURIComponent(world.documentCode)}` });
  assert.match(sw.body, /Mifumo inapaswa kubadilishana data kupitia GovESB\./);
  assert.doesNotMatch(sw.body, /orodha ya rasilimali/, 'mandatory ones are filtered out');
  assert.match(sw.body, /<h1 class="govuk-heading-xl">Matakwa<\/h1>/);
  const one = await t.app.inject({ url: `/compliance/requirements/${world.requirementIds[0]}?lang=en` });
  assert.equal(one.statusCode, 200);
  assert.match(one.body, /Versions of this requirement/);
  assert.match(one.body, /Taasisi itahakikisha inatunza orodha/);
  assert.equal((await t.app.inject({ url: '/compliance/requirements/00000000-0000-4000-8000-000000000000' })).statusCode, 404);
  assert.equal((await t.app.inject({ url: '/compliance/requirements/nope' })).statusCode, 404);
  // The API gives the same list to anyone.
  const list = await api('GET', `/api/v1/compliance/requirements?document=${encodeURIComponent(world.documentCode)}&appliesTo=system`);
  assert.equal(list.statusCode, 200);
  const body = list.json() as { total: number; items: { ref: string; obligation: string; appliesTo: string; textSw: string }[] };
  assert.equal(body.total, 2);
  assert.ok(body.items.every((i) => i.appliesTo === 'system' && i.textSw));
  const detail = await api('GET', `/api/v1/compliance/requirements/${world.requirementIds[0]}`);
  assert.deepEqual((detail.json() as { versions: { version: number }[] }).versions.map((v) => v.version), [1]);
});

test('requirements of an internal document are not shown to the public', async () => {
  await t.db.query(`UPDATE library_documents SET audience = 'internal' WHERE id = $1`, [world.documentId]);
  try {
    const list = await api('GET', `/api/v1/compliance/requirements?document=${encodeURIComponent(world.documentCode)}`);
    assert.equal((list.json() as { total: number }).total, 0);
    assert.equal((await t.app.inject({ url: `/compliance/requirements/${world.requirementIds[0]}` })).statusCode, 404);
    const mine = await api('GET', `/api/v1/compliance/requirements?document=${encodeURIComponent(world.documentCode)}`, authorToken);
    assert.equal((mine.json() as { total: number }).total, 5, 'the issuer\'s own staff still read them');
  } finally {
    await t.db.query(`UPDATE library_documents SET audience = 'public' WHERE id = $1`, [world.documentId]);
  }
});

test('an author proposes from an in-force edition, confirms, edits and rejects with plain forms, previews and applies', async () => {
  const list = await author.get('/compliance/revisions?lang=en');
  assert.equal(list.statusCode, 200);
  assert.match(list.body, /Propose requirements from an edition in force/);
  assert.ok(list.body.includes(`value="${isaEdition}"`));
  const proposed = await author.post('/compliance/revisions', { editionId: isaEdition }, { csrfFrom: '/compliance/revisions' });
  assert.equal(proposed.statusCode, 303);
  const revUrl = String(proposed.headers.location);
  const page = await author.get(`${revUrl}?lang=en`);
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /eGA\/EXT\/ISA\/001 §3\.1/);
  assert.match(page.body, /No obligation found/);

  const [{ id: revisionId }] = await t.db.query<{ id: string }>(`SELECT id FROM compliance_revisions WHERE edition_id = $1`, [isaEdition]);
  const cands = await t.db.query<{ id: string; ref: string; obligation: string | null }>(`SELECT id, ref, obligation FROM compliance_candidates WHERE revision_id = $1 ORDER BY position`, [revisionId]);
  const rev = async () => (await t.db.query<{ revision: number }>(`SELECT revision FROM compliance_revisions WHERE id = $1`, [revisionId]))[0].revision;

  // Quick confirm from the list (a candidate with an obligation found).
  const shall = cands.find((c) => c.ref.endsWith('§3.1'))!;
  const quick = await author.post(`${revUrl}/candidates/${shall.id}`, { revision: String(await rev()), quick: '1', decision: 'confirm', back: `${revUrl}?decision=proposed` }, { csrfFrom: revUrl });
  assert.equal(quick.statusCode, 303);
  assert.equal(quick.headers.location, `${revUrl}?decision=proposed#candidates`);

  // Edit and confirm: obligation, scope and conditions from plain fields.
  const second = cands.find((c) => c.ref.endsWith('§3.2'))!;
  const form = await author.get(`${revUrl}/candidates/${second.id}?lang=en`);
  assert.match(form.body, /Institution types/);
  const saved = await author.post(
    `${revUrl}/candidates/${second.id}`,
    { revision: String(await rev()), decision: 'confirm', textSw: 'Taasisi itahifadhi kumbukumbu za utekelezaji.', textEn: 'The institution shall keep records of implementation.', obligation: 'mandatory', groupCode: 'SA', appliesTo: 'system', cond_institutionTypes: ['ministry', 'executive_agency'], cond_sectors: 'Health, Finance', cond_publicFacing: 'yes', cond_govesb: 'no', cond_hosting: 'govdc' },
    { csrfFrom: `${revUrl}/candidates/${second.id}` },
  );
  assert.equal(saved.statusCode, 303);
  const [c2] = await t.db.query<{ decision: string; applies_to: string; conditions: unknown }>(`SELECT decision, applies_to, conditions FROM compliance_candidates WHERE id = $1`, [second.id]);
  assert.deepEqual(c2, { decision: 'confirmed', applies_to: 'system', conditions: { institutionTypes: ['ministry', 'executive_agency'], sectors: ['Health', 'Finance'], system: { publicFacing: true, govesb: false, hosting: ['govdc'] } } });

  // Rejecting without a reason shows the form again with the error, in the user's language.
  const none = cands.find((c) => c.obligation === null)!;
  const bad = await author.post(`${revUrl}/candidates/${none.id}?lang=sw`, { revision: String(await rev()), decision: 'reject', reason: '' }, { csrfFrom: `${revUrl}/candidates/${none.id}` });
  assert.equal(bad.statusCode, 422);
  assert.match(bad.body, /Toa sababu ya angalau herufi 3/);
  // A stale page: 409 with the form kept and a message.
  const stale = await author.post(`${revUrl}/candidates/${none.id}?lang=en`, { revision: '1', decision: 'reject', reason: 'Sample wording' }, { csrfFrom: `${revUrl}/candidates/${none.id}` });
  assert.equal(stale.statusCode, 409);
  assert.match(stale.body, /Someone decided on this revision while you were working/);
  for (const c of cands.filter((x) => x.id !== shall.id && x.id !== second.id)) {
    const r = await author.post(`${revUrl}/candidates/${c.id}`, { revision: String(await rev()), decision: 'reject', reason: 'Sample text, not a requirement' }, { csrfFrom: revUrl });
    assert.equal(r.statusCode, 303);
  }

  const preview = await author.get(`${revUrl}/preview?lang=en`);
  assert.equal(preview.statusCode, 200);
  assert.match(preview.body, /Added \(2\)/);
  assert.match(preview.body, /name="transitionDeadline"/);
  const past = await author.post(`${revUrl}/apply?lang=en`, { revision: String(await rev()), transitionDeadline: '2020-01-01' }, { csrfFrom: `${revUrl}/preview` });
  assert.equal(past.statusCode, 422);
  assert.match(past.body, /must be today or later/);
  const applied = await author.post(`${revUrl}/apply`, { revision: String(await rev()), transitionDeadline: new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10) }, { csrfFrom: `${revUrl}/preview` });
  assert.equal(applied.statusCode, 303);
  const done = await author.get(`${String(applied.headers.location)}&lang=en`);
  assert.match(done.body, /Revision applied: 2 added, 0 changed/);
  const listed = await t.app.inject({ url: '/compliance/requirements?lang=en&document=eGA%2FEXT%2FISA%2F001' });
  assert.match(listed.body, /Showing 1 to 2 of 2/);
});

test('who may open revision pages: officers are refused, another issuer\'s author gets 404, anonymous visitors are sent to sign in', async () => {
  const [{ id }] = await t.db.query<{ id: string }>(`SELECT id FROM compliance_revisions LIMIT 1`);
  const officer = await signIn(t.app, await makeUser(t.db, 'institution_officer', 'NIDA'));
  assert.equal((await officer.get('/compliance/revisions')).statusCode, 403);
  const moh = await signIn(t.app, await makeUser(t.db, 'issuer_author', 'MoH'));
  assert.equal((await moh.get(`/compliance/revisions/${id}`)).statusCode, 404);
  assert.equal((await moh.get(`/compliance/revisions/${id}/preview`)).statusCode, 404);
  const anon = await t.app.inject({ url: '/compliance/revisions' });
  assert.ok([302, 303, 401].includes(anon.statusCode), String(anon.statusCode));
});

test('the API: propose, read, decide (409 on a stale revision, 422 on bad values), preview, apply refused while undecided', async () => {
  const created = await api('POST', '/api/v1/compliance/revisions', authorToken, { editionId: world.editionId });
  assert.equal(created.statusCode, 201, created.body);
  const rev = created.json() as { id: string; revision: number; items: { id: string; change: string; decision: string }[] };
  assert.ok(rev.items.length === 5 && rev.items.every((i) => i.change === 'unchanged'), 'the fixture\'s requirements already come from this edition');
  assert.equal((await api('POST', '/api/v1/compliance/revisions', authorToken, { editionId: world.editionId })).statusCode, 200, 'the same revision again');
  const url = `/api/v1/compliance/revisions/${rev.id}`;
  const ok = await api('POST', `${url}/candidates/${rev.items[0].id}/decision`, authorToken, { revision: rev.revision, decision: 'confirm', conditions: { sectors: ['Health'] } });
  assert.equal(ok.statusCode, 200, ok.body);
  assert.equal((ok.json() as { revision: number }).revision, rev.revision + 1);
  const stale = await api('POST', `${url}/candidates/${rev.items[1].id}/decision`, authorToken, { revision: rev.revision, decision: 'confirm' });
  assert.equal(stale.statusCode, 409);
  assert.equal((stale.json() as { current: { revision: number } }).current.revision, rev.revision + 1);
  const bad = await api('POST', `${url}/candidates/${rev.items[1].id}/decision`, authorToken, { revision: rev.revision + 1, decision: 'confirm', conditions: { institutionTypes: ['castle'] } });
  assert.equal(bad.statusCode, 422);
  const preview = await api('GET', `${url}/preview`, authorToken);
  assert.equal(preview.statusCode, 200);
  const p = preview.json() as { buckets: Record<string, unknown[]>; affected: { institutions: unknown[] } };
  assert.equal(p.buckets.unchanged.length, 1);
  assert.equal(p.buckets.undecided.length, 4);
  const apply = await api('POST', `${url}/apply`, authorToken, { revision: rev.revision + 1, transitionDeadline: '2099-01-01' });
  assert.equal(apply.statusCode, 409);
  assert.deepEqual(apply.json() as object, { ...(apply.json() as object), title: 'Decide every candidate before applying the revision.', undecided: 4 });
  const officer = await apiToken(t.db, await makeUser(t.db, 'institution_officer', 'NIDA'), 'write');
  assert.equal((await api('GET', url, officer)).statusCode, 403);
  assert.equal((await api('GET', '/api/v1/compliance/revisions', authorToken)).statusCode, 200);
});
