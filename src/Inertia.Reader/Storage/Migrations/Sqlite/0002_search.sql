-- Full-text search: FTS5 with the trigram tokenizer finds any substring of 3+ characters, Chinese included;
-- shorter queries (a 2-character Chinese word) take the LIKE path in EntrySearch. Kept in step with entries by triggers.
CREATE VIRTUAL TABLE entries_fts USING fts5 (title, author, content, content = 'entries', content_rowid = 'id', tokenize = 'trigram');

CREATE TRIGGER entries_fts_insert AFTER INSERT ON entries BEGIN
    INSERT INTO entries_fts (rowid, title, author, content) VALUES (new.id, new.title, new.author, COALESCE(new.content, new.summary));
END;
CREATE TRIGGER entries_fts_delete AFTER DELETE ON entries BEGIN
    INSERT INTO entries_fts (entries_fts, rowid, title, author, content) VALUES ('delete', old.id, old.title, old.author, COALESCE(old.content, old.summary));
END;
CREATE TRIGGER entries_fts_update AFTER UPDATE OF title, author, content, summary ON entries BEGIN
    INSERT INTO entries_fts (entries_fts, rowid, title, author, content) VALUES ('delete', old.id, old.title, old.author, COALESCE(old.content, old.summary));
    INSERT INTO entries_fts (rowid, title, author, content) VALUES (new.id, new.title, new.author, COALESCE(new.content, new.summary));
END;
