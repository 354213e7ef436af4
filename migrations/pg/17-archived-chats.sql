-- Step 17: archived groups and rooms; see migrations/17-archived-chats.sql.
ALTER TABLE chats ADD COLUMN archived_at TEXT;
