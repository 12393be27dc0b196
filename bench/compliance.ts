// Compliance scores at national scale: builds 700 institutions, 7,000 systems, 300 requirements and
// 3 cycles (about 2 million answers) with set-based SQL, closes each cycle (the recompute-and-freeze
// time), then times the national dashboard and league table pages (app.inject, signed in as an
// authority reviewer) beside the same reads without HTTP and rendering (the queries the page runs),
// the recompute job over stale assessments of an open cycle, and an institution officer's assessment
// (answering) page in that open cycle, with the SQL statements it sends counted at the driver.
//
// Usage: node --import tsx bench/compliance.ts
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/  server to use (a fresh viwango_bench_cmp_<random>
//                                                   database is created and dropped at the end); the default
//   EMBEDDED=1     the embedded PostgreSQL server (as `viwango serve` runs it) in a temporary folder instead
//   INSTITUTIONS=700 SYSTEMS=7000 REQUIREMENTS=300 CYCLES=3 SAMPLES=200 WARMUP=20 KEEP=1
import { buildApp } from '../src/app.ts';
import type { Database } from '../src/platform/db/database.ts';
import { migrate } from '../src/platform/db/migrate.ts';
import { loadReferenceData } from '../src/modules/reference/index.ts';
import { loadPortfolioReference } from '../src/modules/portfolio/index.ts';
import { actorFor } from '../src/modules/identity/index.ts';
import { createCtx } from '../src/platform/context.ts';
import { closeCycle, recomputeStale } from '../src/modules/compliance/scores/scores.service.ts';
import { league, nationalView } from '../src/modules/compliance/scores/queries.ts';
import { apiToken, countQueries, makeUser, signIn, testConfig } from '../test/helpers.ts';
import { benchDatabase, fillInstitutions } from './support.ts';

const N = (k: string, d: number) => Number(process.env[k] ?? d);
const INSTITUTIONS = N('INSTITUTIONS', 700);
const SYSTEMS = N('SYSTEMS', 7000);
const REQUIREMENTS = N('REQUIREMENTS', 300);
const CYCLES = N('CYCLES', 3);
const SAMPLES = N('SAMPLES', 200);
const WARMUP = N('WARMUP', 20);
const EMBEDDED = process.env.EMBEDDED === '1';
const KEEP = process.env.KEEP === '1';
const hardStop = setTimeout(() => {
  console.error('bench: still running after 15 minutes, giving up');
  process.exit(2);
}, 15 * 60_000);
hardStop.unref();

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;
const ms = (x: number) => x.toFixed(1);
const log = (s: string) => console.error(`[${new Date().toISOString().slice(11, 19)}] ${s}`);

async function build(db: Database) {
  const q = (text: string, params: unknown[] = []) => db.query(text, params);
  await migrate(db);
  await loadReferenceData(db);
  await loadPortfolioReference(db);
  let t = performance.now();
  await fillInstitutions(db, INSTITUTIONS);
  // Systems spread evenly: each institution gets SYSTEMS / INSTITUTIONS of them.
  await q(`INSERT INTO portfolio_systems (institution_id, code, name, lifecycle, hosting)
    SELECT i.id, 'BSYS-' || g, 'Bench system ' || g, 'production', 'govdc'
    FROM (SELECT id, row_number() OVER (ORDER BY acronym) AS r FROM institutions) i
    JOIN generate_series(0, $1::int - 1) g ON g % $2::int = (i.r - 1) % $2::int`, [SYSTEMS, INSTITUTIONS]);
  const [{ s }] = await db.query<{ s: number }>(`SELECT count(*)::int AS s FROM portfolio_systems WHERE lifecycle <> 'retired'`);
  // 10 standards of REQUIREMENTS / 10 requirements each; one in four applies to each system.
  const [ega] = await db.query<{ id: string }>(`SELECT id FROM institutions WHERE acronym = 'e-GA'`);
  await q(`INSERT INTO library_documents (code, slug, level, kind, role, group_code, issuer_id, audience, title_sw, title_en)
    SELECT 'eGA/BENCH/' || lpad(g::text, 3, '0'), 'ega-bench-' || g, 2, 'standard', 'parent', 'SA', $1, 'public', 'Kiwango cha majaribio ' || g, 'Bench standard ' || g FROM generate_series(1, 10) g`, [ega.id]);
  await q(`INSERT INTO library_editions (document_id, version, status, effective_date, authoritative_lang, content, published_at)
    SELECT id, '1.0', 'in_force', current_date - 400, 'en', '[]'::jsonb, now() FROM library_documents WHERE code LIKE 'eGA/BENCH/%'`);
  await q(`INSERT INTO compliance_requirements (ref, document_id, edition_id, clause_id, clause_number, text_sw, text_en, obligation, group_code, applies_to)
    SELECT d.code || ' §' || g, d.id, e.id, 'c' || g, '1.' || g, 'Taasisi itahakikisha jambo ' || g, 'The institution shall do thing ' || g,
           CASE WHEN g % 3 = 0 THEN 'recommended' ELSE 'mandatory' END,
           (SELECT code FROM architecture_groups ORDER BY position OFFSET (g % 9) LIMIT 1),
           CASE WHEN g % 4 = 0 THEN 'system' ELSE 'institution' END
    FROM library_documents d JOIN library_editions e ON e.document_id = d.id
    CROSS JOIN generate_series(1, $1::int / 10) g WHERE d.code LIKE 'eGA/BENCH/%'`, [REQUIREMENTS]);
  log(`reference, ${INSTITUTIONS} institutions, ${s} systems, ${REQUIREMENTS} requirements in ${ms((performance.now() - t) / 1000)} s`);
  const cycleIds: string[] = [];
  for (let c = 1; c <= CYCLES; c++) {
    t = performance.now();
    const [cy] = await db.query<{ id: string }>(`INSERT INTO compliance_cycles (code, name_sw, name_en, status, submission_due, review_due, challenge_until, opened_at)
      VALUES ($1, $2, $3, 'open', current_date - $4::int, current_date - $4::int + 10, current_date - $4::int + 20, now() - $4::int * interval '1 day') RETURNING id`,
      [`BENCH-${2023 + c}`, `Tathmini ${2023 + c}`, `Assessment ${2023 + c}`, (CYCLES - c) * 365 + 30]);
    cycleIds.push(cy.id);
    await q(`INSERT INTO compliance_cycle_requirements (cycle_id, requirement_id, requirement_version) SELECT $1, id, 1 FROM compliance_requirements`, [cy.id]);
    await q(`INSERT INTO compliance_assessments (cycle_id, institution_id, status) SELECT $1, id, 'reviewed' FROM institutions`, [cy.id]);
    // Answers: results drift better cycle by cycle; about 5 % verified on site; 3 % unanswered.
    await q(`INSERT INTO compliance_answers (assessment_id, requirement_id, requirement_version, system_id, position, result, justification, verified_result)
      SELECT a.id, r.id, 1, x.system_id, row_number() OVER (PARTITION BY a.id ORDER BY r.ref, x.system_id),
             CASE WHEN h < 3 THEN NULL WHEN h < 8 THEN 'not_applicable' WHEN h < 35 - $2::int * 5 THEN 'non_compliant' WHEN h < 60 - $2::int * 5 THEN 'partial' ELSE 'compliant' END,
             CASE WHEN h >= 3 AND h < 8 THEN 'Not used' ELSE '' END,
             CASE WHEN (h * 7) % 100 < 5 THEN 'partial' END
      FROM compliance_assessments a
      JOIN compliance_requirements r ON true
      CROSS JOIN LATERAL (SELECT NULL::uuid AS system_id WHERE r.applies_to = 'institution'
                          UNION ALL SELECT s.id FROM portfolio_systems s WHERE r.applies_to = 'system' AND s.institution_id = a.institution_id) x
      CROSS JOIN LATERAL (SELECT abs(hashtext(a.id::text || r.id::text || coalesce(x.system_id::text, ''))) % 100 AS h) hh
      WHERE a.cycle_id = $1`, [cy.id, c]);
    await q(`UPDATE compliance_assessments a SET question_count = x.n, answered_count = x.m FROM (
      SELECT assessment_id, count(*)::int AS n, count(result)::int AS m FROM compliance_answers ans JOIN compliance_assessments a2 ON a2.id = ans.assessment_id WHERE a2.cycle_id = $1 GROUP BY 1) x WHERE x.assessment_id = a.id`, [cy.id]);
    // Findings on about one non-compliant answer in 50, half of them overdue.
    await q(`INSERT INTO compliance_findings (assessment_id, institution_id, cycle_id, requirement_id, system_id, answer_id, severity, description, due_on, status)
      SELECT a.id, a.institution_id, a.cycle_id, ans.requirement_id, ans.system_id, ans.id, (ARRAY['low','moderate','high','critical'])[1 + abs(hashtext(ans.id::text)) % 4],
             'Bench finding', current_date + (abs(hashtext(ans.id::text)) % 120 - 60), CASE WHEN $2::int < $3::int THEN 'closed' ELSE 'open' END
      FROM compliance_answers ans JOIN compliance_assessments a ON a.id = ans.assessment_id
      WHERE a.cycle_id = $1 AND ans.result = 'non_compliant' AND abs(hashtext(ans.id::text)) % 50 = 0`, [cy.id, c, CYCLES]);
    const [{ n }] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM compliance_answers ans JOIN compliance_assessments a ON a.id = ans.assessment_id WHERE a.cycle_id = $1`, [cy.id]);
    log(`cycle ${c}: ${n} answers in ${ms((performance.now() - t) / 1000)} s`);
  }
  await q(`INSERT INTO compliance_directives (code, title_sw, title_en, deadline) VALUES ('DIR-GOVESB', 'Unganisha mifumo yote na GovESB', 'Connect all systems to GovESB', current_date - 10)`);
  await q(`INSERT INTO compliance_directive_targets (directive_id, institution_id, status) SELECT d.id, i.id, (ARRAY['pending','in_progress','done'])[1 + abs(hashtext(i.id::text)) % 3] FROM compliance_directives d, institutions i`);
  await q(`VACUUM ANALYZE`);
  return cycleIds;
}

async function main() {
  const { db, label, drop } = await benchDatabase('viwango_bench_cmp', { embedded: EMBEDDED, keep: KEEP });
  const rowsOut: string[] = [];
  try {
    log(`building on ${label}`);
    const t0 = performance.now();
    const cycleIds = await build(db);
    const [{ answers }] = await db.query<{ answers: number }>(`SELECT count(*)::int AS answers FROM compliance_answers`);
    log(`built ${answers} answers in ${ms((performance.now() - t0) / 1000)} s`);

    const config = testConfig();
    const app = await buildApp({ config, db });
    await app.ready();
    const reviewer = await makeUser(db, 'authority_reviewer');
    const ctx = createCtx({ db, config, actor: await actorFor(db.orm, reviewer, 'web'), lang: 'en' });

    // Closing each cycle: recompute every assessment's scores and the per-requirement scores, freeze.
    const closeMs: number[] = [];
    for (const id of cycleIds) {
      const t = performance.now();
      await closeCycle(ctx, { cycleId: id });
      closeMs.push(performance.now() - t);
      log(`closed a cycle in ${ms(closeMs.at(-1)!)} ms`);
    }
    const [{ scoreRows }] = await db.query<{ scoreRows: number }>(`SELECT count(*)::int AS "scoreRows" FROM compliance_scores`);

    // The recompute job: a fourth cycle left open, copies of the last cycle's answers, 100 assessments changed.
    const [open4] = await db.query<{ id: string }>(`INSERT INTO compliance_cycles (code, name_sw, name_en, status, submission_due, review_due, challenge_until, opened_at)
      VALUES ('BENCH-OPEN', 'Tathmini wazi', 'Open assessment', 'open', current_date + 30, current_date + 40, current_date + 50, now()) RETURNING id`);
    await db.query(`INSERT INTO compliance_assessments (cycle_id, institution_id) SELECT $1, id FROM institutions`, [open4.id]);
    await db.query(`INSERT INTO compliance_answers (assessment_id, requirement_id, requirement_version, system_id, position, result, justification)
      SELECT n.id, ans.requirement_id, 1, ans.system_id, ans.position, ans.result, ans.justification
      FROM compliance_answers ans JOIN compliance_assessments o ON o.id = ans.assessment_id AND o.cycle_id = $2
      JOIN compliance_assessments n ON n.institution_id = o.institution_id AND n.cycle_id = $1`, [open4.id, cycleIds.at(-1)]);
    let t = performance.now();
    const full = await recomputeStale(db);
    const fullMs = performance.now() - t;
    await db.query(`UPDATE compliance_assessments SET updated_at = clock_timestamp() WHERE id IN (SELECT id FROM compliance_assessments WHERE cycle_id = $1 ORDER BY id LIMIT 100)`, [open4.id]);
    t = performance.now();
    const some = await recomputeStale(db);
    const someMs = performance.now() - t;
    log(`recompute: all ${full.assessments} in ${ms(fullMs)} ms; ${some.assessments} changed in ${ms(someMs)} ms`);

    // Pages and their reads.
    const b = await signIn(app, reviewer);
    const bearer = { authorization: `Bearer ${await apiToken(db, reviewer, 'read')}` };
    const [{ institutions: instCount }] = await db.query<{ institutions: number }>(`SELECT count(*)::int AS institutions FROM institutions`);
    const [{ systems: sysCount }] = await db.query<{ systems: number }>(`SELECT count(*)::int AS systems FROM portfolio_systems`);
    const latest = cycleIds.at(-1)!;
    const cases: { name: string; run: () => Promise<unknown> }[] = [
      { name: 'national dashboard page', run: async () => { const r = await b.get(`/compliance?cycle=${latest}&lang=en`); if (r.statusCode !== 200) throw new Error(`dashboard ${r.statusCode}`); } },
      { name: 'national dashboard reads (queries only)', run: () => nationalView(ctx, { cycle: latest }) },
      { name: 'league table page', run: async () => { const r = await b.get(`/compliance/league?cycle=${latest}&page=3&lang=en`); if (r.statusCode !== 200) throw new Error(`league ${r.statusCode}`); } },
      { name: 'league table read (query only)', run: () => league(ctx, { cycleId: latest, page: 3 }) },
      { name: 'dashboard API', run: async () => { const r = await app.inject({ method: 'GET', url: `/api/v1/compliance/dashboard?cycle=${latest}`, headers: bearer }); if (r.statusCode !== 200) throw new Error(`api ${r.statusCode}`); } },
      { name: 'institution scores page', run: async () => { const r = await b.get(`/compliance/institutions/NIDA/scores?cycle=${latest}&lang=en`); if (r.statusCode !== 200) throw new Error(`inst ${r.statusCode}`); } },
    ];
    // The answering page of NIDA's assessment in the open cycle: every requirement asked (those for
    // systems once per NIDA system), as NIDA's officer sees it. Statements counted once, warm.
    const officer = await signIn(app, await makeUser(db, 'institution_officer', 'NIDA'));
    const [mine] = await db.query<{ id: string; questions: number }>(
      `SELECT a.id, (SELECT count(*)::int FROM compliance_answers n WHERE n.assessment_id = a.id) AS questions
       FROM compliance_assessments a JOIN institutions i ON i.id = a.institution_id WHERE a.cycle_id = $1 AND i.acronym = 'NIDA'`, [open4.id]);
    const answering = async () => { const r = await officer.get(`/compliance/assessments/${mine.id}?lang=en`); if (r.statusCode !== 200) throw new Error(`assessment ${r.statusCode}`); };
    cases.push({ name: `assessment (answering) page, ${mine.questions} questions from ${REQUIREMENTS} requirements`, run: answering });
    await answering();
    const answeringQueries = await countQueries(answering);
    log(`assessment page: ${mine.questions} questions, ${answeringQueries} SQL statements`);
    const times = new Map(cases.map((c) => [c.name, [] as number[]]));
    for (let i = 0; i < WARMUP; i++) for (const c of cases) await c.run();
    for (let i = 0; i < SAMPLES; i++) {
      for (const c of cases) {
        const s = performance.now();
        await c.run();
        times.get(c.name)!.push(performance.now() - s);
      }
    }
    await app.close();

    rowsOut.push(`Compliance scores on ${label}, ${instCount} institutions, ${sysCount} systems, ${REQUIREMENTS} requirements, ${CYCLES} closed cycles, ${answers} answers, ${scoreRows} score rows (Node ${process.version}, ${new Date().toISOString().slice(0, 10)})`, '');
    rowsOut.push('| what | p50 ms | p95 ms | p99 ms |', '|---|---|---|---|');
    for (const [name, xs] of times) rowsOut.push(`| ${name} | ${ms(pct(xs, 50))} | ${ms(pct(xs, 95))} | ${ms(pct(xs, 99))} |`);
    rowsOut.push('', `SQL statements for one assessment (answering) page: ${answeringQueries}`);
    rowsOut.push('', '| recompute | time |', '|---|---|');
    closeMs.forEach((x, i) => rowsOut.push(`| close cycle ${i + 1} (recompute and freeze ${INSTITUTIONS} assessments + per-requirement scores) | ${ms(x / 1000)} s |`));
    rowsOut.push(`| recompute job, every assessment of an open cycle stale (${full.assessments}) | ${ms(fullMs / 1000)} s |`);
    rowsOut.push(`| recompute job, ${some.assessments} assessments changed since the last run | ${ms(someMs / 1000)} s |`);
  } finally {
    await drop();
  }
  console.log(rowsOut.join('\n'));
}

await main();
process.exit(0);
