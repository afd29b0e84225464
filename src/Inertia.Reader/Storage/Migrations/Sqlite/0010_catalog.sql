-- The recommended-feeds catalog (推荐订阅源) and public feeds. The catalog is loaded from an OPML file at start: each topic
-- outline is a group, each feed outline a catalog entry. A feed the administrator removes keeps its row (removed_at set),
-- so the next start does not add it back. A feed is shown on the public site when it is in the catalog (not removed)
-- or the administrator marked it public; no other feed ever is (a private feed's URL may carry a token).
CREATE TABLE catalog_groups (
    id INTEGER PRIMARY KEY,
    title TEXT NOT NULL UNIQUE,
    position INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE catalog_feeds (
    feed_id INTEGER PRIMARY KEY REFERENCES feeds (id) ON DELETE CASCADE,
    group_id INTEGER REFERENCES catalog_groups (id) ON DELETE SET NULL,
    title TEXT,
    position INTEGER NOT NULL DEFAULT 0,
    added_at INTEGER NOT NULL,
    removed_at INTEGER
);

ALTER TABLE feeds ADD COLUMN is_public INTEGER NOT NULL DEFAULT FALSE;

CREATE VIEW public_feeds AS
    SELECT feed_id FROM catalog_feeds WHERE removed_at IS NULL
    UNION
    SELECT id FROM feeds WHERE is_public;
