-- Step 38: each person's status, time zone and quiet hours, one row per person who set
-- any of them (or was seen active). `emoji` and `text` are the status they set (both
-- empty: none), `ends_at` (unix ms) when it clears itself, NULL for never; the sweep that
-- clears it deletes the words and tells sockets in the same write, so one node, once,
-- announces it. `active_at` (unix ms) is their last activity on any device and
-- `away_told` whether sockets were told they went away since (set by the sweep, cleared
-- by the next activity). `time_zone` is an IANA name; `quiet_hours` a JSON list of
-- `{"day", "start", "end"}` ranges in that zone ('' for none); `paused_until` (unix ms)
-- pauses notifications until then.
CREATE TABLE user_status (
    user_id      INTEGER PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    emoji        TEXT NOT NULL DEFAULT '',
    text         TEXT NOT NULL DEFAULT '',
    ends_at      INTEGER,
    appear_away  INTEGER NOT NULL DEFAULT 0,
    active_at    INTEGER NOT NULL DEFAULT 0,
    away_told    INTEGER NOT NULL DEFAULT 0,
    time_zone    TEXT,
    quiet_hours  TEXT NOT NULL DEFAULT '',
    paused_until INTEGER
);
CREATE INDEX user_status_ends ON user_status(ends_at) WHERE ends_at IS NOT NULL;
CREATE INDEX user_status_active ON user_status(active_at) WHERE away_told = 0;
