-- Step 38 (SQLite's migrations/38-status-and-quiet-hours.sql says why): each person's
-- status, time zone and quiet hours.
CREATE TABLE user_status (
    user_id      BIGINT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    emoji        TEXT NOT NULL DEFAULT '',
    text         TEXT NOT NULL DEFAULT '',
    ends_at      BIGINT,
    appear_away  BIGINT NOT NULL DEFAULT 0,
    active_at    BIGINT NOT NULL DEFAULT 0,
    away_told    BIGINT NOT NULL DEFAULT 0,
    time_zone    TEXT,
    quiet_hours  TEXT NOT NULL DEFAULT '',
    paused_until BIGINT
);
CREATE INDEX user_status_ends ON user_status(ends_at) WHERE ends_at IS NOT NULL;
CREATE INDEX user_status_active ON user_status(active_at) WHERE away_told = 0;
