-- Accounts for the web app (ASP.NET Core Identity over these tables, see Inertia.Web/Accounts): a security stamp that
-- changes when the password does (ending every session), lockout after failed sign-ins, disabling, and each user's
-- settings. Passkeys (WebAuthn credentials) are a second way to sign in.
-- Identity finds users by a normalized name (upper case, invariant): kept beside the name as typed
ALTER TABLE users ADD COLUMN normalized_name TEXT;
UPDATE users SET normalized_name = upper(name);
CREATE UNIQUE INDEX users_normalized_name ON users (normalized_name);
ALTER TABLE users ADD COLUMN security_stamp TEXT;
ALTER TABLE users ADD COLUMN lockout_end INTEGER;
ALTER TABLE users ADD COLUMN access_failed_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN disabled_at INTEGER;
ALTER TABLE users ADD COLUMN language TEXT;
ALTER TABLE users ADD COLUMN theme TEXT;
ALTER TABLE users ADD COLUMN time_zone TEXT;

CREATE TABLE user_passkeys (
    credential_id BLOB PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    public_key BLOB NOT NULL,
    name TEXT,
    created_at INTEGER NOT NULL,
    sign_count INTEGER NOT NULL,
    transports TEXT,
    is_user_verified INTEGER NOT NULL,
    is_backup_eligible INTEGER NOT NULL,
    is_backed_up INTEGER NOT NULL,
    attestation_object BLOB NOT NULL,
    client_data_json BLOB NOT NULL
);
CREATE INDEX user_passkeys_user ON user_passkeys (user_id);

-- the newest entries of a feed by date, for the public site and the reader's lists (with the id as tie-breaker)
CREATE INDEX entries_sort ON entries (sort_at, id);

-- what a feed says about itself, for its public page
ALTER TABLE feeds ADD COLUMN description TEXT;

-- the start of an entry's text as written (search_text is lowercased), for lists; filled for what is stored right after this
-- script (Migrator.AfterScriptAsync)
ALTER TABLE entries ADD COLUMN excerpt TEXT;

-- the keys that protect cookies and antiforgery tokens (ASP.NET Core data protection): kept in the database so sessions
-- survive a restart and every instance on one PostgreSQL reads the others' cookies
CREATE TABLE data_protection_keys (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    xml TEXT NOT NULL
);
