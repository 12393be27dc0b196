-- The standards library: documents, their editions (content as JSONB sections and clauses),
-- traceability links, comments on drafts, the search index and e-mail subscriptions.
CREATE TABLE library_documents (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  code text NOT NULL,
  slug text NOT NULL UNIQUE,
  level integer NOT NULL CHECK (level IN (1, 2, 3)),
  kind text NOT NULL,
  role text NOT NULL CHECK (role IN ('parent', 'related')),
  parent_id uuid REFERENCES library_documents(id),
  group_code text REFERENCES architecture_groups(code),
  sector text,
  issuer_id uuid NOT NULL REFERENCES institutions(id),
  audience text NOT NULL CHECK (audience IN ('public', 'internal')),
  title_sw text NOT NULL,
  title_en text NOT NULL,
  summary_sw text NOT NULL DEFAULT '',
  summary_en text NOT NULL DEFAULT '',
  -- A level-3 document started from a template records the template edition it came from.
  template_edition_id uuid,
  is_sample boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (parent_id IS NULL OR parent_id <> id)
);
CREATE UNIQUE INDEX library_documents_code_key ON library_documents (lower(code));
CREATE INDEX library_documents_parent_idx ON library_documents (parent_id);
CREATE INDEX library_documents_issuer_idx ON library_documents (issuer_id);
CREATE INDEX library_documents_browse_idx ON library_documents (level, group_code, kind);

CREATE TABLE library_editions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  document_id uuid NOT NULL REFERENCES library_documents(id) ON DELETE CASCADE,
  version text NOT NULL,
  status text NOT NULL CHECK (status IN ('draft', 'in_review', 'approved', 'in_force', 'superseded', 'withdrawn')),
  effective_date date,
  next_review_date date,
  change_summary text NOT NULL DEFAULT '',
  authoritative_lang text NOT NULL CHECK (authoritative_lang IN ('sw', 'en')),
  -- [{ id, headingSw, headingEn, clauses: [{ id, textSw, textEn }] }]; numbers follow the order.
  content jsonb NOT NULL DEFAULT '[]'::jsonb,
  revision integer NOT NULL DEFAULT 1,
  file_sha256 text,
  file_name text,
  file_type text CHECK (file_type IN ('pdf', 'docx')),
  file_size integer,
  file_text text,
  status_reason text,
  created_by uuid REFERENCES users(id),
  submitted_at timestamptz,
  approved_at timestamptz,
  approved_by uuid REFERENCES users(id),
  published_at timestamptz,
  ended_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (document_id, version),
  CHECK (status NOT IN ('superseded', 'withdrawn') OR coalesce(status_reason, '') <> '')
);
-- At most one edition of a document is in force, whatever path changed it.
CREATE UNIQUE INDEX library_editions_one_in_force ON library_editions (document_id) WHERE status = 'in_force';
CREATE INDEX library_editions_published_idx ON library_editions (published_at DESC) WHERE published_at IS NOT NULL;
CREATE INDEX library_editions_file_idx ON library_editions (file_sha256);

ALTER TABLE library_documents ADD CONSTRAINT library_documents_template_fk
  FOREIGN KEY (template_edition_id) REFERENCES library_editions(id);

-- "Implements": a level-3 document (or template) traces to the level-1/2 documents it puts into practice.
CREATE TABLE library_links (
  document_id uuid NOT NULL REFERENCES library_documents(id) ON DELETE CASCADE,
  target_id uuid NOT NULL REFERENCES library_documents(id) ON DELETE CASCADE,
  PRIMARY KEY (document_id, target_id),
  CHECK (document_id <> target_id)
);
CREATE INDEX library_links_target_idx ON library_links (target_id);

CREATE TABLE library_comments (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  edition_id uuid NOT NULL REFERENCES library_editions(id) ON DELETE CASCADE,
  author_id uuid REFERENCES users(id),
  author_name text NOT NULL,
  body text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX library_comments_edition_idx ON library_comments (edition_id, created_at);

-- One row per edition: what search reads. Written by the service whenever an edition changes,
-- with the visibility facts copied in so that search is one query without joins.
CREATE TABLE library_search (
  edition_id uuid PRIMARY KEY REFERENCES library_editions(id) ON DELETE CASCADE,
  document_id uuid NOT NULL REFERENCES library_documents(id) ON DELETE CASCADE,
  status text NOT NULL,
  audience text NOT NULL,
  issuer_id uuid NOT NULL,
  level integer NOT NULL,
  group_code text,
  kind text NOT NULL,
  langs text[] NOT NULL,
  -- Titles, code and summaries (ranking) and everything (matching), both normalised (lower, unaccent).
  head_tsv tsvector NOT NULL,
  body_tsv tsvector NOT NULL,
  -- The original text, for snippets.
  body text NOT NULL
);
CREATE INDEX library_search_body_idx ON library_search USING gin (body_tsv);
CREATE INDEX library_search_document_idx ON library_search (document_id);

-- Every normalised word in the library, so a misspelt query word can be matched to real words.
CREATE TABLE library_words (
  word text PRIMARY KEY
);
CREATE INDEX library_words_trgm_idx ON library_words USING gist (word gist_trgm_ops);

CREATE TABLE library_subscriptions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  email text NOT NULL,
  lang text NOT NULL CHECK (lang IN ('sw', 'en')),
  target_type text NOT NULL CHECK (target_type IN ('document', 'group', 'level')),
  target text NOT NULL,
  token text NOT NULL UNIQUE,
  confirmed_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX library_subscriptions_key ON library_subscriptions (lower(email), target_type, target);
CREATE INDEX library_subscriptions_target_idx ON library_subscriptions (target_type, target) WHERE confirmed_at IS NOT NULL;
