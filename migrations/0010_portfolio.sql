-- The government ICT portfolio: the capability reference model, institutions' systems, e-services and
-- integrations with their history, the yearly confirmation by the head of institution, and the
-- overlap (duplicate) clusters with the authority's decisions on them.

CREATE TABLE capability_domains (
  code text PRIMARY KEY,
  position integer NOT NULL,
  name_sw text NOT NULL,
  name_en text NOT NULL
);

CREATE TABLE capabilities (
  code text PRIMARY KEY,
  domain_code text NOT NULL REFERENCES capability_domains(code),
  position integer NOT NULL,
  name_sw text NOT NULL,
  name_en text NOT NULL,
  description_sw text NOT NULL DEFAULT '',
  description_en text NOT NULL DEFAULT ''
);

CREATE TABLE portfolio_systems (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  institution_id uuid NOT NULL REFERENCES institutions(id),
  code text NOT NULL CHECK (length(code) BETWEEN 1 AND 40),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  name_sw text NOT NULL DEFAULT '',
  name_en text NOT NULL DEFAULT '',
  purpose text NOT NULL DEFAULT '',
  capabilities text[] NOT NULL DEFAULT '{}',
  lifecycle text NOT NULL CHECK (lifecycle IN ('planned','development','production','retiring','retired')),
  hosting text NOT NULL CHECK (hosting IN ('govdc','gov_cloud','commercial_cloud','on_premises')),
  users_count integer CHECK (users_count >= 0),
  user_kinds text[] NOT NULL DEFAULT '{}',
  personal_data boolean NOT NULL DEFAULT false,
  data_objects text[] NOT NULL DEFAULT '{}',
  security_class text NOT NULL DEFAULT 'internal' CHECK (security_class IN ('public','internal','confidential','secret')),
  govesb boolean NOT NULL DEFAULT false,
  technology text NOT NULL DEFAULT '',
  vendor text NOT NULL DEFAULT '',
  go_live date,
  retire_date date,
  capex_tzs bigint CHECK (capex_tzs >= 0),
  opex_tzs bigint CHECK (opex_tzs >= 0),
  contact_name text NOT NULL DEFAULT '',
  contact_email text NOT NULL DEFAULT '',
  -- The owner's record of a shared government system (e-Office, GMS, MUSE, ...).
  shared_system_id uuid UNIQUE REFERENCES shared_systems(id),
  -- An institution's use of a shared system: reuse, never a duplicate.
  uses_system_id uuid REFERENCES portfolio_systems(id),
  -- The reviewed project proposal that created the system (reviews module), when there is one.
  origin_proposal_id uuid,
  revision integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (uses_system_id IS NULL OR shared_system_id IS NULL)
);
CREATE UNIQUE INDEX portfolio_systems_code_key ON portfolio_systems (institution_id, lower(code));
CREATE INDEX portfolio_systems_caps ON portfolio_systems USING gin (capabilities);
CREATE INDEX portfolio_systems_uses ON portfolio_systems (uses_system_id);
CREATE INDEX portfolio_systems_lifecycle ON portfolio_systems (lifecycle);

-- Who changed what and when, per record; shown on the record's page (the audit trail has it too).
CREATE TABLE portfolio_history (
  id bigserial PRIMARY KEY,
  system_id uuid NOT NULL REFERENCES portfolio_systems(id) ON DELETE CASCADE,
  at timestamptz NOT NULL DEFAULT now(),
  actor_label text NOT NULL,
  change text NOT NULL,
  fields jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX portfolio_history_system ON portfolio_history (system_id, at DESC);

CREATE TABLE portfolio_eservices (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  system_id uuid NOT NULL REFERENCES portfolio_systems(id) ON DELETE CASCADE,
  name_sw text NOT NULL DEFAULT '',
  name_en text NOT NULL DEFAULT '',
  audience text NOT NULL CHECK (audience IN ('citizens','businesses','institutions','public_servants')),
  channels text[] NOT NULL DEFAULT '{}',
  fee_tzs bigint CHECK (fee_tzs >= 0),
  url text NOT NULL DEFAULT '',
  revision integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (length(name_sw) > 0 OR length(name_en) > 0)
);
CREATE INDEX portfolio_eservices_system ON portfolio_eservices (system_id);

CREATE TABLE portfolio_integrations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  provider_id uuid NOT NULL REFERENCES portfolio_systems(id) ON DELETE CASCADE,
  consumer_id uuid NOT NULL REFERENCES portfolio_systems(id) ON DELETE CASCADE,
  data_exchanged text NOT NULL,
  channel text NOT NULL CHECK (channel IN ('govesb','direct_api','file_transfer','other')),
  legal_basis text NOT NULL DEFAULT '',
  agreement_sha256 text,
  agreement_name text,
  status text NOT NULL CHECK (status IN ('planned','active','suspended','retired')),
  revision integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (provider_id <> consumer_id)
);
CREATE INDEX portfolio_integrations_provider ON portfolio_integrations (provider_id);
CREATE INDEX portfolio_integrations_consumer ON portfolio_integrations (consumer_id);

-- Once a year the head of institution confirms the portfolio is complete and correct.
CREATE TABLE portfolio_confirmations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  institution_id uuid NOT NULL REFERENCES institutions(id),
  year integer NOT NULL,
  confirmed_by uuid NOT NULL REFERENCES users(id),
  confirmed_name text NOT NULL,
  confirmed_at timestamptz NOT NULL DEFAULT now(),
  systems integer NOT NULL,
  UNIQUE (institution_id, year)
);

-- The authority's decisions on pairs of systems; every later run respects them.
CREATE TABLE portfolio_overlap_decisions (
  system_a uuid NOT NULL REFERENCES portfolio_systems(id) ON DELETE CASCADE,
  system_b uuid NOT NULL REFERENCES portfolio_systems(id) ON DELETE CASCADE,
  verdict text NOT NULL CHECK (verdict IN ('confirmed','not_overlap','planned_consolidation')),
  note text NOT NULL DEFAULT '',
  decided_by text NOT NULL,
  decided_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (system_a, system_b),
  CHECK (system_a < system_b)
);

-- The clusters of the newest run, replaced whole by each run.
CREATE TABLE portfolio_overlap_clusters (
  id text PRIMARY KEY,
  score real NOT NULL,
  capability text,
  members uuid[] NOT NULL,
  pairs jsonb NOT NULL,
  reasons jsonb NOT NULL
);
CREATE INDEX portfolio_overlap_clusters_members ON portfolio_overlap_clusters USING gin (members);

-- registry_version grows with every change to the registry; computed_version is the version the
-- stored clusters were computed from. The CLI and the job recompute when they differ.
CREATE TABLE portfolio_state (
  id integer PRIMARY KEY CHECK (id = 1),
  registry_version bigint NOT NULL DEFAULT 0,
  computed_version bigint NOT NULL DEFAULT -1,
  computed_at timestamptz,
  compute_ms integer
);
INSERT INTO portfolio_state (id) VALUES (1);
