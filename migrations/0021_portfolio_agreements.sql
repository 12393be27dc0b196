-- The legal basis or data-sharing agreement of an integration, with its file (issue 9; decision 0215).
-- Every file uploaded for an integration is kept, newest last; the integration's agreement_sha256 and
-- agreement_name name the current one. The bytes live in the content-addressed file store.
CREATE TABLE portfolio_integration_agreements (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  integration_id uuid NOT NULL REFERENCES portfolio_integrations(id) ON DELETE CASCADE,
  sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  file_name text NOT NULL,
  file_type text NOT NULL,
  size integer NOT NULL CHECK (size > 0),
  uploaded_by uuid REFERENCES users(id),
  uploaded_label text NOT NULL,
  uploaded_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX portfolio_integration_agreements_integration ON portfolio_integration_agreements (integration_id, uploaded_at);
