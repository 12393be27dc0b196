// Starts Viwango: opens the database, applies migrations, loads reference (and demo) data,
// listens, runs background jobs, and shuts down gracefully on SIGTERM/SIGINT.
import { buildApp } from './app.ts';
import { loadConfig, type Config } from './config.ts';
import { openConfiguredDatabase, type Database } from './platform/db/database.ts';
import { migrate } from './platform/db/migrate.ts';
import { startJobRunner } from './platform/jobs/index.ts';
import { startAuditCheckpoints } from './platform/audit-checkpoint-schedule.ts';
import { loadReferenceData } from './modules/reference/index.ts';
import { loadLibraryReference } from './modules/library/index.ts';
import { loadPortfolioReference } from './modules/portfolio/index.ts';
import { seedDemo, demoExists, printDemoAccounts } from './modules/demo/index.ts';

export async function startServer(config: Config = loadConfig()) {
  const clock = stopwatch();
  const db = await openConfiguredDatabase(config);
  clock.lap('database');
  try {
    return await serveOn(db, config, clock);
  } catch (err) {
    // The embedded database is a child process: stop it rather than leave it behind.
    await db.close().catch(() => {});
    throw err;
  }
}

/** Where start-up time goes, printed with the ready line (bench/startup.ts reads it). */
function stopwatch() {
  const started = performance.now();
  let mark = started;
  const laps: string[] = [];
  return {
    lap(name: string) {
      const now = performance.now();
      laps.push(`${name} ${Math.round(now - mark)}`);
      mark = now;
    },
    summary: () => `${Math.round(performance.now() - started)} ms: ${laps.join(', ')}`,
  };
}

async function serveOn(db: Database, config: Config, clock: ReturnType<typeof stopwatch>) {
  await migrate(db);
  clock.lap('migrations');
  await loadReferenceData(db);
  await loadLibraryReference(db);
  await loadPortfolioReference(db);
  clock.lap('reference data');
  let demoNotice = false;
  if (config.env !== 'production' && !config.databaseUrl) {
    // The embedded default is a try-it-out install: give it sample accounts and documents once.
    if (!(await demoExists(db))) {
      const result = await seedDemo(db, config);
      printDemoAccounts(result.accounts, result.passwordGenerated ? result.password : undefined);
    }
    demoNotice = config.demoRelaxTwoFactor;
  } else if (config.env !== 'production') {
    demoNotice = config.demoRelaxTwoFactor && (await demoExists(db));
  }
  clock.lap('demo data');
  const app = await buildApp({ config, db, demoNotice });
  // Before listening, so that an unusable signing key stops start-up with one clear line.
  const stopCheckpoints = startAuditCheckpoints(db, config, (err) => app.log.error({ err }, 'audit checkpoint not written'));
  await app.listen({ port: config.port, host: config.host });
  clock.lap('app');
  // Background work (mail delivery, long tasks). The embedded database is now a real server too.
  const jobs = startJobRunner(db, config, { concurrency: 2, pollMs: 1000, stopTimeoutMs: 5000, log: app.log.child({ component: 'jobs' }) });
  const url = `http://localhost:${(app.server.address() as { port: number }).port}`;
  process.stdout.write(
    `Viwango is running at ${url} (database: ${db.kind === 'embedded' ? `embedded, ${config.dataDir}` : 'PostgreSQL'}; ready in ${clock.summary()})\n`,
  );

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    process.stdout.write(`Viwango: ${signal} received, finishing requests in flight\n`);
    const timer = setTimeout(() => process.exit(1), 10_000).unref();
    try {
      await jobs.stop();
      await app.close();
      await stopCheckpoints();
      await db.close();
    } finally {
      clearTimeout(timer);
      process.exit(0);
    }
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
  return { app, db, url };
}
