-- Full-text search over entries.search_text (plain text of title, author and content, written by ingest):
-- a trigram index (pg_trgm) finds any substring, Chinese included, and serves ILIKE directly.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
ALTER TABLE entries ADD COLUMN search_text TEXT;
CREATE INDEX entries_search_trgm ON entries USING gin (search_text gin_trgm_ops);
