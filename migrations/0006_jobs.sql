-- Background jobs (docs/decisions/0006-job-table.md). The placeholder `jobs` table of 0001 was never
-- used; it is replaced by one that carries status, a lease, progress and a de-duplication key.
DROP TABLE IF EXISTS jobs;

CREATE TABLE jobs (
  id bigserial PRIMARY KEY,
  type text NOT NULL,
  payload jsonb NOT NULL DEFAULT '{}'::jsonb,
  status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'done', 'failed', 'cancelled')),
  run_at timestamptz NOT NULL DEFAULT now(),
  attempts integer NOT NULL DEFAULT 0,
  max_attempts integer NOT NULL DEFAULT 5 CHECK (max_attempts >= 1),
  last_error text,
  progress_done integer NOT NULL DEFAULT 0,
  progress_total integer,
  progress_note text,
  dedupe_key text,
  -- The lease: which runner holds the job and until when. A runner that dies stops renewing it,
  -- and another claims the job once it has expired.
  locked_by text,
  locked_until timestamptz,
  created_by uuid REFERENCES users(id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  started_at timestamptz,
  finished_at timestamptz,
  result jsonb
);
-- At most one waiting or running job per (type, key); finished ones no longer block a new one.
CREATE UNIQUE INDEX jobs_dedupe_idx ON jobs (type, dedupe_key) WHERE dedupe_key IS NOT NULL AND status IN ('queued', 'running');
CREATE INDEX jobs_due_idx ON jobs (run_at, id) WHERE status = 'queued';
CREATE INDEX jobs_lease_idx ON jobs (locked_until) WHERE status = 'running';
CREATE INDEX jobs_status_idx ON jobs (status, id);
CREATE INDEX jobs_finished_idx ON jobs (finished_at) WHERE finished_at IS NOT NULL;

-- Recurring work declared in code with schedule(type, everySeconds). The row is the shared clock:
-- the runner that moves next_run_at forward is the one that enqueues the occurrence.
CREATE TABLE job_schedules (
  type text PRIMARY KEY,
  every_seconds integer NOT NULL CHECK (every_seconds > 0),
  next_run_at timestamptz NOT NULL DEFAULT now(),
  last_run_at timestamptz
);
