-- Step 12 (issue 37 point 2): each member's notification level for a chat: 'all',
-- 'mentions' or 'off'; NULL follows the chat's default (domain::notify_levels).
ALTER TABLE chat_members ADD COLUMN notify_level TEXT
    CHECK (notify_level IN ('all', 'mentions', 'off'));
