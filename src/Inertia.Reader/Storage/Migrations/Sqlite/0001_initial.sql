-- Inertia schema v1 (SQLite). Times are Unix seconds. See docs/design/storage.md for why it is shaped so.
CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    is_admin INTEGER NOT NULL DEFAULT FALSE,
    created_at INTEGER NOT NULL
);

CREATE TABLE categories (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    UNIQUE (user_id, title)
);

-- one row per unique feed URL, shared by every subscriber, with its fetch state
CREATE TABLE feeds (
    id INTEGER PRIMARY KEY,
    url TEXT NOT NULL UNIQUE,
    site_url TEXT,
    title TEXT,
    icon_url TEXT,
    etag TEXT,
    last_modified TEXT,
    next_fetch_at INTEGER NOT NULL DEFAULT 0,
    interval_seconds INTEGER NOT NULL DEFAULT 3600,
    error_count INTEGER NOT NULL DEFAULT 0,
    last_error TEXT,
    last_fetched_at INTEGER,
    lease_owner TEXT,
    lease_until INTEGER,
    disabled_reason TEXT,
    created_at INTEGER NOT NULL
);
CREATE INDEX feeds_due ON feeds (next_fetch_at) WHERE disabled_reason IS NULL;

-- AUTOINCREMENT: an id is never reused, so ids increase with insertion (Fever's since_id, Google Reader item ids)
CREATE TABLE entries (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    feed_id INTEGER NOT NULL REFERENCES feeds (id) ON DELETE CASCADE,
    key TEXT NOT NULL,
    url TEXT,
    title TEXT,
    author TEXT,
    published_at INTEGER,
    updated_at INTEGER,
    summary TEXT,
    content TEXT,
    image_url TEXT,
    categories TEXT,
    enclosures TEXT,
    content_hash BLOB NOT NULL,
    created_at INTEGER NOT NULL,
    UNIQUE (feed_id, key)
);
CREATE INDEX entries_feed_id ON entries (feed_id, id);

CREATE TABLE subscriptions (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    feed_id INTEGER NOT NULL REFERENCES feeds (id),
    category_id INTEGER REFERENCES categories (id) ON DELETE SET NULL,
    title TEXT,
    -- every entry of the feed with id <= read_through is read for this user unless entry_states says otherwise
    read_through INTEGER NOT NULL DEFAULT 0,
    fetch_full_content INTEGER NOT NULL DEFAULT FALSE,
    created_at INTEGER NOT NULL,
    UNIQUE (user_id, feed_id)
);
CREATE INDEX subscriptions_feed ON subscriptions (feed_id);

-- exceptions to the watermark only: a row exists when an entry is read above it, kept unread below it, or starred
CREATE TABLE entry_states (
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    entry_id INTEGER NOT NULL REFERENCES entries (id) ON DELETE CASCADE,
    is_read INTEGER,
    is_starred INTEGER NOT NULL DEFAULT FALSE,
    read_at INTEGER,
    starred_at INTEGER,
    PRIMARY KEY (user_id, entry_id)
) WITHOUT ROWID;
CREATE INDEX entry_states_starred ON entry_states (user_id, entry_id) WHERE is_starred;
