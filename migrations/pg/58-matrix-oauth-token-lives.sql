-- OAuth 2.0 access tokens that live minutes, and used refresh tokens kept to recognise
-- a replay (SQLite's step 58). (IF NOT EXISTS: a database rewound to an older version by
-- hand runs the step again.)
ALTER TABLE sessions ADD COLUMN IF NOT EXISTS access_expires_at TEXT;
ALTER TABLE matrix_oauth_refresh ADD COLUMN IF NOT EXISTS used_until_ms BIGINT;
CREATE INDEX IF NOT EXISTS matrix_oauth_refresh_by_session ON matrix_oauth_refresh(session_hash);
CREATE INDEX IF NOT EXISTS matrix_oauth_refresh_used ON matrix_oauth_refresh(used_until_ms)
    WHERE used_until_ms IS NOT NULL;
