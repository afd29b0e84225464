-- A user's own order of their categories in the sidebar (lowest first, then by title).
ALTER TABLE categories ADD COLUMN position INTEGER NOT NULL DEFAULT 0;

-- A paused subscription asks for no fetches: a feed whose every subscription is paused, and which the catalog does not
-- name, is left out of the refresh. Its entries stay.
ALTER TABLE subscriptions ADD COLUMN paused_at INTEGER;

-- An OPML import runs in the background: its progress and report are rows, so that whichever instance serves the next
-- poll can show them, and a job whose process died shows as interrupted (updated_at stops moving) instead of vanishing.
CREATE TABLE import_jobs (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    file_name TEXT,
    total INTEGER NOT NULL,
    done INTEGER NOT NULL DEFAULT 0,
    imported INTEGER NOT NULL DEFAULT 0,
    already INTEGER NOT NULL DEFAULT 0,
    -- JSON array of {"line":N,"reason":"..."}
    problems TEXT,
    state TEXT NOT NULL,
    error TEXT,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE INDEX import_jobs_user ON import_jobs (user_id, id);
