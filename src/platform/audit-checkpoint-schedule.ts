// When checkpoints are written: on a timer while the server runs, and on request after sensitive
// actions. Kept apart from what a checkpoint is (audit-checkpoints.ts) so a job runner can take
// over the timer without touching the rest.
import type { Config } from '../config.ts';
import type { Database } from './db/database.ts';
import { writeCheckpoint, type Checkpoint } from './audit-checkpoints.ts';
import { loadSigningKey } from './audit-signing-key.ts';
import { onSensitiveEntry } from './audit.ts';

export const CHECKPOINT_EVERY_MS = 15 * 60_000;
/** At most one checkpoint a minute is written for sensitive actions; those in between share the next. */
export const SENSITIVE_GAP_MS = 60_000;
/** How long a sensitive action's transaction may take to commit before the checkpoint is written anyway. */
const COMMIT_WAIT_MS = 30_000;

let request: (() => Promise<Checkpoint | null>) | undefined;

/**
 * Asks for a checkpoint soon, e.g. after a role change or a deactivation. Requests made while one
 * is waiting share it; one made while a checkpoint is being written gets the next. Never rejects
 * (failures go to the server's log), so callers need not await it. Does nothing, and resolves to
 * null, when no server started the checkpoints (tests, CLI commands).
 */
export function requestCheckpoint(): Promise<Checkpoint | null> {
  return request ? request() : Promise.resolve(null);
}

/** Serialises calls to `fn`, and lets calls that arrive before the queued one starts share it. */
function coalesce<T>(fn: () => Promise<T>): () => Promise<T> {
  let queued: Promise<T> | null = null;
  let tail: Promise<unknown> = Promise.resolve();
  return () => {
    if (queued) return queued;
    const next = tail.then(() => {
      queued = null;
      return fn();
    });
    queued = next;
    tail = next.catch(() => undefined);
    return next;
  };
}

/**
 * Starts checkpoints for this process: loads the signing key now (a bad AUDIT_SIGNING_KEY_FILE
 * stops start-up), writes one if entries arrived since the newest, then every `everyMs` while
 * there are new entries. Returns the function that stops them.
 */
export function startAuditCheckpoints(
  db: Database,
  config: Config,
  onError: (err: unknown) => void,
  everyMs = CHECKPOINT_EVERY_MS,
  timing: { sensitiveGapMs?: number; settleMs?: number } = {},
): () => Promise<void> {
  loadSigningKey(config);
  const write = coalesce(() => writeCheckpoint(db, config, { onlyIfNew: true }));
  let latest: Promise<unknown> = Promise.resolve();
  const mine = () => {
    const p = write().catch((err: unknown) => {
      onError(err);
      return null;
    });
    latest = p;
    return p;
  };
  request = mine;
  void mine();
  const timer = setInterval(() => void mine(), everyMs).unref();

  // After a sensitive action: one timer at a time, so the cost per action is a comparison; the
  // checkpoint waits for the action's transaction to commit (the head reaching its entry), and
  // comes at most once per gap.
  const gap = timing.sensitiveGapMs ?? SENSITIVE_GAP_MS;
  const settle = timing.settleMs ?? 250;
  let lastSensitive = -Infinity;
  let waitingFor = 0;
  let since = 0;
  let pending: NodeJS.Timeout | null = null;
  const arm = (ms: number) => {
    pending = setTimeout(() => void fire(), Math.max(ms, 0)).unref();
  };
  const fire = async () => {
    pending = null;
    try {
      const [head] = await db.query<{ seq: string }>('SELECT seq FROM audit_head WHERE id = 1');
      if (Number(head?.seq ?? 0) < waitingFor && Date.now() - since < COMMIT_WAIT_MS) return arm(settle);
    } catch (err) {
      onError(err);
    }
    waitingFor = 0;
    lastSensitive = Date.now();
    await mine();
  };
  onSensitiveEntry((seq) => {
    waitingFor = Math.max(waitingFor, seq);
    if (pending) return;
    since = Date.now();
    arm(Math.max(settle, lastSensitive + gap - Date.now()));
  });
  // Stopping waits for a checkpoint being written, so the database is not closed under it.
  return async () => {
    clearInterval(timer);
    if (pending) clearTimeout(pending);
    onSensitiveEntry(null);
    if (request === mine) request = undefined;
    await latest;
  };
}
