-- How a user reads: entries a list page holds (null: 50), whether links in articles open a new tab, and when entries
-- are marked read — on opening them (null), also as the list scrolls past them ('scroll'), or only by hand ('never').
ALTER TABLE users ADD COLUMN entries_per_page INTEGER;
ALTER TABLE users ADD COLUMN open_in_new_tab INTEGER NOT NULL DEFAULT FALSE;
ALTER TABLE users ADD COLUMN mark_read TEXT;
