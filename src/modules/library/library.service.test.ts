import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestDb, makeUser, testConfig, type TestDb } from '../../../test/helpers.ts';
import { createCtx, type Ctx } from '../../platform/context.ts';
import { actorFor } from '../identity/users.service.ts';
import { findInstitutionByAcronym } from '../reference/reference.service.ts';
import type { Role } from '../../platform/auth/actor.ts';
import { verifyAudit } from '../../platform/audit.ts';
import { AppError } from '../../platform/http/errors.ts';
import { loadLibraryReference } from './seed.ts';
import { createDocument, findDocument } from './documents.service.ts';
import { createEdition, saveDraft, transition } from './editions.service.ts';
import { documentView, listDocuments, templates } from './queries.service.ts';
import { search } from './search.service.ts';
import { confirmSubscription, subscribe, unsubscribe } from './subscriptions.service.ts';

let t: TestDb;
let anon: Ctx;
const actors: Record<string, Ctx> = {};
/** A call context for a person with this role (one per role and institution). */
async function actor(role: Role, inst?: string) {
  const key = `${role}@${inst}`;
  if (!actors[key]) actors[key] = createCtx({ db: t.db, config: testConfig(), actor: await actorFor(t.db.orm, await makeUser(t.db, role, inst), 'web') });
  return actors[key];
}
const content = (text: string) => [{ id: 'sec001', headingSw: 'Usalama', headingEn: 'Security', clauses: [{ id: 'cla001', textSw: text, textEn: 'Logs are kept for one year.' }] }];
const rejects = async (p: Promise<unknown>, status: number, key?: string) => {
  await assert.rejects(p, (e: unknown) => {
    assert.ok(e instanceof AppError, String(e));
    assert.equal(e.status, status);
    if (key) assert.ok(e.key === key || Object.values(e.fields ?? {}).includes(key as never), `expected ${key}, got ${e.key} ${JSON.stringify(e.fields)}`);
    return true;
  });
};

before(async () => {
  t = await createTestDb();
  anon = createCtx({ db: t.db, config: testConfig() });
  assert.equal(await loadLibraryReference(t.db), true);
});
after(() => t.close());

test('the reference structure loads once, with the rules applied to the source data', async () => {
  assert.equal(await loadLibraryReference(t.db), false);
  const ita = await documentView(anon, 'ega-ext-ita-001');
  assert.equal(ita.doc.level, 2);
  assert.equal(ita.inForce?.version, '1.1');
  assert.equal(ita.doc.isSample, true);
  const gb = await findDocument(t.db.orm, 'PO-GB-EA-2010');
  assert.equal(gb?.level, 1, 'PO-PSMGG guidebooks sit at level 1');
  const om = await findDocument(t.db.orm, 'eGA/EXT/APA/007-OM');
  assert.equal(om?.level, 2);
  const tpl = await documentView(anon, 'local-tpl-aup');
  assert.equal(tpl.parent, null);
  assert.deepEqual(tpl.implements.map((d) => d.code), ['eGA/EXT/ISA/001']);
  const isa = await documentView(anon, 'ega-ext-isa-001');
  assert.ok(isa.implementedBy.some((d) => d.code === 'LOCAL-TPL-AUP'), 'traceability shows on both sides');
  const apa = await documentView(anon, 'ega-ext-apa-001');
  assert.ok(apa.related.some((d) => d.code === 'eGA/EXT/APA/002'));
  const level2 = await listDocuments(anon, { level: 2, group: 'AA' });
  assert.ok(level2.items.every((d) => d.level === 2 && d.groupCode === 'AA') && level2.total >= 4);
  assert.deepEqual((await verifyAudit(t.db)).ok, true);
});

test('issuing rules hold in the service: e-GA cannot issue level 1, a ministry only sectoral guidelines', async () => {
  const ega = await actor('issuer_author', 'e-GA');
  const egaId = (await findInstitutionByAcronym(t.db.orm, 'e-GA'))!.id;
  await rejects(createDocument(ega, { code: 'eGA/X/1', level: 1, kind: 'policy_guideline', issuerId: egaId, titleSw: 'A', titleEn: 'A' }), 422, 'library.rule.level1Issuer');
  const moh = await actor('issuer_author', 'MoH');
  const mohId = (await findInstitutionByAcronym(t.db.orm, 'MoH'))!.id;
  await rejects(createDocument(moh, { code: 'MOH/1', level: 1, kind: 'policy_guideline', issuerId: mohId, titleSw: 'A', titleEn: 'A' }), 422, 'library.rule.ministrySectoralOnly');
  await rejects(createDocument(moh, { code: 'MOH/2', level: 1, kind: 'sector_guideline', issuerId: mohId, titleSw: 'A', titleEn: 'A' }), 422, 'library.rule.sectorRequired');
  await rejects(createDocument(ega, { code: 'eGA/X/2', level: 2, kind: 'checklist', parent: 'PO-GL-EGOV-2017', issuerId: egaId, titleSw: 'A', titleEn: 'A' }), 422, 'library.rule.parentSameLevel');
  // Acting for another institution is refused outright.
  await rejects(createDocument(moh, { code: 'eGA/X/3', level: 2, kind: 'technical_standard', issuerId: egaId, titleSw: 'A', titleEn: 'A' }), 403);
});

test('the lifecycle: draft, conflict on a stale save, review, publish, supersede with reason, one in force', async () => {
  const author = await actor('issuer_author', 'e-GA');
  const approver = await actor('issuer_approver', 'e-GA');
  const egaId = (await findInstitutionByAcronym(t.db.orm, 'e-GA'))!.id;
  const { doc, edition } = await createDocument(author, { code: 'eGA/EXT/TST/001', level: 2, kind: 'technical_standard', groupCode: 'SA', issuerId: egaId, titleSw: 'Kiwango cha kumbukumbu za usalama', titleEn: 'Security logging standard' });
  assert.equal(edition.status, 'draft');
  // Drafts are never public.
  await rejects(documentView(anon, doc.slug), 404);
  const saved = await saveDraft(author, { editionId: edition.id, revision: edition.revision, content: content('Kumbukumbu zihifadhiwe kwa mwaka mmoja.') });
  assert.equal(saved.revision, edition.revision + 1);
  const stale = saveDraft(author, { editionId: edition.id, revision: edition.revision, content: content('Toleo la zamani') });
  await assert.rejects(stale, (e: AppError) => e.status === 409 && (e.extra?.current as { revision: number }).revision === saved.revision);
  await rejects(transition(approver, { editionId: edition.id, action: 'publish' }), 409, 'library.rule.publishNotApproved');
  await rejects(transition(author, { editionId: edition.id, action: 'approve' }), 403);
  await transition(author, { editionId: edition.id, action: 'submit' });
  await transition(approver, { editionId: edition.id, action: 'approve' });
  const live = await transition(approver, { editionId: edition.id, action: 'publish', effectiveDate: '2025-01-15' });
  assert.equal(live.status, 'in_force');
  await rejects(saveDraft(author, { editionId: edition.id, revision: live.revision, content: content('x') }), 409, 'library.rule.inForceNotEditable');
  // Visible to the public now.
  assert.equal((await documentView(anon, doc.slug)).inForce?.version, '1.0');

  const next = await createEdition(author, { documentId: doc.id });
  assert.equal(next.edition.version, '1.1');
  await rejects(createEdition(author, { documentId: doc.id }), 409, 'library.rule.openDraftExists');
  await saveDraft(author, { editionId: next.edition.id, revision: next.edition.revision, content: content('Kumbukumbu zihifadhiwe kwa miaka miwili.') });
  await transition(author, { editionId: next.edition.id, action: 'submit' });
  await transition(approver, { editionId: next.edition.id, action: 'approve' });
  await rejects(transition(approver, { editionId: next.edition.id, action: 'publish' }), 422, 'library.rule.reasonRequired');
  await transition(approver, { editionId: next.edition.id, action: 'publish', reason: 'Retention period extended' });
  const view = await documentView(anon, doc.slug);
  assert.equal(view.inForce?.version, '1.1');
  const old = view.editions.find((e) => e.version === '1.0')!;
  assert.equal(old.status, 'superseded');
  assert.equal(old.statusReason, 'Retention period extended');
  // The database itself refuses a second edition in force.
  await assert.rejects(t.db.query(`UPDATE library_editions SET status = 'in_force' WHERE id = $1`, [old.id]));
  await rejects(transition(approver, { editionId: old.id, action: 'withdraw', reason: 'x' }), 409);
  await rejects(transition(approver, { editionId: next.edition.id, action: 'withdraw', reason: '' }), 422, 'library.rule.reasonRequired');
});

test('search finds words by prefix and with typos, ranks in-force first, and hides what the caller may not see', async () => {
  const r = await search(anon, 'kumbukumbu miaka');
  assert.ok(r.hits.length >= 1);
  assert.equal(r.hits[0].code, 'eGA/EXT/TST/001');
  assert.equal(r.hits[0].status, 'in_force');
  assert.equal(r.hits.filter((h) => h.code === 'eGA/EXT/TST/001').length, 1, 'one hit per document, not one per edition');
  assert.match(r.hits[0].snippet, /<mark>/);
  const typo = await search(anon, 'kumbukmbu');
  assert.ok(typo.hits.some((h) => h.code === 'eGA/EXT/TST/001'), 'a misspelt Kiswahili word still finds the document');
  const known = await search(anon, 'kumbukumbu');
  assert.deepEqual(known.alternatives, [], 'a correctly spelt word is not widened to look-alike words');
  const prefix = await search(anon, 'kumbu');
  assert.deepEqual(prefix.alternatives, [], 'a prefix of known words is not widened either');
  assert.ok(prefix.hits.some((h) => h.code === 'eGA/EXT/TST/001'));
  const en = await search(anon, 'interoperability', { level: 2 });
  assert.ok(en.hits.every((h) => h.level === 2));
  assert.ok(en.hits.some((h) => h.code === 'eGA/EXT/GIF/001'));
  const none = await search(anon, 'zzqxv');
  assert.equal(none.total, 0);
});

test('an institution writes its level-3 policy from a template; it stays internal and traces to level 2', async () => {
  const officer = await actor('institution_officer', 'NIDA');
  const nidaId = (await findInstitutionByAcronym(t.db.orm, 'NIDA'))!.id;
  const [tpl] = (await templates(anon)).filter((x) => x.doc.code === 'LOCAL-TPL-AUP');
  const { doc, edition } = await createDocument(officer, { code: 'NIDA/ICT/POL/001', level: 3, kind: 'policy', issuerId: nidaId, titleSw: 'Sera ya TEHAMA ya NIDA', titleEn: 'NIDA ICT policy', templateEditionId: tpl.edition.id, implements: ['eGA/EXT/ISA/001'] });
  assert.equal(doc.audience, 'internal');
  assert.deepEqual(edition.content.map((s) => s.headingEn), tpl.edition.content.map((s) => s.headingEn), 'the draft starts with the template text');
  const head = await actor('institution_head', 'NIDA');
  await transition(officer, { editionId: edition.id, action: 'submit' });
  await transition(head, { editionId: edition.id, action: 'approve' });
  await transition(head, { editionId: edition.id, action: 'publish' });
  const own = await documentView(officer, doc.slug);
  assert.equal(own.template?.doc.code, 'LOCAL-TPL-AUP');
  assert.deepEqual(own.implements.map((d) => d.code), ['eGA/EXT/ISA/001']);
  await rejects(documentView(anon, doc.slug), 404);
  await rejects(documentView(await actor('institution_officer', 'BRELA'), doc.slug), 404);
  const isaAnon = await documentView(anon, 'ega-ext-isa-001');
  assert.ok(!isaAnon.implementedBy.some((d) => d.code === doc.code), 'internal documents are not revealed through links');
  const isaOwn = await documentView(officer, 'ega-ext-isa-001');
  assert.ok(isaOwn.implementedBy.some((d) => d.code === doc.code));
  assert.equal((await search(anon, 'NIDA ICT policy')).hits.filter((h) => h.code === doc.code).length, 0);
  assert.ok((await search(officer, 'NIDA ICT policy')).hits.some((h) => h.code === doc.code));
});

test('subscriptions: confirmation first, a message when an edition comes into force, one-click unsubscribe', async () => {
  await subscribe(anon, { email: 'Reader@Example.go.tz', type: 'group', target: 'SA', lang: 'en' });
  const [confirmMail] = await t.db.query<{ body_text: string; subject: string }>(`SELECT * FROM mail_outbox WHERE to_address = 'reader@example.go.tz' ORDER BY id`);
  assert.match(confirmMail.subject, /Confirm/);
  const token = confirmMail.body_text.match(/token=([\w-]+)/)![1];
  assert.equal(await confirmSubscription(anon, { token: token }), true);
  const author = await actor('issuer_author', 'e-GA');
  const approver = await actor('issuer_approver', 'e-GA');
  const doc = (await findDocument(t.db.orm, 'eGA/EXT/TST/001'))!;
  const e = await createEdition(author, { documentId: doc.id, changeSummary: 'Clarified wording' });
  await transition(author, { editionId: e.edition.id, action: 'submit' });
  await transition(approver, { editionId: e.edition.id, action: 'approve' });
  await transition(approver, { editionId: e.edition.id, action: 'publish' });
  const mails = await t.db.query<{ subject: string }>(`SELECT subject FROM mail_outbox WHERE to_address = 'reader@example.go.tz' ORDER BY id`);
  assert.equal(mails.length, 2);
  assert.match(mails[1].subject, /In force: eGA\/EXT\/TST\/001 version 1.2/);
  await unsubscribe(anon, { token: token });
  assert.equal(await confirmSubscription(anon, { token: token }), false);
  await rejects(subscribe(anon, { email: 'not-an-email', type: 'level', target: '2', lang: 'sw' }), 422, 'library.subscribe.badEmail');
});
