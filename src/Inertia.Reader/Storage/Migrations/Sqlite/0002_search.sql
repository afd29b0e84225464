-- Full-text search over entries.search_text (plain text of title, author and content, written by ingest).
-- FTS5 with the trigram tokenizer and detail=none: the index holds which entries contain each trigram, not where, which
-- keeps ingest cheap; EntrySearch asks for all the query's trigrams and then confirms the substring with LIKE.
ALTER TABLE entries ADD COLUMN search_text TEXT;
CREATE VIRTUAL TABLE entries_fts USING fts5 (search_text, content = 'entries', content_rowid = 'id', tokenize = 'trigram', detail = 'none');

CREATE TRIGGER entries_fts_insert AFTER INSERT ON entries BEGIN
    INSERT INTO entries_fts (rowid, search_text) VALUES (new.id, new.search_text);
END;
CREATE TRIGGER entries_fts_delete AFTER DELETE ON entries BEGIN
    INSERT INTO entries_fts (entries_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text);
END;
CREATE TRIGGER entries_fts_update AFTER UPDATE OF search_text ON entries BEGIN
    INSERT INTO entries_fts (entries_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text);
    INSERT INTO entries_fts (rowid, search_text) VALUES (new.id, new.search_text);
END;
