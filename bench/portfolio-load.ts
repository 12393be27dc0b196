// Loads a synthetic registry from bench/portfolio-data.ts into a migrated database with the reference
// data, for benches that time pages on it. The generator's institutions (I001, I002, …) become the
// database's institutions in acronym order (fillInstitutions in support.ts makes enough of them); its
// 32 shared systems are the records loadPortfolioReference() already made, so its uses point at those.
// What the generator leaves out (hosting, GovESB, personal data, costs, users) is spread
// deterministically from the system's number; some systems get an e-service, an integration with a
// shared system and a history line, so that system pages show what real ones do.
import type { Database } from '../src/platform/db/database.ts';
import type { Registry } from './portfolio-data.ts';

const HOSTINGS = ['govdc', 'govdc', 'gov_cloud', 'on_premises', 'commercial_cloud'];

export async function loadRegistry(db: Database, reg: Registry): Promise<{ systems: number }> {
  const insts = await db.query<{ id: string }>(`SELECT id FROM institutions ORDER BY acronym`);
  if (insts.length < reg.institutions.length) throw new Error(`${reg.institutions.length} institutions needed, the database has ${insts.length}`);
  const instOf = new Map(reg.institutions.map((label, i) => [label, insts[i].id]));
  const shared = await db.query<{ id: string; code: string }>(`SELECT p.id, x.code FROM portfolio_systems p JOIN shared_systems x ON x.id = p.shared_system_id`);
  const sharedOf = new Map(shared.map((s) => [`S-${s.code}`, s.id]));
  const rows = reg.systems
    .filter((s) => !s.isShared)
    .map((s, n) => ({
      institution_id: instOf.get(s.institutionId)!,
      code: s.code,
      name: s.name.slice(0, 200),
      name_sw: s.nameSw ?? '',
      name_en: s.nameEn ?? '',
      purpose: s.purpose ?? '',
      capabilities: s.capabilities,
      lifecycle: s.lifecycle,
      hosting: s.usesSharedSystemId ? 'govdc' : HOSTINGS[n % HOSTINGS.length],
      users_count: 10 + ((n * 37) % 5000),
      personal_data: n % 3 === 0,
      govesb: s.usesSharedSystemId !== null || n % 4 === 0,
      capex_tzs: s.usesSharedSystemId ? null : 5_000_000 * (1 + (n % 40)),
      opex_tzs: s.usesSharedSystemId ? null : 1_000_000 * (1 + (n % 25)),
      uses_system_id: s.usesSharedSystemId ? (sharedOf.get(s.usesSharedSystemId) ?? null) : null,
    }));
  for (let i = 0; i < rows.length; i += 2000) {
    await db.query(
      `INSERT INTO portfolio_systems (institution_id, code, name, name_sw, name_en, purpose, capabilities, lifecycle, hosting, users_count, personal_data, govesb, capex_tzs, opex_tzs, uses_system_id)
       SELECT institution_id, code, name, name_sw, name_en, purpose, capabilities, lifecycle, hosting, users_count, personal_data, govesb, capex_tzs, opex_tzs, uses_system_id
       FROM jsonb_to_recordset($1::jsonb) AS x(institution_id uuid, code text, name text, name_sw text, name_en text, purpose text, capabilities text[], lifecycle text,
         hosting text, users_count int, personal_data boolean, govesb boolean, capex_tzs bigint, opex_tzs bigint, uses_system_id uuid)`,
      [JSON.stringify(rows.slice(i, i + 2000))],
    );
  }
  // One history line per system; an e-service for one own system in five; an integration with a
  // shared system for one own system in three.
  await db.query(`INSERT INTO portfolio_history (system_id, actor_label, change) SELECT id, 'bench', 'registered' FROM portfolio_systems`);
  await db.query(`INSERT INTO portfolio_eservices (system_id, name_sw, name_en, audience, channels, url)
    SELECT id, 'Huduma ya ' || code, 'Service of ' || code, 'citizens', '{web}', 'https://example.go.tz/' || code
    FROM portfolio_systems WHERE uses_system_id IS NULL AND shared_system_id IS NULL AND abs(hashtext(id::text)) % 5 = 0`);
  await db.query(`INSERT INTO portfolio_integrations (provider_id, consumer_id, data_exchanged, channel, status)
    SELECT sh.id, s.id, 'Records', 'govesb', 'active'
    FROM portfolio_systems s
    JOIN LATERAL (SELECT id FROM portfolio_systems WHERE shared_system_id IS NOT NULL ORDER BY md5(id::text || s.id::text) LIMIT 1) sh ON true
    WHERE s.uses_system_id IS NULL AND s.shared_system_id IS NULL AND abs(hashtext(s.id::text)) % 3 = 0`);
  await db.query(`UPDATE portfolio_state SET registry_version = registry_version + 1 WHERE id = 1`);
  const [{ n }] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM portfolio_systems`);
  return { systems: n };
}
