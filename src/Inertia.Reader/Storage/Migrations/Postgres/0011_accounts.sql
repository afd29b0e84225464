-- Accounts for the web app. See Sqlite/0011_accounts.sql for the reasons.
-- Identity finds users by a normalized name (upper case, invariant): kept beside the name as typed
ALTER TABLE users ADD COLUMN normalized_name TEXT;
UPDATE users SET normalized_name = upper(name);
CREATE UNIQUE INDEX users_normalized_name ON users (normalized_name);
ALTER TABLE users ADD COLUMN security_stamp TEXT;
ALTER TABLE users ADD COLUMN lockout_end BIGINT;
ALTER TABLE users ADD COLUMN access_failed_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN disabled_at BIGINT;
ALTER TABLE users ADD COLUMN language TEXT;
ALTER TABLE users ADD COLUMN theme TEXT;
ALTER TABLE users ADD COLUMN time_zone TEXT;

CREATE TABLE user_passkeys (
    credential_id BYTEA PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    public_key BYTEA NOT NULL,
    name TEXT,
    created_at BIGINT NOT NULL,
    sign_count BIGINT NOT NULL,
    transports TEXT,
    is_user_verified BOOLEAN NOT NULL,
    is_backup_eligible BOOLEAN NOT NULL,
    is_backed_up BOOLEAN NOT NULL,
    attestation_object BYTEA NOT NULL,
    client_data_json BYTEA NOT NULL
);
CREATE INDEX user_passkeys_user ON user_passkeys (user_id);

CREATE INDEX entries_sort ON entries (sort_at, id);

-- what a feed says about itself, for its public page
ALTER TABLE feeds ADD COLUMN description TEXT;

-- the start of an entry's text as written (search_text is lowercased), for lists; filled for what is stored right after this
-- script (Migrator.AfterScriptAsync)
ALTER TABLE entries ADD COLUMN excerpt TEXT;

-- the keys that protect cookies and antiforgery tokens (ASP.NET Core data protection): kept in the database so sessions
-- survive a restart and every instance on one PostgreSQL reads the others' cookies
CREATE TABLE data_protection_keys (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    xml TEXT NOT NULL
);
