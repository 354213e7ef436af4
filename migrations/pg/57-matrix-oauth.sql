-- Matrix's OAuth 2.0 API (SQLite's step 57).
CREATE TABLE IF NOT EXISTS matrix_oauth_clients (
    client_id  TEXT PRIMARY KEY,
    metadata   TEXT NOT NULL,
    created_ms BIGINT NOT NULL
);

CREATE TABLE IF NOT EXISTS matrix_oauth_grants (
    id             TEXT PRIMARY KEY,
    client_id      TEXT NOT NULL REFERENCES matrix_oauth_clients(client_id) ON DELETE CASCADE,
    redirect_uri   TEXT NOT NULL,
    scope          TEXT NOT NULL,
    state          TEXT,
    code_challenge TEXT NOT NULL,
    response_mode  TEXT NOT NULL,
    expires_ms     BIGINT NOT NULL,
    code_hash      BYTEA UNIQUE,
    user_id        BIGINT REFERENCES users(id) ON DELETE CASCADE,
    used           BIGINT NOT NULL DEFAULT 0,
    session_hash   BYTEA
);

CREATE TABLE IF NOT EXISTS matrix_oauth_refresh (
    token_hash   BYTEA PRIMARY KEY,
    session_hash BYTEA NOT NULL REFERENCES sessions(id_hash) ON DELETE CASCADE,
    client_id    TEXT NOT NULL,
    scope        TEXT NOT NULL
);
