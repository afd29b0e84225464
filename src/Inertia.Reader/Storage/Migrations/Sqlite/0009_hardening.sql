-- Hardening (issue 10).
-- What identifies an entry retention removed: a feed that still lists it must not bring it back as a new unread entry.
-- seen_at is when a fetch last listed the key; a tombstone no fetch has listed for a while is purged (Retention).
CREATE TABLE entry_tombstones (
    feed_id INTEGER NOT NULL REFERENCES feeds (id) ON DELETE CASCADE,
    key TEXT NOT NULL,
    removed_at INTEGER NOT NULL,
    seen_at INTEGER NOT NULL,
    PRIMARY KEY (feed_id, key)
) WITHOUT ROWID;

-- every cascaded delete of an entry looked for its states by a scan
CREATE INDEX entry_states_entry ON entry_states (entry_id);

-- the entry's date for lists: published, unless that is later than when it was first seen (a date in the future), else
-- first seen. Set once at insert (and when an update changes the published date), indexed per feed for keyset pages.
ALTER TABLE entries ADD COLUMN sort_at INTEGER;
UPDATE entries SET sort_at = CASE WHEN published_at IS NOT NULL AND published_at < created_at THEN published_at ELSE created_at END;
CREATE INDEX entries_feed_sort ON entries (feed_id, sort_at, id);

-- WebSub callbacks carry an unguessable token per subscription: /websub/{feed}/{token}
ALTER TABLE websub_subscriptions ADD COLUMN callback_token TEXT;
