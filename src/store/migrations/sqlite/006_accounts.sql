-- DID Collect schema, version 6 (SQLite): the web portal's accounts, kept in the database so
-- that two `did serve` processes on one database behave as one service.
-- - users: who can sign in, their organisation (an ODS code), role and second factor;
-- - recovery_codes: each user's one-time codes for a lost authenticator, as digests;
-- - sessions: signed-in browsers, by the digest of their cookie;
-- - api_tokens: tokens for machine submission, by digest;
-- - throttle: failed sign-ins per name and per address, and lockouts.
-- Times the code compares (sessions, throttle) are unix seconds; the others ISO 8601 UTC text.
-- No data to fill in: every table starts empty.

CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,                -- the sign-in name, lower-cased
    display_name TEXT NOT NULL,
    organisation TEXT NOT NULL,               -- an ODS code (central staff: the central team's)
    role TEXT NOT NULL,                       -- provider_submitter, provider_viewer, gp_practice_user, …
    password_hash TEXT NOT NULL,
    totp_secret TEXT NOT NULL DEFAULT '',     -- '': not enrolled
    totp_last_step INTEGER NOT NULL DEFAULT 0,  -- the last time step accepted: no code is used twice
    second_factor TEXT NOT NULL DEFAULT 'required' CHECK (second_factor IN ('required', 'off')),
    disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL,
    password_changed_at TEXT NOT NULL
);
CREATE INDEX users_by_organisation ON users (organisation, name);

CREATE TABLE recovery_codes (
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    digest TEXT NOT NULL,
    used_at TEXT,                             -- NULL: not used yet
    PRIMARY KEY (user_id, digest)
);

CREATE TABLE sessions (
    id_digest TEXT PRIMARY KEY,               -- SHA-256 (hex) of the cookie's value
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    stage TEXT NOT NULL CHECK (stage IN ('password', 'signed_in')),
    csrf_token TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    last_seen_at INTEGER NOT NULL,
    client TEXT NOT NULL                      -- the address it signed in from
);
CREATE INDEX sessions_by_user ON sessions (user_id);

CREATE TABLE api_tokens (
    id INTEGER PRIMARY KEY,
    organisation TEXT NOT NULL,
    name TEXT NOT NULL,                       -- what the token is for
    digest TEXT NOT NULL UNIQUE,              -- SHA-256 (hex) of the token
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    revoked_at TEXT,
    revoked_by TEXT,
    last_used_at TEXT
);
CREATE INDEX api_tokens_by_organisation ON api_tokens (organisation, id);

CREATE TABLE throttle (
    key TEXT PRIMARY KEY,                     -- "user:NAME" or "addr:ADDRESS"
    failures INTEGER NOT NULL,
    window_start INTEGER NOT NULL,
    locked_until INTEGER NOT NULL DEFAULT 0
);
