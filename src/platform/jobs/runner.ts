// Runs jobs: claim one in a short statement, run its handler with no transaction held, then record
// the result. The lease is renewed while the handler runs, so another instance takes the job over
// only if this one dies. startJobRunner() polls in the background; runJobsNow() drains the queue
// in-process (tests, the command line).
import crypto from 'node:crypto';
import os from 'node:os';
import { loadConfig, type Config } from '../../config.ts';
import type { Database } from '../db/database.ts';
import { jobDefinition, knownTypes, type JobLog } from './registry.ts';
import { claimNext, reclaimExpired, recordFailure, recordProgress, recordSuccess, release, type Claimed } from './store.ts';
import { fireDueSchedules, registerSchedules } from './schedules.ts';

/** Thrown by progress() when the job was taken away (lease expired, or the runner released it). */
export class JobLeaseLost extends Error {
  constructor(id: number) {
    super(`job ${id} is no longer held by this runner`);
  }
}

export const silentLog: JobLog = { info() {}, warn() {}, error() {} };

function describeError(err: unknown): string {
  if (err instanceof Error) return `${err.name}: ${err.message}`;
  return String(err);
}

interface Execution {
  claimed: Claimed;
  controller: AbortController;
}

/** Runs one claimed job to its recorded end (done, retry later, failed), unless it is released first. */
async function execute(db: Database, config: Config, log: JobLog, leaseSeconds: number, claimed: Claimed, controller: AbortController): Promise<void> {
  const def = jobDefinition(claimed.type)!;
  const jobLog = log;
  let lost = false;
  const renew = async (p?: { done: number; total: number; note?: string }) => {
    if (controller.signal.aborted || !(await recordProgress(db, claimed, leaseSeconds, p))) {
      lost = true;
      throw new JobLeaseLost(claimed.id);
    }
  };
  const heartbeat = setInterval(() => renew().catch(() => {}), (leaseSeconds * 1000) / 3);
  heartbeat.unref();
  try {
    const result = await def.handler({
      id: claimed.id,
      payload: claimed.payload,
      attempt: claimed.attempt,
      progress: (done, total, note) => renew({ done, total, note }),
      db,
      config,
      log: jobLog,
      signal: controller.signal,
    });
    clearInterval(heartbeat);
    if (!lost && !controller.signal.aborted) await recordSuccess(db, claimed, result);
  } catch (err) {
    clearInterval(heartbeat);
    if (lost || controller.signal.aborted) return;
    const status = await recordFailure(db, claimed, describeError(err), def.backoff(claimed.attempt));
    jobLog.warn({ err, jobId: claimed.id, type: claimed.type, attempt: claimed.attempt, status }, 'job failed');
  }
}

export interface RunnerOptions {
  /** Jobs run at once by this runner. */
  concurrency?: number;
  /** How often an idle runner looks for due jobs and schedules. */
  pollMs?: number;
  /** How long a claim lasts without renewal; renewed every third of it while the job runs. */
  leaseSeconds?: number;
  /** How long stop() waits for running jobs before releasing them. */
  stopTimeoutMs?: number;
  log?: JobLog;
}

export interface JobRunner {
  id: string;
  /** Stops claiming, waits for running jobs (up to stopTimeoutMs), releases those still running. */
  stop(): Promise<void>;
}

export function startJobRunner(db: Database, config: Config, opts: RunnerOptions = {}): JobRunner {
  const id = `${os.hostname()}:${process.pid}:${crypto.randomBytes(3).toString('hex')}`;
  const concurrency = Math.max(1, opts.concurrency ?? 1);
  const pollMs = Math.max(10, opts.pollMs ?? 1000);
  const leaseSeconds = opts.leaseSeconds ?? 60;
  const log = opts.log ?? silentLog;
  const running = new Set<Execution>();
  let stopping = false;
  const wakers = new Set<() => void>();
  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        wakers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      wakers.add(done);
    });

  const clock = async () => {
    let registered = false;
    while (!stopping) {
      try {
        if (!registered) {
          await registerSchedules(db, config);
          registered = true;
        }
        await reclaimExpired(db);
        await fireDueSchedules(db, config);
      } catch (err) {
        log.error({ err }, 'job clock failed');
      }
      await pause(pollMs);
    }
  };

  const worker = async () => {
    while (!stopping) {
      let claimed: Claimed | null = null;
      try {
        claimed = await claimNext(db, id, knownTypes(), leaseSeconds);
      } catch (err) {
        log.error({ err }, 'claiming a job failed');
      }
      if (!claimed) {
        await pause(pollMs);
        continue;
      }
      const exec: Execution = { claimed, controller: new AbortController() };
      running.add(exec);
      try {
        await execute(db, config, log, leaseSeconds, claimed, exec.controller);
      } catch (err) {
        log.error({ err, jobId: claimed.id }, 'recording a job result failed');
      } finally {
        running.delete(exec);
      }
    }
  };

  const loops = [clock(), ...Array.from({ length: concurrency }, worker)];
  return {
    id,
    async stop() {
      stopping = true;
      for (const wake of [...wakers]) wake();
      const finished = Promise.all(loops).then(() => true);
      const timedOut = new Promise<false>((resolve) => setTimeout(() => resolve(false), opts.stopTimeoutMs ?? 5000).unref());
      if (await Promise.race([finished, timedOut])) return;
      for (const exec of running) {
        exec.controller.abort();
        await release(db, exec.claimed).catch((err) => log.error({ err, jobId: exec.claimed.id }, 'releasing a job failed'));
      }
    },
  };
}

export interface RunNowOptions {
  until: 'idle';
  config?: Config;
  /** Also enqueue the recurring jobs that are due (the runner's clock does this in the background). */
  schedules?: boolean;
  log?: JobLog;
  /** A safety stop for handlers that keep enqueueing more work. */
  maxJobs?: number;
}

/** Runs due jobs one after another in this process until none is due; returns how many ran. */
export async function runJobsNow(db: Database, opts: RunNowOptions): Promise<number> {
  const config = opts.config ?? loadConfig();
  const log = opts.log ?? silentLog;
  const id = `now:${process.pid}:${crypto.randomBytes(3).toString('hex')}`;
  await reclaimExpired(db);
  if (opts.schedules) {
    await registerSchedules(db, config);
    await fireDueSchedules(db, config);
  }
  let ran = 0;
  const max = opts.maxJobs ?? 10_000;
  while (ran < max) {
    const claimed = await claimNext(db, id, knownTypes(), 60);
    if (!claimed) break;
    await execute(db, config, log, 60, claimed, new AbortController());
    ran++;
  }
  return ran;
}
