-- Search index, second form: words instead of trigrams. Trigrams cost ingest about twice as much (every character starts a
-- token) and cannot serve two-character Chinese queries. Ingest gives this index SearchTerms.Index(search_text): Han, kana
-- and Hangul runs as overlapping two-character words. It keeps no copy of the text (contentless) and deletes by rowid;
-- existing entries are indexed by the migrator right after this script (Migrator.AfterScriptAsync).
DROP TRIGGER IF EXISTS entries_fts_insert;
DROP TRIGGER IF EXISTS entries_fts_delete;
DROP TRIGGER IF EXISTS entries_fts_update;
DROP TABLE IF EXISTS entries_fts;

CREATE VIRTUAL TABLE entries_terms USING fts5 (terms, content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2', detail = 'none');

CREATE TRIGGER entries_terms_delete AFTER DELETE ON entries BEGIN
    DELETE FROM entries_terms WHERE rowid = old.id;
END;
