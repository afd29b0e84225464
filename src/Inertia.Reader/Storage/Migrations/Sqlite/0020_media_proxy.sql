-- The media proxy (/proxy/…): the administrator's request rules per image host (a Referer, a User-Agent: hosts that refuse
-- hotlinking), a subscription's own rule for its feed's media, whether a user (every image of the reader) or an API
-- password (every image and enclosure its apps are served) goes through the proxy, and the key proxy addresses are signed with.
CREATE TABLE media_rules (
    id INTEGER PRIMARY KEY,
    host TEXT NOT NULL UNIQUE,
    referer TEXT,
    user_agent TEXT,
    created_at INTEGER NOT NULL
);
ALTER TABLE subscriptions ADD COLUMN media_referer TEXT;
ALTER TABLE subscriptions ADD COLUMN media_user_agent TEXT;
ALTER TABLE users ADD COLUMN proxy_media INTEGER NOT NULL DEFAULT FALSE;
ALTER TABLE api_passwords ADD COLUMN proxy_media INTEGER NOT NULL DEFAULT FALSE;
CREATE TABLE server_secrets (
    name TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
