-- A user's rules (issue: the reader): keep or block entries, or mark them read or starred, when their title, content,
-- author, address or categories match words or a regular expression; for one feed (feed_id) or all (NULL). Entries stay
-- shared: a rule's decision is the user's state (entry_states), a blocked entry hidden from that user alone.
CREATE TABLE entry_rules (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    feed_id INTEGER REFERENCES feeds (id) ON DELETE CASCADE,
    field TEXT NOT NULL,
    match_kind TEXT NOT NULL,
    pattern TEXT NOT NULL,
    action TEXT NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX entry_rules_user ON entry_rules (user_id, feed_id);
ALTER TABLE entry_states ADD COLUMN is_hidden INTEGER NOT NULL DEFAULT FALSE;
CREATE INDEX entry_states_hidden ON entry_states (user_id, entry_id) WHERE is_hidden;
