-- Step 19: two-factor sign-in. A person's authenticator secret (RFC 6238, 20 random bytes
-- as base32), `enabled_at` NULL while they are setting it up (a code not yet confirmed),
-- and the time step of the last code accepted, so a code is never taken twice. Recovery
-- codes are kept as SHA-256 hashes, each used once.
CREATE TABLE two_factor (
    user_id    BIGINT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    secret     TEXT NOT NULL,
    enabled_at TEXT,
    last_step  BIGINT NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL
);
CREATE TABLE two_factor_recovery_codes (
    user_id   BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    code_hash BYTEA NOT NULL,
    used_at   TEXT,
    PRIMARY KEY (user_id, code_hash)
);
