-- A search or filter a user saved into their sidebar: its name and the reader's address of it (/reader?q=…&since=…),
-- which the reader reads back as the view itself.
CREATE TABLE saved_views (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    address TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    UNIQUE (user_id, title)
);
