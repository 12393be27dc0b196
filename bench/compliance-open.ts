// Opening an assessment cycle at national scale: builds 700 institutions, 7,000 systems (with
// e-services, cross-institution integrations, GovESB, hosting and lifecycle spread over them) and
// 300 requirements (half for the institution, half per system, a third with applicability
// conditions), then times the cycle-opening job (open.job.ts, the code the background job runs):
// a first cycle, and a second one after every answer of the first was given, so carry-over is timed too.
//
// Usage: node --import tsx bench/compliance-open.ts
//   INSTITUTIONS=700 SYSTEMS=7000 REQUIREMENTS=300
//   DATABASE_URL=postgres://…/db  a PostgreSQL server (default: the embedded server in a temporary folder,
//                                 as a fresh install runs it)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { openDatabase, type Database } from '../src/platform/db/database.ts';
import { migrate } from '../src/platform/db/migrate.ts';
import { loadReferenceData } from '../src/modules/reference/seed.ts';
import { openCycleNow } from '../src/modules/compliance/assessments/open.job.ts';

const INSTITUTIONS = Number(process.env.INSTITUTIONS ?? 700);
const SYSTEMS = Number(process.env.SYSTEMS ?? 7000);
const REQUIREMENTS = Number(process.env.REQUIREMENTS ?? 300);

let seed = 0x2545f491;
function rnd(): number {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];

const TYPES = ['ministry', 'independent_department', 'public_authority', 'executive_agency', 'public_corporation', 'regional_secretariat', 'local_government_authority'];
const SECTORS = ['health', 'education', 'finance', 'local government', 'water', 'energy', 'justice', 'agriculture'];
const HOSTINGS = ['govdc', 'gov_cloud', 'commercial_cloud', 'on_premises'];
const LIFECYCLES = ['planned', 'development', 'production', 'production', 'production', 'retiring', 'retired'];

async function build(db: Database) {
  const existing = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM institutions');
  const more = Math.max(0, INSTITUTIONS - existing[0].n);
  const acr = Array.from({ length: more }, (_, i) => `BX-${String(i).padStart(4, '0')}`);
  await db.query(
    `INSERT INTO institutions (acronym, name_sw, name_en, type, sector) SELECT a, 'Taasisi ' || a, 'Institution ' || a, t, s FROM unnest($1::text[], $2::text[], $3::text[]) AS x(a, t, s)`,
    [acr, acr.map(() => pick(TYPES)), acr.map(() => pick(SECTORS))],
  );
  const insts = (await db.query<{ id: string }>('SELECT id FROM institutions ORDER BY acronym')).map((r) => r.id);
  const sys = Array.from({ length: SYSTEMS }, (_, i) => ({ inst: insts[i % insts.length], code: `S-${i}` }));
  await db.query(
    `INSERT INTO portfolio_systems (institution_id, code, name, lifecycle, hosting, personal_data, govesb)
     SELECT i, c, 'System ' || c, l, h, p, g FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::bool[], $6::bool[]) AS x(i, c, l, h, p, g)`,
    [sys.map((s) => s.inst), sys.map((s) => s.code), sys.map(() => pick(LIFECYCLES)), sys.map(() => pick(HOSTINGS)), sys.map(() => rnd() < 0.4), sys.map(() => rnd() < 0.3)],
  );
  const systemRows = await db.query<{ id: string; institution_id: string }>('SELECT id, institution_id FROM portfolio_systems');
  const ids = systemRows.map((r) => r.id);
  const publicOnes = ids.filter(() => rnd() < 0.3);
  await db.query(`INSERT INTO portfolio_eservices (system_id, name_en, audience, channels) SELECT s, 'Service', a, '{web}' FROM unnest($1::uuid[], $2::text[]) AS x(s, a)`, [publicOnes, publicOnes.map(() => pick(['citizens', 'businesses', 'institutions']))]);
  const pairs: [string, string][] = [];
  for (let i = 0; i < SYSTEMS / 3; i++) {
    const a = pick(systemRows);
    const b = pick(systemRows);
    if (a.institution_id !== b.institution_id) pairs.push([a.id, b.id]);
  }
  await db.query(`INSERT INTO portfolio_integrations (provider_id, consumer_id, data_exchanged, channel, status) SELECT p, c, 'records', 'govesb', 'active' FROM unnest($1::uuid[], $2::uuid[]) AS x(p, c)`, [pairs.map((p) => p[0]), pairs.map((p) => p[1])]);

  const [ega] = await db.query<{ id: string }>(`SELECT id FROM institutions WHERE acronym = 'e-GA'`);
  const docs: string[] = [];
  for (let d = 0; d < 10; d++) {
    const code = `eGA/EXT/BEN/${String(d).padStart(3, '0')}`;
    const [doc] = await db.query<{ id: string }>(
      `INSERT INTO library_documents (code, slug, level, kind, role, group_code, issuer_id, audience, title_sw, title_en) VALUES ($1, $2, 2, 'standard', 'parent', 'SA', $3, 'public', 'Kiwango', 'Standard') RETURNING id`,
      [code, code.toLowerCase().replace(/[^a-z0-9]+/g, '-'), ega.id],
    );
    const [ed] = await db.query<{ id: string }>(`INSERT INTO library_editions (document_id, version, status, effective_date, authoritative_lang, content, published_at) VALUES ($1, '1.0', 'in_force', current_date - 30, 'en', '[]', now()) RETURNING id`, [doc.id]);
    const per = REQUIREMENTS / 10;
    const rows = Array.from({ length: per }, (_, i) => {
      const n = d * per + i;
      const appliesTo = n % 2 === 0 ? 'institution' : 'system';
      const r = rnd();
      const conditions =
        r < 0.1 ? { institutionTypes: [pick(TYPES)] } : r < 0.2 ? { system: { publicFacing: true } } : r < 0.27 ? { system: { personalData: true } } : r < 0.3 ? { system: { integrates: true } } : {};
      return { ref: `${code} §${i + 1}`, clause: `c${i + 1}`, number: `${i + 1}`, appliesTo, conditions: JSON.stringify(conditions), obligation: rnd() < 0.7 ? 'mandatory' : 'recommended' };
    });
    await db.query(
      `INSERT INTO compliance_requirements (ref, document_id, edition_id, clause_id, clause_number, text_sw, text_en, obligation, applies_to, conditions)
       SELECT r, $1, $2, c, n, 'Takwa ' || r, 'Requirement ' || r, o, a, j::jsonb FROM unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[]) AS x(r, c, n, o, a, j)`,
      [doc.id, ed.id, rows.map((x) => x.ref), rows.map((x) => x.clause), rows.map((x) => x.number), rows.map((x) => x.obligation), rows.map((x) => x.appliesTo), rows.map((x) => x.conditions)],
    );
    docs.push(doc.id);
  }
  return docs;
}

async function timeCycle(db: Database, code: string, docs: string[]) {
  const [c] = await db.query<{ id: string }>(
    `INSERT INTO compliance_cycles (code, name_sw, name_en, status, scope, submission_due, review_due, challenge_until) VALUES ($1, $1, $1, 'opening', $2, current_date + 30, current_date + 40, current_date + 50) RETURNING id`,
    [code, JSON.stringify({ documentIds: docs })],
  );
  const started = performance.now();
  let last = 0;
  const r = await openCycleNow(db, c.id, async (done, total) => {
    if (done - last >= 100 || done === total) {
      last = done;
      process.stdout.write(`  ${done}/${total} institutions, ${Math.round((performance.now() - started) / 1000)} s\n`);
    }
  });
  const seconds = (performance.now() - started) / 1000;
  const [carried] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM compliance_answers n JOIN compliance_assessments a ON a.id = n.assessment_id WHERE a.cycle_id = $1 AND n.carried_from IS NOT NULL`, [c.id]);
  console.log(`${code}: ${r.institutions} institutions, ${r.answers} answers (${carried.n} carried over) in ${seconds.toFixed(1)} s`);
  return { id: c.id, seconds, ...r, carried: carried.n };
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vw-bench-compliance-'));
  const db = process.env.DATABASE_URL ? await openDatabase({ databaseUrl: process.env.DATABASE_URL }) : await openDatabase({ dataDir: dir });
  try {
    await migrate(db);
    await loadReferenceData(db);
    let t = performance.now();
    const docs = await build(db);
    console.log(`built ${INSTITUTIONS} institutions, ${SYSTEMS} systems, ${REQUIREMENTS} requirements in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    const first = await timeCycle(db, 'BENCH-1', docs);
    t = performance.now();
    await db.query(`UPDATE compliance_answers SET result = 'compliant', answered_at = now() WHERE assessment_id IN (SELECT id FROM compliance_assessments WHERE cycle_id = $1)`, [first.id]);
    await db.query(`UPDATE compliance_cycles SET status = 'closed', closed_at = now() WHERE id = $1`, [first.id]);
    // A revision bumps a tenth of the requirements: their answers are not carried over.
    await db.query(`UPDATE compliance_requirements SET version = 2 WHERE id IN (SELECT id FROM compliance_requirements ORDER BY ref LIMIT $1)`, [Math.round(REQUIREMENTS / 10)]);
    console.log(`answered every question of the first cycle in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    await timeCycle(db, 'BENCH-2', docs);
  } finally {
    await db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main();
