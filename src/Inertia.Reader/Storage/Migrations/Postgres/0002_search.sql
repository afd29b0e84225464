-- Full-text search: a trigram index (pg_trgm) over title, author and text finds any substring, Chinese included,
-- and serves ILIKE directly. The searched text is kept in a column so the index and the query agree.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
ALTER TABLE entries ADD COLUMN search_text TEXT GENERATED ALWAYS AS (
    COALESCE(title, '') || ' ' || COALESCE(author, '') || ' ' || COALESCE(content, summary, '')) STORED;
CREATE INDEX entries_search_trgm ON entries USING gin (search_text gin_trgm_ops);
