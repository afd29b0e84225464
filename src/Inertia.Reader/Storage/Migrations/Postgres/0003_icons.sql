-- one icon per feed (the site's favicon or touch icon), served by the app; feeds without one get a letter avatar
CREATE TABLE icons (
    feed_id BIGINT PRIMARY KEY REFERENCES feeds (id) ON DELETE CASCADE,
    url TEXT NOT NULL,
    content_type TEXT NOT NULL,
    data BYTEA NOT NULL,
    fetched_at BIGINT NOT NULL
);
