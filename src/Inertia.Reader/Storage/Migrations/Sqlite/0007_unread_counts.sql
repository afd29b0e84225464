-- The unread count of each subscription, kept by every write that changes it (ingest, marks, mark-all-read, subscribing):
-- a user's count is then a sum over subscriptions, not a count over entries (PostgreSQL took 20–210 ms p95 for that at a
-- million entries). The migrator fills it for what is stored right after this script (ReadState.RecountAsync).
ALTER TABLE subscriptions ADD COLUMN unread_count BIGINT NOT NULL DEFAULT 0;
