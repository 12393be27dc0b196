-- What visitors see has a version number. Every change to it bumps the number in the same
-- transaction, by triggers on the tables public pages are made from, so no code path can forget;
-- each instance reads the number before it answers from its page cache (decision 0501).
CREATE TABLE content_versions (
  scope text PRIMARY KEY,
  version bigint NOT NULL DEFAULT 1,
  changed_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO content_versions (scope) VALUES ('public');

CREATE FUNCTION bump_public_content() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE content_versions SET version = version + 1, changed_at = now() WHERE scope = 'public';
  RETURN NULL;
END $$;

-- Editions: only rows visitors may see (published statuses) before or after the change, so the
-- drafts officers save all day do not empty every instance's cache.
CREATE FUNCTION library_edition_public_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF (TG_OP <> 'INSERT' AND OLD.status IN ('in_force', 'superseded', 'withdrawn'))
     OR (TG_OP <> 'DELETE' AND NEW.status IN ('in_force', 'superseded', 'withdrawn')) THEN
    UPDATE content_versions SET version = version + 1, changed_at = now() WHERE scope = 'public';
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER library_editions_public_version AFTER INSERT OR UPDATE OR DELETE ON library_editions
  FOR EACH ROW EXECUTE FUNCTION library_edition_public_change();

-- Documents, their links, and the reference data their pages name: any change.
CREATE TRIGGER library_documents_public_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON library_documents
  FOR EACH STATEMENT EXECUTE FUNCTION bump_public_content();
CREATE TRIGGER library_links_public_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON library_links
  FOR EACH STATEMENT EXECUTE FUNCTION bump_public_content();
CREATE TRIGGER institutions_public_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON institutions
  FOR EACH STATEMENT EXECUTE FUNCTION bump_public_content();
CREATE TRIGGER architecture_groups_public_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON architecture_groups
  FOR EACH STATEMENT EXECUTE FUNCTION bump_public_content();
