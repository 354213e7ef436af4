-- A Matrix app signed in through OAuth 2.0 keeps its device with its refresh token, while
-- each access token works for minutes only (`access_expires_at`, in the format of
-- `expires_at`; NULL for a browser's session and for a device signed in by password or
-- single sign-on, whose token lasts as long as its session). A refresh gives the device a
-- new access token in place: its row, and what is kept by its token's hash (transaction
-- ids, pushers, refresh tokens), move to the new hash. A used refresh token stays,
-- hashed, until `used_until_ms`: presented again, it was copied, and its device ends.
ALTER TABLE sessions ADD COLUMN access_expires_at TEXT;
ALTER TABLE matrix_oauth_refresh ADD COLUMN used_until_ms INTEGER;
CREATE INDEX matrix_oauth_refresh_by_session ON matrix_oauth_refresh(session_hash);
CREATE INDEX matrix_oauth_refresh_used ON matrix_oauth_refresh(used_until_ms)
    WHERE used_until_ms IS NOT NULL;
