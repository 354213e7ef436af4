-- Step 29: the count of wrong two-factor codes in a row and its hold, and provider
-- sign-ins that still owe natter's code; see migrations/29-two-factor-holds.sql.
ALTER TABLE two_factor ADD COLUMN failed_codes BIGINT NOT NULL DEFAULT 0;
ALTER TABLE two_factor ADD COLUMN last_failed_at BIGINT;
CREATE TABLE two_factor_pending (
    token_hash BYTEA PRIMARY KEY,
    user_id    BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    expires_at BIGINT NOT NULL
);
