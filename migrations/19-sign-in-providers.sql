-- Step 19: people's accounts at OpenID Connect providers (--oidc). An account is bound
-- to the provider's issuer and subject (`iss`, `sub`), never to an email alone; `provider`
-- is the operator's name for it (one binding per provider and account), `email` what the
-- provider said at the last sign-in, shown on the account page.
CREATE TABLE sign_in_identities (
    issuer       TEXT NOT NULL,
    subject      TEXT NOT NULL,
    user_id      INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    provider     TEXT NOT NULL,
    email        TEXT NOT NULL DEFAULT '',
    created_at   TEXT NOT NULL,
    last_used_at TEXT,
    PRIMARY KEY (issuer, subject)
);
CREATE UNIQUE INDEX sign_in_identities_user ON sign_in_identities(user_id, provider);
