-- A message can carry files (decision 0410): the decision letter of a review goes out as PDF in both
-- languages. The outbox names each file by its SHA-256 in the content-addressed file store, so the
-- outbox keeps exactly what was sent and the bytes are stored once.
ALTER TABLE mail_outbox ADD COLUMN attachments jsonb NOT NULL DEFAULT '[]'::jsonb
  CHECK (jsonb_typeof(attachments) = 'array');
COMMENT ON COLUMN mail_outbox.attachments IS
  'Files sent with the message: [{"filename", "contentType", "sha256"}], the bytes in the file store. See decision 0410.';
