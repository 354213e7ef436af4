-- Step 19: people's accounts at OpenID Connect providers; see
-- migrations/19-sign-in-providers.sql.
CREATE TABLE sign_in_identities (
    issuer       TEXT NOT NULL,
    subject      TEXT NOT NULL,
    user_id      BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    provider     TEXT NOT NULL,
    email        TEXT NOT NULL DEFAULT '',
    created_at   TEXT NOT NULL,
    last_used_at TEXT,
    PRIMARY KEY (issuer, subject)
);
CREATE UNIQUE INDEX sign_in_identities_user ON sign_in_identities(user_id, provider);
