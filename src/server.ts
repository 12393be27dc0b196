// Starts Viwango: opens the database, applies migrations, loads reference (and demo) data,
// listens, runs background jobs, and shuts down gracefully on SIGTERM/SIGINT.
import { buildApp } from './app.ts';
import { loadConfig, type Config } from './config.ts';
import { openConfiguredDatabase } from './platform/db/database.ts';
import { migrate } from './platform/db/migrate.ts';
import { startJobRunner } from './platform/jobs/index.ts';
import { loadReferenceData } from './modules/reference/seed.ts';
import { loadLibraryReference } from './modules/library/seed.ts';
import { seedDemo, demoExists, printDemoAccounts } from './modules/demo/seed.ts';

export async function startServer(config: Config = loadConfig()) {
  const started = performance.now();
  const db = await openConfiguredDatabase(config);
  await migrate(db);
  await loadReferenceData(db);
  await loadLibraryReference(db);
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
  const app = await buildApp({ config, db, demoNotice });
  await app.listen({ port: config.port, host: config.host });
  // Background work (mail delivery, long tasks). One connection embedded: one job at a time there.
  const jobs = startJobRunner(db, config, { concurrency: db.kind === 'embedded' ? 1 : 2, pollMs: 1000, stopTimeoutMs: 5000, log: app.log.child({ component: 'jobs' }) });
  const url = `http://localhost:${(app.server.address() as { port: number }).port}`;
  process.stdout.write(
    `Viwango is running at ${url} (database: ${db.kind === 'embedded' ? `embedded, ${config.dataDir}` : 'PostgreSQL'}; ready in ${Math.round(performance.now() - started)} ms)\n`,
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
