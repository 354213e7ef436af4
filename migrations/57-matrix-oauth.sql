-- Matrix's OAuth 2.0 API, with natter as the authorization server. Apps register
-- themselves (`matrix_oauth_clients`: the metadata they gave); a sign-in they start waits
-- in `matrix_oauth_grants` until the person, signed in to natter's page, allows it, when
-- it gets a one-use code (kept hashed) that the app trades with its PKCE verifier for a
-- device (`used`, and the device's session, kept until the code would have run out, so
-- that a code used twice ends the device it made); a device's refresh token (hashed)
-- goes with its session.
CREATE TABLE matrix_oauth_clients (
    client_id  TEXT PRIMARY KEY,
    metadata   TEXT NOT NULL,
    created_ms INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE matrix_oauth_grants (
    id             TEXT PRIMARY KEY,
    client_id      TEXT NOT NULL REFERENCES matrix_oauth_clients(client_id) ON DELETE CASCADE,
    redirect_uri   TEXT NOT NULL,
    scope          TEXT NOT NULL,
    state          TEXT,
    code_challenge TEXT NOT NULL,
    response_mode  TEXT NOT NULL,
    expires_ms     INTEGER NOT NULL,
    code_hash      BLOB UNIQUE,
    user_id        INTEGER REFERENCES users(id) ON DELETE CASCADE,
    used           INTEGER NOT NULL DEFAULT 0,
    session_hash   BLOB
) WITHOUT ROWID;

CREATE TABLE matrix_oauth_refresh (
    token_hash   BLOB PRIMARY KEY,
    session_hash BLOB NOT NULL REFERENCES sessions(id_hash) ON DELETE CASCADE,
    client_id    TEXT NOT NULL,
    scope        TEXT NOT NULL
) WITHOUT ROWID;
