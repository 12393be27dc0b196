-- Foundation: extensions, reference data, audit trail, background jobs, mail outbox.
CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public;
CREATE EXTENSION IF NOT EXISTS unaccent WITH SCHEMA public;
CREATE EXTENSION IF NOT EXISTS pgcrypto WITH SCHEMA public;

CREATE TABLE architecture_groups (
  code text PRIMARY KEY,
  position integer NOT NULL UNIQUE,
  name_sw text NOT NULL,
  name_en text NOT NULL,
  description_sw text NOT NULL,
  description_en text NOT NULL,
  doc_prefix text
);

CREATE TABLE institutions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  acronym text NOT NULL,
  name_sw text NOT NULL,
  name_en text NOT NULL,
  type text NOT NULL CHECK (type IN ('legislature','ministry','independent_department','public_authority',
    'executive_agency','public_corporation','regional_secretariat','local_government_authority','other')),
  sector text NOT NULL DEFAULT '',
  parent_id uuid REFERENCES institutions(id),
  region text,
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX institutions_acronym_key ON institutions (lower(acronym));

CREATE TABLE shared_systems (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  code text NOT NULL UNIQUE,
  full_name text,
  owner_id uuid NOT NULL REFERENCES institutions(id),
  capability text NOT NULL,
  status text NOT NULL CHECK (status IN ('active','legacy')),
  purpose_sw text NOT NULL,
  purpose_en text NOT NULL
);

-- Hash-chained audit trail: each entry carries the hash of the one before it (see platform/audit).
CREATE TABLE audit_log (
  seq bigserial PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  actor_id uuid,
  actor_label text NOT NULL,
  via text NOT NULL DEFAULT 'web',
  ip text,
  institution_id uuid,
  action text NOT NULL,
  entity_type text NOT NULL,
  entity_id text,
  summary jsonb NOT NULL DEFAULT '{}'::jsonb,
  prev_hash text NOT NULL,
  hash text NOT NULL
);
CREATE INDEX audit_log_actor_idx ON audit_log (actor_id, seq);
CREATE INDEX audit_log_institution_idx ON audit_log (institution_id, seq);
CREATE INDEX audit_log_entity_idx ON audit_log (entity_type, entity_id);

-- Background work claimed with FOR UPDATE SKIP LOCKED, on either driver.
CREATE TABLE jobs (
  id bigserial PRIMARY KEY,
  kind text NOT NULL,
  payload jsonb NOT NULL DEFAULT '{}'::jsonb,
  run_at timestamptz NOT NULL DEFAULT now(),
  attempts integer NOT NULL DEFAULT 0,
  last_error text,
  done_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX jobs_due_idx ON jobs (run_at) WHERE done_at IS NULL;

-- Every message sent, with its delivery state; in development this is the outbox page.
CREATE TABLE mail_outbox (
  id bigserial PRIMARY KEY,
  to_address text NOT NULL,
  subject text NOT NULL,
  body_text text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  attempts integer NOT NULL DEFAULT 0,
  sent_at timestamptz,
  error text
);
CREATE INDEX mail_outbox_pending_idx ON mail_outbox (id) WHERE sent_at IS NULL;

-- The newest audit entry, so that removing entries from the end of the chain is detected too.
CREATE TABLE audit_head (
  id integer PRIMARY KEY CHECK (id = 1),
  seq bigint NOT NULL,
  hash text NOT NULL
);

-- Instance-wide settings shared by every process (e.g. the generated cookie secret).
CREATE TABLE app_settings (
  key text PRIMARY KEY,
  value text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
