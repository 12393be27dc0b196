-- Visitors search only public, published editions: a partial index over just those rows halves
-- what a common word has to visit (docs/benchmarks.md, issue 4).
CREATE INDEX library_search_public_body_idx ON library_search USING gin (body_tsv)
  WHERE audience = 'public' AND status IN ('in_force', 'superseded', 'withdrawn');
