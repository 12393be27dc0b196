import { test, before, after } from 'node:test';
import { queueMail } from '../../platform/mail.ts';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createTestApp, ctxAs, makeUser, signIn, apiToken, institutionId, Browser, type TestApp } from '../../../test/helpers.ts';
import { SYSTEM, recordAudit } from '../../platform/audit.ts';
import type { User } from '../identity/users.service.ts';
import { auditPage, csvCell } from './audit-browser.service.ts';
import { writeCheckpoint } from '../../platform/audit-checkpoints.ts';
import { rewriteTail } from '../../../test/audit-attacker.ts';
import { tanzaniaDate } from '../../platform/calendar.ts';

let t: TestApp;
let admin: User;
let head: User;
let b: Browser;
let hb: Browser;
// Checkpoints and their key are files: each run gets its own folder for them.
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'viwango-admin-audit-'));
before(async () => {
  t = await createTestApp({ dataDir });
  admin = await makeUser(t.db, 'admin');
  head = await makeUser(t.db, 'institution_head', 'NIDA');
  await makeUser(t.db, 'institution_officer', 'NIDA', { email: 'nida.officer@nida.go.tz' });
  await makeUser(t.db, 'institution_officer', 'TRA', { email: 'tra.officer@tra.go.tz' });
  b = await signIn(t.app, admin);
  hb = await signIn(t.app, head);
});
after(async () => {
  await t.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

test('CSV cells are quoted properly and defused against spreadsheet formulas', () => {
  assert.equal(csvCell('plain'), 'plain');
  assert.equal(csvCell('a,b'), '"a,b"');
  assert.equal(csvCell('say "hi"'), '"say ""hi"""');
  assert.equal(csvCell('line\nbreak'), '"line\nbreak"');
  assert.equal(csvCell('=HYPERLINK("http://evil")'), `"'=HYPERLINK(""http://evil"")"`);
  assert.equal(csvCell('+1'), "'+1");
  assert.equal(csvCell('-2'), "'-2");
  assert.equal(csvCell('@SUM(A1)'), "'@SUM(A1)");
  assert.equal(csvCell(null), '');
  assert.equal(csvCell({ a: 1 }), '"{""a"":1}"');
});

test('an institution head sees only their institution’s entries, on the page, in the CSV and in the API', async () => {
  const nida = await institutionId(t.db, 'NIDA');
  const page = await hb.get('/admin/audit?lang=en');
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /You see the entries of your own institution only/);
  assert.match(page.body, /<code class="vw-code">user\.create<\/code>/, 'the entry itself, not the filter’s option');
  assert.doesNotMatch(page.body, /TRA/);
  assert.doesNotMatch(page.body, /Check the hash chain/);
  // Asking for another institution's entries gives nothing, not them.
  const tra = await institutionId(t.db, 'TRA');
  assert.match((await hb.get(`/admin/audit?institution=${tra}&lang=en`)).body, /Nothing to show/);

  const csv = await hb.get('/admin/audit.csv');
  assert.equal(csv.statusCode, 200);
  assert.match(String(csv.headers['content-type']), /^text\/csv/);
  const lines = csv.body.replace(/^\uFEFF/, '').trim().split('\r\n');
  assert.equal(lines[0], 'seq,at,actor,via,ip,institution,action,action_label,entity_type,entity_id,summary');
  assert.ok(lines.length > 1);
  for (const l of lines.slice(1)) assert.match(l, /,NIDA,/);

  const token = await apiToken(t.db, head, 'read');
  const api = await t.app.inject({ url: '/api/v1/audit', headers: { authorization: `Bearer ${token}` } });
  assert.equal(api.statusCode, 200);
  const items = api.json().items as { institutionId: string }[];
  assert.ok(items.length > 0);
  assert.ok(items.every((i) => i.institutionId === nida));

  // Administrators see everything.
  const all = await b.get('/admin/audit?lang=en');
  assert.match(all.body, /TRA/);
  assert.match(all.body, /Check the hash chain/);
  const adminCsv = await b.get('/admin/audit.csv');
  assert.match(adminCsv.body, /,TRA,/);
});

test('officers and anonymous callers cannot read the trail; heads cannot run the chain check', async () => {
  const officer = await makeUser(t.db, 'institution_officer', 'NIDA');
  const ob = await signIn(t.app, officer);
  assert.equal((await ob.get('/admin/audit')).statusCode, 403);
  assert.equal((await ob.get('/admin/audit.csv')).statusCode, 403);
  const api = await t.app.inject({ url: '/api/v1/audit', headers: { authorization: `Bearer ${await apiToken(t.db, officer, 'read')}` } });
  assert.equal(api.statusCode, 403);
  assert.equal((await t.app.inject('/api/v1/audit')).statusCode, 401);
  assert.equal((await hb.get('/admin/audit?verify=1')).statusCode, 403);
  assert.equal((await hb.get('/admin/outbox')).statusCode, 403);
});

test('signed checkpoints: the API gives them to administrators and auditors only, the chain check shows them', async () => {
  const none = await b.get('/admin/audit?verify=1&lang=en');
  assert.match(none.body, /There are no signed checkpoints yet/);

  const written = [];
  for (let i = 0; i < 3; i++) {
    await t.db.orm.transaction((tx) => recordAudit(tx, SYSTEM, { action: 'anchor.probe', entityType: 'anchor', entityId: String(i) }));
    written.push((await writeCheckpoint(t.db, t.config))!);
  }
  const get = async (url: string, user?: User) =>
    t.app.inject({ url, headers: user ? { authorization: `Bearer ${await apiToken(t.db, user, 'read')}` } : {} });
  const all = await get('/api/v1/audit/checkpoints', admin);
  assert.equal(all.statusCode, 200);
  const body = all.json();
  assert.match(body.publicKey, /^-----BEGIN PUBLIC KEY-----/);
  assert.deepEqual(body.keys.map((k: { keyId: string }) => k.keyId), [body.keyId]);
  assert.equal(body.total, 3);
  assert.deepEqual(body.checkpoints, written.map((c, i) => ({ n: i + 1, ...c })));
  const first = (await get('/api/v1/audit/checkpoints?limit=2', admin)).json();
  assert.deepEqual(first.checkpoints.map((c: { seq: number }) => c.seq), written.slice(0, 2).map((c) => c.seq));
  assert.equal(first.nextCursor, 2);
  const rest = (await get(`/api/v1/audit/checkpoints?after=${first.nextCursor}&limit=2`, admin)).json();
  assert.deepEqual(rest.checkpoints.map((c: { seq: number }) => c.seq), [written[2].seq]);
  assert.equal(rest.nextCursor, null);

  assert.equal((await get('/api/v1/audit/checkpoints', await makeUser(t.db, 'auditor'))).statusCode, 200);
  assert.equal((await get('/api/v1/audit/checkpoints', head)).statusCode, 403, 'heads read their institution’s entries, not the whole chain');
  assert.equal((await get('/api/v1/audit/checkpoints', await makeUser(t.db, 'institution_officer', 'NIDA'))).statusCode, 403);
  assert.equal((await get('/api/v1/audit/checkpoints')).statusCode, 401);

  const held = await b.get('/admin/audit?verify=1&lang=sw');
  assert.match(held.body, new RegExp(`Pia unalingana na vituo vyote 3 vilivyosainiwa .* kinathibitisha kumbukumbu ${written[2].seq} `));

  // A consistent rewrite of the tail: the chain holds, the checkpoints do not. Put back afterwards.
  const saved = await t.db.query<Record<string, unknown>>('SELECT seq, actor_label, prev_hash, hash FROM audit_log WHERE seq >= $1', [written[0].seq]);
  const savedHead = (await t.db.query<Record<string, unknown>>('SELECT seq, hash FROM audit_head'))[0];
  await rewriteTail(t.db, saved.length);
  const caught = await b.get('/admin/audit?verify=1&lang=en');
  assert.match(caught.body, /Chain intact/);
  assert.match(caught.body, new RegExp(`But the trail does not match its signed checkpoints kept outside the database: entry ${written[0].seq} is not the one the checkpoint on line 2 vouches for`));
  assert.doesNotMatch(caught.body, /govuk-notification-banner--success/);
  for (const r of saved) await t.db.query('UPDATE audit_log SET actor_label = $1, prev_hash = $2, hash = $3 WHERE seq = $4', [r.actor_label, r.prev_hash, r.hash, r.seq]);
  await t.db.query('UPDATE audit_head SET seq = $1, hash = $2', [savedHead.seq, savedHead.hash]);
  assert.match((await b.get('/admin/audit?verify=1&lang=en')).body, /It also matches all 3 signed checkpoints/);
});

test('filters, keyset paging and the chain check work for administrators', async () => {
  // Enough entries for several pages.
  await t.db.orm.transaction(async (tx) => {
    for (let i = 0; i < 120; i++) await recordAudit(tx, { ...SYSTEM, actorLabel: 'bulk@test.go.tz' }, { action: 'test.bulk', entityType: 'probe', entityId: String(i), summary: { i } });
  });
  const adminCtx = await ctxAs(t.db, admin);
  const first = await auditPage(adminCtx, { action: 'test.' });
  assert.equal(first.items.length, 50);
  assert.equal(first.items[0].entityId, '119');
  assert.equal(first.newer, null);
  assert.ok(first.older);
  const second = await auditPage(adminCtx, { action: 'test.' }, { before: first.older! });
  assert.equal(second.items[0].entityId, '69');
  const back = await auditPage(adminCtx, { action: 'test.' }, { after: second.newer! });
  assert.deepEqual(back.items.map((e) => e.seq), first.items.map((e) => e.seq));
  const third = await auditPage(adminCtx, { action: 'test.' }, { before: second.older! });
  assert.equal(third.items.length, 20);
  assert.equal(third.older, null);

  const page = await b.get('/admin/audit?email=BULK@&entity=probe&lang=en');
  assert.match(page.body, /href="\/admin\/audit\?email=BULK%40&amp;entity=probe&amp;lang=en&amp;before=\d+"/);
  assert.match(page.body, /href="\/admin\/audit.csv\?email=BULK%40&amp;entity=probe"/);
  const today = tanzaniaDate();
  assert.equal((await b.get(`/admin/audit.csv?action=test.bulk&from=${today}&to=${today}`)).body.trim().split('\r\n').length, 121);
  assert.equal((await b.get('/admin/audit.csv?action=test.bulk&to=2000-01-01')).body.trim().split('\r\n').length, 1);
  const badDate = await b.get('/admin/audit?from=31/12/2026&lang=en');
  assert.equal(badDate.statusCode, 422);
  assert.match(badDate.body, /href="#from">Enter a date like 2026-03-31/);

  const api = await t.app.inject({ url: '/api/v1/audit?action=test.bulk&limit=100', headers: { authorization: `Bearer ${await apiToken(t.db, admin, 'read')}` } });
  assert.equal(api.json().items.length, 100);
  const next = await t.app.inject({ url: `/api/v1/audit?action=test.bulk&limit=100&before=${api.json().nextCursor}`, headers: { authorization: `Bearer ${await apiToken(t.db, admin, 'read')}` } });
  assert.equal(next.json().items.length, 20);
  assert.equal(next.json().nextCursor, null);

  const ok = await b.get('/admin/audit?verify=1&lang=en');
  assert.match(ok.body, /Chain intact: [\d,]+ entries checked/);
  await t.db.query(`UPDATE audit_log SET summary = '{"i": 999}'::jsonb WHERE action = 'test.bulk' AND entity_id = '7'`);
  const broken = await b.get('/admin/audit?verify=1&lang=sw');
  assert.match(broken.body, /Mnyororo umekatika kwenye kumbukumbu \d+/);
});

test('each entry shows its event’s label in the reader’s language beside the code, on the page and in the CSV', async () => {
  const en = await b.get('/admin/audit?action=user.create&lang=en');
  assert.match(en.body, /<span class="vw-audit-label">Person added<\/span><br\/><code class="vw-code">user\.create<\/code>/);
  const sw = await b.get('/admin/audit?action=user.create&lang=sw');
  assert.match(sw.body, /<span class="vw-audit-label">Mtu ameongezwa<\/span><br\/><code class="vw-code">user\.create<\/code>/);
  // The filters offer the catalog: modules by name, events by label and code.
  assert.match(en.body, /<option value="identity">Sign-in, people and tokens<\/option>/);
  assert.match(sw.body, /<option value="user\.create" selected>Kuingia, watu na tokeni: Mtu ameongezwa \(user\.create\)<\/option>/);
  // An entry no catalog declares (written before the catalog, or by a test) shows its code alone.
  const probe = await b.get('/admin/audit?action=anchor.probe&lang=en');
  assert.match(probe.body, /<td class="govuk-table__cell"><code class="vw-code">anchor\.probe<\/code>/);

  const csv = async (lang: string) => (await b.get(`/admin/audit.csv?action=user.create&lang=${lang}`)).body.replace(/^\uFEFF/, '').trim().split('\r\n').slice(1);
  const enRows = await csv('en');
  assert.ok(enRows.length > 0);
  for (const l of enRows) assert.match(l, /,user\.create,Person added,user,/);
  for (const l of await csv('sw')) assert.match(l, /,user\.create,Mtu ameongezwa,user,/);
});

test('the module filter shows the events of that module only; a declared event matches exactly', async () => {
  const adminCtx = await ctxAs(t.db, admin);
  const identity = await auditPage(adminCtx, { module: 'identity' }, {}, 500);
  assert.ok(identity.items.length > 0);
  const codes = new Set(identity.items.map((e) => e.action));
  assert.ok(codes.has('user.create') && codes.has('token.create'), 'people and tokens are identity events');
  assert.ok(!codes.has('reference.load') && !codes.has('anchor.probe'), 'other modules’ events are left out');
  assert.equal((await auditPage(adminCtx, { module: 'no-such-module' })).items.length, 0);
  // user.password is an event of its own: choosing it does not bring in user.password_reset.
  await makeUser(t.db, 'auditor');
  const exact = await auditPage(adminCtx, { action: 'user.create' }, {}, 500);
  assert.ok(exact.items.every((e) => e.action === 'user.create'));
});

test('the outbox shows the latest messages to administrators only', async () => {
  await b.post('/admin/people/new', { name: 'Barua Pepe', email: 'outbox.check@test.go.tz', lang: 'en', role: 'auditor', institution: '' });
  const page = await b.get('/admin/outbox?lang=en');
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /outbox\.check@(<wbr\/>)?test\.go\.tz/);
  assert.match(page.body, /You have been invited to Viwango/);
  assert.match(page.body, /<details/);
  assert.match(page.body, /Pending/);
  assert.match(page.body, /SMTP_URL/);
  // A message with files names them (the bytes stay in the file store).
  await t.db.orm.transaction((tx) => queueMail(tx, { to: 'files.check@test.go.tz', subject: 'Letter', body: 'See the files.', attachments: [{ filename: 'barua-sw.pdf', contentType: 'application/pdf', sha256: 'a'.repeat(64) }, { filename: 'letter-en.pdf', contentType: 'application/pdf', sha256: 'b'.repeat(64) }] }));
  assert.match((await b.get('/admin/outbox?lang=en')).body, /Attached files: barua-sw\.pdf, letter-en\.pdf/);
  assert.match((await b.get('/admin/outbox?lang=sw')).body, /Viambatisho: barua-sw\.pdf, letter-en\.pdf/);
  const auditor = await signIn(t.app, await makeUser(t.db, 'auditor'));
  assert.equal((await auditor.get('/admin/outbox')).statusCode, 403);
});
