-- A chat's picture (SQLite's step 55).
ALTER TABLE chats ADD COLUMN IF NOT EXISTS image TEXT NOT NULL DEFAULT '';
