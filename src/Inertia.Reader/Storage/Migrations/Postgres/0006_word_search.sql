-- Version 6 changes SQLite's search index only (see Sqlite/0006_word_search.sql); pg_trgm serves PostgreSQL as it is.
SELECT 1;
