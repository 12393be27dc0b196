-- Byte-order index on the word list, so "does any known word start with this term?" is an index
-- range scan (search widens a term to look-alike words only when none does).
CREATE INDEX library_words_prefix_idx ON library_words (word COLLATE "C");
