-- A Matrix app's single sign-on tokens and its pushers (SQLite's step 53).
CREATE TABLE IF NOT EXISTS matrix_login_tokens (
    token_hash BYTEA PRIMARY KEY,
    user_id    BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    expires_ms BIGINT NOT NULL
);

CREATE TABLE IF NOT EXISTS matrix_pushers (
    user_id    BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    token_hash BYTEA NOT NULL REFERENCES sessions(id_hash) ON DELETE CASCADE,
    app_id     TEXT NOT NULL,
    pushkey    TEXT NOT NULL,
    content    TEXT NOT NULL,
    PRIMARY KEY (app_id, pushkey, user_id)
);
CREATE INDEX IF NOT EXISTS matrix_pushers_by_user ON matrix_pushers (user_id);
