-- Each user's unread entries, one row each, kept beside the watermarks by every write that changes what is unread (ingest,
-- marks, mark-all-read, subscribing, unsubscribing; deleting an entry or a user cascades). The watermark design keeps
-- marking cheap, but an API asking for "the 10,000 newest unread" had to walk every entry of every subscribed feed and
-- sort them (0.5 s at 100,000 entries: docs/benchmarks.md, "Client APIs"); with this table it reads one index range.
-- The date, arrival time and feed are copied so that the index answers a page alone.
CREATE TABLE unread_entries (
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    entry_id INTEGER NOT NULL REFERENCES entries (id) ON DELETE CASCADE,
    feed_id INTEGER NOT NULL,
    sort_at INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (user_id, entry_id)
) WITHOUT ROWID;
CREATE INDEX unread_entries_by_date ON unread_entries (user_id, sort_at, entry_id, feed_id, created_at);
CREATE INDEX unread_entries_entry ON unread_entries (entry_id);
INSERT INTO unread_entries (user_id, entry_id, feed_id, sort_at, created_at)
SELECT s.user_id, e.id, e.feed_id, e.sort_at, e.created_at
FROM subscriptions s JOIN entries e ON e.feed_id = s.feed_id
LEFT JOIN entry_states st ON st.user_id = s.user_id AND st.entry_id = e.id
WHERE NOT (CASE WHEN e.id <= s.read_through THEN COALESCE(st.is_read, TRUE) ELSE COALESCE(st.is_read, FALSE) END);

-- How many entries each feed holds, kept by ingest and retention: Fever's total_items and Miniflux's read counters are
-- sums of it over the user's feeds instead of a count of every entry (8 ms at 100,000 entries, on every Fever page).
ALTER TABLE feeds ADD COLUMN entry_count BIGINT NOT NULL DEFAULT 0;
UPDATE feeds SET entry_count = (SELECT COUNT(*) FROM entries e WHERE e.feed_id = feeds.id);
