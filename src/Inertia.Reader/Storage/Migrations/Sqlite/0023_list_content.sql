-- A reading setting (issue: the reader): lists show each entry's whole content instead of the start of its text.
ALTER TABLE users ADD COLUMN list_content INTEGER NOT NULL DEFAULT FALSE;
