-- A Matrix app's sign-in is a session with a device: the app's id for it (unique per
-- account, so signing in again as the same device replaces its token) and the name the
-- person gave it. A browser's session has neither.
ALTER TABLE sessions ADD COLUMN device_id TEXT;
ALTER TABLE sessions ADD COLUMN device_name TEXT;
CREATE UNIQUE INDEX sessions_device ON sessions(user_id, device_id) WHERE device_id IS NOT NULL;
