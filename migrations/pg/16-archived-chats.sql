-- Step 16: archived groups and rooms; see migrations/16-archived-chats.sql.
ALTER TABLE chats ADD COLUMN archived_at TEXT;
