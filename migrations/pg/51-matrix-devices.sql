-- A Matrix app's sign-in is a session with a device: the app's id for it (unique per
-- account, so signing in again as the same device replaces its token) and the name the
-- person gave it. A browser's session has neither. (IF NOT EXISTS: a database rewound
-- to an older version by hand runs the step again.)
ALTER TABLE sessions ADD COLUMN IF NOT EXISTS device_id TEXT;
ALTER TABLE sessions ADD COLUMN IF NOT EXISTS device_name TEXT;
CREATE UNIQUE INDEX IF NOT EXISTS sessions_device ON sessions(user_id, device_id) WHERE device_id IS NOT NULL;
