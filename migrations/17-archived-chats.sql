-- Step 17: a group or room an administrator archived: everyone in it still reads it, and
-- nobody can post in it until it is unarchived. NULL: not archived.
ALTER TABLE chats ADD COLUMN archived_at TEXT;
