-- Compliance oversight: requirements taken from clauses of in-force standards (and their revisions),
-- reference frameworks loaded from OSCAL with mappings to them, assessment cycles with one assessment
-- per institution and one answer per applicable requirement (per system for system requirements),
-- evidence, the head of institution's attestation, the authority's review, findings with challenges and
-- remediation plans (POA&M), directives, and scores frozen when a cycle closes.

-- A requirement is one clause of a level-1 or level-2 standard that institutions must (or should) meet.
-- Its ref (document code + clause number) is stable across editions; a requirement is never deleted:
-- when a revision removes its clause it is retired with its history kept.
CREATE TABLE compliance_requirements (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  ref text NOT NULL CHECK (length(ref) BETWEEN 3 AND 120),
  document_id uuid NOT NULL REFERENCES library_documents(id),
  -- The edition (and the clause in its content) the current text comes from.
  edition_id uuid NOT NULL REFERENCES library_editions(id),
  clause_id text NOT NULL,
  clause_number text NOT NULL,
  text_sw text NOT NULL,
  text_en text NOT NULL,
  obligation text NOT NULL CHECK (obligation IN ('mandatory', 'recommended')),
  group_code text REFERENCES architecture_groups(code),
  applies_to text NOT NULL CHECK (applies_to IN ('institution', 'system')),
  -- Applicability: { institutionTypes?: [], sectors?: [], system?: { publicFacing?, personalData?,
  -- integrates?, govesb?, hosting?: [], lifecycle?: [] } } — absent keys do not restrict.
  conditions jsonb NOT NULL DEFAULT '{}'::jsonb,
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'retired')),
  -- Bumped whenever a revision changes the text or obligation; answers record the version they answer.
  version integer NOT NULL DEFAULT 1,
  retired_at timestamptz,
  retired_reason text,
  confirmed_by uuid REFERENCES users(id),
  confirmed_at timestamptz NOT NULL DEFAULT now(),
  revision integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (status = 'active' OR retired_at IS NOT NULL)
);
CREATE UNIQUE INDEX compliance_requirements_ref_key ON compliance_requirements (lower(ref));
CREATE INDEX compliance_requirements_document_idx ON compliance_requirements (document_id);

-- Every text a requirement has had, by version (what an answer of an earlier cycle answered).
CREATE TABLE compliance_requirement_versions (
  requirement_id uuid NOT NULL REFERENCES compliance_requirements(id),
  version integer NOT NULL,
  edition_id uuid NOT NULL REFERENCES library_editions(id),
  text_sw text NOT NULL,
  text_en text NOT NULL,
  obligation text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (requirement_id, version)
);

-- An edition coming into force opens a requirement revision: candidates proposed from its clauses,
-- compared clause by clause with the document's current requirements, decided one by one by an
-- author, then applied together.
CREATE TABLE compliance_revisions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  document_id uuid NOT NULL REFERENCES library_documents(id),
  edition_id uuid NOT NULL REFERENCES library_editions(id),
  -- The edition the current requirements come from; null for a document's first requirements.
  previous_edition_id uuid REFERENCES library_editions(id),
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'applied', 'dismissed')),
  -- Institutions get until this date to meet changed and added requirements.
  transition_deadline date,
  applied_at timestamptz,
  applied_by uuid REFERENCES users(id),
  revision integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (edition_id)
);

CREATE TABLE compliance_candidates (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  revision_id uuid NOT NULL REFERENCES compliance_revisions(id) ON DELETE CASCADE,
  -- The clause of the new edition; null for a removed requirement (its clause is gone).
  clause_id text,
  clause_number text,
  ref text NOT NULL,
  text_sw text NOT NULL DEFAULT '',
  text_en text NOT NULL DEFAULT '',
  obligation text CHECK (obligation IN ('mandatory', 'recommended')),
  group_code text REFERENCES architecture_groups(code),
  applies_to text CHECK (applies_to IN ('institution', 'system')),
  conditions jsonb NOT NULL DEFAULT '{}'::jsonb,
  -- Against the current requirements: a new clause, a changed text, the same text, a clause removed.
  change text NOT NULL CHECK (change IN ('added', 'changed', 'unchanged', 'removed')),
  requirement_id uuid REFERENCES compliance_requirements(id),
  decision text NOT NULL DEFAULT 'proposed' CHECK (decision IN ('proposed', 'confirmed', 'rejected')),
  decision_reason text,
  decided_by uuid REFERENCES users(id),
  decided_at timestamptz,
  position integer NOT NULL,
  UNIQUE (revision_id, ref)
);

-- Reference frameworks loaded from OSCAL catalogs (e.g. NIST SP 800-53 rev5 moderate) and how
-- Viwango's requirements map to their controls.
CREATE TABLE compliance_frameworks (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  code text NOT NULL UNIQUE,
  title text NOT NULL,
  version text NOT NULL DEFAULT '',
  oscal_uuid uuid,
  group_count integer NOT NULL DEFAULT 0,
  control_count integer NOT NULL DEFAULT 0,
  loaded_by uuid REFERENCES users(id),
  loaded_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE compliance_controls (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  framework_id uuid NOT NULL REFERENCES compliance_frameworks(id) ON DELETE CASCADE,
  control_id text NOT NULL,
  group_id text NOT NULL DEFAULT '',
  group_title text NOT NULL DEFAULT '',
  parent_control_id text,
  title text NOT NULL,
  position integer NOT NULL,
  UNIQUE (framework_id, control_id)
);

CREATE TABLE compliance_control_mappings (
  requirement_id uuid NOT NULL REFERENCES compliance_requirements(id),
  control_id uuid NOT NULL REFERENCES compliance_controls(id) ON DELETE CASCADE,
  relation text NOT NULL CHECK (relation IN ('equal', 'subset', 'superset', 'intersects')),
  created_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (requirement_id, control_id)
);

-- An assessment cycle: which requirements, which institutions, and its dates.
CREATE TABLE compliance_cycles (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  code text NOT NULL CHECK (length(code) BETWEEN 1 AND 40),
  name_sw text NOT NULL,
  name_en text NOT NULL,
  -- draft → opening (assessments being created in the background) → open → closed.
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'opening', 'open', 'closed')),
  -- { documentIds?: [], requirementIds?: [], institutionTypes?: [], sectors?: [], institutionIds?: [] }
  scope jsonb NOT NULL DEFAULT '{}'::jsonb,
  submission_due date NOT NULL,
  review_due date NOT NULL,
  challenge_until date NOT NULL,
  opened_at timestamptz,
  closed_at timestamptz,
  open_job_id uuid,
  created_by uuid REFERENCES users(id),
  revision integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (submission_due <= review_due AND review_due <= challenge_until)
);
CREATE UNIQUE INDEX compliance_cycles_code_key ON compliance_cycles (lower(code));

-- The requirements of a cycle, fixed when it opens (with the version each was at).
CREATE TABLE compliance_cycle_requirements (
  cycle_id uuid NOT NULL REFERENCES compliance_cycles(id),
  requirement_id uuid NOT NULL REFERENCES compliance_requirements(id),
  requirement_version integer NOT NULL,
  PRIMARY KEY (cycle_id, requirement_id)
);

-- One institution's assessment in one cycle.
CREATE TABLE compliance_assessments (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  cycle_id uuid NOT NULL REFERENCES compliance_cycles(id),
  institution_id uuid NOT NULL REFERENCES institutions(id),
  -- open (being answered) → signed_off (locked, with the attestation) → returned (some answers sent
  -- back; those are open again until the head signs off once more) → reviewed.
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'signed_off', 'returned', 'reviewed')),
  -- Kept up to date by the answer commands so pages show progress without counting answers.
  question_count integer NOT NULL DEFAULT 0,
  answered_count integer NOT NULL DEFAULT 0,
  signed_off_at timestamptz,
  signed_off_by uuid REFERENCES users(id),
  -- Chosen by the authority for on-site verification.
  sampled boolean NOT NULL DEFAULT false,
  reviewed_at timestamptz,
  revision integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (cycle_id, institution_id)
);
CREATE INDEX compliance_assessments_institution_idx ON compliance_assessments (institution_id);

-- One answer per requirement of the assessment, and per system for requirements that apply to systems.
CREATE TABLE compliance_answers (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  assessment_id uuid NOT NULL REFERENCES compliance_assessments(id) ON DELETE CASCADE,
  requirement_id uuid NOT NULL REFERENCES compliance_requirements(id),
  requirement_version integer NOT NULL,
  system_id uuid REFERENCES portfolio_systems(id),
  position integer NOT NULL,
  result text CHECK (result IN ('compliant', 'partial', 'non_compliant', 'not_applicable')),
  justification text NOT NULL DEFAULT '',
  comment text NOT NULL DEFAULT '',
  assigned_to uuid REFERENCES users(id),
  answered_by uuid REFERENCES users(id),
  answered_at timestamptz,
  -- Carried over from an earlier answer when a revision left the requirement unchanged.
  carried_from uuid REFERENCES compliance_answers(id),
  review_status text NOT NULL DEFAULT 'pending' CHECK (review_status IN ('pending', 'accepted', 'returned')),
  review_comment text NOT NULL DEFAULT '',
  reviewed_by uuid REFERENCES users(id),
  reviewed_at timestamptz,
  -- The on-site verification's own result; the self-assessed result above is kept beside it.
  verified_result text CHECK (verified_result IN ('compliant', 'partial', 'non_compliant', 'not_applicable')),
  verified_comment text NOT NULL DEFAULT '',
  verified_by uuid REFERENCES users(id),
  verified_at timestamptz,
  revision integer NOT NULL DEFAULT 1,
  CHECK (result IS DISTINCT FROM 'not_applicable' OR length(justification) > 0)
);
CREATE UNIQUE INDEX compliance_answers_key ON compliance_answers
  (assessment_id, requirement_id, coalesce(system_id, '00000000-0000-0000-0000-000000000000'::uuid));
CREATE INDEX compliance_answers_position_idx ON compliance_answers (assessment_id, position);
CREATE INDEX compliance_answers_requirement_idx ON compliance_answers (requirement_id);
CREATE INDEX compliance_answers_assigned_idx ON compliance_answers (assigned_to) WHERE assigned_to IS NOT NULL;

-- Evidence belongs to an institution: a stored file (by hash) or a link, with an expiry date.
-- One piece can serve several answers, remediation plans and directives.
CREATE TABLE compliance_evidence (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  institution_id uuid NOT NULL REFERENCES institutions(id),
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  kind text NOT NULL CHECK (kind IN ('file', 'link')),
  file_sha256 text,
  file_name text,
  file_type text,
  file_size integer,
  url text,
  expires_on date,
  uploaded_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((kind = 'file') = (file_sha256 IS NOT NULL) AND (kind = 'link') = (url IS NOT NULL))
);
CREATE INDEX compliance_evidence_institution_idx ON compliance_evidence (institution_id);

CREATE TABLE compliance_answer_evidence (
  answer_id uuid NOT NULL REFERENCES compliance_answers(id) ON DELETE CASCADE,
  evidence_id uuid NOT NULL REFERENCES compliance_evidence(id),
  PRIMARY KEY (answer_id, evidence_id)
);
CREATE INDEX compliance_answer_evidence_evidence_idx ON compliance_answer_evidence (evidence_id);

-- The head of institution's sign-off: a hash over exactly what was submitted, kept with the content.
CREATE TABLE compliance_attestations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  assessment_id uuid NOT NULL REFERENCES compliance_assessments(id),
  signed_by uuid NOT NULL REFERENCES users(id),
  signer_name text NOT NULL,
  signed_at timestamptz NOT NULL DEFAULT now(),
  -- sha256 of the canonical JSON in content.
  content_sha256 text NOT NULL,
  content jsonb NOT NULL
);
CREATE INDEX compliance_attestations_assessment_idx ON compliance_attestations (assessment_id, signed_at);

-- Findings raised by reviewers, the institution's challenges, and the remediation plan (POA&M).
CREATE TABLE compliance_findings (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  assessment_id uuid NOT NULL REFERENCES compliance_assessments(id),
  institution_id uuid NOT NULL REFERENCES institutions(id),
  cycle_id uuid NOT NULL REFERENCES compliance_cycles(id),
  requirement_id uuid NOT NULL REFERENCES compliance_requirements(id),
  system_id uuid REFERENCES portfolio_systems(id),
  answer_id uuid REFERENCES compliance_answers(id),
  severity text NOT NULL CHECK (severity IN ('low', 'moderate', 'high', 'critical')),
  description text NOT NULL CHECK (length(description) BETWEEN 1 AND 4000),
  due_on date NOT NULL,
  -- open → challenged → (upheld: open again | withdrawn) ; open → closed when its remediation is done.
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'challenged', 'withdrawn', 'closed')),
  raised_by uuid REFERENCES users(id),
  raised_at timestamptz NOT NULL DEFAULT now(),
  closed_by uuid REFERENCES users(id),
  closed_at timestamptz,
  -- The last escalation step reached for an overdue finding (0 none, 1 officer, 2 head, 3 authority).
  escalation integer NOT NULL DEFAULT 0,
  revision integer NOT NULL DEFAULT 1
);
CREATE INDEX compliance_findings_institution_idx ON compliance_findings (institution_id, status);
CREATE INDEX compliance_findings_cycle_idx ON compliance_findings (cycle_id);
CREATE INDEX compliance_findings_due_idx ON compliance_findings (due_on) WHERE status IN ('open', 'challenged');

CREATE TABLE compliance_challenges (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  finding_id uuid NOT NULL REFERENCES compliance_findings(id),
  reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 4000),
  submitted_by uuid REFERENCES users(id),
  submitted_at timestamptz NOT NULL DEFAULT now(),
  outcome text CHECK (outcome IN ('upheld', 'withdrawn')),
  outcome_reason text,
  decided_by uuid REFERENCES users(id),
  decided_at timestamptz
);
CREATE UNIQUE INDEX compliance_challenges_one_open ON compliance_challenges (finding_id) WHERE outcome IS NULL;

CREATE TABLE compliance_poam_items (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  finding_id uuid NOT NULL UNIQUE REFERENCES compliance_findings(id),
  institution_id uuid NOT NULL REFERENCES institutions(id),
  owner_name text NOT NULL,
  owner_email text NOT NULL DEFAULT '',
  plan text NOT NULL CHECK (length(plan) BETWEEN 1 AND 4000),
  -- draft → submitted → in_progress → completed (by the institution) → closed (by the reviewer).
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted', 'in_progress', 'completed', 'closed')),
  submitted_at timestamptz,
  completed_at timestamptz,
  closed_by uuid REFERENCES users(id),
  closed_at timestamptz,
  revision integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX compliance_poam_institution_idx ON compliance_poam_items (institution_id, status);

CREATE TABLE compliance_milestones (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  poam_id uuid NOT NULL REFERENCES compliance_poam_items(id) ON DELETE CASCADE,
  position integer NOT NULL,
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
  planned_on date NOT NULL,
  actual_on date,
  UNIQUE (poam_id, position)
);

-- Every change to a plan or its milestones (GovReady-Q keeps these too): what, who, when.
CREATE TABLE compliance_poam_changes (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  poam_id uuid NOT NULL REFERENCES compliance_poam_items(id) ON DELETE CASCADE,
  changed_by uuid REFERENCES users(id),
  changed_at timestamptz NOT NULL DEFAULT now(),
  change jsonb NOT NULL
);
CREATE INDEX compliance_poam_changes_idx ON compliance_poam_changes (poam_id, changed_at);

CREATE TABLE compliance_poam_evidence (
  poam_id uuid NOT NULL REFERENCES compliance_poam_items(id) ON DELETE CASCADE,
  evidence_id uuid NOT NULL REFERENCES compliance_evidence(id),
  PRIMARY KEY (poam_id, evidence_id)
);

-- Directives of the authority to target institutions, with a deadline and each institution's status.
CREATE TABLE compliance_directives (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  code text NOT NULL CHECK (length(code) BETWEEN 1 AND 40),
  title_sw text NOT NULL,
  title_en text NOT NULL,
  body_sw text NOT NULL DEFAULT '',
  body_en text NOT NULL DEFAULT '',
  deadline date NOT NULL,
  requirement_id uuid REFERENCES compliance_requirements(id),
  -- { institutionTypes?: [], sectors?: [], institutionIds?: [] }
  target jsonb NOT NULL DEFAULT '{}'::jsonb,
  status text NOT NULL DEFAULT 'issued' CHECK (status IN ('issued', 'withdrawn')),
  issued_by uuid REFERENCES users(id),
  issued_at timestamptz NOT NULL DEFAULT now(),
  revision integer NOT NULL DEFAULT 1
);
CREATE UNIQUE INDEX compliance_directives_code_key ON compliance_directives (lower(code));

CREATE TABLE compliance_directive_targets (
  directive_id uuid NOT NULL REFERENCES compliance_directives(id),
  institution_id uuid NOT NULL REFERENCES institutions(id),
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'in_progress', 'done')),
  note text NOT NULL DEFAULT '',
  updated_by uuid REFERENCES users(id),
  updated_at timestamptz NOT NULL DEFAULT now(),
  -- Reminders sent before the deadline and escalation after it (as for findings).
  reminded integer NOT NULL DEFAULT 0,
  revision integer NOT NULL DEFAULT 1,
  PRIMARY KEY (directive_id, institution_id)
);
CREATE INDEX compliance_directive_targets_institution_idx ON compliance_directive_targets (institution_id);

CREATE TABLE compliance_directive_evidence (
  directive_id uuid NOT NULL,
  institution_id uuid NOT NULL,
  evidence_id uuid NOT NULL REFERENCES compliance_evidence(id),
  PRIMARY KEY (directive_id, institution_id, evidence_id),
  FOREIGN KEY (directive_id, institution_id) REFERENCES compliance_directive_targets(directive_id, institution_id)
);

-- Scores, pre-computed so dashboards never scan answers: one row per cycle × institution × scope
-- (the institution as a whole '', an architecture group, a standard, a system). Rows of a closed
-- cycle are frozen: later edits to requirements or answers do not change them.
CREATE TABLE compliance_scores (
  cycle_id uuid NOT NULL REFERENCES compliance_cycles(id),
  institution_id uuid NOT NULL REFERENCES institutions(id),
  scope_kind text NOT NULL CHECK (scope_kind IN ('institution', 'group', 'document', 'system')),
  scope_key text NOT NULL,
  -- Weighted points earned over weighted points possible (not-applicable answers excluded), 0–100.
  score numeric(5, 2),
  earned numeric(12, 2) NOT NULL DEFAULT 0,
  possible numeric(12, 2) NOT NULL DEFAULT 0,
  answered integer NOT NULL DEFAULT 0,
  applicable integer NOT NULL DEFAULT 0,
  frozen boolean NOT NULL DEFAULT false,
  computed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (cycle_id, institution_id, scope_kind, scope_key)
);
CREATE INDEX compliance_scores_kind_idx ON compliance_scores (cycle_id, scope_kind, scope_key);

-- Per requirement across all institutions of a cycle (how widely a standard is met).
CREATE TABLE compliance_requirement_scores (
  cycle_id uuid NOT NULL REFERENCES compliance_cycles(id),
  requirement_id uuid NOT NULL REFERENCES compliance_requirements(id),
  score numeric(5, 2),
  compliant integer NOT NULL DEFAULT 0,
  partial integer NOT NULL DEFAULT 0,
  non_compliant integer NOT NULL DEFAULT 0,
  not_applicable integer NOT NULL DEFAULT 0,
  unanswered integer NOT NULL DEFAULT 0,
  frozen boolean NOT NULL DEFAULT false,
  PRIMARY KEY (cycle_id, requirement_id)
);

-- The authority decides when an institution's summary for a cycle is published to the public.
CREATE TABLE compliance_publications (
  cycle_id uuid NOT NULL REFERENCES compliance_cycles(id),
  institution_id uuid NOT NULL REFERENCES institutions(id),
  published_by uuid REFERENCES users(id),
  published_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (cycle_id, institution_id)
);
