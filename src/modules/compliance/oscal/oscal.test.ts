// OSCAL: the three exports validate against the OSCAL 1.0.6 schemas (../shared/oscal, read only by
// tests) and are repeatable; the NIST SP 800-53 rev5 moderate baseline loads with 18 groups and 287
// controls, and again without duplicating; only the issuing body's authors map requirements; the
// API gives institutions their own part only.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import AjvModule from 'ajv';
import formatsModule from 'ajv-formats';
import { createTestApp, makeUser, apiToken, ctxAs, signIn, csrfToken, type TestApp } from '../../../../test/helpers.ts';
import { complianceWorld, type ComplianceWorld } from '../../../../test/compliance-fixture.ts';
import type { User } from '../../identity/index.ts';
import { assessmentResultsExport, catalogExport, poamExport } from './export.ts';
import { importCatalog } from './import.service.ts';
import { IMPORT_JOB, catalogImportJob } from './import.job.ts';
import { enqueue, runJobsNow } from '../../../platform/jobs/index.ts';
import { addMapping, removeMapping } from './mappings.service.ts';
import { controlIdOf, controlIds, flattenCatalog, frameworkCodeOf, stableUuid } from './rules.ts';

const SHARED = path.resolve('../shared/oscal');
const NIST = path.join(SHARED, 'NIST_SP-800-53_rev5_MODERATE-baseline-resolved-profile_catalog-min.json');
const ajv = new AjvModule.default({ strict: false, allErrors: true });
formatsModule.default(ajv);
const validator = (kind: string) => ajv.compile(JSON.parse(fs.readFileSync(path.join(SHARED, `1.0.6-oscal_${kind}_schema.json`), 'utf8')));
const validate = { catalog: validator('catalog'), ar: validator('assessment-results'), poam: validator('poam') };
function assertValid(v: ReturnType<typeof validator>, doc: unknown) {
  const ok = v(doc);
  assert.ok(ok, JSON.stringify(v.errors?.slice(0, 8), null, 1));
}

let t: TestApp;
let world: ComplianceWorld;
let people: Record<'author' | 'otherAuthor' | 'nidaOfficer' | 'nidaHead' | 'brelaOfficer' | 'reviewer' | 'auditor', User>;
let findingId: string;

before(async () => {
  t = await createTestApp();
  const db = t.db;
  const [nida] = await db.query<{ id: string }>(`SELECT id FROM institutions WHERE acronym = 'NIDA'`);
  await db.query(`INSERT INTO portfolio_systems (institution_id, code, name, lifecycle, hosting) VALUES ($1, 'NIDA-CRS', 'Civil Registration System', 'production', 'govdc')`, [nida!.id]);
  world = await complianceWorld(db, { institutions: ['NIDA', 'BRELA'], answers: 'mixed' });
  people = {
    author: await makeUser(db, 'issuer_author', 'e-GA'),
    otherAuthor: await makeUser(db, 'issuer_author', 'NIDA'),
    nidaOfficer: await makeUser(db, 'institution_officer', 'NIDA'),
    nidaHead: await makeUser(db, 'institution_head', 'NIDA', { name: 'Head of NIDA' }),
    brelaOfficer: await makeUser(db, 'institution_officer', 'BRELA'),
    reviewer: await makeUser(db, 'authority_reviewer', 'e-GA'),
    auditor: await makeUser(db, 'auditor'),
  };
  const nidaId = world.institutionIds.NIDA!;
  const brelaId = world.institutionIds.BRELA!;
  const nidaA = world.assessments.NIDA!;
  // Evidence on NIDA's first answer: a stored file and a link.
  const [ans] = await db.query<{ id: string }>(`SELECT id FROM compliance_answers WHERE assessment_id = $1 AND position = 0`, [nidaA]);
  const [file] = await db.query<{ id: string }>(
    `INSERT INTO compliance_evidence (institution_id, title, kind, file_sha256, file_name, file_type, file_size, expires_on) VALUES ($1, 'ICT asset register', 'file', $2, 'register.pdf', 'application/pdf', 1234, '2027-06-30') RETURNING id`,
    [nidaId, 'a'.repeat(64)],
  );
  const [link] = await db.query<{ id: string }>(`INSERT INTO compliance_evidence (institution_id, title, kind, url) VALUES ($1, 'Policy page', 'link', 'https://nida.go.tz/policy') RETURNING id`, [nidaId]);
  for (const e of [file!.id, link!.id]) await db.query(`INSERT INTO compliance_answer_evidence (answer_id, evidence_id) VALUES ($1, $2)`, [ans!.id, e]);
  await db.query(`UPDATE compliance_answers SET review_status = 'accepted', reviewed_by = $2, reviewed_at = now(), verified_result = 'partial', verified_comment = 'Register incomplete on site', verified_by = $2, verified_at = now() WHERE id = $1`, [ans!.id, people.reviewer.id]);
  await db.query(`UPDATE compliance_assessments SET status = 'reviewed', signed_off_at = now(), signed_off_by = $2 WHERE id = $1`, [nidaA, people.nidaHead.id]);
  await db.query(`INSERT INTO compliance_attestations (assessment_id, signed_by, signer_name, content_sha256, content) VALUES ($1, $2, 'Head of NIDA', $3, '{"answers":[]}')`, [nidaA, people.nidaHead.id, 'b'.repeat(64)]);
  // A finding with a remediation plan for NIDA; a withdrawn one for BRELA (not exported).
  const [f] = await db.query<{ id: string }>(
    `INSERT INTO compliance_findings (assessment_id, institution_id, cycle_id, requirement_id, answer_id, severity, description, due_on, raised_by) VALUES ($1, $2, $3, $4, $5, 'high', 'No ICT asset inventory is kept for the data centre.', '2026-12-31', $6) RETURNING id`,
    [nidaA, nidaId, world.cycleId, world.requirementIds[0], ans!.id, people.reviewer.id],
  );
  findingId = f!.id;
  const [p] = await db.query<{ id: string }>(`INSERT INTO compliance_poam_items (finding_id, institution_id, owner_name, owner_email, plan, status, submitted_at) VALUES ($1, $2, 'ICT Manager', 'ict@nida.go.tz', 'Build the asset register and review it quarterly.', 'in_progress', now()) RETURNING id`, [findingId, nidaId]);
  await db.query(`INSERT INTO compliance_milestones (poam_id, position, title, planned_on, actual_on) VALUES ($1, 1, 'Register drafted', '2026-09-30', '2026-09-28'), ($1, 2, 'Register approved', '2026-11-30', NULL)`, [p!.id]);
  await db.query(`INSERT INTO compliance_poam_evidence (poam_id, evidence_id) VALUES ($1, $2)`, [p!.id, file!.id]);
  await db.query(`INSERT INTO compliance_findings (assessment_id, institution_id, cycle_id, requirement_id, severity, description, due_on, status) VALUES ($1, $2, $3, $4, 'low', 'Withdrawn after challenge.', '2026-12-31', 'withdrawn')`, [world.assessments.BRELA, brelaId, world.cycleId, world.requirementIds[1]]);
});
after(() => t?.close());

const closeCycle = () => t.db.query(`UPDATE compliance_cycles SET status = 'closed', closed_at = '2026-10-01T12:00:00Z' WHERE id = $1`, [world.cycleId]);

test('rules: control ids from refs are OSCAL tokens, unique and stable; UUIDs are version 5 and repeatable', () => {
  assert.equal(controlIdOf('eGA/EXT/ISA/001 §3.3'), 'ega-ext-isa-001-3.3');
  assert.equal(controlIdOf('001 §2'), 'r-001-2');
  const ids = controlIds(['A/1', 'A-1', 'B 2']);
  assert.deepEqual([ids.get('A-1'), ids.get('A/1'), ids.get('B 2')], ['a-1', 'a-1-2', 'b-2']);
  assert.equal(stableUuid('x'), stableUuid('x'));
  assert.notEqual(stableUuid('x'), stableUuid('y'));
  assert.equal(frameworkCodeOf('NIST Special Publication 800-53 Revision 5.1.1 MODERATE IMPACT BASELINE'), 'NIST-SP-800-53-R5.1.1-MIB');
  assert.match(stableUuid('x'), /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
});

test('the NIST SP 800-53 rev5 moderate baseline loads with 18 groups and 287 controls; loading it again updates, never duplicates', async () => {
  const raw = JSON.parse(fs.readFileSync(NIST, 'utf8'));
  const flat = flattenCatalog(raw.catalog);
  assert.equal(flat.groups, 18);
  assert.equal(flat.controls.length, 287);
  assert.equal(flat.controls.filter((c) => c.parentControlId).length, 110, 'control enhancements under their parent');
  const ctx = await ctxAs(t.db, people.reviewer);
  const first = await importCatalog(ctx, { bytes: fs.readFileSync(NIST), name: 'nist.json' });
  assert.deepEqual([first.groups, first.controls, first.created], [18, 287, true]);
  const [ac2] = await t.db.query<{ id: string; group_id: string; parent_control_id: string | null }>(`SELECT id, group_id, parent_control_id FROM compliance_controls WHERE control_id = 'ac-2.1'`);
  assert.deepEqual([ac2!.group_id, ac2!.parent_control_id], ['ac', 'ac-2']);
  const again = await importCatalog(ctx, { bytes: fs.readFileSync(NIST), name: 'nist.json' });
  assert.deepEqual([again.groups, again.controls, again.created, again.frameworkId], [18, 287, false, first.frameworkId]);
  const [counts] = await t.db.query<{ f: number; c: number }>(`SELECT (SELECT count(*) FROM compliance_frameworks)::int AS f, (SELECT count(*) FROM compliance_controls)::int AS c`);
  assert.deepEqual(counts, { f: 1, c: 287 });
  const [same] = await t.db.query<{ id: string }>(`SELECT id FROM compliance_controls WHERE control_id = 'ac-2.1'`);
  assert.equal(same!.id, ac2!.id, 'controls keep their ids, so mappings survive a reload');
  const audits = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'compliance.oscal.import'`);
  assert.equal(audits[0]!.n, 2);
});

test('a file that is not an OSCAL catalog is refused with the reason, and only the authority loads catalogs', async () => {
  const ctx = await ctxAs(t.db, people.reviewer);
  await assert.rejects(importCatalog(ctx, { bytes: Buffer.from('{"catalog": ') }), (e: { fields?: Record<string, string> }) => e.fields?.file === 'oscal.import.notJson');
  await assert.rejects(importCatalog(ctx, { bytes: Buffer.from('{"catalog": {"uuid": "nope"}}') }), (e: { key: string; params?: { problems: string } }) => e.key === 'oscal.import.notCatalog' && /metadata|uuid/.test(e.params!.problems));
  const basic = fs.readFileSync(path.join(SHARED, 'basic-catalog.json'));
  await assert.rejects(importCatalog(await ctxAs(t.db, people.nidaOfficer), { bytes: basic }), (e: { status: number }) => e.status === 403);
});

test('mappings: an e-GA author maps an e-GA requirement (audited); a NIDA officer or NIDA author may not', async () => {
  const [ac2] = await t.db.query<{ id: string }>(`SELECT id FROM compliance_controls WHERE control_id = 'ac-2'`);
  const [cm8] = await t.db.query<{ id: string }>(`SELECT id FROM compliance_controls WHERE control_id = 'cm-8'`);
  const input = { requirementId: world.requirementIds[0]!, controlId: cm8!.id, relation: 'equal' };
  for (const who of [people.nidaOfficer, people.otherAuthor]) {
    await assert.rejects(addMapping(await ctxAs(t.db, who), input), (e: { status: number }) => e.status === 403);
  }
  const author = await ctxAs(t.db, people.author);
  await assert.rejects(addMapping(author, { ...input, relation: 'same' }), (e: { fields?: Record<string, string> }) => e.fields?.relation === 'oscal.field.relation');
  assert.deepEqual(await addMapping(author, input), { created: true });
  assert.deepEqual(await addMapping(author, { ...input, controlId: ac2!.id, relation: 'intersects' }), { created: true });
  assert.deepEqual(await addMapping(author, { ...input, controlId: ac2!.id, relation: 'subset' }), { created: false });
  await removeMapping(author, { requirementId: input.requirementId, controlId: ac2!.id });
  await assert.rejects(removeMapping(author, { requirementId: input.requirementId, controlId: ac2!.id }), (e: { status: number }) => e.status === 404);
  const actions = await t.db.query<{ action: string }>(`SELECT action FROM audit_log WHERE action LIKE 'compliance.mapping.%' ORDER BY seq`);
  assert.deepEqual(actions.map((a) => a.action), ['compliance.mapping.add', 'compliance.mapping.add', 'compliance.mapping.change', 'compliance.mapping.remove']);
});

test('the catalog export validates, carries both languages, props and the mapping, and is the same on a second export', async () => {
  const ctx = await ctxAs(t.db, null);
  const doc = (await catalogExport(ctx)) as { catalog: { groups: { id: string; controls: { id: string; title: string; props: { name: string; value: string; class?: string }[]; parts: { prose: string; parts: { prose: string }[] }[] }[] }[] } };
  assertValid(validate.catalog, doc);
  assert.deepEqual(doc.catalog.groups.map((g) => g.id).sort(), ['ba', 'ina', 'sa']);
  const controls = doc.catalog.groups.flatMap((g) => g.controls);
  assert.equal(controls.length, 5);
  const first = controls.find((c) => c.title === `${world.documentCode} §1.1`)!;
  assert.equal(first.id, 'ega-ext-tst-001-1.1');
  assert.equal(first.parts[0]!.prose, 'The institution shall keep an inventory of its ICT assets.');
  assert.equal(first.parts[0]!.parts[0]!.prose, 'Taasisi itahakikisha inatunza orodha ya rasilimali zake za TEHAMA.');
  assert.ok(first.props.some((p) => p.name === 'obligation' && p.value === 'mandatory'));
  assert.ok(first.props.some((p) => p.name === 'applies-to' && p.value === 'institution'));
  const mapping = first.props.find((p) => p.name === 'maps-to');
  assert.match(mapping!.value, /:cm-8$/);
  assert.equal(mapping!.class, 'equal');
  assert.deepEqual(await catalogExport(ctx), doc, 'repeatable');
});

test('assessment results: refused while the cycle is open; once closed they validate with findings, observations, risks, attestation and evidence', async () => {
  const ctx = await ctxAs(t.db, people.auditor);
  await assert.rejects(assessmentResultsExport(ctx, {}), (e: { status: number; key: string }) => e.status === 404 && e.key === 'oscal.error.noClosedCycle');
  await assert.rejects(assessmentResultsExport(ctx, { cycleId: world.cycleId }), (e: { status: number }) => e.status === 409);
  await closeCycle();
  const doc = (await assessmentResultsExport(ctx, {})) as { 'assessment-results': { results: Record<string, unknown[]>[]; metadata: { parties: { 'short-name'?: string }[] }; 'back-matter': { resources: { title: string }[] } } };
  assertValid(validate.ar, doc);
  const ar = doc['assessment-results'];
  const result = ar.results[0]! as unknown as { findings: { target: { 'target-id': string }; 'related-risks': unknown[] }[]; risks: { status: string; remediations: { tasks: unknown[] }[] }[]; observations: { props: { name: string; value: string }[]; 'relevant-evidence'?: unknown[] }[]; attestations: unknown[] };
  assert.equal(ar.results.length, 1);
  assert.deepEqual(ar.metadata.parties.map((p) => p['short-name']).filter(Boolean).sort(), ['BRELA', 'NIDA', 'e-GA']);
  assert.equal(result.findings.length, 1, 'the withdrawn finding is left out');
  assert.equal(result.findings[0]!.target['target-id'], 'ega-ext-tst-001-1.1');
  assert.equal(result.risks[0]!.status, 'remediating');
  assert.equal(result.risks[0]!.remediations[0]!.tasks.length, 2);
  assert.equal(result.attestations.length, 1);
  assert.ok(result.observations.some((o) => o['relevant-evidence']?.length === 2 && o.props.some((p) => p.name === 'verified-result' && p.value === 'partial')));
  assert.ok(ar['back-matter'].resources.some((r) => r.title === 'ICT asset register'));
  assert.deepEqual(await assessmentResultsExport(ctx, {}), doc, 'repeatable');
});

test('POA&M: NIDA’s remediation plan validates, with its milestones as tasks and its finding and risk', async () => {
  const doc = (await poamExport(await ctxAs(t.db, people.nidaOfficer), 'NIDA')) as { 'plan-of-action-and-milestones': { 'poam-items': { 'related-findings': unknown[]; 'related-risks': unknown[] }[]; risks: { remediations: { tasks: { title: string; props?: { name: string; value: string }[] }[] }[] }[] } };
  assertValid(validate.poam, doc);
  const p = doc['plan-of-action-and-milestones'];
  assert.equal(p['poam-items'].length, 1);
  assert.equal(p['poam-items'][0]!['related-findings'].length, 1);
  const tasks = p.risks[0]!.remediations[0]!.tasks;
  assert.deepEqual(tasks.map((x) => x.title), ['Register drafted', 'Register approved']);
  assert.deepEqual(tasks[0]!.props, [{ name: 'actual-date', ns: 'https://viwango.go.tz/ns/oscal', value: '2026-09-28' }]);
  const empty = await poamExport(await ctxAs(t.db, people.brelaOfficer), 'BRELA');
  assertValid(validate.poam, empty);
  await assert.rejects(poamExport(await ctxAs(t.db, people.brelaOfficer), 'NIDA'), (e: { status: number }) => e.status === 404);
});

test('API: the catalog is public; assessment results and POA&M are scoped to the institutions the caller reads', async () => {
  const get = async (url: string, user?: User) => t.app.inject({ method: 'GET', url, headers: user ? { authorization: `Bearer ${await apiToken(t.db, user, 'read')}` } : {} });
  const cat = await get('/api/v1/compliance/oscal/catalog');
  assert.equal(cat.statusCode, 200);
  assert.match(String(cat.headers['content-disposition']), /viwango-catalog\.json/);
  assertValid(validate.catalog, cat.json());
  assert.equal((await get('/api/v1/compliance/oscal/assessment-results')).statusCode, 401);

  const national = await get(`/api/v1/compliance/oscal/assessment-results?cycle=${world.cycleId}`, people.auditor);
  assert.equal(national.statusCode, 200);
  const parties = (r: typeof national) => (r.json()['assessment-results'].metadata.parties as { 'short-name'?: string }[]).map((p) => p['short-name']).filter(Boolean).sort();
  assert.deepEqual(parties(national), ['BRELA', 'NIDA', 'e-GA']);

  const own = await get('/api/v1/compliance/oscal/assessment-results', people.nidaOfficer);
  assert.equal(own.statusCode, 200);
  assertValid(validate.ar, own.json());
  assert.deepEqual(parties(own), ['NIDA', 'e-GA'], 'an institution gets its own part only');
  assert.doesNotMatch(own.body, /BRELA/);
  assert.equal((await get('/api/v1/compliance/oscal/assessment-results?institution=BRELA', people.nidaOfficer)).statusCode, 404);
  assert.equal((await get('/api/v1/compliance/oscal/assessment-results?institution=BRELA', people.reviewer)).statusCode, 200);

  assert.equal((await get('/api/v1/compliance/oscal/poam?institution=NIDA', people.nidaOfficer)).statusCode, 200);
  assert.equal((await get('/api/v1/compliance/oscal/poam?institution=NIDA', people.brelaOfficer)).statusCode, 404);
  assert.equal((await get('/api/v1/compliance/oscal/poam?institution=NIDA', people.auditor)).statusCode, 200);
  assert.equal((await get('/api/v1/compliance/oscal/poam?institution=NIDA')).statusCode, 401);

  const fw = await get('/api/v1/compliance/oscal/frameworks');
  assert.deepEqual(fw.json().items.map((f: { groups: number; controls: number }) => [f.groups, f.controls]), [[18, 287]]);
  const found = await get('/api/v1/compliance/oscal/controls?q=account%20management');
  assert.ok(found.json().items.some((c: { controlId: string }) => c.controlId === 'ac-2'));
});

test('API mapping: POST as the e-GA author is 201, as a NIDA officer 403; DELETE removes it', async () => {
  const [ac3] = await t.db.query<{ id: string }>(`SELECT id FROM compliance_controls WHERE control_id = 'ac-3'`);
  const body = { requirement: world.requirementIds[1], control: ac3!.id, relation: 'superset' };
  const send = async (method: 'POST' | 'DELETE', url: string, user: User, payload?: unknown) => t.app.inject({ method, url, payload: payload as string, headers: { authorization: `Bearer ${await apiToken(t.db, user, 'write')}` } });
  assert.equal((await send('POST', '/api/v1/compliance/oscal/mappings', people.nidaOfficer, body)).statusCode, 403);
  assert.equal((await send('POST', '/api/v1/compliance/oscal/mappings', people.author, body)).statusCode, 201);
  const list = await t.app.inject({ method: 'GET', url: `/api/v1/compliance/oscal/mappings?requirement=${world.requirementIds[1]}` });
  assert.deepEqual(list.json().items.map((m: { controlId: string; relation: string }) => [m.controlId, m.relation]), [['ac-3', 'superset']]);
  assert.equal((await send('DELETE', `/api/v1/compliance/oscal/mappings/${world.requirementIds[1]}/${ac3!.id}`, people.author)).statusCode, 204);
});

test('pages: the OSCAL page lists the frameworks and downloads; the mapping page maps and removes without JavaScript', async () => {
  const anon = await t.app.inject({ method: 'GET', url: '/compliance/oscal?lang=sw' });
  assert.equal(anon.statusCode, 200);
  assert.match(anon.body, /Ubadilishanaji wa OSCAL/);
  assert.match(anon.body, /href="\/api\/v1\/compliance\/oscal\/catalog"/);
  assert.match(anon.body, /287/);
  const b = await signIn(t.app, people.author);
  const url = `/compliance/oscal/requirements/${world.requirementIds[2]}/mappings`;
  const home = await b.get('/compliance/oscal');
  assert.ok(home.body.includes(`href="${url}"`), 'the author finds the requirements of e-GA standards to map');
  assert.doesNotMatch(anon.body, /mappings"/);
  const search = await b.get(`${url}?q=sc-28`);
  assert.equal(search.statusCode, 200);
  assert.match(search.body, /Protection of Information at Rest/);
  const [sc28] = await t.db.query<{ id: string }>(`SELECT id FROM compliance_controls WHERE control_id = 'sc-28'`);
  const added = await b.post(`${url}/add`, { control: sc28!.id, relation: 'equal', framework: '', q: 'sc-28' }, { csrf: csrfToken(search.body) });
  assert.equal(added.statusCode, 303);
  const page = await b.get(String(added.headers.location));
  assert.match(page.body, /The mapping was saved/);
  assert.match(page.body, /sc-28<\/code>|sc-28\s*<\/code>/);
  const removed = await b.post(`${url}/remove`, { control: sc28!.id }, { csrf: csrfToken(page.body) });
  assert.equal(removed.statusCode, 303);
  const officer = await signIn(t.app, people.nidaOfficer);
  const view = await officer.get(url);
  assert.equal(view.statusCode, 200);
  assert.doesNotMatch(view.body, /action="[^"]*mappings\/add"/, 'no map buttons for those who may not map');
  assert.equal((await officer.post(`${url}/add`, { control: sc28!.id, relation: 'equal' }, { csrf: csrfToken(view.body) })).statusCode, 403);
});

test('pages: NIDA’s officer is offered NIDA’s own results and plan; the upload page refuses a file that is not a catalog, in the reader’s language', async () => {
  const officer = await signIn(t.app, people.nidaOfficer);
  const page = await officer.get('/compliance/oscal');
  assert.match(page.body, /Our assessment results in TEST-2026/);
  assert.match(page.body, /href="\/api\/v1\/compliance\/oscal\/poam\?institution=NIDA"/);
  assert.doesNotMatch(page.body, /compliance\/oscal\/import/);
  assert.equal((await officer.get('/compliance/oscal/import')).statusCode, 403);

  const reviewer = await signIn(t.app, people.reviewer);
  const form = await reviewer.get('/compliance/oscal/import?lang=sw');
  assert.equal(form.statusCode, 200);
  const boundary = '----viwango-test';
  const body = [`--${boundary}`, 'Content-Disposition: form-data; name="_csrf"', '', csrfToken(form.body), `--${boundary}`, 'Content-Disposition: form-data; name="file"; filename="x.json"', 'Content-Type: application/json', '', '{"catalog": {"uuid": "1"}}', `--${boundary}--`, ''].join('\r\n');
  const res = await t.app.inject({ method: 'POST', url: '/compliance/oscal/import', payload: body, headers: { cookie: [...reviewer.cookies].map(([k, v]) => `${k}=${v}`).join('; '), 'content-type': `multipart/form-data; boundary=${boundary}` } });
  assert.equal(res.statusCode, 422);
  assert.match(res.body, /Faili si katalogi halali ya OSCAL 1\.0\.6/);
  const [n] = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM compliance_frameworks');
  assert.equal(n!.n, 1, 'nothing stored');
  const [queued] = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM jobs WHERE type = $1`, [IMPORT_JOB]);
  assert.equal(queued!.n, 0, 'nothing queued');
});

let uploader: Awaited<ReturnType<typeof signIn>>;
test('pages: an uploaded catalog is queued, its page shows the load waiting and then what it loaded, without JavaScript; the load is audited as the uploader', async () => {
  const reviewer = (uploader = await signIn(t.app, people.reviewer));
  const basic = fs.readFileSync(path.join(SHARED, 'basic-catalog.json'));
  const before = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM compliance_frameworks');
  const res = await reviewer.postMultipart('/compliance/oscal/import', {}, { name: 'basic-catalog.json', type: 'application/json', bytes: basic });
  assert.equal(res.statusCode, 303);
  const url = String(res.headers.location);
  assert.match(url, /^\/compliance\/oscal\/import\/jobs\/[0-9]+$/);
  const [still] = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM compliance_frameworks');
  assert.equal(still!.n, before[0]!.n, 'nothing is loaded inside the request');

  const waiting = await reviewer.get(url);
  assert.equal(waiting.statusCode, 200);
  assert.match(waiting.body, /Waiting/);
  assert.match(waiting.body, new RegExp(`href="${url}"`), 'a plain refresh link');
  assert.match(waiting.body, /data-job-refresh/);
  const other = await signIn(t.app, await makeUser(t.db, 'authority_reviewer', 'e-GA'));
  assert.equal((await other.get(url)).statusCode, 404, 'another reviewer does not see someone else’s upload');
  assert.equal((await (await signIn(t.app, people.nidaOfficer)).get(url)).statusCode, 403);

  await runJobsNow(t.db, { config: t.config, until: 'idle' });
  const done = await reviewer.get(`${url}?lang=sw`);
  assert.equal(done.statusCode, 200);
  const [fw] = await t.db.query<{ code: string; group_count: number; control_count: number }>(`SELECT code, group_count, control_count FROM compliance_frameworks ORDER BY loaded_at DESC LIMIT 1`);
  assert.ok(done.body.includes(`makundi ${fw!.group_count} na udhibiti ${fw!.control_count} yamepakiwa`), done.body);
  assert.match(done.body, /Mfumo rejea mpya, /);
  assert.doesNotMatch(done.body, /data-job-refresh/, 'the page stops refreshing once the load has ended');
  const entries = await t.db.query<{ action: string; actor_id: string }>(`SELECT action, actor_id FROM audit_log WHERE action IN ('compliance.oscal.import.request', 'compliance.oscal.import') ORDER BY seq DESC LIMIT 2`);
  assert.deepEqual(entries.map((e) => [e.action, e.actor_id]), [['compliance.oscal.import', people.reviewer.id], ['compliance.oscal.import.request', people.reviewer.id]]);
});

test('a queued load whose file is no longer kept ends with the reason in the uploader’s language, and nothing is loaded', async () => {
  const [count] = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM compliance_frameworks');
  const id = await enqueue(t.db.orm, catalogImportJob, { sha256: 'f'.repeat(64), name: 'gone.json', userId: people.reviewer.id, via: 'web', ip: null }, { createdBy: people.reviewer.id });
  await runJobsNow(t.db, { config: t.config, until: 'idle' });
  const page = await uploader.get(`/compliance/oscal/import/jobs/${id}?lang=sw`);
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /Katalogi haikupakiwa/);
  assert.match(page.body, /Faili lililopakiwa halihifadhiwi tena/);
  const [after] = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM compliance_frameworks');
  assert.equal(after!.n, count!.n);
});


test('requirements of an internal document: out of the public catalog and mappings, in the authority’s', async () => {
  await t.db.query(`UPDATE library_documents SET audience = 'internal' WHERE id = $1`, [world.documentId]);
  try {
    const pub = (await catalogExport(await ctxAs(t.db, null))) as { catalog: { groups?: unknown[] } };
    assert.equal(pub.catalog.groups, undefined);
    assertValid(validate.catalog, pub);
    const national = (await catalogExport(await ctxAs(t.db, people.auditor))) as { catalog: { groups: { controls: unknown[] }[] } };
    assert.equal(national.catalog.groups.flatMap((g) => g.controls).length, 5);
    const url = `/api/v1/compliance/oscal/mappings?requirement=${world.requirementIds[0]}`;
    assert.equal((await t.app.inject({ method: 'GET', url })).statusCode, 404);
    const token = await apiToken(t.db, people.auditor, 'read');
    assert.equal((await t.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } })).statusCode, 200);
  } finally {
    await t.db.query(`UPDATE library_documents SET audience = 'public' WHERE id = $1`, [world.documentId]);
  }
});
