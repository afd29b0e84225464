-- WebSub: at most one subscription per feed, at one of the hubs it names. The secret (new with every request) signs what
-- the hub pushes. state: requested (waiting for the hub to verify), active, denied, failed (the hub refused the request).
CREATE TABLE websub_subscriptions (
    feed_id BIGINT PRIMARY KEY REFERENCES feeds (id) ON DELETE CASCADE,
    hub TEXT NOT NULL,
    topic TEXT NOT NULL,
    secret TEXT NOT NULL,
    state TEXT NOT NULL,
    requested_at BIGINT NOT NULL,
    expires_at BIGINT,
    last_push_at BIGINT,
    last_error TEXT
);

-- when the site's icon was last looked for, so a site without one is not asked again on every pass
ALTER TABLE feeds ADD COLUMN icon_checked_at BIGINT;
