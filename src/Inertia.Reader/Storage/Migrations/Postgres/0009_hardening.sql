-- Hardening (issue 10). See Sqlite/0009_hardening.sql for the reasons.
CREATE TABLE entry_tombstones (
    feed_id BIGINT NOT NULL REFERENCES feeds (id) ON DELETE CASCADE,
    key TEXT NOT NULL,
    removed_at BIGINT NOT NULL,
    seen_at BIGINT NOT NULL,
    PRIMARY KEY (feed_id, key)
);

CREATE INDEX entry_states_entry ON entry_states (entry_id);

ALTER TABLE entries ADD COLUMN sort_at BIGINT;
UPDATE entries SET sort_at = CASE WHEN published_at IS NOT NULL AND published_at < created_at THEN published_at ELSE created_at END;
CREATE INDEX entries_feed_sort ON entries (feed_id, sort_at, id);

ALTER TABLE websub_subscriptions ADD COLUMN callback_token TEXT;
