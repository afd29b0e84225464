-- API passwords: what apps sign in with (Google Reader, Fever, Miniflux REST), separate from the account password, named,
-- revocable, with their last use. Each is 160 random bits, so a plain SHA-256 of it is the right hash (a slow hash
-- protects guessable secrets; it would cost every API request a PBKDF2 run). Fever identifies a user by
-- md5("name:password") and nothing else: that digest is kept for API passwords only, never for the account password.
-- The Google Reader edit token T is derived from the password too, and kept as its SHA-256 for the same reason.
CREATE TABLE api_passwords (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    label TEXT NOT NULL,
    secret_hash TEXT NOT NULL UNIQUE,
    edit_token_hash TEXT NOT NULL UNIQUE,
    fever_key TEXT NOT NULL UNIQUE,
    created_at INTEGER NOT NULL,
    last_used_at INTEGER
);
CREATE INDEX api_passwords_user ON api_passwords (user_id);
