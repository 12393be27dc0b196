-- Reviews by the authority: institutions' ICT project proposals (new projects and change requests of
-- live systems) and institutional ICT documents, screened at submission against the portfolio
-- registry, reviewed against a weighted checklist, decided with reasons and conditions, and counted
-- against a working-day deadline that skips weekends and the public holidays below.

-- One case: what is reviewed, where it stands and who reviews it. A proposal's and a document's own
-- fields live in the tables after it, one row per case.
CREATE TABLE review_cases (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  kind text NOT NULL CHECK (kind IN ('project', 'change', 'document')),
  institution_id uuid NOT NULL REFERENCES institutions(id),
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
  -- draft → submitted → in_review ⇄ clarification (the clock stops) → decided; in_review → returned
  -- (deficiencies to fix) → submitted again.
  stage text NOT NULL DEFAULT 'draft' CHECK (stage IN ('draft', 'submitted', 'in_review', 'clarification', 'returned', 'decided')),
  -- For a change request: the live system whose scope changes.
  system_id uuid REFERENCES portfolio_systems(id),
  -- For a revised edition of a document: the case whose advice it answers.
  previous_case_id uuid REFERENCES review_cases(id),
  reviewer_id uuid REFERENCES users(id),
  reviewer_name text,
  submission_count integer NOT NULL DEFAULT 0,
  first_submitted_at timestamptz,
  submitted_at timestamptz,
  -- Working days the authority has to decide, counted from the first submission.
  sla_days integer NOT NULL DEFAULT 20 CHECK (sla_days BETWEEN 1 AND 365),
  due_on date,
  reminded_at timestamptz,
  escalated_at timestamptz,
  -- The automatic screening of the last submission (overlaps, shared systems, requirements, findings).
  screening jsonb,
  outcome text CHECK (outcome IN ('approved', 'approved_with_conditions', 'postponed', 'rejected')),
  decided_at timestamptz,
  -- The portfolio system the approved project became when it went live (its lineage).
  live_system_id uuid REFERENCES portfolio_systems(id),
  live_at timestamptz,
  created_by uuid REFERENCES users(id),
  revision integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((stage = 'decided') = (outcome IS NOT NULL))
);
CREATE INDEX review_cases_institution_idx ON review_cases (institution_id, stage);
CREATE INDEX review_cases_stage_idx ON review_cases (stage, due_on);

-- A project proposal (or a change request): everything item 1 of the review procedure asks for.
CREATE TABLE review_proposals (
  case_id uuid PRIMARY KEY REFERENCES review_cases(id) ON DELETE CASCADE,
  system_name text NOT NULL DEFAULT '',
  problem text NOT NULL DEFAULT '',
  objectives text NOT NULL DEFAULT '',
  capabilities text[] NOT NULL DEFAULT '{}',
  options text NOT NULL DEFAULT '',
  scope text NOT NULL DEFAULT '',
  integrations text NOT NULL DEFAULT '',
  govesb boolean NOT NULL DEFAULT false,
  hosting text CHECK (hosting IN ('govdc', 'gov_cloud', 'commercial_cloud', 'on_premises')),
  data_description text NOT NULL DEFAULT '',
  personal_data boolean NOT NULL DEFAULT false,
  standards text NOT NULL DEFAULT '',
  users_count integer CHECK (users_count BETWEEN 0 AND 100000000),
  -- Five years of cost in TZS: [{ "year": 1, "capex": 0, "opex": 0 }, …] and the totals as stated.
  costs jsonb NOT NULL DEFAULT '[]'::jsonb,
  capex_total bigint CHECK (capex_total BETWEEN 0 AND 1000000000000000),
  opex_total bigint CHECK (opex_total BETWEEN 0 AND 1000000000000000),
  funding_source text NOT NULL DEFAULT '',
  timeline text NOT NULL DEFAULT '',
  benefits text NOT NULL DEFAULT '',
  risks text NOT NULL DEFAULT ''
);

-- Files of a case by hash (platform/files): concept note, business case, requirements, the
-- document under review, evidence that a condition is met.
CREATE TABLE review_attachments (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id uuid NOT NULL REFERENCES review_cases(id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('concept_note', 'business_case', 'requirements', 'document', 'evidence', 'other')),
  sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  file_name text NOT NULL,
  size integer NOT NULL,
  uploaded_by uuid REFERENCES users(id),
  uploaded_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX review_attachments_case_idx ON review_attachments (case_id);

-- The checklist: criteria and weights the authority keeps (seeded from eGA/EXT/PRC/004).
CREATE TABLE review_criteria (
  code text PRIMARY KEY CHECK (code ~ '^[a-z_]{2,40}$'),
  position integer NOT NULL,
  name_sw text NOT NULL,
  name_en text NOT NULL,
  guidance_sw text NOT NULL DEFAULT '',
  guidance_en text NOT NULL DEFAULT '',
  weight integer NOT NULL CHECK (weight BETWEEN 0 AND 100),
  active boolean NOT NULL DEFAULT true,
  revision integer NOT NULL DEFAULT 1
);

CREATE TABLE review_ratings (
  case_id uuid NOT NULL REFERENCES review_cases(id) ON DELETE CASCADE,
  criterion text NOT NULL REFERENCES review_criteria(code),
  rating text NOT NULL CHECK (rating IN ('red', 'amber', 'green')),
  comment text NOT NULL DEFAULT '',
  rated_by uuid REFERENCES users(id),
  rated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (case_id, criterion)
);

-- Deficiencies, each its own discussion: raised → answered → resolved, or reopened (raised again).
CREATE TABLE review_deficiencies (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id uuid NOT NULL REFERENCES review_cases(id) ON DELETE CASCADE,
  number integer NOT NULL,
  criterion text REFERENCES review_criteria(code),
  text text NOT NULL CHECK (length(text) BETWEEN 1 AND 4000),
  status text NOT NULL DEFAULT 'raised' CHECK (status IN ('raised', 'answered', 'resolved')),
  revision integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (case_id, number)
);
CREATE TABLE review_deficiency_events (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  deficiency_id uuid NOT NULL REFERENCES review_deficiencies(id) ON DELETE CASCADE,
  action text NOT NULL CHECK (action IN ('raised', 'answered', 'resolved', 'reopened')),
  text text NOT NULL DEFAULT '',
  actor_label text NOT NULL,
  at timestamptz NOT NULL DEFAULT now()
);

-- Clarification requests: while one is open the case waits on the institution and the clock stops.
CREATE TABLE review_clarifications (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id uuid NOT NULL REFERENCES review_cases(id) ON DELETE CASCADE,
  question text NOT NULL CHECK (length(question) BETWEEN 1 AND 4000),
  asked_by uuid REFERENCES users(id),
  asked_at timestamptz NOT NULL DEFAULT now(),
  answer text,
  answered_by uuid REFERENCES users(id),
  answered_at timestamptz
);
CREATE UNIQUE INDEX review_clarifications_one_open ON review_clarifications (case_id) WHERE answered_at IS NULL;

-- Every submission keeps a copy of what was submitted, so a reviewer sees what changed since the last.
CREATE TABLE review_submissions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id uuid NOT NULL REFERENCES review_cases(id) ON DELETE CASCADE,
  number integer NOT NULL,
  snapshot jsonb NOT NULL,
  submitted_by uuid REFERENCES users(id),
  submitted_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (case_id, number)
);

CREATE TABLE review_decisions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id uuid NOT NULL UNIQUE REFERENCES review_cases(id) ON DELETE CASCADE,
  outcome text NOT NULL CHECK (outcome IN ('approved', 'approved_with_conditions', 'postponed', 'rejected')),
  reasons text NOT NULL CHECK (length(reasons) BETWEEN 1 AND 8000),
  -- The checklist score (0–100) at the time of the decision.
  score numeric(5, 1),
  decided_by uuid REFERENCES users(id),
  decided_by_name text NOT NULL,
  decided_at timestamptz NOT NULL DEFAULT now()
);

-- Conditions of an approval, each tracked to closure with its evidence.
CREATE TABLE review_conditions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id uuid NOT NULL REFERENCES review_cases(id) ON DELETE CASCADE,
  number integer NOT NULL,
  text text NOT NULL CHECK (length(text) BETWEEN 1 AND 2000),
  due_on date,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'reported', 'closed')),
  evidence text NOT NULL DEFAULT '',
  evidence_attachment_id uuid REFERENCES review_attachments(id),
  reported_at timestamptz,
  closed_by uuid REFERENCES users(id),
  closed_at timestamptz,
  revision integer NOT NULL DEFAULT 1,
  UNIQUE (case_id, number)
);

-- Public holidays the authority keeps; the working-day clock skips them and weekends.
CREATE TABLE review_holidays (
  day date PRIMARY KEY,
  name_sw text NOT NULL CHECK (length(name_sw) BETWEEN 1 AND 120),
  name_en text NOT NULL CHECK (length(name_en) BETWEEN 1 AND 120)
);

-- An institutional ICT document (level 3) sent for review and advice: its clauses, the level-1/2
-- documents the reviewer says it should implement, and the advice.
CREATE TABLE review_documents (
  case_id uuid PRIMARY KEY REFERENCES review_cases(id) ON DELETE CASCADE,
  doc_kind text NOT NULL CHECK (doc_kind IN ('policy', 'strategy', 'guideline', 'procedure')),
  -- [{ "number": "1.1", "text": "…" }]
  clauses jsonb NOT NULL DEFAULT '[]'::jsonb,
  implements uuid[] NOT NULL DEFAULT '{}',
  advice text NOT NULL DEFAULT '',
  -- The clauses as they stood when the advice was given, for "what changed since the advice".
  advised_clauses jsonb
);

CREATE TABLE review_clause_comments (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id uuid NOT NULL REFERENCES review_cases(id) ON DELETE CASCADE,
  clause_number text NOT NULL CHECK (length(clause_number) BETWEEN 1 AND 20),
  comment text NOT NULL CHECK (length(comment) BETWEEN 1 AND 4000),
  author_name text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX review_clause_comments_case_idx ON review_clause_comments (case_id);

INSERT INTO review_criteria (code, position, name_sw, name_en, guidance_sw, guidance_en, weight) VALUES
  ('strategic_alignment', 1, 'Kuendana na mkakati', 'Strategic alignment', 'Mradi unatekeleza mpango mkakati wa taasisi na sera ya Serikali Mtandao.', 'The project serves the institution''s strategic plan and the e-Government policy.', 15),
  ('reuse', 2, 'Matumizi ya mifumo shirikishi', 'Reuse of shared systems', 'Mifumo shirikishi ya Serikali imezingatiwa na kutumika pale inapofaa.', 'Shared government systems were considered and are used where they fit.', 15),
  ('duplication', 3, 'Kutorudia mifumo iliyopo', 'Duplication', 'Mfumo haurudii kazi ya mfumo uliopo wa taasisi nyingine.', 'The system does not repeat the job of another institution''s existing system.', 15),
  ('value_for_money', 4, 'Thamani ya fedha', 'Value for money', 'Gharama za miaka mitano zinalingana na manufaa na mbadala wa mfumo shirikishi.', 'Five-year costs are justified by the benefits and against the shared-system alternative.', 15),
  ('standards', 5, 'Kuzingatia viwango', 'Standards compliance', 'Viwango na miongozo ya Serikali Mtandao itakayotumika imeainishwa.', 'The e-Government standards and guidelines that will apply are named and followed.', 10),
  ('security', 6, 'Usalama', 'Security', 'Usalama wa taarifa na ulinzi wa taarifa binafsi umepangwa.', 'Information security and personal data protection are planned.', 10),
  ('interoperability', 7, 'Muingiliano wa mifumo', 'Interoperability', 'Mfumo utabadilishana taarifa kupitia GovESB.', 'The system exchanges data through GovESB.', 8),
  ('sustainability', 8, 'Uendelevu', 'Sustainability', 'Gharama za uendeshaji, ujuzi na ufadhili wa muda mrefu vipo.', 'Operating costs, skills and long-term funding are in place.', 7),
  ('risk', 9, 'Vihatarishi', 'Risk', 'Vihatarishi vimeainishwa na kuna mpango wa kuvidhibiti.', 'Risks are identified with a plan to manage them.', 5);

-- Tanzanian public holidays of 2026 and 2027 (the movable Islamic ones as announced dates expected;
-- the authority corrects them on the holidays page when the moon is sighted).
INSERT INTO review_holidays (day, name_sw, name_en) VALUES
  ('2026-01-01', 'Mwaka Mpya', 'New Year''s Day'),
  ('2026-01-12', 'Mapinduzi ya Zanzibar', 'Zanzibar Revolution Day'),
  ('2026-03-20', 'Idd el Fitr', 'Eid al-Fitr'),
  ('2026-04-03', 'Ijumaa Kuu', 'Good Friday'),
  ('2026-04-06', 'Jumatatu ya Pasaka', 'Easter Monday'),
  ('2026-04-07', 'Siku ya Karume', 'Karume Day'),
  ('2026-04-26', 'Siku ya Muungano', 'Union Day'),
  ('2026-05-01', 'Siku ya Wafanyakazi', 'Workers'' Day'),
  ('2026-05-27', 'Idd el Hajj', 'Eid al-Adha'),
  ('2026-07-07', 'Saba Saba', 'Saba Saba'),
  ('2026-08-08', 'Nane Nane', 'Nane Nane (Farmers'' Day)'),
  ('2026-08-26', 'Maulidi', 'Maulid (Prophet''s Birthday)'),
  ('2026-10-14', 'Siku ya Nyerere', 'Nyerere Day'),
  ('2026-12-09', 'Siku ya Uhuru', 'Independence Day'),
  ('2026-12-25', 'Krismasi', 'Christmas Day'),
  ('2026-12-26', 'Siku ya Kufungua Zawadi', 'Boxing Day'),
  ('2027-01-01', 'Mwaka Mpya', 'New Year''s Day'),
  ('2027-01-12', 'Mapinduzi ya Zanzibar', 'Zanzibar Revolution Day'),
  ('2027-03-10', 'Idd el Fitr', 'Eid al-Fitr'),
  ('2027-03-26', 'Ijumaa Kuu', 'Good Friday'),
  ('2027-03-29', 'Jumatatu ya Pasaka', 'Easter Monday'),
  ('2027-04-07', 'Siku ya Karume', 'Karume Day'),
  ('2027-04-26', 'Siku ya Muungano', 'Union Day'),
  ('2027-05-01', 'Siku ya Wafanyakazi', 'Workers'' Day'),
  ('2027-05-17', 'Idd el Hajj', 'Eid al-Adha'),
  ('2027-07-07', 'Saba Saba', 'Saba Saba'),
  ('2027-08-08', 'Nane Nane', 'Nane Nane (Farmers'' Day)'),
  ('2027-08-15', 'Maulidi', 'Maulid (Prophet''s Birthday)'),
  ('2027-10-14', 'Siku ya Nyerere', 'Nyerere Day'),
  ('2027-12-09', 'Siku ya Uhuru', 'Independence Day'),
  ('2027-12-25', 'Krismasi', 'Christmas Day'),
  ('2027-12-26', 'Siku ya Kufungua Zawadi', 'Boxing Day');
