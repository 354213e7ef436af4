-- Step 20: people's accounts at OpenID Connect providers (--oidc). An account is bound
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

-- Sign-ins sent to a provider and not back yet (ten minutes at most), found again by the
-- sha256 of their `state`, on whichever node the provider's answer reaches: the PKCE
-- verifier and nonce to check the answer with, the redirect URL the code was issued for,
-- and what the sign-in was for (the account linking it, or a join link's code).
CREATE TABLE sign_in_attempts (
    state_hash  BLOB PRIMARY KEY,
    provider    TEXT NOT NULL,
    verifier    TEXT NOT NULL,
    nonce       TEXT NOT NULL,
    redirect    TEXT NOT NULL,
    link_user   INTEGER REFERENCES users(id) ON DELETE CASCADE,
    invite_code TEXT,
    expires_at  TEXT NOT NULL
);
CREATE INDEX sign_in_attempts_expiry ON sign_in_attempts(expires_at);
