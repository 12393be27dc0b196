// The kinds of background work a process knows how to do. Modules call defineJob() when they are
// imported (so every runner of the same code knows the same types) and schedule() for recurring work.
//
// Handlers must be safe to run more than once for the same job: a job is retried after an error,
// and re-claimed when the runner holding it dies or stops before recording the result. Write each
// step so that repeating it changes nothing (upserts, "WHERE not yet done", dedupe keys), and
// commit work in small transactions rather than one long one (the embedded database is a single
// connection: an open transaction blocks every web request until it ends).
import type { Config } from '../../config.ts';
import type { Database } from '../db/database.ts';

export interface JobLog {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface JobContext<P> {
  id: number;
  payload: P;
  /** 1 on the first run, 2 on the first retry, … */
  attempt: number;
  /** Records progress (shown on progress pages) and renews the lease; throws JobLeaseLost if the job was taken away. */
  progress(done: number, total: number, note?: string): Promise<void>;
  db: Database;
  config: Config;
  log: JobLog;
  /** Aborted when the runner stops and releases the job; long handlers may check it between steps. */
  signal: AbortSignal;
}

/** Seconds to wait before retry number `attempt` (1 = after the first failure). */
export type Backoff = (attempt: number) => number;

export interface JobDefinition<P = unknown> {
  type: string;
  handler: (job: JobContext<P>) => Promise<unknown>;
  maxAttempts: number;
  backoff: Backoff;
}

/** Exponential back-off with "equal jitter": half the delay is fixed, half random, so retries of many jobs spread out. */
export function exponentialBackoff(baseSeconds = 10, maxSeconds = 3600): Backoff {
  return (attempt) => {
    const ceiling = Math.min(maxSeconds, baseSeconds * 2 ** Math.max(0, attempt - 1));
    return ceiling / 2 + Math.random() * (ceiling / 2);
  };
}

const definitions = new Map<string, JobDefinition<any>>();
interface Schedule {
  everySeconds: number;
  when?: (config: Config) => boolean;
}
const schedules = new Map<string, Schedule>();

const TYPE = /^[a-z][a-z0-9]*(?:[.:_-][a-z0-9]+)*$/;

export function defineJob<P>(
  type: string,
  opts: { handler: (job: JobContext<P>) => Promise<unknown>; maxAttempts?: number; backoff?: Backoff },
): JobDefinition<P> {
  if (!TYPE.test(type)) throw new Error(`job type "${type}": use lower-case words joined by dots`);
  if (definitions.has(type)) throw new Error(`job type "${type}" is defined twice`);
  const maxAttempts = opts.maxAttempts ?? 5;
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1) throw new Error(`job type "${type}": maxAttempts must be a whole number ≥ 1`);
  const def: JobDefinition<P> = { type, handler: opts.handler, maxAttempts, backoff: opts.backoff ?? exponentialBackoff() };
  definitions.set(type, def);
  return def;
}

/**
 * Runs `type` (with an empty payload) every `everySeconds`; across all instances, once per period.
 * `when` leaves the schedule out under a configuration that has nothing for it to do.
 */
export function schedule(type: string | JobDefinition<any>, everySeconds: number, opts: { when?: (config: Config) => boolean } = {}): void {
  const name = typeof type === 'string' ? type : type.type;
  if (!definitions.has(name)) throw new Error(`schedule("${name}"): define the job first`);
  if (!Number.isInteger(everySeconds) || everySeconds < 1) throw new Error(`schedule("${name}"): everySeconds must be a whole number ≥ 1`);
  schedules.set(name, { everySeconds, when: opts.when });
}

export function jobDefinition(type: string): JobDefinition<unknown> | undefined {
  return definitions.get(type);
}

export function knownTypes(): string[] {
  return [...definitions.keys()];
}

/** The schedules that apply under this configuration, as [type, everySeconds]. */
export function activeSchedules(config: Config): [string, number][] {
  return [...schedules].filter(([, s]) => !s.when || s.when(config)).map(([type, s]) => [type, s.everySeconds]);
}
