import type { Database } from './db/database.ts';
import type { SecretBox } from './secrets.ts';
import { settingContext } from './stored-secrets.ts';

/** Reads an instance-wide setting, creating it once (first writer wins across instances). */
export async function getOrCreateSetting(db: Database, key: string, make: () => string): Promise<string> {
  await db.query('INSERT INTO app_settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING', [key, make()]);
  const rows = await db.query<{ value: string }>('SELECT value FROM app_settings WHERE key = $1', [key]);
  return rows[0].value;
}

/** Like getOrCreateSetting, for a secret (listed in SECRET_SETTINGS): stored sealed, returned open. */
export async function getOrCreateSecretSetting(db: Database, box: SecretBox, key: string, make: () => string): Promise<string> {
  return box.open(await getOrCreateSetting(db, key, () => box.seal(make(), settingContext(key))), settingContext(key));
}
