-- Step 32: when an administrator removed a message; see migrations/34-removed-messages.sql.
ALTER TABLE messages ADD COLUMN removed_at TEXT;
