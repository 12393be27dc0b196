// Secrets at rest: sealed with AES-256-GCM under a configured or generated key, and rotatable.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as OTPAuth from 'otpauth';
import { buildApp } from '../app.ts';
import { ConfigError, loadConfig } from '../config.ts';
import { createTestApp, makeUser, signIn, Browser, csrfToken, TEST_PASSWORD, testConfig, type TestApp } from '../../test/helpers.ts';
import { loadSecretKeys, SecretBox, keyId } from './secrets.ts';
import { resealStoredSecrets } from './stored-secrets.ts';

const newKey = () => crypto.randomBytes(32).toString('base64');

let t: TestApp;
before(async () => {
  t = await createTestApp();
});
after(() => t.close());

test('a sealed value opens only with its key and context, and is different each time', () => {
  const key = crypto.randomBytes(32);
  const box = new SecretBox({ current: key, previous: [] });
  const a = box.seal('JBSWY3DPEHPK3PXP', 'users.totp_secret:1');
  const b = box.seal('JBSWY3DPEHPK3PXP', 'users.totp_secret:1');
  assert.notEqual(a, b);
  assert.ok(!a.includes('JBSWY3DPEHPK3PXP'));
  assert.ok(a.startsWith(`enc1:${keyId(key)}:`));
  assert.equal(box.open(a, 'users.totp_secret:1'), 'JBSWY3DPEHPK3PXP');
  assert.throws(() => box.open(a, 'users.totp_secret:2'), /could not be decrypted/, 'moved to another row, it does not open');
  const tampered = a.slice(0, -4) + (a.endsWith('AAAA') ? 'BBBB' : 'AAAA');
  assert.throws(() => box.open(tampered, 'users.totp_secret:1'), /could not be decrypted/);

  const next = new SecretBox({ current: crypto.randomBytes(32), previous: [key] });
  assert.equal(next.open(a, 'users.totp_secret:1'), 'JBSWY3DPEHPK3PXP', 'the previous key still opens old values');
  assert.ok(next.needsReseal(a));
  assert.ok(!next.needsReseal(next.seal('x', 'c')));
  const stranger = new SecretBox({ current: crypto.randomBytes(32), previous: [] });
  assert.throws(() => stranger.open(a, 'users.totp_secret:1'), new RegExp(`key ${keyId(key)}.*SECRETS_KEY_PREVIOUS`));
});

test('SECRETS_KEY must be 32 bytes in base64; without it a key is generated once under DATA_DIR, readable by the owner only', () => {
  assert.throws(() => loadConfig({ SECRETS_KEY: 'c2hvcnQ=' }), ConfigError);
  assert.throws(() => loadConfig({ SECRETS_KEY_PREVIOUS: 'not base64 at all!' }), ConfigError);
  const k = newKey();
  assert.equal(loadConfig({ SECRETS_KEY: k }).secretsKey, k);
  assert.throws(() => loadSecretKeys(loadConfig({ NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(40), DATABASE_URL: 'postgres://db/v' })), /SECRETS_KEY must be set/);

  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'viwango-keys-'));
  try {
    const config = loadConfig({ DATA_DIR: dataDir });
    const first = loadSecretKeys(config);
    const file = path.join(dataDir, 'keys', 'secrets.key');
    assert.equal(fs.statSync(file).mode & 0o777, 0o600);
    assert.deepEqual(loadSecretKeys(config).current, first.current, 'the same key on the next start');
    assert.deepEqual(loadSecretKeys(loadConfig({ DATA_DIR: dataDir, SECRETS_KEY: k })).current, Buffer.from(k, 'base64'), 'configuration wins over the file');
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});

const rowOf = async (email: string) => (await t.db.query<{ id: string; totp_secret: string }>('SELECT id, totp_secret FROM users WHERE email = $1', [email]))[0];

test('TOTP secrets and the cookie-signing secret are stored sealed, and two-factor sign-in still works', async () => {
  const admin = await makeUser(t.db, 'admin');
  const b = new Browser(t.app);
  const first = await b.post('/login', { email: admin.email, password: TEST_PASSWORD }, { csrfFrom: '/login' });
  const setup = await b.get(String(first.headers.location));
  const shown = setup.body.match(/id="totp-secret">([A-Z2-7]+)</)![1];
  const stored = (await rowOf(admin.email)).totp_secret;
  assert.ok(stored.startsWith('enc1:') && !stored.includes(shown), 'the enrolment secret is sealed from the start');
  const code = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(shown) }).generate();
  assert.equal((await b.post(String(first.headers.location), { code }, { csrf: csrfToken(setup.body) })).statusCode, 200);
  const [setting] = await t.db.query<{ value: string }>("SELECT value FROM app_settings WHERE key = 'cookie_secret'");
  assert.match(setting.value, /^enc1:/);
});

test('plain TOTP secrets left by an older version are sealed at start, and rotation re-seals everything under the new key', async () => {
  const admin = await makeUser(t.db, 'admin');
  await signIn(t.app, admin);
  const { id } = await rowOf(admin.email);
  const plain = new OTPAuth.Secret({ size: 20 }).base32;
  await t.db.query('UPDATE users SET totp_secret = $2, totp_last_step = NULL WHERE id = $1', [id, plain]);
  await t.db.query("UPDATE app_settings SET value = 'legacy-plain-cookie-secret' WHERE key = 'cookie_secret'");

  const oldKey = t.config.secretsKey!;
  const restarted = await buildApp({ config: t.config, db: t.db });
  try {
    const sealed = (await rowOf(admin.email)).totp_secret;
    assert.ok(sealed.startsWith(`enc1:${keyId(Buffer.from(oldKey, 'base64'))}:`));
    assert.equal(restarted.secrets.open(sealed, `users.totp_secret:${id}`), plain);
    const [setting] = await t.db.query<{ value: string }>("SELECT value FROM app_settings WHERE key = 'cookie_secret'");
    assert.equal(restarted.secrets.open(setting.value, 'app_settings:cookie_secret'), 'legacy-plain-cookie-secret');
  } finally {
    await restarted.close();
  }

  // Rotate: the new key is current, the old one only opens.
  const rotated = testConfig({ secretsKey: newKey(), secretsKeyPrevious: oldKey });
  const box = new SecretBox(loadSecretKeys(rotated));
  const report = await resealStoredSecrets(t.db, box, 'rotate');
  assert.ok(report.resealed >= 2, `resealed ${report.resealed}`);
  const all = await t.db.query<{ v: string }>("SELECT totp_secret AS v FROM users WHERE totp_secret IS NOT NULL UNION ALL SELECT value FROM app_settings WHERE key = 'cookie_secret'");
  assert.ok(all.every((r) => r.v.startsWith(`enc1:${keyId(Buffer.from(rotated.secretsKey!, 'base64'))}:`)));
  assert.equal((await resealStoredSecrets(t.db, box, 'rotate')).resealed, 0, 'a second run has nothing to do');

  // An app with only the new key signs the person in.
  const after = await buildApp({ config: testConfig({ secretsKey: rotated.secretsKey }), db: t.db });
  try {
    assert.equal((await (await signIn(after, admin)).get('/account')).statusCode, 200);
  } finally {
    await after.close();
  }
});
