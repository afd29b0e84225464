-- A user's starred entries are also a feed (Atom and JSON Feed) at a secret address: this is its token. Null: no such
-- feed; a new token revokes the old address. Kept as given (it is shown in the user's settings), unique when set.
ALTER TABLE users ADD COLUMN feed_token TEXT;
CREATE UNIQUE INDEX users_feed_token ON users (feed_token) WHERE feed_token IS NOT NULL;
